// The report's arithmetic on pupils made up here (levels and totals given, counted by hand), the target compared in
// integers (exactly at 95 % meets it; local overrides), small cells, the additive tallies (hand-worked, and a property:
// tallies of any split of the pupils, stored as JSON and summed, give the cells a direct count gives), per-item
// figures, the schools below the target, and the time formats of the import.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cellsFromTallies,
  cellTallies,
  fitnessCells,
  fitnessTallies,
  itemFigures,
  itemLevelsOf,
  schoolsBelowTarget,
  suppressFitnessCells,
  suppressItemFigures,
  type FitnessCell,
  type ItemLevels,
  type ScoredPupil,
} from './report.js';
import { meetsTarget, loadFitnessTargets, loadLocalTargets, shortOfTarget, targetFor, type LocalTargets } from './targets.js';
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
  it('is data: a default of 95 % (taken from Yancheng) and the demo county’s own 95 % (Yancheng’s) in the local file', () => {
    const targets = loadFitnessTargets();
    const local = loadLocalTargets();
    expect(targets.default.passRate.percent).toBe(95);
    expect(targetFor(targets, local, '999901')).toMatchObject({ id: 'fitness-targets-local', percent: 95, local: true });
    expect(targetFor(targets, local, '990001')).toMatchObject({ id: 'fitness-targets', version: 2, percent: 95, local: false });
  });

  it('takes a district’s own target from the local file, and meets it exactly at the value', () => {
    const local: LocalTargets = { id: 'local', version: 3, districts: { '123456': { passRate: { percent: 90, source: '某县', sourceEn: 'a county' } } } };
    const t = targetFor(loadFitnessTargets(), local, '123456');
    expect(t).toEqual({ id: 'local', version: 3, percent: 90, source: '某县', sourceEn: 'a county', local: true });
    // 9 of 10 = 90 % meets 90 (900 ≥ 900); 8 of 10 does not.
    expect([meetsTarget(9, 10, t.percent), meetsTarget(8, 10, t.percent)]).toEqual([true, false]);
    // Another district: the default.
    expect(targetFor(loadFitnessTargets(), local, '654321').local).toBe(false);
  });

  it('counts the pupils short of the target in integers: ⌈target × scored / 100⌉ − passed', () => {
    // 95 % of 20 = 19 → 17 passed is 2 short; 19 passed is exactly at it: 0.
    expect([shortOfTarget(17, 20, 95), shortOfTarget(19, 20, 95), shortOfTarget(20, 20, 95)]).toEqual([2, 0, 0]);
    // 95 % of 21 = 19.95 → 20 needed: 19 passed is 1 short (and 19 / 21 = 90.5 % < 95 %).
    expect(shortOfTarget(19, 21, 95)).toBe(1);
    // 95 % of 3 = 2.85 → 3 needed.
    expect(shortOfTarget(2, 3, 95)).toBe(1);
    expect(shortOfTarget(0, 0, 95)).toBe(0);
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
    // The health staff read every school's pupils: nothing withheld. The analyst has no pupil-level rights: S2, S3 withheld.
    const health = suppressFitnessCells({ role: 'health', schoolCode: null, assignedSchools: [] }, cells, 10);
    expect(health.every((c) => !c.suppressed)).toBe(true);
    const analyst = suppressFitnessCells({ role: 'analyst', schoolCode: null, assignedSchools: [] }, cells, 10);
    expect([school(analyst, 'S1').suppressed, school(analyst, 'S2').suppressed, school(analyst, 'S3').suppressed]).toEqual([false, true, true]);
  });

  it('withholds a second sibling when only one would be withheld (complementary suppression)', () => {
    // A clerk of S3 sees S3 at pupil level: S2 (4) alone is small and closed → the next-smallest closed sibling with
    // pupils, S1 (12), is withheld too, or S2 = district − S1 − S3 could be recovered.
    const clerk = suppressFitnessCells({ role: 'clerk', schoolCode: 'S3', assignedSchools: [] }, cells, 10);
    expect([school(clerk, 'S1').suppressed, school(clerk, 'S2').suppressed, school(clerk, 'S3').suppressed]).toEqual([true, true, false]);
  });
});

// The hand set: items lung_capacity (L) and run_50m (R) with their points; totals and levels given.
const LV: ItemLevels = { excellent: 90, good: 80, pass: 60 };
const it2 = (l: [number | null, number | null], r: [number | null, number | null]) => [
  { item: 'lung_capacity', value: l[0], points: l[1] },
  { item: 'run_50m', value: r[0], points: r[1] },
];
const PACK = { id: 'national-2014', version: 1 };
const HAND: ScoredPupil[] = [
  { schoolCode: 'S1', grade: 3, sex: 'M', total: 102, level: '优秀', openReason: null, items: it2([2300, 100], [9.1, 100]), pack: PACK }, // p1
  { schoolCode: 'S1', grade: 3, sex: 'M', total: 83, level: '良好', openReason: null, items: it2([1700, 80], [9.5, 80]), pack: PACK }, // p2
  { schoolCode: 'S1', grade: 3, sex: 'M', total: 66, level: '及格', openReason: null, items: it2([900, 60], [11.5, 60]), pack: PACK }, // p3
  { schoolCode: 'S1', grade: 3, sex: 'F', total: 57.5, level: '不及格', openReason: null, items: it2([780, 50], [12.2, 50]), pack: PACK }, // p4
  { schoolCode: 'S1', grade: 3, sex: 'F', total: null, level: null, openReason: 'missing-result', items: it2([1800, 100], [null, null]), pack: PACK }, // p5
  { schoolCode: 'S2', grade: 7, sex: 'M', total: null, level: null, openReason: 'table-not-found', items: it2([3000, null], [8, null]), pack: PACK }, // p6
  { schoolCode: 'S2', grade: 3, sex: 'M', total: 120, level: '优秀', openReason: null, items: it2([2400, 95], [9.3, 78]), pack: PACK }, // p7
  { schoolCode: 'S2', grade: 3, sex: 'M', total: 89.99, level: '良好', openReason: null, items: it2([2200, 90], [9.5, 80]), pack: PACK }, // p8
];

describe('item levels', () => {
  it('come from the pack: the lowest points of 优秀 (100/95/90), 良好 (85/80), 及格 (78…60) — standards.md §7', () => {
    const pack = JSON.parse(fs.readFileSync(new URL('../standards/fitness-2014.json', import.meta.url), 'utf8')) as { levels: { item_level_labels: Record<string, number[]> } };
    expect(itemLevelsOf(pack.levels.item_level_labels)).toEqual({ excellent: 90, good: 80, pass: 60 });
  });
});

describe('additive tallies', () => {
  const tallies = fitnessTallies(HAND, LV);
  const of = (school: string, grade: number, sex: string) => tallies.find((t) => t.schoolCode === school && t.grade === grade && t.sex === sex)!.tally;
  const bins = (filled: Record<number, number>) => Array.from({ length: 12 }, (_, i) => filled[i] ?? 0);

  it('count, sum and bin per school, grade and sex (worked by hand)', () => {
    expect(tallies).toHaveLength(4);
    // S1 grade 3 boys: p1 102 优秀, p2 83 良好, p3 66 及格 → 10200 + 8300 + 6600 = 25100 hundredths; bins 10, 8, 6.
    // Items: lung 100 + 80 + 60 = 240, every one ≥ 60; one each 优秀 (100), 良好 (80), 及格 (60); run the same.
    expect(of('S1', 3, 'M')).toEqual({
      packs: [PACK],
      tested: 3,
      scored: 3,
      tableNotFound: 0,
      missingResult: 0,
      levels: { excellent: 1, good: 1, fair: 1, fail: 0 },
      hundredths: 25100,
      histogram: bins({ 6: 1, 8: 1, 10: 1 }),
      items: {
        lung_capacity: { tested: 3, scored: 3, points: 240, passed: 3, levels: { excellent: 1, good: 1, fair: 1 } },
        run_50m: { tested: 3, scored: 3, points: 240, passed: 3, levels: { excellent: 1, good: 1, fair: 1 } },
      },
    });
    // S1 grade 3 girls: p4 57.5 不及格 (bin 5), p5 open (missing). Lung: 50 + 100 = 150, one ≥ 60 (优秀). Run: p5 has no
    // result (not tested): 1 tested, 50 points, none ≥ 60.
    expect(of('S1', 3, 'F')).toMatchObject({
      tested: 2,
      scored: 1,
      missingResult: 1,
      levels: { excellent: 0, good: 0, fair: 0, fail: 1 },
      hundredths: 5750,
      histogram: bins({ 5: 1 }),
      items: {
        lung_capacity: { tested: 2, scored: 2, points: 150, passed: 1, levels: { excellent: 1, good: 0, fair: 0 } },
        run_50m: { tested: 1, scored: 1, points: 50, passed: 0, levels: { excellent: 0, good: 0, fair: 0 } },
      },
    });
    // S2 grade 7: tested, no table → not scored, on the total and on the items.
    expect(of('S2', 7, 'M')).toMatchObject({ tested: 1, scored: 0, tableNotFound: 1, hundredths: 0, items: { lung_capacity: { tested: 1, scored: 0, points: 0 } } });
    // S2 grade 3 boys: p7 120 (the last bin, 11), p8 89.99 (8999 → bin 8: 良好). Lung 95 + 90 = 185, both 优秀 (90 is
    // exactly at 优秀); run 78 (及格: below 80) + 80 (良好: exactly at it) = 158.
    expect(of('S2', 3, 'M')).toMatchObject({
      levels: { excellent: 1, good: 1, fair: 0, fail: 0 },
      hundredths: 20999,
      histogram: bins({ 8: 1, 11: 1 }),
      items: {
        lung_capacity: { tested: 2, scored: 2, points: 185, passed: 2, levels: { excellent: 2, good: 0, fair: 0 } },
        run_50m: { tested: 2, scored: 2, points: 158, passed: 2, levels: { excellent: 0, good: 1, fair: 1 } },
      },
    });
  });

  it('sum into the cells: district, grade and sex', () => {
    const cells = cellsFromTallies(tallies, 95);
    const cell = (school: string | null, grade: number | null, sex: 'M' | 'F' | null) => cells.find((c) => c.school === school && c.grade === grade && c.sex === sex)!;
    // District: 8 tested, 6 with a total (p5, p6 open), passed p1 p2 p3 p7 p8 = 5 → 5/6 < 95 % (500 < 570);
    // mean (25100 + 5750 + 20999) / 6 / 100 = 51849 / 600 = 86.415.
    expect(cell(null, null, null)).toMatchObject({ tested: 8, scored: 6, tableNotFound: 1, missingResult: 1, passed: 5, passRate: 5 / 6, goodRate: 4 / 6, excellentRate: 2 / 6, meetsTarget: false });
    expect(cell(null, null, null).meanTotal).toBeCloseTo(86.415, 10);
    expect(cell(null, null, null).histogram).toEqual(bins({ 5: 1, 6: 1, 8: 2, 10: 1, 11: 1 }));
    // Grade 3 boys of the district: 5 of 5 pass (meets 95 %: 500 ≥ 475); 优良 4/5; 优秀 2/5; mean 46099 / 500 = 92.198.
    expect(cell(null, 3, 'M')).toMatchObject({ tested: 5, passRate: 1, goodRate: 0.8, excellentRate: 0.4, meetsTarget: true });
    expect(cell(null, 3, 'M').meanTotal).toBeCloseTo(92.198, 10);
  });

  it('give per-item figures by grade and sex', () => {
    const figs = itemFigures(cellTallies(tallies), ['bmi', 'lung_capacity', 'run_50m']);
    const fig = (school: string | null, grade: number, sex: 'M' | 'F' | null, item: string) => figs.find((f) => f.school === school && f.grade === grade && f.sex === sex && f.item === item)!;
    // District grade 3 boys, lung: 240 + 185 = 425 over 5 → 85; all ≥ 60; ≥ 80: 100, 80, 95, 90 = 4; ≥ 90: 100, 95, 90 = 3.
    expect(fig(null, 3, 'M', 'lung_capacity')).toEqual({
      school: null,
      grade: 3,
      sex: 'M',
      item: 'lung_capacity',
      tested: 5,
      scored: 5,
      passRate: 1,
      goodRate: 0.8,
      excellentRate: 0.6,
      meanPoints: 85,
      suppressed: false,
    });
    // Run: 240 + 158 = 398 / 5 = 79.6; ≥ 80: 100, 80, 80 = 3; ≥ 90: 100 = 1.
    expect(fig(null, 3, 'M', 'run_50m')).toMatchObject({ scored: 5, passRate: 1, goodRate: 0.6, excellentRate: 0.2, meanPoints: 79.6 });
    // Grade 3 of S1 (both sexes), run: p1–p4 scored (p5 no result): 100 + 80 + 60 + 50 = 290 / 4 = 72.5, 3 of 4 ≥ 60.
    expect(fig('S1', 3, null, 'run_50m')).toMatchObject({ tested: 4, scored: 4, passRate: 0.75, meanPoints: 72.5 });
    // Grade 7: tested, nothing scored → no rates.
    expect(fig('S2', 7, 'M', 'lung_capacity')).toMatchObject({ tested: 1, scored: 0, passRate: null, meanPoints: null });
    // Items in the order given.
    expect(figs.filter((f) => f.school === null && f.grade === 3 && f.sex === null).map((f) => f.item)).toEqual(['lung_capacity', 'run_50m']);
  });

  it('withhold item figures where the cell is withheld or few pupils took the item', () => {
    const figs = itemFigures(cellTallies(tallies), ['lung_capacity', 'run_50m']);
    const viewer = suppressItemFigures({ role: 'viewer', schoolCode: null, assignedSchools: [] }, figs, 10, () => false);
    // Every figure has fewer than 10 pupils scored: withheld; those with none scored have no figure to withhold.
    expect(viewer.every((f) => f.meanPoints === null && f.passRate === null)).toBe(true);
    expect(viewer.filter((f) => f.scored > 0).every((f) => f.suppressed)).toBe(true);
    const health = suppressItemFigures({ role: 'health', schoolCode: null, assignedSchools: [] }, figs, 10, (f) => f.grade === 7);
    expect(health.filter((f) => f.suppressed).map((f) => f.grade)).toEqual([7, 7, 7, 7, 7, 7, 7, 7]); // district and S2; grade and grade × sex; two items
  });

  // The property: tallies of any split of the pupils — e.g. schools purged in different runs, or a year tallied in
  // parts — stored as JSON and summed give exactly the cells a direct count of the pupils gives (written here
  // independently of report.ts, the way the report counted before tallies).
  it('of any split of the pupils, stored as JSON, give the cells of a direct count', () => {
    const direct = (pupils: readonly ScoredPupil[]): Omit<FitnessCell, 'histogram' | 'suppressed'>[] => {
      const keys = new Map<string, { school: string | null; grade: number | null; sex: 'M' | 'F' | null }>();
      for (const p of pupils)
        for (const school of [null, p.schoolCode])
          for (const [grade, sex] of [
            [null, null],
            [p.grade, null],
            [p.grade, p.sex],
          ] as const)
            keys.set(`${school}|${grade}|${sex}`, { school, grade, sex });
      return [...keys.values()]
        .map((k) => {
          const in_ = pupils.filter((p) => (k.school === null || p.schoolCode === k.school) && (k.grade === null || p.grade === k.grade) && (k.sex === null || p.sex === k.sex));
          const sc = in_.filter((p) => p.total !== null);
          const passed = sc.filter((p) => p.level !== '不及格').length;
          const good = sc.filter((p) => p.level === '优秀' || p.level === '良好').length;
          const exc = sc.filter((p) => p.level === '优秀').length;
          const h = sc.reduce((a, p) => a + Math.round(p.total! * 100), 0);
          return {
            ...k,
            tested: in_.length,
            scored: sc.length,
            tableNotFound: in_.filter((p) => p.total === null && p.openReason === 'table-not-found').length,
            missingResult: in_.filter((p) => p.total === null && p.openReason !== 'table-not-found').length,
            passed,
            passRate: sc.length ? passed / sc.length : null,
            goodRate: sc.length ? good / sc.length : null,
            excellentRate: sc.length ? exc / sc.length : null,
            meanTotal: sc.length ? h / sc.length / 100 : null,
            meetsTarget: sc.length ? passed * 100 >= 95 * sc.length : null,
          };
        })
        .sort(
          (x, y) => (x.school ?? '').localeCompare(y.school ?? '') || (x.grade ?? 0) - (y.grade ?? 0) || (x.sex === null ? 0 : x.sex === 'M' ? 1 : 2) - (y.sex === null ? 0 : y.sex === 'M' ? 1 : 2),
        );
    };
    const strip = (cs: FitnessCell[]) => cs.map(({ histogram: _h, suppressed: _s, ...c }) => c);
    // Every split of the 8 pupils into two parts (2^8 = 256), each part tallied and round-tripped through JSON.
    for (let mask = 0; mask < 1 << HAND.length; mask++) {
      const parts = [HAND.filter((_, i) => mask & (1 << i)), HAND.filter((_, i) => !(mask & (1 << i)))];
      const stored = parts.flatMap((part) => JSON.parse(JSON.stringify(fitnessTallies(part, LV))) as ReturnType<typeof fitnessTallies>);
      expect(strip(cellsFromTallies(stored, 95))).toEqual(direct(HAND));
    }
    expect(strip(fitnessCells(HAND, 95))).toEqual(direct(HAND));
  });
});

describe('schools below the target', () => {
  const many = (school: string, passed: number, failed: number): ScoredPupil[] => [
    ...Array.from({ length: passed }, () => pupil(school, 70, '及格')),
    ...Array.from({ length: failed }, () => pupil(school, 50, '不及格')),
  ];
  // SA 17 of 20 (85 %), SB 8 of 10 (80 %), SC 19 of 20 (95 %: meets), SD 2 of 3 (66.7 %).
  const cells = fitnessCells([...many('SA', 17, 3), ...many('SB', 8, 2), ...many('SC', 19, 1), ...many('SD', 2, 1)], 95);

  it('lists those below, furthest first, with the gap in points and the pupils short', () => {
    const health = suppressFitnessCells({ role: 'health', schoolCode: null, assignedSchools: [] }, cells, 10);
    const list = schoolsBelowTarget(health, 95);
    // SD: 95 − 66.67 = 28.33 points, ⌈2.85⌉ − 2 = 1; SB: 95 − 80 = 15, ⌈9.5⌉ − 8 = 2; SA: 95 − 85 = 10, 19 − 17 = 2.
    expect(list.map((b) => [b.school, b.short, b.scored])).toEqual([
      ['SD', 1, 3],
      ['SB', 2, 10],
      ['SA', 2, 20],
    ]);
    expect(list[0].gapPoints).toBeCloseTo(95 - 200 / 3, 10);
    expect(list[1].gapPoints).toBeCloseTo(15, 10);
    expect(list[2].gapPoints).toBeCloseTo(10, 10);
  });

  it('leaves out withheld schools', () => {
    // A viewer: SD (3 pupils) withheld, and SB (10) as its complement; SA and SC open.
    const viewer = suppressFitnessCells({ role: 'viewer', schoolCode: null, assignedSchools: [] }, cells, 10);
    expect(schoolsBelowTarget(viewer, 95).map((b) => b.school)).toEqual(['SA']);
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
