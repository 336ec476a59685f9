// Dense form of grouped scores: per group, inclusive cumulative counts over the levels, C[b] = #{level ≤ b}
// (counting sort). Quantiles and counts are binary searches; a rank is 1 + n − C[level] (competition ranking).
import type { GroupedScores, LevelDistribution } from './grouped-scores.js';
import type { Grouping } from './grouping.js';
import type { Levels } from './levels.js';

/** One group's cumulative counts: cum[offset + b] = #{scores of level ≤ b}; values[b] is the score of level b. */
export class LevelHistogram implements LevelDistribution {
  constructor(
    readonly cum: Int32Array,
    readonly offset: number,
    readonly values: Float64Array,
    readonly n: number,
  ) {}

  kth(k: number): number {
    if (!(k >= 0 && k < this.n)) throw new RangeError(`kth(${k}) of ${this.n} scores`);
    const { cum, offset } = this;
    let lo = 0;
    let hi = this.values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[offset + mid] > k) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }

  /** #{scores whose level is ≤ the last level with value ≤ t} (strict: value < t). */
  private upTo(t: number, strict: boolean): number {
    const v = this.values;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strict ? v[mid] < t : v[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.cum[this.offset + lo - 1];
  }

  countAtMost(t: number): number {
    return this.n === 0 ? 0 : this.upTo(t, false);
  }

  countAtLeast(t: number): number {
    return this.n === 0 ? 0 : this.n - this.upTo(t, true);
  }

  sum(): number {
    const { cum, offset, values } = this;
    let s = 0;
    let prev = 0;
    for (let b = 0; b < values.length && prev < this.n; b++) {
      const c = cum[offset + b];
      if (c !== prev) s += (c - prev) * values[b];
      prev = c;
    }
    return s;
  }

  squaredDeviations(m: number): number {
    const { cum, offset, values } = this;
    let s = 0;
    let prev = 0;
    for (let b = 0; b < values.length && prev < this.n; b++) {
      const c = cum[offset + b];
      if (c !== prev) {
        const d = values[b] - m;
        s += (c - prev) * d * d;
      }
      prev = c;
    }
    return s;
  }

  runs(fn: (value: number, count: number) => void): void {
    const { cum, offset, values } = this;
    let prev = 0;
    for (let b = 0; b < values.length && prev < this.n; b++) {
      const c = cum[offset + b];
      if (c !== prev) fn(values[b], c - prev);
      prev = c;
    }
  }
}

/** One pass over the students into the cells, then cells → schools → district, then cumulative counts. */
export function levelHistograms(levels: Levels, g: Grouping): GroupedScores {
  const { codes, values } = levels;
  const L = values.length;
  const C = g.cellCount;
  const G = g.schoolCount;
  const blocks = C + G + 1;
  const cum = new Int32Array(blocks * L);
  const cell = g.cell;
  for (let i = 0; i < codes.length; i++) {
    const b = codes[i];
    if (b >= 0) cum[cell[i] * L + b]++;
  }
  const schoolBase = C * L;
  const districtBase = (C + G) * L;
  for (let c = 0; c < C; c++) {
    const src = c * L;
    const dst = schoolBase + g.cellSchool[c] * L;
    for (let b = 0; b < L; b++) cum[dst + b] += cum[src + b];
  }
  for (let s = 0; s < G; s++) {
    const src = schoolBase + s * L;
    for (let b = 0; b < L; b++) cum[districtBase + b] += cum[src + b];
  }
  const n = new Int32Array(blocks);
  for (let k = 0; k < blocks; k++) {
    const base = k * L;
    let acc = 0;
    for (let b = 0; b < L; b++) cum[base + b] = acc += cum[base + b];
    n[k] = acc;
  }
  const histogram = (k: number) => new LevelHistogram(cum, k * L, values, n[k]);
  return {
    district: histogram(C + G),
    schools: Array.from({ length: G }, (_, s) => histogram(C + s)),
    classes: Array.from({ length: g.classCount }, (_, c) => histogram(c)),
    rank(district, school, klass) {
      const N = n[C + G];
      const sch = g.school;
      const cls = g.klass;
      for (let i = 0; i < codes.length; i++) {
        const b = codes[i];
        if (b < 0) {
          district[i] = school[i] = klass[i] = 0;
          continue;
        }
        district[i] = 1 + N - cum[districtBase + b];
        const s = sch[i];
        school[i] = 1 + n[C + s] - cum[schoolBase + s * L + b];
        const c = cls[i];
        klass[i] = c >= 0 ? 1 + n[c] - cum[c * L + b] : 0;
      }
    },
  };
}
