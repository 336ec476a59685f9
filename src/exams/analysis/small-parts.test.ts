import { describe, expect, it } from 'vitest';
import { allPassRate, countFlags, totalsAndAllPass } from './all-pass.js';
import { subjectBalance } from './balance.js';
import { flagHighestRates } from './bottom-flags.js';
import { makeGrouping } from './grouping.js';
import { standardScores } from './standard-scores.js';

describe('总分 and 全科合格', () => {
  it('总分 only with every subject present; all-pass only if every subject ≥ its pass cut', () => {
    const { total, allPass } = totalsAndAllPass([Float64Array.of(72, 71.5, 100, NaN), Float64Array.of(60, 90, 59.5, 90)], [72, 60], 4);
    expect(Array.from(total)).toEqual([132, 161.5, 159.5, NaN]);
    expect(Array.from(allPass)).toEqual([1, 0, 0, 0]);
    const g = makeGrouping(Int32Array.of(0, 0, 1, 1), 2, Int32Array.of(0, 1, -1, -1), [0, 0]);
    expect(countFlags(allPass, g)).toEqual({ district: 1, schools: Int32Array.of(1, 0), classes: Int32Array.of(1, 0) });
    expect([allPassRate(1, 3), allPassRate(0, 0)]).toEqual([1 / 3, null]);
  });
});

describe('Z and T', () => {
  it('Z = (x − mean)/sd, T = 50 + 10Z; NaN stays NaN; no spread → Z 0, T 50', () => {
    const z = new Float64Array(3);
    const t = new Float64Array(3);
    standardScores(Float64Array.of(90, 70, NaN), 80, 10, z, t);
    expect([Array.from(z), Array.from(t)]).toEqual([
      [1, -1, NaN],
      [60, 40, NaN],
    ]);
    standardScores(Float64Array.of(80, NaN, 80), 80, 0, z, t);
    expect([Array.from(z), Array.from(t)]).toEqual([
      [0, NaN, 0],
      [50, NaN, 50],
    ]);
    standardScores(Float64Array.of(NaN, NaN, NaN), null, null, z, t);
    expect(Array.from(t)).toEqual([NaN, NaN, NaN]);
  });
});

describe('schools flagged by 后x%率', () => {
  it('rank = 1 + #strictly higher rates; flagged when rank ≤ share × schools with a rate', () => {
    // 10 schools, 30 %: ranks 1–3 flagged; the tie at 0.5 shares rank 2, so 0.4 is rank 4
    const rates = [0.1, 0.5, 0.2, 0.5, 0.6, 0.4, 0.3, 0.35, 0.25, 0.15];
    expect(flagHighestRates(rates, 0.3)).toEqual([false, true, false, true, true, false, false, false, false, false]);
    // a tie across the line: both flagged (rank 3 ≤ 3)
    expect(flagHighestRates([0.6, 0.5, 0.4, 0.4, 0.1, 0, 0, 0, 0, 0], 0.3)).toEqual([true, true, true, true, false, false, false, false, false, false]);
    // schools without a rate neither count nor get flagged: 0.3 × 3 = 0.9 → nobody
    expect(flagHighestRates([0.5, null, 0.2, 0.1], 0.3)).toEqual([false, false, false, false]);
    expect(flagHighestRates([0.5, null, 0.2, 0.1], 1 / 3)).toEqual([true, false, false, false]);
    expect(flagHighestRates([], 0.3)).toEqual([]);
    expect(() => flagHighestRates([0.1], 30)).toThrow(RangeError);
  });
});

describe('subject balance', () => {
  it('standardized gaps minus the school’s average gap (by hand)', () => {
    // district: 语文 mean 80 sd 10, 数学 mean 60 sd 20. School 0: 语文 90 (d = 1), 数学 60 (d = 0) → +0.5, −0.5.
    const b = subjectBalance(
      [
        [90, 75, null],
        [60, 70, 50],
      ],
      [
        { mean: 80, sd: 10 },
        { mean: 60, sd: 20 },
      ],
    );
    expect(b[0]).toEqual([0.5, -0.5]);
    expect(b[1]).toEqual([-0.5, 0.5]); // d = −0.5 and 0.5
    expect(b[2]).toEqual([null, 0]); // only 数学 known
    expect(subjectBalance([[70]], [{ mean: 70, sd: 0 }])).toEqual([[null]]);
  });
});
