// The scores of one group (a school, or the district) as an ordered distribution: the questions the statistics ask.
// The analysis groups scores in level histograms (level-histograms.ts, level-runs.ts); the two simple forms here,
// a half-point histogram (bucket b holds the score b/2) and sorted values, serve as references in the tests.

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
