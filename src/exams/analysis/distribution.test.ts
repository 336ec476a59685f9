import { describe, expect, it } from 'vitest';
import { groupDistributions, HalfPointHistogram, SortedScores, type Distribution } from './distribution.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function ask(d: Distribution) {
  const m = d.n ? d.sum() / d.n : 0;
  return {
    n: d.n,
    kth: Array.from({ length: d.n }, (_, k) => d.kth(k)).filter((_, k) => k % 7 === 0),
    sum: d.sum(),
    ss: Number(d.squaredDeviations(m).toPrecision(12)), // summation order differs in the last bits
    atLeast: [0, 30, 72, 72.25, 119.5, 120, 500].map((t) => d.countAtLeast(t)),
    atMost: [-1, 0, 30, 72, 72.25, 119.5, 120].map((t) => d.countAtMost(t)),
  };
}

describe('distributions', () => {
  it('the half-point histogram and the sorted scores give the same answers, per group and for everyone', () => {
    const rand = lcg(7);
    const n = 5000;
    const values = new Float64Array(n);
    const group = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      group[i] = Math.floor(rand() * 5);
      values[i] = rand() < 0.05 ? NaN : Math.round(rand() * 240) / 2;
    }
    group.forEach((g, i) => g === 3 && (values[i] = NaN)); // group 3: nobody present
    const h = groupDistributions(values, group, 5, 120);
    const s = groupDistributions(values, group, 5, null);
    expect(h.all).toBeInstanceOf(HalfPointHistogram);
    expect(s.all).toBeInstanceOf(SortedScores);
    expect(h.groups[3].n).toBe(0);
    for (let g = 0; g < 5; g++) expect(ask(h.groups[g])).toEqual(ask(s.groups[g]));
    const a = ask(h.all);
    expect(a).toEqual(ask(s.all));
    expect(a.n).toBe(Array.from(values).filter((v) => !Number.isNaN(v)).length);
  });

  it('sorted scores with any decimals', () => {
    const d = new SortedScores(Float64Array.from([1.1, 2.3, 3.7, 9.9, 10.2]));
    expect(d.countAtLeast(3.7)).toBe(3);
    expect(d.countAtMost(3.7)).toBe(3);
    expect(d.countAtMost(3.69)).toBe(2);
    expect(() => d.kth(5)).toThrow(RangeError);
  });
});
