// Tallies and report cells on records made up here, counted by hand (arithmetic in the comments): exactly at a limit
// meets it, grades 1–2 have no written homework, records without sex count in the grade but in no sex cell, tallies
// add, the ranking compares shares in integers, and small cells lose their figures but keep their counts.
import { describe, expect, it } from 'vitest';
import { burdenCells, suppressBurdenCells, type BurdenCell } from './cells.js';
import { loadBurdenLimits } from './limits.js';
import { worstSchools } from './ranking.js';
import { addTally, emptyTally, tallyRecords, type BurdenRecordIn } from './tally.js';

const pack = loadBurdenLimits();
const S1 = '2133000001';
const S2 = '2133000002';
const rec = (schoolCode: string, grade: number, sex: 'M' | 'F' | null, homeworkMinutes: number | null, sleepHours: number | null, source: 'survey' | 'diary' = 'survey'): BurdenRecordIn => ({
  schoolCode,
  grade,
  sex,
  homeworkMinutes,
  sleepHours,
  source,
});

// Limits: grade 1 homework 0, sleep 600 min; grade 4: 60, 600; grade 8: 90, 540.
const RECORDS: BurdenRecordIn[] = [
  rec(S1, 1, null, 1, 10.5), // over (1 > 0); sleep 630 meets
  rec(S1, 1, null, 0, 8), // within; sleep 480 short
  rec(S1, 4, 'M', 60, 10), // exactly at 60: within; exactly 600: meets
  rec(S1, 4, 'M', 61, 9.5), // over; 570 short
  rec(S1, 4, 'F', 0, 599 / 60), // within; 599 short
  rec(S1, 4, 'F', null, null), // answered neither
  rec(S1, 8, 'M', 90, 9), // exactly at 90: within; exactly 540: meets
  rec(S1, 8, 'F', 91, 539 / 60), // over; 539 short
  rec(S2, 8, 'M', 120, 7.5, 'diary'), // over; 450 short
];

const cell = (cells: BurdenCell[], school: string | null, grade: number | null, sex: 'M' | 'F' | null) => cells.find((c) => c.school === school && c.grade === grade && c.sex === sex)!;

describe('tallies per school, grade and sex', () => {
  const t = tallyRecords(pack, RECORDS);

  it('one per (school, grade, sex), sex "" when not recorded', () => {
    expect(t.map((r) => `${r.schoolCode}|${r.grade}|${r.sex}`)).toEqual([`${S1}|1|`, `${S1}|4|M`, `${S1}|4|F`, `${S1}|8|M`, `${S1}|8|F`, `${S2}|8|M`]);
    expect(t.every((r) => r.tally.limits.id === 'double-reduction' && r.tally.limits.version === 1)).toBe(true);
  });

  it('counts, integer sums and bands', () => {
    const g1 = t[0].tally;
    // 2 records; homework 1 + 0 = 1 min, one over; bands: 0 → [0], 1 → [1–30]; sleep 630 + 480 = 1110, 480 short;
    // sleep bands: 480 → 8–9 h, 630 → ≥ 10 h.
    expect(g1).toMatchObject({ records: 2, survey: 2, diary: 0, homeworkAnswered: 2, homeworkOver: 1, homeworkMinutes: 1, sleepAnswered: 2, sleepShort: 1, sleepMinutes: 1110 });
    expect([g1.homeworkBands, g1.sleepBands]).toEqual([
      [1, 1, 0, 0, 0, 0],
      [0, 1, 0, 1],
    ]);
    const g4m = t[1].tally;
    // 60 + 61 = 121 min, 61 over; 60 in 31–60, 61 in 61–90; sleep 600 + 570 = 1170, 570 short.
    expect(g4m).toMatchObject({ records: 2, homeworkAnswered: 2, homeworkOver: 1, homeworkMinutes: 121, sleepAnswered: 2, sleepShort: 1, sleepMinutes: 1170 });
    expect([g4m.homeworkBands, g4m.sleepBands]).toEqual([
      [0, 0, 1, 1, 0, 0],
      [0, 0, 1, 1],
    ]);
    // Grade 4 girls: 2 records, 1 answered each; 599 min of sleep is short of 600.
    expect(t[2].tally).toMatchObject({ records: 2, homeworkAnswered: 1, homeworkOver: 0, homeworkMinutes: 0, sleepAnswered: 1, sleepShort: 1, sleepMinutes: 599 });
    expect(t[5].tally).toMatchObject({ records: 1, survey: 0, diary: 1, homeworkOver: 1, homeworkMinutes: 120, sleepShort: 1, sleepMinutes: 450 });
  });

  it('add field by field; nothing to add is the empty tally', () => {
    const sum = addTally(t[1].tally, t[2].tally);
    expect(sum).toMatchObject({ records: 4, homeworkAnswered: 3, homeworkOver: 1, homeworkMinutes: 121, sleepAnswered: 3, sleepShort: 2, sleepMinutes: 1769 });
    expect(sum.homeworkBands).toEqual([1, 0, 1, 1, 0, 0]);
    expect(addTally(emptyTally(pack), t[0].tally)).toEqual(t[0].tally);
    expect(tallyRecords(pack, [])).toEqual([]);
  });
});

describe('report cells', () => {
  const cells = burdenCells(pack, tallyRecords(pack, RECORDS));

  it('school S1: 3 of 7 over, mean 303 / 7 min; 4 of 7 short of sleep, mean 3958 / 7 min', () => {
    const c = cell(cells, S1, null, null);
    // Over: grade 1 (1), grade 4 boys (61), grade 8 girls (91) = 3 of 7 answers; minutes 1 + 121 + 0 + 90 + 91 = 303.
    // Sleep short: 480, 570, 599, 539 = 4 of 7; minutes 1110 + 1170 + 599 + 540 + 539 = 3958.
    expect([c.records, c.homeworkAnswered, c.homeworkOver, c.overShare, c.sleepAnswered, c.sleepShort, c.sleepShortShare]).toEqual([8, 7, 3, 3 / 7, 7, 4, 4 / 7]);
    expect(c.meanHomework).toBeCloseTo(303 / 7, 12);
    expect(c.meanSleep).toBeCloseTo(3958 / 7 / 60, 12);
    expect([c.homeworkLimit, c.meanWithinLimit, c.sleepTarget, c.meanSleepMeets]).toEqual([null, null, null, null]); // mixed grades
  });

  it('grade cells compare the mean with the limit in integers: grade 4 within (121 ≤ 180), grade 8 not (181 > 180)', () => {
    const g4 = cell(cells, S1, 4, null);
    expect([g4.records, g4.homeworkAnswered, g4.homeworkOver, g4.homeworkLimit, g4.meanWithinLimit]).toEqual([4, 3, 1, 60, true]); // 121 ≤ 60 × 3
    expect([g4.sleepShort, g4.sleepTarget, g4.meanSleepMeets]).toEqual([2, 10, false]); // 1769 < 600 × 3 = 1800
    const g8 = cell(cells, S1, 8, null);
    // 90 + 91 = 181 > 90 × 2 = 180 although one pupil is exactly at 90; sleep 540 + 539 = 1079 < 540 × 2 = 1080.
    expect([g8.homeworkOver, g8.overShare, g8.meanHomework, g8.meanWithinLimit, g8.sleepTarget, g8.meanSleepMeets]).toEqual([1, 0.5, 90.5, false, 9, false]);
  });

  it('records without sex: in the grade, in no sex cell', () => {
    expect(cell(cells, S1, 1, null).records).toBe(2);
    expect(cells.filter((c) => c.grade === 1 && c.sex !== null)).toEqual([]);
    // Grade 4 of S1: boys 2 + girls 2 = the grade's 4.
    expect(cell(cells, S1, 4, 'M').records + cell(cells, S1, 4, 'F').records).toBe(4);
  });

  it('district: 9 records, 4 of 8 over; grade 8 of both schools 2 of 3 over', () => {
    const d = cell(cells, null, null, null);
    // Over: S1's 3 + S2's 1 = 4 of 7 + 1 = 8 answers; survey 8, diary 1.
    expect([d.records, d.survey, d.diary, d.homeworkAnswered, d.homeworkOver, d.overShare]).toEqual([9, 8, 1, 8, 4, 0.5]);
    const g8 = cell(cells, null, 8, null);
    // 90 (within), 91 and 120 (over): 2 of 3; minutes 301 > 90 × 3 = 270; sleep short 539 and 450: 2 of 3.
    expect([g8.homeworkOver, g8.homeworkAnswered, g8.meanWithinLimit, g8.sleepShort]).toEqual([2, 3, false, 2]);
    expect(g8.homeworkBands).toEqual([0, 0, 0, 1, 2, 0]);
    expect(cells[0]).toBe(d); // district first
  });

  it('ranks schools by the share over, in integers: S2 1/1 before S1 3/7', () => {
    expect(worstSchools(cells, 5).map((c) => c.school)).toEqual([S2, S1]);
    expect(worstSchools(cells, 1).map((c) => c.school)).toEqual([S2]);
  });
});

describe('small cells', () => {
  const cells = burdenCells(pack, tallyRecords(pack, RECORDS));
  const viewer = { role: 'viewer' as const, schoolCode: null, assignedSchools: [] };
  const health = { role: 'health' as const, schoolCode: null, assignedSchools: [] };
  const clerk = { role: 'clerk' as const, schoolCode: S1, assignedSchools: [] };

  it('are withheld for a viewer: counts kept, every figure null', () => {
    const out = suppressBurdenCells(viewer, cells, 10);
    // Every cell has fewer than 10 records (the district has 9).
    expect(out.every((c) => c.suppressed)).toBe(true);
    const s1 = cell(out, S1, null, null);
    expect([s1.records, s1.homeworkAnswered, s1.sleepAnswered]).toEqual([8, 7, 7]);
    expect([s1.homeworkOver, s1.overShare, s1.meanHomework, s1.sleepShort, s1.sleepShortShare, s1.meanSleep, s1.homeworkBands, s1.sleepBands]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('withhold homework and sleep each by its own answers: one homework answer among 11 records is not shown', () => {
    // S2 grade 5: 10 records with sleep only (9 h = 540 min) and 1 with homework 137 min and sleep 8.5 h (510 min).
    // S1 grade 5: 20 records, homework 60, sleep 9 h. No sex recorded (no sex cells).
    const recs = [...Array.from({ length: 10 }, () => rec(S2, 5, null, null, 9)), rec(S2, 5, null, 137, 8.5), ...Array.from({ length: 20 }, () => rec(S1, 5, null, 60, 9))];
    const out = suppressBurdenCells(viewer, burdenCells(pack, tallyRecords(pack, recs)), 10);
    const s2 = cell(out, S2, null, null);
    // Homework: S2 has 1 answer < 10 → withheld (137 was shown before: the cell has 11 records); the district is
    // S1 + S2, so S1's homework (20 answers) is withheld with it, or S2 = district − S1.
    expect([s2.records, s2.homeworkAnswered, s2.meanHomework, s2.overShare, s2.homeworkBands, s2.homeworkSuppressed]).toEqual([11, 1, null, null, null, true]);
    expect([cell(out, S1, null, null).meanHomework, cell(out, S1, null, null).homeworkSuppressed]).toEqual([null, true]);
    // The district's homework: 21 answers, (20 × 60 + 137) / 21 = 1337 / 21 min; 1 over the grade-5 limit of 60.
    expect([cell(out, null, null, null).meanHomework, cell(out, null, null, null).homeworkOver]).toEqual([1337 / 21, 1]);
    // Sleep: S2 has 11 answers ≥ 10 → shown: (10 × 540 + 510) / 11 = 5910 / 11 min = 5910 / 660 h; all 11 short of 600.
    expect([s2.sleepAnswered, s2.meanSleep, s2.sleepShort, s2.sleepShortShare, s2.sleepSuppressed, s2.suppressed]).toEqual([11, 5910 / 660, 11, 1, false, true]);
    expect(worstSchools(out, 5)).toEqual([]);
  });

  it('are shown to the health staff, and to the own school’s clerk for that school', () => {
    expect(suppressBurdenCells(health, cells, 10).some((c) => c.suppressed)).toBe(false);
    const out = suppressBurdenCells(clerk, cells, 10);
    expect(out.filter((c) => c.school === S1).every((c) => !c.suppressed)).toBe(true);
    expect(cell(out, S2, null, null).suppressed).toBe(true);
    // Withheld schools are not ranked.
    expect(worstSchools(out, 5).map((c) => c.school)).toEqual([S1]);
  });
});
