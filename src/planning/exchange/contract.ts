// The HTTP contract of the teacher-exchange plans (交流轮岗方案, issue 16 item 2). The bureau builds a plan from the
// teachers' roster (教师名册, issue 13) or uploads its teachers (one row each: id, school, subject, 骨干, years at the
// school, age); the server takes the schools' students and places from the registry, the optimiser (solve.ts, a MIP
// for HiGHS in a worker thread) proposes the moves, and the bureau edits them (each edit rechecked against every
// rule), re-solves with changed rules or pins, locks the plan (a roster plan's moves are then recorded in the
// teachers' exchange history) and exports it. Teacher rows are personal data: every route is 'planning.exchange' (the
// bureau and its personnel staff); each read of a plan and each export is audited.
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, Ok, YearParam } from '../../core/http/contract.js';
import { DEFAULT_EXCHANGE_RULES } from './model.js';

const tags = ['planning'];
const policy = { capability: 'planning.exchange' as const };

/** How the plan's figures are written on the page and in the workbook (core/format.ts formatNumber / excelFormat). */
export const EXCHANGE_FIGURES = {
  /** D = Σ|B_s − μ·P_s| (骨干 teachers): one decimal. */
  d: { decimals: 1 },
  /** 差异系数 (coefficient of variation): three decimals, as the balance evaluation writes it. */
  cv: { decimals: 3 },
  /** 骨干 per 100 students: two decimals. */
  per100: { decimals: 2 },
  /** A move's length in km: one decimal. */
  km: { decimals: 1 },
  /** Teachers, students, movers. */
  count: { decimals: 0 },
  /** The proven MIP gap, per cent with two decimals. */
  gap: { decimals: 2, percent: true },
  /** Rates and shares of the rules (10%, 20%). */
  share: { decimals: 0, percent: true },
} as const;

/** The largest plan the server takes (teachers in the file). */
export const MAX_EXCHANGE_TEACHERS = 20_000;

const PlanId = z.coerce.number().int().min(1).max(2_147_483_647);
const PlanParams = z.object({ id: PlanId });
const Code = z.string().trim().min(1).max(40);
const TeacherId = z.string().trim().min(1).max(64);

export const ExchangePinWire = z.object({ teacherId: TeacherId, kind: z.enum(['stay', 'move', 'not_to']), schoolCode: Code.optional() }).superRefine((p, ctx) => {
  if (p.kind === 'not_to' && !p.schoolCode) ctx.addIssue({ code: 'custom', path: ['schoolCode'], message: '“不调往”须填学校 / a “not to” pin needs its school' });
  if (p.kind === 'stay' && p.schoolCode) ctx.addIssue({ code: 'custom', path: ['schoolCode'], message: '“留任”不填学校 / a “stay” pin names no school' });
});
export type ExchangePinWire = z.infer<typeof ExchangePinWire>;

/** The rules as the bureau sets them (defaults: 教师〔2014〕4号 and the usual local limits). */
export const ExchangeRulesWire = z.object({
  /** Movers ≥ ⌈rate × eligible⌉. */
  rate: z.number().min(0).max(1),
  /** 骨干 movers ≥ ⌈backboneShare × movers⌉. */
  backboneShare: z.number().min(0).max(1),
  /** Eligible: years at the school ≥ minYears … */
  minYears: z.number().int().min(0).max(60),
  /** … and age < maxAge. */
  maxAge: z.number().int().min(18).max(80),
  /** No move longer than this (km, straight line). */
  maxKm: z.number().positive().max(2000),
  pins: z.array(ExchangePinWire).max(MAX_EXCHANGE_TEACHERS),
  /** The solver stops once its proven relative gap is at most this (fraction; 0.01 = 1 %). */
  mipGap: z.number().min(0).max(0.5).optional(),
  /** Seconds the solver may take (then it stops with the best plan so far and says so). */
  timeLimitSeconds: z.number().min(1).max(600).optional(),
});
export type ExchangeRulesWire = z.infer<typeof ExchangeRulesWire>;

const num = (min: number, max: number, dflt: number) => z.coerce.number().min(min).max(max).default(dflt);
const int = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);
const D = DEFAULT_EXCHANGE_RULES;

/** A new plan's name, school year and rules: query parameters beside the uploaded teacher file. */
export const ExchangeCreateQuery = z.object({
  name: z.string().trim().min(1).max(100),
  /** The school year whose enrolments are the schools' students (the moves take effect the year after). */
  year: YearParam,
  rate: num(0, 1, D.rate),
  backboneShare: num(0, 1, D.backboneShare),
  minYears: int(0, 60, D.minYears),
  maxAge: int(18, 80, D.maxAge),
  maxKm: z.coerce.number().positive().max(2000).default(D.maxKm),
  mipGap: num(0, 0.5, D.mipGap ?? 0.01),
  timeLimitSeconds: num(1, 600, D.timeLimitSeconds ?? 60),
});

export const ExchangeMetricsWire = z.object({
  teachers: z.number(),
  eligible: z.number(),
  required: z.number(),
  movers: z.number(),
  backboneMovers: z.number(),
  requiredBackbone: z.number(),
  dBefore: z.number(),
  dAfter: z.number(),
  cvBefore: z.number(),
  cvAfter: z.number(),
});

export const ExchangeViolationWire = z.object({
  rule: z.enum(['eligible', 'once', 'rate', 'backbone_share', 'balance', 'max_km', 'pin', 'unknown']),
  message: z.string(),
  teacherId: z.string().optional(),
  schoolCode: z.string().optional(),
  subject: z.string().optional(),
});
export type ExchangeViolationWire = z.infer<typeof ExchangeViolationWire>;

/** The optimiser's last run: its status and proven gap (honestly: a time limit says so), and its D. */
export const ExchangeSolveWire = z.object({
  method: z.string(),
  status: z.enum(['optimal', 'gap_reached', 'time_limit']),
  /** Proven relative gap of D (fraction). */
  mipGap: z.number(),
  seconds: z.number(),
  dAfter: z.number(),
  cvAfter: z.number(),
  movers: z.number(),
  solvedBy: z.string(),
  solvedAt: z.string(),
});

const Status = z.enum(['draft', 'locked']);

/** Where a plan's teachers came from: an uploaded file, or the teachers' roster (教师名册) of the plan's year. */
export const ExchangeSource = z.enum(['file', 'roster']);
export type ExchangeSource = z.infer<typeof ExchangeSource>;

export const ExchangePlanSummary = z.object({
  id: z.number(),
  name: z.string(),
  year: z.number(),
  status: Status,
  teachers: z.number(),
  eligible: z.number(),
  movers: z.number(),
  violations: z.number(),
  dBefore: z.number(),
  dAfter: z.number(),
  cvBefore: z.number(),
  cvAfter: z.number(),
  mipGap: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
  /** The service always fills it (absent only in code that builds a summary without the service). */
  source: ExchangeSource.optional(),
});
export type ExchangePlanSummary = z.infer<typeof ExchangePlanSummary>;

export const ExchangeMoveWire = z.object({
  teacherId: z.string(),
  from: z.string(),
  fromName: z.string(),
  to: z.string(),
  toName: z.string(),
  subject: z.string(),
  backbone: z.boolean(),
  km: z.number(),
});
export type ExchangeMoveWire = z.infer<typeof ExchangeMoveWire>;

export const ExchangeTeacherWire = z.object({
  teacherId: z.string(),
  schoolCode: z.string(),
  subject: z.string(),
  backbone: z.boolean(),
  yearsAtSchool: z.number(),
  age: z.number(),
  /** Eligible under the plan's rules. */
  eligible: z.boolean(),
  /** At a school in the plan (false: the school has no place or no students in the registry, left out). */
  included: z.boolean(),
});
export type ExchangeTeacherWire = z.infer<typeof ExchangeTeacherWire>;

export const ExchangeSchoolWire = z.object({
  schoolCode: z.string(),
  schoolName: z.string(),
  students: z.number(),
  xKm: z.number(),
  yKm: z.number(),
  teachers: z.number(),
  backboneBefore: z.number(),
  backboneAfter: z.number(),
  /** 骨干 per 100 students before and after the moves. */
  per100Before: z.number().nullable(),
  per100After: z.number().nullable(),
  arrivals: z.number(),
  departures: z.number(),
});
export type ExchangeSchoolWire = z.infer<typeof ExchangeSchoolWire>;

/** A registry school the plan leaves out: no coordinates, or no students in the plan's year. */
export const ExchangeExcludedWire = z.object({
  schoolCode: z.string(),
  schoolName: z.string(),
  reason: z.enum(['no_place', 'no_students', 'no_place_no_students']),
  /** Teachers of the file at this school (they stay; nobody moves there). */
  teachers: z.number(),
});
export type ExchangeExcludedWire = z.infer<typeof ExchangeExcludedWire>;

/** Arrivals and departures of one subject at one school (only pairs with a move). */
export const ExchangeFlowWire = z.object({ schoolCode: z.string(), subject: z.string(), arrivals: z.number(), departures: z.number() });
export type ExchangeFlowWire = z.infer<typeof ExchangeFlowWire>;

export const ExchangePlanDetail = ExchangePlanSummary.extend({
  method: z.string(),
  fileName: z.string(),
  rules: ExchangeRulesWire,
  metrics: ExchangeMetricsWire,
  violations: z.array(ExchangeViolationWire),
  solve: ExchangeSolveWire,
  /** The moves were changed by hand after the optimiser's last run. */
  edited: z.boolean(),
  /** District 骨干 per 100 students (μ × 100) over the schools in the plan. */
  per100District: z.number().nullable(),
  moves: z.array(ExchangeMoveWire),
  teachers: z.array(ExchangeTeacherWire),
  schools: z.array(ExchangeSchoolWire),
  excluded: z.array(ExchangeExcludedWire),
  flows: z.array(ExchangeFlowWire),
});
export type ExchangePlanDetail = z.infer<typeof ExchangePlanDetail>;

/** The lock's answer: the plan, and whether its moves were written into the teachers' exchange history. */
export const ExchangeLockAnswer = ExchangePlanSummary.extend({
  /** Moves recorded (a roster plan); null: a plan from an uploaded file records nothing. */
  recordedMoves: z.number().nullable(),
  /** 中文 / English: what was recorded, or why nothing was. */
  recordNote: z.string(),
});
export type ExchangeLockAnswer = z.infer<typeof ExchangeLockAnswer>;

const planKey = ({ params }: { params: { id: number } }) => `exchange-plan:${params.id}`;

export const exchangeApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/planning/exchange/plans',
    summary: '教师交流轮岗方案列表（名称、学年、状态、调动人数与差异系数；不含教师明细） / the teacher-exchange plans (name, year, status, movers and CV; no teacher rows)',
    tags,
    policy,
    response: z.object({ plans: z.array(ExchangePlanSummary) }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/planning/exchange/plans',
    summary:
      '新建交流轮岗方案：上传教师名单（.xlsx/.csv：教师编号、学校代码、学科、骨干 1/0、本校任教年限、年龄），学校在校生数与位置取自学校名录，按规则求解并保存为草案（出错时逐格列出；规则无法同时满足时指出是哪一条） / create a teacher-exchange plan: upload the teachers (.xlsx/.csv: id, school code, subject, 骨干 1/0, years at the school, age); students and places come from the registry; solved under the rules and stored as a draft (every bad cell named; infeasible rules name the binding one)',
    tags,
    policy,
    query: ExchangeCreateQuery,
    upload: true,
    response: ExchangePlanDetail,
  }),
  createFromRoster: endpoint({
    method: 'POST',
    path: '/api/planning/exchange/plans/from-roster',
    summary:
      '从教师名册新建交流轮岗方案：该学年名册中公办在办学校的专任教师（主教学科；骨干 = 县级及以上；本校任教年限 = 学年 − 本校任教起始年；年龄 = 学年 − 出生年），按规则求解并保存为草案；锁定后调动写入教师交流记录 / create a teacher-exchange plan from the roster: the 专任 teachers of the public, open schools in that school year’s roster (main subject; 骨干 = county level or above; years at the school = year − start year at the school; age = year − birth year), solved under the rules and stored as a draft; once locked, its moves are recorded in the teachers’ exchange history',
    tags,
    policy,
    query: ExchangeCreateQuery,
    response: ExchangePlanDetail,
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/planning/exchange/plans/:id',
    summary:
      '一个交流轮岗方案：规则、指标、调动名单、违规项、各校各学科调入调出、各校每百名学生骨干教师数（含教师个人信息，每次查看记入审计日志） / one plan: rules, figures, moves, violations, arrivals and departures per school and subject, 骨干 per 100 students per school (teachers’ personal data; every read audited)',
    tags,
    policy,
    params: PlanParams,
    response: ExchangePlanDetail,
    audit: { action: 'read', entity: 'exchange-plan', key: planKey, count: ({ answer }) => answer.teachers.length },
  }),
  editMoves: endpoint({
    method: 'PUT',
    path: '/api/planning/exchange/plans/:id/moves',
    summary: '修改草案的调动名单（整体替换；按全部规则重新检查并保存违规项与指标） / edit a draft’s moves (the whole list; rechecked against every rule, violations and figures stored)',
    tags,
    policy,
    params: PlanParams,
    body: z.object({ moves: z.array(z.object({ teacherId: TeacherId, to: Code })).max(MAX_EXCHANGE_TEACHERS) }),
    response: ExchangePlanDetail,
  }),
  solve: endpoint({
    method: 'POST',
    path: '/api/planning/exchange/plans/:id/solve',
    summary: '按修改后的规则或指定（留任、必须调动、不调往某校）重新求解草案 / re-solve a draft with changed rules or pins (stay, must move, not to a school)',
    tags,
    policy,
    params: PlanParams,
    body: z.object({ rules: ExchangeRulesWire }),
    response: ExchangePlanDetail,
  }),
  lock: endpoint({
    method: 'POST',
    path: '/api/planning/exchange/plans/:id/lock',
    summary:
      '锁定方案（仍有违规项时拒绝；锁定后只读，记入审计日志）；从教师名册生成的方案在同一事务中把调动写入教师交流记录，上传名单生成的方案不写入 / lock a plan (refused while a rule is broken; read-only afterwards; audited); a plan from the roster records its moves in the teachers’ exchange history in the same transaction, a plan from an uploaded file records nothing',
    tags,
    policy,
    params: PlanParams,
    response: ExchangeLockAnswer,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/planning/exchange/plans/:id',
    summary: '删除草案（已锁定的方案不能删除） / delete a draft (a locked plan cannot be deleted)',
    tags,
    policy,
    params: PlanParams,
    response: Ok,
  }),
  export: endpoint({
    method: 'GET',
    path: '/api/planning/exchange/plans/:id/export.xlsx',
    summary:
      '方案导出 .xlsx：调动名单、概况（规则、D 与差异系数前后、求解间隙）、各校、各校学科（每次导出记入审计日志） / the plan as .xlsx: moves, summary (rules, D and CV before and after, gap), schools, schools × subjects (every export audited)',
    tags,
    policy,
    params: PlanParams,
    query: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
    produces: 'xlsx',
    audit: { action: 'export', entity: 'exchange-plan', key: planKey },
  }),
  template: endpoint({
    method: 'GET',
    path: '/api/planning/exchange/template.xlsx',
    summary: '教师名单模板 .xlsx（列、填写说明、本县学校代码） / the teacher file template (.xlsx: columns, instructions, the district’s school codes)',
    tags,
    policy,
    produces: 'xlsx',
  }),
};
