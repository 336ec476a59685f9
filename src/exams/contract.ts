// The HTTP contract of exams (成绩检测): exams and their settings, the score import and its job, the district
// report (JSON, PDF, .xlsx), a school's students, a student's report card, the comparison with an earlier exam
// and the item analysis. Who sees what is the policy's (core/auth/policy.ts): the aggregates by 'exams.read'
// (a clerk's report cut to their own school), student rows by 'students.read' (the school checked), names
// by 'students.names' (decided per school in the service), changes by 'exams.manage', deletion by 'exams.delete'.
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, Ok } from '../core/http/contract.js';
import type { ExamAnalysis } from './analysis/analyze.js';
import type { ItemAnalysis } from './items/analyze-items.js';
import type { ImportProblem } from './import/problems-list.js';

/**
 * Mutual assignability: a zod schema and the TypeScript type it describes agree (checked by tsc). The checks
 * against server-only modules (jobs, tables) are in service.ts, so that this module stays free of them.
 */
export type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const agree = <T extends true>(_: T) => undefined;

// ---------- model constants ----------

export const EXAM_TYPES = ['期中', '期末', '学业水平', '中考', '联考', 'other'] as const;
/** 总分: the key of the total in every per-column record of a report. */
export { TOTAL } from './defaults.js';
export const JOB_PHASES = ['queued', 'reading', 'checking', 'analysing', 'writing', 'done', 'failed'] as const;
/** A score cell without a score: 缺考, 作弊, 免考 (null = a normal score). */
export const MARKS = ['absent', 'voided', 'exempt'] as const;

// ---------- inputs ----------

/** A share of full marks as a decimal string ("0.85"); numbers are accepted and written as strings. */
const Share = z.union([z.string().trim(), z.number()]).transform((v) => (typeof v === 'number' ? String(v) : v));
const NullableShare = z.union([Share, z.null()]);
const SubjectInput = z.object({
  subject: z.string().trim().min(1).max(40),
  fullMarks: z.coerce.number().positive().max(1000),
  excellent: NullableShare.optional(),
  pass: NullableShare.optional(),
  low: NullableShare.optional(),
  items: z
    .array(z.object({ label: z.string().trim().min(1).max(20), fullMarks: z.coerce.number().positive().max(1000), objective: z.boolean().optional() }))
    .max(200)
    .optional(),
});
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ExamFields = {
  name: z.string().trim().min(1).max(100),
  date: DateText.nullish(),
  term: z.string().trim().max(40).nullish(),
  grade: z.coerce.number().int().min(1).max(12),
  type: z.enum(EXAM_TYPES),
  scope: z.string().trim().max(200).nullish(),
  excellent: Share.optional(),
  pass: Share.optional(),
  low: Share.optional(),
  bottomPercentile: z.coerce.number().min(1).max(99).optional(),
};
export const ExamCreate = z.object({ ...ExamFields, subjects: z.array(SubjectInput).min(1).max(30) });
export const ExamChange = z.object({
  ...ExamFields,
  name: ExamFields.name.optional(),
  grade: ExamFields.grade.optional(),
  type: ExamFields.type.optional(),
  subjects: z.array(SubjectInput).min(1).max(30).optional(),
  /** Hide ranks (名次) from clerks and viewers (callers without 'exams.ranks'); only once scores are imported. */
  hideRanks: z.boolean().optional(),
});

const Id = z.coerce.number().int().positive();
const IdParams = z.object({ id: Id });
const SchoolCode = z.string().trim().min(1).max(40);

// ---------- answers ----------

export const ExamSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  date: z.string().nullable(),
  term: z.string().nullable(),
  grade: z.number().int(),
  type: z.enum(EXAM_TYPES),
  scope: z.string().nullable(),
  /** The exam's cut lines, shares of full marks as decimal strings ("0.85"). */
  excellent: z.string(),
  pass: z.string(),
  low: z.string(),
  bottomPercentile: z.number(),
  /** Ranks (名次) are hidden from callers without 'exams.ranks' (clerks, viewers): the exam's option, else the installation's default. */
  hideRanks: z.boolean(),
  /** Cut lines as in effect: the subject's own, else the exam's; `custom` tells which. */
  subjects: z.array(
    z.object({
      subject: z.string(),
      fullMarks: z.number(),
      excellent: z.string(),
      pass: z.string(),
      low: z.string(),
      custom: z.boolean(),
      items: z.array(z.object({ label: z.string(), fullMarks: z.number(), objective: z.boolean() })),
    }),
  ),
  studentCount: z.number().int(),
  importedAt: z.string().nullable(),
  status: z.enum(['empty', 'ready']),
  sourceFile: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ExamDto = z.infer<typeof ExamSchema>;

const num = z.number().nullable();
export const StatsSchema = z.object({
  n: z.number(),
  mean: num,
  sd: num,
  median: num,
  q1: num,
  q3: num,
  min: num,
  max: num,
  excellent_rate: num,
  pass_rate: num,
  low_rate: num,
  score_rate: num,
  over_mean_rate: num,
  bands: z.object({ edges: z.array(z.number()), counts: z.array(z.number()) }),
  /** Fewer students than the small-cell minimum, for a caller without pupil-level rights here: every figure is null (privacy.ts). */
  suppressed: z.boolean().optional(),
});
const Group = { n: z.number(), allPassRate: num, stats: z.record(z.string(), StatsSchema) };
export const ReportSchema = z.object({
  subjects: z.array(z.string()),
  district: z.object(Group),
  schools: z.array(z.object({ ...Group, school: z.string() })),
  classes: z.array(z.object({ ...Group, school: z.string(), class: z.string() })),
  cvOfSchoolMeans: z.object({ cv: num, limit: z.number(), pass: z.boolean().nullable() }),
  bottom: z.object({
    percentile: z.number(),
    threshold: num,
    schools: z.array(z.object({ school: z.string(), n: z.number(), count: num, rate: num, flagged: z.boolean(), suppressed: z.boolean().optional() })),
  }),
  shape: z.record(
    z.string(),
    z.object({
      skewness: num,
      kurtosis: num,
      normality: z.object({ statistic: num, p: num, test: z.literal('DAgostinoPearsonK2') }),
      histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number()), normal: z.array(z.number()) }),
    }),
  ),
  balance: z.array(z.object({ school: z.string(), subjects: z.record(z.string(), num) })),
  /** Set when small cells were withheld for the caller: the minimum number of students of a published cell. */
  minCellSize: z.number().optional(),
});
/** The report as answered: the analysis (ExamAnalysis['report']), with small cells possibly withheld (privacy.ts). */
export type Report = z.infer<typeof ReportSchema>;
export const fitsReport = (r: ExamAnalysis['report']): Report => r;

/** The settings the report was computed with: 后x% and the subjects with their cut lines (shares). */
export const ReportSettingsSchema = z.object({
  bottomPercentile: z.number(),
  flagShare: z.number().optional(),
  bandWidth: z.record(z.string(), z.number()).optional(),
  cvLimit: z.number().optional(),
  totalCuts: z.object({ excellent: z.number(), pass: z.number(), low: z.number() }).optional(),
  subjects: z.array(z.object({ name: z.string(), full: z.number(), excellent: z.number(), pass: z.number(), low: z.number() })),
});

export const ImportProblemSchema = z.object({ file: z.string(), sheet: z.string(), row: z.number(), column: z.string(), header: z.string(), reason: z.string() });
agree<Agree<z.infer<typeof ImportProblemSchema>, ImportProblem>>(true);

export const ImportResultSchema = z.object({
  examId: z.number(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.enum(['utf-8', 'gbk']).nullable(),
  layout: z.array(z.enum(['wide', 'long'])),
  students: z.number(),
  schools: z.number(),
  classes: z.number(),
  /** Cells without a score: 缺考 (written, or an empty cell), 作弊, 免考, and (long sheets) no row for the subject. */
  marks: z.object({ absent: z.number(), blank: z.number(), voided: z.number(), exempt: z.number(), missing: z.number() }),
  /** Students of the previous import, now replaced. */
  replaced: z.number(),
  seconds: z.number(),
  /** Seconds per phase: reading and checking the file, the analysis, the transaction. */
  phases: z.object({ reading: z.number(), analysing: z.number(), writing: z.number() }),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const JobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** What the job works on, e.g. { examId: 3, fileName: '中考.xlsx' }. */
  subject: z.record(z.string(), z.unknown()),
  username: z.string(),
  phase: z.enum(JOB_PHASES),
  /** The job's state (durable, core/jobs): interrupted = the server stopped during the import; nothing was written. */
  state: z.enum(['queued', 'running', 'done', 'failed', 'interrupted']),
  /** Why it failed or was interrupted, '中文 / English'. */
  message: z.string().nullable(),
  /** Progress within the phase; total 0 = unknown. */
  done: z.number(),
  total: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The import's result once done. */
  result: ImportResultSchema.nullable(),
  error: z.object({ status: z.number(), code: z.string(), message: z.string() }).nullable(),
  problems: z.array(ImportProblemSchema).nullable(),
});

const Mark = z.enum(MARKS).nullable();
export const StudentRowSchema = z.object({
  studentId: z.string(),
  /** null unless the user may see names at the student's school ('students.names'). */
  name: z.string().nullable(),
  gender: z.string().nullable(),
  schoolCode: z.string(),
  className: z.string(),
  /** Per subject of the exam, in its order; null = no score (see marks). */
  scores: z.array(z.number().nullable()),
  marks: z.array(Mark),
  total: num,
  rankDistrict: num,
  rankSchool: num,
  rankClass: num,
  z: num,
  t: num,
});
export type StudentRow = z.infer<typeof StudentRowSchema>;

const ExamRef = z.object({ id: z.number(), name: z.string() });
const ExamDated = ExamRef.extend({ date: z.string().nullable() });
const Means = z.object({ class: num, school: num, district: num });

export const SchoolStudentsSchema = z.object({
  exam: ExamRef,
  subjects: z.array(z.object({ subject: z.string(), fullMarks: z.number() })),
  schoolCode: z.string(),
  namesShown: z.boolean(),
  students: z.array(StudentRowSchema),
});

export const StudentCardSchema = z.object({
  exam: ExamDated,
  student: z.object({ studentId: z.string(), name: z.string().nullable(), gender: z.string().nullable(), schoolCode: z.string(), className: z.string() }),
  subjects: z.array(
    z.object({
      subject: z.string(),
      fullMarks: z.number(),
      score: num,
      mark: Mark,
      rankDistrict: num,
      rankSchool: num,
      rankClass: num,
      t: num,
      means: Means,
    }),
  ),
  total: z.object({ score: num, fullMarks: z.number(), rankDistrict: num, rankSchool: num, rankClass: num, z: num, t: num, means: Means }),
  counts: z.object({ district: num, school: num, class: num }),
});

export const CompareSchema = z.object({
  exam: ExamDated,
  with: ExamDated,
  /** Students (学籍号) with a 总分 rank in both exams. */
  linked: z.number(),
  /** Students of the later exam not in the earlier one. */
  onlyLater: z.number(),
  schools: z.array(z.object({ schoolCode: z.string(), n: z.number(), rankChange: num, percentileChange: num, suppressed: z.boolean().optional() })),
});

const DifficultyBand = z.enum(['too_hard', 'hard', 'suitable', 'easy', 'too_easy']);
const DiscriminationBand = z.enum(['very_good', 'good', 'passable', 'poor']);
export const ItemAnalysisSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      full: z.number(),
      objective: z.boolean(),
      n: z.number(),
      difficulty: num,
      discrimination: num,
      itemTotal: num,
      itemRest: num,
      difficultyBand: DifficultyBand.nullable(),
      discriminationBand: DiscriminationBand.nullable(),
    }),
  ),
  groups: z.object({ n: z.number(), k: z.number(), highCut: num, lowCut: num, share: z.number() }),
  paper: z.object({
    difficulty: num,
    discrimination: num,
    reliability: z.object({
      n: z.number(),
      k: z.number(),
      itemVariances: z.array(z.number()),
      totalVariance: num,
      alpha: num,
      kr20: num,
      splitHalf: num,
      spearmanBrown: num,
      sem: num,
    }),
    alphaAcceptable: z.boolean().nullable(),
  }),
});
agree<Agree<z.infer<typeof ItemAnalysisSchema>, ItemAnalysis>>(true);

export const ItemsSchema = z.object({ exam: ExamRef, subject: z.string(), fullMarks: z.number(), students: z.number(), analysis: ItemAnalysisSchema });

// ---------- routes ----------

const tags = ['成绩检测 / exams'];
const read = { capability: 'exams.read' } as const;
const manage = { capability: 'exams.manage' } as const;

export const examsApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/exams',
    summary: '考试列表 / the exams of the district',
    tags,
    policy: read,
    response: z.object({ exams: z.array(ExamSchema) }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/exams',
    summary: '新建考试（科目、满分、分数线） / create an exam: subjects, full marks, cut lines (201)',
    tags,
    policy: manage,
    body: ExamCreate,
    response: z.object({ exam: ExamSchema }),
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/exams/:id',
    summary: '一次考试及其设置 / one exam and its settings',
    tags,
    policy: read,
    params: IdParams,
    response: z.object({ exam: ExamSchema }),
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/exams/:id',
    summary: '修改考试设置（已导入时按存储的成绩重新分析） / change an exam’s settings (re-analyses stored scores)',
    tags,
    policy: manage,
    params: IdParams,
    body: ExamChange,
    response: z.object({ exam: ExamSchema }),
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/exams/:id',
    summary: '删除考试及其全部成绩 / delete an exam with all its scores',
    tags,
    policy: { capability: 'exams.delete' },
    params: IdParams,
    response: Ok,
  }),
  importScores: endpoint({
    method: 'POST',
    path: '/api/exams/:id/import',
    summary: '导入成绩（.xlsx/.csv）：202 {jobId};?wait=1 等待结果，文件有问题时 422 列出全部问题 / import scores: 202 {jobId}; with ?wait=1 the result, or 422 with every problem',
    tags,
    policy: manage,
    params: IdParams,
    query: z.object({ wait: z.enum(['1', 'true', '0', 'false']).optional() }),
    upload: true,
    response: z.object({ jobId: z.string(), job: JobSchema.optional(), result: ImportResultSchema.optional() }),
  }),
  template: endpoint({
    method: 'GET',
    path: '/api/exams/:id/template.xlsx',
    summary: '本次考试的成绩导入模板（.xlsx:科目与满分为列，学校代码下拉列表，填写说明） / the score template of this exam, importable as it is',
    tags,
    policy: manage,
    params: IdParams,
    produces: 'xlsx',
  }),
  job: endpoint({
    method: 'GET',
    path: '/api/jobs/:id',
    summary: '导入任务的进度 / the progress of an import job',
    tags,
    policy: manage,
    params: z.object({ id: z.string().uuid() }),
    response: z.object({ job: JobSchema }),
  }),
  report: endpoint({
    method: 'GET',
    path: '/api/exams/:id/report',
    summary: '成绩分析报告（学校填报员只见本校；?school= 要求含该校，范围外 403） / the exam report (a clerk sees their own school only; ?school= requires that school: 403 outside the scope)',
    tags,
    policy: { capability: 'exams.read', school: { in: 'query', name: 'school' } },
    params: IdParams,
    query: z.object({ school: SchoolCode.optional() }),
    response: z.object({ exam: ExamSchema, computedAt: z.string(), settings: ReportSettingsSchema, report: ReportSchema }),
    cache: { areas: ['exams', 'registry'] },
  }),
  reportPdf: endpoint({
    method: 'GET',
    path: '/api/exams/:id/report.pdf',
    summary: '打印版报告 PDF(全县或一所学校) / the printable report, of the district or one school',
    tags,
    policy: { capability: 'exams.read', school: { in: 'query', name: 'school' } },
    params: IdParams,
    query: z.object({ school: SchoolCode.optional() }),
    produces: 'pdf',
    audit: { action: 'export', entity: 'school-report', key: ({ params, query }) => (query.school ? `exam:${params.id}/school:${query.school}` : null) },
  }),
  schoolStudents: endpoint({
    method: 'GET',
    path: '/api/exams/:id/schools/:code/students',
    summary: '一所学校的学生成绩（可按班） / a school’s students with scores and ranks (optionally one class)',
    tags,
    policy: { capability: 'students.read', school: { in: 'params', name: 'code' } },
    params: z.object({ id: Id, code: SchoolCode }),
    query: z.object({ class: z.string().max(40).optional() }),
    response: SchoolStudentsSchema,
    audit: {
      action: 'read',
      entity: 'students',
      key: ({ params, query }) => `exam:${params.id}/school:${params.code}${query.class ? `/class:${query.class}` : ''}`,
      count: ({ answer }) => answer.students.length,
    },
  }),
  studentCard: endpoint({
    method: 'GET',
    path: '/api/exams/:id/students/:sid',
    summary: '学生成绩单 / a student’s report card',
    tags,
    policy: { capability: 'students.read' },
    params: z.object({ id: Id, sid: z.string().min(1).max(60) }),
    response: StudentCardSchema,
    audit: { action: 'read', entity: 'student', key: ({ params, answer }) => `exam:${params.id}/school:${answer.student.schoolCode}/student:${answer.student.studentId}`, count: () => 1 },
  }),
  compare: endpoint({
    method: 'GET',
    path: '/api/exams/:id/compare',
    summary: '与前一次考试对比（按学籍号）：各校名次与百分位变化 / against an earlier exam: each school’s mean rank and percentile change',
    tags,
    policy: read,
    params: IdParams,
    query: z.object({ with: Id }),
    response: CompareSchema,
  }),
  items: endpoint({
    method: 'GET',
    path: '/api/exams/:id/items',
    summary: '小题分析（难度、区分度、信度） / item analysis of a subject: difficulty, discrimination, reliability',
    tags,
    policy: read,
    params: IdParams,
    query: z.object({ subject: z.string().min(1).max(40) }),
    response: ItemsSchema,
  }),
  exportXlsx: endpoint({
    method: 'GET',
    path: '/api/exams/:id/export.xlsx',
    summary: '导出 .xlsx(汇总、学校、后x%;指定学校时含其学生) / the report as .xlsx, with a school’s students when one is named',
    tags,
    policy: { capability: 'exams.read', school: { in: 'query', name: 'school' } },
    params: IdParams,
    query: z.object({ school: SchoolCode.optional() }),
    produces: 'xlsx',
    // Pupil rows are in it when a school is named, or implied by a one-school scope (a clerk's).
    audit: {
      action: 'export',
      entity: 'students',
      key: ({ params, query, actor }) => {
        const school = query.school ?? (actor.schools !== 'all' && actor.schools.length === 1 ? actor.schools[0] : null);
        return school ? `exam:${params.id}/school:${school}` : null;
      },
    },
  }),
};
