// Who may move, how far, and how many must: the rule thresholds of the exchange in exact arithmetic.
// 教师〔2014〕4号: eligible = at the school ≥ minYears and below the age limit; each year ≥ rate of the eligible move,
// 骨干 ≥ backboneShare of the movers. Rates are compared as decimals by cross-multiplication (no float drift:
// 0.1 × 30 is exactly 3).
import type { ExchangeRules, ExchangeSchool, ExchangeTeacher } from './model.js';

/** Eligible for exchange: yearsAtSchool ≥ minYears and age < maxAge. */
export function isEligible(t: ExchangeTeacher, r: Pick<ExchangeRules, 'minYears' | 'maxAge'>): boolean {
  return t.yearsAtSchool >= r.minYears && t.age < r.maxAge;
}

/** Straight-line distance in km on the schools' planar coordinates: √((x₁−x₂)² + (y₁−y₂)²). */
export function distanceKm(a: ExchangeSchool, b: ExchangeSchool): number {
  return Math.hypot(a.xKm - b.xKm, a.yKm - b.yKm);
}

/** km ≤ maxKm, allowing for the last bits of a square root (a move of exactly maxKm is allowed). */
export function withinKm(km: number, maxKm: number): boolean {
  return km <= maxKm + 1e-9 * Math.max(1, Math.abs(maxKm));
}

/** A non-negative decimal as an exact fraction num / den (den a power of ten, reduced): 0.1 → 1/10, 0.25 → 1/4. */
export function decimalFraction(x: number): { num: bigint; den: bigint } {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`not a non-negative decimal: ${x}`);
  // The shortest decimal that reads back as x (what the user typed, e.g. "0.1"), exponent form included.
  const [mantissa, exp = '0'] = x.toString().split('e');
  const [whole, frac = ''] = mantissa.split('.');
  let num = BigInt(whole + frac);
  let den = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) num *= 10n ** BigInt(e);
  else den *= 10n ** BigInt(-e);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** ⌈share × n⌉ exactly. */
export function ceilShare(share: number, n: number): number {
  const { num, den } = decimalFraction(share);
  return Number((num * BigInt(n) + den - 1n) / den);
}

/** Movers required: ⌈rate × eligible⌉. */
export const requiredMovers = (rate: number, eligible: number) => ceilShare(rate, eligible);

/** backboneMovers ≥ backboneShare × movers, i.e. backboneMovers × den ≥ num × movers. */
export function backboneShareMet(backboneShare: number, backboneMovers: number, movers: number): boolean {
  const { num, den } = decimalFraction(backboneShare);
  return BigInt(backboneMovers) * den >= num * BigInt(movers);
}

/** What is wrong with the rule parameters themselves (empty when they are usable), 中文 / English. */
export function ruleProblems(r: ExchangeRules): string[] {
  const out: string[] = [];
  const share = (v: number, zh: string, en: string) => {
    if (!(Number.isFinite(v) && v >= 0 && v <= 1)) out.push(`${zh}应在 0 与 1 之间，而不是 ${v} / ${en} must be between 0 and 1, not ${v}`);
  };
  share(r.rate, '交流比例', 'rate');
  share(r.backboneShare, '骨干比例', 'backbone share');
  if (!(Number.isFinite(r.minYears) && r.minYears >= 0)) out.push(`最少任教年限应 ≥ 0，而不是 ${r.minYears} / min years must be ≥ 0, not ${r.minYears}`);
  if (!(Number.isFinite(r.maxAge) && r.maxAge > 0)) out.push(`年龄上限应 > 0，而不是 ${r.maxAge} / max age must be > 0, not ${r.maxAge}`);
  if (!(Number.isFinite(r.maxKm) && r.maxKm >= 0)) out.push(`最远距离应 ≥ 0，而不是 ${r.maxKm} / max km must be ≥ 0, not ${r.maxKm}`);
  if (r.mipGap !== undefined && !(Number.isFinite(r.mipGap) && r.mipGap >= 0 && r.mipGap < 1)) out.push(`MIP 间隙应在 [0, 1) 内，而不是 ${r.mipGap} / the MIP gap must be in [0, 1), not ${r.mipGap}`);
  if (r.timeLimitSeconds !== undefined && !(Number.isFinite(r.timeLimitSeconds) && r.timeLimitSeconds > 0))
    out.push(`时限应 > 0 秒，而不是 ${r.timeLimitSeconds} / the time limit must be > 0 s, not ${r.timeLimitSeconds}`);
  return out;
}
