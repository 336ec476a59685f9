// Reading an attendance file (培训学时登记表) from .xlsx or CSV (UTF-8 or GBK): one row per teacher and course with the
// course by 培训项目编号 (its id) or 培训项目名称 (which must name exactly one course), the teacher by 教师编号 (the
// internal id T…) or by 学校代码 + 工号 (matched in the roster of the school year of the course's end date, else the
// nearest one), an optional 姓名 (checked against the teacher when given) and an optional 学时 (default the course's
// hours; 0 < 学时 ≤ the course's hours). A clerk may record only their own school's teachers (mayRecord); for a clerk
// (restricted) the scope is checked first and anything outside it — another school's code, 工号 or teacher, an unknown
// teacher id — gets the one message NOT_YOUR_TEACHER, so a file cannot probe other schools' teachers (the personnel
// staff keep the precise messages). Every bad cell is a problem naming its row, column and reason; the caller imports
// nothing when there is any. Pure given the lookups.
import type { ImportProblem } from '../../wellbeing/import-problems.js';
import { findColumns, noDataRows, readImportTable } from '../../wellbeing/import-table.js';
import { schoolYearOf } from '../model.js';
import { schoolOfTeacher, type RosterPlace } from './teacher-school.js';

export interface CourseRef {
  id: number;
  title: string;
  hours: number;
  endDate: string;
}

/** What the reader needs to know of the district (the service loads it once per file). */
export interface AttendanceLookups {
  courses: readonly CourseRef[];
  /** The teacher's name, undefined when there is no such teacher. */
  teacherName(teacherId: string): string | undefined;
  /** The teacher's roster rows (year and school). */
  places(teacherId: string): readonly RosterPlace[];
  /** Roster rows of a school with this 工号: each year's teacher. */
  staffRows(schoolCode: string, staffNo: string): readonly { year: number; teacherId: string }[];
  schoolExists(code: string): boolean;
  /** May this user record the attendance of a teacher of this school (null: a teacher in no roster)? */
  mayRecord(schoolCode: string | null): boolean;
  /** The user records only some schools' teachers (a clerk): whatever lies outside them gets NOT_YOUR_TEACHER. */
  restricted: boolean;
}

/** The one answer a clerk gets for a teacher, school or 工号 outside the own school (whether it exists or not). */
export const NOT_YOUR_TEACHER = '不是本校教师 / not a teacher of your school';

export interface AttendanceRow {
  row: number;
  courseId: number;
  teacherId: string;
  hours: number;
}

export const ATTENDANCE_COLUMNS = {
  courseId: ['培训项目编号', '项目编号', 'course_id'],
  courseTitle: ['培训项目名称', '培训项目', '项目名称', 'course_title'],
  teacherId: ['教师编号', 'teacher_id'],
  schoolCode: ['学校代码', '学校标识码', 'school_code'],
  staffNo: ['工号', '教职工号', 'staff_no'],
  name: ['姓名', '教师姓名', 'name'],
  hours: ['学时', '培训学时', '认定学时', 'hours'],
} as const;
type Col = keyof typeof ATTENDANCE_COLUMNS;
const label = (c: Col) => ATTENDANCE_COLUMNS[c][0];

/** A number of hours from "12", "12.5", "12学时", "12 h"; null when it is none. */
export function parseHours(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(学时|小时|h)?$/i.exec(text.replace(/\s+/g, ' ').trim());
  return m ? Number(m[1]) : null;
}

/** The teacher of a 工号 at a school in the roster nearest the school year (latest ≤ it, else earliest after): their ids. */
export function staffTeachers(rows: readonly { year: number; teacherId: string }[], schoolYear: number): string[] {
  const before = rows.filter((r) => r.year <= schoolYear);
  const pool = before.length ? before : rows;
  if (!pool.length) return [];
  const year = before.length ? Math.max(...pool.map((r) => r.year)) : Math.min(...pool.map((r) => r.year));
  return [...new Set(pool.filter((r) => r.year === year).map((r) => r.teacherId))];
}

/** The rows of an attendance file, or the problems that stop its import (the rows are then not to be used). */
export async function readAttendanceFile(buf: Buffer, fileName: string, look: AttendanceLookups): Promise<{ rows: AttendanceRow[]; problems: ImportProblem[] }> {
  const read = await readImportTable(buf, fileName);
  if (read.problems) return { rows: [], problems: read.problems };
  const { table } = read;
  const { at, problems } = findColumns<Col>(table.header, ATTENDANCE_COLUMNS, []);
  if (at.courseId === undefined && at.courseTitle === undefined)
    problems.push({
      row: 1,
      column: label('courseId'),
      message: '缺少列“培训项目编号”或“培训项目名称”（至少一列） / the header row needs a column 培训项目编号 (course_id) or 培训项目名称 (course_title)',
    });
  if (at.teacherId === undefined && (at.schoolCode === undefined || at.staffNo === undefined))
    problems.push({
      row: 1,
      column: label('teacherId'),
      message: '缺少列“教师编号”，或“学校代码”与“工号” / the header row needs a column 教师编号 (teacher_id), or both 学校代码 (school_code) and 工号 (staff_no)',
    });
  if (problems.length) return { rows: [], problems };
  if (table.rows.length === 0) return { rows: [], problems: [noDataRows()] };

  const byId = new Map(look.courses.map((c) => [c.id, c]));
  const byTitle = new Map<string, CourseRef[]>();
  for (const c of look.courses) byTitle.set(c.title.trim(), [...(byTitle.get(c.title.trim()) ?? []), c]);
  const seen = new Map<string, number>();
  const rows: AttendanceRow[] = [];

  for (const { row, cells } of table.rows) {
    const cell = (c: Col) => (at[c] === undefined ? '' : (cells[at[c]] ?? '').trim());
    if (Object.keys(ATTENDANCE_COLUMNS).every((c) => cell(c as Col) === '')) continue; // a blank line
    const bad = (c: Col, message: string) => problems.push({ row, column: label(c), message });
    const before = problems.length;

    // The course: by id, else by its exact title; both given must agree.
    let course: CourseRef | null = null;
    const idText = cell('courseId');
    const title = cell('courseTitle');
    if (idText !== '') {
      const id = /^\d+$/.test(idText) ? Number(idText) : NaN;
      course = byId.get(id) ?? null;
      if (!course) bad('courseId', `没有编号为“${idText}”的培训项目 / no course with id "${idText}"`);
      else if (title !== '' && title !== course.title.trim())
        bad('courseTitle', `培训项目名称“${title}”与编号 ${course.id} 的项目“${course.title}”不符 / "${title}" is not the title of course ${course.id} ("${course.title}")`);
    } else if (title !== '') {
      const found = byTitle.get(title) ?? [];
      if (found.length === 1) course = found[0];
      else if (found.length === 0) bad('courseTitle', `没有名为“${title}”的培训项目 / no course titled "${title}"`);
      else
        bad(
          'courseTitle',
          `有 ${found.length} 个名为“${title}”的培训项目（编号 ${found.map((c) => c.id).join('、')}），请填写培训项目编号 / ${found.length} courses are titled "${title}" (ids ${found.map((c) => c.id).join(', ')}): give the course id`,
        );
    } else bad(at.courseId !== undefined ? 'courseId' : 'courseTitle', '培训项目编号与名称都为空 / neither the course id nor its title is given');
    const schoolYear = course ? schoolYearOf(course.endDate) : Number.POSITIVE_INFINITY;

    // The teacher: by id, else by school code + 工号; both given must agree.
    let teacherId: string | null = null;
    const idCell = cell('teacherId');
    const school = cell('schoolCode');
    const staffNo = cell('staffNo');
    let byStaff: string | null = null;
    // A clerk: another school's code, or a teacher id that is unknown or of another school, is outside (nothing more said).
    const outsideId = (id: string) => look.restricted && (look.teacherName(id) === undefined || !look.mayRecord(schoolOfTeacher(look.places(id), schoolYear)));
    let outside = false;
    if (school !== '' || staffNo !== '') {
      if (school === '') bad('schoolCode', '填写了工号但学校代码为空 / a 工号 is given without its school code');
      else if (look.restricted && !look.mayRecord(school)) {
        bad('schoolCode', NOT_YOUR_TEACHER);
        outside = true;
      } else if (!look.schoolExists(school)) bad('schoolCode', `学校代码 ${school} 不在本县（区）学校名录中 / no school ${school} in the district's registry`);
      else if (staffNo === '') {
        if (idCell === '') bad('staffNo', '工号为空 / the 工号 is empty');
      } else {
        const ids = staffTeachers(look.staffRows(school, staffNo), schoolYear);
        if (ids.length === 1) byStaff = ids[0];
        else if (ids.length === 0) bad('staffNo', `学校 ${school} 的教师名册中没有工号 ${staffNo} / no teacher with 工号 ${staffNo} in the roster of school ${school}`);
        else bad('staffNo', `学校 ${school} 有 ${ids.length} 名教师的工号为 ${staffNo}，请填写教师编号 / ${ids.length} teachers of school ${school} have 工号 ${staffNo}: give the teacher id`);
      }
    }
    if (outside) {
      // said once, on the school code
    } else if (idCell !== '') {
      if (!/^T\d+$/.test(idCell)) bad('teacherId', `教师编号应为 T 加数字（如 T000123），而不是“${idCell}” / a teacher id is T and digits (T000123), not "${idCell}"`);
      else if (outsideId(idCell)) bad('teacherId', NOT_YOUR_TEACHER);
      else if (look.teacherName(idCell) === undefined) bad('teacherId', `没有编号为 ${idCell} 的教师 / no teacher ${idCell}`);
      else if (byStaff !== null && byStaff !== idCell)
        bad('teacherId', `教师编号 ${idCell} 与学校 ${school} 工号 ${staffNo} 的教师不是同一人 / teacher ${idCell} is not the teacher with 工号 ${staffNo} at ${school}`);
      else teacherId = idCell;
    } else if (byStaff !== null) teacherId = byStaff;
    else if (school === '' && staffNo === '')
      bad(at.teacherId !== undefined ? 'teacherId' : 'staffNo', '教师编号与学校代码、工号都为空 / neither the teacher id nor the school code and 工号 are given');

    // The scope before anything about the teacher (name, repeats): outside it, the one message.
    if (teacherId !== null && !look.mayRecord(schoolOfTeacher(look.places(teacherId), schoolYear))) {
      bad(idCell !== '' ? 'teacherId' : 'staffNo', NOT_YOUR_TEACHER);
      teacherId = null;
    }
    if (teacherId !== null) {
      const name = cell('name');
      const known = look.teacherName(teacherId)!;
      if (name !== '' && name !== known) bad('name', `姓名“${name}”与教师 ${teacherId} 的名册姓名不符 / the name "${name}" is not that of teacher ${teacherId} in the roster`);
      if (course) {
        const k = `${course.id}|${teacherId}`;
        const first = seen.get(k);
        if (first !== undefined) bad(idCell !== '' ? 'teacherId' : 'staffNo', `与第 ${first} 行重复（同一教师、同一培训项目） / repeats row ${first} (the same teacher and course)`);
        else seen.set(k, row);
      }
    }

    // The hours: empty = the course's hours; else 0 < h ≤ the course's hours.
    const hoursText = cell('hours');
    let hours = course?.hours ?? 0;
    if (hoursText !== '') {
      const h = parseHours(hoursText);
      if (h === null || h <= 0) bad('hours', `学时应为大于 0 的数，而不是“${hoursText}” / the hours must be a number above 0, not "${hoursText}"`);
      else if (course && h > course.hours)
        bad('hours', `学时 ${hoursText} 超过培训项目“${course.title}”的 ${course.hours} 学时 / ${hoursText} h is more than the ${course.hours} h of course "${course.title}"`);
      else hours = h;
    }

    if (problems.length === before && course && teacherId) rows.push({ row, courseId: course.id, teacherId, hours });
  }
  if (rows.length === 0 && problems.length === 0) problems.push(noDataRows());
  return { rows, problems };
}
