// The HTTP contract of the balance evaluation (均衡评估): standards packs, the evaluation of a year,
// the 补短 plan, the trend, saved evaluations, class sizes and the downloads (.xlsx, PDF reports).
// The bureau and inspectors read it (the whole district); the bureau saves evaluations; admins edit packs.
// Pure module (zod and the balance model only): the web imports it. The answers' TypeScript types in
// evaluate.ts, plan.ts, class-size.ts and guarantees.ts are checked against these schemas at compile time
// (the assertions at the end), so the wire description cannot drift from what the evaluator computes.
import { z } from 'zod';
import { endpoint, YearParam } from '../core/http/contract.js';
import { BALANCE_LEVELS, DEFAULT_STANDARD, LocalPackInputSchema, StandardPackSchema } from './pack-schema.js';
import type { BalanceSchoolInput, IndicatorResult, LevelResult, SchoolResult } from './evaluate.js';
import type { LevelPlan, PlanAddition } from './plan.js';
import type { ClassSizeReport } from './class-size.js';
import type { SchoolGuarantees } from './guarantees.js';

const Level = z.enum(BALANCE_LEVELS);
const NumOrNull = z.record(z.string(), z.number().nullable());
const byLevel = <T extends z.ZodType>(t: T) => z.partialRecord(Level, t);

// ---------- the evaluation ----------

export const SchoolResultSchema = z.object({
  schoolCode: z.string(),
  schoolName: z.string().optional(),
  students: z.number(),
  excluded: z.boolean(),
  excludedReason: z.string().optional(),
  values: NumOrNull,
  met: z.number().nullable(),
  pass: z.boolean().nullable(),
  gaps: NumOrNull,
});

export const IndicatorResultSchema = z.object({
  key: z.string(),
  mean: z.number(),
  sd: z.number(),
  cv: z.number().nullable(),
  limit: z.number().nullable(),
  pass: z.boolean().nullable(),
  threshold: z.number().nullable(),
  schoolsMet: z.number().nullable(),
});

const CompositeSchema = z.object({ cv: z.number().nullable(), limit: z.number(), pass: z.boolean() });

export const LevelResultSchema = z.object({
  pass: z.boolean(),
  indicators: z.array(IndicatorResultSchema),
  composite: CompositeSchema.optional(),
  schools: z.array(SchoolResultSchema),
  totalGaps: z.record(z.string(), z.number()),
  counted: z.number(),
  schoolsPassing: z.number().nullable(),
});

export const BalanceSchoolInputSchema = z.object({
  code: z.string(),
  name: z.string().optional(),
  level: Level,
  students: z.number(),
  isTeachingPoint: z.boolean().optional(),
  numerators: NumOrNull,
});

export const SchoolGuaranteesSchema = z.object({
  schoolCode: z.string(),
  schoolName: z.string(),
  level: z.string(),
  students: z.number(),
  maxStudents: z.number(),
  sizePass: z.boolean(),
  classes: z.number(),
  roomsRequired: z.number(),
  rooms: NumOrNull,
  roomsPass: z.boolean().nullable(),
  classesOverStandard: z.number(),
  classSizePass: z.boolean(),
  pass: z.boolean().nullable(),
});

/** One year evaluated: each level's result, the evaluator's inputs (what-if in the browser), the 政府保障 items. */
export const EvaluationSchema = z.object({
  year: z.number(),
  standard: z.string(),
  version: z.number(),
  levels: byLevel(LevelResultSchema),
  name: z.string(),
  pack: StandardPackSchema,
  inputs: z.array(BalanceSchoolInputSchema),
  guarantees: z.array(SchoolGuaranteesSchema),
  /** Open schools without figures this year. */
  missing: z.array(z.string()),
  /** Schools whose figures are not yet approved: the result may still change. */
  unapproved: z.array(z.string()),
  /**
   * Present when the reader sees only some schools (an inspector: the assigned ones): the per-school rows, inputs,
   * 政府保障 items and lists are limited to these school codes; CVs, pass/fail and totals still cover every school.
   */
  scopedTo: z.array(z.string()).optional(),
});
export type Evaluation = z.output<typeof EvaluationSchema>;

// ---------- the 补短 plan ----------

export const PlanAdditionSchema = z.object({
  schoolCode: z.string(),
  schoolName: z.string().optional(),
  key: z.string(),
  add: z.number(),
  cost: z.number(),
  reason: z.enum(['standard', 'remainder', 'cv']),
});

export const LevelPlanSchema = z.object({
  level: Level,
  additions: z.array(PlanAdditionSchema),
  totals: z.record(z.string(), z.object({ add: z.number(), cost: z.number() })),
  totalCost: z.number(),
  leftAtRemainder: z.array(z.object({ schoolCode: z.string(), key: z.string() })),
  cvBefore: NumOrNull,
  cvAfter: NumOrNull,
  floors: NumOrNull,
  rounds: z.number(),
  feasible: z.boolean(),
  skipped: z.array(z.object({ schoolCode: z.string(), reason: z.string() })),
});

export const PlanSchema = z.object({
  year: z.number(),
  standard: z.string(),
  version: z.number(),
  unitCosts: z.record(z.string(), z.number()),
  levels: byLevel(LevelPlanSchema),
});
export type Plan = z.output<typeof PlanSchema>;

// ---------- trend, class sizes ----------

export const TrendLevelSchema = z.object({
  pass: z.boolean(),
  composite: CompositeSchema.optional(),
  counted: z.number(),
  schoolsPassing: z.number().nullable(),
  indicators: z.array(z.object({ key: z.string(), cv: z.number().nullable(), limit: z.number().nullable(), pass: z.boolean().nullable(), mean: z.number() })),
  totalGaps: z.record(z.string(), z.number()),
});
export const TrendSchema = z.object({
  standard: z.string(),
  version: z.number(),
  years: z.array(z.object({ year: z.number(), levels: byLevel(TrendLevelSchema) })),
});
export type Trend = z.output<typeof TrendSchema>;

const ClassCountsSchema = z.object({
  classes: z.number(),
  overStandard: z.number(),
  /** 大班额 (56–65) */
  large: z.number(),
  /** 超大班额 (≥ 66) */
  huge: z.number(),
  maxSize: z.number().nullable(),
});
export const OverStandardClassSchema = z.object({
  schoolCode: z.string(),
  schoolName: z.string().optional(),
  grade: z.number(),
  classNo: z.number(),
  size: z.number(),
  standard: z.number(),
  band: z.enum(['over', 'large', 'huge']),
});
export const ClassSizesSchema = ClassCountsSchema.extend({
  year: z.number(),
  /** The pack's class-size standard. */
  standard: StandardPackSchema.shape.classSize,
  /** Every class above its standard, largest first. */
  list: z.array(OverStandardClassSchema),
  trend: z.array(ClassCountsSchema.extend({ year: z.number() })),
});
export type ClassSizes = z.output<typeof ClassSizesSchema>;

// ---------- standards packs and saved evaluations ----------

export const StandardListItemSchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  nameEn: z.string(),
  builtIn: z.boolean(),
  extends: z.object({ id: z.string(), version: z.number() }).optional(),
  versions: z.array(z.number()),
  createdBy: z.string().optional(),
  createdAt: z.string().optional(),
});
export type StandardListItem = z.output<typeof StandardListItemSchema>;

export const StandardDetailSchema = z.object({
  pack: StandardPackSchema,
  builtIn: z.boolean(),
  /** A local pack's input as saved (its overrides of the built-in pack). */
  input: LocalPackInputSchema.optional(),
  versions: z.array(z.object({ version: z.number(), createdBy: z.string().optional(), createdAt: z.string().optional() })),
});
export type StandardDetail = z.output<typeof StandardDetailSchema>;

export const EvaluationSummarySchema = z.object({
  id: z.number(),
  year: z.number(),
  standardId: z.string(),
  standardVersion: z.number(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type EvaluationSummary = z.output<typeof EvaluationSummarySchema>;
export const SavedEvaluationSchema = EvaluationSummarySchema.extend({ result: EvaluationSchema });
export type SavedEvaluation = z.output<typeof SavedEvaluationSchema>;

// ---------- requests ----------

const StandardId = z.string().min(1).max(64);
const Version = z.coerce.number().int().min(1).max(2147483647); // an integer column
/** Which pack (and, for a local pack, which version; the latest when absent) and which year (the current one when absent). */
export const PackQuery = z.object({
  year: YearParam.optional(),
  standard: StandardId.default(DEFAULT_STANDARD),
  version: Version.optional(),
});
const ReportQuery = PackQuery.extend({ lang: z.enum(['zh', 'en']).default('zh') });

/** One school's edited figures in a what-if (模拟测算): its part (code with -P/-J, level), students and numerators. */
export const WhatIfEditSchema = z.object({
  code: z.string().min(1).max(40),
  level: Level,
  students: z.number().int().min(0).max(1_000_000),
  numerators: z.record(z.string().max(64), z.number().min(0).max(1e12).nullable()),
});
export type WhatIfEdit = z.output<typeof WhatIfEditSchema>;
/** The edits as JSON in the query (a GET, so the page downloads it like every other report). */
const WhatIfEdits = z
  .string()
  .max(8000)
  .transform((s, ctx) => {
    let raw: unknown;
    try {
      raw = JSON.parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: '模拟数据应为 JSON / edits must be JSON' });
      return z.NEVER;
    }
    const r = z.array(WhatIfEditSchema).min(1).max(50).safeParse(raw);
    if (!r.success) {
      ctx.addIssue({ code: 'custom', message: `模拟数据有误 / invalid edits: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
      return z.NEVER;
    }
    return r.data;
  })
  .describe('JSON array of { code, level, students, numerators } — the edited schools');

const COST_PART = /^([a-z0-9_]+):(\d+(?:\.\d+)?)$/;
/** `key:yuan,key:yuan` → unit costs overriding the pack's. */
const CostsParam = z
  .string()
  .max(2000)
  .transform((s, ctx) => {
    const costs: Record<string, number> = {};
    for (const part of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const m = COST_PART.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `单位成本格式应为 指标:元 / costs must look like key:yuan, got "${part}"` });
        return z.NEVER;
      }
      costs[m[1]] = Number(m[2]);
    }
    return costs;
  })
  .describe('key:yuan,key:yuan — unit costs overriding the pack’s');

const tags = ['均衡评估 / balance'];
const read = { capability: 'balance.read' } as const;

export const balanceApi = {
  listStandards: endpoint({
    method: 'GET',
    path: '/api/balance/standards',
    summary: '评估标准列表（内置与本地） / standards packs, built-in and local',
    tags,
    policy: read,
    response: z.object({ standards: z.array(StandardListItemSchema) }),
  }),
  getStandard: endpoint({
    method: 'GET',
    path: '/api/balance/standards/:id',
    summary: '一个评估标准（指定版本或最新版） / one standards pack, a named version or the latest',
    tags,
    policy: read,
    params: z.object({ id: StandardId }),
    query: z.object({ version: Version.optional() }),
    response: StandardDetailSchema,
  }),
  createStandard: endpoint({
    method: 'POST',
    path: '/api/balance/standards',
    summary: '新建本地标准（第 1 版，201） / create a local standards pack (version 1; 201)',
    tags,
    policy: { capability: 'standards.edit' },
    body: LocalPackInputSchema,
    response: z.object({ pack: StandardPackSchema }),
  }),
  updateStandard: endpoint({
    method: 'PUT',
    path: '/api/balance/standards/:id',
    summary: '保存本地标准的新版本 / save a local pack’s next version',
    tags,
    policy: { capability: 'standards.edit' },
    params: z.object({ id: StandardId }),
    body: LocalPackInputSchema.omit({ id: true }),
    response: z.object({ pack: StandardPackSchema }),
  }),
  evaluation: endpoint({
    method: 'GET',
    path: '/api/balance/evaluation',
    summary: '一学年的均衡评估（差异系数、达标、差距、政府保障） / one year evaluated: CVs, compliance, gaps, guarantees',
    tags,
    policy: read,
    query: PackQuery,
    response: EvaluationSchema,
    cache: { areas: ['registry', 'standards'] },
  }),
  plan: endpoint({
    method: 'GET',
    path: '/api/balance/plan',
    summary: '补短方案：最少追加投入 / the least-cost plan that brings every school and CV within the standard',
    tags,
    policy: read,
    query: PackQuery.extend({ costs: CostsParam.optional() }),
    response: PlanSchema,
  }),
  trend: endpoint({
    method: 'GET',
    path: '/api/balance/trend',
    summary: '历年差异系数与达标 / every year’s CVs and pass/fail',
    tags,
    policy: read,
    query: PackQuery.omit({ year: true }),
    response: TrendSchema,
  }),
  listEvaluations: endpoint({
    method: 'GET',
    path: '/api/balance/evaluations',
    summary: '已保存的评估 / saved evaluations',
    tags,
    policy: read,
    response: z.object({ evaluations: z.array(EvaluationSummarySchema) }),
  }),
  getEvaluation: endpoint({
    method: 'GET',
    path: '/api/balance/evaluations/:id',
    summary: '一次已保存的评估及其结果 / one saved evaluation with its result',
    tags,
    policy: read,
    params: z.object({ id: z.coerce.number().int().min(1) }),
    response: SavedEvaluationSchema,
  }),
  saveEvaluation: endpoint({
    method: 'POST',
    path: '/api/balance/evaluations',
    summary: '保存评估（记录所用标准及版本，201） / save an evaluation with the pack and version it used (201)',
    tags,
    policy: { capability: 'balance.save' },
    body: z.object({
      year: z.number().int().min(1990).max(2100),
      standard: StandardId.default(DEFAULT_STANDARD),
      version: z.number().int().min(1).optional(),
      note: z.string().max(500).nullish(),
    }),
    response: EvaluationSummarySchema,
  }),
  classSizes: endpoint({
    method: 'GET',
    path: '/api/balance/class-sizes',
    summary: '班额：超标准、大班额、超大班额及历年变化 / class sizes over the standard, large and huge classes, by year',
    tags,
    policy: read,
    query: PackQuery,
    response: ClassSizesSchema,
  }),
  exportXlsx: endpoint({
    method: 'GET',
    path: '/api/balance/export.xlsx',
    summary: '督导评估工作簿 .xlsx / the inspectors’ workbook',
    tags,
    policy: read,
    query: ReportQuery,
    produces: 'xlsx',
  }),
  districtReport: endpoint({
    method: 'GET',
    path: '/api/balance/report.pdf',
    summary: '区县均衡评估报告 PDF / the district report',
    tags,
    policy: read,
    query: ReportQuery,
    produces: 'pdf',
  }),
  gapsXlsx: endpoint({
    method: 'GET',
    path: '/api/balance/gaps.xlsx',
    summary: '达标差距表 .xlsx（一个学段或全部） / the gap tables of one level or all',
    tags,
    policy: read,
    query: ReportQuery.extend({ level: Level.optional() }),
    produces: 'xlsx',
  }),
  whatIfReport: endpoint({
    method: 'GET',
    path: '/api/balance/what-if/report.pdf',
    summary: '模拟测算报告 PDF：以修改后的数据评估，每页标注“模拟” / the district report of a what-if, marked 模拟 on every page',
    tags,
    policy: read,
    query: ReportQuery.extend({ edits: WhatIfEdits }),
    produces: 'pdf',
  }),
  schoolReport: endpoint({
    method: 'GET',
    path: '/api/balance/schools/:code/report.pdf',
    summary: '一所学校的均衡评估报告 PDF / one school’s report',
    tags,
    policy: { ...read, school: { in: 'params', name: 'code' } },
    params: z.object({ code: z.string().min(1).max(40) }),
    query: ReportQuery,
    produces: 'pdf',
    audit: { action: 'export', entity: 'school-report', key: ({ params, query }) => `balance/school:${params.code}${query.year ? `/year:${query.year}` : ''}` },
  }),
};

// ---------- compile-time agreement with the evaluator's types ----------
// Each line fails to compile when the schema's output and the TypeScript type stop being assignable both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Agree<T extends true> = T;
export type BalanceSchemasAgree = [
  Agree<Same<z.output<typeof SchoolResultSchema>, SchoolResult>>,
  Agree<Same<z.output<typeof IndicatorResultSchema>, IndicatorResult>>,
  Agree<Same<z.output<typeof LevelResultSchema>, LevelResult>>,
  Agree<Same<z.output<typeof BalanceSchoolInputSchema>, BalanceSchoolInput>>,
  Agree<Same<z.output<typeof SchoolGuaranteesSchema>, SchoolGuarantees>>,
  Agree<Same<z.output<typeof PlanAdditionSchema>, PlanAddition>>,
  Agree<Same<z.output<typeof LevelPlanSchema>, LevelPlan>>,
  Agree<Same<z.output<typeof OverStandardClassSchema>, ClassSizeReport['list'][number]>>,
  Agree<Same<z.output<typeof ClassCountsSchema>, Omit<ClassSizeReport, 'list'>>>,
];
