// The HTTP contract of student wellbeing (学生健康): fitness results (体质健康测试) of a school year — the import
// (the bureau), the report by district, school, grade and sex against the 达标率 target (with the trend over years,
// the schools furthest below the target, per-item figures and the distribution of totals), and one school's pupil
// rows and their .xlsx (pupil-level health data: 'wellbeing.pupils' in scope for that school, every read and export
// audited).
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, YearParam } from '../core/http/contract.js';

const tags = ['wellbeing'];
const SchoolCode = z.string().trim().min(1).max(40);
const Sex = z.enum(['M', 'F']);
const Level = z.enum(['优秀', '良好', '及格', '不及格']);

export const FitnessCellSchema = z.object({
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  grade: z.number().nullable(),
  sex: Sex.nullable(),
  tested: z.number(),
  scored: z.number(),
  tableNotFound: z.number(),
  missingResult: z.number(),
  /** Pupils at 及格 or better (null when withheld). */
  passed: z.number().nullable(),
  passRate: z.number().nullable(),
  goodRate: z.number().nullable(),
  excellentRate: z.number().nullable(),
  meanTotal: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
  /** Pupils with a total per 10-point bin: [0, 10), [10, 20), …, [110, 120] (null when withheld). */
  histogram: z.array(z.number()).nullable(),
  suppressed: z.boolean(),
});
export type FitnessCellWire = z.infer<typeof FitnessCellSchema>;

const TrendPoint = z.object({
  year: z.number(),
  tested: z.number(),
  scored: z.number(),
  passRate: z.number().nullable(),
  goodRate: z.number().nullable(),
  excellentRate: z.number().nullable(),
  meanTotal: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
  suppressed: z.boolean(),
});
export type FitnessTrendPoint = z.infer<typeof TrendPoint>;

export const FitnessItemFigureSchema = z.object({
  school: z.string().nullable(),
  grade: z.number(),
  sex: Sex.nullable(),
  item: z.string(),
  tested: z.number(),
  scored: z.number(),
  /** Shares of the pupils scored on the item: ≥ 60 points (及格), ≥ 80 (良好 or better), ≥ 90 (优秀). */
  passRate: z.number().nullable(),
  goodRate: z.number().nullable(),
  excellentRate: z.number().nullable(),
  meanPoints: z.number().nullable(),
  suppressed: z.boolean(),
});
export type FitnessItemFigureWire = z.infer<typeof FitnessItemFigureSchema>;

export const FitnessReport = z.object({
  /** null when no results were imported yet. */
  year: z.number().nullable(),
  /** School years with results, latest first. */
  years: z.array(z.number()),
  pack: z.object({ id: z.string(), version: z.number(), title: z.string() }),
  /** The packs (id and version) the shown year's scores were computed with. */
  scoredWith: z.array(z.object({ id: z.string(), version: z.number() })),
  /** The district's 达标率 target: its own (local file) or the default, with the file's id and version. */
  target: z.object({ id: z.string(), version: z.number(), percent: z.number(), source: z.string(), sourceEn: z.string(), local: z.boolean() }),
  minCellSize: z.number(),
  cells: z.array(FitnessCellSchema),
  /** Schools of the shown year whose pupil rows were removed (retention): their figures come from the stored tallies. */
  purgedSchools: z.array(z.string()),
  /** Every year with results, oldest first: the district and each school in the caller's scope. */
  trend: z.object({
    district: z.array(TrendPoint),
    schools: z.array(z.object({ school: z.string(), schoolName: z.string().nullable(), points: z.array(TrendPoint) })),
  }),
  /** The schools below the target, furthest first: the gap in percentage points and the pupils short of the target. */
  belowTarget: z.array(z.object({ school: z.string(), schoolName: z.string().nullable(), scored: z.number(), passRate: z.number(), gapPoints: z.number(), short: z.number() })),
  /** Per-item figures by grade and sex of the district (school null) or of the school asked for. */
  items: z.object({ school: z.string().nullable(), figures: z.array(FitnessItemFigureSchema) }),
  /** The items in the pack's order. */
  itemOrder: z.array(z.string()),
  /** The pack's items: key → Chinese name. */
  itemNames: z.record(z.string(), z.string()),
  /** Grade and sex whose items the pack has no table for: their pupils get no total. */
  notFound: z.array(z.object({ grade: z.number(), sex: Sex, items: z.array(z.string()) })),
  /** Tables the pack marks single-source or partial (confirmed by one source only, in whole or in part). */
  unconfirmed: z.array(z.object({ grade: z.number(), sex: Sex, item: z.string(), status: z.enum(['single-source', 'partial']) })),
});
export type FitnessReport = z.infer<typeof FitnessReport>;

export const FitnessImportResult = z.object({
  year: z.number(),
  imported: z.number(),
  schools: z.array(z.string()),
  scored: z.number(),
  tableNotFound: z.number(),
  missingResult: z.number(),
  pack: z.object({ id: z.string(), version: z.number() }),
});

export const FitnessPupil = z.object({
  studentId: z.string(),
  grade: z.number(),
  sex: Sex,
  heightCm: z.number().nullable(),
  weightKg: z.number().nullable(),
  bmi: z.number().nullable(),
  /** Each item: the result in its unit (times in seconds: shown as 3'50"), shown with `decimals`, and its points. */
  items: z.array(
    z.object({
      item: z.string(),
      name: z.string(),
      unit: z.string(),
      decimals: z.number(),
      time: z.boolean(),
      weight: z.number(),
      value: z.number().nullable(),
      points: z.number().nullable(),
      status: z.string(),
    }),
  ),
  standard: z.number().nullable(),
  bonus: z.number(),
  total: z.number().nullable(),
  level: Level.nullable(),
  openReason: z.enum(['table-not-found', 'missing-result']).nullable(),
  packId: z.string(),
  packVersion: z.number(),
});
export type FitnessPupil = z.infer<typeof FitnessPupil>;

export const wellbeingApi = {
  fitnessImport: endpoint({
    method: 'POST',
    path: '/api/wellbeing/fitness/import',
    summary:
      '导入一个学年的体质健康测试成绩（.xlsx/.csv，每行一名学生；出错时逐格列出，全部不导入；同一学年内文件中各校的旧成绩被替换） / import a school year’s fitness results (.xlsx/.csv, one row per pupil; every bad cell named, nothing imported on error; replaces the year’s earlier results of the schools in the file)',
    tags,
    policy: { capability: 'wellbeing.manage' },
    query: z.object({ year: YearParam }),
    upload: true,
    response: FitnessImportResult,
  }),
  fitnessReport: endpoint({
    method: 'GET',
    path: '/api/wellbeing/fitness/report',
    summary:
      '体质健康报告：全县（区）、各校、各年级、分性别的达标率、优良率、优秀率、平均总分与目标对比，历年趋势，距目标最远的学校，分项目（年级、性别）及格率与平均得分，总分分布；无评分表的年级单列；小单元格对无学生明细权限者不公布 / fitness report per district, school, grade and sex against the target, with the trend over years, the schools furthest below the target, per-item figures and the distribution of totals; grades without tables listed; small cells withheld',
    tags,
    policy: { capability: 'wellbeing.read', school: { in: 'query', name: 'school' } },
    query: z.object({ year: YearParam.optional(), school: SchoolCode.optional() }),
    response: FitnessReport,
  }),
  fitnessStudents: endpoint({
    method: 'GET',
    path: '/api/wellbeing/fitness/schools/:code/students',
    summary: '一所学校的学生体质测试明细（敏感个人信息，每次查看记入审计日志） / one school’s pupil fitness rows (sensitive personal data; every read is audited)',
    tags,
    policy: { capability: 'wellbeing.pupils', school: { in: 'params', name: 'code' } },
    params: z.object({ code: SchoolCode }),
    query: z.object({ year: YearParam }),
    response: z.object({ year: z.number(), school: z.string(), students: z.array(FitnessPupil) }),
    audit: { action: 'read', entity: 'fitness-students', key: ({ params, query }) => `fitness:${query.year}/school:${params.code}`, count: ({ answer }) => answer.students.length },
  }),
  fitnessStudentsXlsx: endpoint({
    method: 'GET',
    path: '/api/wellbeing/fitness/schools/:code/students.xlsx',
    summary:
      '一所学校的学生体质测试明细 .xlsx（敏感个人信息，每次导出连同行数记入审计日志） / one school’s pupil fitness rows as .xlsx (sensitive personal data; every export is audited with its row count)',
    tags,
    policy: { capability: 'wellbeing.pupils', school: { in: 'params', name: 'code' } },
    params: z.object({ code: SchoolCode }),
    query: z.object({ year: YearParam }),
    produces: 'xlsx',
    audit: { action: 'export', entity: 'fitness-students', key: ({ params, query }) => `fitness:${query.year}/school:${params.code}` },
  }),
};
