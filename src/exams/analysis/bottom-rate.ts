// 后x%率 (standards.md §4.3, from 优质均衡国测 practice): threshold = the district's x-th percentile of 总分 (type 7);
// a school's rate = #{its students with 总分 ≤ threshold} / its students with a 总分.
import type { Distribution } from './distribution.js';
import { percentile } from './quantile.js';

export interface BottomRates {
  percentile: number;
  /** null when no student has a 总分. */
  threshold: number | null;
  /** Per group, in the order given; null for a group without students. */
  rates: (number | null)[];
}

export function bottomRates(district: Distribution, groups: readonly Distribution[], percent: number): BottomRates {
  const threshold = percentile(district, percent);
  return {
    percentile: percent,
    threshold,
    rates: groups.map((g) => (threshold === null || g.n === 0 ? null : g.countAtMost(threshold) / g.n)),
  };
}
