// 班额 (class sizes) — one vocabulary for every page and report (issue 10 item 11):
//   超标准班额  a class above the standard size of its level: 小学 > 45, 初中 > 50 (or the local pack's values),
//              held by the class's grade, so a 九年一贯制 school's grade 7 class is held to 50;
//   大班额      56–65 pupils;  超大班额  66 pupils or more (the pack's `large` and `huge`).
// A class exactly at the standard meets it. Integers: no rounding issue. Pure (types only): the web imports it,
// so the overview, the school list, the forms, the balance page and every report classify a class the same way.
import type { StandardPack } from './pack-schema.js';

/** The pack's class-size thresholds (StandardPack['classSize']). */
export type ClassSizeThresholds = Pick<StandardPack['classSize'], 'standard' | 'large' | 'huge'>;

/** The band of a class: within its standard, above it (but not 大班额), 大班额, 超大班额. */
export type ClassBand = 'ok' | 'over' | 'large' | 'huge';

/** The terms of the bands (zh as in 国发〔2016〕40号 and 教督〔2017〕6号; en for the English interface). */
export const CLASS_SIZE_TERMS = {
  /** Every class above its level's standard (大班额 and 超大班额 included). */
  overStandard: { zh: '超标准班额', en: 'Over the standard size' },
  large: { zh: '大班额', en: 'Large class' },
  huge: { zh: '超大班额', en: 'Very large class' },
} as const;

/** The standard size of a grade: 小学 for grades 1–6, 初中 for 7–9. */
export const standardSizeOf = (t: Pick<ClassSizeThresholds, 'standard'>, grade: number): number => (grade <= 6 ? t.standard['小学'] : t.standard['初中']);

export interface ClassClassification {
  /** The standard size the class is held to (by its grade). */
  standard: number;
  /** 超标准班额: size > standard. */
  overStandard: boolean;
  /** 大班额: large ≤ size < huge (56–65). */
  large: boolean;
  /** 超大班额: size ≥ huge (66+). */
  huge: boolean;
  /** The one band a list shows: huge, large, over (above the standard only) or ok. */
  band: ClassBand;
}

/** Classify one class of `size` pupils in `grade` by the pack's thresholds. */
export function classifyClass(size: number, grade: number, t: ClassSizeThresholds): ClassClassification {
  const standard = standardSizeOf(t, grade);
  const overStandard = size > standard;
  const huge = size >= t.huge;
  const large = !huge && size >= t.large;
  return { standard, overStandard, large, huge, band: huge ? 'huge' : large ? 'large' : overStandard ? 'over' : 'ok' };
}

/** The label of a band: "超标准班额" / "大班额" / "超大班额" ("" for ok). */
export function classBandLabel(band: ClassBand, lang: 'zh' | 'en' = 'zh'): string {
  if (band === 'ok') return '';
  const term = band === 'over' ? CLASS_SIZE_TERMS.overStandard : CLASS_SIZE_TERMS[band];
  return term[lang];
}

/** The rule of each term with the pack's numbers: "超标准班额（小学 > 45 人，初中 > 50 人）", "大班额（56～65 人）", "超大班额（≥ 66 人）". */
export function classSizeDefinitions(t: ClassSizeThresholds, lang: 'zh' | 'en' = 'zh'): { overStandard: string; large: string; huge: string } {
  if (lang === 'en')
    return {
      overStandard: `${CLASS_SIZE_TERMS.overStandard.en} (primary > ${t.standard['小学']}, junior secondary > ${t.standard['初中']})`,
      large: `${CLASS_SIZE_TERMS.large.en} (${t.large}–${t.huge - 1})`,
      huge: `${CLASS_SIZE_TERMS.huge.en} (≥ ${t.huge})`,
    };
  return {
    overStandard: `超标准班额（小学 > ${t.standard['小学']} 人，初中 > ${t.standard['初中']} 人）`,
    large: `大班额（${t.large}～${t.huge - 1} 人）`,
    huge: `超大班额（≥ ${t.huge} 人）`,
  };
}

export interface ClassRow {
  schoolCode: string;
  schoolName?: string;
  grade: number;
  classNo: number;
  size: number;
}

export interface ClassSizeReport {
  classes: number;
  /** 超标准班额: classes above their standard (大班额 and 超大班额 above it included). */
  overStandard: number;
  large: number; // 大班额 (56–65)
  huge: number; // 超大班额 (≥ 66)
  maxSize: number | null;
  /** Every class above its standard, largest first. */
  list: (ClassRow & { standard: number; band: 'over' | 'large' | 'huge' })[];
}

export const standardSizeOfGrade = (pack: StandardPack, grade: number) => standardSizeOf(pack.classSize, grade);

export function classSizeReport(pack: StandardPack, rows: readonly ClassRow[]): ClassSizeReport {
  const list: ClassSizeReport['list'] = [];
  let maxSize: number | null = null;
  let large = 0;
  let huge = 0;
  for (const c of rows) {
    maxSize = maxSize === null ? c.size : Math.max(maxSize, c.size);
    const k = classifyClass(c.size, c.grade, pack.classSize);
    if (k.large) large++;
    if (k.huge) huge++;
    if (k.overStandard) list.push({ ...c, standard: k.standard, band: k.band === 'ok' ? 'over' : k.band });
  }
  list.sort((a, b) => b.size - a.size || a.schoolCode.localeCompare(b.schoolCode) || a.grade - b.grade || a.classNo - b.classNo);
  return { classes: rows.length, overStandard: list.length, large, huge, maxSize, list };
}
