// The HTTP contract of student wellbeing (学生健康): fitness results (体质健康测试) of a school year — the import
// (the bureau), the report by district, school, grade and sex against the 达标率 target, and one school's pupil rows
// (pupil-level health data: 'wellbeing.pupils' in scope for that school, every read audited).
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
  passRate: z.number().nullable(),
  goodRate: z.number().nullable(),
  excellentRate: z.number().nullable(),
  meanTotal: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
  suppressed: z.boolean(),
});
export type FitnessCellWire = z.infer<typeof FitnessCellSchema>;

export const FitnessReport = z.object({
  /** null when no results were imported yet. */
  year: z.number().nullable(),
  /** School years with results, latest first. */
  years: z.array(z.number()),
  pack: z.object({ id: z.string(), version: z.number(), title: z.string() }),
  /** The packs (id and version) the shown year's scores were computed with. */
  scoredWith: z.array(z.object({ id: z.string(), version: z.number() })),
  target: z.object({ id: z.string(), version: z.number(), percent: z.number(), source: z.string(), sourceEn: z.string() }),
  minCellSize: z.number(),
  cells: z.array(FitnessCellSchema),
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
  items: z.array(z.object({ item: z.string(), name: z.string(), weight: z.number(), value: z.number().nullable(), points: z.number().nullable(), status: z.string() })),
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
      '体质健康报告：全县（区）、各校、各年级、分性别的达标率、优良率、优秀率、平均总分与目标对比；无评分表的年级单列；小单元格对无学生明细权限者不公布 / fitness report per district, school, grade and sex against the target; grades without tables listed; small cells withheld',
    tags,
    policy: { capability: 'wellbeing.read' },
    query: z.object({ year: YearParam.optional() }),
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
};
