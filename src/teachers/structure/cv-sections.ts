// The 学段 units of the structure's 差异系数, as the balance engine splits schools (src/balance/from-registry.ts): the
// CVs are computed separately for 小学 and 初中. A 小学 or 教学点 school is a 小学 unit, an 初中 school an 初中 unit; a
// 九年一贯制 / 十二年一贯制 school is split by its roster rows' 学部 — its 小学-section teachers with its grade 1–6
// students, its 初中-section teachers with its grade 7–9 students; a 完全中学 counts with its 初中 part only; 高中
// sections and grades 10–12 are left out. A row without a section (or with one the school lacks) counts under the
// school's first section (roster/sections.ts sectionOf, as derive does). Pure.
import { SCHOOL_LEVELS, type SchoolLevel } from '../../registry/model.js';
import type { GradeEnrolment } from '../../registry/types.js';
import type { Section } from '../model.js';
import { sectionOf, sectionsOfLevel } from '../roster/sections.js';
import { CV_SECTIONS, type CvSection } from './contract.js';
import type { CountedRow } from './counts.js';

/** 在校生 by section: grades 1–6 小学, 7–9 初中, 10–12 高中. */
export type SectionStudents = Record<Section, number>;

export function studentsBySection(enrolments: readonly GradeEnrolment[]): SectionStudents {
  const s: SectionStudents = { 小学: 0, 初中: 0, 高中: 0 };
  for (const e of enrolments) {
    if (e.grade >= 1 && e.grade <= 6) s.小学 += e.students;
    else if (e.grade >= 7 && e.grade <= 9) s.初中 += e.students;
    else if (e.grade >= 10 && e.grade <= 12) s.高中 += e.students;
  }
  return s;
}

export interface CvUnit<R> {
  section: CvSection;
  /** The section's students; null = unknown (no statistics of the year). */
  students: number | null;
  rows: R[];
}

const isLevel = (l: string): l is SchoolLevel => (SCHOOL_LEVELS as readonly string[]).includes(l);
const isCvSection = (s: Section): s is CvSection => (CV_SECTIONS as readonly string[]).includes(s);

/** A school's 小学 / 初中 units (none for a level the registry does not know: no students either). */
export function cvUnits<R extends CountedRow>(level: string, rows: readonly R[], students: SectionStudents | null): CvUnit<R>[] {
  if (!isLevel(level)) return [];
  return sectionsOfLevel(level)
    .filter(isCvSection)
    .map((section) => ({ section, students: students === null ? null : students[section], rows: rows.filter((r) => sectionOf(level, r.section) === section) }));
}
