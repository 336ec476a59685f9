// A share target a / b ≥ min (骨干 ≥ 30 % of 专任, 研究生 ≥ 5 %; src/teachers/targets.ts) judged on whole teachers:
// met ⇔ a·den ≥ num·b with min = num / den read from its decimal digits (so exactly 30 % meets 30 %, no float
// rounding), and the teachers short = ⌈num·b / den⌉ − a (never below 0). Pure: the web imports it.

export interface ShareTarget {
  /** The share a / b; null when b = 0 (no 专任 teacher: nothing to judge). */
  share: number | null;
  /** a / b ≥ min; null when b = 0. */
  met: boolean | null;
  /** Teachers to add to a (b unchanged) to reach min: ⌈min × b⌉ − a, ≥ 0; null when b = 0. */
  short: number | null;
}

/** min (0 ≤ min ≤ 1, at most 9 decimals) as the fraction num / den with den = 10^decimals: 0.3 → 3/10, 0.05 → 5/100. */
export function fractionOf(min: number): { num: number; den: number } {
  if (!(min >= 0 && min <= 1)) throw new Error(`a share target must lie in [0, 1]: ${min}`);
  for (let d = 0, den = 1; d <= 9; d++, den *= 10) {
    const num = Math.round(min * den);
    if (Math.abs(num / den - min) < 1e-12) return { num, den };
  }
  throw new Error(`a share target needs at most 9 decimals: ${min}`);
}

/** a of b against min: share, met (a·den ≥ num·b) and the whole teachers short (⌈num·b / den⌉ − a, ≥ 0). */
export function shareTarget(a: number, b: number, min: number): ShareTarget {
  if (b <= 0) return { share: null, met: null, short: null };
  const { num, den } = fractionOf(min);
  const needed = Math.floor((num * b + den - 1) / den); // ⌈num·b / den⌉ in integers
  return { share: a / b, met: a * den >= num * b, short: Math.max(0, needed - a) };
}
