// Scale of the uncertainty of each fitted value, h_i = √(x_i'(X'X)⁻¹x_i) — the "band" by which rq.fit.pfn
// (Portnoy & Koenker 1997) standardises residuals, so that rows with extreme covariates stay near the fit.
import { crossProduct } from './least-squares.js';
import { invert } from './lu.js';

export function leverageScale(X: Float64Array, n: number, p: number, gram = crossProduct(X, n, p)): Float64Array {
  const inv = invert(gram, p);
  const h = new Float64Array(n);
  if (!inv) return h.fill(1);
  const v = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += inv[j * p + k] * X[row + k];
      v[j] = s;
    }
    let q = 0;
    for (let j = 0; j < p; j++) q += X[row + j] * v[j];
    h[i] = Math.sqrt(Math.max(q, 1e-300));
  }
  return h;
}
