// The demo county's pupils for the wellbeing demo data (fitness, vision, homework and sleep): every pupil the
// registry enrols in a school year, with a made-up 学籍号 that follows the pupil from year to year (the i-th pupil of
// a school's cohort keeps the number while the cohort moves up a grade) and a sex drawn once per pupil. Deterministic:
// the same registry gives the same pupils.
import type { Db } from '../core/db/index.js';
import { enrolmentOfGrade } from '../registry/lookup.js';
import { hashString } from '../registry/demo.js';

export interface DemoPupil {
  studentId: string;
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F';
  /** A stable number in [0, 1) per pupil, for the demo generators' draws that should persist over the years. */
  trait: number;
}

/** The pupils of grades 1–9 enrolled in the district's schools in a school year. */
export async function demoPupils(db: Db, districtId: string, year: number): Promise<DemoPupil[]> {
  const out: DemoPupil[] = [];
  for (let grade = 1; grade <= 9; grade++) {
    const enrolment = await enrolmentOfGrade(db, districtId, year, grade);
    const cohort = year - grade + 1; // the school year the cohort entered grade 1
    for (const [schoolCode, n] of [...enrolment].sort(([a], [b]) => a.localeCompare(b)))
      for (let i = 0; i < n; i++) {
        const studentId = `G${schoolCode.slice(-4)}${cohort}${String(i + 1).padStart(4, '0')}`;
        const h = hashString(studentId);
        out.push({ studentId, schoolCode, grade, sex: h % 2 === 0 ? 'M' : 'F', trait: (h >>> 1) / 2 ** 31 });
      }
  }
  return out;
}
