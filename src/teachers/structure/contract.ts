// The HTTP contract of teachers: structure and pipeline (教师队伍结构与梯队). Aggregates only ('teachers.read'): per school
// and for the district, from the roster of a school year (专任 teachers): age bands, 职称 mix, 中级及以上, 骨干 (县/市/省)
// against 30 %, 研究生 against 5 %, 骨干 and 中级+ per 100 students, the 梯队 tier counts against their targets, and the
// student-weighted 差异系数 of each share across schools; its .xlsx; the years that have a roster.
// A clerk's answer holds the own school's row, an inspector's the assigned schools' rows; the district figures and the
// 差异系数 always cover every school with a roster. Pure module (zod, types and the indicators' names in zh / en): the
// web imports it.
import { z } from 'zod';
import { endpoint } from '../../core/http/contract.js';
import { TIER_EN, TIERS, TITLE_EN, TITLES, type Tier, type Title } from '../model.js';

const tags = ['teachers'];

/** 年龄段 of the statistics (teachersAgeUnder30 … teachersAge50plus); age = Y − birth year (age-bands.ts). */
export const AGE_BANDS = ['under30', '30to39', '40to49', '50plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The 学段 with a 差异系数 of their own (小学, 初中: computed apart, as the balance engine; cv-sections.ts). */
export const CV_SECTIONS = ['小学', '初中'] as const;
export type CvSection = (typeof CV_SECTIONS)[number];

/** How the structure's figures are written, on the page and in the workbook (src/core/format.ts). */
export const STRUCTURE_FIGURES = {
  count: { decimals: 0 },
  /** Shares of 专任 teachers: per cent, one decimal. */
  share: { decimals: 1, percent: true },
  /** 骨干 / 中级+ teachers per 100 students. */
  per100: { decimals: 2 },
  /** 差异系数: three decimals (as the balance evaluation). */
  cv: { decimals: 3 },
} as const;

const Count = z.number().int().min(0);
const Share = z.number().nullable();

/** A count of 专任 teachers and its share of them (null without 专任 teachers). */
export const CountShare = z.object({ count: Count, share: Share });
/** A share against its target: met ⇔ count / 专任 ≥ min (integers: exactly the target meets it); short = whole teachers
 *  to add to reach it (⌈min × 专任⌉ − count, ≥ 0); both null without 专任 teachers. */
export const TargetShare = CountShare.extend({ met: z.boolean().nullable(), short: Count.nullable() });

export const StructureFigures = z.object({
  /** Every roster row of the year (专任, 行政, 工勤). */
  staff: Count,
  /** 专任 teachers: the denominator of every share. */
  fullTime: Count,
  ageBands: z.array(CountShare.extend({ band: z.enum(AGE_BANDS) })),
  titles: z.array(CountShare.extend({ title: z.enum(TITLES) })),
  /** 中级及以上职称 (一级, 高级, 正高级). */
  intermediate: CountShare,
  /** 骨干 of 县/市/省 level against the targets' share (30 %). */
  backbone: TargetShare,
  /** 研究生 against the targets' share (5 %). */
  postgraduate: TargetShare,
  /** 骨干 × 100 / students; null when the students are 0 or unknown. */
  backbonePer100: z.number().nullable(),
  /** 中级+ × 100 / students. */
  intermediatePer100: z.number().nullable(),
  /** 专任 teachers per 梯队 tier. */
  tiers: z.array(z.object({ tier: z.enum(TIERS), count: Count })),
});
export type StructureFigures = z.infer<typeof StructureFigures>;

export const StructureSchool = StructureFigures.extend({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  /** 在校生 of the year (the registry's enrolments); null when the school has no statistics of the year. */
  students: z.number().nullable(),
  /** The 学段 whose 差异系数 count this school (小学 / 初中 with students > 0; a 一贯制 school's sections apart). */
  cvSections: z.array(z.enum(CV_SECTIONS)),
  /** In a 学段's 差异系数 of the shares: that section has students > 0 and at least one 专任 teacher. */
  inShareCv: z.boolean(),
  /** In a 学段's 差异系数 per 100 students: that section has students > 0. */
  inPer100Cv: z.boolean(),
});
export type StructureSchool = z.infer<typeof StructureSchool>;

export const StructureDistrict = StructureFigures.extend({
  /** Σ students of the schools with a roster (unknown counted as 0). */
  students: z.number(),
  /** Schools with a roster of the year. */
  schools: Count,
  /** Open schools without a roster of the year (left out of every figure). */
  withoutRoster: Count,
  /** Schools with a roster but no (or unknown) 小学 / 初中 students: left out of every 差异系数. */
  withoutStudents: Count,
  /** Schools with a roster but no 专任 teacher: left out of the shares' 差异系数. */
  withoutFullTime: Count,
  /** Schools meeting the 骨干 / 研究生 share. */
  backboneMet: Count,
  postgraduateMet: Count,
});
export type StructureDistrict = z.infer<typeof StructureDistrict>;

/** The indicators with a 差异系数: shares over 专任 (weighted shares) and per 100 students (ΣN/ΣP, balance formula). */
export const CV_INDICATORS = ['backbone', 'postgraduate', 'intermediate', 'age', 'title', 'backbonePer100', 'intermediatePer100'] as const;
export type CvIndicator = (typeof CV_INDICATORS)[number];

export const StructureCv = z.object({
  /** The 学段 (小学 or 初中) whose schools (or 一贯制 sections) this CV is over. */
  section: z.enum(CV_SECTIONS),
  indicator: z.enum(CV_INDICATORS),
  /** The age band or 职称 of 'age' / 'title'; null otherwise. */
  group: z.string().nullable(),
  kind: z.enum(['share', 'per100']),
  /** Schools (or 一贯制 sections) counted. */
  n: Count,
  students: z.number(),
  /** X̄: the weighted mean share (fraction) or the per-100 ratio. */
  mean: z.number(),
  sd: z.number(),
  /** S / X̄; null when X̄ = 0 or no school counted. */
  cv: z.number().nullable(),
});
export type StructureCv = z.infer<typeof StructureCv>;

export const StructureTier = z.object({ tier: z.enum(TIERS), count: Count, target: Count, met: z.boolean(), short: Count });
export type StructureTier = z.infer<typeof StructureTier>;

export const StructureTargets = z.object({
  /** The pack's id (teacher-targets-v1) and version: printed with every result. */
  id: z.string(),
  version: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  backboneShare: z.number(),
  backboneLevels: z.array(z.string()),
  postgraduateShare: z.number(),
  sources: z.object({ backboneShare: z.string(), postgraduateShare: z.string(), tiers: z.string() }),
});
export type StructureTargets = z.infer<typeof StructureTargets>;

export const StructureReport = z.object({
  year: z.number(),
  /** The years that have a roster (newest first). */
  years: z.array(z.number()),
  targets: StructureTargets,
  district: StructureDistrict,
  /** The schools with a roster that the caller may see, in code order. */
  schools: z.array(StructureSchool),
  /** The open schools without a roster of the year that the caller may see. */
  withoutRoster: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  cvs: z.array(StructureCv),
  tiers: z.array(StructureTier),
});
export type StructureReport = z.infer<typeof StructureReport>;

const Year = z.coerce.number().int().min(1990).max(2100);
export const StructureQuery = z.object({
  /** The school year (2025 = 2025–2026); default: the current year when it has a roster, else the newest roster. */
  year: Year.optional(),
});

export const structureApi = {
  report: endpoint({
    method: 'GET',
    path: '/api/teachers/structure',
    summary:
      '教师队伍结构（按学年名册的专任教师）：各校与全县（区）的年龄段、职称、中级及以上、骨干（县/市/省，对照 30%）、研究生（对照 5%）、每百名学生骨干数，梯队人数对照目标，各项比例的学生加权差异系数 / teacher structure from a year’s roster (full-time teachers): per school and district age bands, titles, intermediate+, 骨干 share against 30 %, postgraduates against 5 %, 骨干 per 100 students, tier counts against targets, student-weighted CVs of each share',
    tags,
    policy: { capability: 'teachers.read' },
    query: StructureQuery,
    response: StructureReport,
  }),
  export: endpoint({
    method: 'GET',
    path: '/api/teachers/structure.xlsx',
    summary:
      '教师队伍结构 .xlsx（各校与全县（区）汇总数、差异系数、梯队，数字与页面相同；不含教师个人信息） / the teacher structure as .xlsx (school and district aggregates, CVs, tiers, as on the page; no teacher’s row)',
    tags,
    policy: { capability: 'teachers.read' },
    query: StructureQuery.extend({ lang: z.enum(['zh', 'en']).default('zh') }),
    produces: 'xlsx',
  }),
  years: endpoint({
    method: 'GET',
    path: '/api/teachers/structure/years',
    summary: '有教师名册的学年 / the school years that have a teacher roster',
    tags,
    policy: { capability: 'teachers.read' },
    response: z.object({ years: z.array(z.number()), currentYear: z.number() }),
  }),
};

// ---------- names of the indicators (the page and the workbook) ----------
type Lang = 'zh' | 'en';

export const AGE_BAND_LABELS: Record<AgeBand, { zh: string; en: string }> = {
  under30: { zh: '30岁以下', en: 'Under 30' },
  '30to39': { zh: '30–39岁', en: '30–39' },
  '40to49': { zh: '40–49岁', en: '40–49' },
  '50plus': { zh: '50岁及以上', en: '50 and over' },
};

const CV_INDICATOR_LABELS: Record<CvIndicator, { zh: string; en: string }> = {
  backbone: { zh: '骨干教师占比', en: '骨干 (backbone) share' },
  postgraduate: { zh: '研究生学历占比', en: 'Postgraduate share' },
  intermediate: { zh: '中级及以上职称占比', en: 'Intermediate-or-higher title share' },
  age: { zh: '年龄段占比', en: 'Age band share' },
  title: { zh: '职称占比', en: 'Title share' },
  backbonePer100: { zh: '每百名学生骨干教师数', en: '骨干 teachers per 100 students' },
  intermediatePer100: { zh: '每百名学生中级及以上职称教师数', en: 'Intermediate-or-higher teachers per 100 students' },
};

export const ageBandLabel = (b: AgeBand, lang: Lang) => AGE_BAND_LABELS[b][lang];
export const titleLabel = (t: Title, lang: Lang) => (lang === 'zh' ? t : TITLE_EN[t]);
export const tierLabel = (t: Tier, lang: Lang) => (lang === 'zh' ? `${t}教师` : TIER_EN[t]);

/** "年龄段占比：30岁以下" / "Age band share: Under 30". */
export function cvLabel(c: Pick<StructureCv, 'indicator' | 'group'>, lang: Lang): string {
  const base = CV_INDICATOR_LABELS[c.indicator][lang];
  if (c.group === null) return base;
  const g = c.indicator === 'age' ? ageBandLabel(c.group as AgeBand, lang) : c.indicator === 'title' ? titleLabel(c.group as Title, lang) : c.group;
  return lang === 'zh' ? `${base}：${g}` : `${base}: ${g}`;
}
