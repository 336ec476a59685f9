// Reading off an SGP (studentGrowthPercentiles.R .get_quantiles, convert.0and100): the 100 predicted conditional
// quantiles x'β(τ) are rounded to 5 decimals and SGP = #{τ : prediction < observed}, then 0 → 1 and 100 → 99.
// (The package sorts each row first — isotonisation — which does not change a count.)
import { roundR } from './round.js';

export const SGP_TAUS: readonly number[] = Array.from({ length: 100 }, (_, i) => (i + 1 - 0.5) / 100);
export const PREDICTION_DIGITS = 5;

/** SGP of row i of the row-major design X (n × p) with coefficients coef (p × T, column per τ). */
export function readOffSgp(X: Float64Array, p: number, i: number, coef: Float64Array, T: number, observed: number): number {
  let below = 0;
  const row = i * p;
  for (let t = 0; t < T; t++) {
    const c = t * p;
    let pred = 0;
    for (let k = 0; k < p; k++) pred += X[row + k] * coef[c + k];
    // Only a prediction within 10⁻⁵ of the score can be moved across it by the rounding.
    if (pred < observed - 1e-5 || (pred < observed + 1e-5 && roundR(pred, PREDICTION_DIGITS) < observed)) below++;
  }
  return Math.min(99, Math.max(1, below));
}
