// The scores of one group (a school, or the district) as an ordered distribution, in one of two exact forms:
// a half-point histogram (counting sort: bucket b holds the score b/2, O(n + 2·full)) when every score is a
// multiple of 0.5, otherwise the sorted values themselves. Both answer the questions the statistics ask.

export interface Distribution {
  /** Number of scores. */
  readonly n: number;
  /** The k-th smallest score, 0 ≤ k < n. */
  kth(k: number): number;
  /** Σ x */
  sum(): number;
  /** Σ (x − m)² */
  squaredDeviations(m: number): number;
  /** #{x ≥ t} */
  countAtLeast(t: number): number;
  /** #{x ≤ t} */
  countAtMost(t: number): number;
}

/** Counts of half-point scores: counts[offset + b] students scored b/2, for 0 ≤ b < buckets. */
export class HalfPointHistogram implements Distribution {
  constructor(
    readonly counts: Int32Array,
    readonly offset: number,
    readonly buckets: number,
    readonly n: number,
  ) {}

  kth(k: number): number {
    const { counts, offset } = this;
    let seen = 0;
    for (let b = 0; b < this.buckets; b++) {
      seen += counts[offset + b];
      if (seen > k) return b / 2;
    }
    throw new RangeError(`kth(${k}) of ${this.n} scores`);
  }

  sum(): number {
    let s = 0;
    for (let b = 1; b < this.buckets; b++) s += this.counts[this.offset + b] * b;
    return s / 2;
  }

  squaredDeviations(m: number): number {
    let s = 0;
    for (let b = 0; b < this.buckets; b++) {
      const c = this.counts[this.offset + b];
      if (c) {
        const d = b / 2 - m;
        s += c * d * d;
      }
    }
    return s;
  }

  countAtLeast(t: number): number {
    let c = 0;
    for (let b = Math.max(0, Math.ceil(t * 2)); b < this.buckets; b++) c += this.counts[this.offset + b];
    return c;
  }

  countAtMost(t: number): number {
    let c = 0;
    const last = Math.min(this.buckets - 1, Math.floor(t * 2));
    for (let b = 0; b <= last; b++) c += this.counts[this.offset + b];
    return c;
  }
}

/** Ascending values (a view on a shared Float64Array). */
export class SortedScores implements Distribution {
  constructor(readonly values: Float64Array) {}
  get n() {
    return this.values.length;
  }
  kth(k: number): number {
    if (!(k >= 0 && k < this.values.length)) throw new RangeError(`kth(${k}) of ${this.n} scores`);
    return this.values[k];
  }
  sum(): number {
    let s = 0;
    for (const x of this.values) s += x;
    return s;
  }
  squaredDeviations(m: number): number {
    let s = 0;
    for (const x of this.values) s += (x - m) * (x - m);
    return s;
  }
  /** Index of the first value ≥ t (or > t when strict). */
  private lowerBound(t: number, strict: boolean): number {
    const v = this.values;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strict ? v[mid] <= t : v[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  countAtLeast(t: number): number {
    return this.values.length - this.lowerBound(t, false);
  }
  countAtMost(t: number): number {
    return this.lowerBound(t, true);
  }
}

export interface GroupedDistributions {
  groups: Distribution[];
  all: Distribution;
}

/**
 * One pass over a score column: the distribution of each group and of everyone. NaN scores are left out.
 * @param halfPointFull the full marks when every score is a multiple of 0.5 in [0, full] (histograms), else null (sorting).
 */
export function groupDistributions(values: Float64Array, group: Int32Array, groupCount: number, halfPointFull: number | null): GroupedDistributions {
  const buckets = halfPointFull === null ? 0 : Math.floor(halfPointFull * 2) + 1;
  // Histograms while they stay small (≤ 64 Mi counters); sorting otherwise.
  if (halfPointFull !== null && buckets * (groupCount + 1) <= 1 << 26) return histograms(values, group, groupCount, buckets);
  return sorted(values, group, groupCount);
}

function histograms(values: Float64Array, group: Int32Array, groupCount: number, buckets: number): GroupedDistributions {
  const counts = new Int32Array((groupCount + 1) * buckets);
  const n = new Float64Array(groupCount);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) counts[group[i] * buckets + ((v * 2) | 0)]++;
  }
  const allOffset = groupCount * buckets;
  for (let g = 0; g < groupCount; g++) {
    let total = 0;
    for (let b = 0; b < buckets; b++) {
      const c = counts[g * buckets + b];
      total += c;
      counts[allOffset + b] += c;
    }
    n[g] = total;
  }
  const groups = Array.from({ length: groupCount }, (_, g) => new HalfPointHistogram(counts, g * buckets, buckets, n[g]));
  let all = 0;
  for (const x of n) all += x;
  return { groups, all: new HalfPointHistogram(counts, allOffset, buckets, all) };
}

function sorted(values: Float64Array, group: Int32Array, groupCount: number): GroupedDistributions {
  const start = new Int32Array(groupCount + 1);
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) start[group[i] + 1]++;
  for (let g = 0; g < groupCount; g++) start[g + 1] += start[g];
  const byGroup = new Float64Array(start[groupCount]);
  const next = start.slice(0, groupCount);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) byGroup[next[group[i]]++] = v;
  }
  const all = byGroup.slice().sort();
  const groups = Array.from({ length: groupCount }, (_, g) => new SortedScores(byGroup.subarray(start[g], start[g + 1]).sort()));
  return { groups, all: new SortedScores(all) };
}
