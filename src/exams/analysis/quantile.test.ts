import { describe, expect, it } from 'vitest';
import { HalfPointHistogram, SortedScores } from './distribution.js';
import { median, percentile } from './quantile.js';

const sorted = (xs: number[]) => new SortedScores(Float64Array.from(xs).sort());
function histogram(xs: number[], full = 100) {
  const counts = new Int32Array(full * 2 + 1);
  for (const x of xs) counts[x * 2]++;
  return new HalfPointHistogram(counts, 0, counts.length, xs.length);
}

describe('percentile (type 7), values from numpy.percentile', () => {
  it('interpolates between order statistics', () => {
    expect(percentile(sorted([1, 2, 3, 4]), 30)).toBeCloseTo(1.9, 14);
    expect(percentile(sorted([4, 1, 3, 2]), 75)).toBe(3.25);
    expect(percentile(sorted([1, 2, 3, 4]), 0)).toBe(1);
    expect(percentile(sorted([1, 2, 3, 4]), 100)).toBe(4);
    expect(percentile(sorted([5]), 30)).toBe(5);
    expect(percentile(sorted([1.1, 2.3, 3.7, 9.9, 10.2]), 30)).toBeCloseTo(2.58, 14);
    expect(percentile(sorted([1.1, 2.3, 3.7, 9.9, 10.2]), 85)).toBeCloseTo(10.02, 14);
    expect(percentile(histogram([0.5, 1, 7.5, 100]), 30)).toBe(0.95);
  });
  it('hits an exact order statistic exactly (n = 11, 30 %: h = 3)', () => {
    expect(percentile(sorted([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 30)).toBe(3);
  });
  it('ties at the percentile', () => {
    expect(percentile(histogram([60, 70, 70, 70, 80, 90]), 30)).toBe(70);
  });
  it('no scores → null', () => {
    expect(percentile(sorted([]), 30)).toBeNull();
    expect(median(sorted([]))).toBeNull();
  });
});

describe('median', () => {
  it('odd n: the middle score; even n: the average of the two middle scores', () => {
    expect(median(sorted([3, 1, 2]))).toBe(2);
    expect(median(sorted([4, 1, 3, 2]))).toBe(2.5);
    expect(median(histogram([60, 59.5]))).toBe(59.75);
    expect(median(histogram([70, 70, 71, 90]))).toBe(70.5);
    expect(median(sorted([1.1, 2.3, 3.7, 9.9, 10.2]))).toBe(3.7);
  });
});
