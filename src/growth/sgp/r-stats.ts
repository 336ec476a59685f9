// The three R helpers the knots depend on, written as R computes them (stats::quantile type 7, grDevices::extendrange,
// base::round to a number of decimals).

/** quantile(x, probs, type = 7): index = 1 + (n − 1)p, q = (1 − h)·x[lo] + h·x[hi] with h = index − lo (R's form). */
export function quantile7(values: ArrayLike<number>, probs: readonly number[]): number[] {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  if (n === 0) return probs.map(() => NaN);
  return probs.map((p) => {
    const index = 1 + (n - 1) * p;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const qs = x[lo - 1];
    if (!(index > lo && x[hi - 1] !== qs)) return qs;
    const h = index - lo;
    return (1 - h) * qs + h * x[hi - 1];
  });
}

/** extendrange(x, f): range(x) widened by f × its length on both sides. */
export function extendRange(values: ArrayLike<number>, f: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const d = hi - lo;
  return [lo + -f * d, hi + f * d];
}

/** round(x, digits) for digits ≥ 0: the nearest decimal to the double's exact value (R ≥ 4.0 behaviour). */
export function roundDigits(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
