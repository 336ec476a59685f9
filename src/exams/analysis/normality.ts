// D'Agostino–Pearson omnibus test K² = Z(√b1)² + Z(b2)² (D'Agostino, Belanger & D'Agostino 1990, Am. Stat. 44:316,
// as scipy.stats.normaltest): √b1 = g1 and b2 = g2 + 3 the population moments; p = P(χ²₂ > K²) = exp(−K²/2).
// Defined for n ≥ 8 (scipy's skewtest minimum) with spread; scipy warns below n = 20 and so do the authors.
import { kurtosis, skewness, type Moments } from './moments.js';

/** Z(√b1), the skewness test (Eq. 4–9 of the 1990 paper). */
export function skewTestZ(g1: number, n: number): number {
  const y = g1 * Math.sqrt(((n + 1) * (n + 3)) / (6 * (n - 2)));
  const beta2 = (3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
  const w2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * Math.log(w2));
  const alpha = Math.sqrt(2 / (w2 - 1));
  const u = y / alpha;
  return delta * Math.log(u + Math.sqrt(u * u + 1)); // δ·asinh(y/α); y = 0 → 0 (scipy substitutes y = 1 there)
}

/** Z(b2), the kurtosis test (Anscombe & Glynn 1983, Eq. 1–5 of the 1990 paper); NaN where undefined. */
export function kurtosisTestZ(b2: number, n: number): number {
  const e = (3 * (n - 1)) / (n + 1);
  const varb2 = (24 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
  const x = (b2 - e) / Math.sqrt(varb2);
  const sqrtBeta1 = ((6 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) * Math.sqrt((6 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const a = 6 + (8 / sqrtBeta1) * (2 / sqrtBeta1 + Math.sqrt(1 + 4 / (sqrtBeta1 * sqrtBeta1)));
  const term1 = 1 - 2 / (9 * a);
  const denom = 1 + x * Math.sqrt(2 / (a - 4));
  if (denom === 0) return NaN;
  const term2 = Math.sign(denom) * Math.cbrt((1 - 2 / a) / Math.abs(denom));
  return (term1 - term2) / Math.sqrt(2 / (9 * a));
}

export interface Normality {
  statistic: number | null;
  p: number | null;
  test: 'DAgostinoPearsonK2';
}

export function dagostinoPearson(m: Moments | null): Normality {
  const g1 = skewness(m);
  const g2 = kurtosis(m);
  if (m === null || m.n < 8 || g1 === null || g2 === null) return { statistic: null, p: null, test: 'DAgostinoPearsonK2' };
  const zs = skewTestZ(g1, m.n);
  const zk = kurtosisTestZ(g2 + 3, m.n);
  const k2 = zs * zs + zk * zk;
  if (!Number.isFinite(k2)) return { statistic: null, p: null, test: 'DAgostinoPearsonK2' };
  return { statistic: k2, p: Math.exp(-k2 / 2), test: 'DAgostinoPearsonK2' };
}
