// A group's value-added as published: û_j with SE_j = √(τ²(1 − λ_j)) — the conditional (posterior) SD of u_j given
// the data at the REML estimates, exactly lme4's ranef(condVar = TRUE); 95% interval û_j ± 1.96·SE_j; label by whether
// the interval excludes 0. Like lme4, the SE ignores the uncertainty of β̂, τ̂², σ̂² (anchors.md §4.3).
import type { MixedFit } from './fit.js';
import { normalQuantile } from './normal-quantile.js';

export type EffectLabel = 'above' | 'expected' | 'below';

export interface EffectRow {
  group: string;
  n: number;
  effect: number;
  se: number;
  lower: number;
  upper: number;
  label: EffectLabel;
  /** λ_j, the reliability of the group's mean residual. */
  shrinkage: number;
  /** r̄_j before shrinkage. */
  meanResidual: number;
  /** n < minN: computed, but views must not show it. */
  suppressed: boolean;
}

export interface EffectOptions {
  /** Groups with fewer students are suppressed; default 20. */
  minN?: number;
  /** Two-sided interval level; default 0.95. */
  level?: number;
}

export const DEFAULT_MIN_N = 20;

export function effectRows(fit: MixedFit, labels: readonly string[], opts: EffectOptions = {}): EffectRow[] {
  const minN = opts.minN ?? DEFAULT_MIN_N;
  const z = normalQuantile(1 - (1 - (opts.level ?? 0.95)) / 2);
  const rows: EffectRow[] = [];
  fit.effects.forEach((e, g) => {
    if (e.n === 0) return;
    const se = Math.sqrt(e.condVar);
    const lower = e.effect - z * se;
    const upper = e.effect + z * se;
    const label: EffectLabel = lower > 0 ? 'above' : upper < 0 ? 'below' : 'expected';
    rows.push({ group: labels[g], n: e.n, effect: e.effect, se, lower, upper, label, shrinkage: e.shrinkage, meanResidual: e.meanResidual, suppressed: e.n < minN });
  });
  return rows;
}
