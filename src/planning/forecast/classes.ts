// Classes needed (所需班数) = ⌈students / class-size standard⌉ on the unrounded forecast (admissions-planning
// methods, "Seat forecast v1"; 45 for grades 1–6, 50 for 7–9 unless the local pack says otherwise).
// Floating noise: a forecast is a product of ratios, so a cohort of exactly 90 may come out as 90.0000000001. A
// value within 1e-9 × max(1, students) of a whole multiple of the standard counts as that multiple; anything
// farther (90.000001 with 45 → 3 classes) needs the extra class; a value within 1e-9 of 0 needs no class.

/** Relative tolerance under which students equal to a multiple of the class size are treated as that multiple. */
export const CLASS_NOISE = 1e-9;

/** The class-size standard of a grade (班额标准): 45 for grades 1–6, 50 for 7 and above. */
export const standardClassSize = (grade: number): number => (grade <= 6 ? 45 : 50);

export function classesNeeded(students: number, standardSize: number): number {
  if (!Number.isInteger(standardSize) || standardSize < 1) throw new Error(`班额标准须为正整数 / the class-size standard must be a whole number ≥ 1 (got ${String(standardSize)})`);
  if (!Number.isFinite(students) || students < 0) throw new Error(`学生数须为非负数 / students must be a number ≥ 0 (got ${String(students)})`);
  if (students === 0) return 0;
  const nearest = Math.round(students / standardSize);
  if (Math.abs(students - nearest * standardSize) <= CLASS_NOISE * Math.max(1, students)) return nearest;
  return Math.ceil(students / standardSize);
}
