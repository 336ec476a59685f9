// The HTTP contract of homework and sleep (课业负担与睡眠, 双减): the import of a survey or diary (the bureau and its
// health staff), the report of a school year (shares over the written-homework limit and short of sleep per school,
// grade and sex, means, distributions, the trend over years, the schools furthest over; small cells withheld), its
// .xlsx workbook, and one school's pupil rows (pupil-level health data: 'wellbeing.pupils' in scope for that school,
// every read audited). Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, YearParam } from '../../core/http/contract.js';

const tags = ['wellbeing'];
const SchoolCode = z.string().trim().min(1).max(40);
const Sex = z.enum(['M', 'F']);
export const BurdenSource = z.enum(['survey', 'diary']);
export type BurdenSource = z.infer<typeof BurdenSource>;
const PackRef = z.object({ id: z.string(), version: z.number() });

export const BurdenCellSchema = z.object({
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  grade: z.number().nullable(),
  sex: Sex.nullable(),
  records: z.number(),
  survey: z.number(),
  diary: z.number(),
  homeworkAnswered: z.number(),
  homeworkOver: z.number().nullable(),
  overShare: z.number().nullable(),
  meanHomework: z.number().nullable(),
  homeworkLimit: z.number().nullable(),
  meanWithinLimit: z.boolean().nullable(),
  sleepAnswered: z.number(),
  sleepShort: z.number().nullable(),
  sleepShortShare: z.number().nullable(),
  meanSleep: z.number().nullable(),
  sleepTarget: z.number().nullable(),
  meanSleepMeets: z.boolean().nullable(),
  homeworkBands: z.array(z.number()).nullable(),
  sleepBands: z.array(z.number()).nullable(),
  /** The homework figures are withheld (fewer than minCellSize answered the homework question, or a complementary cell). */
  homeworkSuppressed: z.boolean(),
  /** The sleep figures are withheld (by the pupils who answered the sleep question). */
  sleepSuppressed: z.boolean(),
  /** Any figure withheld. */
  suppressed: z.boolean(),
});
export type BurdenCellWire = z.infer<typeof BurdenCellSchema>;

export const BurdenTrendPoint = z.object({
  year: z.number(),
  /** null: the district. */
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  records: z.number(),
  homeworkAnswered: z.number(),
  sleepAnswered: z.number(),
  overShare: z.number().nullable(),
  sleepShortShare: z.number().nullable(),
  meanHomework: z.number().nullable(),
  meanSleep: z.number().nullable(),
  homeworkSuppressed: z.boolean(),
  sleepSuppressed: z.boolean(),
  suppressed: z.boolean(),
});
export type BurdenTrendPoint = z.infer<typeof BurdenTrendPoint>;

const Rule = z.object({ grades: z.array(z.number()), rule_zh: z.string(), rule_en: z.string(), source: z.string() });

export const BurdenReport = z.object({
  /** null when nothing was imported yet. */
  year: z.number().nullable(),
  /** School years with records or stored tallies, latest first. */
  years: z.array(z.number()),
  limits: z.object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    titleEn: z.string(),
    homework: z.array(Rule.extend({ maxMinutes: z.number() })),
    sleep: z.array(Rule.extend({ minHours: z.number() })),
    homeworkBands: z.array(z.string()),
    sleepBands: z.array(z.string()),
    sources: z.array(z.object({ key: z.string(), title: z.string(), titleEn: z.string(), issued: z.string().nullable(), official: z.string().nullable(), copies: z.array(z.string()) })),
  }),
  /** The packs (id and version) the shown year's over / short counts were decided with. */
  computedWith: z.array(PackRef),
  /** The shown year is read, in whole or in part, from the tallies kept when its pupil rows were removed. */
  fromTallies: z.boolean(),
  minCellSize: z.number(),
  cells: z.array(BurdenCellSchema),
  /** Per year: the district and each school the caller sees, all grades. */
  trend: z.array(BurdenTrendPoint),
  /** The schools with the largest share over the homework limit (withheld schools left out). */
  worst: z.array(BurdenCellSchema),
});
export type BurdenReport = z.infer<typeof BurdenReport>;

export const BurdenImportResult = z.object({
  year: z.number(),
  source: BurdenSource,
  imported: z.number(),
  /** Earlier records of the year of the file's schools, replaced. */
  replaced: z.number(),
  schools: z.array(z.string()),
  homeworkAnswered: z.number(),
  sleepAnswered: z.number(),
  limits: PackRef,
});

export const BurdenPupil = z.object({
  recordId: z.string(),
  grade: z.number(),
  sex: Sex.nullable(),
  homeworkMinutes: z.number().nullable(),
  homeworkLimit: z.number(),
  overLimit: z.boolean().nullable(),
  sleepHours: z.number().nullable(),
  sleepTarget: z.number(),
  shortOfSleep: z.boolean().nullable(),
  source: BurdenSource,
  surveyedOn: z.string().nullable(),
});
export type BurdenPupil = z.infer<typeof BurdenPupil>;

export const burdenApi = {
  import: endpoint({
    method: 'POST',
    path: '/api/wellbeing/burden/import',
    summary:
      '导入一个学年的课业负担与睡眠调查或日记（.xlsx/.csv，每行一名学生或一份问卷；出错时逐格列出，全部不导入；同一学年内文件中各校的旧记录被替换） / import a school year’s homework and sleep survey or diary (.xlsx/.csv, one row per pupil or questionnaire; every bad cell named, nothing imported on error; replaces the year’s earlier records of the schools in the file)',
    tags,
    policy: { capability: 'wellbeing.manage' },
    query: z.object({ year: YearParam, source: BurdenSource }),
    upload: true,
    response: BurdenImportResult,
  }),
  report: endpoint({
    method: 'GET',
    path: '/api/wellbeing/burden/report',
    summary:
      '课业负担与睡眠报告：各校、各年级、分性别书面作业超时比例与睡眠不足比例、平均时间、分布、历年趋势、超时比例最高的学校；小单元格对无学生明细权限者不公布 / homework and sleep report: shares over the written-homework limit and short of sleep per school, grade and sex, means, distributions, trend, the schools furthest over; small cells withheld',
    tags,
    policy: { capability: 'wellbeing.read' },
    query: z.object({ year: YearParam.optional() }),
    response: BurdenReport,
  }),
  reportXlsx: endpoint({
    method: 'GET',
    path: '/api/wellbeing/burden/report.xlsx',
    summary: '导出课业负担与睡眠报告 .xlsx（与页面相同的单元格，小单元格不公布） / the homework and sleep report as a workbook (the cells the page shows; small cells withheld)',
    tags,
    policy: { capability: 'wellbeing.read' },
    query: z.object({ year: YearParam.optional() }),
    produces: 'xlsx',
  }),
  pupils: endpoint({
    method: 'GET',
    path: '/api/wellbeing/burden/schools/:code/pupils',
    summary: '一所学校学生的书面作业与睡眠记录（敏感个人信息，每次查看记入审计日志） / one school’s pupil homework and sleep records (sensitive personal data; every read is audited)',
    tags,
    policy: { capability: 'wellbeing.pupils', school: { in: 'params', name: 'code' } },
    params: z.object({ code: SchoolCode }),
    query: z.object({ year: YearParam }),
    response: z.object({ year: z.number(), school: z.string(), limits: PackRef, pupils: z.array(BurdenPupil) }),
    audit: { action: 'read', entity: 'burden-pupils', key: ({ params, query }) => `burden:${query.year}/school:${params.code}`, count: ({ answer }) => answer.pupils.length },
  }),
};
