// Ordinary least squares by the normal equations, β = (X'X)⁻¹X'y — only a rough fit to pick a start vertex near.
import { solve } from './lu.js';

export function crossProduct(X: Float64Array, n: number, p: number): Float64Array {
  const a = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) {
      const v = X[row + j];
      if (v === 0) continue;
      for (let k = j; k < p; k++) a[j * p + k] += v * X[row + k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) a[j * p + k] = a[k * p + j];
  return a;
}

export function leastSquares(X: Float64Array, y: Float64Array, n: number, p: number): Float64Array | null {
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let k = 0; k < p; k++) xty[k] += X[i * p + k] * y[i];
  return solve(crossProduct(X, n, p), p, xty);
}
