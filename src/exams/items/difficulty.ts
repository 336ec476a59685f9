// 难度 P (standards.md §4.4): objective item P = R/N, R = students with the item's full marks (correct), N = students
// with a score on the item; subjective item P = X̄/W, X̄ the mean item score, W the item's full marks.
// Whole paper: Σ P_j·W_j / Σ W_j.

/** null when nobody has a score on the item. */
export function difficulty(scores: Float64Array, full: number, objective: boolean): number | null {
  let n = 0;
  let s = 0;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (v !== v) continue;
    n++;
    s += objective ? (v >= full ? 1 : 0) : v;
  }
  if (n === 0) return null;
  return objective ? s / n : s / n / full;
}

/** Σ x_j·W_j / Σ W_j over the items with a value (paper P, paper D); null for none. */
export function fullWeightedMean(p: readonly (number | null)[], full: readonly number[]): number | null {
  let num = 0;
  let den = 0;
  p.forEach((pj, j) => {
    if (pj === null) return;
    num += pj * full[j];
    den += full[j];
  });
  return den > 0 ? num / den : null;
}
