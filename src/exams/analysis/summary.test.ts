import { describe, expect, it } from 'vitest';
import { SortedScores } from './distribution.js';
import { cutScore, summarize } from './summary.js';

const d = (xs: number[]) => new SortedScores(Float64Array.from(xs).sort());
const CUT = { excellent: 0.85, pass: 0.6, low: 0.4 };

describe('summarize (三率一分)', () => {
  it('n, mean, population sd, median and the three rates (numpy: mean 5.44, std 3.8541406305426897)', () => {
    const s = summarize(d([1.1, 2.3, 3.7, 9.9, 10.2]), 12, CUT);
    expect(s.n).toBe(5);
    expect(s.mean).toBeCloseTo(5.44, 14);
    expect(s.sd).toBeCloseTo(3.8541406305426897, 13);
    expect(s.median).toBe(3.7);
    // cuts on 12: 优秀 ≥ 10.2, 及格 ≥ 7.2, 低分 < 4.8
    expect([s.excellent_rate, s.pass_rate, s.low_rate]).toEqual([0.2, 0.4, 0.6]);
  });
  it('scores exactly at a cut count as 优秀/及格, and not as 低分', () => {
    const s = summarize(d([102, 72, 48, 47.5]), 120, CUT);
    expect([s.excellent_rate, s.pass_rate, s.low_rate]).toEqual([0.25, 0.5, 0.25]);
  });
  it('cut scores do not suffer from binary fractions', () => {
    expect(0.6 * 120 === 72 || cutScore(0.6, 120) === 72).toBe(true);
    expect(cutScore(0.7, 150)).toBe(105);
    expect(cutScore(0.85, 150)).toBe(127.5);
    expect(cutScore(0.35, 100)).toBe(35);
  });
  it('a group without scores: n 0 and every statistic null', () => {
    expect(summarize(d([]), 100, CUT)).toEqual({ n: 0, mean: null, sd: null, median: null, excellent_rate: null, pass_rate: null, low_rate: null });
  });
});
