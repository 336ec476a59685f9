// Quality bands (standards.md §4.4). 区分度 D: ≥ 0.40 very good, 0.30–0.39 good, 0.20–0.29 passable (revise),
// ≤ 0.19 poor (revise or drop). 难度 P: > 0.8 too easy, < 0.2 too hard, 0.3–0.7 suitable; between them (0.2–0.3,
// 0.7–0.8) "hard" and "easy". Values are rounded to 1e-9 first so that 0.4 − 1e-17 is still 0.40. α > 0.7 acceptable.

export type DiscriminationBand = 'very_good' | 'good' | 'passable' | 'poor';
export type DifficultyBand = 'too_hard' | 'hard' | 'suitable' | 'easy' | 'too_easy';

const r9 = (x: number) => Math.round(x * 1e9) / 1e9;

export function discriminationBand(d: number | null): DiscriminationBand | null {
  if (d === null) return null;
  const x = r9(d);
  return x >= 0.4 ? 'very_good' : x >= 0.3 ? 'good' : x >= 0.2 ? 'passable' : 'poor';
}

export function difficultyBand(p: number | null): DifficultyBand | null {
  if (p === null) return null;
  const x = r9(p);
  return x < 0.2 ? 'too_hard' : x < 0.3 ? 'hard' : x <= 0.7 ? 'suitable' : x <= 0.8 ? 'easy' : 'too_easy';
}

/** α > 0.7, "usually called acceptable" (standards.md §4.4). */
export const alphaAcceptable = (alpha: number | null): boolean | null => (alpha === null ? null : r9(alpha) > 0.7);
