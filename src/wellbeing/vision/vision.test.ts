// The vision computations on numbers worked out by hand (arithmetic in the comments): acuity conversion
// (L = 5 + lg V), SE = S + C/2, the screening-myopia rule at its edges, tallies, cells, the 2030 level targets and
// the yearly change against −0.5 points compared in integers, small cells, and the import's cell checks.
import { describe, expect, it } from 'vitest';
import { acuityTenths, tenthsOfDecimal } from './acuity.js';
import { milliDioptres, seOf } from './refraction.js';
import { classifyPupil } from './classify.js';
import { loadVisionRule, thresholdsOf } from './rule.js';
import { tallyResults, type ResultRow, type VisionTally } from './tally.js';
import { suppressVisionCells, visionCells } from './cells.js';
import { furthestAbove, levelCells } from './level-cells.js';
import { meetsLevelTarget, levelOfGrade } from './level-target.js';
import { tenthsOfPp, yearlyChange } from './change.js';
import { visionReport } from './report.js';
import { parseDate, readVisionFile } from './import-file.js';
import type { TallyRow } from '../retention/kinds.js';

const rule = loadVisionRule();
const th = thresholdsOf(rule);
const ranges = rule.acuity;

describe('the rule as data', () => {
  it('holds WS/T 663—2020’s thresholds and the 2018 plan’s targets, each with a source', () => {
    expect([rule.id, rule.version]).toEqual(['screening-myopia', 1]);
    expect(th).toEqual({ ucvaBelowTenths: 50, seMilli: -500, seInclusive: true });
    expect(rule.definition.seInclusive.status).toBe('UNCONFIRMED');
    expect(rule.targets.yearlyChange.pp).toBe(-0.5);
    expect(rule.targets.levels.map((l) => [l.level, l.percent, l.inclusive])).toEqual([
      ['小学', 38, true],
      ['初中', 60, true],
    ]);
    expect(rule.targets.unconfirmed.map((l) => [l.level, l.percent, l.status])).toEqual([['小学', 32, 'UNCONFIRMED']]);
    for (const v of Object.values(rule.definition)) expect(v.source.length).toBeGreaterThan(10);
    expect([levelOfGrade(rule, 1), levelOfGrade(rule, 6), levelOfGrade(rule, 7), levelOfGrade(rule, 9)]).toEqual(['小学', '小学', '初中', '初中']);
  });
});

describe('acuity: 5-point record or decimal → 5-point record in tenths', () => {
  it('converts decimal acuity to the chart row read (GB 11533: the highest row whose decimal ≤ V)', () => {
    // The chart's rows: 0.1 0.12 0.15 0.2 0.25 0.3 0.4 0.5 0.6 0.8 1.0 1.2 1.5 2.0 ↔ 4.0 4.1 … 5.3. On a row: its own
    // record. Between rows: the lower row — 0.9 and 0.95 lie between 0.8 and 1.0 → 4.9 (not 5.0: they read the 0.8
    // row, not the 1.0 row); 0.7 between 0.6 and 0.8 → 4.8; 0.99 → 4.9; 1.1 between 1.0 and 1.2 → 5.0; 1.9 → 5.2;
    // 0.11 → 4.0; 0.45 between 0.4 and 0.5 → 4.6; 0.35 → 4.5.
    const cases: [string, number][] = [
      ['1.0', 50],
      ['0.8', 49],
      ['0.5', 47],
      ['0.1', 40],
      ['1.2', 51],
      ['1.5', 52],
      ['2.0', 53],
      ['0.25', 44],
      ['0.12', 41],
      ['0.15', 42],
      ['0.6', 48],
      ['0.9', 49],
      ['0.95', 49],
      ['0.99', 49],
      ['0.7', 48],
      ['1.1', 50],
      ['1.9', 52],
      ['0.11', 40],
      ['0.45', 46],
      ['0.35', 45],
      ['1', 50],
      ['2', 53],
    ];
    for (const [text, want] of cases) expect([text, acuityTenths(text, ranges)]).toEqual([text, want]);
    expect(tenthsOfDecimal(0.3)).toBe(45);
  });

  it('counts a decimal 0.9 as reduced acuity and, with myopic SE, as myopia (it no longer rounds up to 5.0)', () => {
    const v = acuityTenths('0.9', ranges) as number;
    expect(classifyPupil(th, { ucvaTenths: v, seMilli: -750 }, { ucvaTenths: 50, seMilli: 0 })).toEqual({ myopia: true, basis: 'acuity+se', reduced: true });
  });

  it('takes the 5-point record as it is: 3.0–5.3 in tenths', () => {
    expect(['5.0', '4.9', '3.0', '5.3', '5', '4', '4.90'].map((x) => acuityTenths(x, ranges))).toEqual([50, 49, 30, 53, 50, 40, null]);
  });

  it('refuses anything else; an empty cell is no screening', () => {
    // 5.4 above the record, 2.5 between the ranges, 0.05 below the decimal range, 4.85 two decimals on the 5-point
    // record, 0.125 three decimals, text, a negative number.
    for (const x of ['5.4', '2.5', '0.05', '4.85', '0.125', 'abc', '-1', '2.1']) expect([x, acuityTenths(x, ranges)]).toEqual([x, null]);
    expect(acuityTenths('  ', ranges)).toBe('empty');
  });
});

describe('spherical equivalent', () => {
  it('reads dioptres in thousandths and computes SE = S + C/2', () => {
    expect(['-0.50', '+1.25', '−0.75', '0', '-6.125', '-30', '31', '-0.5D', ''].map((x) => milliDioptres(x, 30))).toEqual([-500, 1250, -750, 0, -6125, -30000, null, null, 'empty']);
    // S −0.25, C −0.50: −250 + (−500)/2 = −500 (−0.50 D); S +0.25, C −1.50: 250 − 750 = −500; S −1.00, C −0.75: −1000 − 375 = −1375.
    expect([seOf(-250, -500), seOf(250, -1500), seOf(-1000, -750)]).toEqual([-500, -500, -1375]);
  });
});

describe('screening myopia (筛查性近视) of one pupil', () => {
  const eye = (ucvaTenths: number | null, seMilli: number | null) => ({ ucvaTenths, seMilli });

  it('counts an eye with UCVA < 5.0 and SE ≤ −0.50 D; exactly −0.50 D counts (≤), and not with the < setting', () => {
    expect(classifyPupil(th, eye(49, -500), eye(50, 0))).toEqual({ myopia: true, basis: 'acuity+se', reduced: true });
    expect(classifyPupil({ ...th, seInclusive: false }, eye(49, -500), eye(50, 0))).toEqual({ myopia: false, basis: 'acuity+se', reduced: true });
    // One step (0.001 D) on the other side: −0.499 D is not myopia.
    expect(classifyPupil(th, eye(49, -499), eye(50, 0)).myopia).toBe(false);
  });

  it('needs both: reduced acuity without myopic SE is 视力不良 only; myopic SE at 5.0 is neither', () => {
    expect(classifyPupil(th, eye(48, -250), eye(51, 500))).toEqual({ myopia: false, basis: 'acuity+se', reduced: true });
    expect(classifyPupil(th, eye(50, -1000), eye(50, -1000))).toEqual({ myopia: false, basis: 'acuity+se', reduced: false });
  });

  it('counts a pupil when either eye meets it', () => {
    expect(classifyPupil(th, eye(51, 0), eye(47, -1500)).myopia).toBe(true);
  });

  it('judges an eye without SE on acuity alone and marks the result acuity-only', () => {
    expect(classifyPupil(th, eye(48, null), eye(51, null))).toEqual({ myopia: true, basis: 'acuity-only', reduced: true });
    expect(classifyPupil(th, eye(50, null), eye(52, null))).toEqual({ myopia: false, basis: 'acuity-only', reduced: false });
    // Right without SE (meets on acuity), left measured and not myopic: a myope, acuity-only.
    expect(classifyPupil(th, eye(48, null), eye(50, -750))).toEqual({ myopia: true, basis: 'acuity-only', reduced: true });
  });

  it('labels a myope confirmed by an eye with SE acuity+se, even when the other eye has no SE', () => {
    // Right 4.8 with SE −0.75 D meets the rule with its SE; left 4.7 without SE meets it on acuity alone: the SE
    // confirms the pupil → acuity+se (it was labelled acuity-only before).
    expect(classifyPupil(th, eye(48, -750), eye(47, null))).toEqual({ myopia: true, basis: 'acuity+se', reduced: true });
    // Right 4.8 with SE −0.25 D does not meet it; left 4.7 without SE does, on acuity alone → acuity-only.
    expect(classifyPupil(th, eye(48, -250), eye(47, null))).toEqual({ myopia: true, basis: 'acuity-only', reduced: true });
    // No myope: right 5.0 with SE, left 5.1 without SE → acuity-only (an eye was not measured).
    expect(classifyPupil(th, eye(50, 0), eye(51, null))).toEqual({ myopia: false, basis: 'acuity-only', reduced: false });
  });

  it('judges the eyes measured; no acuity at all leaves the result open', () => {
    expect(classifyPupil(th, eye(null, null), eye(49, -600))).toEqual({ myopia: true, basis: 'acuity+se', reduced: true });
    expect(classifyPupil(th, eye(null, -600), eye(null, null))).toEqual({ myopia: null, basis: null, reduced: null });
  });
});

const result = (schoolCode: string, grade: number, sex: 'M' | 'F', myopia: boolean | null, basis: ResultRow['basis'] = 'acuity+se', extra: Partial<ResultRow> = {}): ResultRow => ({
  schoolCode,
  grade,
  sex,
  myopia,
  basis: myopia === null ? null : basis,
  reduced: myopia === null ? null : myopia,
  wearsGlasses: null,
  ruleId: 'screening-myopia',
  ruleVersion: 1,
  ...extra,
});
const many = (n: number, r: () => ResultRow) => Array.from({ length: n }, r);

describe('tallies and cells', () => {
  it('tallies per school, grade and sex with counts only', () => {
    const t = tallyResults([
      result('S1', 3, 'M', true),
      result('S1', 3, 'M', true, 'acuity-only', { wearsGlasses: true }),
      result('S1', 3, 'M', false, 'acuity-only'),
      result('S1', 3, 'M', false, 'acuity+se', { reduced: true }),
      result('S1', 3, 'M', null),
      result('S1', 3, 'F', false),
    ]);
    expect(t.map((x) => [x.schoolCode, x.grade, x.sex])).toEqual([
      ['S1', 3, 'F'],
      ['S1', 3, 'M'],
    ]);
    // Boys: 5 screened, 4 with acuity, 2 myopes (1 on acuity only), 2 acuity-only results, reduced 2 myopes + 1 = 3.
    expect(t[1].tally).toEqual({ screened: 5, withAcuity: 4, myopes: 2, acuityOnly: 2, myopesAcuityOnly: 1, reduced: 3, glasses: 1, rules: { 'screening-myopia@1': 5 } });
  });

  it('sums cells and compares grade cells with the level’s 2030 target; exactly 38 % meets it', () => {
    // Grade 3 of S1: 19 myopes of 50 = 38 % → 1900 ≤ 38 × 50 = 1900: met. Grade 3 of S2: 20 of 50 = 40 % → 2000 > 1900.
    const tallies = tallyResults([
      ...many(19, () => result('S1', 3, 'M', true)),
      ...many(31, () => result('S1', 3, 'F', false)),
      ...many(20, () => result('S2', 3, 'M', true)),
      ...many(30, () => result('S2', 3, 'M', false)),
    ]);
    const cells = visionCells(tallies, rule);
    const at = (s: string | null, g: number | null, x: 'M' | 'F' | null) => cells.find((c) => c.school === s && c.grade === g && c.sex === x)!;
    expect([at('S1', 3, null).myopiaRate, at('S1', 3, null).meetsTarget, at('S1', 3, null).targetPercent]).toEqual([0.38, true, 38]);
    expect([at('S2', 3, null).myopiaRate, at('S2', 3, null).meetsTarget]).toEqual([0.4, false]);
    // District: 39 of 100; boys 39 of 69; girls 0 of 31.
    expect([at(null, null, null).tally.myopes, at(null, null, null).tally.withAcuity, at(null, null, null).myopiaRate]).toEqual([39, 100, 0.39]);
    expect([at(null, 3, 'M').tally.myopes, at(null, 3, 'M').tally.withAcuity, at(null, 3, 'F').myopiaRate]).toEqual([39, 69, 0]);
    expect(at(null, null, null).meetsTarget).toBeNull(); // no level target for a cell of every grade
    expect(meetsLevelTarget(32, 100, 32, false)).toBe(false); // the unconfirmed “below 32 %” is strict
    expect(meetsLevelTarget(0, 0, 38, true)).toBeNull();
  });
});

describe('the yearly change against −0.5 percentage points, in integers', () => {
  it('meets the target exactly at −0.5 points', () => {
    // 30 of 100 (30 %) → 59 of 200 (29.5 %): m₁n₀ − m₀n₁ = 59·100 − 30·200 = −100; 1000·(−100) = −100,000 ≤ −5·100·200 = −100,000.
    expect(yearlyChange(30, 100, 59, 200, tenthsOfPp(-0.5))).toEqual({ changePp: -0.5, meetsTarget: true });
    // 30 % → 29.6 % (148 of 500): 148·100 − 30·500 = −200; −200,000 ≤ −5·100·500 = −250,000? No: down only 0.4 points.
    expect(yearlyChange(30, 100, 148, 500, -5)).toEqual({ changePp: expect.closeTo(-0.4, 12), meetsTarget: false });
    // 40 % → 38 % (38 of 100): −2 points, met. A rise: 40 % → 41 %, not met.
    expect(yearlyChange(40, 100, 38, 100, -5)?.meetsTarget).toBe(true);
    expect(yearlyChange(40, 100, 41, 100, -5)?.meetsTarget).toBe(false);
    expect(yearlyChange(40, 0, 41, 100, -5)).toBeNull();
  });

  it('is not fooled by binary fractions (checked with Python fractions)', () => {
    // 3 of 100 (3 %) → 5 of 200 (2.5 %) is exactly −0.5 points, but in floats 5/200 − 3/100 = −0.0049999999999999975,
    // which would miss the target; in integers 1000·(5·100 − 3·200) = −100,000 ≤ −5·100·200 = −100,000 meets it.
    expect(5 / 200 - 3 / 100 <= -0.005).toBe(false);
    expect(yearlyChange(3, 100, 5, 200, -5)?.meetsTarget).toBe(true);
  });
});

const viewer = { role: 'viewer' as const, schoolCode: null, assignedSchools: [], schools: 'all' as const };
const health = { role: 'health' as const, schoolCode: null, assignedSchools: [], schools: 'all' as const };

describe('small cells and level cells', () => {
  // S9 (九年一贯制): grade 6 has 12 pupils (6 myopes), grade 7 has 3 (3 myopes). S1: grade 6, 20 pupils, 10 myopes.
  const tallies = tallyResults([
    ...many(6, () => result('S9', 6, 'M', true)),
    ...many(6, () => result('S9', 6, 'F', false)),
    ...many(3, () => result('S9', 7, 'M', true)),
    ...many(10, () => result('S1', 6, 'M', true)),
    ...many(10, () => result('S1', 6, 'F', false)),
  ]);
  const cells = visionCells(tallies, rule);

  it('withholds small cells and their complement from a viewer; the health staff see all', () => {
    const v = suppressVisionCells(viewer, cells, 10);
    const at = (s: string | null, g: number | null, x: 'M' | 'F' | null) => v.find((c) => c.school === s && c.grade === g && c.sex === x)!;
    // S9 grade 7 (3) is small; its only sibling grade, 6 (12), is withheld too, or 7 = school − 6.
    expect([at('S9', 7, null).suppressed, at('S9', 6, null).suppressed, at('S9', null, null).suppressed]).toEqual([true, true, false]);
    expect(at('S9', 7, null).myopiaRate).toBeNull();
    expect(suppressVisionCells(health, cells, 10).every((c) => !c.suppressed)).toBe(true);
  });

  it('withholds a cell whose glasses rate rests on few pupils, even when none has an acuity', () => {
    // S7 grade 2: 3 pupils screened, no acuity, 2 with glasses (glasses rate 2/3 over 3 pupils); grade 3: 20 girls
    // with an acuity, none with glasses. Grade 2's smallest non-zero denominator is 3 < 10 → withheld; grade 3 is its
    // only sibling (school = 2 + 3) → withheld too. Before, grade 2 counted 0 pupils with an acuity and showed 2/3.
    const t = tallyResults([
      ...many(2, () => result('S7', 2, 'M', null, null, { wearsGlasses: true })),
      result('S7', 2, 'M', null, null, { wearsGlasses: false }),
      ...many(20, () => result('S7', 3, 'F', false, 'acuity+se', { wearsGlasses: false })),
    ]);
    const v = suppressVisionCells(viewer, visionCells(t, rule), 10);
    const at = (s: string | null, g: number | null, x: 'M' | 'F' | null) => v.find((c) => c.school === s && c.grade === g && c.sex === x)!;
    expect([at('S7', 2, null).suppressed, at('S7', 2, null).glassesRate, at('S7', 3, null).suppressed]).toEqual([true, null, true]);
    // The school: 23 screened, 20 with an acuity → shown; glasses 2 of 23.
    expect([at('S7', null, null).suppressed, at('S7', null, null).glassesRate]).toEqual([false, 2 / 23]);
  });

  it('shows a level cell only when it adds nothing withheld', () => {
    const lv = levelCells(suppressVisionCells(viewer, cells, 10), rule);
    const at = (s: string | null, l: string) => lv.find((c) => c.school === s && c.level === l)!;
    // S9's primary cell (grade 6) and junior cell (grade 7) sum withheld grade cells → withheld.
    expect([at('S9', '小学').suppressed, at('S9', '初中').suppressed]).toEqual([true, true]);
    // S1 is all grade 6: its primary cell is its own cell, 10 of 20 = 50 % → 50 − 38 = 12 points above.
    expect(at('S1', '小学')).toMatchObject({ suppressed: false, myopiaRate: 0.5, meetsTarget: false, abovePp: 12 });
    // The district's grades: grade 7 (3 pupils) is small, so its only sibling, grade 6 (32), is withheld with it, or
    // 7 = district − 6; the district's primary (= grade 6) and junior (= grade 7) cells are withheld alike.
    expect(at(null, '小学')).toMatchObject({ suppressed: true, withAcuity: 32, myopiaRate: null });
    expect(at(null, '初中').suppressed).toBe(true);
    const all = levelCells(visionCells(tallies, rule), rule);
    // For the health staff: S9 junior 3 of 3 = 100 % → 40 points above 60 %; S9 primary 6 of 12 = 50 % → 12 above.
    expect(furthestAbove(all).map((c) => [c.school, c.level, c.abovePp])).toEqual([
      ['S9', '初中', 40],
      ['S1', '小学', 12], // S1 and S9 primary both 12 points above: more pupils (20) first
      ['S9', '小学', 12],
    ]);
  });
});

describe('the report over years', () => {
  // S1: 2023 40 of 100 → 2024 39 of 100 (−1 point, met). S2: 2023 30 of 100 → 2024 30 of 100 (0, not met).
  // District 70 of 200 (35 %) → 69 of 200 (34.5 %): −0.5 points exactly, met (1000·(69·200 − 70·200) = −200,000 ≤ −5·200·200).
  const year = (m1: number, m2: number): TallyRow<VisionTally>[] =>
    tallyResults([
      ...many(m1, () => result('S1', 3, 'M', true)),
      ...many(100 - m1, () => result('S1', 3, 'M', false)),
      ...many(m2, () => result('S2', 8, 'F', true)),
      ...many(100 - m2, () => result('S2', 8, 'F', false)),
    ]);
  const input = {
    rule,
    year: 2024,
    years: [2024, 2023],
    tallies: new Map([
      [2023, year(40, 30)],
      [2024, year(39, 30)],
    ]),
    purged: new Set([2023]),
    user: health,
    minCellSize: 10,
    names: new Map([
      ['S1', '一小'],
      ['S2', '二中'],
    ]),
  };

  it('gives the trend and the change per school and for the district', () => {
    const r = visionReport(input);
    expect(r.changes.map((c) => [c.school, c.changePp, c.meetsTarget])).toEqual([
      [null, -0.5, true],
      ['S1', -1, true],
      ['S2', 0, false],
    ]);
    expect(r.trend.find((s) => s.school === 'S1')?.points.map((p) => [p.year, p.myopiaRate])).toEqual([
      [2023, 0.4],
      [2024, 0.39],
    ]);
    expect([r.fromTallies, r.judgedWith]).toEqual([false, [{ id: 'screening-myopia', version: 1, pupils: 200 }]]);
    // Levels: S1 primary 39 % > 38 % (1 point above); S2 junior 30 % ≤ 60 %.
    expect(r.furthestAbove.map((c) => [c.school, c.level, c.abovePp])).toEqual([['S1', '小学', expect.closeTo(1, 9)]]);
    expect(visionReport({ ...input, year: 2023 }).fromTallies).toBe(true);
    expect(visionReport({ ...input, year: 2023 }).changes).toEqual([]); // no 2022
  });

  it('gives the change since the first year against the target times the years between', () => {
    // 2022: S1 42 of 100, S2 31 of 100. Against 2024 (S1 39, S2 30), two years → target −0.5 × 2 = −1.0 point (−10 tenths).
    // S1: 1000·(39·100 − 42·100) = −300,000 ≤ −10·100·100 = −100,000 → met, −3 points.
    // S2: 1000·(30·100 − 31·100) = −100,000 ≤ −100,000 → met exactly, −1 point (year on year 0: not met).
    // District: 73 → 69 of 200: 1000·(69·200 − 73·200) = −800,000 ≤ −10·200·200 = −400,000 → met; 100·(−800)/40,000 = −2 points.
    const r = visionReport({ ...input, years: [2024, 2023, 2022], tallies: new Map([...input.tallies, [2022, year(42, 31)]]) });
    expect(r.sinceFirst.map((c) => [c.school, c.from, c.to, c.changePp, c.targetPp, c.meetsTarget])).toEqual([
      [null, 2022, 2024, -2, -1, true],
      ['S1', 2022, 2024, -3, -1, true],
      ['S2', 2022, 2024, -1, -1, true],
    ]);
    expect(r.changes.map((c) => [c.school, c.from, c.targetPp, c.meetsTarget])).toEqual([
      [null, 2023, -0.5, true],
      ['S1', 2023, -0.5, true],
      ['S2', 2023, -0.5, false],
    ]);
    // The first year is the year before: nothing more to show.
    expect(visionReport(input).sinceFirst).toEqual([]);
  });

  it('does not judge a change between years measured differently', () => {
    // 2023: S1's 100 pupils all acuity-only (share 100 %); S2 5 of 100 acuity-only (5 %). 2024: all with SE (0 %).
    // S1: |0·100 − 100·100|·100 = 1,000,000 > 5·100·100 = 50,000 → not comparable: the change is shown, not judged.
    // S2: |0·100 − 5·100|·100 = 50,000, not > 50,000 → exactly 5 points apart is still comparable (0 points: not met).
    // District: 105 of 200 → 0 of 200: |0 − 105·200|·100 = 2,100,000 > 5·200·200 = 200,000 → not comparable.
    const y2023 = tallyResults([
      ...many(40, () => result('S1', 3, 'M', true, 'acuity-only')),
      ...many(60, () => result('S1', 3, 'M', false, 'acuity-only')),
      ...many(5, () => result('S2', 8, 'F', false, 'acuity-only')),
      ...many(30, () => result('S2', 8, 'F', true)),
      ...many(65, () => result('S2', 8, 'F', false)),
    ]);
    const r = visionReport({ ...input, tallies: new Map([...input.tallies, [2023, y2023]]) });
    expect(r.changes.map((c) => [c.school, c.changePp, c.meetsTarget, c.notComparable])).toEqual([
      [null, -0.5, null, 'acuity-only-share'],
      ['S1', -1, null, 'acuity-only-share'],
      ['S2', 0, false, null],
    ]);
    // 2024 judged with version 2 of the rule, 2023 with version 1: not comparable whatever the shares.
    const v2 = tallyResults([...many(39, () => result('S1', 3, 'M', true, 'acuity+se', { ruleVersion: 2 })), ...many(61, () => result('S1', 3, 'M', false, 'acuity+se', { ruleVersion: 2 }))]);
    const r2 = visionReport({ ...input, tallies: new Map([...input.tallies, [2024, v2]]) });
    expect(r2.changes.map((c) => [c.school, c.meetsTarget, c.notComparable])).toEqual([
      [null, null, 'rule-version'],
      ['S1', null, 'rule-version'],
    ]);
  });

  it('cuts every part to the caller’s schools', () => {
    const clerk = { role: 'clerk' as const, schoolCode: 'S1', assignedSchools: [], schools: ['S1'] };
    const r = visionReport({ ...input, user: clerk });
    expect(new Set([...r.cells, ...r.levels, ...r.trend, ...r.changes].map((c) => c.school))).toEqual(new Set([null, 'S1']));
  });
});

describe('the import file', () => {
  const schoolExists = (c: string) => c === '2133000001';
  it('reads decimal and 5-point acuity, SE or sphere + cylinder, glasses and dates', async () => {
    const csv = [
      '学籍号,学校代码,年级,性别,右眼裸眼视力,左眼裸眼视力,右眼球镜,右眼柱镜,左眼等效球镜(D),戴镜,筛查日期',
      'P1,2133000001,3,男,0.8,5.0,-0.25,-0.50,0,是,2025/9/18',
      'P2,2133000001,3,女,4.9,1.2,,,,否,',
      'P3,2133000001,3,女,,,,,,,',
    ].join('\n');
    const { rows, problems } = await readVisionFile(Buffer.from(csv), 'v.csv', { schoolExists, acuity: ranges });
    expect(problems).toEqual([]);
    // P1: right 0.8 → 4.9, S −0.25 C −0.50 → SE −0.50; left 5.0, SE 0.
    expect(rows.map((r) => [r.studentId, r.ucvaRight, r.ucvaLeft, r.seRight, r.seLeft, r.wearsGlasses, r.screenedOn])).toEqual([
      ['P1', 49, 50, -500, 0, true, '2025-09-18'],
      ['P2', 49, 51, null, null, false, null],
      ['P3', null, null, null, null, null, null],
    ]);
  });

  it('names every bad cell by row and column', async () => {
    const csv = [
      '学籍号,学校代码,年级,性别,右眼裸眼视力,左眼裸眼视力,右眼等效球镜,左眼等效球镜,戴镜,筛查日期',
      'P1,2133000001,3,男,5.5,2.5,-0.5,abc,也许,2025-02-30', // row 2: both acuities, left SE, glasses, date
      'P1,9999,0,X,4.9,4.9,,,,', // row 3: repeated id, school, grade, sex
    ].join('\n');
    const { problems } = await readVisionFile(Buffer.from(csv), 'bad.csv', { schoolExists, acuity: ranges });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '右眼裸眼视力'],
      [2, '左眼裸眼视力'],
      [2, '左眼等效球镜'],
      [2, '戴镜'],
      [2, '筛查日期'],
      [3, '学籍号'],
      [3, '学校代码'],
      [3, '年级'],
      [3, '性别'],
    ]);
    const noEyes = await readVisionFile(Buffer.from('学籍号,学校代码,年级,性别\nP1,2133000001,3,男\n'), 'x.csv', { schoolExists, acuity: ranges });
    expect(noEyes.problems.map((p) => [p.row, p.column])).toEqual([
      [1, '右眼裸眼视力'],
      [1, '左眼裸眼视力'],
    ]);
  });

  it('checks SE against sphere and cylinder when both are given (|SE − (S + C/2)| ≤ 0.125 D)', async () => {
    const csv = [
      '学籍号,学校代码,年级,性别,右眼裸眼视力,左眼裸眼视力,右眼等效球镜,右眼球镜,右眼柱镜,左眼等效球镜,左眼球镜',
      // Row 2: S −1.00 C −0.50 → −1.25; SE −1.25 agrees exactly. Left: S −0.50, SE −0.625: off by 0.125 → meets (≤).
      'P1,2133000001,3,男,4.8,4.8,-1.25,-1.00,-0.50,-0.625,-0.50',
      // Row 3: S −1.00 C −0.50 → −1.25; SE −1.00: off by 0.25 → named. Left: S −0.50, SE −0.75: off by 0.25 → named.
      'P2,2133000001,3,女,4.8,4.8,-1.00,-1.00,-0.50,-0.75,-0.50',
      // Row 4: S +0.25, no cylinder → +0.25; SE +0.376: off by 0.126 → named (one thousandth past the edge).
      'P3,2133000001,3,女,5.0,5.0,0.376,0.25,,,',
    ].join('\n');
    const { rows, problems } = await readVisionFile(Buffer.from(csv), 'se.csv', { schoolExists, acuity: ranges });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '右眼等效球镜'],
      [3, '左眼等效球镜'],
      [4, '右眼等效球镜'],
    ]);
    expect(rows.map((r) => [r.studentId, r.seRight, r.seLeft])).toEqual([['P1', -1250, -625]]);
  });

  it('reads dates as screening sheets write them', () => {
    expect(['2025-09-18', '2025/9/8', '2025.9.8', '2025年9月8日', '2025-09-18T00:00:00.000Z', '45918', '2025-13-01', 'soon'].map(parseDate)).toEqual([
      '2025-09-18',
      '2025-09-08',
      '2025-09-08',
      '2025-09-08',
      '2025-09-18',
      '2025-09-18', // Excel day 45918: 1899-12-30 + 45918 days
      null,
      null,
    ]);
  });
});
