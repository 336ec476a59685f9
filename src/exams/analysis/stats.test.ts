import { describe, expect, it } from 'vitest';
import { SortedScores } from './distribution.js';
import { groupStats, overMeanRate } from './stats.js';

const d = (xs: number[]) => new SortedScores(Float64Array.from(xs).sort());
const CUTS = { excellent: 102, pass: 72, low: 48 };

describe('group statistics', () => {
  it('quartiles type 7, min, max, 得分率 and 超均率 (numpy: percentile 25/75 of 1.1 2.3 3.7 9.9 10.2 = 2.3, 9.9)', () => {
    const s = groupStats(d([1.1, 2.3, 3.7, 9.9, 10.2]), 12, { excellent: 10.2, pass: 7.2, low: 4.8 }, [0, 6, 12], 4);
    expect([s.n, s.q1, s.q3, s.min, s.max]).toEqual([5, 2.3, 9.9, 1.1, 10.2]);
    expect(s.mean).toBeCloseTo(5.44, 14);
    expect(s.score_rate).toBeCloseTo(5.44 / 12, 14);
    expect(s.over_mean_rate).toBeCloseTo(0.36, 14); // (5.44 − 4)/4
    expect(s.bands).toEqual({ edges: [0, 6, 12], counts: [3, 2] });
  });
  it('n = 1: sd 0 and every quantile the score', () => {
    const s = groupStats(d([72]), 120, CUTS, [0, 120], 80);
    expect(s).toMatchObject({ n: 1, mean: 72, sd: 0, median: 72, q1: 72, q3: 72, min: 72, max: 72, excellent_rate: 0, pass_rate: 1, low_rate: 0, score_rate: 0.6, over_mean_rate: -0.1 });
  });
  it('超均率 is null without a mean or against a district mean of 0', () => {
    expect(overMeanRate(null, 5)).toBeNull();
    expect(overMeanRate(5, null)).toBeNull();
    expect(overMeanRate(0, 0)).toBeNull();
    expect(overMeanRate(50, 40)).toBe(0.25);
  });
});
