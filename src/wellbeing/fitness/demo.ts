// The demo county's fitness results (体质健康测试) for given school years: every demo pupil (../demo-pupils.ts) with
// made-up but plausible raw results, scored by the national pack exactly as an import is (annualScore) and written
// with the store's replaceFitness, one transaction per year. Raw results are drawn on each table of the pack itself:
// a pupil's "points level" for an item = a persistent ability (from the pupil's trait) + the school's own level + a
// yearly draw, turned into a result by reading the grade and sex's table between its rows — so results sit around
// the tables' middles, most pupils 及格–良好, about one in five 优秀 and about one in eighteen 不及格 (the district's
// 达标率 near 94–95 %, so that some schools meet the 95 % target and others do not). Rural schools run a little
// better and blow and skip a little worse. An item a pack had no table for would get results read from the nearest
// grade's table, and its pupils' totals would stay open, as in a real import.
// Deterministic: the same registry gives the same results.
import type { Db } from '../../core/db/index.js';
import { DEMO_YEARS, mulberry32, hashString } from '../../registry/demo.js';
import { registrySchools } from '../../registry/lookup.js';
import { demoPupils, type DemoPupil } from '../demo-pupils.js';
import { replaceFitness, type NewFitnessRow } from '../store.js';
import { annualScore, weightsOf } from './annual-score.js';
import { loadFitnessPack, type FitnessPack, type Sex } from './pack.js';

/** The demo's knobs, in "points" of an item table (its rows run 10 … 100). */
export const DEMO_FITNESS = {
  /** Mean and spread of a pupil's points level. */
  mean: 80,
  spread: 16.5,
  /** Share of the spread that is the pupil's own, persistent ability (the rest is the day's form, per item). */
  ability: 0.72,
  /** Spread of the schools' own levels, and the shift of rural schools on endurance / on lung and rope. */
  school: 5,
  ruralEndurance: 3,
  ruralPower: -3,
  /** Change per school year (a slow improvement). */
  perYear: 0.6,
  /** Share of pupils with one result missing (absent on the day). */
  missing: 0.012,
} as const;

const ENDURANCE = new Set(['run_1000m', 'run_800m', 'shuttle_50x8', 'run_50m']);
const POWER = new Set(['lung_capacity', 'rope_1min']);
/** Typical height (cm) by grade 1–9 for boys and girls. */
const HEIGHT: Record<Sex, number[]> = {
  M: [122, 128, 133, 139, 144, 150, 157, 164, 169],
  F: [121, 127, 132, 139, 145, 151, 156, 158, 159],
};
/** Decimals each item is written with (mL, counts, cm and run seconds whole; 50 m and sit-and-reach to 0.1). */
const DECIMALS: Record<string, number> = { run_50m: 1, sit_and_reach: 1 };

/** Approximate standard normal quantile (Tukey's lambda approximation; plenty for demo draws). */
const probit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return 4.91 * (q ** 0.14 - (1 - q) ** 0.14);
};
const normal = (r: () => number) => probit(r());

/** The rows of a table of the pack for an item, grade and sex, or of the nearest grade with one (and how far it is). */
function tableFor(pack: FitnessPack, item: string, grade: number, sex: Sex): { rows: [number, number][]; shift: number } | null {
  const tables = pack.items[item]?.tables ?? {};
  const candidates = Object.entries(tables)
    .filter(([k, t]) => k.endsWith(`-${sex}`) && t.rows && t.status !== 'not-found')
    .map(([k, t]) => ({ g: Number(k.split('-')[0]), rows: t.rows!.filter((r): r is [number, number] => r[1] !== null) }))
    .sort((a, b) => Math.abs(a.g - grade) - Math.abs(b.g - grade) || a.g - b.g);
  const c = candidates[0];
  return c ? { rows: c.rows, shift: (grade - c.g) * 4 } : null;
}

/** The result at a points level, read linearly between the table's rows (beyond its ends: the end rows' step). */
export function resultAt(rows: readonly [number, number][], points: number): number {
  const n = rows.length;
  if (points >= rows[0][0]) return rows[0][1] + ((points - rows[0][0]) / (rows[0][0] - rows[1][0])) * (rows[0][1] - rows[1][1]);
  if (points <= rows[n - 1][0]) return rows[n - 1][1] - ((rows[n - 1][0] - points) / (rows[n - 2][0] - rows[n - 1][0])) * (rows[n - 2][1] - rows[n - 1][1]);
  for (let i = 1; i < n; i++)
    if (points >= rows[i][0]) {
      const [p1, t1] = rows[i - 1];
      const [p0, t0] = rows[i];
      return t0 + ((points - p0) / (p1 - p0)) * (t1 - t0);
    }
  return rows[n - 1][1];
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export interface DemoResult {
  pupil: DemoPupil;
  heightCm: number;
  weightKg: number;
  results: Record<string, number>;
}

/** Raw results of the year's pupils (no database): `rural` = school codes of rural schools; results improve a little each year after `firstYear`. */
export function demoFitnessResults(pack: FitnessPack, pupils: readonly DemoPupil[], rural: ReadonlySet<string>, year: number, firstYear = DEMO_YEARS[0]): DemoResult[] {
  const K = DEMO_FITNESS;
  const schoolLevel = new Map<string, number>();
  const tables = new Map<string, ReturnType<typeof tableFor>>();
  const table = (item: string, grade: number, sex: Sex) => {
    const k = `${item}|${grade}|${sex}`;
    if (!tables.has(k)) tables.set(k, tableFor(pack, item, grade, sex));
    return tables.get(k)!;
  };
  const levelOf = (code: string) => {
    let v = schoolLevel.get(code);
    if (v === undefined) schoolLevel.set(code, (v = normal(mulberry32(hashString(`fitness-school-${code}`))) * K.school));
    return v;
  };
  return pupils.map((p) => {
    const r = mulberry32(hashString(`fitness-${p.studentId}-${year}`));
    const isRural = rural.has(p.schoolCode);
    const ability = probit(p.trait);
    const base = K.mean + levelOf(p.schoolCode) + (year - firstYear) * K.perYear;
    // Height and BMI: mostly within the normal band, some over (fewer in rural schools) and some under.
    const heightCm = round(HEIGHT[p.sex][p.grade - 1] + normal(r) * 6, 1);
    const band = pack.bmi.tables[`${p.grade}-${p.sex}`];
    const u = r();
    const [lo, hi] = band.normal;
    const over = isRural ? 0.1 : 0.14;
    const obese = isRural ? 0.05 : 0.08;
    const bmi =
      u < 0.05
        ? band.underweight_max - r() * 1.2
        : u < 0.05 + obese
          ? band.obese_min + r() * 3
          : u < 0.05 + obese + over
            ? band.overweight[0] + r() * (band.overweight[1] - band.overweight[0])
            : lo + (0.15 + 0.7 * r()) * (hi - lo);
    const weightKg = round(bmi * (heightCm / 100) ** 2, 1);

    const items = Object.keys(weightsOf(pack, p.grade, p.sex) ?? {}).filter((i) => i !== 'bmi');
    const skip = r() < K.missing ? items[Math.floor(r() * items.length)] : null;
    const results: Record<string, number> = {};
    for (const item of items) {
      const t = table(item, p.grade, p.sex);
      const z = K.ability * ability + Math.sqrt(1 - K.ability ** 2) * normal(r);
      if (!t || item === skip) continue;
      const ruralShift = isRural ? (ENDURANCE.has(item) ? K.ruralEndurance : POWER.has(item) ? K.ruralPower : 0) : 0;
      const points = base + ruralShift + t.shift + z * K.spread;
      const v = round(resultAt(t.rows, points), DECIMALS[item] ?? 0);
      results[item] = pack.items[item].better === 'lower' ? Math.max(v, 1) : item === 'sit_and_reach' ? v : Math.max(v, 0);
    }
    return { pupil: p, heightCm, weightKg, results };
  });
}

/** A scored row of fitness_results, as WellbeingService.importFitness writes it. */
export function demoRow(pack: FitnessPack, districtId: string, year: number, d: DemoResult, row: number): NewFitnessRow {
  const s = annualScore(pack, d.pupil.grade, d.pupil.sex, { heightCm: d.heightCm, weightKg: d.weightKg, results: d.results });
  return {
    districtId,
    year,
    studentId: d.pupil.studentId,
    schoolCode: d.pupil.schoolCode,
    grade: d.pupil.grade,
    sex: d.pupil.sex,
    heightCm: d.heightCm,
    weightKg: d.weightKg,
    results: d.results,
    packId: pack.id,
    packVersion: pack.version,
    bmi: s.bmi,
    items: s.items.map((i) => ({ item: i.item, weight: i.weight, value: i.value, points: i.points, status: i.status })),
    standard: s.standard,
    bonus: s.bonus,
    total: s.total,
    level: s.level,
    openReason: s.total !== null ? null : s.items.some((i) => i.status === 'not-found') ? 'table-not-found' : 'missing-result',
    row,
    importedBy: 'demo',
  };
}

/** Writes the demo fitness results of each year (every demo pupil), one transaction per year. */
export async function loadDemoFitness(db: Db, districtId: string, years: readonly number[]): Promise<{ year: number; pupils: number }[]> {
  const pack = loadFitnessPack();
  const schools = await registrySchools(db, districtId);
  const rural = new Set(schools.filter((s) => s.location === '乡村').map((s) => s.code));
  const out: { year: number; pupils: number }[] = [];
  for (const year of years) {
    const pupils = await demoPupils(db, districtId, year);
    const rows = demoFitnessResults(pack, pupils, rural, year).map((d, i) => demoRow(pack, districtId, year, d, i + 2));
    await replaceFitness(db, districtId, year, [...new Set(rows.map((r) => r.schoolCode))].sort(), rows);
    out.push({ year, pupils: rows.length });
  }
  return out;
}
