// Profiled REML deviance of y = Xβ + u_group + e at θ = τ/σ, as lme4 computes it (Bates et al. 2015, JSS 67(1), eq. 41):
// d_R(θ) = Σ_j log(1 + θ²n_j) + log|XᵀH⁻¹X| + (n − p)·(1 + log(2π·r²/(n − p))), H = I + θ²ZZᵀ, r² = min_β ‖y − Xβ‖²_{H⁻¹}.
// H⁻¹ is blockwise rank-one (Sherman–Morrison): [X y]ᵀH⁻¹[X y] = W + Σ_j n_j/(1 + θ²n_j)·m_j·m_jᵀ (see group-sums.ts).
import { cholesky } from './cholesky.js';
import type { GroupSums } from './group-sums.js';

export interface RemlPoint {
  theta: number;
  deviance: number;
  /** Cholesky factor of [X y]ᵀH⁻¹[X y] (q × q, lower): its leading p×p block factors XᵀH⁻¹X, its last diagonal² is r². */
  factor: Float64Array;
  /** Penalised weighted residual sum of squares r². */
  rss: number;
}

/** [X y]ᵀH⁻¹[X y] at θ, from the group sums alone. */
export function crossProducts(s: GroupSums, theta: number): Float64Array {
  const { q, counts, means } = s;
  const a = Float64Array.from(s.within);
  const t2 = theta * theta;
  for (let g = 0; g < counts.length; g++) {
    const nj = counts[g];
    if (nj === 0) continue;
    const c = nj / (1 + t2 * nj);
    const o = g * q;
    for (let i = 0; i < q; i++) {
      const ci = c * means[o + i];
      for (let j = 0; j <= i; j++) a[i * q + j] += ci * means[o + j];
    }
  }
  for (let i = 0; i < q; i++) for (let j = 0; j < i; j++) a[j * q + i] = a[i * q + j];
  return a;
}

export function remlDeviance(s: GroupSums, theta: number): RemlPoint {
  const { n, p, q, counts } = s;
  const factor = cholesky(crossProducts(s, theta), q);
  const t2 = theta * theta;
  let logDetH = 0;
  for (let g = 0; g < counts.length; g++) if (counts[g] > 0) logDetH += Math.log1p(t2 * counts[g]);
  let logDetX = 0;
  for (let i = 0; i < p; i++) logDetX += 2 * Math.log(factor[i * q + i]);
  const r = factor[q * q - 1];
  const rss = r * r;
  const df = n - p;
  return { theta, deviance: logDetH + logDetX + df * (1 + Math.log((2 * Math.PI * rss) / df)), factor, rss };
}
