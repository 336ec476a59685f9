// Integrity of the 《国家学生体质健康标准（2014年修订）》 data pack (fitness-2014.json), checked without any outside
// source: table shape and row order, monotonic thresholds, weights, units, statuses and source ids, BMI band
// arithmetic, bonus increments, and a few cells spot-checked against values confirmed by two or more independent
// copies (the source ids in the comments are described in SOURCES.md here).
// The last blocks re-derive the grade-8 cells and every grade 7/9 table (rows, status, cross-checked rows) from the
// transcriptions kept in test/fixtures/fitness, and read VBRPT's own arrays (vbrpt-arrays.json) to check its columns.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Row = [number, number | null];
interface Table {
  status: 'verified' | 'partial' | 'single-source' | 'not-found';
  sources: string[];
  rows: Row[] | null;
  partial_cells?: Record<string, { value: number; sources: string[] }>;
  cross_checked_cells?: number | null;
  single_source_rows?: number[];
}
interface Item {
  name_zh: string;
  unit: string;
  better: 'higher' | 'lower';
  tables: Record<string, Table>;
}
interface Band {
  band: string;
  grades: number[];
  M: Record<string, number>;
  F: Record<string, number>;
}
interface BmiTable {
  normal: [number, number];
  underweight_max: number;
  overweight: [number, number];
  obese_min: number;
  status: string;
  sources: Record<string, string[]>;
}
interface Bonus {
  grades: number[];
  max_points: number;
  increments?: [number, number][];
  status: string;
  sources: string[];
}
interface Pack {
  id: string;
  version: number;
  title: string;
  notice: { number: string; date: string };
  units: Record<string, string>;
  score_rows: number[];
  status_legend: Record<string, string>;
  weights: Band[];
  bmi: { points: Record<string, number>; tables: Record<string, BmiTable> };
  items: Record<string, Item>;
  bonus: Record<string, Bonus | number | string[]>;
  sources: { id: string; kind: string }[];
}

const pack: Pack = JSON.parse(fs.readFileSync(fileURLToPath(new URL('./fitness-2014.json', import.meta.url)), 'utf8'));
const ROWS = [100, 95, 90, 85, 80, 78, 76, 74, 72, 70, 68, 66, 64, 62, 60, 50, 40, 30, 20, 10];
const PULL_UP_BLANK_ROWS = [78, 74, 70, 66, 62];
const STATUSES = ['verified', 'partial', 'single-source', 'not-found'];
const sourceIds = new Set(pack.sources.map((s) => s.id));
const allTables = Object.entries(pack.items).flatMap(([item, it]) => Object.entries(it.tables).map(([key, t]) => ({ item, key, it, t })));

/** The standard's item rule: points of the highest row reached (>= for higher-is-better, <= for times), 0 below the last. */
function score(item: string, key: string, value: number): number {
  const it = pack.items[item];
  const rows = it.tables[key].rows;
  if (!rows) throw new Error(`${item} ${key}: no table`);
  for (const [points, threshold] of rows) {
    if (threshold === null) continue;
    if (it.better === 'higher' ? value >= threshold : value <= threshold) return points;
  }
  return 0;
}
const cell = (item: string, key: string, points: number) => pack.items[item].tables[key].rows!.find((r) => r[0] === points)![1];

describe('pack identity', () => {
  it('is versioned and names the notice', () => {
    expect(pack.id).toBe('national-2014');
    expect(Number.isInteger(pack.version) && pack.version >= 1).toBe(true);
    expect(pack.title).toContain('教体艺〔2014〕5号');
    expect(pack.notice.number).toBe('教体艺〔2014〕5号');
    expect(pack.notice.date).toBe('2014-07-07');
    expect(pack.score_rows).toEqual(ROWS);
  });
  it('says times are stored in seconds', () => {
    expect(pack.units.times).toMatch(/seconds/);
    expect(pack.units.times).toContain('215');
    for (const k of ['run_1000m', 'run_800m', 'shuttle_50x8', 'run_50m']) expect(pack.units[k]).toMatch(/^s\b/);
  });
});

describe('every table', () => {
  it('covers grades 1-9 and both sexes where the item is tested', () => {
    const expectKeys = (item: string, grades: number[], sexes: string[]) => expect(Object.keys(pack.items[item].tables).sort()).toEqual(grades.flatMap((g) => sexes.map((s) => `${g}-${s}`)).sort());
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expectKeys('lung_capacity', all, ['M', 'F']);
    expectKeys('run_50m', all, ['M', 'F']);
    expectKeys('sit_and_reach', all, ['M', 'F']);
    expectKeys('rope_1min', [1, 2, 3, 4, 5, 6], ['M', 'F']);
    expectKeys('shuttle_50x8', [5, 6], ['M', 'F']);
    expectKeys('standing_long_jump', [7, 8, 9], ['M', 'F']);
    expectKeys('pull_up', [7, 8, 9], ['M']);
    expectKeys('run_1000m', [7, 8, 9], ['M']);
    expectKeys('run_800m', [7, 8, 9], ['F']);
    expect(Object.keys(pack.items.sit_up_1min.tables).sort()).toEqual(['3-F', '3-M', '4-F', '4-M', '5-F', '5-M', '6-F', '6-M', '7-F', '8-F', '9-F'].sort());
  });

  it.each(allTables.map((x) => [`${x.item} ${x.key}`, x] as const))('%s: status, sources, 20 rows in order', (_n, { item, t }) => {
    expect(STATUSES).toContain(t.status);
    expect(t.sources.length).toBeGreaterThan(0);
    for (const s of t.sources) expect(sourceIds.has(s), `unknown source ${s}`).toBe(true);
    if (t.status === 'not-found') {
      expect(t.rows).toBeNull();
      return;
    }
    if (t.status === 'verified') expect(t.sources.length).toBeGreaterThanOrEqual(2);
    const rows = t.rows!;
    expect(rows.map((r) => r[0])).toEqual(ROWS);
    const nullRows = rows.filter((r) => r[1] === null).map((r) => r[0]);
    if (item === 'pull_up') {
      // Only the official blank rows, and rows below the lowest listed row (1 rep), may be empty.
      const listed = rows.filter((r) => r[1] !== null);
      const lowest = listed[listed.length - 1];
      expect(lowest[1]).toBe(1);
      for (const p of nullRows) expect(PULL_UP_BLANK_ROWS.includes(p) || p < lowest[0]).toBe(true);
      for (const p of PULL_UP_BLANK_ROWS) expect(nullRows).toContain(p);
    } else {
      expect(nullRows).toEqual([]);
    }
  });

  it.each(allTables.filter((x) => x.t.rows).map((x) => [`${x.item} ${x.key}`, x] as const))('%s: monotonic in the right direction', (_n, { it: meta, t }) => {
    const v = t.rows!.map((r) => r[1]).filter((x): x is number => x !== null);
    for (let i = 1; i < v.length; i++) {
      // As the score falls: higher-is-better thresholds must not rise, times must not fall.
      if (meta.better === 'higher') expect(v[i], `row ${i}`).toBeLessThanOrEqual(v[i - 1]);
      else expect(v[i], `row ${i}`).toBeGreaterThanOrEqual(v[i - 1]);
    }
    // Different rows of one table never share a threshold (a shared value would make the lower row unreachable).
    expect(new Set(v).size).toBe(v.length);
  });

  it('stores values in their units: runs as whole seconds in range, 50 m with one decimal, counts and mL as integers', () => {
    for (const { item, key, t } of allTables) {
      if (!t.rows) continue;
      for (const [, v] of t.rows) {
        if (v === null) continue;
        const where = `${item} ${key} ${v}`;
        if (item === 'run_1000m' || item === 'run_800m') expect(Number.isInteger(v) && v >= 150 && v <= 480, where).toBe(true);
        if (item === 'shuttle_50x8') expect(Number.isInteger(v) && v >= 80 && v <= 200, where).toBe(true);
        if (item === 'run_50m') expect(Math.round(v * 10) / 10 === v && v >= 6 && v <= 16, where).toBe(true);
        if (['lung_capacity', 'rope_1min', 'sit_up_1min', 'pull_up', 'standing_long_jump'].includes(item)) expect(Number.isInteger(v), where).toBe(true);
        if (item === 'sit_and_reach') expect(Math.round(v * 10) / 10, where).toBe(v);
      }
    }
  });

  it('keeps partial cells of not-found tables out of the rows and names their sources', () => {
    for (const { t } of allTables.filter((x) => x.t.status === 'not-found')) {
      for (const c of Object.values(t.partial_cells ?? {})) for (const s of c.sources) expect(sourceIds.has(s)).toBe(true);
    }
  });
});

describe('weights', () => {
  it('sum to 100 for every band and sex, and name only items of the pack', () => {
    expect(pack.weights.flatMap((b) => b.grades).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const b of pack.weights) {
      for (const sex of ['M', 'F'] as const) {
        const w = b[sex];
        expect(
          Object.values(w).reduce((a, x) => a + x, 0),
          `${b.band} ${sex}`,
        ).toBe(100);
        for (const k of Object.keys(w)) expect(k === 'bmi' || k in pack.items, k).toBe(true);
        // every weighted item has a table (possibly not-found) for each grade of the band
        for (const g of b.grades) for (const k of Object.keys(w)) if (k !== 'bmi') expect(pack.items[k].tables[`${g}-${sex}`], `${k} ${g}-${sex}`).toBeDefined();
      }
    }
  });
  it('weights the junior band as 初中 (教体艺〔2014〕5号 单项指标与权重: SQNU, STORM, NBYIYI2)', () => {
    const j = pack.weights.find((b) => b.band === 'grades_7_9')!;
    expect(j.M).toEqual({ bmi: 15, lung_capacity: 15, run_50m: 20, sit_and_reach: 10, standing_long_jump: 10, pull_up: 10, run_1000m: 20 });
    expect(j.F).toEqual({ bmi: 15, lung_capacity: 15, run_50m: 20, sit_and_reach: 10, standing_long_jump: 10, sit_up_1min: 10, run_800m: 20 });
  });
});

describe('BMI bands', () => {
  it('are contiguous at 0.1 for grades 1-9 M/F', () => {
    const r1 = (x: number) => Math.round(x * 10) / 10;
    expect(Object.keys(pack.bmi.tables)).toHaveLength(18);
    for (const [k, b] of Object.entries(pack.bmi.tables)) {
      expect(r1(b.normal[0] - 0.1), k).toBe(b.underweight_max);
      expect(r1(b.normal[1] + 0.1), k).toBe(b.overweight[0]);
      expect(r1(b.overweight[1] + 0.1), k).toBe(b.obese_min);
      expect(b.normal[0] < b.normal[1] && b.overweight[0] < b.overweight[1]).toBe(true);
      for (const list of Object.values(b.sources)) for (const s of list) expect(sourceIds.has(s)).toBe(true);
    }
    expect(pack.bmi.points).toEqual({ normal: 100, underweight: 80, overweight: 80, obese: 60 });
  });
  it('8-F: overweight 22.3-24.8, obese >= 24.9 (NEWTON, GR8_STD, BJ_PHYSIQUE)', () => {
    const b = pack.bmi.tables['8-F'];
    expect(b.normal).toEqual([15.3, 22.2]);
    expect(b.overweight).toEqual([22.3, 24.8]);
    expect(b.obese_min).toBe(24.9);
    expect(b.status).toBe('verified');
  });
  it('7-F and 9-F: overweight and obese fields now confirmed (NEWTON, VBRPT, TRAD_DOC)', () => {
    // 7-F 超重 21.8–24.4, 肥胖 ≥ 24.5; 9-F 超重 22.7–25.1, 肥胖 ≥ 25.2 (NEWTON = TRAD_DOC; VBRPT's BMIData 218/245 and 227/252).
    expect([pack.bmi.tables['7-F'].overweight, pack.bmi.tables['7-F'].obese_min]).toEqual([[21.8, 24.4], 24.5]);
    expect([pack.bmi.tables['9-F'].overweight, pack.bmi.tables['9-F'].obese_min]).toEqual([[22.7, 25.1], 25.2]);
    for (const k of ['7-F', '9-F']) {
      expect(pack.bmi.tables[k].status).toBe('verified');
      for (const f of ['overweight_lo', 'overweight_hi', 'obese_min']) expect(pack.bmi.tables[k].sources[f]).toEqual(expect.arrayContaining(['NEWTON', 'VBRPT']));
    }
  });
});

describe('bonus', () => {
  it('junior increments rise to 10 points within the cap', () => {
    for (const k of ['pull_up', 'run_1000m', 'run_800m', 'sit_up_1min']) {
      const b = pack.bonus[k] as Bonus;
      expect(b.max_points).toBe(10);
      expect(b.increments!.map((x) => x[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const amounts = b.increments!.map((x) => x[1]);
      for (let i = 1; i < amounts.length; i++) expect(amounts[i]).toBeGreaterThan(amounts[i - 1]);
      expect(['verified', 'partial', 'single-source', 'disputed']).toContain(b.status);
    }
    expect((pack.bonus.rope_1min as Bonus).max_points).toBe(20);
    expect(pack.bonus.total_cap).toBe(20);
  });
  it('does not claim the junior sit-up bonus is confirmed (sources disagree)', () => {
    expect((pack.bonus.sit_up_1min as Bonus).status).toBe('disputed');
  });
  it('names VBRPT for the junior increments it also gives, without confirming grades 7 and 9 on one junior source', () => {
    for (const k of ['pull_up', 'run_1000m', 'run_800m', 'sit_up_1min']) expect((pack.bonus[k] as Bonus).sources).toContain('VBRPT');
    for (const k of ['pull_up', 'run_1000m', 'run_800m']) expect((pack.bonus[k] as Bonus & { verified_for_grades: number[] }).verified_for_grades).toEqual([8]);
  });
});

describe('spot checks against cells confirmed by two or more independent sources', () => {
  it('grade 8 (初二), confirmed by GR8_STD, GR8_CALC and/or BJ_PHYSIQUE', () => {
    // lung 8-M: GR8_STD = BJ_PHYSIQUE = GR8_CALC at 100 (and MAX100); 76 = 2960 (GR8_STD, BJ_PHYSIQUE; GR8_CALC's 2940 rejected)
    expect(cell('lung_capacity', '8-M', 100)).toBe(3940);
    expect(cell('lung_capacity', '8-M', 76)).toBe(2960);
    expect(cell('lung_capacity', '8-M', 10)).toBe(1450);
    // lung 8-F: GR8_STD = BJ_PHYSIQUE
    expect(cell('lung_capacity', '8-F', 60)).toBe(1500);
    // 50 m 8-F: GR8_STD = BJ_PHYSIQUE = DOCZJ
    expect(cell('run_50m', '8-F', 60)).toBe(10.8);
    // long jump 8-M: GR8_STD = GR8_CALC = BJ_PHYSIQUE
    expect(cell('standing_long_jump', '8-M', 60)).toBe(170);
    // 1000 m 8-M: GR8_STD = GR8_CALC; 3'50" = 230 s (also MAX100), 4'07" = 247 s
    expect(cell('run_1000m', '8-M', 100)).toBe(230);
    expect(cell('run_1000m', '8-M', 85)).toBe(247);
    // pull-up 8-M: FJNU = GR8_STD; no 78 row, 9 reps = 76
    expect(cell('pull_up', '8-M', 78)).toBeNull();
    expect(cell('pull_up', '8-M', 76)).toBe(9);
    // sit-up 8-F: FJNU = GR8_STD (and MAX100 at 100)
    expect(cell('sit_up_1min', '8-F', 100)).toBe(51);
  });
  it('grades 1-6, as cross-checked in the reference (BOKS, FJNU, XIAOMILI, DOCDUODUO, DABIAO, MAX100)', () => {
    expect(cell('lung_capacity', '1-M', 100)).toBe(1700); // BOKS, DABIAO, DOCDUODUO, FJNU, LUNG16, MAX100, XIAOMILI
    expect(cell('run_50m', '6-M', 50)).toBe(10.8); // BOKS, FJNU, DOCZJ
    expect(cell('rope_1min', '4-F', 100)).toBe(149); // BOKS, WZU, FJNU, MAX100, DABIAO
  });
  it('labels each grade 7/9 table by how far it is confirmed (second pass)', () => {
    const st = (item: string, key: string) => pack.items[item].tables[key].status;
    // 800 m 8-F: GR8_STD = VBRPT on all 20 rows (was single-source); 3'30" = 210 s also MAX100.
    expect(st('run_800m', '8-F')).toBe('verified');
    expect(cell('run_800m', '8-F', 100)).toBe(210);
    for (const g of [7, 9]) {
      // FJNU = VBRPT on every row.
      for (const [item, sex] of [
        ['sit_and_reach', 'M'],
        ['sit_and_reach', 'F'],
        ['sit_up_1min', 'F'],
        ['pull_up', 'M'],
      ])
        expect(st(item, `${g}-${sex}`), `${item} ${g}-${sex}`).toBe('verified');
      // 肺活量 M: rows 100–76 VBRPT = TRAD_DOC; 50 m: DOCZJ rows and MAX100; the rest VBRPT alone.
      expect(st('lung_capacity', `${g}-M`)).toBe('partial');
      for (const sex of ['M', 'F']) expect(st('run_50m', `${g}-${sex}`)).toBe('partial');
      // VBRPT alone (100 row also MAX100): show as single-source.
      expect(st('lung_capacity', `${g}-F`)).toBe('single-source');
      for (const sex of ['M', 'F']) expect(st('standing_long_jump', `${g}-${sex}`)).toBe('single-source');
      expect(st('run_1000m', `${g}-M`)).toBe('single-source');
      expect(st('run_800m', `${g}-F`)).toBe('single-source');
    }
    expect(allTables.filter((x) => x.t.status === 'not-found')).toEqual([]);
  });
});

describe('the item rule at the edges of a confirmed table (8-M)', () => {
  it('scores exactly at a threshold, one unit beyond, and below the lowest row', () => {
    expect(score('lung_capacity', '8-M', 3940)).toBe(100);
    expect(score('lung_capacity', '8-M', 3939)).toBe(95);
    expect(score('lung_capacity', '8-M', 1450)).toBe(10);
    expect(score('lung_capacity', '8-M', 1449)).toBe(0);
    expect(score('run_50m', '8-M', 7.5)).toBe(100);
    expect(score('run_50m', '8-M', 7.6)).toBe(95);
    expect(score('run_50m', '8-M', 11.0)).toBe(0);
    expect(score('run_1000m', '8-M', 230)).toBe(100);
    expect(score('run_1000m', '8-M', 231)).toBe(95);
    expect(score('run_1000m', '8-M', 406)).toBe(0);
    expect(score('pull_up', '8-M', 9)).toBe(76);
    expect(score('pull_up', '8-M', 1)).toBe(20);
    expect(score('pull_up', '8-M', 0)).toBe(0);
  });
});

describe('grade-8 cells re-derived from the recorded transcriptions (test/fixtures/fitness)', () => {
  const tr = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../test/fixtures/fitness/junior-source-transcriptions.json', import.meta.url)), 'utf8'));
  const tables = tr.tables as Record<string, Record<string, (number | null)[] | string>>;
  it.each(Object.keys(tables))('%s: every verified cell is given by at least two sources', (name) => {
    const [item, key] = name.split(':');
    const t = pack.items[item].tables[key];
    const bySource = Object.entries(tables[name]).filter(([s]) => !s.startsWith('_')) as [string, (number | null)[]][];
    t.rows!.forEach(([points, v], i) => {
      if (v === null) return;
      const agree = bySource.filter(([, arr]) => arr[i] === v).map(([s]) => s);
      if (t.status === 'verified') expect(agree.length, `${name} ${points}`).toBeGreaterThanOrEqual(2);
      else expect(agree.length, `${name} ${points}`).toBeGreaterThanOrEqual(1);
    });
  });
});

describe('grade 7 and 9 tables re-derived from the recorded transcriptions (second pass)', () => {
  const tr = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../test/fixtures/fitness/junior-source-transcriptions.json', import.meta.url)), 'utf8'));
  const tables = tr.tables as Record<string, Record<string, (number | null)[] | string>>;
  const names = Object.keys(tables).filter((n) => /:[79]-/.test(n));

  /**
   * The sources' values of one row. VBRPT writes the count of the row above into the pull-up rows the official table
   * leaves blank; such a repeated row is never the highest row reached, so it counts as blank.
   */
  function rowValues(name: string, i: number): { source: string; value: number }[] {
    return Object.entries(tables[name])
      .filter(([s, vals]) => !s.startsWith('_') && Array.isArray(vals))
      .map(([source, vals]) => {
        const arr = vals as (number | null)[];
        const repeated = name.startsWith('pull_up:') && i > 0 && arr[i] !== null && arr[i] === arr[i - 1];
        return { source, value: repeated ? null : arr[i] };
      })
      .filter((x): x is { source: string; value: number } => x.value !== null);
  }

  it('covers every grade 7/9 table of the pack', () => {
    const packKeys = allTables.filter((x) => /^[79]-/.test(x.key)).map((x) => `${x.item}:${x.key}`);
    expect(names.sort()).toEqual(packKeys.sort());
  });

  it.each(names)('%s: rows, cross-checked rows and status follow from the transcriptions', (name) => {
    const [item, key] = name.split(':');
    const t = pack.items[item].tables[key];
    const cross: number[] = [];
    const single: number[] = [];
    ROWS.forEach((points, i) => {
      const vals = rowValues(name, i);
      // No source disagrees with another on any grade 7/9 cell.
      expect(new Set(vals.map((x) => x.value)).size, `${name} ${points}`).toBeLessThanOrEqual(1);
      expect(t.rows![i], `${name} ${points}`).toEqual([points, vals.length ? vals[0].value : null]);
      if (vals.length >= 2) cross.push(points);
      else if (vals.length === 1) single.push(points);
    });
    expect(t.cross_checked_cells).toBe(cross.length);
    expect(t.single_source_rows).toEqual(single);
    expect(t.status).toBe(single.length === 0 ? 'verified' : cross.length <= 1 ? 'single-source' : 'partial');
    // Every source that gives a cell is named by the table, and VBRPT gives all 20 rows.
    for (const s of Object.keys(tables[name]).filter((s) => !s.startsWith('_'))) expect(t.sources).toContain(s);
    expect((tables[name].VBRPT as (number | null)[]).every((x) => x !== null)).toBe(true);
  });

  it('800 m 8-F: GR8_STD and VBRPT give every cell identically (BJ_PHYSIQUE rejected)', () => {
    const t = tables['run_800m:8-F'];
    expect(t.VBRPT).toEqual(t.GR8_STD);
    expect(pack.items.run_800m.tables['8-F'].rows!.map((r) => r[1])).toEqual(t.VBRPT);
  });
});

describe("VBRPT's own arrays (test/fixtures/fitness/vbrpt-arrays.json)", () => {
  const vb = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../test/fixtures/fitness/vbrpt-arrays.json', import.meta.url)), 'utf8'));
  const tr = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../test/fixtures/fitness/junior-source-transcriptions.json', import.meta.url)), 'utf8'));
  /** One column of a VBRPT array, in pack units (tenths divided by 10). */
  const column = (array: string, col: string): number[] => {
    const lay = vb.layout[array];
    const rows = vb.arrays[array] as number[][];
    expect(rows.map((r) => r[0])).toEqual(ROWS);
    const c = 1 + lay.columns.indexOf(col);
    expect(c).toBeGreaterThan(0);
    return rows.map((r) => Math.round((r[c] / lay.scale) * 10) / 10);
  };
  const NAMES: Record<string, string> = { 1: '一年级', 2: '二年级', 3: '三年级', 4: '四年级', 5: '五年级', 6: '六年级', 7: '初一', 8: '初二', 9: '初三' };
  const ARRAYS: [string, string, string, number[]][] = [
    ['lung_capacity', 'M', 'fhlData0', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['lung_capacity', 'F', 'fhlData1', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['run_50m', 'M', 'M50Data0', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['run_50m', 'F', 'M50Data1', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['sit_and_reach', 'M', 'zwtData0', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['sit_and_reach', 'F', 'zwtData1', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['standing_long_jump', 'M', 'tyData0', [7, 8, 9]],
    ['standing_long_jump', 'F', 'tyData1', [7, 8, 9]],
    ['sit_up_1min', 'M', 'ywqzData0', [3, 4, 5, 6]],
    ['pull_up', 'M', 'ywqzData0', [7, 8, 9]],
    ['sit_up_1min', 'F', 'ywqzData1', [3, 4, 5, 6, 7, 8, 9]],
    ['shuttle_50x8', 'M', 'nlpData0', [5, 6]],
    ['shuttle_50x8', 'F', 'nlpData1', [5, 6]],
    ['run_1000m', 'M', 'nlpData0', [7, 8, 9]],
    ['run_800m', 'F', 'nlpData1', [7, 8, 9]],
  ];
  const cases = ARRAYS.flatMap(([item, sex, array, grades]) => grades.map((g) => ({ item, key: `${g}-${sex}`, array, col: NAMES[g] })));

  it.each(cases.map((c) => [`${c.item} ${c.key}`, c] as const))('%s: the transcribed column, and the pack on every listed cell', (_n, c) => {
    const col = column(c.array, c.col);
    const name = `${c.item}:${c.key}`;
    if (tr.tables[name]) expect(tr.tables[name].VBRPT).toEqual(col);
    // VBRPT agrees with every cell of the pack, including the tables other sources had confirmed before it was found
    // (grades 1–6 and 8): the evidence that its grade 7/9 columns are copied faithfully.
    pack.items[c.item].tables[c.key].rows!.forEach(([points, v], i) => {
      if (v !== null) expect(col[i], `${name} ${points}`).toBe(v);
    });
  });

  it('BMI bands (×10, rows 正常下限 / 低体重上限 / 超重下限 / 肥胖下限 per sex) equal the pack for grades 1–9', () => {
    const rows = vb.arrays.BMIData as number[][];
    for (let g = 1; g <= 9; g++)
      for (const [sex, o] of [
        ['M', 0],
        ['F', 4],
      ] as const) {
        const b = pack.bmi.tables[`${g}-${sex}`];
        const at = (r: number) => rows[o + r][g - 1] / 10;
        expect([at(0), at(1), at(2), at(3)], `${g}-${sex}`).toEqual([b.normal[0], b.underweight_max, b.overweight[0], b.obese_min]);
      }
  });
});

describe('sanity of the completed junior tables', () => {
  const items = ['lung_capacity', 'run_50m', 'sit_and_reach', 'standing_long_jump', 'pull_up', 'sit_up_1min', 'run_1000m', 'run_800m'];
  const keys = items.flatMap((item) => (['M', 'F'] as const).filter((s) => pack.items[item].tables[`8-${s}`]).map((s) => [item, s] as const));
  it.each(keys.map(([item, s]) => [`${item} ${s}`, item, s] as const))('%s: grade 7 ≤ grade 8 ≤ grade 9 on every row (times: the reverse)', (_n, item, s) => {
    const [g7, g8, g9] = [7, 8, 9].map((g) => pack.items[item].tables[`${g}-${s}`].rows!);
    const higher = pack.items[item].better === 'higher';
    ROWS.forEach((points, i) => {
      const [a, b, c] = [g7[i][1], g8[i][1], g9[i][1]];
      if (a === null || b === null || c === null) return;
      if (higher) expect(a <= b && b <= c, `${item} ${s} ${points}: ${a} ${b} ${c}`).toBe(true);
      else expect(a >= b && b >= c, `${item} ${s} ${points}: ${a} ${b} ${c}`).toBe(true);
    });
  });
  it('the 100-point cells equal MAX100 for every grade 7/9 table', () => {
    // MAX100 (code-index 19689513859): 肺活量 3640/4240 (M), 2750/3050 (F); 50米 7.8/7.3, 8.1/7.9; 立定跳远 225/250, 196/202;
    // 1000米 3'55" = 235 / 3'40" = 220; 800米 3'35" = 215 / 3'25" = 205.
    const want: Record<string, [number, number]> = {
      'lung_capacity M': [3640, 4240],
      'lung_capacity F': [2750, 3050],
      'run_50m M': [7.8, 7.3],
      'run_50m F': [8.1, 7.9],
      'standing_long_jump M': [225, 250],
      'standing_long_jump F': [196, 202],
      'run_1000m M': [235, 220],
      'run_800m F': [215, 205],
    };
    for (const [k, [g7, g9]] of Object.entries(want)) {
      const [item, s] = k.split(' ');
      expect([cell(item, `7-${s}`, 100), cell(item, `9-${s}`, 100)], k).toEqual([g7, g9]);
    }
  });
});
