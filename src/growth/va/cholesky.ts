// Cholesky factor of a small symmetric positive-definite matrix, A = L·Lᵀ (Golub & Van Loan, Alg. 4.2.1).
// Row-major q×q Float64Array in, lower-triangular L out; throws when A is not positive definite.

export class NotPositiveDefinite extends Error {
  constructor(readonly column: number) {
    super(`matrix not positive definite at column ${column}`);
  }
}

/** L with A = L·Lᵀ; only the lower triangle of `a` is read. */
export function cholesky(a: Float64Array, q: number): Float64Array {
  const l = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    let d = a[j * q + j];
    for (let k = 0; k < j; k++) d -= l[j * q + k] * l[j * q + k];
    if (!(d > 0)) throw new NotPositiveDefinite(j);
    const ljj = Math.sqrt(d);
    l[j * q + j] = ljj;
    for (let i = j + 1; i < q; i++) {
      let s = a[i * q + j];
      for (let k = 0; k < j; k++) s -= l[i * q + k] * l[j * q + k];
      l[i * q + j] = s / ljj;
    }
  }
  return l;
}

/** Solves Lᵀ·x = b for the leading p×p block of a q×q lower-triangular L (back substitution). */
export function solveUpper(l: Float64Array, q: number, p: number, b: Float64Array): Float64Array {
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= l[k * q + i] * x[k];
    x[i] = s / l[i * q + i];
  }
  return x;
}

/** (L·Lᵀ)⁻¹ for the leading p×p block of a q×q lower-triangular L: invert L, then Σ_k L⁻¹[k][i]·L⁻¹[k][j]. */
export function inverseFromCholesky(l: Float64Array, q: number, p: number): Float64Array {
  const inv = new Float64Array(p * p); // L⁻¹, lower triangular, row-major p×p
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / l[j * q + j];
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * q + k] * inv[k * p + j];
      inv[i * p + j] = s / l[i * q + i];
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += inv[k * p + i] * inv[k * p + j];
      out[i * p + j] = out[j * p + i] = s;
    }
  return out;
}
