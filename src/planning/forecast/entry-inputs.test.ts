// Entry inputs worked by hand: births six years earlier (twelve for a grade-7 entry) × the school's entry ratio, and
// new housing added to the entry intake from its move-in year; then through forecast v1.
import { describe, expect, it } from 'vitest';
import { birthLag, entryFromBirths, entryRatios, housingAddition, type BirthsRecord } from './entry-inputs.js';
import { forecastV1, type EnrolmentRecord } from './forecast-v1.js';

const recs = (rows: [string, number, number, number][]): EnrolmentRecord[] => rows.map(([schoolCode, year, grade, students]) => ({ schoolCode, year, grade, students }));
const births = (rows: [string, number, number][]): BirthsRecord[] => rows.map(([key, year, n]) => ({ key, year, births: n }));

// A (grades 1–2, area T1): grade 1 = 60 (2022), 66 (2023), 50 (2024). J (grades 7–8, area T2): grade 7 = 200 (2024).
const records = recs([
  ['A', 2021, 1, 70],
  ['A', 2022, 1, 60],
  ['A', 2023, 1, 66],
  ['A', 2024, 1, 50],
  ['A', 2024, 2, 64],
  ['A', 2023, 2, 58],
  ['J', 2024, 7, 200],
  ['J', 2024, 8, 190],
  ['K', 2024, 1, 30],
  ['L', 2024, 1, 30],
]);
// T1: 2015 → 200, 2016 → 120, 2017 → 110, 2018 → 0, 2019 → 100.  T2: 2012 → 400, 2013 → 380.  T3 (L's): 2019 → 90 only.
const B = births([
  ['T1', 2015, 200],
  ['T1', 2016, 120],
  ['T1', 2017, 110],
  ['T1', 2018, 0],
  ['T1', 2019, 100],
  ['T2', 2012, 400],
  ['T2', 2013, 380],
  ['T3', 2019, 90],
]);
const areaOf = (s: string) => ({ A: 'T1', J: 'T2', L: 'T3' })[s] ?? null;

describe('entry from births', () => {
  it('entry ratio = mean over the window of E(entry, t) / births(t − lag), births > 0 only', () => {
    expect([birthLag(1), birthLag(7)]).toEqual([6, 12]);
    // window 3 = 2022–2024: A 60/120 = 0.5 (2016), 66/110 = 0.6 (2017), 2024: births 2018 = 0 → skipped → 0.55.
    // (2021's 70/200 is outside the window.)  J: 200/400 = 0.5 (2012).  K: no area.  L: births of 2018 missing.
    const ratios = entryRatios(records, B, areaOf, 2024, 3);
    expect(ratios.get('A')).toBeCloseTo(0.55, 12);
    expect(ratios.get('J')).toBe(0.5);
    expect(ratios.has('K')).toBe(false);
    expect(ratios.has('L')).toBe(false);
    expect(entryRatios(records, B, areaOf, 2024, 4).get('A')).toBeCloseTo((0.35 + 0.5 + 0.6) / 3, 12); // 70/200 joins
  });

  it('E = births × ratio where both exist, null elsewhere', () => {
    const entry = entryFromBirths(records, B, areaOf, 2024, 3);
    expect(entry('A', 2025)).toBeCloseTo(100 * 0.55, 12); // births 2019 = 100 → 55
    expect(entry('A', 2026)).toBeNull(); // no births for 2020
    expect(entry('J', 2025)).toBe(190); // births 2013 = 380 × 0.5
    expect(entry('K', 2025)).toBeNull();
    expect(entry('L', 2025)).toBeNull(); // births 2019 exist but no ratio
    expect(entry('nobody', 2025)).toBeNull();
  });

  it('through forecast v1: births where they exist, the window mean after', () => {
    const r = forecastV1(records, { horizon: 2, window: 3, entry: entryFromBirths(records, B, areaOf, 2024, 3) });
    const at = (s: string, y: number, g: number) => r.cells.find((c) => c.schoolCode === s && c.year === y && c.grade === g)?.students;
    expect(at('A', 2025, 1)).toBeCloseTo(55, 12);
    expect(at('A', 2026, 1)).toBeCloseTo((60 + 66 + 50) / 3, 12); // the window mean
    // A's grade-2 GPR: r(2023) = 58/60, r(2024) = 64/66 → mean; 2026 grade 2 = 55 × GPR
    expect(at('A', 2026, 2)).toBeCloseTo(55 * ((58 / 60 + 64 / 66) / 2), 12);
    expect(at('L', 2025, 1)).toBe(30);
  });

  it('refuses repeated or negative births', () => {
    expect(() =>
      entryFromBirths(
        records,
        births([
          ['T1', 2016, 1],
          ['T1', 2016, 2],
        ]),
        areaOf,
        2024,
        3,
      ),
    ).toThrow(/duplicate births for T1, year 2016/);
    expect(() => entryFromBirths(records, births([['T1', 2016, -1]]), areaOf, 2024, 3)).toThrow(/births must be ≥ 0/);
  });
});

describe('housing addition', () => {
  const add = housingAddition([
    { schoolCode: 'A', name: '滨江花园', units: 100, childrenPerUnit: 0.05, moveInYear: 2026 },
    { schoolCode: 'A', name: '东城一期', units: 40, childrenPerUnit: 0.1, moveInYear: 2027 },
    { schoolCode: 'B', name: '北苑', units: 10, childrenPerUnit: 0.2, moveInYear: 2025 },
  ]);

  it('units × children per unit, every year from the move-in year', () => {
    expect(add('A', 2025)).toBe(0);
    expect(add('A', 2026)).toBeCloseTo(5, 12); // 100 × 0.05
    expect(add('A', 2027)).toBeCloseTo(9, 12); // 5 + 40 × 0.1
    expect(add('A', 2035)).toBeCloseTo(9, 12);
    expect(add('B', 2025)).toBeCloseTo(2, 12);
    expect(add('C', 2030)).toBe(0);
  });

  it('through forecast v1: added to the entry grade, and the cohort carries it up', () => {
    const r = forecastV1(records, { horizon: 3, window: 3, entryAddition: add });
    const at = (y: number, g: number) => r.cells.find((c) => c.schoolCode === 'A' && c.year === y && c.grade === g)?.students;
    const mean = (60 + 66 + 50) / 3;
    const gpr = (58 / 60 + 64 / 66) / 2;
    expect(at(2025, 1)).toBeCloseTo(mean, 12);
    expect(at(2026, 1)).toBeCloseTo(mean + 5, 12);
    expect(at(2027, 1)).toBeCloseTo(mean + 9, 12);
    expect(at(2027, 2)).toBeCloseTo((mean + 5) * gpr, 12);
  });

  it('refuses negative units', () => {
    expect(() => housingAddition([{ schoolCode: 'A', name: 'x', units: -1, childrenPerUnit: 0.1, moveInYear: 2025 }])).toThrow(/housing project 1/);
  });
});
