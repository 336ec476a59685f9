// SGP design matrix (studentGrowthPercentiles.R): X = [1, bs(prior_1), …, bs(prior_k)], 1 + 7k columns, each prior
// with the knots and boundaries of the grade it was taken in.
import { bsColumns, bsRow, type SplineSpec } from './bspline.js';

/** priors[j][i] = score of student i at prior j (j = 0 most recent); row-major n × (1 + Σ columns). */
export function sgpDesign(priors: Float64Array[], specs: SplineSpec[]): { X: Float64Array; n: number; p: number } {
  const n = priors[0]?.length ?? 0;
  const widths = specs.map(bsColumns);
  const p = 1 + widths.reduce((a, b) => a + b, 0);
  const X = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    let off = i * p;
    X[off++] = 1;
    for (let j = 0; j < priors.length; j++) {
      bsRow(specs[j], priors[j][i], X, off);
      off += widths[j];
    }
  }
  return { X, n, p };
}
