// Barrodale–Roberts line search: along a simplex edge the objective is convex piecewise linear in the step t;
// its slope starts at D < 0 and rises by w_i = |z_i| as residual i crosses zero at t_i. The optimal step is the
// smallest breakpoint where D + Σ_{t_k ≤ t} w_k ≥ 0 — a weighted quantile, found by 3-way quickselect in O(m).

export interface LineSearchResult {
  /** Position (in `order`) of the breakpoint where the slope turns non-negative: that observation enters. */
  stop: number;
  /** Step length t*. */
  step: number;
}

/**
 * `t[k]`, `w[k]` (k < m): breakpoints and slope increments; `order` holds 0..m−1 on entry and is permuted so that
 * order[0..stop) are the breakpoints passed (t ≤ t*) and order[stop] is the stopping one. Returns null if the
 * slope never turns non-negative (unbounded direction).
 */
export function weightedBreakpoint(t: Float64Array, w: Float64Array, order: Int32Array, m: number, need: number): LineSearchResult | null {
  let lo = 0;
  let hi = m;
  let acc = 0;
  while (hi - lo > 24) {
    const v = median3(t[order[lo]], t[order[(lo + hi) >> 1]], t[order[hi - 1]]);
    // Dutch-flag partition of order[lo, hi) into < v, == v, > v.
    let a = lo;
    let i = lo;
    let b = hi;
    let wLess = 0;
    let wEq = 0;
    while (i < b) {
      const k = order[i];
      const tk = t[k];
      if (tk < v) {
        order[i] = order[a];
        order[a] = k;
        wLess += w[k];
        a++;
        i++;
      } else if (tk > v) {
        b--;
        order[i] = order[b];
        order[b] = k;
      } else {
        wEq += w[k];
        i++;
      }
    }
    if (acc + wLess >= need) {
      hi = a;
      continue;
    }
    if (acc + wLess + wEq >= need) {
      acc += wLess;
      for (let j = a; j < b; j++) {
        acc += w[order[j]];
        if (acc >= need) return { stop: j, step: v };
      }
      return { stop: b - 1, step: v }; // rounding: the sums said so
    }
    acc += wLess + wEq;
    lo = b;
  }
  // Small remainder: insertion sort and scan.
  for (let i = lo + 1; i < hi; i++) {
    const k = order[i];
    let j = i - 1;
    while (j >= lo && t[order[j]] > t[k]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = k;
  }
  for (let j = lo; j < hi; j++) {
    acc += w[order[j]];
    if (acc >= need) return { stop: j, step: t[order[j]] };
  }
  return null;
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
