// 信度 (standards.md §4.4, §4.6), over the students with a score on every item, variances in the population form
// (÷ n, as the §4.6 source): Cronbach α = k/(k−1)·(1 − Σ s_i²/s_x²); KR-20 = k/(k−1)·(1 − Σ p_i q_i/s_x²) when
// every score is 0 or 1; split-half r_h = Pearson r of the odd-item and even-item sums, Spearman–Brown
// r = 2r_h/(1 + r_h); SEM = S·√(1 − α), S the sd of the item sum. s_x² is the variance of the sum of the items.
import { pearson } from './correlation.js';

/** α = k/(k−1)·(1 − Σ s_i² / s_x²); null for k < 2 or s_x² = 0. */
export function cronbachAlpha(k: number, sumItemVariances: number, totalVariance: number): number | null {
  return k < 2 || !(totalVariance > 0) ? null : (k / (k - 1)) * (1 - sumItemVariances / totalVariance);
}

/** KR-20 = k/(k−1)·(1 − Σ p_i q_i / s_x²); null for k < 2 or s_x² = 0. */
export function kr20(k: number, sumPQ: number, totalVariance: number): number | null {
  return cronbachAlpha(k, sumPQ, totalVariance);
}

/** r = 2r_h/(1 + r_h). */
export function spearmanBrown(rHalf: number | null): number | null {
  return rHalf === null || rHalf === -1 ? null : (2 * rHalf) / (1 + rHalf);
}

/** SE = S·√(1 − r). */
export function standardError(sd: number | null, r: number | null): number | null {
  return sd === null || r === null || r > 1 ? null : sd * Math.sqrt(1 - r);
}

export interface Reliability {
  /** Students with a score on every item. */
  n: number;
  k: number;
  /** Population variance s_i² of each item (p·q for a 0/1 item). */
  itemVariances: number[];
  /** Population variance of the item sum. */
  totalVariance: number | null;
  alpha: number | null;
  /** null unless every score is 0 or 1. */
  kr20: number | null;
  splitHalf: number | null;
  spearmanBrown: number | null;
  /** SEM from α. */
  sem: number | null;
}

export function reliability(items: readonly Float64Array[]): Reliability {
  const k = items.length;
  const students = k ? items[0].length : 0;
  const complete = new Uint8Array(students).fill(1);
  for (const col of items) for (let i = 0; i < students; i++) if (col[i] !== col[i]) complete[i] = 0;
  let n = 0;
  for (let i = 0; i < students; i++) n += complete[i];
  const empty: Reliability = { n, k, itemVariances: [], totalVariance: null, alpha: null, kr20: null, splitHalf: null, spearmanBrown: null, sem: null };
  if (n === 0 || k === 0) return empty;
  const sum = new Float64Array(students).fill(NaN);
  const odd = new Float64Array(students).fill(NaN);
  const even = new Float64Array(students).fill(NaN);
  for (let i = 0; i < students; i++) if (complete[i]) sum[i] = odd[i] = even[i] = 0;
  const itemVariances: number[] = [];
  let sumPQ = 0;
  let binary = true;
  items.forEach((col, j) => {
    let s = 0;
    for (let i = 0; i < students; i++) if (complete[i]) s += col[i];
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < students; i++)
      if (complete[i]) {
        const v = col[i];
        ss += (v - m) * (v - m);
        sum[i] += v;
        if (j % 2 === 0) odd[i] += v;
        else even[i] += v;
        if (v !== 0 && v !== 1) binary = false;
      }
    itemVariances.push(ss / n);
    sumPQ += m * (1 - m); // p·q when the item is 0/1 (p = mean)
  });
  let s = 0;
  for (let i = 0; i < students; i++) if (complete[i]) s += sum[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < students; i++) if (complete[i]) ss += (sum[i] - mean) ** 2;
  const totalVariance = ss / n;
  const alpha = cronbachAlpha(
    k,
    itemVariances.reduce((a, b) => a + b, 0),
    totalVariance,
  );
  const splitHalf = k >= 2 ? pearson(odd, even) : null;
  return {
    n,
    k,
    itemVariances,
    totalVariance,
    alpha,
    kr20: binary ? kr20(k, sumPQ, totalVariance) : null,
    splitHalf,
    spearmanBrown: spearmanBrown(splitHalf),
    sem: standardError(Math.sqrt(totalVariance), alpha),
  };
}
