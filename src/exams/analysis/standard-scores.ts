// 标准分 (standards.md §4.4): Z = (x − x̄)/s with the district mean and population sd, T = 50 + 10·Z. As in
// src/growth/gain/standardize.ts, a column without spread (s = 0) gives Z = 0 (T = 50); no score gives NaN.

/** Writes Z and T for every student of a column; mean/sd null (nobody has a score) leaves NaN everywhere. */
export function standardScores(scores: Float64Array, mean: number | null, sd: number | null, z: Float64Array, t: Float64Array): void {
  const n = scores.length;
  if (mean === null || sd === null) {
    z.fill(NaN);
    t.fill(NaN);
    return;
  }
  if (sd > 0)
    for (let i = 0; i < n; i++) {
      const zi = (scores[i] - mean) / sd;
      z[i] = zi;
      t[i] = 50 + 10 * zi;
    }
  else
    for (let i = 0; i < n; i++) {
      const zi = scores[i] === scores[i] ? 0 : NaN;
      z[i] = zi;
      t[i] = 50 + 10 * zi;
    }
}
