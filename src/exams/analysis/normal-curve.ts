// Histogram with the fitted normal curve (中考正态分布 chart): per bin [e_k, e_k+1) (top bin closed) the count and the
// normal density at the bin's middle scaled to counts, n·w_k·φ((mid − x̄)/s)/s, x̄ and s the population mean and sd.
// Without spread (s = 0) or scores the curve is all 0.
import { bandCounts } from './bands.js';
import type { Distribution } from './distribution.js';

export interface NormalHistogram {
  edges: number[];
  counts: number[];
  normal: number[];
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function normalHistogram(d: Distribution, edges: number[], mean: number | null, sd: number | null): NormalHistogram {
  const counts = bandCounts(d, edges);
  const normal = counts.map((_, k) => {
    if (mean === null || sd === null || !(sd > 0)) return 0;
    const w = edges[k + 1] - edges[k];
    const z = ((edges[k] + edges[k + 1]) / 2 - mean) / sd;
    return ((d.n * w) / sd) * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
  });
  return { edges, counts, normal };
}
