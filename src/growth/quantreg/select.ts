// k-th smallest of an array (0-based) by Hoare's quickselect (FIND, CACM 1961) with a median-of-three pivot; permutes `a`
// so that a[k] is in place, nothing after it is smaller and nothing before it larger (so a second, larger rank can be
// searched in a[k + 1 …] only).
export function kthSmallest(a: Float64Array, k: number, from = 0): number {
  let lo = from;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const v = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < v) i++;
      while (a[j] > v) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
