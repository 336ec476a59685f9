// 百分等级 (percentile rank) with mid-ranks for ties: PR(x) = 100·(#{score < x} + ½·#{score = x})/n
// (Crocker & Algina 1986, §19; the usual definition in exam reports). Built once, looked up by binary search.

export function percentileRanker(scores: ArrayLike<number>): (x: number) => number {
  const sorted = Float64Array.from(scores).sort();
  const n = sorted.length;
  if (n === 0) throw new RangeError('no scores to rank');
  return (x) => {
    const below = lowerBound(sorted, x);
    const equal = lowerBound(sorted, x, true) - below;
    return (100 * (below + equal / 2)) / n;
  };
}

/** First index whose value is ≥ x (or > x when `after`). */
function lowerBound(a: Float64Array, x: number, after = false): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m] < x || (after && a[m] === x)) lo = m + 1;
    else hi = m;
  }
  return lo;
}
