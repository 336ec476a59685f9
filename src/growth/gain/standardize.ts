// 标准分 z = (x − x̄)/s within one exam (standards.md §4.4, §5), s the population standard deviation √(Σ(x − x̄)²/n) as
// in the exam reports (src/exams/analysis/summary.ts). A constant exam (s = 0) gives z = 0 for everyone.

export interface Standardizer {
  mean: number;
  sd: number;
  z: (x: number) => number;
}

export function standardizer(scores: ArrayLike<number>): Standardizer {
  const n = scores.length;
  if (n === 0) throw new RangeError('no scores to standardize');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += scores[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (scores[i] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  return { mean, sd, z: (x) => (sd > 0 ? (x - mean) / sd : 0) };
}
