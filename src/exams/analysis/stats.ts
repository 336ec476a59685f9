// Descriptive statistics of one group and one column (standards.md §4.1, §4.3): n = scores present; 三率一分 (平均分,
// 优秀率, 合格率, 低分率: defined in ../rates.ts); population sd √(Σ(x − x̄)²/n); median, q1, q3 (type 7); min, max;
// 得分率 = mean/full; 超均率 = (mean − district mean)/district mean.
import { excellentRate, lowRate, meanScore, passRate, type CutScores } from '../rates.js';
import { bandCounts } from './bands.js';
import type { Distribution } from './distribution.js';
import { median, percentile } from './quantile.js';

export type { CutScores } from '../rates.js';

export interface Stats {
  n: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
  excellent_rate: number | null;
  pass_rate: number | null;
  low_rate: number | null;
  score_rate: number | null;
  over_mean_rate: number | null;
  bands: { edges: number[]; counts: number[] };
}

/** 超均率 (mean − district mean) / district mean; null without a mean or with a district mean of 0. */
export function overMeanRate(mean: number | null, districtMean: number | null): number | null {
  return mean === null || districtMean === null || districtMean === 0 ? null : (mean - districtMean) / districtMean;
}

/**
 * @param edges band edges (bandEdges), shared by all groups of the column
 * @param districtMean the district's mean of the column (for the district itself: its own mean, giving 0)
 */
export function groupStats(d: Distribution, full: number, cuts: CutScores, edges: number[], districtMean: number | null): Stats {
  const n = d.n;
  const bands = { edges, counts: bandCounts(d, edges) };
  if (n === 0)
    return { n: 0, mean: null, sd: null, median: null, q1: null, q3: null, min: null, max: null, excellent_rate: null, pass_rate: null, low_rate: null, score_rate: null, over_mean_rate: null, bands };
  const mean = meanScore(d)!;
  return {
    n,
    mean,
    sd: Math.sqrt(d.squaredDeviations(mean) / n),
    median: median(d),
    q1: percentile(d, 25),
    q3: percentile(d, 75),
    min: d.kth(0),
    max: d.kth(n - 1),
    excellent_rate: excellentRate(d, cuts),
    pass_rate: passRate(d, cuts),
    low_rate: lowRate(d, cuts),
    score_rate: full > 0 ? mean / full : null,
    over_mean_rate: overMeanRate(mean, districtMean),
    bands,
  };
}
