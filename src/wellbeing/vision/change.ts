// The yearly change of a myopia rate against the target of 《综合防控儿童青少年近视实施方案》 (2018): down by at least
// 0.5 percentage points a year. Rates m₀/n₀ (last year) and m₁/n₁ (this year); the change is
// m₁/n₁ − m₀/n₀ = (m₁·n₀ − m₀·n₁) / (n₀·n₁), and "change ≤ t tenths of a point" (t = −5) is compared in integers:
// 1000·(m₁·n₀ − m₀·n₁) ≤ t·n₀·n₁. A change exactly at −0.5 points meets the target.

export interface YearlyChange {
  /** The change in percentage points (−0.8 = down 0.8 points): for display only; the comparison is in integers. */
  changePp: number;
  /** Down by at least the target (change ≤ target). */
  meetsTarget: boolean;
}

/** null when either year has no pupil with an acuity. `targetTenthsPp`: the target in tenths of a point (−5 = −0.5 pp). */
export function yearlyChange(m0: number, n0: number, m1: number, n1: number, targetTenthsPp: number): YearlyChange | null {
  if (n0 === 0 || n1 === 0) return null;
  const diff = m1 * n0 - m0 * n1;
  return { changePp: (100 * diff) / (n0 * n1), meetsTarget: 1000 * diff <= targetTenthsPp * n0 * n1 };
}

/** The target in whole tenths of a percentage point (−0.5 → −5). */
export const tenthsOfPp = (pp: number): number => Math.round(pp * 10);

/** Why two years' rates are not compared against the target: measured differently. */
export type NotComparable = 'rule-version' | 'acuity-only-share';

/**
 * Were the two years measured alike? Not when the rules (id@version) the pupils were judged with differ, or when the
 * acuity-only shares a₀/n₀ and a₁/n₁ differ by more than `maxPp` points: |a₁·n₀ − a₀·n₁|·100 > maxPp·n₀·n₁ (integers;
 * exactly maxPp is still comparable). null when they were; the reason otherwise. n₀ or n₁ of 0: null (nothing to compare).
 */
export function notComparable(
  before: { acuityOnly: number; withAcuity: number; rules: Record<string, number> },
  now: { acuityOnly: number; withAcuity: number; rules: Record<string, number> },
  maxPp: number,
): NotComparable | null {
  const rules = (r: Record<string, number>) =>
    Object.keys(r)
      .filter((k) => r[k] > 0)
      .sort()
      .join(',');
  if (rules(before.rules) !== rules(now.rules)) return 'rule-version';
  const [n0, n1] = [before.withAcuity, now.withAcuity];
  if (n0 === 0 || n1 === 0) return null;
  return Math.abs(now.acuityOnly * n0 - before.acuityOnly * n1) * 100 > maxPp * n0 * n1 ? 'acuity-only-share' : null;
}
