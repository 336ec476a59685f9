// The share of teachers meeting the training targets per school and for the district (培训学时达标率): over the 专任
// teachers of the chosen roster, met = #{teachers with hours ≥ target}, share = met / teachers, null when a school has
// no 专任 teacher (no 0/0). District: Σ teachers and Σ met over all schools, share = Σ met / Σ teachers. Pure module.
import type { Post } from '../model.js';
import { meetsWindow, meetsYear, type TrainingTargets } from './target-met.js';
import { hoursOf, type TeacherHours } from './teacher-hours.js';

export interface RosterPost {
  teacherId: string;
  schoolCode: string;
  post: Post;
}

export interface ShareCounts {
  /** 专任 teachers in the roster. */
  teachers: number;
  metYear: number;
  /** metYear / teachers; null when teachers = 0. */
  shareYear: number | null;
  metWindow: number;
  shareWindow: number | null;
}

/** share = met / teachers, null for no teachers. */
export const shareOf = (met: number, teachers: number): number | null => (teachers > 0 ? met / teachers : null);

function counts(teachers: number, metYear: number, metWindow: number): ShareCounts {
  return { teachers, metYear, shareYear: shareOf(metYear, teachers), metWindow, shareWindow: shareOf(metWindow, teachers) };
}

/** Per school (every code in `schools`, in that order; 0 teachers where the roster has none): the 专任 counts and shares. */
export function schoolShares(roster: readonly RosterPost[], hours: Map<string, TeacherHours>, t: TrainingTargets, schools: readonly string[]): Map<string, ShareCounts> {
  const tally = new Map(schools.map((s) => [s, { teachers: 0, metYear: 0, metWindow: 0 }]));
  for (const r of roster) {
    if (r.post !== '专任') continue;
    const c = tally.get(r.schoolCode);
    if (!c) continue;
    const h = hoursOf(hours, r.teacherId);
    c.teachers++;
    if (meetsYear(h.year, t)) c.metYear++;
    if (meetsWindow(h.window, t)) c.metWindow++;
  }
  return new Map([...tally].map(([s, c]) => [s, counts(c.teachers, c.metYear, c.metWindow)]));
}

/** The district: Σ over the schools' counts, shares of the sums. */
export function districtShares(perSchool: Iterable<ShareCounts>): ShareCounts {
  let teachers = 0;
  let metYear = 0;
  let metWindow = 0;
  for (const c of perSchool) {
    teachers += c.teachers;
    metYear += c.metYear;
    metWindow += c.metWindow;
  }
  return counts(teachers, metYear, metWindow);
}
