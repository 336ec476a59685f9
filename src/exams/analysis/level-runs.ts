// Sorted form of grouped scores, for columns with too many levels for histograms: the students ordered by level
// (counting sort on the level, O(n + levels)), then stably by school and by cell, so each group is a run of
// students in ascending order. Ranks: scanning a group from the top, a new score gets rank 1 + #students above.
import type { GroupedScores, LevelDistribution } from './grouped-scores.js';
import type { Grouping } from './grouping.js';
import type { Levels } from './levels.js';

/** One group: `order` lists its students by ascending level. Reads the codes: valid until they are overwritten. */
export class LevelRun implements LevelDistribution {
  constructor(
    readonly order: Int32Array,
    readonly codes: Int32Array,
    readonly values: Float64Array,
  ) {}
  get n(): number {
    return this.order.length;
  }
  kth(k: number): number {
    if (!(k >= 0 && k < this.order.length)) throw new RangeError(`kth(${k}) of ${this.n} scores`);
    return this.values[this.codes[this.order[k]]];
  }
  /** #{scores ≤ t} (strict: < t). */
  private below(t: number, strict: boolean): number {
    const { order, codes, values } = this;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = values[codes[order[mid]]];
      if (strict ? v < t : v <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  countAtMost(t: number): number {
    return this.below(t, false);
  }
  countAtLeast(t: number): number {
    return this.order.length - this.below(t, true);
  }
  sum(): number {
    let s = 0;
    this.runs((v, c) => (s += v * c));
    return s;
  }
  squaredDeviations(m: number): number {
    let s = 0;
    this.runs((v, c) => (s += c * (v - m) * (v - m)));
    return s;
  }
  runs(fn: (value: number, count: number) => void): void {
    const { order, codes, values } = this;
    let k = 0;
    while (k < order.length) {
      const b = codes[order[k]];
      let e = k + 1;
      while (e < order.length && codes[order[e]] === b) e++;
      fn(values[b], e - k);
      k = e;
    }
  }
}

/** Stable counting sort of `order` by key[student] into groups; returns the new order and the group starts. */
function stableBy(order: Int32Array, key: Int32Array, groups: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let k = 0; k < order.length; k++) start[key[order[k]] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const next = start.slice(0, groups);
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    out[next[key[i]]++] = i;
  }
  return { order: out, start };
}

/** Competition ranks within each run [start[g], start[g+1]) of `order` (ascending levels). */
function rankRuns(order: Int32Array, start: Int32Array, groups: number, codes: Int32Array, out: Int32Array): void {
  for (let g = 0; g < groups; g++) {
    const lo = start[g];
    let rank = 0;
    let prev = -1;
    for (let k = start[g + 1] - 1; k >= lo; k--) {
      const i = order[k];
      const b = codes[i];
      if (b !== prev) {
        rank = start[g + 1] - k; // 1 + the students above position k
        prev = b;
      }
      out[i] = rank;
    }
  }
}

export function levelRuns(levels: Levels, g: Grouping): GroupedScores {
  const { codes, values } = levels;
  const L = values.length;
  const start = new Int32Array(L + 1);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) start[codes[i] + 1]++;
  for (let b = 0; b < L; b++) start[b + 1] += start[b];
  const byLevel = new Int32Array(start[L]);
  const next = start.slice(0, L);
  for (let i = 0; i < codes.length; i++) {
    const b = codes[i];
    if (b >= 0) byLevel[next[b]++] = i;
  }
  const bySchool = stableBy(byLevel, g.school, g.schoolCount);
  const byCell = stableBy(byLevel, g.cell, g.cellCount);
  const run = (o: Int32Array, s: Int32Array, k: number) => new LevelRun(o.subarray(s[k], s[k + 1]), codes, values);
  return {
    district: new LevelRun(byLevel, codes, values),
    schools: Array.from({ length: g.schoolCount }, (_, s) => run(bySchool.order, bySchool.start, s)),
    classes: Array.from({ length: g.classCount }, (_, c) => run(byCell.order, byCell.start, c)),
    rank(district, school, klass) {
      district.fill(0);
      school.fill(0);
      klass.fill(0);
      rankRuns(byLevel, Int32Array.of(0, byLevel.length), 1, codes, district);
      rankRuns(bySchool.order, bySchool.start, g.schoolCount, codes, school);
      rankRuns(byCell.order, byCell.start, g.classCount, codes, klass); // pseudo-cells (no class) keep 0
    },
  };
}
