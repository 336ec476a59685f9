// 分数段 (standards.md §4.3: 10-point and 50-point bands): edges 0, w, 2w, … up to full marks; band k = [e_k, e_k+1),
// the top band closed [e_last−1, full] so that full marks count. Scores outside [0, full] are in no band.
import type { Distribution } from './distribution.js';

/** Edges of bands of width w over [0, full]; each edge rounded to 1e-6 (0.1 × 3 is 0.3); the last edge is full. */
export function bandEdges(full: number, width: number): number[] {
  if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`band width ${width} must be a positive number`);
  if (!(full > 0) || !Number.isFinite(full)) throw new RangeError(`full marks ${full} must be a positive number`);
  if (full / width > 100_000) throw new RangeError(`band width ${width} gives over 100,000 bands of ${full}`);
  const edges = [0];
  for (let k = 1; ; k++) {
    const e = Math.round(k * width * 1e6) / 1e6;
    if (e >= full) break;
    edges.push(e);
  }
  edges.push(full);
  return edges;
}

/** Counts per band: #{e_k ≤ x < e_k+1}, the last #{e ≤ x ≤ full}. */
export function bandCounts(d: Distribution, edges: readonly number[]): number[] {
  const bands = edges.length - 1;
  const counts = new Array<number>(Math.max(0, bands)).fill(0);
  if (d.n === 0) return counts;
  let atLeastLo = d.countAtLeast(edges[0]);
  for (let k = 0; k < bands; k++) {
    const hi = edges[k + 1];
    if (k === bands - 1) counts[k] = atLeastLo - (d.n - d.countAtMost(hi));
    else {
      const atLeastHi = d.countAtLeast(hi);
      counts[k] = atLeastLo - atLeastHi;
      atLeastLo = atLeastHi;
    }
  }
  return counts;
}
