// Uncorrected distance acuity as a screening file gives it, on the 5-point record (五分记录 L, 3.0–5.3, in steps of
// 0.1) or as decimal acuity (小数视力 V, 0.1–2.0), converted to the 5-point record by the rows of the standard
// logarithmic chart (GB 11533 标准对数视力表: 0.1 0.12 0.15 0.2 0.25 0.3 0.4 0.5 0.6 0.8 1.0 1.2 1.5 2.0 ↔ 4.0 … 5.3).
// A decimal value between two rows means the pupil read the lower row (the chart has nothing between), so V maps to
// the highest row whose decimal ≤ V: 0.9 → 0.8 → 4.9, 0.95 → 4.9, 0.7 → 0.6 → 4.8 (not 5 + lg V rounded, which
// puts 0.9 on 5.0). The two ranges do not overlap, so a value says which record it is on. Kept as whole tenths
// (50 = 5.0) and hundredths of decimal acuity: compared in integers, no float drift.
import type { VisionRule } from './rule.js';

export type AcuityRanges = VisionRule['acuity'];

/** A number with at most `decimals` decimals: 5, 4.9, 0.25, -0.625. */
const numberWith = (decimals: number) => new RegExp(`^[+-]?\\d+(\\.\\d{1,${decimals}})?$`);
const ONE_DECIMAL = numberWith(1);
const TWO_DECIMALS = numberWith(2);

/** The 5-point record in tenths (49 = 4.9) of a cell's text, 'empty' for an empty cell, or null when it is no acuity. */
export function acuityTenths(text: string, ranges: AcuityRanges): number | 'empty' | null {
  const t = text.trim().replace(/^＋/, '+');
  if (t === '') return 'empty';
  const v = Number(t);
  if (ONE_DECIMAL.test(t) && v >= ranges.fivePoint.min && v <= ranges.fivePoint.max) return Math.round(v * 10);
  if (TWO_DECIMALS.test(t) && v >= ranges.decimal.min && v <= ranges.decimal.max) return tenthsOfDecimal(v);
  return null;
}

/** The chart's rows (GB 11533): decimal acuity in hundredths and its 5-point record in tenths, ascending. */
export const CHART_ROWS: readonly (readonly [hundredths: number, tenths: number])[] = [
  [10, 40],
  [12, 41],
  [15, 42],
  [20, 43],
  [25, 44],
  [30, 45],
  [40, 46],
  [50, 47],
  [60, 48],
  [80, 49],
  [100, 50],
  [120, 51],
  [150, 52],
  [200, 53],
];

/** The 5-point record in tenths of a decimal acuity (0.1–2.0, at most two decimals): the highest chart row read, decimal ≤ V. */
export function tenthsOfDecimal(v: number): number {
  const h = Math.round(v * 100);
  let out = CHART_ROWS[0][1];
  for (const [d, l] of CHART_ROWS) if (d <= h) out = l;
  return out;
}
