// 差异系数: student-weighted coefficient of variation between schools (教督〔2012〕3号 说明; used for 教督〔2017〕6号).
// X̄ = Σ N_i / Σ P_i (the district aggregate ratio), S = √(Σ P_i (X_i − X̄)² / P), CV = S / X̄.
// Plain float64 in TypeScript: at most a few thousand schools per level, no reason to go to SQL.

export interface SchoolRatioInput {
  /** 在校生数 P_i */
  students: number;
  /** The indicator's numerator N_i (teachers, m², yuan, books …) */
  numerator: number;
}

export interface WeightedCv {
  /** Schools that counted (students > 0). */
  n: number;
  students: number;
  /** X̄ in the indicator's unit (× scale). */
  mean: number;
  /** S, population form weighted by students. */
  sd: number;
  /** S / X̄; null when X̄ is 0 (undefined) or no school counted. */
  cv: number | null;
}

/**
 * @param scale 1 for per-student indicators, 100 for "per 100 students" (每百名学生).
 * Schools with no students carry no weight and are left out (their ratio is undefined).
 */
export function studentWeightedCv(schools: readonly SchoolRatioInput[], scale = 1): WeightedCv {
  const students = new Float64Array(schools.length);
  const numerators = new Float64Array(schools.length);
  schools.forEach((s, i) => {
    students[i] = s.students;
    numerators[i] = s.numerator;
  });
  return studentWeightedCvOfArrays(students, numerators, schools.length, scale);
}

/** The same CV over the first `count` entries of parallel typed arrays (the evaluator's hot path: no objects). */
export function studentWeightedCvOfArrays(students: Float64Array, numerators: Float64Array, count: number, scale = 1): WeightedCv {
  let P = 0;
  let N = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (!(students[i] > 0)) continue;
    P += students[i];
    N += numerators[i];
    n++;
  }
  if (n === 0) return { n: 0, students: 0, mean: 0, sd: 0, cv: null };
  const mean = (N / P) * scale;
  let ss = 0;
  for (let i = 0; i < count; i++) {
    const p = students[i];
    if (!(p > 0)) continue;
    const d = (numerators[i] / p) * scale - mean;
    ss += p * d * d;
  }
  const sd = Math.sqrt(ss / P);
  return { n, students: P, mean, sd, cv: mean === 0 ? null : sd / mean };
}
