// Quantiles of an ordered distribution. Type 7 of Hyndman & Fan (1996), the default of R, numpy ('linear') and pandas:
// h = (n − 1)·p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), the interpolation written as numpy's _lerp writes it.
import type { Distribution } from './distribution.js';

/**
 * The `percent`-th percentile (0–100), type 7; null for no scores. h is computed as (n − 1)·percent / 100 so that
 * an exact order statistic (e.g. n = 11, 30 %) is hit exactly and not missed by a rounding of 0.3.
 */
export function percentile(d: Distribution, percent: number): number | null {
  if (d.n === 0) return null;
  if (!(percent >= 0 && percent <= 100)) throw new RangeError(`percentile ${percent} outside 0–100`);
  const h = ((d.n - 1) * percent) / 100;
  const lo = Math.floor(h);
  const a = d.kth(lo);
  if (lo + 1 >= d.n) return a;
  const t = h - lo;
  if (t === 0) return a;
  const b = d.kth(lo + 1);
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Median: the middle score for odd n, the average of the two middle scores for even n; null for no scores. */
export function median(d: Distribution): number | null {
  const n = d.n;
  if (n === 0) return null;
  if (n % 2 === 1) return d.kth((n - 1) / 2);
  return (d.kth(n / 2 - 1) + d.kth(n / 2)) / 2;
}
