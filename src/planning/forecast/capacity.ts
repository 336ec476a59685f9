// From a school-year's forecast students to classes and classrooms (班数与教室): classes needed per grade
// = ⌈students / standard size of the grade⌉ (classes.ts; admissions-planning methods, "Seat forecast v1"), summed over
// the grades; against the school's classroom stock R (普通教室):
//   shortfall     = max(0, classes − R)                                 — classes without a room;
//   seatShortfall = ⌈shortfall × S / classes⌉, S = Σ classes_g × standard_g — the seats (学位) of the classes without a
//                   room at the mean standard size of the classes needed (学位 = 班数 × 标准班额: 45 per primary class);
//   overCapacity  = classes > R;
//   大班额 forced = round(students) > (large − 1) × R: with R rooms some class must then hold ≥ large pupils (pigeonhole),
//                   超大班额 likewise with huge (国发〔2016〕40号: 大班额 56–65, 超大班额 ≥ 66; the pack's numbers).
// Pure: plain numbers in and out, integers compared without floating drift.
import { standardSizeOf, type ClassSizeThresholds } from '../../balance/class-size.js';
import { wholeShortfall } from '../../core/format.js';
import { classesNeeded } from './classes.js';

export interface GradeStudents {
  grade: number;
  students: number;
}

export interface Capacity {
  /** Per grade: the classes needed. */
  grades: { grade: number; students: number; classes: number }[];
  students: number;
  classes: number;
  /** Standard seats of the classes needed, S = Σ classes_g × standard_g. */
  standardSeats: number;
  shortfall: number | null;
  seatShortfall: number | null;
  spare: number | null;
  overCapacity: boolean | null;
  largeClass: 'large' | 'huge' | null;
}

/** Classes, shortfalls and flags of one school-year; `classrooms` null: the stock is unknown (no shortfall, no flags). */
export function capacityOf(grades: readonly GradeStudents[], classrooms: number | null, t: ClassSizeThresholds): Capacity {
  let students = 0;
  let classes = 0;
  let standardSeats = 0;
  const out: Capacity['grades'] = [];
  for (const g of grades) {
    const size = standardSizeOf(t, g.grade);
    const c = classesNeeded(g.students, size);
    out.push({ grade: g.grade, students: g.students, classes: c });
    students += g.students;
    classes += c;
    standardSeats += c * size;
  }
  if (classrooms === null) return { grades: out, students, classes, standardSeats, shortfall: null, seatShortfall: null, spare: null, overCapacity: null, largeClass: null };
  const R = classrooms;
  const shortfall = Math.max(0, classes - R);
  // shortfall × S / classes: exact for a school of one level (S / classes = its standard size); none short: 0.
  const seatShortfall = shortfall === 0 ? 0 : wholeShortfall((shortfall * standardSeats) / classes);
  const whole = Math.round(students);
  const largeClass = whole > (t.huge - 1) * R ? 'huge' : whole > (t.large - 1) * R ? 'large' : null;
  return { grades: out, students, classes, standardSeats, shortfall, seatShortfall, spare: Math.max(0, R - classes), overCapacity: classes > R, largeClass: whole === 0 ? null : largeClass };
}
