import { describe, expect, it } from 'vitest';
import { SortedScores } from './analysis/distribution.js';
import { bottomRate, bottomThreshold, cutScore, cutScores, DEFAULT_CUT_TEXT, DEFAULT_CUTS, excellentRate, lowRate, meanScore, passRate, summedCutScores } from './rates.js';

const d = (xs: number[]) => new SortedScores(Float64Array.from(xs).sort());
const CUT = { excellent: 0.85, pass: 0.6, low: 0.4 };
const threeRates = (xs: number[], full: number) => {
  const c = cutScores(CUT, full);
  return [excellentRate(d(xs), c), passRate(d(xs), c), lowRate(d(xs), c)];
};

describe('三率一分', () => {
  it('the default cut lines, as numbers and as the database writes them', () => {
    expect(DEFAULT_CUTS).toEqual(CUT);
    expect(DEFAULT_CUT_TEXT).toEqual({ excellent: '0.85', pass: '0.6', low: '0.4' });
  });
  it('mean and the three rates (numpy: mean 5.44)', () => {
    expect(meanScore(d([1.1, 2.3, 3.7, 9.9, 10.2]))).toBeCloseTo(5.44, 14);
    // cuts on 12: 优秀 ≥ 10.2, 及格 ≥ 7.2, 低分 < 4.8
    expect(threeRates([1.1, 2.3, 3.7, 9.9, 10.2], 12)).toEqual([0.2, 0.4, 0.6]);
  });
  it('scores exactly at a cut count as 优秀/及格, and not as 低分', () => {
    expect(threeRates([102, 72, 48, 47.5], 120)).toEqual([0.25, 0.5, 0.25]);
  });
  it('cut scores do not suffer from binary fractions', () => {
    expect(0.55 * 100).not.toBe(55); // 55.00000000000001 in binary floating point
    expect(cutScore(0.55, 100)).toBe(55);
    expect(0.7 * 45).not.toBe(31.5); // 31.499999999999996
    expect(cutScore(0.7, 45)).toBe(31.5);
    expect(cutScore(0.7, 150)).toBe(105);
    expect(cutScore(0.85, 150)).toBe(127.5);
    expect(cutScore(0.35, 100)).toBe(35);
    expect(summedCutScores([cutScores(CUT, 120), cutScores(CUT, 100)])).toEqual({ excellent: 187, pass: 132, low: 88 });
  });
  it('a group without scores: every rate and the mean null', () => {
    expect([meanScore(d([])), ...threeRates([], 100)]).toEqual([null, null, null, null]);
  });
});

describe('后x%率', () => {
  it('threshold by type 7; a school’s share at or below it', () => {
    // district 60, 88, 131.5, 157, 190, 205.5: h = 5 × 0.3 = 1.5 → 88 + 0.5 × 43.5 = 109.75 (numpy.percentile)
    const t = bottomThreshold(d([60, 88, 131.5, 157, 190, 205.5]), 30);
    expect(t).toBe(109.75);
    expect([d([88, 157, 190]), d([60, 131.5, 205.5]), d([])].map((g) => bottomRate(g, t))).toEqual([
      { n: 3, count: 1, rate: 1 / 3 },
      { n: 3, count: 1, rate: 1 / 3 },
      { n: 0, count: 0, rate: null },
    ]);
  });
  it('ties at the threshold are all counted (≤)', () => {
    // 60, 70, 70, 70, 80, 90: h = 1.5 between two 70s → 70; the three 70s are at or below it
    const t = bottomThreshold(d([60, 70, 70, 70, 80, 90]), 30);
    expect(t).toBe(70);
    expect([bottomRate(d([60, 70, 70]), t).rate, bottomRate(d([70, 80, 90]), t).rate]).toEqual([1, 1 / 3]);
  });
  it('nobody with a 总分: no threshold, no rates', () => {
    expect(bottomThreshold(d([]), 30)).toBeNull();
    expect(bottomRate(d([]), null)).toEqual({ n: 0, count: 0, rate: null });
  });
});
