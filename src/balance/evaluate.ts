// 资源配置 evaluation of one district and year against a standards pack (教督〔2017〕6号 form):
// each school's indicator values, compliance (≥ minMet met, the rest ≥ share of the standard),
// the gap to the standard in real units, and the student-weighted 差异系数 of every indicator.
import { decimalFraction, ratioMeets } from './exact.js';
import { studentWeightedCv } from './weighted-cv.js';
import type { BalanceLevel, Indicator, StandardPack } from './standards.js';

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
  school_code: string;
  school_name?: string;
  students: number;
  excluded: boolean;
  excludedReason?: string;
  values: Record<string, number | null>;
  met: number;
  pass: boolean;
  /** Additional resource needed to reach each standard (0 when met): teachers/rooms rounded up, m² and yuan to 0.01. */
  gaps: Record<string, number | null>;
}

export interface IndicatorResult {
  key: string;
  mean: number;
  sd: number;
  cv: number | null;
  limit: number;
  pass: boolean;
  threshold: number;
  schoolsMet: number;
}

export interface LevelResult {
  pass: boolean;
  indicators: IndicatorResult[];
  schools: SchoolResult[];
  totalGaps: Record<string, number>;
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

export function evaluateSchool(pack: StandardPack, s: BalanceSchoolInput): SchoolResult {
  const excluded = !!s.isTeachingPoint && s.students < pack.exclusions.teachingPointMinStudents;
  const values: Record<string, number | null> = {};
  const gaps: Record<string, number | null> = {};
  let met = 0;
  let remainderOk = true;
  for (const ind of pack.indicators) {
    const n = s.numerators[ind.key];
    const t = ind.threshold[s.level];
    if (n == null || !(s.students > 0)) {
      values[ind.key] = null;
      gaps[ind.key] = null;
      remainderOk = false;
      continue;
    }
    values[ind.key] = (n / s.students) * ind.scale;
    if (ratioMeets(n, s.students, ind.scale, t)) {
      met++;
      gaps[ind.key] = 0;
    } else {
      if (!ratioMeets(n, s.students, ind.scale, t, pack.schoolRule.remainderMinShare)) remainderOk = false;
      gaps[ind.key] = Math.round((requiredNumerator(ind, t, s.students) - n) * 100) / 100;
    }
  }
  return {
    school_code: s.code,
    ...(s.name ? { school_name: s.name } : {}),
    students: s.students,
    excluded,
    ...(excluded ? { excludedReason: `教学点不足${pack.exclusions.teachingPointMinStudents}人 / teaching point under ${pack.exclusions.teachingPointMinStudents} students` } : {}),
    values,
    met,
    pass: met >= pack.schoolRule.minMet && remainderOk,
    gaps,
  };
}

export function evaluateLevel(pack: StandardPack, level: BalanceLevel, schools: readonly BalanceSchoolInput[]): LevelResult {
  const ofLevel = schools.filter((s) => s.level === level);
  const results = ofLevel.map((s) => evaluateSchool(pack, s));
  const included = ofLevel.filter((_, i) => !results[i].excluded);
  const counted = results.filter((r) => !r.excluded);
  const indicators = pack.indicators.map((ind): IndicatorResult => {
    const cv = studentWeightedCv(
      included.filter((s) => s.numerators[ind.key] != null).map((s) => ({ students: s.students, numerator: s.numerators[ind.key]! })),
      ind.scale,
    );
    const limit = Number(pack.cvLimit[level]);
    return {
      key: ind.key,
      mean: cv.mean,
      sd: cv.sd,
      cv: cv.cv,
      limit,
      // A CV is irrational in general; compare with a tolerance far below any published precision.
      pass: cv.cv !== null && cv.cv <= limit + 1e-12,
      threshold: Number(ind.threshold[level]),
      schoolsMet: counted.filter((r) => r.gaps[ind.key] === 0).length,
    };
  });
  const totalGaps = Object.fromEntries(pack.indicators.map((ind) => [ind.key, Math.round(counted.reduce((s, r) => s + (r.gaps[ind.key] ?? 0), 0) * 100) / 100]));
  return { pass: counted.length > 0 && indicators.every((i) => i.pass) && counted.every((r) => r.pass), indicators, schools: results, totalGaps };
}

export function evaluateDistrict(pack: StandardPack, schools: readonly BalanceSchoolInput[]) {
  return {
    standard: pack.id,
    version: pack.version,
    levels: Object.fromEntries(pack.levels.map((lv) => [lv, evaluateLevel(pack, lv, schools)])) as Record<BalanceLevel, LevelResult>,
  };
}
