// Uncertainty band from a backtest's absolute percentage errors: nearest-rank quantile at the same step, √-scaled
// beyond the held-out steps; worked by hand.
import { describe, expect, it } from 'vitest';
import { bandWidth, nearestRankQuantile, uncertaintyBand } from './band.js';
import { backtest, type Backtest, type BacktestStep } from './backtest.js';
import type { EnrolmentRecord } from './forecast-v1.js';

const step = (k: number, errors: number[]): BacktestStep => ({ step: k, mape: null, naiveMape: null, n: errors.length, absPctErrors: errors, naiveAbsPctErrors: [] });
const bt = (steps: BacktestStep[]): Backtest => ({ holdout: steps.length, baseYear: 2022, steps, bySchool: [], mape: null, naiveMape: null });

describe('uncertainty band', () => {
  it('nearest rank: the ⌈coverage × n⌉-th smallest', () => {
    expect(nearestRankQuantile([0.5, 0.1, 0.4, 0.2, 0.3], 0.8)).toBe(0.4); // ⌈4⌉ = 4th
    expect(nearestRankQuantile([0.1, 0.2, 0.3], 0.8)).toBe(0.3); // ⌈2.4⌉ = 3rd
    expect(nearestRankQuantile([0.1, 0.2, 0.3], 0.5)).toBe(0.2); // ⌈1.5⌉ = 2nd
    expect(nearestRankQuantile([0.1, 0.2, 0.3], 1)).toBe(0.3);
    expect(nearestRankQuantile([], 0.8)).toBeNull();
    // 0.7 × 10 = 7.000000000000001 in floating point: still the 7th, not the 8th
    expect(nearestRankQuantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.7)).toBe(7);
  });

  it('at a held-out step: value × (1 ∓ q)', () => {
    const b = bt([step(1, [0.1, 0.2, 0.3, 0.4, 0.5]), step(2, [0.1, 0.2, 0.3])]);
    expect(uncertaintyBand(100, 1, b)).toEqual({ low: 60, high: 140 }); // q = 0.4
    const s2 = uncertaintyBand(100, 2, b)!; // q = 0.3
    expect(s2.low).toBeCloseTo(70, 12);
    expect(s2.high).toBeCloseTo(130, 12);
    const half = uncertaintyBand(100, 1, b, 0.5)!; // ⌈2.5⌉ = 3rd = 0.3
    expect(half.low).toBeCloseTo(70, 12);
  });

  it('beyond the held-out steps: the last step’s q × √(step / lastStep), the low end floored at 0', () => {
    const b = bt([step(1, [0.1]), step(2, [0.1, 0.2, 0.3])]);
    expect(bandWidth(8, b)).toBeCloseTo(0.3 * 2, 12); // √(8/2) = 2
    const far = uncertaintyBand(50, 8, b)!;
    expect(far.low).toBeCloseTo(20, 12); // 50 × (1 − 0.6)
    expect(far.high).toBeCloseTo(80, 12);
    expect(uncertaintyBand(50, 50, b)).toEqual({ low: 0, high: expect.closeTo(50 * (1 + 0.3 * 5), 12) as number }); // √25 = 5, q = 1.5
  });

  it('a held-out step that compared no school borrows the latest earlier step, √-scaled', () => {
    const b = bt([step(1, [0.1]), step(2, []), step(3, [0.2])]);
    expect(bandWidth(2, b)).toBeCloseTo(0.1 * Math.SQRT2, 12);
    expect(bandWidth(3, b)).toBe(0.2);
    expect(bandWidth(1, bt([step(1, []), step(2, [0.2])]))).toBeCloseTo(0.2 * Math.sqrt(1 / 2), 12); // none earlier: the first with errors
  });

  it('no backtest, or one without any error → no band; bad step or coverage throws', () => {
    expect(uncertaintyBand(100, 1, null)).toBeNull();
    expect(uncertaintyBand(100, 1, bt([step(1, [])]))).toBeNull();
    expect(() => uncertaintyBand(100, 0, bt([step(1, [0.1])]))).toThrow(/step/);
    expect(() => uncertaintyBand(100, 1, bt([step(1, [0.1])]), 0)).toThrow(/coverage/);
  });

  it('from a real backtest: one school off by 10 % at step 1 (q = 0.1 with coverage 1)', () => {
    // S: 2021 g1 = 10; 2022 g1 = 10; 2023 g1 = 11. Base 2022, window 2: entry mean 10 → 2023 forecast 10 vs 11 → 1/11.
    const records: EnrolmentRecord[] = [2021, 2022, 2023].map((year) => ({ schoolCode: 'S', year, grade: 1, students: year === 2023 ? 11 : 10 }));
    const b = backtest(records, { window: 2, holdout: 1 });
    const band = uncertaintyBand(200, 1, b, 1)!;
    expect(band.low).toBeCloseTo(200 * (1 - 1 / 11), 12);
    expect(band.high).toBeCloseTo(200 * (1 + 1 / 11), 12);
  });
});
