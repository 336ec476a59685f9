// Backtest of forecast v1, worked by hand: school totals forecast from the years before the held-out ones against
// the actual totals, MAPE as a fraction, the naive "same as the base year" beside it.
import { describe, expect, it } from 'vitest';
import { backtest, yearsNeeded } from './backtest.js';
import { entryFromBirths } from './entry-inputs.js';
import type { EnrolmentRecord } from './forecast-v1.js';

const recs = (rows: [string, number, number, number][]): EnrolmentRecord[] => rows.map(([schoolCode, year, grade, students]) => ({ schoolCode, year, grade, students }));

//        A: g1  g2  total     B: g1  g2  total
// 2021      40  40   80          20  20   40
// 2022      50  40   90          20  20   40
// 2023      50  45   95          20  20   40
// 2024      60  50  110          20  20   40
const AB = recs([
  ['A', 2021, 1, 40],
  ['A', 2021, 2, 40],
  ['A', 2022, 1, 50],
  ['A', 2022, 2, 40],
  ['A', 2023, 1, 50],
  ['A', 2023, 2, 45],
  ['A', 2024, 1, 60],
  ['A', 2024, 2, 50],
  ['B', 2021, 1, 20],
  ['B', 2021, 2, 20],
  ['B', 2022, 1, 20],
  ['B', 2022, 2, 20],
  ['B', 2023, 1, 20],
  ['B', 2023, 2, 20],
  ['B', 2024, 1, 20],
  ['B', 2024, 2, 20],
]);

describe('backtest', () => {
  it('holdout 1, window 2: base 2023, A forecast 97.5 against 110, B exact', () => {
    // A from 2021–2023: r(2022) = 40/40 = 1, r(2023) = 45/50 = 0.9 → GPR 0.95; entry mean (50 + 50)/2 = 50.
    // 2024: 50 + 50 × 0.95 = 97.5; APE = 12.5/110. Naive: 95 → 15/110. B: 40 vs 40 → 0 both.
    const bt = backtest(AB, { window: 2, holdout: 1 });
    expect(bt.baseYear).toBe(2023);
    expect(bt.steps).toHaveLength(1);
    expect(bt.steps[0].n).toBe(2);
    expect(bt.steps[0].absPctErrors[0]).toBe(0);
    expect(bt.steps[0].absPctErrors[1]).toBeCloseTo(12.5 / 110, 12);
    expect(bt.steps[0].mape).toBeCloseTo(12.5 / 110 / 2, 12); // 0.0568…
    expect(bt.steps[0].naiveMape).toBeCloseTo(15 / 110 / 2, 12); // 0.0681…
    expect(bt.mape).toBeCloseTo(12.5 / 220, 12);
    expect(bt.bySchool).toEqual([
      { schoolCode: 'A', mape: expect.closeTo(12.5 / 110, 12) as number, naiveMape: expect.closeTo(15 / 110, 12) as number },
      { schoolCode: 'B', mape: 0, naiveMape: 0 },
    ]);
  });

  it('holdout 2: steps 1 and 2, per school and overall', () => {
    // Base 2022 (2021–2022 seen). A: r(2022) = 1 → GPR 1; entry mean (40 + 50)/2 = 45.
    // 2023: 45 + 50 × 1 = 95 = actual → 0; naive 90 → 5/95.  2024: 45 + 45 = 90 vs 110 → 20/110; naive 20/110.
    const bt = backtest(AB, { window: 2, holdout: 2 });
    expect(bt.baseYear).toBe(2022);
    expect(bt.steps.map((s) => s.mape)).toEqual([0, expect.closeTo(10 / 110, 12)]);
    expect(bt.steps[0].naiveMape).toBeCloseTo(5 / 95 / 2, 12);
    expect(bt.steps[1].naiveMape).toBeCloseTo(10 / 110, 12);
    expect(bt.bySchool[0].mape).toBeCloseTo(10 / 110, 12); // (0 + 20/110)/2
    expect(bt.bySchool[0].naiveMape).toBeCloseTo((5 / 95 + 20 / 110) / 2, 12);
    expect(bt.mape).toBeCloseTo(20 / 110 / 4, 12); // four school-years
    expect(bt.naiveMape).toBeCloseTo((5 / 95 + 20 / 110) / 4, 12);
  });

  it('leaves out schools with no forecast or no positive actual', () => {
    const extra = recs([
      ['C', 2024, 1, 30], // new after the base year: no forecast
      ['D', 2022, 1, 10],
      ['D', 2023, 1, 10], // no 2024 record: no actual
      ['E', 2022, 1, 10],
      ['E', 2023, 1, 10],
      ['E', 2024, 1, 0], // actual total 0: no percentage error
    ]);
    const bt = backtest([...AB, ...extra], { window: 2, holdout: 1 });
    expect(bt.steps[0].n).toBe(2);
    expect(bt.mape).toBeCloseTo(12.5 / 220, 12);
    expect(bt.bySchool.map((s) => [s.schoolCode, s.mape])).toEqual([
      ['A', expect.closeTo(12.5 / 110, 12)],
      ['B', 0],
      ['D', null],
      ['E', null],
    ]);
  });

  it('an entry input built from the backtest’s own years (entryFor) does not see the held-out years', () => {
    // Births of A's area: 2015 → 100, 2016 → 100, 2017 → 100, 2018 → 120. Built at base 2023 with window 2:
    // ratio = mean(50/100 [2022 − 6 = 2016], 50/100 [2017]) = 0.5; 2024 entry = births(2018) × 0.5 = 60 (the actual).
    const births = [2015, 2016, 2017, 2018].map((year) => ({ key: 'A', year, births: year === 2018 ? 120 : 100 }));
    let seenUpTo = 0;
    const bt = backtest(AB, {
      window: 2,
      holdout: 1,
      entryFor: (train, base) => {
        seenUpTo = Math.max(...train.map((r) => r.year));
        return entryFromBirths(train, births, (s) => (s === 'A' ? 'A' : null), base, 2);
      },
    });
    expect(seenUpTo).toBe(2023);
    // A 2024: 60 + 47.5 = 107.5 vs 110 → 2.5/110
    expect(bt.bySchool[0].mape).toBeCloseTo(2.5 / 110, 12);
  });

  it('says how many years it needs', () => {
    expect(yearsNeeded(3)).toBe(5);
    expect(() => backtest(AB, { window: 2, holdout: 3 })).toThrow(/needs at least 5 years of data .*found 1 up to 2021/);
    expect(() => backtest(AB, { window: 2, holdout: 0 })).toThrow(/holdout must be an integer/);
    expect(() => backtest([], { window: 2, holdout: 1 })).toThrow(/no enrolment records/);
  });
});
