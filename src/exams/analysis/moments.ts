// Shape of a distribution from its central moments m_p = Σ(x − x̄)^p / n: skewness g1 = m3 / m2^1.5 and excess
// kurtosis g2 = m4 / m2² − 3 (population forms, scipy.stats.skew / kurtosis with bias=True), and the bias-corrected
// G1 = g1·√(n(n−1))/(n−2), G2 = (n−1)/((n−2)(n−3))·((n+1)·g2 + 6) of pandas .skew()/.kurt() and Excel SKEW/KURT
// (Joanes & Gill 1998). Undefined (null) without spread, or for G1 with n < 3 and G2 with n < 4.

export interface Moments {
  n: number;
  mean: number;
  /** Central moments divided by n. */
  m2: number;
  m3: number;
  m4: number;
}

/** Two passes over the distinct scores and their counts; null for no scores. */
export function moments(d: { n: number; runs(fn: (value: number, count: number) => void): void }): Moments | null {
  const n = d.n;
  if (n === 0) return null;
  let s = 0;
  d.runs((v, c) => (s += v * c));
  const mean = s / n;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  d.runs((v, c) => {
    const x = v - mean;
    const x2 = x * x;
    s2 += c * x2;
    s3 += c * x2 * x;
    s4 += c * x2 * x2;
  });
  return { n, mean, m2: s2 / n, m3: s3 / n, m4: s4 / n };
}

/** No spread: m2 at the level of rounding noise of the mean (scipy's test: m2 ≤ (1e-15·mean)²). */
const flat = (m: Moments) => m.m2 <= (1e-15 * m.mean) ** 2;

/** g1 = m3 / m2^(3/2). */
export function skewness(m: Moments | null): number | null {
  return m === null || flat(m) ? null : m.m3 / m.m2 ** 1.5;
}

/** g2 = m4 / m2² − 3 (excess kurtosis, 0 for a normal distribution). */
export function kurtosis(m: Moments | null): number | null {
  return m === null || flat(m) ? null : m.m4 / (m.m2 * m.m2) - 3;
}

/** G1 = g1·√(n(n−1))/(n−2), n ≥ 3. */
export function sampleSkewness(m: Moments | null): number | null {
  const g1 = skewness(m);
  if (g1 === null || m!.n < 3) return null;
  const n = m!.n;
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** G2 = (n−1)/((n−2)(n−3))·((n+1)·g2 + 6), n ≥ 4. */
export function sampleKurtosis(m: Moments | null): number | null {
  const g2 = kurtosis(m);
  if (g2 === null || m!.n < 4) return null;
  const n = m!.n;
  return ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
}
