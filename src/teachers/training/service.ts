// Teachers: training hours (继续教育学时). Courses are the personnel staff's (each change audited with its fields);
// attendance is imported from a file (read and checked whole first by import-file.ts: every bad cell named, nothing
// written when there is one) or entered one at a time; a clerk records only their own school's teachers — the
// teacher's school being their roster row of the school year of the course's end date (teacher-school.ts). The
// figures: hours per teacher in a calendar year and over the window (teacher-hours.ts), the targets (target-met.ts,
// TEACHER_TARGETS.training), the shares per school over the 专任 teachers of the roster of school year = the calendar
// year, else the year before (roster-year.ts, school-shares.ts). Reads of teachers' rows are audited by the routes.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import { AppError, conflict, forbidden, notFound } from '../../core/http/errors.js';
import { registerAuditFields } from '../../core/audit/labels.js';
import { registerAuditNamer } from '../../core/audit/service.js';
import { formatLocalTime } from '../../core/audit/local-time.js';
import { scopeOf } from '../../core/auth/policy.js';
import { invalidFile } from '../../wellbeing/import-problems.js';
import type { TeachersDeps } from '../deps.js';
import { schoolYearOf, type TrainingCourse } from '../model.js';
import { rosterOfYear } from '../roster/store.js';
import { TEACHER_TARGETS } from '../targets.js';
import type { AttendanceWire, BelowList, BelowTeacherWire, CourseFields, CourseWire, SchoolTrainingWire, TeacherHistory, TrainingSummary, TrainingTargetsWire } from './contract.js';
import { creditedYear, windowYears } from './credited-year.js';
import { NOT_YOUR_TEACHER, readAttendanceFile, staffTeachers, type AttendanceLookups } from './import-file.js';
import { rosterYearFor } from './roster-year.js';
import { districtShares, schoolShares } from './school-shares.js';
import { belowTarget, meetsWindow, meetsYear, shortOf } from './target-met.js';
import { hoursByYear, hoursOf, teacherHours } from './teacher-hours.js';
import { schoolOfTeacher, type RosterPlace } from './teacher-school.js';
import { attendanceTemplate, belowWorkbook } from './workbooks.js';
import * as store from './store.js';

type User = Pick<Actor, 'districtId' | 'districtName' | 'username' | 'role' | 'schools' | 'can'>;

const T = TEACHER_TARGETS.training;
const COURSE = 'teacher-course';
const ATTENDANCE = 'teacher-training';
const courseKey = (id: number) => `course:${id}`;
const attendanceKey = (teacherId: string, courseId: number) => `teacher:${teacherId}/course:${courseId}`;

const AUDIT_FIELDS: Record<string, { zh: string; en: string }> = {
  title: { zh: '培训项目名称', en: 'title' },
  provider: { zh: '主办单位', en: 'provider' },
  level: { zh: '级别', en: 'level' },
  hours: { zh: '学时', en: 'hours' },
  startDate: { zh: '开始日期', en: 'start date' },
  endDate: { zh: '结束日期', en: 'end date' },
  added: { zh: '新增', en: 'added' },
  updated: { zh: '修改', en: 'changed' },
  unchanged: { zh: '未变', en: 'unchanged' },
  courses: { zh: '培训项目数', en: 'courses' },
  teachers: { zh: '教师数', en: 'teachers' },
  removedAttendance: { zh: '一并删除的参训记录', en: 'attendance deleted with it' },
};
registerAuditFields((entity, field) => (entity === COURSE || entity === ATTENDANCE ? (AUDIT_FIELDS[field] ?? null) : null));
// course:ID and teacher:T…/course:ID named by the course's title (deleted courses stay unnamed).
registerAuditNamer(async (db, districtId, entity, keys) => {
  if (entity !== COURSE && entity !== ATTENDANCE) return new Map();
  const titles = new Map((await store.courseTitles(db, districtId)).map((c) => [c.id, c.title]));
  return new Map(
    keys.flatMap((k): [string, string][] => {
      const id = Number(/course:(\d+)$/.exec(k)?.[1]);
      return titles.has(id) ? [[k, titles.get(id)!]] : [];
    }),
  );
});

const COURSE_FIELDS = ['title', 'provider', 'level', 'hours', 'startDate', 'endDate'] as const;
const courseValues = (c: TrainingCourse) => Object.fromEntries(COURSE_FIELDS.map((f) => [f, c[f]]));

const courseWire = (c: store.StoredCourse): CourseWire => ({
  id: c.id,
  title: c.title,
  provider: c.provider,
  level: c.level,
  hours: c.hours,
  startDate: c.startDate,
  endDate: c.endDate,
  creditedYear: creditedYear(c.endDate),
  attendees: c.attendees,
  createdBy: c.createdBy,
});

const targetsWire = (): TrainingTargetsWire => ({
  id: TEACHER_TARGETS.id,
  version: TEACHER_TARGETS.version,
  yearHours: T.yearHours,
  windowYears: T.windowYears,
  windowHours: T.windowHours,
  source: `${TEACHER_TARGETS.sources.yearHours}；${TEACHER_TARGETS.sources.windowHours}`,
});

/** This calendar year in the district's time zone. */
const thisYear = () => Number(formatLocalTime(new Date()).slice(0, 4));

/** May this user record attendance for a teacher of this school ('teachers.edit' in scope; a teacher in no roster: the whole-district scope only)? */
function mayRecord(user: Pick<User, 'role' | 'can'>, school: string | null): boolean {
  return school === null ? scopeOf(user.role, 'teachers.edit') === 'all' : user.can('teachers.edit', school);
}

/** The user records only some schools' teachers (a clerk): outside them one answer, NOT_YOUR_TEACHER, whatever the reason. */
const restricted = (user: Pick<User, 'role'>) => scopeOf(user.role, 'teachers.edit') !== 'all';

/** The changes of an attendance write, or 409 naming the rows its courses (re-read in the write) no longer allow. */
function changesOf(r: { changes: store.AttendanceChange[] } | { over: store.AttendanceOver[] }): store.AttendanceChange[] {
  if ('changes' in r) return r.changes;
  const shown = r.over.slice(0, 10);
  const zh = shown
    .map((o) => (o.limit === null ? `培训项目 ${o.courseId} 已删除（${o.teacherId}）` : `${o.teacherId} 在培训项目 ${o.courseId} 登记 ${o.hours} 学时，超过现在的 ${o.limit} 学时`))
    .join('；');
  const en = shown
    .map((o) => (o.limit === null ? `course ${o.courseId} was deleted (${o.teacherId})` : `${o.teacherId}: ${o.hours} h for course ${o.courseId}, more than its ${o.limit} h now`))
    .join('; ');
  throw new AppError(409, 'course_changed', `培训项目刚被修改，未保存任何记录：${zh} / a course changed meanwhile, nothing was saved: ${en}`, { over: r.over.slice(0, 500) });
}

const inScope = (user: Pick<User, 'schools'>, school: string | null) => user.schools === 'all' || (school !== null && user.schools.includes(school));

export interface BelowInput {
  year?: number;
  school?: string;
  target: 'any' | 'year' | 'window';
}

export class TrainingService {
  constructor(
    readonly db: Db,
    readonly deps: TeachersDeps,
  ) {}

  /** The calendar year (default: the newest with attendance up to this year, else this year), its window and the roster. */
  private async choice(districtId: string, asked?: number) {
    const now = thisYear();
    const year = asked ?? (await store.attendanceYears(this.db, districtId)).find((y) => y <= now) ?? now;
    const roster = rosterYearFor(year, new Set(await store.rosterYears(this.db, districtId)));
    return {
      year,
      windowFrom: windowYears(year, T.windowYears)[0],
      rosterYear: roster?.rosterYear ?? null,
      rosterFallback: roster?.fallback ?? false,
      targets: targetsWire(),
    };
  }

  private async hoursOfYear(districtId: string, year: number) {
    const from = windowYears(year, T.windowYears)[0];
    return teacherHours(await store.creditedHours(this.db, districtId, from, year), year, T.windowYears);
  }

  /** Per school (the caller's) and for the district: 专任 teachers of the roster, how many meet each target, the shares. */
  async summary(user: User, year?: number): Promise<TrainingSummary> {
    const c = await this.choice(user.districtId, year);
    const [schools, hours, years] = await Promise.all([
      this.deps.registry.districtSchools(user.districtId),
      this.hoursOfYear(user.districtId, c.year),
      store.attendanceYears(this.db, user.districtId),
    ]);
    const roster = c.rosterYear === null ? [] : await rosterOfYear(this.db, user.districtId, c.rosterYear);
    const withRoster = new Set(roster.map((r) => r.schoolCode));
    const listed = schools.filter((s) => s.isOpen || withRoster.has(s.code));
    const shares = schoolShares(
      roster,
      hours,
      T,
      listed.map((s) => s.code),
    );
    const rows: SchoolTrainingWire[] = listed.map((s) => ({ schoolCode: s.code, schoolName: s.name, hasRoster: withRoster.has(s.code), ...shares.get(s.code)! }));
    return {
      ...c,
      years,
      schools: rows.filter((r) => inScope(user, r.schoolCode)),
      district: { schools: listed.length, ...districtShares(shares.values()) },
    };
  }

  /** The 专任 teachers of the caller's schools (or one school) below the target, by school and hours. */
  async below(user: User, q: BelowInput): Promise<BelowList> {
    const c = await this.choice(user.districtId, q.year);
    if (c.rosterYear === null) return { ...c, rows: [] };
    const schools = q.school ? [q.school] : user.schools === 'all' ? undefined : user.schools;
    const [roster, hours, names] = await Promise.all([rosterOfYear(this.db, user.districtId, c.rosterYear, schools), this.hoursOfYear(user.districtId, c.year), this.schoolNames(user.districtId)]);
    const rows: BelowTeacherWire[] = roster
      .filter((r) => r.post === '专任' && inScope(user, r.schoolCode))
      .map((r) => ({ r, h: hoursOf(hours, r.teacherId) }))
      .filter(({ h }) => belowTarget(h, T, q.target))
      .map(({ r, h }) => ({
        teacherId: r.teacherId,
        name: r.name,
        schoolCode: r.schoolCode,
        schoolName: names.get(r.schoolCode) ?? r.schoolCode,
        section: r.section,
        staffNo: r.staffNo,
        yearHours: h.year,
        windowHours: h.window,
        meetsYear: meetsYear(h.year, T),
        meetsWindow: meetsWindow(h.window, T),
        yearShort: shortOf(h.year, T.yearHours),
        windowShort: shortOf(h.window, T.windowHours),
      }))
      .sort((a, b) => a.schoolCode.localeCompare(b.schoolCode) || a.yearHours - b.yearHours || a.windowHours - b.windowHours || a.teacherId.localeCompare(b.teacherId));
    return { ...c, rows };
  }

  /** The list as .xlsx, with its year (for the audit row's key). */
  async belowFile(user: User, q: BelowInput, lang: 'zh' | 'en'): Promise<{ file: Buffer; name: string; rows: number; year: number }> {
    const list = await this.below(user, q);
    const file = await belowWorkbook(list, user.districtName, lang);
    const name = lang === 'zh' ? `培训学时未达标教师-${list.year}.xlsx` : `teachers-below-training-target-${list.year}.xlsx`;
    return { file, name, rows: list.rows.length, year: list.year };
  }

  /** One teacher's hours: the window's years against the target and every attendance. */
  async teacher(user: User, teacherId: string, year?: number): Promise<TeacherHistory> {
    const c = await this.choice(user.districtId, year);
    const [names, places] = await Promise.all([store.teacherNames(this.db, user.districtId, [teacherId]), store.rosterPlaces(this.db, user.districtId, [teacherId])]);
    const name = names.get(teacherId);
    const school = schoolOfTeacher(places, c.rosterYear ?? schoolYearOf(`${c.year}-01-01`));
    // Scoped users learn nothing of teachers outside their schools, not even whether the id exists.
    if (user.schools !== 'all' && (name === undefined || !inScope(user, school))) throw forbidden('该教师不属于您可查看的学校 / this teacher is not at a school you may see');
    if (name === undefined) throw notFound(`没有编号为 ${teacherId} 的教师 / no teacher ${teacherId}`);
    const att = await store.attendanceOfTeacher(this.db, user.districtId, teacherId);
    const byYear = hoursByYear(att.map((a) => ({ hours: a.hours, endDate: a.course.endDate })));
    const perYear = windowYears(c.year, T.windowYears).map((y) => ({ year: y, hours: byYear.get(y) ?? 0, meets: meetsYear(byYear.get(y) ?? 0, T) }));
    const h = hoursOf(
      teacherHours(
        att.map((a) => ({ teacherId, hours: a.hours, endDate: a.course.endDate })),
        c.year,
        T.windowYears,
      ),
      teacherId,
    );
    const attendance: AttendanceWire[] = att.map((a) => ({
      courseId: a.course.id,
      title: a.course.title,
      provider: a.course.provider,
      level: a.course.level,
      startDate: a.course.startDate,
      endDate: a.course.endDate,
      courseHours: a.course.hours,
      hours: a.hours,
      creditedYear: creditedYear(a.course.endDate),
    }));
    const schoolName = school === null ? null : ((await this.schoolNames(user.districtId)).get(school) ?? school);
    return {
      ...c,
      teacherId,
      name,
      schoolCode: school,
      schoolName,
      perYear,
      yearHours: h.year,
      windowHours: h.window,
      meetsYear: meetsYear(h.year, T),
      meetsWindow: meetsWindow(h.window, T),
      attendance,
      editable: mayRecord(user, school),
    };
  }

  // ---------- courses ----------

  async courses(user: User, f: store.CourseFilter): Promise<{ courses: CourseWire[] }> {
    return { courses: (await store.listCourses(this.db, user.districtId, f)).map(courseWire) };
  }

  async createCourse(user: User, c: CourseFields): Promise<CourseWire> {
    const [made] = await store.insertCourses(this.db, user.districtId, [c], user.username, (x) => [
      { username: user.username, action: 'create', entity: COURSE, entityKey: courseKey(x.id), newValue: courseValues(x) },
    ]);
    return courseWire({ ...made, attendees: 0, createdBy: user.username });
  }

  async updateCourse(user: User, id: number, c: CourseFields): Promise<CourseWire> {
    const r = await store.updateCourse(this.db, user.districtId, id, c, (old) =>
      COURSE_FIELDS.filter((f) => old[f] !== c[f]).map((f) => ({ username: user.username, action: 'update', entity: COURSE, entityKey: courseKey(id), field: f, oldValue: old[f], newValue: c[f] })),
    );
    if (r === null) throw notFound(`没有编号为 ${id} 的培训项目 / no course ${id}`);
    if ('over' in r)
      throw conflict(`${r.over} 名教师在该项目登记的学时超过 ${c.hours} 学时，请先修改其学时 / ${r.over} teachers are credited more than ${c.hours} h for this course: change their hours first`);
    return courseWire((await store.getCourse(this.db, user.districtId, id))!);
  }

  async deleteCourse(user: User, id: number, force: boolean): Promise<{ ok: true; removedAttendance: number }> {
    const r = await store.deleteCourse(this.db, user.districtId, id, force, (old, removed) => [
      { username: user.username, action: 'delete', entity: COURSE, entityKey: courseKey(id), oldValue: { ...courseValues(old), removedAttendance: removed.length } },
      ...removed.map((a) => ({ username: user.username, action: 'delete', entity: ATTENDANCE, entityKey: attendanceKey(a.teacherId, id), field: 'hours', oldValue: a.hours })),
    ]);
    if (r === null) throw notFound(`没有编号为 ${id} 的培训项目 / no course ${id}`);
    if (r.removed === null)
      throw new AppError(
        409,
        'has_attendance',
        `该培训项目已有 ${'attendees' in r ? r.attendees : 0} 条参训记录，不能删除；确需删除请连同参训记录一并删除 / this course has ${'attendees' in r ? r.attendees : 0} attendance records: it cannot be deleted unless they are deleted with it`,
        { attendees: 'attendees' in r ? r.attendees : 0 },
      );
    return { ok: true, removedAttendance: r.removed };
  }

  /** A course's attendees at the caller's schools (the teacher's school in the school year of the course's end). */
  async courseAttendees(user: User, id: number) {
    const course = await store.getCourse(this.db, user.districtId, id);
    if (!course) throw notFound(`没有编号为 ${id} 的培训项目 / no course ${id}`);
    const att = await store.attendanceOfCourses(this.db, user.districtId, [id]);
    const ids = att.map((a) => a.teacherId);
    const [names, places, schoolNames] = await Promise.all([store.teacherNames(this.db, user.districtId, ids), store.rosterPlaces(this.db, user.districtId, ids), this.schoolNames(user.districtId)]);
    const placesOf = groupPlaces(places);
    const y = schoolYearOf(course.endDate);
    const rows = att
      .map((a) => {
        const school = schoolOfTeacher(placesOf.get(a.teacherId) ?? [], y);
        return { teacherId: a.teacherId, name: names.get(a.teacherId) ?? '', schoolCode: school, schoolName: school === null ? null : (schoolNames.get(school) ?? school), hours: a.hours };
      })
      .filter((r) => inScope(user, r.schoolCode))
      .sort((a, b) => (a.schoolCode ?? '').localeCompare(b.schoolCode ?? '') || a.teacherId.localeCompare(b.teacherId));
    return { course: courseWire(course), rows };
  }

  // ---------- attendance ----------

  /** What the import (and the form) check rows against: courses, teachers, their roster rows, schools, the caller's scope. */
  private async lookups(user: User): Promise<AttendanceLookups> {
    const [courses, names, places, schools] = await Promise.all([
      store.listCourses(this.db, user.districtId),
      store.teacherNames(this.db, user.districtId),
      store.rosterPlaces(this.db, user.districtId),
      this.schoolNames(user.districtId),
    ]);
    const placesOf = groupPlaces(places);
    const staff = new Map<string, { year: number; teacherId: string }[]>();
    for (const p of places) if (p.staffNo !== null) staff.set(`${p.schoolCode}|${p.staffNo}`, [...(staff.get(`${p.schoolCode}|${p.staffNo}`) ?? []), { year: p.year, teacherId: p.teacherId }]);
    return {
      courses,
      teacherName: (id) => names.get(id),
      places: (id) => placesOf.get(id) ?? [],
      staffRows: (school, no) => staff.get(`${school}|${no}`) ?? [],
      schoolExists: (code) => schools.has(code),
      mayRecord: (school) => mayRecord(user, school),
      restricted: restricted(user),
    };
  }

  async importAttendance(user: User, fileName: string, buf: Buffer) {
    const look = await this.lookups(user);
    const { rows, problems } = await readAttendanceFile(buf, fileName, look);
    if (problems.length) throw invalidFile(fileName, problems.slice(0, 500), '参训记录');
    const batchId = randomUUID();
    const saved = await store.saveAttendance(this.db, user.districtId, rows, user.username, (ch) => {
      const changed = ch.filter((x) => x.old !== x.hours);
      return [
        ...changed.map((x) => ({
          username: user.username,
          action: 'import',
          entity: ATTENDANCE,
          entityKey: attendanceKey(x.teacherId, x.courseId),
          field: 'hours',
          oldValue: x.old,
          newValue: x.hours,
          batchId,
        })),
        {
          username: user.username,
          action: 'import',
          entity: ATTENDANCE,
          entityKey: `import:${fileName}`.slice(0, 200),
          detail: fileName,
          batchId,
          rowCount: ch.length,
          newValue: summaryOf(ch),
        },
      ];
    });
    return { rows: rows.length, ...summaryOf(changesOf(saved)) };
  }

  /** One attendance by form (an existing one gets the new hours). */
  async addAttendance(user: User, a: { courseId: number; teacherId?: string; schoolCode?: string; staffNo?: string; hours?: number }) {
    const look = await this.lookups(user);
    const course = look.courses.find((c) => c.id === a.courseId);
    if (!course) throw notFound(`没有编号为 ${a.courseId} 的培训项目 / no course ${a.courseId}`);
    const y = schoolYearOf(course.endDate);
    let teacherId = a.teacherId ?? null;
    // A clerk: the scope first (another school's code, an unknown or another school's teacher: one answer).
    const outside = (id: string) => look.teacherName(id) === undefined || !mayRecord(user, schoolOfTeacher(look.places(id), y));
    if (look.restricted && ((a.schoolCode && a.staffNo && !mayRecord(user, a.schoolCode)) || (teacherId !== null && outside(teacherId)))) throw forbidden(NOT_YOUR_TEACHER);
    if (teacherId !== null && look.teacherName(teacherId) === undefined) throw notFound(`没有编号为 ${teacherId} 的教师 / no teacher ${teacherId}`);
    if (a.schoolCode && a.staffNo) {
      const ids = staffTeachers(look.staffRows(a.schoolCode, a.staffNo), y);
      if (ids.length !== 1)
        throw new AppError(
          422,
          'no_teacher',
          ids.length === 0
            ? `学校 ${a.schoolCode} 的教师名册中没有工号 ${a.staffNo} / no teacher with 工号 ${a.staffNo} in the roster of school ${a.schoolCode}`
            : `学校 ${a.schoolCode} 有 ${ids.length} 名教师的工号为 ${a.staffNo}，请填写教师编号 / ${ids.length} teachers of school ${a.schoolCode} have 工号 ${a.staffNo}: give the teacher id`,
        );
      if (teacherId !== null && teacherId !== ids[0])
        throw new AppError(422, 'no_teacher', `教师编号 ${teacherId} 与工号 ${a.staffNo} 的教师不是同一人 / teacher ${teacherId} is not the teacher with 工号 ${a.staffNo}`);
      teacherId = ids[0];
    }
    if (!mayRecord(user, schoolOfTeacher(look.places(teacherId!), y))) throw forbidden(NOT_YOUR_TEACHER);
    const hours = a.hours ?? course.hours;
    if (hours > course.hours)
      throw new AppError(422, 'too_many_hours', `学时 ${hours} 超过培训项目“${course.title}”的 ${course.hours} 学时 / ${hours} h is more than the ${course.hours} h of course "${course.title}"`);
    const saved = await store.saveAttendance(this.db, user.districtId, [{ courseId: course.id, teacherId: teacherId!, hours }], user.username, (x) =>
      x
        .filter((c) => c.old !== c.hours)
        .map((c) => ({
          username: user.username,
          action: c.old === null ? 'create' : 'update',
          entity: ATTENDANCE,
          entityKey: attendanceKey(c.teacherId, c.courseId),
          field: 'hours',
          oldValue: c.old,
          newValue: c.hours,
        })),
    );
    const [ch] = changesOf(saved);
    return { courseId: course.id, teacherId: teacherId!, name: look.teacherName(teacherId!)!, hours, created: ch.old === null };
  }

  async removeAttendance(user: User, courseId: number, teacherId: string): Promise<{ ok: true }> {
    const course = await store.getCourse(this.db, user.districtId, courseId);
    if (!course) throw notFound(`没有编号为 ${courseId} 的培训项目 / no course ${courseId}`);
    const places = await store.rosterPlaces(this.db, user.districtId, [teacherId]);
    if (!mayRecord(user, schoolOfTeacher(places, schoolYearOf(course.endDate)))) throw forbidden(NOT_YOUR_TEACHER);
    const gone = await store.deleteAttendance(this.db, user.districtId, courseId, teacherId, (hours) => [
      { username: user.username, action: 'delete', entity: ATTENDANCE, entityKey: attendanceKey(teacherId, courseId), field: 'hours', oldValue: hours },
    ]);
    if (gone === null) throw notFound(`教师 ${teacherId} 没有培训项目 ${courseId} 的参训记录 / teacher ${teacherId} has no attendance of course ${courseId}`);
    return { ok: true };
  }

  async template(user: User, lang: 'zh' | 'en'): Promise<{ file: Buffer; name: string }> {
    const courses = await store.listCourses(this.db, user.districtId);
    return { file: await attendanceTemplate(courses, lang), name: lang === 'zh' ? '参训学时导入模板.xlsx' : 'training-attendance-template.xlsx' };
  }

  private async schoolNames(districtId: string): Promise<Map<string, string>> {
    return new Map((await this.deps.registry.districtSchools(districtId)).map((s) => [s.code, s.name]));
  }
}

function groupPlaces(rows: readonly (RosterPlace & { teacherId: string })[]): Map<string, RosterPlace[]> {
  const out = new Map<string, RosterPlace[]>();
  for (const r of rows) out.set(r.teacherId, [...(out.get(r.teacherId) ?? []), { year: r.year, schoolCode: r.schoolCode }]);
  return out;
}

/** Added (new), updated (other hours), unchanged; the courses and teachers the rows name. */
function summaryOf(ch: readonly store.AttendanceChange[]) {
  return {
    added: ch.filter((x) => x.old === null).length,
    updated: ch.filter((x) => x.old !== null && x.old !== x.hours).length,
    unchanged: ch.filter((x) => x.old === x.hours).length,
    courses: new Set(ch.map((x) => x.courseId)).size,
    teachers: new Set(ch.map((x) => x.teacherId)).size,
  };
}
