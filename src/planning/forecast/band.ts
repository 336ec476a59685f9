// Uncertainty band of a forecast value from a backtest (预测区间): q = the empirical quantile, at `coverage`, of the
// absolute percentage errors the backtest made at the same step (nearest rank: the ⌈coverage × n⌉-th smallest);
// beyond the held-out steps, the last step's q × √(step / lastStep) (errors of a random walk grow with √time);
// at a step that compared no school, the latest earlier step with errors (else the first) scaled the same way.
// Band = [value × (1 − q) floored at 0, value × (1 + q)]. Calibrated on school totals; no backtest → no band.
import type { Backtest } from './backtest.js';

/** The ⌈coverage × n⌉-th smallest of the values (nearest-rank quantile; 1e-12 absorbs 0.7 × 10 = 7.000000000000001); null for none. */
export function nearestRankQuantile(values: readonly number[], coverage: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.max(1, Math.ceil(coverage * sorted.length - 1e-12));
  return sorted[Math.min(k, sorted.length) - 1];
}

/** The relative half-width q of the band at a forecast step (1 = the first year after the base year); null without a backtest. */
export function bandWidth(step: number, bt: Backtest | null, coverage = 0.8): number | null {
  if (!(coverage > 0 && coverage <= 1)) throw new Error(`覆盖率须在 (0, 1] 内 / the coverage must be in (0, 1] (got ${String(coverage)})`);
  if (!Number.isInteger(step) || step < 1) throw new Error(`预测步数须为 ≥ 1 的整数 / the step must be a whole number ≥ 1 (got ${String(step)})`);
  if (!bt) return null;
  const withErrors = bt.steps.filter((s) => s.absPctErrors.length > 0);
  if (withErrors.length === 0) return null;
  const same = withErrors.find((s) => s.step === step);
  if (same) return nearestRankQuantile(same.absPctErrors, coverage);
  // Beyond the held-out steps (or at one that compared no school): the latest earlier step with errors, √-scaled.
  const from = withErrors.filter((s) => s.step < step).pop() ?? withErrors[0];
  return nearestRankQuantile(from.absPctErrors, coverage)! * Math.sqrt(step / from.step);
}

export function uncertaintyBand(value: number, step: number, bt: Backtest | null, coverage = 0.8): { low: number; high: number } | null {
  const q = bandWidth(step, bt, coverage);
  if (q === null) return null;
  return { low: Math.max(0, value * (1 - q)), high: value * (1 + q) };
}
