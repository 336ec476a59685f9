// 总分 and 全科合格率. 总分 = Σ subject scores, only for students with a score in every subject (NaN otherwise).
// 全科合格率 (standards.md §4.3, denominator UNCONFIRMED there; chosen here): #{students with a score in every
// subject and every score ≥ its subject's pass cut} / #{students with a score in every subject} — the 总分 students.
import type { Grouping } from './grouping.js';

export interface TotalsAndAllPass {
  /** Per student: Σ scores, NaN when any subject has no score. */
  total: Float64Array;
  /** Per student: 1 when every subject is present and passed. */
  allPass: Uint8Array;
}

/** @param passCuts per subject, the 合格 cut in points */
/** @param total an optional zeroed output array of length students */
export function totalsAndAllPass(scores: readonly Float64Array[], passCuts: readonly number[], students: number, total = new Float64Array(students)): TotalsAndAllPass {
  const fail = new Uint8Array(students);
  scores.forEach((col, j) => {
    const cut = passCuts[j];
    for (let i = 0; i < students; i++) {
      const v = col[i];
      total[i] += v;
      if (!(v >= cut)) fail[i] = 1; // NaN fails too
    }
  });
  const allPass = fail; // reuse: 1 − fail
  for (let i = 0; i < students; i++) allPass[i] = fail[i] ^ 1;
  return { total, allPass };
}

export interface GroupCounts {
  district: number;
  schools: Int32Array;
  classes: Int32Array;
}

/** Σ flag per district, school and class (students without a class count in their school). */
export function countFlags(flags: Uint8Array, g: Grouping): GroupCounts {
  const cells = new Int32Array(g.cellCount);
  for (let i = 0; i < flags.length; i++) if (flags[i]) cells[g.cell[i]]++;
  const schools = new Int32Array(g.schoolCount);
  for (let c = 0; c < g.cellCount; c++) schools[g.cellSchool[c]] += cells[c];
  let district = 0;
  for (const s of schools) district += s;
  return { district, schools, classes: cells.slice(0, g.classCount) };
}

/** 全科合格率 of a group: passed / students with a 总分; null for none. */
export const allPassRate = (passed: number, withTotal: number): number | null => (withTotal === 0 ? null : passed / withTotal);
