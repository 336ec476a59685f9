// Seat forecast v1: every rule of the method worked by hand on small cases (the arithmetic beside each expected
// value), then the 30-school fixture against the independent pandas implementation (bench/peers/forecast_peer.py,
// output committed next to the input by test/fixtures/planning/make_forecast_fixture.py) to 1e-9.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/tabular.js';
import { FORECAST_METHOD, forecastV1, type EnrolmentRecord, type ForecastResult } from './forecast-v1.js';
import { readEnrolmentFile } from './read-files.js';

/** Records from rows [school, year, grade, students]. */
const recs = (rows: [string, number, number, number][]): EnrolmentRecord[] => rows.map(([schoolCode, year, grade, students]) => ({ schoolCode, year, grade, students }));
const cell = (r: ForecastResult, s: string, year: number, grade: number) => r.cells.find((c) => c.schoolCode === s && c.year === year && c.grade === grade)?.students;
const ratio = (r: ForecastResult, s: string, grade: number) => r.ratios.find((x) => x.schoolCode === s && x.grade === grade);

// School A, grades 1–2, 2021–2024:
//   year  g1  g2    r(A,2,t) = g2(t) / g1(t−1)
//   2021  50  48
//   2022  40  30    30/50 = 0.6
//   2023  40  40    40/40 = 1.0
//   2024  50  32    32/40 = 0.8
const A = recs([
  ['A', 2021, 1, 50],
  ['A', 2021, 2, 48],
  ['A', 2022, 1, 40],
  ['A', 2022, 2, 30],
  ['A', 2023, 1, 40],
  ['A', 2023, 2, 40],
  ['A', 2024, 1, 50],
  ['A', 2024, 2, 32],
]);

describe('forecast v1: the school’s own ratios and the window', () => {
  it('window 2 uses t = 2023, 2024 only: GPR = (1.0 + 0.8)/2 = 0.9, entry mean = (40 + 50)/2 = 45', () => {
    const r = forecastV1(A, { horizon: 2, window: 2 });
    expect(r.method).toBe(FORECAST_METHOD);
    expect(r.baseYear).toBe(2024);
    expect(ratio(r, 'A', 2)).toEqual({ schoolCode: 'A', grade: 2, ratio: expect.closeTo(0.9, 12) as number, source: 'school' });
    expect(r.entry).toEqual([{ schoolCode: 'A', grade: 1, mean: 45 }]);
    expect(cell(r, 'A', 2025, 1)).toBe(45);
    expect(cell(r, 'A', 2025, 2)).toBeCloseTo(50 * 0.9, 12); // actual E(A,1,2024) = 50 × 0.9 = 45
    expect(cell(r, 'A', 2026, 2)).toBeCloseTo(45 * 0.9, 12); // forecast E(A,1,2025) = 45 × 0.9 = 40.5
    expect(r.cells).toHaveLength(4); // 1 school × 2 years × 2 grades
  });

  it('window 3 takes t = 2022 in: GPR = (0.6 + 1.0 + 0.8)/3 = 0.8, entry mean = (40 + 40 + 50)/3', () => {
    const r = forecastV1(A, { horizon: 2, window: 3 });
    expect(ratio(r, 'A', 2)?.ratio).toBeCloseTo(0.8, 12);
    expect(cell(r, 'A', 2025, 1)).toBeCloseTo(130 / 3, 12);
    expect(cell(r, 'A', 2025, 2)).toBeCloseTo(50 * 0.8, 12); // 40
    expect(cell(r, 'A', 2026, 2)).toBeCloseTo((130 / 3) * 0.8, 12); // 34.666…
  });

  it('a window longer than the data uses what there is: window 10 = window 4 here (t = 2021 has no 2020 record)', () => {
    const r10 = forecastV1(A, { horizon: 1, window: 10 });
    // ratios 0.6, 1.0, 0.8 → 0.8; entry mean (50 + 40 + 40 + 50)/4 = 45
    expect(ratio(r10, 'A', 2)?.ratio).toBeCloseTo(0.8, 12);
    expect(cell(r10, 'A', 2025, 1)).toBe(45);
  });

  it('skips a zero-denominator year in the school mean: Y has r(2023) = 5/0 undefined, r(2024) = 18/20 → GPR 0.9', () => {
    const r = forecastV1(
      recs([
        ['Y', 2022, 1, 0],
        ['Y', 2023, 1, 20],
        ['Y', 2023, 2, 5],
        ['Y', 2024, 1, 22],
        ['Y', 2024, 2, 18],
      ]),
      { horizon: 1, window: 2 },
    );
    expect(ratio(r, 'Y', 2)).toMatchObject({ ratio: 0.9, source: 'school' });
    expect(cell(r, 'Y', 2025, 2)).toBeCloseTo(22 * 0.9, 12); // 19.8
    expect(cell(r, 'Y', 2025, 1)).toBe(21); // (20 + 22)/2
  });
});

describe('forecast v1: fallbacks', () => {
  // Window 1 (t = 2024). Grade 2 pairs (E(s,2,2024), E(s,1,2023)): P (12, 0), Q (36, 40), R (57, 60).
  // P's own ratio 12/0 is undefined → district ratio = (12 + 36 + 57)/(0 + 40 + 60) = 105/100 = 1.05
  // (P has both records, so it is in the sums although its denominator is 0).
  const district = recs([
    ['P', 2023, 1, 0],
    ['P', 2023, 2, 10],
    ['P', 2024, 1, 30],
    ['P', 2024, 2, 12],
    ['Q', 2023, 1, 40],
    ['Q', 2023, 2, 38],
    ['Q', 2024, 1, 42],
    ['Q', 2024, 2, 36],
    ['R', 2023, 1, 60],
    ['R', 2024, 1, 55],
    ['R', 2024, 2, 57],
  ]);

  it('falls back to the district ratio summed over schools with both records', () => {
    const r = forecastV1(district, { horizon: 1, window: 1 });
    expect(ratio(r, 'P', 2)).toMatchObject({ ratio: 1.05, source: 'district' });
    expect(ratio(r, 'Q', 2)).toMatchObject({ ratio: 0.9, source: 'school' }); // 36/40
    expect(ratio(r, 'R', 2)).toMatchObject({ ratio: 0.95, source: 'school' }); // 57/60
    expect(cell(r, 'P', 2025, 1)).toBe(30); // window mean of 2024 only
    expect(cell(r, 'P', 2025, 2)).toBeCloseTo(30 * 1.05, 12); // 31.5
  });

  it('the district ratio is the mean over years of the yearly sums, with closed schools’ records in it', () => {
    // Window 2 (t = 2023, 2024). W is new (2024 only): no ratio of its own.
    // t = 2023: Z (50 / 100) and V (30 / 30) → 80/130;  t = 2024: V (44 / 40) → 1.1.  district = (80/130 + 1.1)/2
    const r = forecastV1(
      recs([
        ['Z', 2022, 1, 100],
        ['Z', 2023, 2, 50],
        ['V', 2022, 1, 30],
        ['V', 2023, 1, 40],
        ['V', 2023, 2, 30],
        ['V', 2024, 1, 44],
        ['V', 2024, 2, 44],
        ['W', 2024, 1, 20],
        ['W', 2024, 2, 18],
      ]),
      { horizon: 1, window: 2 },
    );
    const d = (80 / 130 + 1.1) / 2; // 0.857692307…
    expect(ratio(r, 'W', 2)).toMatchObject({ source: 'district' });
    expect(ratio(r, 'W', 2)?.ratio).toBeCloseTo(d, 12);
    expect(cell(r, 'W', 2025, 2)).toBeCloseTo(20 * d, 12);
    expect(ratio(r, 'V', 2)?.ratio).toBeCloseTo((1.0 + 1.1) / 2, 12); // 30/30, 44/40
    // Z has no record in 2024: closed, not forecast.
    expect(r.closedSchools).toEqual(['Z']);
    expect(r.schools).toEqual(['V', 'W']);
    expect(r.cells.some((c) => c.schoolCode === 'Z')).toBe(false);
  });

  it('falls back to 1 when no school gives the grade a ratio (a zero denominator, or one year of data)', () => {
    // S: 2023 g1 = 0 → the only pair has denominator 0: the year is skipped, the district ratio undefined → 1.
    const r = forecastV1(
      recs([
        ['S', 2023, 1, 0],
        ['S', 2024, 1, 30],
        ['S', 2024, 2, 28],
      ]),
      { horizon: 2, window: 3 },
    );
    expect(ratio(r, 'S', 2)).toEqual({ schoolCode: 'S', grade: 2, ratio: 1, source: 'default' });
    expect(cell(r, 'S', 2025, 2)).toBe(30); // 30 × 1
    expect(cell(r, 'S', 2025, 1)).toBe(15); // (0 + 30)/2
    expect(cell(r, 'S', 2026, 2)).toBe(15); // 15 × 1
    const one = forecastV1(
      recs([
        ['S', 2024, 1, 30],
        ['S', 2024, 2, 28],
      ]),
      { horizon: 1, window: 3 },
    );
    expect(ratio(one, 'S', 2)?.source).toBe('default');
    expect(cell(one, 'S', 2025, 2)).toBe(30);
  });
});

describe('forecast v1: gaps', () => {
  it('a grade missing in T counts as 0 for the next year’s next grade', () => {
    // M grades 1–3; 2024 has no grade 2. Window 1: r(M,2,2024) has no numerator → district (none) → 1;
    // r(M,3,2024) = 30/30 = 1. 2025: g2 = E(M,1,2024) × 1 = 30; g3 = E(M,2,2024) = 0 (unreported) × 1 = 0.
    // 2026: g3 = forecast E(M,2,2025) = 30.
    const r = forecastV1(
      recs([
        ['M', 2023, 1, 30],
        ['M', 2023, 2, 30],
        ['M', 2023, 3, 30],
        ['M', 2024, 1, 30],
        ['M', 2024, 3, 30],
      ]),
      { horizon: 2, window: 1 },
    );
    expect(ratio(r, 'M', 2)).toMatchObject({ ratio: 1, source: 'default' });
    expect(ratio(r, 'M', 3)).toMatchObject({ ratio: 1, source: 'school' });
    expect([cell(r, 'M', 2025, 1), cell(r, 'M', 2025, 2), cell(r, 'M', 2025, 3)]).toEqual([30, 30, 0]);
    expect(cell(r, 'M', 2026, 3)).toBe(30);
  });

  it('the entry grade is the lowest ever reported; no entry record in the window → entry 0', () => {
    // N reported grade 1 only in 2022. Window 2 (2023, 2024): entry grade 1, mean of none = 0.
    // r(N,2,2023) = 9/10 = 0.9 (2022's grade 1 is the denominator: t − 1 may be before the window).
    const r = forecastV1(
      recs([
        ['N', 2022, 1, 10],
        ['N', 2023, 2, 9],
        ['N', 2024, 2, 8],
      ]),
      { horizon: 2, window: 2 },
    );
    expect(r.entry).toEqual([{ schoolCode: 'N', grade: 1, mean: 0 }]);
    expect(ratio(r, 'N', 2)).toMatchObject({ ratio: 0.9, source: 'school' });
    expect([cell(r, 'N', 2025, 1), cell(r, 'N', 2025, 2), cell(r, 'N', 2026, 2)]).toEqual([0, 0, 0]); // E(N,1,2024) unreported
  });

  it('a junior school enters at grade 7; a school that never reports a grade gets no cells for it', () => {
    // J: grades 7–9. G: grades 1 and 3 only (grade 3's predecessor, grade 2, never exists → district none → 1, 0 × 1).
    const r = forecastV1(
      recs([
        ['J', 2023, 7, 300],
        ['J', 2023, 8, 290],
        ['J', 2024, 7, 310],
        ['J', 2024, 8, 297],
        ['J', 2024, 9, 280],
        ['G', 2023, 1, 20],
        ['G', 2023, 3, 15],
        ['G', 2024, 1, 22],
        ['G', 2024, 3, 16],
      ]),
      { horizon: 1, window: 1 },
    );
    expect(r.entry).toEqual([
      { schoolCode: 'G', grade: 1, mean: 22 },
      { schoolCode: 'J', grade: 7, mean: 310 },
    ]);
    expect(ratio(r, 'J', 8)?.ratio).toBeCloseTo(297 / 300, 12);
    expect(ratio(r, 'J', 9)?.ratio).toBeCloseTo(280 / 290, 12);
    expect(cell(r, 'J', 2025, 8)).toBeCloseTo(310 * (297 / 300), 12);
    expect(cell(r, 'J', 2025, 9)).toBeCloseTo(297 * (280 / 290), 12);
    expect(r.cells.filter((c) => c.schoolCode === 'G').map((c) => [c.grade, c.students])).toEqual([
      [1, 22],
      [3, 0],
    ]);
    expect(ratio(r, 'G', 3)).toMatchObject({ ratio: 1, source: 'default' });
  });
});

describe('forecast v1: entry inputs, order and errors', () => {
  it('an entry input replaces the mean where it returns a number; an addition is added to the entry grade', () => {
    const r = forecastV1(A, {
      horizon: 3,
      window: 2,
      entry: (s, t) => (t === 2025 ? 60 : null),
      entryAddition: (s, t) => (t >= 2026 ? 5 : 0),
    });
    expect([cell(r, 'A', 2025, 1), cell(r, 'A', 2026, 1), cell(r, 'A', 2027, 1)]).toEqual([60, 50, 50]); // 60; 45 + 5; 45 + 5
    expect(cell(r, 'A', 2026, 2)).toBeCloseTo(60 * 0.9, 12); // the input's cohort moves on
    expect(cell(r, 'A', 2027, 2)).toBeCloseTo(50 * 0.9, 12);
    expect(r.entry[0].mean).toBe(45); // the window mean is still reported
  });

  it('does not depend on the order of the records; cells are sorted by school code (code points), year, grade', () => {
    const rows = recs([
      ['B2', 2024, 2, 10],
      ['b1', 2024, 1, 10],
      ['B2', 2024, 1, 12],
      ['10', 2024, 1, 5],
    ]);
    const r = forecastV1(rows, { horizon: 2, window: 1 });
    const again = forecastV1([...rows].reverse(), { horizon: 2, window: 1 });
    expect(again).toEqual(r);
    expect(r.cells.map((c) => `${c.schoolCode}/${c.year}/${c.grade}`)).toEqual(['10/2025/1', '10/2026/1', 'B2/2025/1', 'B2/2025/2', 'B2/2026/1', 'B2/2026/2', 'b1/2025/1', 'b1/2026/1']);
  });

  it('throws a clear error on empty input, bad parameters and bad records', () => {
    expect(() => forecastV1([], { horizon: 1, window: 1 })).toThrow(/no enrolment records/);
    expect(() => forecastV1(A, { horizon: 0, window: 1 })).toThrow(/horizon must be an integer from 1 to 30/);
    expect(() => forecastV1(A, { horizon: 1.5, window: 1 })).toThrow(/horizon/);
    expect(() => forecastV1(A, { horizon: 1, window: 31 })).toThrow(/window must be an integer/);
    expect(() => forecastV1(A, { horizon: 1, window: Number.NaN })).toThrow(/window/);
    expect(() => forecastV1(recs([['A', 2024, 1, -1]]), { horizon: 1, window: 1 })).toThrow(/record 1: .*students must be a number ≥ 0/);
    expect(() => forecastV1(recs([['A', 2024, 0, 1]]), { horizon: 1, window: 1 })).toThrow(/grade must be an integer/);
    expect(() => forecastV1(recs([['', 2024, 1, 1]]), { horizon: 1, window: 1 })).toThrow(/empty school code/);
    expect(() =>
      forecastV1(
        recs([
          ['A', 2024, 1, 1],
          ['A', 2024, 1, 2],
        ]),
        { horizon: 1, window: 1 },
      ),
    ).toThrow(/record 2: .*duplicate record for school A, year 2024, grade 1/);
    expect(() => forecastV1(A, { horizon: 1, window: 1, entry: () => -3 })).toThrow(/invalid entry input for school A, year 2025/);
  });

  it('zero students everywhere forecasts zeros (ratios fall back to 1, means are 0)', () => {
    const r = forecastV1(
      recs([
        ['O', 2023, 1, 0],
        ['O', 2024, 1, 0],
        ['O', 2024, 2, 0],
      ]),
      { horizon: 2, window: 2 },
    );
    expect(r.cells.map((c) => c.students)).toEqual([0, 0, 0, 0]);
    expect(ratio(r, 'O', 2)?.source).toBe('default');
  });
});

describe('forecast v1 against pandas (bench/peers/forecast_peer.py) on 30 schools × 2020–2024', () => {
  const DIR = path.resolve('test/fixtures/planning');
  for (const [h, k] of [
    [4, 3],
    [2, 7],
  ]) {
    it(`horizon ${h}, window ${k}: the same cells to 1e-9`, async () => {
      const records = await readEnrolmentFile('enrolments-30.csv', fs.readFileSync(path.join(DIR, 'enrolments-30.csv')));
      expect(records).toHaveLength(820);
      const ours = forecastV1(records, { horizon: h, window: k });
      const [head, ...rows] = parseCsv(fs.readFileSync(path.join(DIR, `forecast-30-h${h}-k${k}.csv`), 'utf8'));
      expect(head).toEqual(['school_code', 'year', 'grade', 'students']);
      expect(ours.cells.map((c) => `${c.schoolCode},${c.year},${c.grade}`)).toEqual(rows.map((r) => `${r[0]},${r[1]},${r[2]}`));
      const worst = Math.max(...ours.cells.map((c, i) => Math.abs(c.students - Number(rows[i][3]))));
      expect(worst).toBeLessThan(1e-9);
      // the fixture's special schools behave as designed (make_forecast_fixture.py)
      expect(ours.closedSchools).toEqual(['3600002601']);
      expect(ratio(ours, '3600002701', 2)?.source).toBe('district');
      // school 30 reported grade 1 in 2020 only: entry mean 0 with window 3, that one record with window 7
      const g1of30 = records.filter((r) => r.schoolCode === '3600003001' && r.grade === 1);
      expect(g1of30.map((r) => r.year)).toEqual([2020]);
      expect(ours.entry.find((e) => e.schoolCode === '3600003001')?.mean).toBe(k === 3 ? 0 : g1of30[0].students);
    });
  }
});
