// 资源配置 evaluation of one district and year against a standards pack (教督〔2017〕6号 form):
// each school's indicator values, compliance (≥ minMet met, the rest ≥ share of the standard),
// the gap to the standard in real units, and the student-weighted 差异系数 of every indicator.
import { wholeShortfall } from '../core/format.js';
import { decimalFraction, ratioMeets } from './exact.js';
import { studentWeightedCvOfArrays } from './weighted-cv.js';
import type { BalanceLevel, Indicator, StandardPack } from './pack-schema.js';

export interface BalanceSchoolInput {
  code: string;
  name?: string;
  level: BalanceLevel;
  students: number;
  /** A 教学点 below the pack's minimum size is excluded. */
  isTeachingPoint?: boolean;
  /** Indicator key → numerator (teachers, m², yuan, rooms); null when not reported. */
  numerators: Record<string, number | null>;
}

export interface SchoolResult {
  schoolCode: string;
  schoolName?: string;
  students: number;
  excluded: boolean;
  excludedReason?: string;
  values: Record<string, number | null>;
  /** Standards met; null when the pack sets no per-school standards (2012). */
  met: number | null;
  pass: boolean | null;
  /** Additional resource needed to reach each standard (0 when met): whole teachers/rooms (gapOf), m² and yuan to 0.01. */
  gaps: Record<string, number | null>;
}

export interface IndicatorResult {
  key: string;
  mean: number;
  sd: number;
  cv: number | null;
  /** The indicator's own CV limit; null under the composite rule (2012), where only the mean is limited. */
  limit: number | null;
  pass: boolean | null;
  threshold: number | null;
  schoolsMet: number | null;
}

export interface LevelResult {
  pass: boolean;
  indicators: IndicatorResult[];
  /** 综合差异系数 = the mean of the indicators' CVs (2012 rule); present only under the composite rule. */
  composite?: { cv: number | null; limit: number; pass: boolean };
  schools: SchoolResult[];
  totalGaps: Record<string, number>;
  /** Schools that count (not excluded) and, of them, those meeting the per-school rule. */
  counted: number;
  schoolsPassing: number | null;
}

/** The least numerator that meets threshold × P / scale, rounded up to whole units or to hundredths. */
export function requiredNumerator(ind: Pick<Indicator, 'scale' | 'count'>, threshold: string, students: number): number {
  const t = decimalFraction(threshold);
  const unit = ind.count ? 1 : 100; // whole teachers / rooms, or hundredths of m² and yuan
  const num = t.num * students * unit;
  const den = t.den * ind.scale;
  // Integer ceiling of num / den (both integers), so an exact multiple is not pushed up by float error.
  const units = num % den === 0 ? num / den : Math.floor(num / den) + 1;
  return units / unit;
}

/**
 * What a school must add to meet the standard: for teachers and rooms the least whole number (a 一贯制 section's
 * apportioned 2.54 teachers against 4.2 needed → 2, never 1.66 or a rounded 2 that falls short), for m² and yuan the
 * hundredths. The one rule behind every gap and total the page, the PDF and the workbook show (src/balance/figures.ts).
 */
export function gapOf(ind: Pick<Indicator, 'scale' | 'count'>, threshold: string, numerator: number, students: number): number {
  const required = requiredNumerator(ind, threshold, students);
  if (!ind.count) return Math.round((required - numerator) * 100) / 100;
  // required − n is an upper bound (n + it ≥ the standard); with a fractional n one whole less may already suffice.
  let g = wholeShortfall(required - numerator);
  while (g > 0 && ratioMeets(numerator + g - 1, students, ind.scale, threshold)) g--;
  return g;
}

export function evaluateSchool(pack: StandardPack, s: BalanceSchoolInput): SchoolResult {
  const excluded = !!s.isTeachingPoint && s.students < pack.exclusions.teachingPointMinStudents;
  const values: Record<string, number | null> = {};
  const gaps: Record<string, number | null> = {};
  const rule = pack.schoolRule;
  let met = 0;
  let remainderOk = true;
  for (const ind of pack.indicators) {
    const n = s.numerators[ind.key];
    const t = ind.threshold?.[s.level];
    if (n == null || !(s.students > 0)) {
      values[ind.key] = null;
      gaps[ind.key] = null;
      remainderOk = false;
      continue;
    }
    values[ind.key] = (n / s.students) * ind.scale;
    if (t === undefined || !rule) {
      gaps[ind.key] = null;
    } else if (ratioMeets(n, s.students, ind.scale, t)) {
      met++;
      gaps[ind.key] = 0;
    } else {
      if (!ratioMeets(n, s.students, ind.scale, t, rule.remainderMinShare)) remainderOk = false;
      gaps[ind.key] = gapOf(ind, t, n, s.students);
    }
  }
  return {
    schoolCode: s.code,
    ...(s.name ? { schoolName: s.name } : {}),
    students: s.students,
    excluded,
    ...(excluded ? { excludedReason: `教学点不足${pack.exclusions.teachingPointMinStudents}人 / teaching point under ${pack.exclusions.teachingPointMinStudents} students` } : {}),
    values,
    met: rule ? met : null,
    pass: rule ? met >= rule.minMet && remainderOk : null,
    gaps,
  };
}

// A CV is irrational in general; compare with a tolerance far below any published precision (3 decimals).
const cvWithin = (cv: number | null, limit: number) => cv !== null && cv <= limit + 1e-12;

/** 综合差异系数 (教督〔2012〕3号 说明): the arithmetic mean of the single-indicator CVs; undefined if any is. */
export function compositeCv(cvs: readonly (number | null)[], limit: number): { cv: number | null; limit: number; pass: boolean } {
  const cv = cvs.length === 0 || cvs.some((c) => c === null) ? null : (cvs as number[]).reduce((a, b) => a + b, 0) / cvs.length;
  return { cv, limit, pass: cvWithin(cv, limit) };
}

// Plain loops, no per-indicator arrays of objects: this runs for every level of every year of a district
// (2,000 schools × 10 years in the benchmark), so it avoids allocation and closures in the inner loops.
export function evaluateLevel(pack: StandardPack, level: BalanceLevel, schools: readonly BalanceSchoolInput[]): LevelResult {
  const ofLevel: BalanceSchoolInput[] = [];
  for (const s of schools) if (s.level === level) ofLevel.push(s);
  const results: SchoolResult[] = new Array(ofLevel.length);
  const counted: SchoolResult[] = [];
  const included: BalanceSchoolInput[] = [];
  for (let i = 0; i < ofLevel.length; i++) {
    const r = evaluateSchool(pack, ofLevel[i]);
    results[i] = r;
    if (!r.excluded) {
      counted.push(r);
      included.push(ofLevel[i]);
    }
  }
  const each = pack.cvRule === 'each';
  const limit = Number(pack.cvLimit[level]);
  const students = new Float64Array(included.length);
  const numerators = new Float64Array(included.length);
  const indicators: IndicatorResult[] = [];
  for (const ind of pack.indicators) {
    let m = 0;
    for (const s of included) {
      const n = s.numerators[ind.key];
      if (n == null) continue;
      students[m] = s.students;
      numerators[m++] = n;
    }
    const cv = studentWeightedCvOfArrays(students, numerators, m, ind.scale);
    const t = ind.threshold?.[level];
    let met = 0;
    if (t !== undefined && pack.schoolRule) for (const r of counted) if (r.gaps[ind.key] === 0) met++;
    indicators.push({
      key: ind.key,
      mean: cv.mean,
      sd: cv.sd,
      cv: cv.cv,
      limit: each ? limit : null,
      pass: each ? cvWithin(cv.cv, limit) : null,
      threshold: t === undefined ? null : Number(t),
      schoolsMet: t === undefined || !pack.schoolRule ? null : met,
    });
  }
  const composite =
    pack.cvRule === 'composite'
      ? compositeCv(
          indicators.map((i) => i.cv),
          Number(pack.cvLimit[level]),
        )
      : undefined;
  const totalGaps = Object.fromEntries(pack.indicators.map((ind) => [ind.key, Math.round(counted.reduce((s, r) => s + (r.gaps[ind.key] ?? 0), 0) * 100) / 100]));
  const schoolsPassing = pack.schoolRule ? counted.filter((r) => r.pass).length : null;
  const cvsPass = composite ? composite.pass : indicators.every((i) => i.pass);
  return {
    pass: counted.length > 0 && cvsPass && (schoolsPassing === null || schoolsPassing === counted.length),
    indicators,
    ...(composite ? { composite } : {}),
    schools: results,
    totalGaps,
    counted: counted.length,
    schoolsPassing,
  };
}

export function evaluateDistrict(pack: StandardPack, schools: readonly BalanceSchoolInput[]) {
  return {
    standard: pack.id,
    version: pack.version,
    levels: Object.fromEntries(pack.levels.map((lv) => [lv, evaluateLevel(pack, lv, schools)])) as Record<BalanceLevel, LevelResult>,
  };
}
