// 差异系数 of a share across schools, weighted by students (the balance engine's weighting, src/balance/weighted-cv.ts,
// for indicators that are shares x_i = a_i / b_i rather than per-student ratios): X̄ = Σ P_i x_i / Σ P_i,
// S = √(Σ P_i (x_i − X̄)² / Σ P_i), CV = S / X̄. Pure.
import type { WeightedCv } from '../../balance/weighted-cv.js';

export interface SchoolShareInput {
  /** 在校生数 P_i (the weight). */
  students: number;
  /** a_i (骨干, 研究生, teachers of an age band …). */
  numerator: number;
  /** b_i (专任 teachers). */
  denominator: number;
}

/**
 * Schools with no students (no weight) or no 专任 teachers (x_i undefined) are left out; CV is null when no school
 * counts or X̄ = 0.
 */
export function studentWeightedCvOfShares(schools: readonly SchoolShareInput[]): WeightedCv {
  const counted = schools.filter((s) => s.students > 0 && s.denominator > 0);
  if (counted.length === 0) return { n: 0, students: 0, mean: 0, sd: 0, cv: null };
  let P = 0;
  let Px = 0;
  for (const s of counted) {
    P += s.students;
    Px += s.students * (s.numerator / s.denominator);
  }
  const mean = Px / P;
  let ss = 0;
  for (const s of counted) {
    const d = s.numerator / s.denominator - mean;
    ss += s.students * d * d;
  }
  const sd = Math.sqrt(ss / P);
  return { n: counted.length, students: P, mean, sd, cv: mean === 0 ? null : sd / mean };
}
