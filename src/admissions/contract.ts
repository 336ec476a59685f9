// The HTTP contract of admissions (阳光招生): draws (电脑派位) as a workflow the bureau runs — create, import the
// applicants, publish the list's hash (公示), enter the entropy drawn on site and run, publish the result — the
// 公民同招 report per stage and school, and the public pages' data (no sign-in: published draws only, names masked).
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, Ok } from '../core/http/contract.js';

export const DRAW_METHODS = ['junheng-lottery-v1', 'junheng-assign-v1'] as const;
/** 公民同招: private (民办) schools' lotteries come first, then the public (公办) catchments. */
export const DRAW_STAGES = ['private', 'public'] as const;
export const DRAW_STATUSES = ['draft', 'list_published', 'drawn', 'result_published'] as const;

const tags = ['admissions'];
const read = { capability: 'admissions.read' as const };
const manage = { capability: 'admissions.manage' as const };

const Code = z.string().trim().min(1).max(60);
const DrawParams = z.object({ code: Code });
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Seats = z.coerce.number().int().min(1).max(100_000);

export const DrawCreate = z
  .object({
    code: Code,
    name: z.string().trim().min(1).max(100),
    year: z.coerce.number().int().min(2000).max(2100),
    method: z.enum(DRAW_METHODS),
    stage: z.enum(DRAW_STAGES),
    schoolCode: z.string().trim().min(1).max(40).nullish(),
    seats: Seats.nullish(),
    catchment: z.string().trim().max(100).nullish(),
    capacities: z
      .array(z.object({ schoolCode: z.string().trim().min(1).max(40), seats: Seats }))
      .max(200)
      .nullish(),
    priorityRules: z.string().trim().max(2000).nullish(),
    drawDate: DateText.nullish(),
    corrects: Code.nullish(),
  })
  .superRefine((d, ctx) => {
    if (d.method === 'junheng-lottery-v1') {
      if (!d.schoolCode) ctx.addIssue({ code: 'custom', path: ['schoolCode'], message: '单校派位需填学校 / a lottery needs its school' });
      if (!d.seats) ctx.addIssue({ code: 'custom', path: ['seats'], message: '单校派位需填学位数 / a lottery needs its seats' });
    } else if (!d.capacities?.length) ctx.addIssue({ code: 'custom', path: ['capacities'], message: '多校划片需填各校学位数 / an assignment needs each school’s seats' });
  });
export type DrawCreate = z.infer<typeof DrawCreate>;

export const DrawSchema = z.object({
  code: z.string(),
  name: z.string(),
  year: z.number(),
  method: z.enum(DRAW_METHODS),
  stage: z.enum(DRAW_STAGES),
  schoolCode: z.string().nullable(),
  schoolName: z.string().nullable(),
  seats: z.number().nullable(),
  catchment: z.string().nullable(),
  capacities: z.array(z.object({ schoolCode: z.string(), schoolName: z.string().nullable(), seats: z.number() })).nullable(),
  priorityRules: z.string().nullable(),
  drawDate: z.string().nullable(),
  status: z.enum(DRAW_STATUSES),
  applicants: z.number(),
  listHash: z.string().nullable(),
  listPublishedAt: z.string().nullable(),
  entropy: z.array(z.string()).nullable(),
  seed: z.string().nullable(),
  drawnAt: z.string().nullable(),
  resultPublishedAt: z.string().nullable(),
  corrects: z.string().nullable(),
  /** The draws that correct this one. */
  correctedBy: z.array(z.string()),
});
export type Draw = z.infer<typeof DrawSchema>;

export const ApplicantSchema = z.object({
  applicantId: z.string(),
  priority: z.number(),
  choices: z.array(z.string()).nullable(),
  /** The full name for the bureau, masked (张*三) for everyone else, null when the file had none. */
  name: z.string().nullable(),
  row: z.number(),
  /** After the draw: rank, and admitted (lottery) or the school placed in (assignment; null = unplaced). */
  rank: z.number().nullable(),
  admitted: z.boolean().nullable(),
  placedAt: z.string().nullable(),
});

/** The published JSON of a method (snake_case), as docs/methods/admissions.md defines it. */
export const ResultJson = z.record(z.string(), z.unknown());

export const DrawDetail = z.object({ draw: DrawSchema, applicants: z.array(ApplicantSchema), result: ResultJson.nullable(), namesShown: z.enum(['full', 'masked', 'none']) });
export type DrawDetail = z.infer<typeof DrawDetail>;

export const StageRow = z.object({
  stage: z.enum(DRAW_STAGES),
  drawCode: z.string(),
  drawName: z.string(),
  status: z.enum(DRAW_STATUSES),
  schoolCode: z.string(),
  schoolName: z.string().nullable(),
  seats: z.number(),
  /** Applicants who listed the school (a lottery: all; an assignment: anywhere on their list). */
  applied: z.number(),
  firstChoice: z.number(),
  admitted: z.number(),
  /** Lottery: the waiting list (候补). */
  waiting: z.number(),
});
export const StageReport = z.object({
  year: z.number(),
  rows: z.array(StageRow),
  /** Per public draw: applicants placed nowhere, to be placed by the bureau (统筹安排). */
  unplaced: z.array(z.object({ drawCode: z.string(), drawName: z.string(), count: z.number() })),
});

export const PublicDrawSummary = z.object({
  districtId: z.string(),
  districtName: z.string(),
  code: z.string(),
  name: z.string(),
  year: z.number(),
  method: z.enum(DRAW_METHODS),
  stage: z.enum(DRAW_STAGES),
  status: z.enum(DRAW_STATUSES),
  applicants: z.number(),
});
export const PublicDraw = z.object({
  districtId: z.string(),
  districtName: z.string(),
  draw: DrawSchema,
  /** IDs, priorities and choices (what the hash covers) and masked names. */
  applicants: z.array(ApplicantSchema),
  result: ResultJson.nullable(),
});
export type PublicDraw = z.infer<typeof PublicDraw>;

export const QuotaPlanCreate = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  highSchool: z.string().trim().min(1).max(100),
  places: z.coerce.number().int().min(1).max(100_000),
  minPerSchool: z.coerce.number().int().min(0).max(10_000),
  /** A decimal ≥ 1 as written ("1.2"), used as an exact fraction. */
  ruralWeight: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, '如 1.2 / e.g. 1.2'),
  /** Registry locations that count as rural; default 乡村. */
  ruralLocations: z
    .array(z.enum(['城区', '镇区', '乡村']))
    .min(1)
    .default(['乡村']),
  /** The 中考 exam to admit from (optional: allocation only). */
  examId: z.coerce.number().int().positive().nullish(),
  /** The quota's lowered control line (total ≥ line). */
  controlLine: z.coerce.number().min(0).max(10_000).nullish(),
  /** Tie-break subjects, in order. */
  tieSubjects: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type QuotaPlanCreate = z.infer<typeof QuotaPlanCreate>;

const QuotaAllocationRow = z.object({ schoolCode: z.string(), schoolName: z.string().nullable(), graduates: z.number(), rural: z.boolean(), places: z.number(), capped: z.boolean() });
const QuotaAdmissionRow = z.object({
  schoolCode: z.string(),
  quota: z.number(),
  sat: z.number(),
  eligible: z.number(),
  admitted: z.number(),
  lowestAdmitted: z.number().nullable(),
  unfilled: z.number(),
  tiedBeyond: z.number(),
  /** The admitted students (学籍号, total, rank): the bureau's only; empty for others. */
  students: z.array(z.object({ studentId: z.string(), total: z.number(), rank: z.number() })),
});
export const QuotaPlanSchema = z.object({
  id: z.number(),
  year: z.number(),
  highSchool: z.string(),
  version: z.number(),
  places: z.number(),
  minPerSchool: z.number(),
  ruralWeight: z.string(),
  ruralLocations: z.array(z.string()),
  examId: z.number().nullable(),
  examName: z.string().nullable(),
  controlLine: z.number().nullable(),
  tieSubjects: z.array(z.string()),
  method: z.string(),
  admissionMethod: z.string().nullable(),
  allocations: z.array(QuotaAllocationRow),
  admission: z.array(QuotaAdmissionRow).nullable(),
  /** Places returned to the general pool (Σ unfilled). */
  returned: z.number().nullable(),
  /** quota v1's published JSON, for recomputation (junheng admissions quota). */
  allocationJson: ResultJson,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type QuotaPlan = z.infer<typeof QuotaPlanSchema>;

export const admissionsApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admissions/draws',
    summary: '派位列表 / the draws',
    tags,
    policy: read,
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    response: z.object({ draws: z.array(DrawSchema) }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/admissions/draws',
    summary: '新建派位(单校派位或多校划片;更正已公布的派位时填 corrects) / create a draw (a correction names the draw it corrects)',
    tags,
    policy: manage,
    body: DrawCreate,
    response: z.object({ draw: DrawSchema }),
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/admissions/draws/:code',
    summary: '一次派位:参数、报名名单(教育局见姓名,其他人见遮盖的姓名)与结果 / one draw: parameters, the applicants (names for the bureau, masked for others) and the result',
    tags,
    policy: read,
    params: DrawParams,
    response: DrawDetail,
    audit: {
      action: 'read',
      entity: 'admission-applicants',
      key: ({ params, answer }) => (answer.namesShown === 'full' ? `draw:${params.code}` : null),
      count: ({ answer }) => answer.applicants.length,
    },
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/admissions/draws/:code',
    summary: '删除草稿派位(公示后不可删除) / delete a draft draw (not once its list is published)',
    tags,
    policy: manage,
    params: DrawParams,
    response: Ok,
  }),
  importApplicants: endpoint({
    method: 'POST',
    path: '/api/admissions/draws/:code/applicants',
    summary: '导入报名名单(.xlsx/.csv,UTF-8 或 GBK;有问题时 422 列出每一行) / import the applicants (422 naming every bad row)',
    tags,
    policy: manage,
    params: DrawParams,
    upload: true,
    response: z.object({ draw: DrawSchema }),
  }),
  publishList: endpoint({
    method: 'POST',
    path: '/api/admissions/draws/:code/publish-list',
    summary: '公示报名名单:计算并公布 list_hash,此后名单不可更改 / publish the list hash (公示): the list is frozen from then on',
    tags,
    policy: manage,
    params: DrawParams,
    response: z.object({ draw: DrawSchema }),
  }),
  run: endpoint({
    method: 'POST',
    path: '/api/admissions/draws/:code/run',
    summary: '录入现场摇号数并派位(只能进行一次) / enter the entropy drawn on site and run the draw (once only)',
    tags,
    policy: manage,
    params: DrawParams,
    body: z.object({ entropy: z.array(z.string().trim().min(1).max(200)).min(1).max(20) }),
    response: DrawDetail,
  }),
  publishResult: endpoint({
    method: 'POST',
    path: '/api/admissions/draws/:code/publish-result',
    summary: '公布派位结果(此后不可更改) / publish the result (never changed after)',
    tags,
    policy: manage,
    params: DrawParams,
    response: z.object({ draw: DrawSchema }),
  }),
  stageReport: endpoint({
    method: 'GET',
    path: '/api/admissions/report',
    summary: '公民同招各阶段各校报名、录取、候补与未录取人数 / 公民同招: applied, admitted, waiting and unplaced per stage and school',
    tags,
    policy: read,
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    response: StageReport,
  }),
  publicList: endpoint({
    method: 'GET',
    path: '/api/public/draws',
    summary: '已公示的派位(无需登录) / the draws whose list or result is published (no sign-in)',
    tags,
    policy: { capability: 'public' },
    response: z.object({ draws: z.array(PublicDrawSummary) }),
  }),
  publicGet: endpoint({
    method: 'GET',
    path: '/api/public/draws/:district/:code',
    summary: '一次已公示的派位:名单(编号、优先级、志愿、遮盖的姓名)、现场摇号数与结果,供任何人复核 / one published draw with everything needed to recompute it (no sign-in)',
    tags,
    policy: { capability: 'public' },
    params: z.object({ district: z.string().trim().min(1).max(20), code: Code }),
    response: PublicDraw,
  }),
  publicVerifier: endpoint({
    method: 'GET',
    path: '/api/public/verifier.html',
    summary: '离线复核文件(单个 .html,不联网即可复核下载的派位数据) / the offline verifier: one .html that recomputes a downloaded draw without a network',
    tags,
    policy: { capability: 'public' },
    produces: 'html',
  }),
  quotaList: endpoint({
    method: 'GET',
    path: '/api/admissions/quotas',
    summary: '名额分配方案(各年度各高中,含历次版本) / quota allocations (per year and high school, every version)',
    tags,
    policy: read,
    response: z.object({ plans: z.array(QuotaPlanSchema) }),
  }),
  quotaCreate: endpoint({
    method: 'POST',
    path: '/api/admissions/quotas',
    summary: '按名额分配方法计算一个新版本(毕业生数取自学籍登记;指定中考考试时同时按控制线录取) / compute a new version of a quota allocation (and the admission, when a 中考 exam is named)',
    tags,
    policy: manage,
    body: QuotaPlanCreate,
    response: z.object({ plan: QuotaPlanSchema }),
  }),
  quotaGet: endpoint({
    method: 'GET',
    path: '/api/admissions/quotas/:id',
    summary: '一个名额分配方案:各校名额、录取人数、达到的分数线 / one quota allocation: places, admitted and the line reached per school',
    tags,
    policy: read,
    params: z.object({ id: z.coerce.number().int().positive() }),
    response: z.object({ plan: QuotaPlanSchema }),
    audit: { action: 'read', entity: 'quota-admission', key: ({ params, answer }) => (answer.plan.admission?.some((a) => a.students.length) ? `quota:${params.id}` : null) },
  }),
  resultXlsx: endpoint({
    method: 'GET',
    path: '/api/admissions/draws/:code/list.xlsx',
    summary: '派位名单或结果 .xlsx(公示用:姓名遮盖;names=full 时教育局可导出全名) / the list or result as .xlsx for posting (names masked; names=full for the bureau)',
    tags,
    policy: read,
    params: DrawParams,
    query: z.object({ names: z.enum(['masked', 'full']).default('masked') }),
    produces: 'xlsx',
    audit: { action: 'export', entity: 'admission-applicants', key: ({ params, query }) => (query.names === 'full' ? `draw:${params.code}` : null) },
  }),
};
