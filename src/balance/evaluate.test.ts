import { describe, expect, it } from 'vitest';
import { loadStandard } from './standards.js';
import { evaluateDistrict, evaluateSchool, gapOf, requiredNumerator, type BalanceSchoolInput } from './evaluate.js';
import { decimalFraction, ratioMeets } from './exact.js';

const pack = loadStandard('national-2017-quality');
const keys = pack.indicators.map((i) => i.key);

// A 小学 of 1000 students exactly at every 2017 threshold: 42 teachers above degree (4.2/100), 10 backbone,
// 9 PE/art, 4500 m² teaching, 7500 m² sports, 2,000,000 yuan, 23 multimedia rooms.
const atThreshold = (code: string, students = 1000): BalanceSchoolInput => ({
  code,
  level: '小学',
  students,
  numerators: {
    teachers_above_degree_per100: (4.2 * students) / 100,
    backbone_per100: students / 100,
    pe_art_per100: (0.9 * students) / 100,
    teaching_area_per_student: 4.5 * students,
    sports_area_per_student: 7.5 * students,
    equipment_per_student: 2000 * students,
    multimedia_per100: (2.3 * students) / 100,
  },
});

describe('exact comparisons', () => {
  it('a value exactly at the threshold meets it, a hair below does not', () => {
    // 4.2 per 100 with 1000 students = 42 teachers. In floats 42/1000*100 = 4.2 but 0.1+0.2-style drift must not matter.
    expect(ratioMeets(42, 1000, 100, '4.2')).toBe(true);
    expect(ratioMeets(41, 1000, 100, '4.2')).toBe(false);
    expect(ratioMeets(4499.99, 1000, 1, '4.5')).toBe(false);
    expect(ratioMeets(4500, 1000, 1, '4.5')).toBe(true);
    // 0.85 × 4.2 = 3.57 per 100 → 35.7 of 1000: 36 meets the remainder rule, 35 does not.
    expect(ratioMeets(36, 1000, 100, '4.2', '0.85')).toBe(true);
    expect(ratioMeets(35, 1000, 100, '4.2', '0.85')).toBe(false);
    // Large values go through BigInt: 3e9 yuan for 1.5e6 students = exactly 2000 per student.
    expect(ratioMeets(3e9, 1.5e6, 1, '2000')).toBe(true);
    expect(decimalFraction('0.50')).toEqual({ num: 50, den: 100 });
    expect(() => decimalFraction('-1')).toThrow();
  });
  it('required numerators round up whole teachers and hundredths of m²', () => {
    const t = pack.indicators[0];
    expect(requiredNumerator(t, '4.2', 1000)).toBe(42); // exact multiple, not 43
    expect(requiredNumerator(t, '4.2', 1001)).toBe(43); // 42.042 → 43 teachers
    expect(requiredNumerator(pack.indicators[3], '4.5', 333)).toBe(1498.5); // 4.5 × 333
    expect(requiredNumerator(pack.indicators[5], '2000', 7)).toBe(14000);
  });
});

describe('evaluateSchool', () => {
  it('exactly at every threshold: 7 of 7, pass, no gaps', () => {
    const r = evaluateSchool(pack, atThreshold('S'));
    expect(r.met).toBe(7);
    expect(r.pass).toBe(true);
    expect(Object.values(r.gaps)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.values.teachers_above_degree_per100).toBeCloseTo(4.2, 12);
  });
  it('6 of 7 with the remainder at ≥ 85% passes; below 85% or 5 of 7 fails; gaps in real units', () => {
    const s = atThreshold('S');
    s.numerators.sports_area_per_student = 6400; // 6.4 m² ≥ 0.85 × 7.5 = 6.375 → remainder ok; gap 7500 − 6400 = 1100 m²
    let r = evaluateSchool(pack, s);
    expect([r.met, r.pass, r.gaps.sports_area_per_student]).toEqual([6, true, 1100]);
    s.numerators.sports_area_per_student = 6370; // 6.37 < 6.375
    r = evaluateSchool(pack, s);
    expect([r.met, r.pass]).toEqual([6, false]);
    s.numerators.sports_area_per_student = 6400;
    s.numerators.backbone_per100 = 7; // 0.7 per 100 < 1: need 10 − 7 = 3 more backbone teachers
    r = evaluateSchool(pack, s);
    expect([r.met, r.pass, r.gaps.backbone_per100]).toEqual([5, false, 3]);
  });
  it('a teaching point under 50 students is excluded; missing data does not meet', () => {
    expect(evaluateSchool(pack, { ...atThreshold('T', 30), isTeachingPoint: true }).excluded).toBe(true);
    expect(evaluateSchool(pack, { ...atThreshold('T', 50), isTeachingPoint: true }).excluded).toBe(false);
    const m = atThreshold('M');
    m.numerators.equipment_per_student = null;
    const r = evaluateSchool(pack, m);
    expect([r.met, r.pass, r.values.equipment_per_student, r.gaps.equipment_per_student]).toEqual([6, false, null, null]);
  });
});

describe('evaluateDistrict', () => {
  it('CV per indicator is the student-weighted one; the books example shape gives CV 0.51526 > 0.50', () => {
    // Reuse the published five-school books data as the equipment numerators (any indicator works the same way).
    const data = [
      [45, 279],
      [37, 137],
      [89, 935],
      [76, 160],
      [55, 402],
    ];
    const schools = data.map(([p, b], i) => {
      const s = atThreshold(`B${i}`, p);
      s.numerators.equipment_per_student = b;
      return s;
    });
    const r = evaluateDistrict(pack, schools);
    const eq = r.levels['小学'].indicators.find((i) => i.key === 'equipment_per_student')!;
    expect(eq.cv!).toBeCloseTo(0.51526, 5);
    expect(eq.mean).toBeCloseTo(6.33444, 5);
    expect(eq.pass).toBe(false); // 0.515 > 0.50
    const others = r.levels['小学'].indicators.filter((i) => i.key !== 'equipment_per_student');
    expect(others.every((i) => i.cv! < 1e-12 && i.pass)).toBe(true); // identical ratios → CV 0
    expect(r.levels['小学'].pass).toBe(false);
    expect(r.levels['初中'].schools).toEqual([]);
    expect(r.levels['初中'].pass).toBe(false); // no schools: nothing to pass
    // District total gap in yuan: each school needs 2000·P − books. Σ 2000·P = 604,000; Σ books = 1913 → 602,087.
    expect(r.levels['小学'].totalGaps.equipment_per_student).toBe(602087);
  });
  it('keys match the CLI contract', () => {
    expect(keys).toEqual(['teachers_above_degree_per100', 'backbone_per100', 'pe_art_per100', 'teaching_area_per_student', 'sports_area_per_student', 'equipment_per_student', 'multimedia_per100']);
  });
});

describe('gapOf: gaps in whole teachers and rooms', () => {
  const teachers = { scale: 100 as const, count: true };
  it('a 一贯制 section with 2.54 apportioned teachers per 100 pupils against 4.2 needs 2 more, not 2.46 or 1.66', () => {
    // 100 pupils × 4.2 / 100 = 4.2 teachers; 2.54 + 1 = 3.54 < 4.2, 2.54 + 2 = 4.54 ≥ 4.2 → 2.
    expect(gapOf(teachers, '4.2', 2.54, 100)).toBe(2);
  });
  it('whole numerators: the whole teachers up to the standard', () => {
    // PE/art 0.9 per 100 pupils, 496 pupils → 4.464 → 5 teachers; with 0 → 5, with 4 → 1, with 5 → met (0 is not asked).
    expect(gapOf(teachers, '0.9', 0, 496)).toBe(5);
    expect(gapOf(teachers, '0.9', 4, 496)).toBe(1);
    // 0.5 apportioned teacher: 0.5 + 4 = 4.5 ≥ 4.464 → 4.
    expect(gapOf(teachers, '0.9', 0.5, 496)).toBe(4);
  });
  it('m² and yuan in hundredths', () => {
    // 4.5 m² × 333 = 1498.5 m²; 1391.3 present → 107.2 (not 107.20000000000005)
    expect(gapOf({ scale: 1, count: false }, '4.5', 1391.3, 333)).toBe(107.2);
  });
});
