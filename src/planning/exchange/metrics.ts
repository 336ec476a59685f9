// The balance measures of an exchange plan. μ = district 骨干 / district students; D = Σ_s |B_s − μ·P_s| (the
// optimiser's objective: 骨干 away from each school's fair share, in teachers); CV = the student-weighted 差异系数 of
// 骨干 per 100 students, computed by the balance engine's studentWeightedCv (教督〔2012〕3号).
import { studentWeightedCv } from '../../balance/weighted-cv.js';
import type { ExchangeSchool } from './model.js';

/** μ = Σ B_s / Σ P_s (0 when the district has no students). */
export function backbonePerStudent(schools: readonly ExchangeSchool[], backbone: ReadonlyMap<string, number>): number {
  let b = 0;
  let p = 0;
  for (const s of schools) {
    b += backbone.get(s.schoolCode) ?? 0;
    p += s.students;
  }
  return p > 0 ? b / p : 0;
}

/** D = Σ_s |B_s − μ·P_s| over the schools, with μ from these same counts (moves keep the district total). */
export function backboneDeviation(schools: readonly ExchangeSchool[], backbone: ReadonlyMap<string, number>): number {
  const mu = backbonePerStudent(schools, backbone);
  let d = 0;
  for (const s of schools) d += Math.abs((backbone.get(s.schoolCode) ?? 0) - mu * s.students);
  return d;
}

/** Student-weighted CV of 骨干 per 100 students; 0 when it is undefined (no 骨干, or no school with students). */
export function backboneCv(schools: readonly ExchangeSchool[], backbone: ReadonlyMap<string, number>): number {
  const r = studentWeightedCv(
    schools.map((s) => ({ students: s.students, numerator: backbone.get(s.schoolCode) ?? 0 })),
    100,
  );
  return r.cv ?? 0;
}
