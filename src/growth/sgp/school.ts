// School aggregates of SGPs as the SGP package's summarizeSGP() defines them (anchors §3.3): MEDIAN_SGP, MEAN_SGP,
// MEAN_SGP_STANDARD_ERROR = sd/√n and MEDIAN_SGP_STANDARD_ERROR = 1.253·sd/√n (1.253 ≈ √(π/2), the large-sample
// ratio of the median's to the mean's standard error for normal data); sd with the n − 1 denominator, as R's sd().

export interface SchoolSgp {
  school: string;
  n: number;
  medianSgp: number;
  /** null when n < 2. */
  medianSgpSe: number | null;
  meanSgp: number;
  meanSgpSe: number | null;
}

export const MEDIAN_SE_FACTOR = 1.253;

export function schoolSgpSummary(rows: readonly { school: string; sgp: number }[]): SchoolSgp[] {
  const bySchool = new Map<string, number[]>();
  for (const r of rows) {
    let list = bySchool.get(r.school);
    if (!list) bySchool.set(r.school, (list = []));
    list.push(r.sgp);
  }
  return [...bySchool]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([school, sgps]) => {
      const n = sgps.length;
      const mean = sgps.reduce((a, b) => a + b, 0) / n;
      const sd = n > 1 ? Math.sqrt(sgps.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
      return { school, n, medianSgp: median(sgps), medianSgpSe: sd === null ? null : (MEDIAN_SE_FACTOR * sd) / Math.sqrt(n), meanSgp: mean, meanSgpSe: sd === null ? null : sd / Math.sqrt(n) };
    });
}

/** R's median(): the middle value, or the mean of the two middle values. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
