// Random-intercept linear mixed model by REML, y = Xβ + u_group + e, u ~ N(0, τ²), e ~ N(0, σ²) — lme4's
// lmer(y ~ x + (1|group)) (Bates et al. 2015). β̂ = GLS at θ̂; σ̂² = r²/(n − p); τ̂² = θ̂²σ̂²; group effects are the
// conditional modes (BLUPs) û_j = λ_j·r̄_j, λ_j = τ²/(τ² + σ²/n_j), with conditional variance τ²(1 − λ_j).
import { inverseFromCholesky, NotPositiveDefinite, solveUpper } from './cholesky.js';
import { groupSums, type ModelData } from './group-sums.js';
import { optimizeTheta } from './optimize-theta.js';

export interface GroupEffect {
  n: number;
  /** r̄_j: mean of y − Xβ̂ over the group's students. */
  meanResidual: number;
  /** λ_j = τ²/(τ² + σ²/n_j) (reliability, shrinkage factor). */
  shrinkage: number;
  /** û_j = λ_j·r̄_j (lme4 ranef). */
  effect: number;
  /** Var(u_j | y) at the estimates = τ²(1 − λ_j) = 1/(1/τ² + n_j/σ²) (lme4 ranef condVar). */
  condVar: number;
}

export interface MixedFit {
  n: number;
  p: number;
  /** Occupied groups. */
  groups: number;
  theta: number;
  tau2: number;
  sigma2: number;
  /** [intercept, one per covariate column] in the original units. */
  beta: number[];
  /** Standard errors of β̂: √diag((XᵀV⁻¹X)⁻¹) = √diag(σ²(XᵀH⁻¹X)⁻¹), as lme4 vcov(). */
  betaSE: number[];
  /** The REML criterion at the optimum (lme4 REMLcrit()). */
  remlCriterion: number;
  boundary: boolean;
  unidentified: boolean;
  /** Indexed by group; n = 0 for groups without students. */
  effects: GroupEffect[];
}

export class SingularDesign extends Error {}

export function fitRandomIntercept(d: ModelData): MixedFit {
  const s = groupSums(d);
  if (s.n <= s.p) throw new SingularDesign(`${s.n} students for ${s.p} fixed effects`);
  let est;
  try {
    est = optimizeTheta(s);
  } catch (e) {
    if (e instanceof NotPositiveDefinite) throw new SingularDesign(e.column < s.p ? `covariate ${e.column} is constant or collinear` : 'the response is fitted exactly');
    throw e;
  }
  const { q, p } = s;
  const { factor, rss, theta } = est.point;
  const betaC = solveUpper(factor, q, p, factor.subarray(p * q, p * q + p));
  const sigma2 = rss / (s.n - p);
  const tau2 = theta * theta * sigma2;
  const { beta, betaSE } = originalUnits(betaC, inverseFromCholesky(factor, q, p), s.center, sigma2);
  const effects: GroupEffect[] = [];
  for (let g = 0; g < s.counts.length; g++) {
    const nj = s.counts[g];
    let r = s.means[g * q + p];
    for (let c = 0; c < p; c++) r -= s.means[g * q + c] * betaC[c];
    const lambda = nj === 0 ? 0 : (theta * theta * nj) / (1 + theta * theta * nj);
    effects.push({ n: nj, meanResidual: nj === 0 ? NaN : r, shrinkage: lambda, effect: lambda === 0 ? 0 : lambda * r, condVar: nj === 0 ? tau2 : (sigma2 * theta * theta) / (1 + theta * theta * nj) });
  }
  return { n: s.n, p, groups: s.occupied, theta, tau2, sigma2, beta, betaSE, remlCriterion: est.point.deviance, boundary: est.boundary, unidentified: est.unidentified, effects };
}

/** The fit used centred covariates: intercept = ȳ + b₀ − Σ b_k·x̄_k, and its variance aᵀΣa with a = [1, −x̄]. */
function originalUnits(betaC: Float64Array, unscaled: Float64Array, center: Float64Array, sigma2: number) {
  const p = betaC.length;
  const a = Array.from({ length: p }, (_, k) => (k === 0 ? 1 : -center[k]));
  const beta = Array.from(betaC);
  beta[0] = center[p] + betaC[0];
  for (let k = 1; k < p; k++) beta[0] -= betaC[k] * center[k];
  let v0 = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) v0 += a[i] * a[j] * unscaled[i * p + j];
  const betaSE = beta.map((_, k) => Math.sqrt(sigma2 * (k === 0 ? v0 : unscaled[k * p + k])));
  return { beta, betaSE };
}
