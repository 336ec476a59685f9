// A starting vertex for the simplex: p rows of X that are linearly independent, taken greedily in a preferred
// order (rows closest to a rough fit first) by incremental Gaussian elimination with a relative pivot threshold.

/** Indices of p independent rows, scanning `candidates` in order; null if they span fewer than p dimensions. */
export function independentRows(X: Float64Array, p: number, candidates: ArrayLike<number>, tol = 1e-9): Int32Array | null {
  const chosen = new Int32Array(p);
  const reduced = new Float64Array(p * p); // reduced rows, each with a pivot column
  const pivCol = new Int32Array(p);
  const work = new Float64Array(p);
  let got = 0;
  for (let q = 0; q < candidates.length && got < p; q++) {
    const i = candidates[q];
    let norm = 0;
    for (let k = 0; k < p; k++) {
      work[k] = X[i * p + k];
      norm = Math.max(norm, Math.abs(work[k]));
    }
    if (norm === 0) continue;
    for (let a = 0; a < got; a++) {
      const f = work[pivCol[a]] / reduced[a * p + pivCol[a]];
      if (f !== 0) for (let k = 0; k < p; k++) work[k] -= f * reduced[a * p + k];
    }
    let best = -1;
    let bestV = tol * norm;
    for (let k = 0; k < p; k++) {
      const v = Math.abs(work[k]);
      if (v > bestV) {
        bestV = v;
        best = k;
      }
    }
    if (best < 0) continue;
    reduced.set(work, got * p);
    pivCol[got] = best;
    chosen[got++] = i;
  }
  return got === p ? chosen : null;
}

/** Row indices sorted by |y − Xβ|, so that the start vertex is near the fit β. */
export function rowsByResidual(X: Float64Array, y: Float64Array, n: number, p: number, beta: Float64Array): Int32Array {
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let f = y[i];
    for (let k = 0; k < p; k++) f -= X[i * p + k] * beta[k];
    abs[i] = Math.abs(f);
  }
  return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => abs[a] - abs[b]);
}
