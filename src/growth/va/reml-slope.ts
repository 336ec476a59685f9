// Derivative of the profiled REML deviance d_R(θ) (reml.ts), divided by 2θ so that its sign is defined at θ = 0:
// g(θ) = d_R'(θ)/(2θ) = Σ_j a_j·[1 − a_j·(h_j + (n − p)·r̄_j²/r²)], a_j = n_j/(1 + θ²n_j), h_j = m_jᵀ(XᵀH⁻¹X)⁻¹m_j
// (m_j = group mean of the X row), r̄_j = group mean residual at the GLS β̂(θ). Derived from ∂A/∂θ = Σ_j ∂a_j/∂θ·m_jm_jᵀ.
// The root of g is the REML optimum to full precision (the deviance itself is flat there, about 1e−11 of noise).
import { solveUpper } from './cholesky.js';
import type { GroupSums } from './group-sums.js';
import type { RemlPoint } from './reml.js';

export function remlSlope(s: GroupSums, at: RemlPoint): number {
  const { p, q, counts, means } = s;
  const { factor: l, rss, theta } = at;
  const beta = solveUpper(l, q, p, l.subarray(p * q, p * q + p));
  const t2 = theta * theta;
  const df = s.n - p;
  const z = new Float64Array(p);
  let g = 0;
  for (let j = 0; j < counts.length; j++) {
    const nj = counts[j];
    if (nj === 0) continue;
    const o = j * q;
    let h = 0; // ‖L⁻¹m_j‖² by forward substitution
    for (let i = 0; i < p; i++) {
      let v = means[o + i];
      for (let k = 0; k < i; k++) v -= l[i * q + k] * z[k];
      z[i] = v / l[i * q + i];
      h += z[i] * z[i];
    }
    let r = means[o + p];
    for (let c = 0; c < p; c++) r -= means[o + c] * beta[c];
    const a = nj / (1 + t2 * nj);
    g += a * (1 - a * (h + (df * r * r) / rss));
  }
  return g;
}
