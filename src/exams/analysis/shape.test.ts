import { describe, expect, it } from 'vitest';
import { kurtosis, moments, sampleKurtosis, sampleSkewness, skewness } from './moments.js';
import { normalHistogram } from './normal-curve.js';
import { dagostinoPearson, kurtosisTestZ, skewTestZ } from './normality.js';
import { SortedScores } from './distribution.js';

/** A distribution over plain values, for the shape functions. */
function dist(xs: number[]) {
  const sorted = Float64Array.from(xs).sort();
  const d = new SortedScores(sorted);
  return Object.assign(d, {
    runs(fn: (v: number, c: number) => void) {
      for (let k = 0; k < sorted.length;) {
        let e = k + 1;
        while (e < sorted.length && sorted[e] === sorted[k]) e++;
        fn(sorted[k], e - k);
        k = e;
      }
    },
  });
}

// scipy 1.10.1: stats.skew / stats.kurtosis (bias=True) → g1, g2; pandas 1.5.3 Series.skew / .kurt → G1, G2;
// stats.skewtest, stats.kurtosistest, stats.normaltest.
const CASES = [
  {
    xs: [55, 62, 70, 70.5, 71, 73, 75, 78, 80, 80, 81, 83, 85, 86, 88, 90, 91, 92, 95, 96, 98, 99, 100, 40, 65],
    g1: -0.8156486012743539,
    g2: 0.463962136703747,
    G1: -0.8686621228421633,
    G2: 0.8567438207571882,
    zs: -1.8602014512091392,
    zk: 1.0754021601645145,
    k2: 4.616839245167092,
    p: 0.09941824582235752,
  },
  {
    xs: [1, 2, 3, 4, 5, 6, 7, 30],
    g1: 2.065711310109673,
    g2: 2.641195058891123,
    G1: 2.5763946608047776,
    G2: 6.946509623671359,
    zs: 3.2870572449920585,
    zk: 2.9557714015026524,
    k2: 19.541329909795735,
    p: 5.710236892283234e-5,
  },
  {
    xs: [1.1, 2.3, 3.7, 9.9, 10.2, 4.4, 5.5, 6.6, 7.7],
    g1: 0.1001025726616353,
    g2: -1.1727307035299277,
    G1: 0.12134264218844816,
    G2: -1.0909156257712906,
    zs: 0.1739264277076357,
    zk: -0.7887222755006208,
    k2: 0.6523332301260166,
    p: 0.7216849338332408,
  },
];

describe('skewness and kurtosis', () => {
  it('population g1, g2 (scipy) and bias-corrected G1, G2 (pandas)', () => {
    for (const c of CASES) {
      const m = moments(dist(c.xs));
      expect(skewness(m)).toBeCloseTo(c.g1, 13);
      expect(kurtosis(m)).toBeCloseTo(c.g2, 13);
      expect(sampleSkewness(m)).toBeCloseTo(c.G1, 13);
      expect(sampleKurtosis(m)).toBeCloseTo(c.G2, 13);
    }
  });
  it('undefined without spread, G1 below n = 3 and G2 below n = 4', () => {
    const flat = moments(dist([14.3, 14.3, 14.3, 14.3, 14.3, 14.3, 14.3])); // the mean is not exactly 14.3 (scipy gh-11086)
    expect([skewness(flat), kurtosis(flat), sampleSkewness(flat)]).toEqual([null, null, null]);
    expect(moments(dist([]))).toBeNull();
    expect(sampleSkewness(moments(dist([1, 2])))).toBeNull();
    expect(sampleSkewness(moments(dist([1, 2, 4])))).not.toBeNull();
    expect(sampleKurtosis(moments(dist([1, 2, 4])))).toBeNull();
  });
});

describe("D'Agostino–Pearson K² (scipy.stats.normaltest)", () => {
  it('the skewness and kurtosis z and K² with p = exp(−K²/2)', () => {
    for (const c of CASES) {
      const m = moments(dist(c.xs))!;
      expect(skewTestZ(skewness(m)!, m.n)).toBeCloseTo(c.zs, 12);
      expect(kurtosisTestZ(kurtosis(m)! + 3, m.n)).toBeCloseTo(c.zk, 12);
      const k = dagostinoPearson(m);
      expect(k.statistic).toBeCloseTo(c.k2, 12);
      expect(k.p! / c.p).toBeCloseTo(1, 12);
      expect(k.test).toBe('DAgostinoPearsonK2');
    }
  });
  it('n = 8 is the minimum; fewer or no spread → null', () => {
    // scipy: [0 ×7, 100]: K² 22.957449496681384, p 1.0347922859049848e-05
    expect(dagostinoPearson(moments(dist([0, 0, 0, 0, 0, 0, 0, 100]))).statistic).toBeCloseTo(22.957449496681384, 11);
    expect(dagostinoPearson(moments(dist([1, 2, 3, 4, 5, 6, 30])))).toEqual({ statistic: null, p: null, test: 'DAgostinoPearsonK2' });
    expect(dagostinoPearson(moments(dist([5, 5, 5, 5, 5, 5, 5, 5]))).statistic).toBeNull();
    expect(dagostinoPearson(null).p).toBeNull();
  });
  it('exactly symmetric data: Z(√b1) = 0 as published (scipy substitutes y = 1 and reports 1.0108)', () => {
    const m = moments(dist([1, 1, 1, 1, 9, 9, 9, 9]))!;
    expect(skewTestZ(skewness(m)!, 8)).toBe(0);
    // scipy kurtosistest −2.9419780213222197; its normaltest 9.676961144798014 includes 1.0108² from the substitution
    expect(dagostinoPearson(m).statistic).toBeCloseTo(2.9419780213222197 ** 2, 12);
  });
});

describe('histogram with the fitted normal curve', () => {
  it('counts per bin (top closed) and n·w·φ(mid) with the population sd (scipy.stats.norm.pdf)', () => {
    // 1 2 3 4 5: mean 3, sd √2; bins [0,2) [2,4) [4,6]
    const h = normalHistogram(dist([1, 2, 3, 4, 5]), [0, 2, 4, 6], 3, Math.SQRT2);
    expect(h.counts).toEqual([1, 2, 2]);
    expect(h.normal[0]).toBeCloseTo(1.037768743551487, 14);
    expect(h.normal[1]).toBeCloseTo(2.8209479177387813, 14);
    expect(h.normal[2]).toBeCloseTo(1.037768743551487, 14);
  });
  it('no spread or no scores: a flat 0 curve', () => {
    expect(normalHistogram(dist([3, 3]), [0, 5, 10], 3, 0)).toEqual({ edges: [0, 5, 10], counts: [2, 0], normal: [0, 0] });
    expect(normalHistogram(dist([]), [0, 10], null, null)).toEqual({ edges: [0, 10], counts: [0], normal: [0] });
  });
});
