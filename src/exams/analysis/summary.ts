// 三率一分 of one group (local convention, standards.md §4.1): n = scores present; mean; population sd
// √(Σ(x − x̄)²/n); median; 优秀率 = #{x ≥ excellent·full}/n, 及格率 = #{x ≥ pass·full}/n, 低分率 = #{x < low·full}/n.
import type { Distribution } from './distribution.js';
import { median } from './quantile.js';

export interface Cutoffs {
  /** Shares of full marks, e.g. 0.85, 0.6, 0.4. */
  excellent: number;
  pass: number;
  low: number;
}

export interface GroupStats {
  n: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  excellent_rate: number | null;
  pass_rate: number | null;
  low_rate: number | null;
}

/** share × full, rounded to 1e-6 so that 0.6 × 120 is 72 and not 71.99999999999999. */
export function cutScore(share: number, full: number): number {
  return Math.round(share * full * 1e6) / 1e6;
}

export function summarize(d: Distribution, full: number, cut: Cutoffs): GroupStats {
  const n = d.n;
  if (n === 0) return { n: 0, mean: null, sd: null, median: null, excellent_rate: null, pass_rate: null, low_rate: null };
  const mean = d.sum() / n;
  return {
    n,
    mean,
    sd: Math.sqrt(d.squaredDeviations(mean) / n),
    median: median(d),
    excellent_rate: d.countAtLeast(cutScore(cut.excellent, full)) / n,
    pass_rate: d.countAtLeast(cutScore(cut.pass, full)) / n,
    low_rate: (n - d.countAtLeast(cutScore(cut.low, full))) / n,
  };
}
