// Seat forecast v1 (学位预测) — grade-progression ratios, i.e. cohort survival (admissions-planning methods, "Seat
// forecast v1"; docs/methods/planning-forecast.md). Pure: plain records in, unrounded forecast cells out.
//   T = the latest year; schools without a record in T are closed (no forecast).
//   grades(s) = every grade s reported in any year; entry(s) = the lowest of them.
//   r(s,g,t) = E(s,g,t) / E(s,g−1,t−1) for t in T−K+1 … T where both records exist and the denominator is > 0;
//   GPR(s,g) = mean of r; else the district ratio (mean over the window years of ΣE(·,g,t) / ΣE(·,g−1,t−1) over
//   schools having both records, zero-denominator years skipped); else 1.
//   E(s,entry,t) = mean of s's entry-grade records in the window (0 if none), or an entry input where given;
//   E(s,g,t) = E(s,g−1,t−1) × GPR(s,g), the actual E(s,g−1,T) (0 where unreported) for t = T+1.
import { compareCodePoints } from '../../admissions/identifiers.js';

export const FORECAST_METHOD = 'junheng-forecast-v1';

/** Lowest and highest grade accepted (1–9 compulsory; 10–12 for 完全中学 records in the registry). */
export const MIN_GRADE = 1;
export const MAX_GRADE = 12;
/** Largest horizon and window accepted (years). */
export const MAX_HORIZON = 30;
export const MAX_WINDOW = 30;

/** One enrolment record: students of a school in one grade of a school year (year = autumn year, 2024 = 2024–2025). */
export interface EnrolmentRecord {
  schoolCode: string;
  year: number;
  grade: number;
  students: number;
}
/** Entry-grade students of a school in a forecast year, replacing the window mean where it returns a number. */
export type EntryInput = (schoolCode: string, year: number) => number | null;
export interface ForecastParams {
  /** years forecast after the base year, H */
  horizon: number;
  /** years of history the ratios and the entry mean use, K */
  window: number;
  entry?: EntryInput;
  /** added to the entry grade (new housing) */
  entryAddition?: (schoolCode: string, year: number) => number;
}
export interface ForecastCell {
  schoolCode: string;
  year: number;
  grade: number;
  students: number;
}
/** GPR(s,g) and where it came from: the school's own ratios, the district's, or the default 1. */
export interface ProgressionRatio {
  schoolCode: string;
  grade: number;
  ratio: number;
  source: 'school' | 'district' | 'default';
}
export interface ForecastResult {
  method: typeof FORECAST_METHOD;
  baseYear: number;
  horizon: number;
  window: number;
  /** open schools × forecast years × the school's grades, sorted by school code (code points), year, grade */
  cells: ForecastCell[];
  /** every non-entry grade of every open school, sorted by school code, grade */
  ratios: ProgressionRatio[];
  /** the window mean of each open school's entry grade (what v1 uses without an entry input) */
  entry: { schoolCode: string; grade: number; mean: number }[];
  /** open schools forecast and closed schools (no record in T) left out, both sorted by code */
  schools: string[];
  closedSchools: string[];
}

const G = MAX_GRADE + 1; // grade slots per (school, year): index = grade

function checkParams(p: ForecastParams): void {
  if (!Number.isInteger(p.horizon) || p.horizon < 1 || p.horizon > MAX_HORIZON)
    throw new Error(`预测年数须为 1–${MAX_HORIZON} 的整数 / the horizon must be an integer from 1 to ${MAX_HORIZON} (got ${String(p.horizon)})`);
  if (!Number.isInteger(p.window) || p.window < 1 || p.window > MAX_WINDOW)
    throw new Error(`窗口年数须为 1–${MAX_WINDOW} 的整数 / the window must be an integer from 1 to ${MAX_WINDOW} (got ${String(p.window)})`);
}

function checkRecord(r: EnrolmentRecord, i: number): void {
  const where = `第 ${i + 1} 条记录 / record ${i + 1}`;
  if (typeof r.schoolCode !== 'string' || r.schoolCode.length === 0) throw new Error(`${where}: 学校代码为空 / empty school code`);
  if (!Number.isInteger(r.year) || r.year < 1900 || r.year > 2200) throw new Error(`${where}: 年份无效 / invalid year ${String(r.year)}`);
  if (!Number.isInteger(r.grade) || r.grade < MIN_GRADE || r.grade > MAX_GRADE)
    throw new Error(`${where}: 年级须为 ${MIN_GRADE}–${MAX_GRADE} 的整数 / the grade must be an integer from ${MIN_GRADE} to ${MAX_GRADE} (got ${String(r.grade)})`);
  if (typeof r.students !== 'number' || !Number.isFinite(r.students) || r.students < 0) throw new Error(`${where}: 学生数须为非负数 / students must be a number ≥ 0 (got ${String(r.students)})`);
}

/** The records laid out densely: value and presence per (school, year − firstYear, grade). */
interface Table {
  codes: string[]; // sorted by code point
  firstYear: number;
  baseYear: number;
  years: number;
  value: Float64Array;
  has: Uint8Array;
  grades: Uint16Array; // bit g set when the school reported grade g in any year
}

function tabulate(records: readonly EnrolmentRecord[]): Table {
  let firstYear = Infinity;
  let baseYear = -Infinity;
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    checkRecord(r, i);
    if (r.year < firstYear) firstYear = r.year;
    if (r.year > baseYear) baseYear = r.year;
    if (!seen.has(r.schoolCode)) seen.set(r.schoolCode, 0);
  });
  const codes = [...seen.keys()].sort(compareCodePoints);
  codes.forEach((c, i) => seen.set(c, i));
  const years = baseYear - firstYear + 1;
  const value = new Float64Array(codes.length * years * G);
  const has = new Uint8Array(codes.length * years * G);
  const grades = new Uint16Array(codes.length);
  records.forEach((r, i) => {
    const s = seen.get(r.schoolCode)!;
    const at = (s * years + (r.year - firstYear)) * G + r.grade;
    if (has[at])
      throw new Error(`第 ${i + 1} 条记录 / record ${i + 1}: 学校 ${r.schoolCode} ${r.year} 年 ${r.grade} 年级重复 / duplicate record for school ${r.schoolCode}, year ${r.year}, grade ${r.grade}`);
    has[at] = 1;
    value[at] = r.students;
    grades[s] |= 1 << r.grade;
  });
  return { codes, firstYear, baseYear, years, value, has, grades };
}

/** District ratio per grade (index g), NaN where undefined (no window year with a positive denominator). */
function districtRatios(tb: Table, window: number): Float64Array {
  const out = new Float64Array(G).fill(NaN);
  const from = Math.max(tb.baseYear - window + 1, tb.firstYear + 1);
  for (let g = MIN_GRADE + 1; g <= MAX_GRADE; g++) {
    let sum = 0;
    let n = 0;
    for (let t = from; t <= tb.baseYear; t++) {
      const y = t - tb.firstYear;
      let num = 0;
      let den = 0;
      for (let s = 0; s < tb.codes.length; s++) {
        const a = (s * tb.years + y) * G + g; // E(s,g,t)
        const b = (s * tb.years + y - 1) * G + g - 1; // E(s,g−1,t−1)
        if (tb.has[a] && tb.has[b]) {
          num += tb.value[a];
          den += tb.value[b];
        }
      }
      if (den > 0) {
        sum += num / den;
        n++;
      }
    }
    if (n > 0) out[g] = sum / n;
  }
  return out;
}

/** Seat forecast v1 over enrolment records; throws an Error (中文 / English) on empty input or bad parameters. */
export function forecastV1(records: readonly EnrolmentRecord[], p: ForecastParams): ForecastResult {
  checkParams(p);
  if (records.length === 0) throw new Error('没有在校生记录，无法预测 / no enrolment records: nothing to forecast');
  const tb = tabulate(records);
  const { codes, firstYear, baseYear: T, years, value, has } = tb;
  const K = p.window;
  const H = p.horizon;
  const from = Math.max(T - K + 1, firstYear); // first window year with data
  const district = districtRatios(tb, K);
  const cells: ForecastCell[] = [];
  const ratios: ProgressionRatio[] = [];
  const entry: ForecastResult['entry'] = [];
  const schools: string[] = [];
  const closedSchools: string[] = [];
  const gpr = new Float64Array(G);
  let prev = new Float64Array(G);
  let next = new Float64Array(G);

  for (let s = 0; s < codes.length; s++) {
    const code = codes[s];
    const rowT = (s * years + (T - firstYear)) * G;
    let open = false;
    for (let g = MIN_GRADE; g <= MAX_GRADE && !open; g++) open = has[rowT + g] === 1;
    if (!open) {
      closedSchools.push(code);
      continue;
    }
    schools.push(code);
    const mask = tb.grades[s];
    const list: number[] = [];
    for (let g = MIN_GRADE; g <= MAX_GRADE; g++) if (mask & (1 << g)) list.push(g);
    const entryGrade = list[0];

    // Entry mean: the school's entry-grade records in the window (0 if none).
    let eSum = 0;
    let eN = 0;
    for (let t = from; t <= T; t++) {
      const at = (s * years + (t - firstYear)) * G + entryGrade;
      if (has[at]) {
        eSum += value[at];
        eN++;
      }
    }
    const entryMean = eN > 0 ? eSum / eN : 0;
    entry.push({ schoolCode: code, grade: entryGrade, mean: entryMean });

    // GPR(s,g) for every non-entry grade.
    for (const g of list.slice(1)) {
      let sum = 0;
      let n = 0;
      for (let t = Math.max(from, firstYear + 1); t <= T; t++) {
        const a = (s * years + (t - firstYear)) * G + g;
        const b = (s * years + (t - 1 - firstYear)) * G + g - 1;
        if (has[a] && has[b] && value[b] > 0) {
          sum += value[a] / value[b];
          n++;
        }
      }
      const ratio = n > 0 ? sum / n : Number.isNaN(district[g]) ? 1 : district[g];
      const source = n > 0 ? 'school' : Number.isNaN(district[g]) ? 'default' : 'district';
      gpr[g] = ratio;
      ratios.push({ schoolCode: code, grade: g, ratio, source });
    }

    // Roll the cohorts forward from the actual year-T records (0 where unreported).
    prev.fill(0);
    for (let g = MIN_GRADE; g <= MAX_GRADE; g++) if (has[rowT + g]) prev[g] = value[rowT + g];
    for (let t = T + 1; t <= T + H; t++) {
      next.fill(0);
      const given = p.entry ? p.entry(code, t) : null;
      if (given !== null && (typeof given !== 'number' || !Number.isFinite(given) || given < 0))
        throw new Error(`学校 ${code} ${t} 年的入学输入无效 / invalid entry input for school ${code}, year ${t}: ${String(given)}`);
      const added = p.entryAddition ? p.entryAddition(code, t) : 0;
      if (typeof added !== 'number' || !Number.isFinite(added)) throw new Error(`学校 ${code} ${t} 年的新增入学无效 / invalid entry addition for school ${code}, year ${t}: ${String(added)}`);
      next[entryGrade] = (given ?? entryMean) + added;
      for (let i = 1; i < list.length; i++) {
        const g = list[i];
        next[g] = prev[g - 1] * gpr[g];
      }
      for (const g of list) cells.push({ schoolCode: code, year: t, grade: g, students: next[g] });
      const swap = prev;
      prev = next;
      next = swap;
    }
  }
  return { method: FORECAST_METHOD, baseYear: T, horizon: H, window: K, cells, ratios, entry, schools, closedSchools };
}
