// Worked examples for the grade 7 (初一) and grade 9 (初三) tables completed in the second pass of the pack, and for the
// 8-F 800 m table that pass confirmed. Every expected value comes from the source transcriptions in
// test/fixtures/fitness/junior-source-transcriptions.json, not from the pack under test: a table's rows are the values
// its sources give (VBRPT gives every row; the rows VBRPT fills into the pull-up table's blanks repeat the row above
// and are dropped), its status follows from how many sources give each row (every row by two: verified; at most the
// 100 row by two: single-source; otherwise partial). For every table and row: exactly at the threshold scores the
// row, one unit worse (1 mL, 0.1 s, 0.1 cm, 1 cm, 1 rep, 1 s) scores the next row, worse than the lowest row scores 0.
// Then one 学年总分 for a grade-7 boy and a grade-9 girl, worked out by hand from the transcribed rows.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annualScore } from './annual-score.js';
import { scoreItem } from './item-score.js';
import { loadFitnessPack, type Sex } from './pack.js';

const pack = loadFitnessPack();
const junior: { rows: number[]; tables: Record<string, Record<string, (number | null)[] | string>> } = JSON.parse(
  fs.readFileSync(path.resolve('test/fixtures/fitness/junior-source-transcriptions.json'), 'utf8'),
);

const UNIT_TENTHS: Record<string, number> = { lung_capacity: 10, run_50m: 1, sit_and_reach: 1, standing_long_jump: 10, pull_up: 10, sit_up_1min: 10, run_1000m: 10, run_800m: 10 };
const LOWER_IS_BETTER = new Set(['run_50m', 'run_1000m', 'run_800m']);

interface Case {
  name: string;
  item: string;
  grade: number;
  sex: Sex;
  rows: [number, number][];
  status: 'verified' | 'partial' | 'single-source';
}

/** Sources rejected for a table (SOURCES.md): BJ_PHYSIQUE's 800 m rows are OCR estimates in uniform 5 s steps (100 row 215 s vs 210 s). */
const REJECTED: Record<string, string[]> = { 'run_800m:8-F': ['BJ_PHYSIQUE'] };

/** The rows and status of one table as its transcribed sources give them. */
function fromTranscriptions(name: string): Case {
  const [item, key] = name.split(':');
  const sources = Object.entries(junior.tables[name]).filter(([s, v]) => !s.startsWith('_') && Array.isArray(v) && !(REJECTED[name] ?? []).includes(s)) as [string, (number | null)[]][];
  const rows: [number, number][] = [];
  let cross = 0;
  let single = 0;
  junior.rows.forEach((points, i) => {
    const given = sources.map(([s, v]) => (s === 'VBRPT' && item === 'pull_up' && i > 0 && v[i] === v[i - 1] ? null : v[i])).filter((x): x is number => x !== null);
    if (given.length === 0) return;
    if (new Set(given).size !== 1) throw new Error(`${name} ${points}: the sources disagree (${given.join(', ')})`);
    rows.push([points, given[0]]);
    if (given.length >= 2) cross++;
    else single++;
  });
  const status = single === 0 ? 'verified' : cross <= 1 ? 'single-source' : 'partial';
  return { name, item, grade: Number(key[0]), sex: key.split('-')[1] as Sex, rows, status };
}

const CASES = [...Object.keys(junior.tables).filter((n) => /:[79]-/.test(n)), 'run_800m:8-F'].map(fromTranscriptions);
/** `steps` units worse than `threshold`: below it for counts and lengths, slower for times. */
const worse = (c: Case, threshold: number, steps = 1) => (Math.round(threshold * 10) + (LOWER_IS_BETTER.has(c.item) ? 1 : -1) * steps * UNIT_TENTHS[c.item]) / 10;

describe('the junior worked examples cover every table the second pass completed', () => {
  it('all 24 grade 7/9 tables (6 items for each grade and sex: pull-up and 1000 m for boys, sit-up and 800 m for girls) and 800 m 8-F', () => {
    expect(CASES.filter((c) => c.grade !== 8)).toHaveLength(24);
    for (const g of [7, 9])
      for (const sex of ['M', 'F'] as const) {
        const keys = Object.keys(pack.items).filter((item) => pack.items[item].tables[`${g}-${sex}`]);
        expect(
          CASES.filter((c) => c.grade === g && c.sex === sex)
            .map((c) => c.item)
            .sort(),
          `${g}-${sex}`,
        ).toEqual(keys.sort());
      }
  });
});

describe.each(CASES)('$name', (c) => {
  it('at each threshold: that row; one unit worse: the next row; worse than the lowest row: 0', () => {
    c.rows.forEach(([points, threshold], i) => {
      const next = i + 1 < c.rows.length ? c.rows[i + 1][0] : 0;
      expect(scoreItem(pack, c.item, c.grade, c.sex, threshold).points, `${c.name} at ${threshold}`).toBe(points);
      expect(scoreItem(pack, c.item, c.grade, c.sex, worse(c, threshold)).points, `${c.name} at ${worse(c, threshold)}`).toBe(next);
    });
    const lowest = c.rows[c.rows.length - 1][1];
    expect(scoreItem(pack, c.item, c.grade, c.sex, worse(c, lowest)).points).toBe(0);
    expect(scoreItem(pack, c.item, c.grade, c.sex, worse(c, lowest, 5)).points).toBe(0);
    expect(scoreItem(pack, c.item, c.grade, c.sex, worse(c, c.rows[0][1], -5)).points).toBe(100);
  });
  it('reports how far the table is confirmed', () => {
    expect(scoreItem(pack, c.item, c.grade, c.sex, c.rows[0][1]).status).toBe(c.status);
  });
});

describe('single items written out (transcribed rows quoted)', () => {
  it('grade 7 and 9 rows at and next to their thresholds', () => {
    // 7-M 肺活量 (VBRPT = TRAD_DOC) 100:3640, 95:3520 → 3639 mL scores 95; lowest row 10:1200 → 1199 mL scores 0.
    expect(scoreItem(pack, 'lung_capacity', 7, 'M', 3639).points).toBe(95);
    expect(scoreItem(pack, 'lung_capacity', 7, 'M', 1199).points).toBe(0);
    // 9-F 50米 (VBRPT; DOCZJ 60:10.7, 50:10.9) → 10.8 s scores 50; 7.9 s (100 row, also MAX100) scores 100.
    expect(scoreItem(pack, 'run_50m', 9, 'F', 10.8).points).toBe(50);
    expect(scoreItem(pack, 'run_50m', 9, 'F', 7.9).points).toBe(100);
    // 7-F 立定跳远 (VBRPT) 60:140, 50:135 → 139 cm scores 50.
    expect(scoreItem(pack, 'standing_long_jump', 7, 'F', 139).points).toBe(50);
    // 7-M 1000米 (VBRPT) 100:235 s (3'55"), 95:245 s (4'05") → 236 s scores 95; 10:420 s (7'00") → 421 s scores 0.
    expect(scoreItem(pack, 'run_1000m', 7, 'M', 236).points).toBe(95);
    expect(scoreItem(pack, 'run_1000m', 7, 'M', 421).points).toBe(0);
    // 9-F 800米 (VBRPT) 60:285 s (4'45") → 285 s scores 60, 286 s scores 50 (50:295 s).
    expect(scoreItem(pack, 'run_800m', 9, 'F', 285).points).toBe(60);
    expect(scoreItem(pack, 'run_800m', 9, 'F', 286).points).toBe(50);
    // 9-M 引体向上 (FJNU = VBRPT) no 78 row: 11 reps = 80, 10 reps = 76; 1 rep = 10, 0 reps = 0.
    expect(scoreItem(pack, 'pull_up', 9, 'M', 10).points).toBe(76);
    expect(scoreItem(pack, 'pull_up', 9, 'M', 1).points).toBe(10);
    expect(scoreItem(pack, 'pull_up', 9, 'M', 0).points).toBe(0);
  });
});

describe('学年总分, worked out by hand from the transcribed rows', () => {
  const total = (g: number, sex: Sex, heightCm: number, weightKg: number, results: Record<string, number>) => {
    const s = annualScore(pack, g, sex, { heightCm, weightKg, results });
    return { points: Object.fromEntries(s.items.map((i) => [i.item, i.points])), bmi: s.bmi, standard: s.standard, bonus: s.bonus, total: s.total, level: s.level, unconfirmed: s.unconfirmed.sort() };
  };

  it('grade 7 boy: 87.1 良好, with 2 points of pull-up bonus', () => {
    // BMI 50 / 1.6² = 19.53 → 19.5, 7-M 正常 15.5–22.1 → 100; 肺活量 2900 = 80 row; 50米 8.4 = 78 row; 坐位体前屈 10.4 = 80 row;
    // 立定跳远 203 = 85 row; 引体向上 15 ≥ 13 → 100, 附加分 15 − 13 = 2; 1000米 4'30" = 270 s = 80 row (no bonus: slower than 235 s).
    // 标准分 = (100×15 + 80×15 + 78×20 + 80×10 + 85×10 + 100×10 + 80×20) / 100 = (1500 + 1200 + 1560 + 800 + 850 + 1000 + 1600) / 100 = 85.1.
    expect(total(7, 'M', 160, 50, { lung_capacity: 2900, run_50m: 8.4, sit_and_reach: 10.4, standing_long_jump: 203, pull_up: 15, run_1000m: 270 })).toEqual({
      points: { bmi: 100, lung_capacity: 80, run_50m: 78, sit_and_reach: 80, standing_long_jump: 85, pull_up: 100, run_1000m: 80 },
      bmi: 19.5,
      standard: 85.1,
      bonus: 2,
      total: 87.1,
      level: '良好',
      // Scored from tables not confirmed by two sources on every row: 肺活量 and 50米 partial, 立定跳远 and 1000米 single-source.
      unconfirmed: ['lung_capacity', 'run_1000m', 'run_50m', 'standing_long_jump'],
    });
  });

  it('grade 9 girl: 84.7 良好, with 1 point of 800 m bonus', () => {
    // BMI 52 / 1.6² = 20.31 → 20.3, 9-F 正常 16.0–22.6 → 100; 肺活量 2150 = 70 row; 50米 9.0 (78:8.9, 76:9.1) → 76;
    // 坐位体前屈 14.1 = 76 row; 立定跳远 170 = 76 row; 仰卧起坐 40 = 78 row; 800米 3'20" = 200 s ≤ 205 → 100, 附加分 ⌊(205 − 200) / 5⌋ = 1.
    // 标准分 = (100×15 + 70×15 + 76×20 + 76×10 + 76×10 + 78×10 + 100×20) / 100 = (1500 + 1050 + 1520 + 760 + 760 + 780 + 2000) / 100 = 83.7.
    expect(total(9, 'F', 160, 52, { lung_capacity: 2150, run_50m: 9.0, sit_and_reach: 14.1, standing_long_jump: 170, sit_up_1min: 40, run_800m: 200 })).toEqual({
      points: { bmi: 100, lung_capacity: 70, run_50m: 76, sit_and_reach: 76, standing_long_jump: 76, sit_up_1min: 78, run_800m: 100 },
      bmi: 20.3,
      standard: 83.7,
      bonus: 1,
      total: 84.7,
      level: '良好',
      unconfirmed: ['lung_capacity', 'run_50m', 'run_800m', 'standing_long_jump'],
    });
  });
});
