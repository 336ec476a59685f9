// Dense LU factorisation with partial pivoting, PA = LU (Golub & Van Loan, Alg. 3.4.1), for the small p×p bases of the simplex.

/** In place: `a` (row-major p×p) becomes L (unit, below the diagonal) and U; returns the row permutation, or null if singular. */
export function luFactor(a: Float64Array, p: number, tol = 1e-13): Int32Array | null {
  const perm = new Int32Array(p);
  for (let i = 0; i < p; i++) perm[i] = i;
  let scale = 0;
  for (let i = 0; i < p * p; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0) return null;
  for (let k = 0; k < p; k++) {
    let piv = k;
    let best = Math.abs(a[k * p + k]);
    for (let i = k + 1; i < p; i++) {
      const v = Math.abs(a[i * p + k]);
      if (v > best) {
        best = v;
        piv = i;
      }
    }
    if (best <= tol * scale) return null;
    if (piv !== k) {
      for (let j = 0; j < p; j++) {
        const t = a[k * p + j];
        a[k * p + j] = a[piv * p + j];
        a[piv * p + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[piv];
      perm[piv] = t;
    }
    const d = a[k * p + k];
    for (let i = k + 1; i < p; i++) {
      const f = (a[i * p + k] /= d);
      if (f === 0) continue;
      for (let j = k + 1; j < p; j++) a[i * p + j] -= f * a[k * p + j];
    }
  }
  return perm;
}

/** Solves LU x = P b for one right-hand side (b is not modified). */
export function luSolve(lu: Float64Array, perm: Int32Array, p: number, b: Float64Array): Float64Array {
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[perm[i]];
    for (let j = 0; j < i; j++) s -= lu[i * p + j] * x[j];
    x[i] = s;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < p; j++) s -= lu[i * p + j] * x[j];
    x[i] = s / lu[i * p + i];
  }
  return x;
}

/** The inverse of a (row-major p×p), or null if it is singular. */
export function invert(a: Float64Array, p: number): Float64Array | null {
  const lu = Float64Array.from(a);
  const perm = luFactor(lu, p);
  if (!perm) return null;
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = luSolve(lu, perm, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  return inv;
}

/** Solves a x = b (row-major p×p), or null if a is singular. */
export function solve(a: Float64Array, p: number, b: Float64Array): Float64Array | null {
  const lu = Float64Array.from(a);
  const perm = luFactor(lu, p);
  return perm ? luSolve(lu, perm, p, b) : null;
}
