// BMI of the 2014 fitness standard: kg / m², read to 0.1 (half up — the standard's own rounding was not found, so the
// rounding is a parameter), then 100 points in the normal band, 80 underweight or overweight, 60 obese.
import type { FitnessPack, Sex } from './pack.js';
import { tenths } from './item-score.js';

export type BmiBand = 'normal' | 'underweight' | 'overweight' | 'obese';

/** BMI = kg / m², rounded to one decimal (half up by default; 'floor' truncates, as some systems do). */
export function bmiOf(weightKg: number, heightCm: number, rounding: 'half-up' | 'floor' = 'half-up'): number | null {
  if (!(weightKg > 0) || !(heightCm > 0)) return null;
  const raw = weightKg / (heightCm / 100) ** 2;
  // Read through 12 significant digits first so that 22.45 computed as 22.4499999 still rounds to 22.5.
  const x = Number(raw.toPrecision(12)) * 10;
  return (rounding === 'floor' ? Math.floor(x) : Math.floor(x + 0.5)) / 10;
}

export function bmiBand(pack: FitnessPack, grade: number, sex: Sex, bmi: number): { band: BmiBand; points: number } | null {
  const t = pack.bmi.tables[`${grade}-${sex}`];
  if (!t) return null;
  const b = tenths(bmi);
  const band: BmiBand = b <= tenths(t.underweight_max) ? 'underweight' : b >= tenths(t.obese_min) ? 'obese' : b >= tenths(t.overweight[0]) ? 'overweight' : 'normal';
  return { band, points: pack.bmi.points[band] };
}
