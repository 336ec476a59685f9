// R's splines::bs(x, knots, Boundary.knots, degree = 3, intercept = FALSE): B-spline basis on the knot sequence
// (4 × lower boundary, interior knots, 4 × upper boundary) by the Cox–de Boor recursion as in R's splines.c
// basis_funcs(); outside the boundary knots bs() continues the end polynomial pieces (its Taylor expansion at a pivot
// inside the first/last interval is that polynomial), so the end interval's recursion is evaluated at x.

export interface SplineSpec {
  knots: readonly number[];
  boundary: readonly [number, number];
}

const ORDER = 4; // degree 3

/** Number of columns bs() returns: interior knots + degree (intercept dropped). */
export const bsColumns = (spec: SplineSpec) => spec.knots.length + ORDER - 1;

const knotCache = new WeakMap<SplineSpec, number[]>();

/** Writes the bs() row for x into out[offset … offset + bsColumns). */
export function bsRow(spec: SplineSpec, x: number, out: Float64Array, offset: number): void {
  let t = knotCache.get(spec);
  if (!t) knotCache.set(spec, (t = augmentedKnots(spec)));
  const nBasis = t.length - ORDER; // with the intercept column
  // Cursor: the interval [t[curs−1], t[curs]) holding x, clamped to the first/last non-empty interval.
  let curs = ORDER;
  while (curs < nBasis && t[curs] <= x) curs++;
  const b = new Float64Array(ORDER);
  basisFuncs(t, curs, x, b);
  const ncol = nBasis - 1;
  for (let k = 0; k < ncol; k++) out[offset + k] = 0;
  // b[0..3] are the values of basis functions curs−4 … curs−1 (0-based); column = basis − 1.
  for (let q = 0; q < ORDER; q++) {
    const col = curs - ORDER + q - 1;
    if (col >= 0) out[offset + col] = b[q];
  }
}

/** The bs() matrix (row-major, n × bsColumns) for a vector of x. */
export function bs(spec: SplineSpec, xs: ArrayLike<number>): Float64Array {
  const ncol = bsColumns(spec);
  const out = new Float64Array(xs.length * ncol);
  for (let i = 0; i < xs.length; i++) bsRow(spec, xs[i], out, i * ncol);
  return out;
}

function augmentedKnots(spec: SplineSpec): number[] {
  const [lo, hi] = spec.boundary;
  return [lo, lo, lo, lo, ...[...spec.knots].sort((a, b) => a - b), hi, hi, hi, hi];
}

/** splines.c basis_funcs(): the ORDER non-zero B-splines at x given the cursor (t[curs−1] ≤ x < t[curs]). */
function basisFuncs(t: number[], curs: number, x: number, b: Float64Array): void {
  const rdel = new Float64Array(ORDER - 1);
  const ldel = new Float64Array(ORDER - 1);
  for (let i = 0; i < ORDER - 1; i++) {
    rdel[i] = t[curs + i] - x;
    ldel[i] = x - t[curs - (i + 1)];
  }
  b[0] = 1;
  for (let j = 1; j <= ORDER - 1; j++) {
    let saved = 0;
    for (let r = 0; r < j; r++) {
      const den = rdel[r] + ldel[j - 1 - r];
      if (den !== 0) {
        const term = b[r] / den;
        b[r] = saved + rdel[r] * term;
        saved = ldel[j - 1 - r] * term;
      } else {
        if (r !== 0 || rdel[r] !== 0) b[r] = saved;
        saved = 0;
      }
    }
    b[j] = saved;
  }
}
