// Plain data shapes shared by the registry's services, Excel I/O, demo generator and web app.
import type { StatValues } from './fields.js';
import type { School, StatStatus } from './model.js';

export interface GradeEnrolment {
  grade: number; // 1–12
  students: number;
}
export interface ClassSize {
  grade: number;
  classNo: number; // 1, 2, 3 … within the grade
  size: number;
}
/** Everything a school reports for one academic year. */
export interface SchoolYearData {
  values: StatValues; // keyed by StatField.key; null = not reported
  enrolments: GradeEnrolment[];
  classes: ClassSize[];
}
/** A teacher figure typed in that differs from the roster's (src/teachers/roster/derive.ts rosterDifferences). */
export interface TeacherFigureDifference {
  key: string;
  typed: number | null;
  roster: number;
}
export interface SchoolYearRecord extends SchoolYearData {
  schoolCode: string;
  year: number;
  status: StatStatus;
  /** 'roster': the teacher figures follow from the school's teacher roster (read-only here); 'typed': typed in. */
  teachersSource: 'roster' | 'typed';
  /** While the roster's figures stand: the typed-in ones that differ from them (empty otherwise). */
  rosterDifferences: TeacherFigureDifference[];
  reviewComment: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** A problem found in an uploaded file: where it is and why. */
export interface ImportProblem {
  file: string;
  sheet: string;
  row: number; // 1-based Excel row
  column: string; // Excel column letter(s), e.g. "D"
  header: string; // the column's header text
  reason: string; // Chinese, with the English after " / "
}

export interface DemoDistrict {
  districtId: string;
  name: string;
  years: number[];
  schools: School[];
  /** key `${schoolCode}:${year}` */
  stats: Map<string, SchoolYearData>;
}

export const statKey = (schoolCode: string, year: number) => `${schoolCode}:${year}`;
export const studentsOf = (d: Pick<SchoolYearData, 'enrolments'>) => d.enrolments.reduce((s, e) => s + e.students, 0);
