import { describe, expect, it } from 'vitest';
import { SortedScores } from './distribution.js';
import { bottomRates } from './bottom-rate.js';

const d = (xs: number[]) => new SortedScores(Float64Array.from(xs).sort());

describe('后x%率', () => {
  it('threshold by type 7; a school’s share at or below it', () => {
    // district 60, 88, 131.5, 157, 190, 205.5: h = 5 × 0.3 = 1.5 → 88 + 0.5 × 43.5 = 109.75 (numpy.percentile)
    const a = d([88, 157, 190]);
    const b = d([60, 131.5, 205.5]);
    expect(bottomRates(d([60, 88, 131.5, 157, 190, 205.5]), [a, b, d([])], 30)).toEqual({ percentile: 30, threshold: 109.75, rates: [1 / 3, 1 / 3, null] });
  });
  it('ties at the threshold are all counted (≤)', () => {
    // 60, 70, 70, 70, 80, 90: h = 1.5 between two 70s → 70; the three 70s are at or below it
    const a = d([60, 70, 70]);
    const b = d([70, 80, 90]);
    expect(bottomRates(d([60, 70, 70, 70, 80, 90]), [a, b], 30)).toEqual({ percentile: 30, threshold: 70, rates: [1, 1 / 3] });
  });
  it('nobody with a 总分: no threshold, no rates', () => {
    expect(bottomRates(d([]), [d([])], 30)).toEqual({ percentile: 30, threshold: null, rates: [null] });
  });
});
