// Worked examples of 《国家学生体质健康标准（2014年修订）》 scoring, with every expected value taken from the reference
// tables and not from the pack under test: test/fixtures/fitness/reference-2014-tables.json is an unchanged copy of
// the shared, cross-checked reference (grades 1–6; grade 7–9 sit-and-reach, sit-up (F) and pull-up (M); BMI; weights,
// levels, bonus rules), and the grade-8 tables the reference lacks (lung, 50 m, long jump, 1000 m, 800 m) are read
// from the source transcriptions in test/fixtures/fitness/junior-source-transcriptions.json (GR8_STD, each cell
// confirmed by a second source except the single-source 800 m).
// For every grade, sex and item with a table, at every row: a result exactly at the row's threshold scores the row;
// one unit worse (1 mL, 0.1 s, 0.1 cm, 1 rep, 1 s, 1 cm below a threshold, or slower than a time) scores the next
// row; worse than the lowest row scores 0. Then BMI band edges, bonus edges, one full 学年总分 per grade worked out by
// hand, the levels at their lines and 毕业成绩.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annualScore, graduationScore, levelOf } from './annual-score.js';
import { bmiBand, bmiOf } from './bmi.js';
import { scoreItem } from './item-score.js';
import { loadFitnessPack, type Sex } from './pack.js';

const pack = loadFitnessPack();
const FIX = path.resolve('test/fixtures/fitness');

type RefRow = [number, number];
interface RefItem {
  unit: string;
  better: 'higher' | 'lower';
  tables: Record<string, RefRow[]>;
  table_status: Record<string, string>;
}
interface RefBmi {
  normal: [number, number];
  underweight_max: number;
  overweight: [number, number];
  obese_min: number;
  status: string;
}
interface Reference {
  weights: Record<string, Record<string, number>>;
  items: Record<string, RefItem>;
  bmi: { points: Record<string, number>; tables: Record<string, RefBmi> };
  bonus: {
    rope_1min: { max_points: number };
    pull_up: { increments: RefRow[] };
    sit_up_1min_F: { increments: RefRow[] };
    run_1000m: { increments: RefRow[] };
    run_800m: { increments: RefRow[] };
    total_bonus_cap: number;
  };
}
interface Transcriptions {
  rows: number[];
  tables: Record<string, Record<string, (number | null)[] | string>>;
}

const ref: Reference = JSON.parse(fs.readFileSync(path.join(FIX, 'reference-2014-tables.json'), 'utf8'));
const junior: Transcriptions = JSON.parse(fs.readFileSync(path.join(FIX, 'junior-source-transcriptions.json'), 'utf8'));

/** The resolution of each item, in tenths (1 mL, 0.1 s, 0.1 cm, 1 rep, 1 s, 1 cm). */
const UNIT_TENTHS: Record<string, number> = {
  lung_capacity: 10,
  run_50m: 1,
  sit_and_reach: 1,
  rope_1min: 10,
  sit_up_1min: 10,
  shuttle_50x8: 10,
  pull_up: 10,
  standing_long_jump: 10,
  run_1000m: 10,
  run_800m: 10,
};
const BETTER: Record<string, 'higher' | 'lower'> = { standing_long_jump: 'higher', run_1000m: 'lower', run_800m: 'lower' };

/** Grade-8 tables not in the reference: GR8_STD's rows (the transcriptions' row order; null rows dropped). */
const GRADE8_FROM_TRANSCRIPTIONS = ['lung_capacity:8-M', 'lung_capacity:8-F', 'run_50m:8-M', 'run_50m:8-F', 'standing_long_jump:8-M', 'standing_long_jump:8-F', 'run_1000m:8-M', 'run_800m:8-F'];
const SINGLE_SOURCE_GRADE8 = ['run_800m:8-F'];
function grade8Table(key: string): RefRow[] {
  const std = junior.tables[key].GR8_STD as (number | null)[];
  return junior.rows.map((p, i) => [p, std[i]] as [number, number | null]).filter((r): r is RefRow => r[1] !== null);
}

/**
 * A reference table (grade 8 sit-and-reach, sit-up, pull-up: single-source or partial in the reference) whose every
 * row is given, at the same points, by a newer transcribed source too: the pack may call it verified.
 */
function confirmedByTranscriptions(item: string, key: string, rows: RefRow[]): boolean {
  const t = junior.tables[`${item}:${key}`];
  if (!t) return false;
  return rows.every(([points, v]) => Object.values(t).some((vals) => Array.isArray(vals) && vals[junior.rows.indexOf(points)] === v));
}

interface Case {
  item: string;
  grade: number;
  sex: Sex;
  better: 'higher' | 'lower';
  rows: RefRow[];
  status: string;
}
const CASES: Case[] = [
  ...Object.entries(ref.items).flatMap(([item, it]) =>
    Object.entries(it.tables).map(([key, rows]) => ({
      item,
      grade: Number(key.split('-')[0]),
      sex: key.split('-')[1] as Sex,
      better: it.better,
      rows,
      status: confirmedByTranscriptions(item, key, rows) ? 'verified' : it.table_status[key],
    })),
  ),
  ...GRADE8_FROM_TRANSCRIPTIONS.map((k) => {
    const [item, key] = k.split(':');
    return {
      item,
      grade: 8,
      sex: key.split('-')[1] as Sex,
      better: BETTER[item] ?? ref.items[item].better,
      rows: grade8Table(k),
      status: SINGLE_SOURCE_GRADE8.includes(k) ? 'single-source' : 'verified',
    };
  }),
];
const name = (c: Case) => `${c.item} ${c.grade}-${c.sex}`;
/** A value `steps` units worse than `threshold` (below it for counts and lengths, slower for times). */
const worse = (c: Case, threshold: number, steps = 1) => (Math.round(threshold * 10) + (c.better === 'higher' ? -1 : 1) * steps * UNIT_TENTHS[c.item]) / 10;

describe('the worked examples cover what can be scored', () => {
  it('every table the pack scores for grades 1–6 and 8, and every grade 7/9 table of the reference', () => {
    const covered = new Set(CASES.map(name));
    const scorable = Object.entries(pack.items).flatMap(([item, def]) =>
      Object.entries(def.tables)
        .filter(([key, t]) => t.rows && t.status !== 'not-found' && !/^[79]-/.test(key))
        .map(([key]) => `${item} ${key}`),
    );
    // A table the pack scores without a worked example here: add its reference rows to the fixtures. (Grade 7/9
    // tables the reference lacks — lung, 50 m, long jump, runs — are checked with their own sources' examples.)
    expect(scorable.filter((k) => !covered.has(k))).toEqual([]);
    for (let g = 1; g <= 9; g++) for (const sex of ['M', 'F'] as const) expect(CASES.filter((c) => c.grade === g && c.sex === sex).length, `${g}-${sex}`).toBeGreaterThan(0);
    // 12 tables per grade-sex band of grades 1–6: lung, 50 m, sit-and-reach, rope for 1–6 (48), sit-up 3–6 (8), shuttle 5–6 (4).
    expect(CASES.filter((c) => c.grade <= 6)).toHaveLength(60);
    // grade 8: 7 items × 2 sexes, less pull-up (F) and sit-up (M), 1000 m (F) and 800 m (M) = 6 per sex + pull-up + sit-up.
    expect(CASES.filter((c) => c.grade === 8)).toHaveLength(12);
  });

  it('each grade-8 cell taken from GR8_STD is confirmed by another transcribed source (800 m F: single-source)', () => {
    for (const k of GRADE8_FROM_TRANSCRIPTIONS) {
      if (SINGLE_SOURCE_GRADE8.includes(k)) continue;
      const t = junior.tables[k];
      const std = t.GR8_STD as (number | null)[];
      std.forEach((v, i) => {
        const others = Object.entries(t).filter(([s, vals]) => s !== 'GR8_STD' && Array.isArray(vals) && vals[i] === v);
        expect(others.length, `${k} row ${junior.rows[i]}`).toBeGreaterThan(0);
      });
    }
  });
});

describe.each(CASES)('$item $grade-$sex', (c) => {
  it('at each threshold: that row; one unit worse: the next row; worse than the lowest row: 0', () => {
    c.rows.forEach(([points, threshold], i) => {
      const next = i + 1 < c.rows.length ? c.rows[i + 1][0] : 0;
      expect(scoreItem(pack, c.item, c.grade, c.sex, threshold).points, `${name(c)} at ${threshold}`).toBe(points);
      expect(scoreItem(pack, c.item, c.grade, c.sex, worse(c, threshold)).points, `${name(c)} at ${worse(c, threshold)}`).toBe(next);
    });
    const lowest = c.rows[c.rows.length - 1][1];
    expect(scoreItem(pack, c.item, c.grade, c.sex, worse(c, lowest, 5)).points).toBe(0);
    // Better than the 100-point row still scores 100 (the rest is bonus, if any).
    expect(scoreItem(pack, c.item, c.grade, c.sex, worse(c, c.rows[0][1], -5)).points).toBe(100);
  });

  it('is confirmed at least as well as the reference says (a newer source may raise it, never lower it)', () => {
    const RANK = ['single-source', 'partial', 'verified'];
    const want = /^verified/.test(c.status) ? 'verified' : /^partial/.test(c.status) ? 'partial' : 'single-source';
    const got = scoreItem(pack, c.item, c.grade, c.sex, c.rows[0][1]).status;
    expect(RANK.indexOf(got), `${name(c)}: pack ${got}, reference ${c.status}`).toBeGreaterThanOrEqual(RANK.indexOf(want));
  });
});

describe('single items written out (reference rows quoted)', () => {
  it('primary and junior examples at and next to their rows', () => {
    // 1-M 肺活量 95:1600, 100:1700 → 1699 mL scores 95 (the reference's own example).
    expect(scoreItem(pack, 'lung_capacity', 1, 'M', 1699).points).toBe(95);
    // 6-M 50米 50:10.8, 40:11.0 → 10.9 s scores 40; 10.8 s scores 50 (reference: "10.6 < 10.7 ≤ 10.8 → 50").
    expect(scoreItem(pack, 'run_50m', 6, 'M', 10.7).points).toBe(50);
    expect(scoreItem(pack, 'run_50m', 6, 'M', 10.9).points).toBe(40);
    // 1-F 坐位体前屈 30:0.0, 20:−0.8 → 0.0 cm scores 30, −0.1 cm scores 20.
    expect(scoreItem(pack, 'sit_and_reach', 1, 'F', 0).points).toBe(30);
    expect(scoreItem(pack, 'sit_and_reach', 1, 'F', -0.1).points).toBe(20);
    // 5-M 50米×8 100:96 s (1'36"), 95:99 s → 97 s scores 95; 158 s is the 10 row, 159 s scores 0.
    expect(scoreItem(pack, 'shuttle_50x8', 5, 'M', 97).points).toBe(95);
    expect(scoreItem(pack, 'shuttle_50x8', 5, 'M', 159).points).toBe(0);
    // 7-M 引体向上 has no 78/74/70/66/62 rows: 9 reps = 80, 8 reps = 76; its lowest row is 30 points = 1 rep → 0 reps: 0.
    expect(scoreItem(pack, 'pull_up', 7, 'M', 8).points).toBe(76);
    expect(scoreItem(pack, 'pull_up', 7, 'M', 0).points).toBe(0);
    // 9-M 引体向上 lowest row 10 points = 1 rep.
    expect(scoreItem(pack, 'pull_up', 9, 'M', 1).points).toBe(10);
    // 8-M 1000米 (GR8_STD = GR8_CALC) 100:230 s (3'50"), 95:235 s → 231 s scores 95; 405 s is the 10 row, 406 s: 0.
    expect(scoreItem(pack, 'run_1000m', 8, 'M', 231).points).toBe(95);
    expect(scoreItem(pack, 'run_1000m', 8, 'M', 406).points).toBe(0);
    // 8-F 800米 (GR8_STD only) 60:290 s (4'50"), 50:300 s → 291 s scores 50.
    expect(scoreItem(pack, 'run_800m', 8, 'F', 291).points).toBe(50);
  });
});

describe('BMI bands at their edges, every grade and sex (reference bands)', () => {
  const keys = Object.keys(ref.bmi.tables);
  it('covers grades 1–9, both sexes', () => expect(keys.sort()).toHaveLength(18));
  it.each(keys)('%s', (key) => {
    const [g, sex] = [Number(key.split('-')[0]), key.split('-')[1] as Sex];
    const t = ref.bmi.tables[key];
    const P = ref.bmi.points;
    const at = (bmi: number) => bmiBand(pack, g, sex, bmi);
    const tenth = (x: number, d: number) => (Math.round(x * 10) + d) / 10;
    expect(at(t.normal[0])).toEqual({ band: 'normal', points: P.normal }); // lower edge of 正常
    expect(at(tenth(t.normal[0], -1))).toEqual({ band: 'underweight', points: P.underweight }); // 0.1 below: 低体重
    expect(tenth(t.normal[0], -1)).toBe(t.underweight_max);
    expect(at(t.normal[1])).toEqual({ band: 'normal', points: P.normal }); // upper edge of 正常
    expect(at(tenth(t.normal[1], 1))).toEqual({ band: 'overweight', points: P.overweight }); // 0.1 above: 超重
    expect(tenth(t.normal[1], 1)).toBe(t.overweight[0]);
    expect(at(t.overweight[1])).toEqual({ band: 'overweight', points: P.overweight });
    expect(at(t.obese_min)).toEqual({ band: 'obese', points: P.obese }); // 0.1 above 超重: 肥胖
    expect(tenth(t.overweight[1], 1)).toBe(t.obese_min);
  });

  it('BMI from height and weight: kg / m² read to 0.1 (half up) before the bands', () => {
    // 1-M 正常 13.5–18.1: 18.1 kg at 100 cm = 18.1 → 100; 18.15 kg → 18.15 → 18.2 超重 → 80.
    expect(bmiOf(18.1, 100)).toBe(18.1);
    expect(annualScore(pack, 1, 'M', { heightCm: 100, weightKg: 18.1, results: {} }).items[0]).toMatchObject({ item: 'bmi', value: 18.1, points: 100 });
    expect(annualScore(pack, 1, 'M', { heightCm: 100, weightKg: 18.15, results: {} }).items[0]).toMatchObject({ value: 18.2, points: 80 });
    // 9-M 肥胖 ≥ 26.1: 70.5 kg at 165 cm = 70.5 / 2.7225 = 25.895… → 25.9 超重 → 80.
    expect(annualScore(pack, 9, 'M', { heightCm: 165, weightKg: 70.5, results: {} }).items[0]).toMatchObject({ value: 25.9, points: 80 });
  });
});

describe('附加分 at its edges (reference bonus rules)', () => {
  const bonus = (g: number, sex: Sex, results: Record<string, number>, applyDisputedBonus = false) => annualScore(pack, g, sex, { results }, { applyDisputedBonus });

  it('rope, grades 1–6: +1 per 2 reps beyond the 100-point count, at most 20', () => {
    for (const key of Object.keys(ref.items.rope_1min.tables)) {
      const [g, sex] = [Number(key.split('-')[0]), key.split('-')[1] as Sex];
      const t100 = ref.items.rope_1min.tables[key][0][1];
      const b = (reps: number) => bonus(g, sex, { rope_1min: reps }).bonus;
      expect([b(t100), b(t100 + 1), b(t100 + 2), b(t100 + 3), b(t100 + 39), b(t100 + 40), b(t100 + 80)], key).toEqual([0, 0, 1, 1, 19, ref.bonus.rope_1min.max_points, 20]);
    }
  });

  it('pull-up, grades 7–9 M: +1 per rep beyond the 100-point count, at most 10', () => {
    for (const g of [7, 8, 9]) {
      const t100 = ref.items.pull_up.tables[`${g}-M`][0][1]; // 13, 14, 15
      const inc = ref.bonus.pull_up.increments;
      const b = (reps: number) => bonus(g, 'M', { pull_up: reps }).bonus;
      expect([b(t100), b(t100 + inc[0][1]), b(t100 + inc[9][1] - 1), b(t100 + inc[9][1]), b(t100 + 20)]).toEqual([0, 1, 9, 10, 10]);
    }
  });

  it('1000 m (8-M, 100 row 230 s) and 800 m (8-F, 100 row 210 s): the increments in seconds faster, at most 10', () => {
    const t1000 = grade8Table('run_1000m:8-M')[0][1];
    const t800 = grade8Table('run_800m:8-F')[0][1];
    expect([t1000, t800]).toEqual([230, 210]);
    // 1000 m: 4 s faster → 1, 3 s → 0, 20 s → 5, 23 s → 6, 34 s → 9, 35 s → 10, 60 s → 10.
    const b1 = (s: number) => bonus(8, 'M', { run_1000m: s }).bonus;
    expect([b1(230), b1(227), b1(226), b1(210), b1(207), b1(196), b1(195), b1(170)]).toEqual([0, 0, 1, 5, 6, 9, 10, 10]);
    expect(ref.bonus.run_1000m.increments.map(([, s]) => b1(t1000 - s))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // 800 m: +1 per 5 s faster: 206 s → 0, 205 s → 1, 161 s → 9, 160 s → 10, 120 s → 10.
    const b8 = (s: number) => bonus(8, 'F', { run_800m: s }).bonus;
    expect([b8(210), b8(206), b8(205), b8(161), b8(160), b8(120)]).toEqual([0, 0, 1, 9, 10, 10]);
    expect(ref.bonus.run_800m.increments.map(([, s]) => b8(t800 - s))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('sit-up, grades 7–9 F: disputed, so withheld unless asked; then 2/4/6/7…13 extra reps → 1…10', () => {
    for (const g of [7, 8, 9]) {
      const t100 = ref.items.sit_up_1min.tables[`${g}-F`][0][1]; // 50, 51, 52
      expect(bonus(g, 'F', { sit_up_1min: t100 + 13 })).toMatchObject({ bonus: 0, bonusWithheld: ['sit_up_1min'] });
      const b = (reps: number) => bonus(g, 'F', { sit_up_1min: reps }, true).bonus;
      expect([b(t100 + 1), b(t100 + 2), b(t100 + 6), b(t100 + 7), b(t100 + 12), b(t100 + 13), b(t100 + 30)]).toEqual([0, 1, 3, 4, 9, 10, 10]);
    }
  });

  it('two junior bonus items together: at most 20', () => {
    // 8-M: pull-up 14 + 10 = 24 (10) and 1000 m 195 s (35 s faster: 10) → 20; more of both is still 20.
    expect(bonus(8, 'M', { pull_up: 24, run_1000m: 195 }).bonus).toBe(20);
    expect(bonus(8, 'M', { pull_up: 40, run_1000m: 150 }).bonus).toBe(20);
    // 8-F: 800 m 160 s (10) + sit-up 51 + 13 = 64 with the disputed rule applied (10) → 20.
    expect(bonus(8, 'F', { run_800m: 160, sit_up_1min: 64 }, true).bonus).toBe(ref.bonus.total_bonus_cap);
  });
});

describe('学年总分 of one pupil per grade, worked out by hand from the reference rows', () => {
  // Weights (reference): 1–2 BMI 15, 肺活量 15, 50米 20, 坐位体前屈 30, 跳绳 20; 3–4 … 坐位 20, 跳绳 20, 仰卧起坐 10;
  // 5–6 … 坐位 10, 跳绳 10, 仰卧起坐 20, 50×8 10; 7–9 BMI 15, 肺活量 15, 50米 20, 坐位 10, 立定跳远 10,
  // 引体向上 (M) / 仰卧起坐 (F) 10, 1000米 (M) / 800米 (F) 20.
  const total = (g: number, sex: Sex, heightCm: number, weightKg: number, results: Record<string, number>) => {
    const s = annualScore(pack, g, sex, { heightCm, weightKg, results });
    return { points: Object.fromEntries(s.items.map((i) => [i.item, i.points])), bmi: s.bmi, standard: s.standard, bonus: s.bonus, total: s.total, level: s.level };
  };

  it('the weights are the reference weights', () => {
    const keyOf = (k: string, sex: Sex) => (k.includes('|') ? (k.split('|').find((x) => x.endsWith(`(${sex})`)) ?? '').replace(/\(.\)$/, '') : k);
    const bands: Record<string, number[]> = { grades_1_2: [1, 2], grades_3_4: [3, 4], grades_5_6: [5, 6], grades_7_9: [7, 8, 9] };
    for (const [band, grades] of Object.entries(bands))
      for (const g of grades)
        for (const sex of ['M', 'F'] as const) {
          const want = Object.fromEntries(Object.entries(ref.weights[band]).map(([k, w]) => [keyOf(k, sex).replace(/\(.\)$/, ''), w]));
          const s = annualScore(pack, g, sex, { results: {} });
          expect(Object.fromEntries(s.items.map((i) => [i.item, i.weight])), `${g}-${sex}`).toEqual(want);
        }
  });

  it('grade 1 boy: 87.9 良好', () => {
    // BMI 22 / 1.2² = 15.28 → 15.3, 正常 13.5–18.1 → 100; 肺活量 1240 = 78 row; 50米 11.0 = 76 row; 坐位体前屈 5.5 = 70 row;
    // 跳绳 120 ≥ 109 → 100, 附加分 ⌊(120 − 109) / 2⌋ = 5.
    // 标准分 = (100×15 + 78×15 + 76×20 + 70×30 + 100×20) / 100 = (1500 + 1170 + 1520 + 2100 + 2000) / 100 = 82.9; 总分 87.9.
    expect(total(1, 'M', 120, 22, { lung_capacity: 1240, run_50m: 11.0, sit_and_reach: 5.5, rope_1min: 120 })).toEqual({
      points: { bmi: 100, lung_capacity: 78, run_50m: 76, sit_and_reach: 70, rope_1min: 100 },
      bmi: 15.3,
      standard: 82.9,
      bonus: 5,
      total: 87.9,
      level: '良好',
    });
  });

  it('grade 1 boy exactly at 90.0: 优秀', () => {
    // BMI 100 (15.3 as above); 肺活量 1500 = 90 row; 50米 10.4 = 90 row; 坐位体前屈 12.0 = 85 row; 跳绳 99 = 90 row (no bonus).
    // (1500 + 90×15 + 90×20 + 85×30 + 90×20) / 100 = (1500 + 1350 + 1800 + 2550 + 1800) / 100 = 90.0.
    const s = total(1, 'M', 120, 22, { lung_capacity: 1500, run_50m: 10.4, sit_and_reach: 12.0, rope_1min: 99 });
    expect([s.standard, s.bonus, s.total, s.level]).toEqual([90, 0, 90, '优秀']);
  });

  it('grade 2 girl: 59.6 不及格', () => {
    // BMI 30 / 1.25² = 19.2, 2-F 超重 17.9–20.2 → 80; 肺活量 700 = 60 row; 50米 13.0 = 50 row; 坐位体前屈 2.2 (60 row is 2.3, 50 row 1.5) → 50;
    // 跳绳 60 (70 row 62, 68 row 55) → 68. (80×15 + 60×15 + 50×20 + 50×30 + 68×20) / 100 = (1200 + 900 + 1000 + 1500 + 1360) / 100 = 59.6.
    expect(total(2, 'F', 125, 30, { lung_capacity: 700, run_50m: 13.0, sit_and_reach: 2.2, rope_1min: 60 })).toMatchObject({
      points: { bmi: 80, lung_capacity: 60, run_50m: 50, sit_and_reach: 50, rope_1min: 68 },
      standard: 59.6,
      total: 59.6,
      level: '不及格',
    });
  });

  it('grade 3 girl: 95.5 优秀 (rope exactly at the 100 row: no bonus)', () => {
    // BMI 25 / 1.3² = 14.79 → 14.8, 正常 13.6–18.6 → 100; 肺活量 1600 = 90; 50米 9.3 = 95; 坐位体前屈 16.6 = 90; 跳绳 139 = 100 (+0);
    // 仰卧起坐 46 = 100. (1500 + 1350 + 1900 + 1800 + 2000 + 1000) / 100 = 95.5.
    expect(total(3, 'F', 130, 25, { lung_capacity: 1600, run_50m: 9.3, sit_and_reach: 16.6, rope_1min: 139, sit_up_1min: 46 })).toMatchObject({
      points: { bmi: 100, lung_capacity: 90, run_50m: 95, sit_and_reach: 90, rope_1min: 100, sit_up_1min: 100 },
      standard: 95.5,
      bonus: 0,
      total: 95.5,
      level: '优秀',
    });
  });

  it('grade 3 boys at 89.9 (良好) and 59.9 (不及格)', () => {
    // 3-M, BMI 100 (30 kg at 135 cm = 16.5). 89.9: 肺活量 2300 = 100, 50米 9.1 = 100, 坐位体前屈 11.8 = 85, 跳绳 76 = 72, 仰卧起坐 39 = 85:
    // (1500 + 1500 + 2000 + 85×20 + 72×20 + 85×10) / 100 = (1500 + 1500 + 2000 + 1700 + 1440 + 850) / 100 = 89.9.
    const a = total(3, 'M', 135, 30, { lung_capacity: 2300, run_50m: 9.1, sit_and_reach: 11.8, rope_1min: 76, sit_up_1min: 39 });
    expect([a.standard, a.total, a.level]).toEqual([89.9, 89.9, '良好']);
    // 59.9: 肺活量 2300 = 100, 50米 11.3 = 62, 坐位体前屈 −3.2 = 30, 跳绳 19 = 10, 仰卧起坐 45 = 95:
    // (1500 + 1500 + 62×20 + 30×20 + 10×20 + 95×10) / 100 = (1500 + 1500 + 1240 + 600 + 200 + 950) / 100 = 59.9.
    const b = total(3, 'M', 135, 30, { lung_capacity: 2300, run_50m: 11.3, sit_and_reach: -3.2, rope_1min: 19, sit_up_1min: 45 });
    expect([b.standard, b.total, b.level]).toEqual([59.9, 59.9, '不及格']);
  });

  it('grade 4 boy exactly at 60.0: 及格', () => {
    // BMI 45 / 1.4² = 22.96 → 23.0, 4-M 肥胖 ≥ 22.7 → 60; every item at its 60 row: 肺活量 1100, 50米 11.1, 坐位体前屈 −2.2, 跳绳 45,
    // 仰卧起坐 17. 60 × (15 + 15 + 20 + 20 + 20 + 10) / 100 = 60.0.
    expect(total(4, 'M', 140, 45, { lung_capacity: 1100, run_50m: 11.1, sit_and_reach: -2.2, rope_1min: 45, sit_up_1min: 17 })).toMatchObject({
      points: { bmi: 60, lung_capacity: 60, run_50m: 60, sit_and_reach: 60, rope_1min: 60, sit_up_1min: 60 },
      bmi: 23,
      standard: 60,
      total: 60,
      level: '及格',
    });
  });

  it('grade 5 girl: 98.1 优秀 with an 11-point rope bonus', () => {
    // BMI 38 / 1.45² = 18.07 → 18.1, 正常 13.8–20.5 → 100; 肺活量 2050 = 90; 50米 8.8 = 85; 坐位体前屈 13.0 = 80;
    // 跳绳 180 ≥ 158 → 100, 附加分 ⌊22 / 2⌋ = 11; 仰卧起坐 36 = 78; 50米×8 1'53" = 113 s = 80.
    // (1500 + 1350 + 85×20 + 80×10 + 100×10 + 78×20 + 80×10) / 100 = (1500 + 1350 + 1700 + 800 + 1000 + 1560 + 800) / 100 = 87.1; 总分 98.1.
    expect(total(5, 'F', 145, 38, { lung_capacity: 2050, run_50m: 8.8, sit_and_reach: 13.0, rope_1min: 180, sit_up_1min: 36, shuttle_50x8: 113 })).toMatchObject({
      points: { bmi: 100, lung_capacity: 90, run_50m: 85, sit_and_reach: 80, rope_1min: 100, sit_up_1min: 78, shuttle_50x8: 80 },
      standard: 87.1,
      bonus: 11,
      total: 98.1,
      level: '优秀',
    });
  });

  it('grade 6 boy: the rope bonus capped at 20', () => {
    // BMI 40 / 1.5² = 17.78 → 17.8, 正常 14.7–21.8 → 100; 肺活量 2300 = 76; 50米 9.4 = 72; 坐位体前屈 1.2 = 68; 跳绳 200 ≥ 157 → 100,
    // ⌊43 / 2⌋ = 21 → 20; 仰卧起坐 29 = 70; 50米×8 1'48" = 108 s = 76.
    // (1500 + 76×15 + 72×20 + 68×10 + 100×10 + 70×20 + 76×10) / 100 = (1500 + 1140 + 1440 + 680 + 1000 + 1400 + 760) / 100 = 79.2; 总分 99.2.
    expect(total(6, 'M', 150, 40, { lung_capacity: 2300, run_50m: 9.4, sit_and_reach: 1.2, rope_1min: 200, sit_up_1min: 29, shuttle_50x8: 108 })).toMatchObject({
      points: { bmi: 100, lung_capacity: 76, run_50m: 72, sit_and_reach: 68, rope_1min: 100, sit_up_1min: 70, shuttle_50x8: 76 },
      standard: 79.2,
      bonus: 20,
      total: 99.2,
      level: '优秀',
    });
  });

  it('grade 7 boy and grade 9 girl: the items the reference has (its total needs the grade 7/9 lung, 50 m, jump and run tables)', () => {
    // 7-M: BMI 50 / 1.6² = 19.53 → 19.5, 正常 15.5–22.1 → 100; 坐位体前屈 10.4 = 80; 引体向上 15 ≥ 13 → 100, +2 reps → 附加分 2.
    // The other results are left empty: the total stays open.
    const b = total(7, 'M', 160, 50, { sit_and_reach: 10.4, pull_up: 15 });
    expect(b).toMatchObject({
      points: { bmi: 100, sit_and_reach: 80, pull_up: 100, lung_capacity: null, run_50m: null, standing_long_jump: null, run_1000m: null },
      bonus: 2,
      standard: null,
      total: null,
      level: null,
    });
    // 9-F: BMI 52 / 1.6² = 20.31 → 20.3, 正常 16.0–22.6 → 100; 坐位体前屈 14.1 = 76; 仰卧起坐 40 = 78.
    const g = total(9, 'F', 160, 52, { sit_and_reach: 14.1, sit_up_1min: 40 });
    expect(g).toMatchObject({ points: { bmi: 100, sit_and_reach: 76, sit_up_1min: 78 }, total: null, level: null });
  });

  it('grade 8 girl: 80.1 良好', () => {
    // BMI 48 / 1.58² = 19.23 → 19.2, 8-F 正常 15.3–22.2 → 100; 肺活量 2300 = 76; 50米 9.5 (74 row 9.4, 72 row 9.6) → 72;
    // 坐位体前屈 17.6 = 85; 立定跳远 165 = 74; 仰卧起坐 40 (80 row 41, 78 row 39) → 78; 800米 4'05" = 245 s = 78.
    // (1500 + 76×15 + 72×20 + 85×10 + 74×10 + 78×10 + 78×20) / 100 = (1500 + 1140 + 1440 + 850 + 740 + 780 + 1560) / 100 = 80.1.
    expect(total(8, 'F', 158, 48, { lung_capacity: 2300, run_50m: 9.5, sit_and_reach: 17.6, standing_long_jump: 165, sit_up_1min: 40, run_800m: 245 })).toMatchObject({
      points: { bmi: 100, lung_capacity: 76, run_50m: 72, sit_and_reach: 85, standing_long_jump: 74, sit_up_1min: 78, run_800m: 78 },
      standard: 80.1,
      bonus: 0,
      total: 80.1,
      level: '良好',
    });
  });

  it('grade 8 boy: 1000 m bonus on top of 100 points', () => {
    // BMI 55 / 1.65² = 20.20 → 20.2, 正常 15.7–22.5 → 100; 肺活量 2600 = 70; 50米 8.4 (76 row 8.3, 74 row 8.5) → 74; 坐位体前屈 −0.1 = 62;
    // 立定跳远 200 (76 row 202, 74 row 198) → 74; 引体向上 5 = 60; 1000米 3'30" = 210 s ≤ 230 → 100, 20 s faster → 附加分 5.
    // (1500 + 70×15 + 74×20 + 62×10 + 74×10 + 60×10 + 100×20) / 100 = (1500 + 1050 + 1480 + 620 + 740 + 600 + 2000) / 100 = 79.9; 总分 84.9.
    expect(total(8, 'M', 165, 55, { lung_capacity: 2600, run_50m: 8.4, sit_and_reach: -0.1, standing_long_jump: 200, pull_up: 5, run_1000m: 210 })).toMatchObject({
      points: { bmi: 100, lung_capacity: 70, run_50m: 74, sit_and_reach: 62, standing_long_jump: 74, pull_up: 60, run_1000m: 100 },
      standard: 79.9,
      bonus: 5,
      total: 84.9,
      level: '良好',
    });
  });
});

describe('levels and 毕业成绩', () => {
  it('优秀 ≥ 90.0, 良好 80.0–89.9, 及格 60.0–79.9, 不及格 ≤ 59.9', () => {
    expect([90.0, 89.9, 80.0, 79.9, 60.0, 59.9, 120, 0].map((t) => levelOf(pack, t))).toEqual(['优秀', '良好', '良好', '及格', '及格', '不及格', '优秀', '不及格']);
  });

  it('毕业成绩 = 50 % of the graduating year + 50 % of the mean of the other years', () => {
    // A grade-6 pupil: years 1–5 85.0, 80.5, 78.0, 90.2, 88.3 → mean 422.0 / 5 = 84.4; grade 6 79.2.
    // 0.5 × 79.2 + 0.5 × 84.4 = 39.6 + 42.2 = 81.8 → 良好.
    const g6 = graduationScore(79.2, [85.0, 80.5, 78.0, 90.2, 88.3]);
    expect(g6).toBe(81.8);
    expect(levelOf(pack, g6)).toBe('良好');
    // A grade-9 pupil: 初一 62.0, 初二 57.8 → mean 59.9; 初三 60.1 → 0.5 × 60.1 + 0.5 × 59.9 = 60.0 → 及格, exactly at the line.
    const g9 = graduationScore(60.1, [62.0, 57.8]);
    expect(g9).toBe(60);
    expect(levelOf(pack, g9)).toBe('及格');
    // 0.5 × 59.8 + 0.5 × 60.0 = 59.9 → 不及格.
    expect(levelOf(pack, graduationScore(59.8, [60.0]))).toBe('不及格');
  });
});
