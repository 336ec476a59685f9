// Regression value-added of groups (schools or classes): post ~ priors/covariates + (1 | group) by REML (fit.ts),
// effects shrunk by empirical Bayes with SE and 95% interval (effects.ts). Groups are listed in code order, as R's
// factor levels (sorted strings), so rows line up with lme4's ranef(). Classes: group = classKey(school, class), see
// class-key.ts for what a class effect means.
import { effectRows, type EffectOptions, type EffectRow } from './effects.js';
import { fitRandomIntercept } from './fit.js';

export { classKey } from './class-key.js';

export interface VaInput {
  post: ArrayLike<number>;
  /** Prior scores and other covariates, each of the same length as post. */
  covariates: ArrayLike<number>[];
  /** Group code of each student (school, or classKey(school, class) for classes). */
  group: readonly string[];
}

export interface VaResult {
  n: number;
  groups: number;
  tau2: number;
  sigma2: number;
  theta: number;
  /** [intercept, one per covariate]. */
  beta: number[];
  betaSE: number[];
  remlCriterion: number;
  /** τ̂² = 0: no detectable between-group variance, every effect is 0. */
  boundary: boolean;
  /** Only one group: τ² cannot be estimated, set to 0. */
  unidentified: boolean;
  effects: EffectRow[];
}

export function valueAdded(input: VaInput, opts: EffectOptions = {}): VaResult {
  const n = input.post.length;
  if (input.group.length !== n || input.covariates.some((c) => c.length !== n)) throw new RangeError('post, covariates and group must have the same length');
  const codes = [...new Set(input.group)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(codes.map((c, i) => [c, i]));
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = index.get(input.group[i])!;
  const fit = fitRandomIntercept({ y: Float64Array.from(input.post), x: input.covariates.map((c) => Float64Array.from(c)), group, groups: codes.length });
  const { effects: _e, p: _p, ...summary } = fit;
  return { ...summary, effects: effectRows(fit, codes, opts) };
}
