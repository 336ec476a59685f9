// 结转: a school's roster of school year Y started from its roster of Y−1 and the moves that start in school year Y
// (schoolYearOf(startDate) = Y). A teacher whose last move of Y goes elsewhere leaves; a teacher whose last move of Y
// comes here arrives with their person data and post fields of Y−1, school_since = Y (years at the school start again),
// no 工号 (the old school's means nothing here) and the 学部 nearest to the old one that this school has. Everyone else
// of Y−1 stays as they were (age and years at the school follow from the year). A teacher already on another school's
// roster of Y, or an arrival without a row in Y−1, is skipped and named. Pure module.
import type { SchoolLevel } from '../../registry/model.js';
import { SECTIONS, type MoveKind, type RosterTeacher, type Section, type TeacherMove } from '../model.js';
import { sectionsOfLevel } from './sections.js';

export interface CarryForwardInput {
  school: string;
  level: SchoolLevel;
  /** The school year to start (Y). */
  year: number;
  /** The school's roster of Y−1. */
  previous: readonly RosterTeacher[];
  /** The district's moves that start in school year Y, by start date then id. */
  moves: readonly TeacherMove[];
  /** The rows of Y−1 (any school) of the teachers whose last move of Y comes to this school. */
  arrivalsBefore: ReadonlyMap<string, RosterTeacher>;
  /** The level of each school of the district (for the 学部 of an arrival). */
  levelOf: ReadonlyMap<string, SchoolLevel>;
  /** Teachers already on another school's roster of Y: teacher id → school code. */
  elsewhere: ReadonlyMap<string, string>;
}

export interface CarryMover {
  teacherId: string;
  name: string;
  /** The other school: where the leaver goes, where the arrival comes from. */
  schoolCode: string;
  kind: MoveKind;
  /** The arrival's 学部 differs from the one of Y−1 (this school has not that section): check it. */
  sectionChanged?: boolean;
}

export interface CarrySkip {
  teacherId: string;
  name: string | null;
  reason: string;
}

export interface CarryForwardPlan {
  rows: RosterTeacher[];
  stayed: number;
  left: CarryMover[];
  arrived: CarryMover[];
  skipped: CarrySkip[];
}

/** The section at a school of `level` for a teacher of `section` (null: a single-level school's) at a school of `fromLevel`. */
export function sectionAt(level: SchoolLevel, fromLevel: SchoolLevel | undefined, section: Section | null): Section | null {
  const own = sectionsOfLevel(level);
  if (own.length === 1) return null;
  const was = section ?? (fromLevel ? sectionsOfLevel(fromLevel)[0] : null);
  if (was === null) return own[0];
  if (own.includes(was)) return was;
  // The nearest section by stage (小学 < 初中 < 高中); on a tie the lower one.
  const at = SECTIONS.indexOf(was);
  return own.reduce((best, s) => (Math.abs(SECTIONS.indexOf(s) - at) < Math.abs(SECTIONS.indexOf(best) - at) ? s : best));
}

export function planCarryForward(i: CarryForwardInput): CarryForwardPlan {
  // The last move of Y of each teacher decides where they are in Y.
  const last = new Map<string, TeacherMove>();
  for (const m of i.moves) last.set(m.teacherId, m);
  const out: CarryForwardPlan = { rows: [], stayed: 0, left: [], arrived: [], skipped: [] };
  const alreadyThere = (t: { teacherId: string; name: string | null }) => {
    const other = i.elsewhere.get(t.teacherId);
    if (other) out.skipped.push({ ...t, reason: `已在学校 ${other} 的 ${i.year} 学年名册中 / already on the ${i.year} roster of school ${other}` });
    return !!other;
  };
  const here = new Set(i.previous.map((t) => t.teacherId));
  for (const t of i.previous) {
    const m = last.get(t.teacherId);
    if (m && m.toSchool !== i.school) out.left.push({ teacherId: t.teacherId, name: t.name, schoolCode: m.toSchool, kind: m.kind });
    else if (!alreadyThere(t)) {
      out.rows.push({ ...t });
      out.stayed++;
    }
  }
  for (const [id, m] of last) {
    if (m.toSchool !== i.school || here.has(id)) continue;
    const before = i.arrivalsBefore.get(id);
    if (!before) {
      out.skipped.push({
        teacherId: id,
        name: null,
        reason: `调入（${m.kind}，${m.startDate}）但没有 ${i.year - 1} 学年的名册记录，请手工添加 / arrives (${m.kind}, ${m.startDate}) without a row in ${i.year - 1}: add them by hand`,
      });
      continue;
    }
    if (alreadyThere(before)) continue;
    const section = sectionAt(i.level, i.levelOf.get(before.schoolCode), before.section);
    const fromSection = before.section ?? (i.levelOf.get(before.schoolCode) ? sectionsOfLevel(i.levelOf.get(before.schoolCode)!)[0] : null);
    out.rows.push({ ...before, schoolCode: i.school, section, staffNo: null, schoolSince: i.year });
    out.arrived.push({ teacherId: id, name: before.name, schoolCode: m.fromSchool, kind: m.kind, ...(section !== null && section !== fromSection ? { sectionChanged: true } : {}) });
  }
  return out;
}
