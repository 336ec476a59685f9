import { describe, expect, it } from 'vitest';
import { HalfPointHistogram, SortedScores, type Distribution } from './distribution.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
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
  it('the half-point histogram and the sorted scores give the same answers', () => {
    const rand = lcg(7);
    const values = Array.from({ length: 5000 }, () => Math.round(rand() * 240) / 2);
    const counts = new Int32Array(241);
    for (const v of values) counts[v * 2]++;
    const h = new HalfPointHistogram(counts, 0, 241, values.length);
    const s = new SortedScores(Float64Array.from(values).sort());
    expect(ask(h)).toEqual(ask(s));
    expect(ask(new HalfPointHistogram(new Int32Array(241), 0, 241, 0))).toEqual(ask(new SortedScores(new Float64Array(0))));
  });

  it('sorted scores with any decimals', () => {
    const d = new SortedScores(Float64Array.from([1.1, 2.3, 3.7, 9.9, 10.2]));
    expect(d.countAtLeast(3.7)).toBe(3);
    expect(d.countAtMost(3.7)).toBe(3);
    expect(d.countAtMost(3.69)).toBe(2);
    expect(() => d.kth(5)).toThrow(RangeError);
  });
});
