import { describe, expect, it } from 'vitest';
import { groupScores, type GroupedScores, type LevelDistribution } from './grouped-scores.js';
import { makeGrouping } from './grouping.js';
import { codeLevels } from './levels.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Everything a distribution answers, on a few probes. */
function ask(d: LevelDistribution) {
  const runs: [number, number][] = [];
  d.runs((v, c) => runs.push([v, c]));
  const m = d.n ? d.sum() / d.n : 0;
  return {
    n: d.n,
    kth: Array.from({ length: d.n }, (_, k) => d.kth(k)),
    runs,
    sum: Number(d.sum().toPrecision(12)),
    ss: Number(d.squaredDeviations(m).toPrecision(12)),
    atLeast: [-1, 0, 0.3, 30, 59.5, 60, 60.1, 120, 121].map((t) => d.countAtLeast(t)),
    atMost: [-1, 0, 0.3, 30, 59.5, 60, 60.1, 120, 121].map((t) => d.countAtMost(t)),
  };
}

function ranks(g: GroupedScores, n: number) {
  const r = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  g.rank(r[0], r[1], r[2]);
  return r.map((a) => Array.from(a));
}

describe('grouped scores: histograms and sorted runs agree, with each other and with brute force', () => {
  for (const [name, decimals] of [
    ['half points', false],
    ['any decimals', true],
  ] as const)
    it(name, () => {
      const rand = lcg(decimals ? 11 : 5);
      const n = 3000;
      const G = 4;
      const classSchool = [0, 0, 1, 1, 1, 3]; // school 2 has no class; class 5 of school 3 gets nobody
      const school = new Int32Array(n);
      const klass = new Int32Array(n);
      const scores = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const c = Math.floor(rand() * 6);
        if (c === 5 || rand() < 0.05) {
          school[i] = Math.floor(rand() * G); // no class
          klass[i] = -1;
        } else {
          klass[i] = c;
          school[i] = classSchool[c];
        }
        scores[i] = rand() < 0.05 ? NaN : decimals ? Math.round(rand() * 1200) / 10 : Math.round(rand() * 240) / 2;
      }
      const grouping = makeGrouping(school, G, klass, classSchool);
      const levels = codeLevels(scores);
      expect(levels.grid).toBe(!decimals);
      const dense = groupScores(levels, grouping, 'dense');
      const sorted = groupScores(levels, grouping, 'sorted');
      expect(ask(dense.district)).toEqual(ask(sorted.district));
      for (let g = 0; g < G; g++) expect(ask(dense.schools[g])).toEqual(ask(sorted.schools[g]));
      for (let c = 0; c < 6; c++) expect(ask(dense.classes[c])).toEqual(ask(sorted.classes[c]));
      expect(dense.classes[5].n).toBe(0);

      const all = Array.from(scores).filter((v) => !Number.isNaN(v));
      expect(ask(dense.district).kth).toEqual(all.sort((a, b) => a - b));
      const rd = ranks(dense, n);
      expect(rd).toEqual(ranks(sorted, n));
      // brute force: 1 + #strictly higher in the group; 0 without a score or (class) without a class
      const brute = (i: number, same: (j: number) => boolean) => {
        if (Number.isNaN(scores[i])) return 0;
        let above = 0;
        for (let j = 0; j < n; j++) if (same(j) && scores[j] > scores[i]) above++;
        return 1 + above;
      };
      for (let i = 0; i < n; i += 7) {
        expect(rd[0][i]).toBe(brute(i, () => true));
        expect(rd[1][i]).toBe(brute(i, (j) => school[j] === school[i]));
        expect(rd[2][i]).toBe(klass[i] < 0 ? 0 : brute(i, (j) => klass[j] === klass[i]));
      }
    });

  it('ties share a rank and the next rank skips ("1224")', () => {
    const grouping = makeGrouping(new Int32Array(5), 1, Int32Array.of(0, 0, 0, 0, -1), [0]);
    const levels = codeLevels(Float64Array.of(90, 80, 80, 70, 80));
    for (const form of ['dense', 'sorted'] as const) {
      const r = ranks(groupScores(levels, grouping, form), 5);
      expect(r).toEqual([
        [1, 2, 2, 5, 2],
        [1, 2, 2, 5, 2],
        [1, 2, 2, 4, 0],
      ]);
    }
  });

  it('no scores at all', () => {
    const grouping = makeGrouping(new Int32Array(2), 1, new Int32Array(2), [0]);
    for (const form of ['dense', 'sorted'] as const) {
      const g = groupScores(codeLevels(Float64Array.of(NaN, NaN)), grouping, form);
      expect(ask(g.district)).toMatchObject({ n: 0, sum: 0, atLeast: [0, 0, 0, 0, 0, 0, 0, 0, 0] });
      expect(() => g.district.kth(0)).toThrow(RangeError);
      expect(ranks(g, 2)).toEqual([
        [0, 0],
        [0, 0],
        [0, 0],
      ]);
    }
  });
});

describe('grouping', () => {
  it('a student without a class is in a per-school cell; a class must belong to the student’s school', () => {
    const g = makeGrouping(Int32Array.of(0, 1, 1), 2, Int32Array.of(0, -1, 1), [0, 1]);
    expect(Array.from(g.cell)).toEqual([0, 3, 1]); // classCount 2 + school 1
    expect(Array.from(g.cellSchool)).toEqual([0, 1, 0, 1]);
    expect(() => makeGrouping(Int32Array.of(0), 2, Int32Array.of(1), [0, 1], ['G01'])).toThrow('student G01 (row 0): class 1 belongs to school 1, the student to school 0');
    expect(() => makeGrouping(Int32Array.of(0), 2, Int32Array.of(2), [0, 1])).toThrow(/class 2 out of range/);
    expect(() => makeGrouping(Int32Array.of(2), 2, Int32Array.of(-1), [0, 1])).toThrow(/school 2 out of range/);
    expect(() => makeGrouping(Int32Array.of(0), 2, Int32Array.of(0), [5])).toThrow(/class 0: school 5/);
  });
});
