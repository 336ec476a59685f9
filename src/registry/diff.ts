// Field-level differences between two versions of a school's yearly figures, for the audit log.
import { GRADE_ZH, STAT_FIELDS } from './fields.js';
import type { SchoolYearData } from './types.js';

export interface FieldChange {
  field: string; // field key, `students.<grade>` or `class.<grade>.<classNo>`
  label: string; // Chinese label for people reading the log
  oldValue: number | null;
  newValue: number | null;
}

export function diffSchoolYear(before: SchoolYearData | null, after: SchoolYearData): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const fd of STAT_FIELDS) {
    const o = before?.values[fd.key] ?? null;
    const n = after.values[fd.key] ?? null;
    if (o !== n) changes.push({ field: fd.key, label: fd.zh, oldValue: o, newValue: n });
  }
  const grades = new Map<number, [number | null, number | null]>();
  for (const e of before?.enrolments ?? []) grades.set(e.grade, [e.students, null]);
  for (const e of after.enrolments) grades.set(e.grade, [grades.get(e.grade)?.[0] ?? null, e.students]);
  for (const [g, [o, n]] of [...grades].sort((a, b) => a[0] - b[0])) if (o !== n) changes.push({ field: `students.${g}`, label: `${GRADE_ZH[g]}学生数`, oldValue: o, newValue: n });
  const classes = new Map<string, [number | null, number | null, number, number]>();
  for (const c of before?.classes ?? []) classes.set(`${c.grade}.${c.classNo}`, [c.size, null, c.grade, c.classNo]);
  for (const c of after.classes) classes.set(`${c.grade}.${c.classNo}`, [classes.get(`${c.grade}.${c.classNo}`)?.[0] ?? null, c.size, c.grade, c.classNo]);
  for (const [k, [o, n, g, no]] of [...classes].sort((a, b) => a[1][2] - b[1][2] || a[1][3] - b[1][3]))
    if (o !== n) changes.push({ field: `class.${k}`, label: `${GRADE_ZH[g]}${no}班人数`, oldValue: o, newValue: n });
  return changes;
}
