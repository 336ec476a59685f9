// Item–total correlation (standards.md §4.4, the 积差 alternative to D): Pearson r = Σ(x − x̄)(y − ȳ) /
// √(Σ(x − x̄)²·Σ(y − ȳ)²) over students with both scores; the corrected item–rest r uses y = total − item, so the
// item does not correlate with itself. null with fewer than 2 pairs or no spread in either.

/** Pearson r over pairs with both values present; `subtract`: y − x instead of y (item–rest). */
export function pearson(x: Float64Array, y: Float64Array, subtract = false): number | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = subtract ? y[i] - a : y[i];
    if (a !== a || b !== b) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = subtract ? y[i] - a : y[i];
    if (a !== a || b !== b) continue;
    const dx = a - mx;
    const dy = b - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0 && syy > 0)) return null;
  return sxy / Math.sqrt(sxx * syy);
}
