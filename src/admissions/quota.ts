// Quota allocation v1 (junheng-quota-v1, 名额分配 / 指标到校): a key high school's places Q shared among junior
// schools (docs/methods/admissions.md). W_i = graduates_i × (w if rural else 1); floor f_i = min(m, graduates_i);
// repeat: R = Q − Σ_C graduates − Σ_{∉C} f; exact shares s_i = R·W_i / Σ_{∉C} W; a_i = ⌊s_i⌋; the R − Σ a left go one
// each to the largest remainders (ties: larger W_i, then smaller code); schools with f_i + a_i > graduates_i join C
// (capped at their graduates); until none does. Exact rational arithmetic (BigInt): Σ = Q always.
import { compareCodePoints } from './identifiers.js';
import { AdmissionsInputError, type InputProblem } from './problems.js';
import { SCHOOL_CODE, uniqueIds } from './unique-ids.js';

export const QUOTA_METHOD = 'junheng-quota-v1';

export interface QuotaSchool {
  schoolCode: string;
  /** This year's eligible 初三 graduates with 学籍 at the school. */
  graduates: number;
  rural: boolean;
  row?: number;
}

export interface QuotaParams {
  places: number;
  minPerSchool: number;
  /** The rural weight w ≥ 1 as written ("1.2"): read as the exact fraction 12/10. */
  ruralWeight: string;
}

export interface QuotaAllocation {
  schoolCode: string;
  graduates: number;
  rural: boolean;
  places: number;
  /** Capped at its graduates (every graduate gets a place). */
  capped: boolean;
}

export interface QuotaResult {
  method: typeof QUOTA_METHOD;
  places: number;
  minPerSchool: number;
  ruralWeight: string;
  /** By school code. */
  allocations: QuotaAllocation[];
}

/** "1.2" → [12n, 10n]; null for anything but a plain decimal. */
export function decimalFraction(text: string): [bigint, bigint] | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const frac = m[2] ?? '';
  return [BigInt(m[1] + frac), 10n ** BigInt(frac.length)];
}

export function quotaV1(schoolsIn: readonly QuotaSchool[], params: QuotaParams): QuotaResult {
  const problems: InputProblem[] = [];
  const { places: Q, minPerSchool: m } = params;
  if (!(Number.isSafeInteger(Q) && Q > 0)) problems.push({ column: 'places', message: `名额应为正整数，而不是 ${Q} / places must be a whole number above 0, not ${Q}` });
  if (!(Number.isSafeInteger(m) && m >= 0))
    problems.push({ column: 'min_per_school', message: `每校保底名额应为 ≥ 0 的整数，而不是 ${m} / the minimum per school must be a whole number ≥ 0, not ${m}` });
  const w = decimalFraction(params.ruralWeight);
  if (!w || w[0] < w[1])
    problems.push({ column: 'rural_weight', message: `农村学校权重应为 ≥ 1 的小数，而不是 ${params.ruralWeight} / the rural weight must be a decimal ≥ 1, not ${params.ruralWeight}` });
  const codeOf = uniqueIds(SCHOOL_CODE, problems);
  const schools = schoolsIn.map((s, i) => {
    const row = s.row ?? i + 2;
    const schoolCode = codeOf(s.schoolCode, row);
    if (!(Number.isSafeInteger(s.graduates) && s.graduates >= 0))
      problems.push({ row, column: 'graduates', message: `毕业生数应为 ≥ 0 的整数，而不是 ${s.graduates} / graduates must be a whole number ≥ 0, not ${s.graduates}` });
    return { ...s, schoolCode };
  });
  if (problems.length) throw new AdmissionsInputError(problems);
  const [wn, wd] = w!;
  // Weights scaled by wd (shares are ratios, ties compare the same): W'_i = graduates × (wn if rural else wd).
  const g = schools.map((s) => BigInt(s.graduates));
  const W = schools.map((s, i) => g[i] * (s.rural ? wn : wd));
  const f = g.map((x) => (x < BigInt(m) ? x : BigInt(m)));
  const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
  const q = BigInt(Q);
  if (sum(f) > q) throw new AdmissionsInputError([{ column: 'min_per_school', message: `各校保底名额合计 ${sum(f)} 超过总名额 ${Q} / the floors add up to ${sum(f)}, more than the ${Q} places` }]);
  if (q > sum(g)) throw new AdmissionsInputError([{ column: 'places', message: `总名额 ${Q} 多于毕业生合计 ${sum(g)} / ${Q} places are more than the ${sum(g)} graduates` }]);

  const capped = new Set<number>();
  let extra: bigint[] = [];
  for (;;) {
    const open = schools.map((_, i) => i).filter((i) => !capped.has(i));
    const R = q - sum([...capped].map((i) => g[i])) - sum(open.map((i) => f[i]));
    const D = sum(open.map((i) => W[i]));
    extra = schools.map(() => 0n);
    const rem = schools.map(() => 0n); // remainder numerators over the common denominator D
    if (D > 0n)
      for (const i of open) {
        extra[i] = (R * W[i]) / D;
        rem[i] = (R * W[i]) % D;
      }
    let left = R - sum(open.map((i) => extra[i]));
    const byRemainder = [...open].sort(
      (a, b) => (rem[b] > rem[a] ? 1 : rem[b] < rem[a] ? -1 : 0) || (W[b] > W[a] ? 1 : W[b] < W[a] ? -1 : 0) || compareCodePoints(schools[a].schoolCode, schools[b].schoolCode),
    );
    for (const i of byRemainder) {
      if (left <= 0n) break;
      extra[i] += 1n;
      left--;
    }
    const over = open.filter((i) => f[i] + extra[i] > g[i]);
    if (over.length === 0) break;
    for (const i of over) capped.add(i);
  }
  const allocations = schools
    .map((s, i) => ({ schoolCode: s.schoolCode, graduates: s.graduates, rural: s.rural, places: Number(capped.has(i) ? g[i] : f[i] + extra[i]), capped: capped.has(i) }))
    .sort((a, b) => compareCodePoints(a.schoolCode, b.schoolCode));
  return { method: QUOTA_METHOD, places: Q, minPerSchool: m, ruralWeight: params.ruralWeight.trim(), allocations };
}
