import { describe, expect, it } from 'vitest';
import { bandCounts, bandEdges } from './bands.js';
import { SortedScores } from './distribution.js';

const d = (xs: number[]) => new SortedScores(Float64Array.from(xs).sort());

describe('分数段', () => {
  it('edges of width w up to full marks; a last, narrower band when w does not divide full', () => {
    expect(bandEdges(100, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(bandEdges(120, 50)).toEqual([0, 50, 100, 120]);
    expect(bandEdges(1, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]); // not 0.30000000000000004
    expect(bandEdges(920, 92)).toHaveLength(11);
    expect(() => bandEdges(100, 0)).toThrow(RangeError);
    expect(() => bandEdges(0, 10)).toThrow(RangeError);
  });
  it('[lo, hi) with the top band closed; scores on an edge go up; outside [0, full] in no band', () => {
    // numpy.histogram([0, 9.5, 10, 59.5, 60, 99.5, 100], [0, 10, 60, 100]) → [2, 2, 3]
    expect(bandCounts(d([0, 9.5, 10, 59.5, 60, 99.5, 100]), [0, 10, 60, 100])).toEqual([2, 2, 3]);
    expect(bandCounts(d([-1, 0, 100, 101]), [0, 50, 100])).toEqual([1, 1]);
    expect(bandCounts(d([]), [0, 50, 100])).toEqual([0, 0]);
  });
});
