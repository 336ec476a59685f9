// The fitness report of a school year, built on additive tallies. A tally holds, for one school, grade and sex, only
// counts and integer sums: pupils tested, pupils with a total, the open totals by reason (the pack has no table for
// their grade: never a made-up score; or a result is missing), the four levels, the sum of totals in hundredths, a
// histogram of totals in 10-point bins, and per item the pupils tested and scored, the sum of points, the pupils at
// ≥ 60 points and the item levels (the 等级 column of the standard's item tables: 优秀 100/95/90, 良好 85/80, 及格
// 78…60 — standards.md §7 "Single-item score scale", the pack's levels.item_level_labels). The district, a school or a
// grade is the sum of its tallies, so a year whose pupil rows were purged (retention) reports from its stored tallies
// exactly as from the rows. From the summed tallies: 达标率 (及格及以上 among pupils with a total), 优良率, 优秀率, the
// mean 学年总分, the target met or not (in integers), per-item pass share and mean points, the distribution of totals.
// Small cells: withheld for a caller without pupil-level health rights for the school (../privacy.ts).
import { cellsToSuppress, type Who } from '../privacy.js';
import type { Level } from './annual-score.js';
import { meetsTarget, shortOfTarget } from './targets.js';

export interface ScoredPupil {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F';
  total: number | null;
  level: Level | null;
  openReason: 'table-not-found' | 'missing-result' | null;
  /** The pupil's items (the stored score lines); absent: items are not tallied. */
  items?: readonly { item: string; value: number | null; points: number | null }[];
  /** The pack the pupil was scored with. */
  pack?: { id: string; version: number };
}

/** The lowest item points of each item level (from the pack's item_level_labels). */
export interface ItemLevels {
  excellent: number;
  good: number;
  pass: number;
}

/** Item levels from the pack's `levels.item_level_labels` (优秀 / 良好 / 及格 → the points of each level): each level's lowest points. */
export function itemLevelsOf(labels: Record<string, readonly number[]>): ItemLevels {
  const low = (k: string) => {
    const v = labels[k];
    if (!v?.length) throw new Error(`item_level_labels: ${k} missing`);
    return Math.min(...v);
  };
  return { excellent: low('优秀'), good: low('良好'), pass: low('及格') };
}

/** One item of a tally: counts and the integer sum of points. */
export type ItemTally = {
  /** Pupils with a result for the item. */
  tested: number;
  /** Pupils whose result got points (a table exists). */
  scored: number;
  /** Σ points. */
  points: number;
  /** Pupils at ≥ the item's 及格 line (60 points). */
  passed: number;
  /** Pupils by item level: 优秀 (≥ 90), 良好 (80–89), 及格 (60–79); 不及格 = scored − passed. */
  levels: { excellent: number; good: number; fair: number };
};

/** Bins of the histogram of totals: [0, 10), [10, 20), …, [100, 110), [110, 120]. */
export const HISTOGRAM_BINS = 12;

/** The tally of one school, grade and sex: counts and integer sums only (additive). */
export type FitnessTally = {
  /** The packs the tallied scores were computed with (id and version). */
  packs: { id: string; version: number }[];
  tested: number;
  scored: number;
  tableNotFound: number;
  missingResult: number;
  /** Pupils by the level of their 学年总分. */
  levels: { excellent: number; good: number; fair: number; fail: number };
  /** Σ 学年总分 in hundredths. */
  hundredths: number;
  /** Pupils with a total per 10-point bin (HISTOGRAM_BINS; 120 falls in the last). */
  histogram: number[];
  /** Item key → the item's tally. */
  items: Record<string, ItemTally>;
};

export interface FitnessTallyRow {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F' | '';
  tally: FitnessTally;
}

export const emptyTally = (): FitnessTally => ({
  packs: [],
  tested: 0,
  scored: 0,
  tableNotFound: 0,
  missingResult: 0,
  levels: { excellent: 0, good: 0, fair: 0, fail: 0 },
  hundredths: 0,
  histogram: Array.from({ length: HISTOGRAM_BINS }, () => 0),
  items: {},
});

const emptyItem = (): ItemTally => ({ tested: 0, scored: 0, points: 0, passed: 0, levels: { excellent: 0, good: 0, fair: 0 } });

const LEVEL_KEY: Record<Level, keyof FitnessTally['levels']> = { 优秀: 'excellent', 良好: 'good', 及格: 'fair', 不及格: 'fail' };

/** Adds tally `t` into `into` (every field is a count or a sum). */
export function addTally(into: FitnessTally, t: FitnessTally): FitnessTally {
  for (const p of t.packs) if (!into.packs.some((q) => q.id === p.id && q.version === p.version)) into.packs.push({ ...p });
  into.tested += t.tested;
  into.scored += t.scored;
  into.tableNotFound += t.tableNotFound;
  into.missingResult += t.missingResult;
  for (const k of Object.keys(into.levels) as (keyof FitnessTally['levels'])[]) into.levels[k] += t.levels[k];
  into.hundredths += t.hundredths;
  t.histogram.forEach((n, i) => (into.histogram[i] += n));
  for (const [item, x] of Object.entries(t.items)) {
    const a = (into.items[item] ??= emptyItem());
    a.tested += x.tested;
    a.scored += x.scored;
    a.points += x.points;
    a.passed += x.passed;
    a.levels.excellent += x.levels.excellent;
    a.levels.good += x.levels.good;
    a.levels.fair += x.levels.fair;
  }
  return into;
}

/** Hundredths of a point per histogram bin (10 points). */
export const BIN_HUNDREDTHS = 1000;
/** The histogram bin of a total in hundredths: ⌊h / 1000⌋, the last bin holding 110–120. */
export const binOf = (hundredths: number) => Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(hundredths / BIN_HUNDREDTHS)));

/**
 * Pupils alike in school, grade, sex, pack, level, open reason and histogram bin, counted (`n`) with the sum of their
 * totals in hundredths: what a GROUP BY over the pupil rows gives (store.ts), or one pupil (n = 1).
 */
export interface ScoreGroup {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F' | '';
  pack: { id: string; version: number } | null;
  /** null: the total is open. */
  level: Level | null;
  openReason: ScoredPupil['openReason'];
  bin: number | null;
  n: number;
  hundredths: number;
}

/** Pupils alike in school, grade, sex, item and the item's points (null: a result without points), with a result for the item. */
export interface ItemGroup {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F' | '';
  item: string;
  points: number | null;
  n: number;
}

/** The tallies per school, grade and sex of grouped pupils (items when item groups and the item levels are given). */
export function talliesOf(groups: readonly ScoreGroup[], items?: { groups: readonly ItemGroup[]; levels: ItemLevels }): FitnessTallyRow[] {
  const out = new Map<string, FitnessTallyRow>();
  const rowOf = (g: { schoolCode: string; grade: number; sex: 'M' | 'F' | '' }) => {
    const k = `${g.schoolCode}|${g.grade}|${g.sex}`;
    let row = out.get(k);
    if (!row) out.set(k, (row = { schoolCode: g.schoolCode, grade: g.grade, sex: g.sex, tally: emptyTally() }));
    return row.tally;
  };
  for (const g of groups) {
    const t = rowOf(g);
    if (g.pack && !t.packs.some((q) => q.id === g.pack!.id && q.version === g.pack!.version)) t.packs.push({ ...g.pack });
    t.tested += g.n;
    if (g.level === null) {
      if (g.openReason === 'table-not-found') t.tableNotFound += g.n;
      else t.missingResult += g.n;
      continue;
    }
    t.scored += g.n;
    t.hundredths += g.hundredths;
    t.levels[LEVEL_KEY[g.level]] += g.n;
    t.histogram[g.bin ?? 0] += g.n;
  }
  for (const g of items?.groups ?? []) {
    const lv = items!.levels;
    const a = (rowOf(g).items[g.item] ??= emptyItem());
    a.tested += g.n;
    if (g.points === null) continue;
    a.scored += g.n;
    a.points += g.points * g.n;
    if (g.points >= lv.pass) a.passed += g.n;
    if (g.points >= lv.excellent) a.levels.excellent += g.n;
    else if (g.points >= lv.good) a.levels.good += g.n;
    else if (g.points >= lv.pass) a.levels.fair += g.n;
  }
  return [...out.values()];
}

/** The tallies of pupils per school, grade and sex (items only when the pupils carry them and `itemLevels` is given). */
export function fitnessTallies(pupils: readonly ScoredPupil[], itemLevels?: ItemLevels): FitnessTallyRow[] {
  const groups: ScoreGroup[] = pupils.map((p) => {
    // A total always has a level; one stored without is counted as 不及格 (never as passing).
    const h = p.total === null ? 0 : Math.round(p.total * 100);
    return {
      schoolCode: p.schoolCode,
      grade: p.grade,
      sex: p.sex,
      pack: p.pack ?? null,
      level: p.total === null ? null : (p.level ?? '不及格'),
      openReason: p.openReason,
      bin: p.total === null ? null : binOf(h),
      n: 1,
      hundredths: h,
    };
  });
  const items: ItemGroup[] = itemLevels
    ? pupils.flatMap((p) => (p.items ?? []).filter((i) => i.value !== null).map((i) => ({ schoolCode: p.schoolCode, grade: p.grade, sex: p.sex, item: i.item, points: i.points, n: 1 })))
    : [];
  return talliesOf(groups, itemLevels ? { groups: items, levels: itemLevels } : undefined);
}

export interface FitnessCell {
  /** null: the district. */
  school: string | null;
  /** null: every grade. */
  grade: number | null;
  /** null: both sexes. */
  sex: 'M' | 'F' | null;
  tested: number;
  /** Pupils with a total. */
  scored: number;
  /** Pupils whose total is open because the pack has no table for an item of their grade. */
  tableNotFound: number;
  /** Pupils whose total is open because a result is missing. */
  missingResult: number;
  /** Pupils at 及格 or better (null when withheld). */
  passed: number | null;
  /** Shares of the pupils with a total (0–1); null when none has one or when withheld. */
  passRate: number | null;
  goodRate: number | null;
  excellentRate: number | null;
  meanTotal: number | null;
  /** 达标率 ≥ the target (null when no pupil has a total, or withheld). */
  meetsTarget: boolean | null;
  /** Pupils with a total per 10-point bin of totals (null when withheld). */
  histogram: number[] | null;
  suppressed: boolean;
}

/** A cell's summed tally. */
export interface CellTally {
  school: string | null;
  grade: number | null;
  sex: 'M' | 'F' | null;
  tally: FitnessTally;
}

const sexRank = (s: string | null) => (s === null ? 0 : s === 'M' ? 1 : 2);
const cellOrder = (x: { school: string | null; grade: number | null; sex: string | null }, y: typeof x) =>
  (x.school ?? '').localeCompare(y.school ?? '') || (x.grade ?? 0) - (y.grade ?? 0) || sexRank(x.sex) - sexRank(y.sex);

/** The tallies summed into every cell of the report (district and each school; all, per grade, per grade and sex), district first, then schools in code order. */
export function cellTallies(rows: readonly FitnessTallyRow[]): CellTally[] {
  const acc = new Map<string, CellTally>();
  for (const r of rows)
    for (const school of [null, r.schoolCode])
      for (const [grade, sex] of [
        [null, null],
        [r.grade, null],
        [r.grade, r.sex === '' ? undefined : r.sex],
      ] as const) {
        if (sex === undefined) continue; // sex not recorded: no cell per sex
        const k = `${school ?? '*'}|${grade ?? '*'}|${sex ?? '*'}`;
        let a = acc.get(k);
        if (!a) acc.set(k, (a = { school, grade, sex, tally: emptyTally() }));
        addTally(a.tally, r.tally);
      }
  return [...acc.values()].sort(cellOrder);
}

const passedOf = (t: FitnessTally) => t.levels.excellent + t.levels.good + t.levels.fair;

/** Every cell of the report from the tallies, before suppression. */
export function cellsFromTallies(rows: readonly FitnessTallyRow[], targetPercent: number): FitnessCell[] {
  return cellTallies(rows).map(({ school, grade, sex, tally: a }) => {
    const passed = passedOf(a);
    return {
      school,
      grade,
      sex,
      tested: a.tested,
      scored: a.scored,
      tableNotFound: a.tableNotFound,
      missingResult: a.missingResult,
      passed,
      passRate: a.scored ? passed / a.scored : null,
      goodRate: a.scored ? (a.levels.excellent + a.levels.good) / a.scored : null,
      excellentRate: a.scored ? a.levels.excellent / a.scored : null,
      meanTotal: a.scored ? a.hundredths / a.scored / 100 : null,
      meetsTarget: meetsTarget(passed, a.scored, targetPercent),
      histogram: [...a.histogram],
      suppressed: false,
    };
  });
}

/** Every cell of the report, from the pupils' scores (through their tallies), before suppression. */
export function fitnessCells(pupils: readonly ScoredPupil[], targetPercent: number): FitnessCell[] {
  return cellsFromTallies(fitnessTallies(pupils), targetPercent);
}

const withheld = (c: FitnessCell): FitnessCell => ({ ...c, passed: null, passRate: null, goodRate: null, excellentRate: null, meanTotal: null, meetsTarget: null, histogram: null, suppressed: true });

/** The cells with small cells withheld for this caller (callers with pupil-level health rights for every school: unchanged). */
export function suppressFitnessCells(user: Who, cells: readonly FitnessCell[], min: number): FitnessCell[] {
  const out = cellsToSuppress(user, cells, min, (c) => c.tested);
  return cells.map((c, i) => (out.has(i) ? withheld(c) : c));
}

/** One item's figures in one cell (per grade, or per grade and sex). */
export interface FitnessItemFigure {
  school: string | null;
  grade: number;
  sex: 'M' | 'F' | null;
  item: string;
  tested: number;
  scored: number;
  /** Shares of the pupils scored on the item (0–1): ≥ 60 points, ≥ 80, ≥ 90; null when none or withheld. */
  passRate: number | null;
  goodRate: number | null;
  excellentRate: number | null;
  meanPoints: number | null;
  suppressed: boolean;
}

/** Per-item figures of the cells of one grade (and sex), in cell order then item order of `itemOrder`. */
export function itemFigures(cells: readonly CellTally[], itemOrder: readonly string[]): FitnessItemFigure[] {
  const rank = (k: string) => (itemOrder.includes(k) ? itemOrder.indexOf(k) : itemOrder.length);
  const out: FitnessItemFigure[] = [];
  for (const c of cells) {
    if (c.grade === null) continue;
    for (const [item, x] of Object.entries(c.tally.items).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)))
      out.push({
        school: c.school,
        grade: c.grade,
        sex: c.sex,
        item,
        tested: x.tested,
        scored: x.scored,
        passRate: x.scored ? x.passed / x.scored : null,
        goodRate: x.scored ? (x.levels.excellent + x.levels.good) / x.scored : null,
        excellentRate: x.scored ? x.levels.excellent / x.scored : null,
        meanPoints: x.scored ? x.points / x.scored : null,
        suppressed: false,
      });
  }
  return out;
}

/**
 * Item figures with small cells withheld: a figure is withheld where its cell is (`cellSuppressed`), and, per item,
 * where fewer than `min` pupils were scored on it, with the complementary siblings (../privacy.ts).
 */
export function suppressItemFigures(user: Who, figures: readonly FitnessItemFigure[], min: number, cellSuppressed: (f: FitnessItemFigure) => boolean): FitnessItemFigure[] {
  const byItem = new Map<string, number[]>();
  figures.forEach((f, i) => byItem.set(f.item, [...(byItem.get(f.item) ?? []), i]));
  const out = new Set<number>();
  for (const idx of byItem.values())
    for (const h of cellsToSuppress(
      user,
      idx.map((i) => figures[i]),
      min,
      (f) => f.scored,
    ))
      out.add(idx[h]);
  return figures.map((f, i) => (out.has(i) || cellSuppressed(f) ? { ...f, passRate: null, goodRate: null, excellentRate: null, meanPoints: null, suppressed: true } : f));
}

/** A school short of the target. */
export interface BelowTarget {
  school: string;
  scored: number;
  passRate: number;
  /** Percentage points below the target: target − 100 × passed / scored. */
  gapPoints: number;
  /** Pupils short of the target: ⌈target × scored / 100⌉ − passed. */
  short: number;
}

/**
 * The schools (whole-school cells, not withheld) whose 达标率 is below the target, furthest below first (pass rates
 * compared by cross-multiplication), ties by more pupils short, then school code.
 */
export function schoolsBelowTarget(cells: readonly FitnessCell[], targetPercent: number): BelowTarget[] {
  const list = cells.filter((c): c is FitnessCell & { school: string; passed: number } => c.school !== null && c.grade === null && !c.suppressed && c.passed !== null && c.meetsTarget === false);
  return list
    .map((c) => ({
      school: c.school,
      scored: c.scored,
      passed: c.passed,
      passRate: c.passed / c.scored,
      gapPoints: targetPercent - (100 * c.passed) / c.scored,
      short: shortOfTarget(c.passed, c.scored, targetPercent),
    }))
    .sort((a, b) => a.passed * b.scored - b.passed * a.scored || b.short - a.short || a.school.localeCompare(b.school))
    .map(({ passed: _passed, ...rest }) => rest);
}
