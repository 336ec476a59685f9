// The exam numbers of Junheng, defined once for the server import, the stored reports and `junheng exam report`:
// the name of the total (总分), the default cut lines (0.85 / 0.6 / 0.4 of full marks), 三率一分 (standards.md §4.1)
// and 后x%率 (§4.3). n is always the number of scores present (blank, 缺考, 作弊 and 免考 are no score).
//   平均分 = Σx / n
//   优秀率 = #{x ≥ excellent cut} / n     合格率 (及格率) = #{x ≥ pass cut} / n     低分率 = #{x < low cut} / n
//   后x%率 = #{x ≤ the district's x-th percentile (type 7)} / n, on 总分
// A cut is share × full marks, rounded to 1e-6 (cutScore). 总分 = Σ subjects, only for students with every subject.
import type { Distribution } from './analysis/distribution.js';
import { percentile } from './analysis/quantile.js';

import { TOTAL, TOTAL_NAMES, DEFAULT_CUTS, DEFAULT_CUT_TEXT, DEFAULT_BOTTOM_PERCENTILE, type CutShares } from './defaults.js';
export { TOTAL, TOTAL_NAMES, DEFAULT_CUTS, DEFAULT_CUT_TEXT, DEFAULT_BOTTOM_PERCENTILE, type CutShares };

/** Cut lines in points (share × full marks, see cutScore). */
export interface CutScores {
  excellent: number;
  pass: number;
  low: number;
}

/** share × full, rounded to 1e-6 so that 0.6 × 120 is 72 and not 71.99999999999999. */
export function cutScore(share: number, full: number): number {
  return Math.round(share * full * 1e6) / 1e6;
}

export function cutScores(shares: CutShares, full: number): CutScores {
  return { excellent: cutScore(shares.excellent, full), pass: cutScore(shares.pass, full), low: cutScore(shares.low, full) };
}

/** 总分's cut lines when the exam sets none: the sums of the subjects' cut scores (rounded to 1e-6). */
export function summedCutScores(subjects: readonly CutScores[]): CutScores {
  const sum = (k: keyof CutScores) => Math.round(subjects.reduce((a, c) => a + c[k], 0) * 1e6) / 1e6;
  return { excellent: sum('excellent'), pass: sum('pass'), low: sum('low') };
}

/** 平均分; null without scores. */
export const meanScore = (d: Distribution): number | null => (d.n === 0 ? null : d.sum() / d.n);
/** 优秀率; null without scores. */
export const excellentRate = (d: Distribution, cuts: CutScores): number | null => (d.n === 0 ? null : d.countAtLeast(cuts.excellent) / d.n);
/** 合格率 (及格率); null without scores. */
export const passRate = (d: Distribution, cuts: CutScores): number | null => (d.n === 0 ? null : d.countAtLeast(cuts.pass) / d.n);
/** 低分率; null without scores. */
export const lowRate = (d: Distribution, cuts: CutScores): number | null => (d.n === 0 ? null : (d.n - d.countAtLeast(cuts.low)) / d.n);

/** The line of 后x%率: the district's x-th percentile of 总分 (type 7); null when nobody has a 总分. */
export const bottomThreshold = (district: Distribution, percent: number): number | null => percentile(district, percent);

/** 后x%率 of a group: its students with 总分 ≤ threshold, out of its students with a 总分 (rate null for none). */
export function bottomRate(group: Distribution, threshold: number | null): { n: number; count: number; rate: number | null } {
  const count = threshold === null ? 0 : group.countAtMost(threshold);
  return { n: group.n, count, rate: threshold === null || group.n === 0 ? null : count / group.n };
}
