// Hours per teacher (每位教师的培训学时): in a calendar year, Σ of the credited hours of the courses ending that year; over
// the window, Σ over the calendar years [year − windowYears + 1, year] (教督〔2017〕6号: 5 years, this one included).
// A teacher with no attendance has 0 h. Sums are rounded to 6 decimals so that 0.1-hour credits add up exactly
// (95.99999999999999 would otherwise miss the 96 h target). Pure module.
import { roundTo } from '../../core/format.js';
import { creditedYear } from './credited-year.js';

/** One attendance with its course's end date (the date decides the calendar year). */
export interface CreditedHours {
  teacherId: string;
  hours: number;
  endDate: string;
}

export interface TeacherHours {
  /** Σ hours of courses ending in the calendar year. */
  year: number;
  /** Σ hours of courses ending in the window's years. */
  window: number;
}

/** hours = Σ credited hours, to 6 decimals. */
export const sumHours = (hs: number[]): number =>
  roundTo(
    hs.reduce((s, h) => s + h, 0),
    6,
  );

/** Per teacher: the hours of `year` and of the window of `windowYears` years ending in it (only teachers with attendance appear). */
export function teacherHours(rows: CreditedHours[], year: number, windowYears: number): Map<string, TeacherHours> {
  const parts = new Map<string, { year: number[]; window: number[] }>();
  for (const r of rows) {
    const y = creditedYear(r.endDate);
    if (y > year || y <= year - windowYears) continue;
    const p = parts.get(r.teacherId) ?? { year: [], window: [] };
    p.window.push(r.hours);
    if (y === year) p.year.push(r.hours);
    parts.set(r.teacherId, p);
  }
  return new Map([...parts].map(([id, p]) => [id, { year: sumHours(p.year), window: sumHours(p.window) }]));
}

/** A teacher's hours (0 h when they attended nothing). */
export const hoursOf = (m: Map<string, TeacherHours>, teacherId: string): TeacherHours => m.get(teacherId) ?? { year: 0, window: 0 };

/** Hours per calendar year of one teacher's attendance: year → Σ hours (years without attendance left out). */
export function hoursByYear(rows: Omit<CreditedHours, 'teacherId'>[]): Map<number, number> {
  const parts = new Map<number, number[]>();
  for (const r of rows) {
    const y = creditedYear(r.endDate);
    parts.set(y, [...(parts.get(y) ?? []), r.hours]);
  }
  return new Map([...parts].map(([y, hs]) => [y, sumHours(hs)]));
}
