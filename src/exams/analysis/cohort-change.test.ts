import { describe, expect, it } from 'vitest';
import { cohortChange, rankPercentiles } from './cohort-change.js';

describe('comparison with an earlier exam of the same cohort', () => {
  it('percentile = share of ranked students at or below: 100·(N − r + 1)/N', () => {
    expect(Array.from(rankPercentiles(Int32Array.of(1, 2, 2, 4, 0)))).toEqual([100, 75, 75, 25, NaN]);
  });

  it('links by 学籍号; rank change = earlier − later; percentile change = later − earlier; school means with n', () => {
    const earlier = { studentIds: ['a', 'b', 'c', 'd', 'e'], rank: Int32Array.of(1, 2, 3, 4, 5) }; // N 5: P 100 80 60 40 20
    const later = {
      studentIds: ['c', 'a', 'x', 'd', 'b', 'e'],
      rank: Int32Array.of(1, 3, 2, 4, 5, 0), // N 5: P 100 60 80 40 20; e absent now
      school: Int32Array.of(0, 0, 1, 1, 1, 1),
      schoolCodes: ['S1', 'S2', 'S3'],
    };
    const c = cohortChange(earlier, later);
    expect(Array.from(c.rankChange)).toEqual([2, -2, NaN, 0, -3, NaN]);
    expect(Array.from(c.percentileChange)).toEqual([40, -40, NaN, 0, -60, NaN]);
    expect([c.linked, c.onlyLater]).toEqual([4, 1]);
    expect(c.schools).toEqual([
      { school: 'S1', n: 2, rankChange: 0, percentileChange: 0 },
      { school: 'S2', n: 2, rankChange: -1.5, percentileChange: -30 },
      { school: 'S3', n: 0, rankChange: null, percentileChange: null },
    ]);
  });

  it('given percentiles are used as they are; duplicate ids in the earlier exam are refused', () => {
    const c = cohortChange(
      { studentIds: ['a'], rank: Int32Array.of(3), percentile: Float64Array.of(55.5) },
      { studentIds: ['a'], rank: Int32Array.of(1), percentile: Float64Array.of(60), school: Int32Array.of(0), schoolCodes: ['S'] },
    );
    expect([c.rankChange[0], c.percentileChange[0]]).toEqual([2, 4.5]);
    expect(() => cohortChange({ studentIds: ['a', 'a'], rank: Int32Array.of(1, 2) }, { studentIds: [], rank: new Int32Array(0), school: new Int32Array(0), schoolCodes: [] })).toThrow(
      /duplicate 学籍号 a/,
    );
  });
});
