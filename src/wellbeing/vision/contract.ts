// The HTTP contract of vision screening (视力筛查, 近视率): the import of a school year's screening records (the
// bureau and its health staff), the myopia report by district, school, grade and sex with the trend, the yearly change
// against the −0.5 point target and the 2030 level targets (small cells withheld), its workbook, and one school's
// pupil rows (pupil-level health data: 'wellbeing.pupils' for that school, every read audited).
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, YearParam } from '../../core/http/contract.js';

const tags = ['wellbeing'];

/** How the report's figures are written, on the page and in the workbook (src/core/format.ts formatNumber / excelFormat). */
export const VISION_FIGURES = {
  /** 近视率, 视力不良率: per cent, one decimal ("41.3%"). */
  rate: { decimals: 1, percent: true },
  /** A change in percentage points, signed, one decimal ("−0.8"). */
  pp: { decimals: 1, signed: true },
  /** Pupils. */
  count: { decimals: 0 },
} as const;
const SchoolCode = z.string().trim().min(1).max(40);
const Sex = z.enum(['M', 'F']);
const Level = z.enum(['小学', '初中']);

export const VisionCellSchema = z.object({
  /** null: the district. */
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  /** null: every grade. */
  grade: z.number().nullable(),
  /** null: both sexes. */
  sex: Sex.nullable(),
  /** Pupils with a screening row. */
  screened: z.number(),
  /** Pupils with an acuity of at least one eye: the denominator of the rates. */
  withAcuity: z.number(),
  /** Pupils whose result rests on acuity alone (no SE for an eye). */
  acuityOnly: z.number(),
  /** Screening myopes; null when withheld. */
  myopes: z.number().nullable(),
  /** Myopes counted on acuity alone; null when withheld. */
  myopesAcuityOnly: z.number().nullable(),
  /** Shares 0–1; null when nobody has an acuity or when withheld. */
  myopiaRate: z.number().nullable(),
  reducedRate: z.number().nullable(),
  glassesRate: z.number().nullable(),
  /** The 2030 target of the grade's level (grade cells only). */
  targetPercent: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
  suppressed: z.boolean(),
});
export type VisionCellWire = z.infer<typeof VisionCellSchema>;

export const VisionLevelCellSchema = z.object({
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  level: Level,
  withAcuity: z.number(),
  myopiaRate: z.number().nullable(),
  targetPercent: z.number(),
  meetsTarget: z.boolean().nullable(),
  /** Rate minus target in percentage points (positive: above the target); null when withheld. */
  abovePp: z.number().nullable(),
  suppressed: z.boolean(),
});
export type VisionLevelCellWire = z.infer<typeof VisionLevelCellSchema>;

export const VisionChangeSchema = z.object({
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  from: z.number(),
  to: z.number(),
  /** Percentage points (−0.8 = down 0.8 points); null when either year is withheld or has nobody. */
  changePp: z.number().nullable(),
  /** Down by at least the target (−0.5 points a year; over several years, that many times), compared in integers; null when withheld or not comparable. */
  meetsTarget: z.boolean().nullable(),
  /** The target for this span in points (−0.5 a year × years). */
  targetPp: z.number(),
  /** Why the change is not judged against the target: the years were judged with different rule versions, or their acuity-only shares differ by more than the report rule allows. */
  notComparable: z.enum(['rule-version', 'acuity-only-share']).nullable(),
  suppressed: z.boolean(),
});
export type VisionChangeWire = z.infer<typeof VisionChangeSchema>;

export const VisionTrendSchema = z.object({
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  points: z.array(z.object({ year: z.number(), withAcuity: z.number(), acuityOnly: z.number(), myopiaRate: z.number().nullable(), suppressed: z.boolean() })),
});
export type VisionTrendWire = z.infer<typeof VisionTrendSchema>;

const LevelTargetWire = z.object({ level: Level, percent: z.number(), inclusive: z.boolean(), by: z.number(), source: z.string(), sourceEn: z.string() });

export const VisionReport = z.object({
  /** null when nothing was imported yet. */
  year: z.number().nullable(),
  /** School years with results (pupil rows or the tallies of a purged year), latest first. */
  years: z.array(z.number()),
  rule: z.object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    titleEn: z.string(),
    ucvaBelow: z.number(),
    seAtMost: z.number(),
    seInclusive: z.boolean(),
    /** The ≤ / < wording is not confirmed from the standard's own text. */
    seInclusiveUnconfirmed: z.boolean(),
  }),
  /** The rules (id, version) the shown year's results were judged with, and how many pupils each. */
  judgedWith: z.array(z.object({ id: z.string(), version: z.number(), pupils: z.number() })),
  /** The shown year's pupil rows were purged (retention): its figures come from the stored tallies. */
  fromTallies: z.boolean(),
  targets: z.object({
    yearlyChangePp: z.number(),
    source: z.string(),
    sourceEn: z.string(),
    /** Years are judged against the target only when their acuity-only shares differ by at most this many points (and the rule versions agree). */
    comparableAcuityOnlyPp: z.number(),
    comparableSource: z.string(),
    comparableSourceEn: z.string(),
    levels: z.array(LevelTargetWire),
    unconfirmed: z.array(LevelTargetWire),
  }),
  minCellSize: z.number(),
  cells: z.array(VisionCellSchema),
  levels: z.array(VisionLevelCellSchema),
  trend: z.array(VisionTrendSchema),
  /** The shown year against the year before, per school and for the district. */
  changes: z.array(VisionChangeSchema),
  /** The shown year against the first year with results (the baseline), when that is earlier than the year before; per school and for the district. */
  sinceFirst: z.array(VisionChangeSchema),
  /** Schools' level cells furthest above their level's target, worst first (at most 10). */
  furthestAbove: z.array(VisionLevelCellSchema),
});
export type VisionReport = z.infer<typeof VisionReport>;

export const VisionImportResult = z.object({
  year: z.number(),
  imported: z.number(),
  schools: z.array(z.string()),
  withAcuity: z.number(),
  myopes: z.number(),
  acuityOnly: z.number(),
  rule: z.object({ id: z.string(), version: z.number() }),
});

export const VisionPupil = z.object({
  studentId: z.string(),
  grade: z.number(),
  sex: Sex,
  screenedOn: z.string().nullable(),
  ucvaRight: z.number().nullable(),
  ucvaLeft: z.number().nullable(),
  seRight: z.number().nullable(),
  seLeft: z.number().nullable(),
  wearsGlasses: z.boolean().nullable(),
  myopia: z.boolean().nullable(),
  basis: z.enum(['acuity+se', 'acuity-only']).nullable(),
  reduced: z.boolean().nullable(),
  ruleId: z.string(),
  ruleVersion: z.number(),
});
export type VisionPupil = z.infer<typeof VisionPupil>;

export const visionApi = {
  import: endpoint({
    method: 'POST',
    path: '/api/wellbeing/vision/import',
    summary:
      '导入一个学年的视力筛查记录（.xlsx/.csv，每行一名学生；裸眼远视力五分记录或小数视力，可选等效球镜或球镜与柱镜；出错时逐格列出，全部不导入；同一学年内文件中各校的旧记录被替换） / import a school year’s vision screening records (.xlsx/.csv, one row per pupil; acuity on the 5-point record or decimal, optional SE or sphere and cylinder; every bad cell named, nothing imported on error; replaces the year’s earlier rows of the schools in the file)',
    tags,
    policy: { capability: 'wellbeing.manage' },
    query: z.object({ year: YearParam }),
    upload: true,
    response: VisionImportResult,
  }),
  report: endpoint({
    method: 'GET',
    path: '/api/wellbeing/vision/report',
    summary:
      '近视报告：全县（区）、各校、各年级、分性别的筛查性近视率、视力不良率与仅凭视力判定的人数，逐年趋势，与上年相比的变化对照“每年下降 0.5 个百分点”，各学段 2030 年目标；小单元格对无学生明细权限者不公布 / myopia report per district, school, grade and sex (screening myopia rate, reduced-acuity rate, acuity-only count), trend over years, yearly change against the −0.5 point target, 2030 level targets; small cells withheld',
    tags,
    policy: { capability: 'wellbeing.read' },
    query: z.object({ year: YearParam.optional() }),
    response: VisionReport,
  }),
  export: endpoint({
    method: 'GET',
    path: '/api/wellbeing/vision/report.xlsx',
    summary: '近视报告 .xlsx（与页面相同的数字；小单元格同样不公布） / the myopia report as .xlsx (the page’s figures; small cells withheld alike)',
    tags,
    policy: { capability: 'wellbeing.read' },
    query: z.object({ year: YearParam.optional(), lang: z.enum(['zh', 'en']).default('zh') }),
    produces: 'xlsx',
  }),
  students: endpoint({
    method: 'GET',
    path: '/api/wellbeing/vision/schools/:code/students',
    summary: '一所学校的学生视力筛查明细（敏感个人信息，每次查看记入审计日志） / one school’s pupil vision screening rows (sensitive personal data; every read is audited)',
    tags,
    policy: { capability: 'wellbeing.pupils', school: { in: 'params', name: 'code' } },
    params: z.object({ code: SchoolCode }),
    query: z.object({ year: YearParam }),
    response: z.object({ year: z.number(), school: z.string(), students: z.array(VisionPupil) }),
    audit: { action: 'read', entity: 'vision-students', key: ({ params, query }) => `vision:${query.year}/school:${params.code}`, count: ({ answer }) => answer.students.length },
  }),
};
