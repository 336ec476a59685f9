// The Wilson score interval of a proportion: for x successes in n trials, p̂ = x/n,
//   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
// E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22 (1927) 209–212;
// method 3 of R. G. Newcombe, Statistics in Medicine 17 (1998) 857–872. Unlike p̂ ± z·√(p̂q̂/n) it stays inside
// [0, 1] and keeps its coverage near 0 and 1 — where recognition rates (≈ 90 %) and small schools sit.

/** z of the two-sided 95 % interval (the standard normal's 97.5 % quantile). */
export const Z95 = 1.959963984540054;

/**
 * The interval (shares in [0, 1]) for proportion p̂ observed on n independent units; null when n = 0.
 * p̂ may be a ratio of other counts (recognising / answered answers) with n the respondents (see recognition.ts).
 */
export function wilson(pHat: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!(n > 0) || !Number.isFinite(pHat)) return null;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (pHat + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((pHat * (1 - pHat)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
