// The report's arithmetic on pupils made up here (levels and totals given, counted by hand), the target compared in
// integers (exactly at 95 % meets it), small cells, and the time formats of the import.
import { describe, expect, it } from 'vitest';
import { fitnessCells, suppressFitnessCells, type ScoredPupil } from './report.js';
import { meetsTarget, loadFitnessTargets } from './targets.js';
import { normHeader, parseSeconds } from './import-file.js';

const pupil = (schoolCode: string, total: number | null, level: ScoredPupil['level'], extra: Partial<ScoredPupil> = {}): ScoredPupil => ({
  schoolCode,
  grade: 3,
  sex: 'M',
  total,
  level,
  openReason: total === null ? 'table-not-found' : null,
  ...extra,
});

describe('达标率 against the target', () => {
  it('is data: Yancheng’s 95 % in fitness-targets.json', () => {
    expect(loadFitnessTargets().passRate.percent).toBe(95);
  });

  it('meets the target exactly at 95 %: 19 of 20 (1900 ≥ 1900), not 18 of 20 (1800 < 1900); nobody scored: null', () => {
    expect(meetsTarget(19, 20, 95)).toBe(true);
    expect(meetsTarget(18, 20, 95)).toBe(false);
    // 0.95 × 100 is 95.00000000000001 in binary floating point — the integer comparison does not care.
    expect(meetsTarget(95, 100, 95)).toBe(true);
    expect(meetsTarget(0, 0, 95)).toBeNull();
  });

  it('counts a cell of 20 pupils with 19 passing as meeting it, and leaves the not-scorable out of the rates', () => {
    const pupils = [
      ...Array.from({ length: 19 }, () => pupil('S1', 60, '及格')),
      pupil('S1', 59.5, '不及格'),
      pupil('S1', null, null), // grade 7: no table
      pupil('S1', null, null, { openReason: 'missing-result' }),
    ];
    const [district] = fitnessCells(pupils, 95);
    // 22 tested, 20 with a total, 19 pass → 0.95; mean (19 × 60 + 59.5) / 20 = 1199.5 / 20 = 59.975.
    expect(district).toMatchObject({ school: null, grade: null, sex: null, tested: 22, scored: 20, tableNotFound: 1, missingResult: 1, passRate: 0.95, goodRate: 0, meetsTarget: true });
    expect(district.meanTotal).toBeCloseTo(59.975, 12);
  });
});

describe('small cells', () => {
  // S1: 12 pupils, S2: 4, S3: 7 — all grade 3 boys.
  const pupils = [
    ...Array.from({ length: 12 }, () => pupil('S1', 80, '良好')),
    ...Array.from({ length: 4 }, () => pupil('S2', 50, '不及格')),
    ...Array.from({ length: 7 }, () => pupil('S3', 90, '优秀')),
  ];
  const cells = fitnessCells(pupils, 95);
  const school = (cs: typeof cells, s: string) => cs.find((c) => c.school === s && c.grade === null)!;

  it('withholds cells under 10 from a viewer but keeps counts; the bureau sees everything', () => {
    const viewer = suppressFitnessCells({ role: 'viewer', schoolCode: null, assignedSchools: [] }, cells, 10);
    expect(school(viewer, 'S1').suppressed).toBe(false);
    expect(school(viewer, 'S2')).toMatchObject({ tested: 4, passRate: null, meanTotal: null, suppressed: true });
    expect(school(viewer, 'S3').suppressed).toBe(true);
    const bureau = suppressFitnessCells({ role: 'analyst', schoolCode: null, assignedSchools: [] }, cells, 10);
    expect(bureau.every((c) => !c.suppressed)).toBe(true);
  });

  it('withholds a second sibling when only one would be withheld (complementary suppression)', () => {
    // A clerk of S3 sees S3 at pupil level: S2 (4) alone is small and closed → the next-smallest closed sibling with
    // pupils, S1 (12), is withheld too, or S2 = district − S1 − S3 could be recovered.
    const clerk = suppressFitnessCells({ role: 'clerk', schoolCode: 'S3', assignedSchools: [] }, cells, 10);
    expect([school(clerk, 'S1').suppressed, school(clerk, 'S2').suppressed, school(clerk, 'S3').suppressed]).toEqual([true, true, false]);
  });
});

describe('import formats', () => {
  it('reads times as seconds or minutes and seconds', () => {
    expect(parseSeconds('215')).toBe(215);
    expect(parseSeconds('9.8')).toBe(9.8);
    expect(parseSeconds(`3'35"`)).toBe(215);
    expect(parseSeconds('3′35″')).toBe(215);
    expect(parseSeconds('3分35秒')).toBe(215);
    expect(parseSeconds('3分5秒')).toBe(185);
    expect(parseSeconds('1\'36"')).toBe(96);
    expect(parseSeconds('35秒')).toBe(35);
    expect(parseSeconds(`3'60"`)).toBeNull();
    expect(parseSeconds('abc')).toBeNull();
    expect(parseSeconds('')).toBeNull();
  });

  it('matches headers without their unit and with x for ×', () => {
    expect(normHeader('身高（cm）')).toBe('身高');
    expect(normHeader('50米x8往返跑')).toBe(normHeader('50米×8往返跑'));
    expect(normHeader(' 肺活量 (ml) ')).toBe('肺活量');
  });
});
