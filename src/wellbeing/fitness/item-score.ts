// 单项得分 of the 2014 fitness standard: the points of the highest row whose threshold the result reaches —
// value ≥ threshold for items where more is better, time ≤ threshold for runs — and 0 below the lowest row; rows the
// official table leaves empty are skipped (a pull-up count between two listed rows scores the lower one). Results
// and thresholds are compared in tenths (every unit of the standard has at most one decimal), so 10.2 s meets 10.2.
import type { FitnessPack, Sex } from './pack.js';

export type ItemScore =
  | { points: number; status: 'verified' | 'partial' | 'single-source' }
  /** No table for this grade and sex in the pack (not found in any source, or the item does not apply). */
  | { points: null; status: 'not-found' | 'not-applicable' };

export const tenths = (v: number): number => Math.round(v * 10);

export function scoreItem(pack: FitnessPack, item: string, grade: number, sex: Sex, value: number): ItemScore {
  const def = pack.items[item];
  const table = def?.tables[`${grade}-${sex}`];
  if (!def || !table) return { points: null, status: 'not-applicable' };
  if (!table.rows || table.status === 'not-found') return { points: null, status: 'not-found' };
  const v = tenths(value);
  for (const [points, threshold] of table.rows) {
    if (threshold === null) continue;
    const t = tenths(threshold);
    if (def.better === 'higher' ? v >= t : v <= t) return { points, status: table.status };
  }
  return { points: 0, status: table.status };
}

/** The 100-point threshold of an item for a grade and sex (the base of its bonus), or null. */
export function fullMarkThreshold(pack: FitnessPack, item: string, grade: number, sex: Sex): number | null {
  const rows = pack.items[item]?.tables[`${grade}-${sex}`]?.rows;
  return rows?.find(([p]) => p === 100)?.[1] ?? null;
}
