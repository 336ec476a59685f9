// Linearly independent columns of X by a pivoted Cholesky of X'X (Golub & Van Loan §4.2.8): a column whose
// remaining diagonal falls below tol × its original norm² is dependent on the earlier ones (e.g. an empty spline).
import { crossProduct } from './least-squares.js';

export function independentColumns(X: Float64Array, n: number, p: number, tol = 1e-10): number[] {
  const a = crossProduct(X, n, p);
  const orig = Array.from({ length: p }, (_, j) => a[j * p + j]);
  const keep: number[] = [];
  const L: Float64Array[] = []; // rows of the Cholesky factor for the kept columns, indexed by column
  for (let j = 0; j < p; j++) {
    if (orig[j] === 0) continue;
    const lj = new Float64Array(keep.length + 1);
    for (let q = 0; q < keep.length; q++) {
      let s = a[keep[q] * p + j];
      for (let t = 0; t < q; t++) s -= L[q][t] * lj[t];
      lj[q] = s / L[q][q];
    }
    let d = orig[j];
    for (let q = 0; q < keep.length; q++) d -= lj[q] * lj[q];
    if (d <= tol * orig[j]) continue;
    lj[keep.length] = Math.sqrt(d);
    L.push(lj);
    keep.push(j);
  }
  return keep;
}
