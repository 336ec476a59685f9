// The HTTP contract of growth (增值评价): the exam pairs, the value-added of schools and classes, a school's students,
// next-assessment targets, and the workbook and PDF report of a pair.
//
// Policy: aggregates (schools, classes, targets) need 'growth.read' — the bureau, inspectors and viewers see every
// school, a clerk the district figures and the own school's rows. Student rows need 'students.read' for the school
// named (the bureau: any; a clerk: own; an inspector: assigned; viewers: none); names only with 'students.names'.
// The TS types of the answers are z.infer of these schemas (src/growth/service.ts), checked against the model's own
// types at compile time. Pure module (zod only): the web imports it.
import { z } from 'zod';
import { endpoint } from '../core/http/contract.js';

/** The column of every subject together (sum of the subjects' scores when every one is there). */
export const TOTAL = '总分' as const;

const tags = ['增值评价 / growth'];
const Id = z.coerce.number().int().positive();

export const PairQuery = z.object({
  from: Id.describe('entry exam id (入口考试)'),
  to: Id.describe('exit exam id (出口考试)'),
  subject: z.string().trim().min(1).max(40).default(TOTAL).describe('a subject of both exams, or 总分'),
  minN: z.coerce
    .number()
    .int()
    .min(1)
    .max(10000)
    .optional()
    .describe(
      'groups with fewer linked students are flagged suppressed (default: the configured value-added minimum n, 20); below that minimum only for users with pupil-level rights for every school',
    ),
});

export const QUADRANTS = ['high-achievement-high-growth', 'high-achievement-low-growth', 'low-achievement-high-growth', 'low-achievement-low-growth'] as const;
export const Quadrant = z.enum(QUADRANTS);
export const EffectLabel = z.enum(['above', 'expected', 'below']);
const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const ExamOption = z.object({
  id: z.number(),
  name: z.string(),
  date: z.string().nullable(),
  /** School year from the date: August–December → that year, January–July → the year before. */
  schoolYear: z.number().nullable(),
  grade: z.number(),
  type: z.string(),
  students: z.number(),
  subjects: z.array(z.string()),
});
export const ExamPair = z.object({
  from: z.number(),
  to: z.number(),
  /** 学籍号 in both exams. */
  shared: z.number(),
  /** Subjects in both exams, then 总分. */
  subjects: z.array(z.string()),
});

export const ExamsResponse = z.object({ exams: z.array(ExamOption), pairs: z.array(ExamPair) });

export const ExamLinkage = z.object({
  exam: z.number(),
  name: z.string(),
  students: z.number(),
  linked: z.number(),
  rate: z.number(),
  unmatched: z.number(),
  duplicates: z.number(),
  absent: z.number(),
});
export const Linkage = z.object({ entry: ExamLinkage, exit: ExamLinkage, linked: z.number(), rate: z.number(), movers: z.number(), moverPolicy: z.literal('later') });
const Scale = z.object({ mean: z.number(), sd: z.number(), n: z.number() });
export const Scales = z.object({ entry: Scale, exit: Scale });
const Coef = z.object({ intercept: z.number(), pre: z.number() });
export const ModelSummary = z.object({
  method: z.literal('REML'),
  formula: z.string(),
  n: z.number(),
  groups: z.number(),
  beta: Coef,
  betaSE: Coef,
  tau2: z.number(),
  sigma2: z.number(),
  icc: z.number(),
  boundary: z.boolean(),
  unidentified: z.boolean(),
  remlCriterion: z.number(),
});
export const SgpInfo = z.object({ available: z.boolean(), order: z.literal(1), note: z.string() });

/** A group's value-added (school or class) with its gains; pair-model.ts GroupVa. */
export const GroupVa = z.object({
  n: z.number(),
  effect: z.number(),
  se: z.number(),
  lower: z.number(),
  upper: z.number(),
  label: EffectLabel,
  shrinkage: z.number(),
  meanResidual: z.number(),
  achievement: z.number(),
  entryMean: z.number(),
  gainMean: z.number(),
  gainSE: z.number().nullable(),
  rankChange: z.number(),
  rankChangeSE: z.number().nullable(),
  sgpMedian: z.number().nullable(),
  sgpMedianSE: z.number().nullable(),
});
export const SchoolVa = GroupVa.extend({
  school: z.string(),
  quadrant: Quadrant,
  entryQuadrant: Quadrant,
  exitStudents: z.number(),
  linked: z.number(),
  moversIn: z.number(),
});
export const ClassVa = GroupVa.extend({ school: z.string(), class: z.string() });
/**
 * The figures of a group below the minimum n that a user without pupil-level rights ('students.read') for its school
 * does not get: they are null and `withheld` is true. Users with those rights get every figure (with `suppressed`).
 */
const WITHHELD = {
  effect: z.number().nullable(),
  se: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  label: EffectLabel.nullable(),
  shrinkage: z.number().nullable(),
  meanResidual: z.number().nullable(),
  achievement: z.number().nullable(),
  entryMean: z.number().nullable(),
  gainMean: z.number().nullable(),
  rankChange: z.number().nullable(),
};
/** `suppressed`: n < minN (views show n only); `withheld`: the figures are not in this answer (null). */
export const SchoolRow = SchoolVa.extend({
  ...WITHHELD,
  quadrant: Quadrant.nullable(),
  entryQuadrant: Quadrant.nullable(),
  name: z.string(),
  suppressed: z.boolean(),
  withheld: z.boolean(),
  linkRate: z.number(),
});
export const ClassRow = ClassVa.extend({ ...WITHHELD, name: z.string(), suppressed: z.boolean(), withheld: z.boolean() });
export const GainRow = z.object({
  school: z.string(),
  name: z.string(),
  n: z.number(),
  zGain: z.number().nullable(),
  zGainSE: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  rankChange: z.number().nullable(),
  rankChangeSE: z.number().nullable(),
  suppressed: z.boolean(),
  withheld: z.boolean(),
});

export const VaResponse = z.object({
  from: ExamOption,
  to: ExamOption,
  subject: z.string(),
  subjects: z.array(z.string()),
  /** Groups with fewer linked students are suppressed (flagged; figures withheld from users without pupil-level rights). */
  minN: z.number(),
  /** The configured value-added minimum n: the lowest minN a user without pupil-level rights for every school gets. */
  minNFloor: z.number(),
  /** 'all' schools, or 'own' (a clerk: the own school's rows only; the district figures are for everyone). */
  scope: z.enum(['all', 'own']),
  linkage: Linkage,
  scales: Scales,
  model: ModelSummary,
  classModel: ModelSummary.nullable(),
  district: z.object({
    linked: z.number(),
    gainMean: z.number(),
    rankChangeMean: z.number(),
    schools: z.number(),
    above: z.number(),
    expected: z.number(),
    below: z.number(),
    suppressed: z.number(),
    classes: z.number(),
  }),
  quadrants: z.object({
    split: z.literal('sign'),
    cuts: z.object({ achievement: z.number(), growth: z.number() }),
    labels: z.record(Quadrant, Bilingual),
    entryLabels: z.record(Quadrant, Bilingual),
  }),
  sgp: SgpInfo,
  schools: z.array(SchoolRow),
  classes: z.array(ClassRow),
  /** The plain gain model per school, for comparison: mean z-gain and percentile-rank change with SE. */
  gain: z.array(GainRow),
});

const Effect = z.object({ n: z.number(), effect: z.number(), se: z.number(), lower: z.number(), upper: z.number(), label: EffectLabel, suppressed: z.boolean() });
const Line = z.object({ intercept: z.number(), slope: z.number() });
export const StudentRow = z.object({
  studentId: z.string(),
  /** Null unless the user may see names at this school (namesShown). */
  name: z.string().nullable(),
  class: z.string(),
  moved: z.boolean(),
  entrySchool: z.string().nullable(),
  entrySchoolName: z.string().nullable(),
  entryClass: z.string(),
  pre: z.number(),
  post: z.number(),
  preZ: z.number(),
  postZ: z.number(),
  zGain: z.number(),
  prePR: z.number(),
  postPR: z.number(),
  rankChange: z.number(),
  expectedZ: z.number(),
  expected: z.number(),
  residualZ: z.number(),
  sgp: z.number().nullable(),
});
export const StudentsResponse = z.object({
  from: z.object({ id: z.number(), name: z.string() }),
  to: z.object({ id: z.number(), name: z.string() }),
  subject: z.string(),
  school: z.string(),
  schoolName: z.string(),
  class: z.string().nullable(),
  namesShown: z.boolean(),
  minN: z.number(),
  sgp: SgpInfo,
  scales: Scales,
  /** The district line in z (exitZ = intercept + slope·entryZ) and in points (exit = a + b·entry). */
  line: z.object({ z: Line, points: Line }),
  schoolEffect: Effect.nullable(),
  classEffect: Effect.nullable(),
  classes: z.array(z.object({ class: z.string(), n: z.number() })),
  students: z.array(StudentRow),
});

export const SchoolTarget = z.object({
  school: z.string(),
  name: z.string(),
  /** The base years, most recent first, and their values. */
  years: z.array(z.number()),
  values: z.array(z.number()),
  base: z.number(),
  target: z.number(),
  /** Only one of the two base years had a value. */
  partial: z.boolean(),
});
const SeriesExam = z.object({ id: z.number(), name: z.string(), schoolYear: z.number().nullable() });
const seriesHead = { key: z.string(), type: z.string(), grade: z.number(), targetYear: z.number() };
export const TargetSeries = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('achievement'),
    ...seriesHead,
    exams: z.array(SeriesExam),
    metrics: z.array(z.object({ metric: z.enum(['meanZ', 'excellentRate', 'passRate']), schools: z.array(SchoolTarget) })),
  }),
  z.object({
    kind: z.literal('valueAdded'),
    ...seriesHead,
    exams: z.array(SeriesExam.extend({ from: z.object({ id: z.number(), name: z.string() }) })),
    metrics: z.array(
      z.object({
        metric: z.literal('effect'),
        schools: z.array(SchoolTarget),
        /** Schools whose value-added in a base year rests on fewer students than the minimum n: no target for users without pupil-level rights there. */
        withheld: z.array(z.object({ school: z.string(), name: z.string() })),
      }),
    ),
  }),
]);
export const TargetsResponse = z.object({
  rule: Bilingual,
  /** The school the targets are cut to (asked for, or a clerk's own), or null for every school in scope. */
  school: z.string().nullable(),
  series: z.array(TargetSeries),
});

const School = z.string().trim().min(1).max(40);

export const growthApi = {
  exams: endpoint({
    method: 'GET',
    path: '/api/growth/exams',
    summary: '可做增值的考试及共享学生的考试对 / imported exams and the pairs that share students',
    tags,
    policy: { capability: 'growth.read' },
    response: ExamsResponse,
  }),
  valueAdded: endpoint({
    method: 'GET',
    path: '/api/growth/value-added',
    summary: '学校和班级增值(全县模型;学校填报员只见本校行) / value-added of schools and classes (a clerk: own school’s rows)',
    tags,
    policy: { capability: 'growth.read' },
    query: PairQuery,
    response: VaResponse,
  }),
  students: endpoint({
    method: 'GET',
    path: '/api/growth/students',
    summary: '一所学校(或班级)的学生增长 / the growth of a school’s (or class’s) students',
    tags,
    policy: { capability: 'students.read', school: { in: 'query', name: 'school' } },
    query: PairQuery.extend({
      school: School.optional().describe('school code; a user with one school in scope may leave it out'),
      class: z.string().max(60).optional(),
    }),
    response: StudentsResponse,
    audit: {
      action: 'read',
      entity: 'students',
      key: ({ query, answer }) => `growth:${query.from}-${query.to}/school:${answer.school}${answer.class ? `/class:${answer.class}` : ''}`,
      count: ({ answer }) => answer.students.length,
    },
  }),
  targets: endpoint({
    method: 'GET',
    path: '/api/growth/targets',
    summary: '下次考试目标(前两学年均值) / next-assessment targets from the previous two years',
    tags,
    policy: { capability: 'growth.read', school: { in: 'query', name: 'school' } },
    query: z.object({ school: School.optional() }),
    response: TargetsResponse,
  }),
  exportXlsx: endpoint({
    method: 'GET',
    path: '/api/growth/export.xlsx',
    summary: '导出增值评价 .xlsx / value-added as a workbook',
    tags,
    policy: { capability: 'growth.read' },
    query: PairQuery,
    produces: 'xlsx',
  }),
  reportPdf: endpoint({
    method: 'GET',
    path: '/api/growth/report.pdf',
    summary: '增值评价报告 PDF / the value-added report as PDF',
    tags,
    policy: { capability: 'growth.read' },
    query: PairQuery,
    produces: 'pdf',
  }),
};
