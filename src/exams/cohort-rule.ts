// Which exams an exam may be compared with (成绩对比): earlier exams of the same cohort (届) — the students who sat
// it. A cohort is told by the school year an exam falls in (from 1 September) minus its grade: grade 8 in May 2024
// and grade 9 in January 2025 are one cohort (school year 2023 − 8 = 2024 − 9 = 2015). An exam without a date cannot
// be placed. Pure: the web's picker and the server's check use the same rule.

export interface Placed {
  id: number;
  date: string | null;
  grade: number;
}

/** The school year (its starting calendar year) of a YYYY-MM-DD date; null without a date. */
export function schoolYearOf(date: string | null): number | null {
  const m = date ? /^(\d{4})-(\d{2})-\d{2}$/.exec(date) : null;
  if (!m) return null;
  const year = Number(m[1]);
  return Number(m[2]) >= 9 ? year : year - 1;
}

/** The cohort of an exam: school year − grade; null without a date. */
export function cohortOf(e: Pick<Placed, 'date' | 'grade'>): number | null {
  const y = schoolYearOf(e.date);
  return y === null ? null : y - e.grade;
}

/** May `earlier` be compared with `exam`: a different exam of the same cohort, dated before it? */
export function comparable(exam: Placed, earlier: Placed): boolean {
  if (exam.id === earlier.id || !exam.date || !earlier.date) return false;
  const c = cohortOf(exam);
  return c !== null && c === cohortOf(earlier) && earlier.date < exam.date;
}
