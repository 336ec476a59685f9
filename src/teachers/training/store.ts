// Training storage (培训项目与参训学时): the only place that knows the SQL of teacher_courses and teacher_training, and the
// few reads of the roster tables the attendance import needs in bulk (every teacher's name, every roster row's year,
// school and 工号). Every write runs in one transaction with its audit rows.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { recordAudit, type AuditEntry } from '../../core/audit/store.js';
import type { CourseLevel, TrainingCourse } from '../model.js';
import { teacherCourses, teachers, teacherTraining, teacherYears } from '../schema.js';
import type { CreditedHours } from './teacher-hours.js';

export interface StoredCourse extends TrainingCourse {
  attendees: number;
  createdBy: string | null;
}

export interface CourseFilter {
  q?: string;
  level?: CourseLevel;
  /** The calendar year of the end date. */
  year?: number;
}

const courseCols = {
  id: teacherCourses.id,
  title: teacherCourses.title,
  provider: teacherCourses.provider,
  level: teacherCourses.level,
  hours: teacherCourses.hours,
  startDate: teacherCourses.startDate,
  endDate: teacherCourses.endDate,
  createdBy: teacherCourses.createdBy,
};
type CourseRow = { id: number; title: string; provider: string; level: string; hours: number; startDate: string; endDate: string; createdBy: string | null };
const courseOf = (r: CourseRow, attendees: number): StoredCourse => ({ ...r, level: r.level as CourseLevel, attendees });

const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The district's courses (filtered), newest end date first, with their attendees. */
export async function listCourses(db: Db, districtId: string, f: CourseFilter = {}): Promise<StoredCourse[]> {
  const where: (SQL | undefined)[] = [eq(teacherCourses.districtId, districtId)];
  if (f.q) where.push(or(ilike(teacherCourses.title, likeText(f.q)), ilike(teacherCourses.provider, likeText(f.q))));
  if (f.level) where.push(eq(teacherCourses.level, f.level));
  if (f.year !== undefined) where.push(sql`starts_with(${teacherCourses.endDate}, ${String(f.year)})`);
  const rows = await db
    .select({ ...courseCols, attendees: sql<number>`(select count(*)::int from teacher_training r where r.district_id = ${teacherCourses.districtId} and r.course_id = ${teacherCourses.id})` })
    .from(teacherCourses)
    .where(and(...where))
    .orderBy(desc(teacherCourses.endDate), desc(teacherCourses.id));
  return rows.map((r) => courseOf(r, Number(r.attendees)));
}

export async function getCourse(db: Db, districtId: string, id: number): Promise<StoredCourse | null> {
  const [r] = await db
    .select({ ...courseCols, attendees: sql<number>`(select count(*)::int from teacher_training r where r.district_id = ${teacherCourses.districtId} and r.course_id = ${teacherCourses.id})` })
    .from(teacherCourses)
    .where(and(eq(teacherCourses.districtId, districtId), eq(teacherCourses.id, id)));
  return r ? courseOf(r, Number(r.attendees)) : null;
}

/** Every course's id and title (the audit log names its rows by them). */
export function courseTitles(db: Db, districtId: string): Promise<{ id: number; title: string }[]> {
  return db.select({ id: teacherCourses.id, title: teacherCourses.title }).from(teacherCourses).where(eq(teacherCourses.districtId, districtId));
}

export type NewCourse = Omit<TrainingCourse, 'id'>;

/** Inserts courses with their audit rows (audit gets each new course with its id); the new courses. */
export async function insertCourses(db: Db, districtId: string, courses: readonly NewCourse[], by: string, audit: (c: TrainingCourse) => AuditEntry[]): Promise<TrainingCourse[]> {
  return db.transaction(async (tx) => {
    const out: TrainingCourse[] = [];
    for (let i = 0; i < courses.length; i += 500) {
      const rows = await tx
        .insert(teacherCourses)
        .values(courses.slice(i, i + 500).map((c) => ({ districtId, ...c, createdBy: by })))
        .returning(courseCols);
      out.push(...rows.map((r) => courseOf(r, 0)));
    }
    await recordAudit(
      tx,
      districtId,
      out.flatMap((c) => audit(c)),
    );
    return out;
  });
}

/**
 * Changes a course with its audit rows; null when there is no such course. Refused ('over') when an attendance of it is
 * credited more hours than the new hours: their count is returned and nothing is changed.
 */
export async function updateCourse(db: Db, districtId: string, id: number, c: NewCourse, audit: (old: TrainingCourse) => AuditEntry[]): Promise<{ over: number } | { old: TrainingCourse } | null> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select(courseCols)
      .from(teacherCourses)
      .where(and(eq(teacherCourses.districtId, districtId), eq(teacherCourses.id, id)))
      .for('update');
    if (!old) return null;
    const [{ over }] = await tx
      .select({ over: sql<number>`count(*)::int` })
      .from(teacherTraining)
      .where(and(eq(teacherTraining.districtId, districtId), eq(teacherTraining.courseId, id), sql`${teacherTraining.hours} > ${c.hours}`));
    if (Number(over) > 0) return { over: Number(over) };
    await tx
      .update(teacherCourses)
      .set({ ...c })
      .where(and(eq(teacherCourses.districtId, districtId), eq(teacherCourses.id, id)));
    const prev = courseOf(old, 0);
    await recordAudit(tx, districtId, audit(prev));
    return { old: prev };
  });
}

/**
 * Deletes a course with its audit rows; null when there is no such course. With attendance recorded it is refused
 * ('attendees': their count) unless `force`, which deletes the attendance too (each removed row audited).
 */
export async function deleteCourse(
  db: Db,
  districtId: string,
  id: number,
  force: boolean,
  audit: (old: TrainingCourse, removed: { teacherId: string; hours: number }[]) => AuditEntry[],
): Promise<{ attendees: number; removed: null } | { removed: number } | null> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select(courseCols)
      .from(teacherCourses)
      .where(and(eq(teacherCourses.districtId, districtId), eq(teacherCourses.id, id)))
      .for('update');
    if (!old) return null;
    const att = await tx
      .select({ teacherId: teacherTraining.teacherId, hours: teacherTraining.hours })
      .from(teacherTraining)
      .where(and(eq(teacherTraining.districtId, districtId), eq(teacherTraining.courseId, id)))
      .orderBy(asc(teacherTraining.teacherId));
    if (att.length && !force) return { attendees: att.length, removed: null };
    await tx.delete(teacherTraining).where(and(eq(teacherTraining.districtId, districtId), eq(teacherTraining.courseId, id)));
    await tx.delete(teacherCourses).where(and(eq(teacherCourses.districtId, districtId), eq(teacherCourses.id, id)));
    await recordAudit(tx, districtId, audit(courseOf(old, att.length), att));
    return { removed: att.length };
  });
}

export interface AttendanceRecord {
  courseId: number;
  teacherId: string;
  hours: number;
}

/** Attendance rows of these courses (all when omitted). */
export async function attendanceOfCourses(db: Db, districtId: string, courseIds?: readonly number[]): Promise<AttendanceRecord[]> {
  if (courseIds && courseIds.length === 0) return [];
  return db
    .select({ courseId: teacherTraining.courseId, teacherId: teacherTraining.teacherId, hours: teacherTraining.hours })
    .from(teacherTraining)
    .where(and(eq(teacherTraining.districtId, districtId), courseIds ? inArray(teacherTraining.courseId, [...courseIds]) : undefined))
    .orderBy(asc(teacherTraining.courseId), asc(teacherTraining.teacherId));
}

/** The credited hours with their course's end date whose end date falls in the calendar years [from, to] (every teacher). */
export async function creditedHours(db: Db, districtId: string, from: number, to: number): Promise<CreditedHours[]> {
  return db
    .select({ teacherId: teacherTraining.teacherId, hours: teacherTraining.hours, endDate: teacherCourses.endDate })
    .from(teacherTraining)
    .innerJoin(teacherCourses, and(eq(teacherCourses.districtId, teacherTraining.districtId), eq(teacherCourses.id, teacherTraining.courseId)))
    .where(and(eq(teacherTraining.districtId, districtId), sql`${teacherCourses.endDate} >= ${`${from}-01-01`}`, sql`${teacherCourses.endDate} <= ${`${to}-12-31`}`));
}

/** One teacher's attendance with its courses, newest end date first. */
export async function attendanceOfTeacher(db: Db, districtId: string, teacherId: string) {
  const rows = await db
    .select({ ...courseCols, credited: teacherTraining.hours })
    .from(teacherTraining)
    .innerJoin(teacherCourses, and(eq(teacherCourses.districtId, teacherTraining.districtId), eq(teacherCourses.id, teacherTraining.courseId)))
    .where(and(eq(teacherTraining.districtId, districtId), eq(teacherTraining.teacherId, teacherId)))
    .orderBy(desc(teacherCourses.endDate), desc(teacherCourses.id));
  return rows.map(({ credited, ...c }) => ({ course: courseOf(c, 0), hours: credited }));
}

/** The calendar years (of the end date) with attendance, newest first. */
export async function attendanceYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: sql<number>`substring(${teacherCourses.endDate} from 1 for 4)::int` })
    .from(teacherCourses)
    .innerJoin(teacherTraining, and(eq(teacherTraining.districtId, teacherCourses.districtId), eq(teacherTraining.courseId, teacherCourses.id)))
    .where(eq(teacherCourses.districtId, districtId));
  return rows.map((r) => Number(r.year)).sort((a, b) => b - a);
}

/** The school years that have a roster (any rows), newest first. */
export async function rosterYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: teacherYears.year }).from(teacherYears).where(eq(teacherYears.districtId, districtId)).orderBy(desc(teacherYears.year));
  return rows.map((r) => r.year);
}

/** Every teacher's name: teacher id → name. */
export async function teacherNames(db: Db, districtId: string, teacherIds?: readonly string[]): Promise<Map<string, string>> {
  if (teacherIds && teacherIds.length === 0) return new Map();
  const rows = await db
    .select({ teacherId: teachers.teacherId, name: teachers.name })
    .from(teachers)
    .where(and(eq(teachers.districtId, districtId), teacherIds ? inArray(teachers.teacherId, [...teacherIds]) : undefined));
  return new Map(rows.map((r) => [r.teacherId, r.name]));
}

/** Roster rows (every year) of the given teachers, or of all: year, teacher, school, 工号. */
export async function rosterPlaces(db: Db, districtId: string, teacherIds?: readonly string[]): Promise<{ year: number; teacherId: string; schoolCode: string; staffNo: string | null }[]> {
  if (teacherIds && teacherIds.length === 0) return [];
  return db
    .select({ year: teacherYears.year, teacherId: teacherYears.teacherId, schoolCode: teacherYears.schoolCode, staffNo: teacherYears.staffNo })
    .from(teacherYears)
    .where(and(eq(teacherYears.districtId, districtId), teacherIds ? inArray(teacherYears.teacherId, [...teacherIds]) : undefined));
}

/** What an attendance write did. */
export interface AttendanceChange extends AttendanceRecord {
  /** The hours before (null: a new attendance). */
  old: number | null;
}

/** A row refused at write time: more hours than its course's (re-read in the transaction); limit null = no such course. */
export interface AttendanceOver extends AttendanceRecord {
  limit: number | null;
}

/**
 * Writes attendance rows (new ones inserted, existing ones given the new hours) and the audit rows made from what
 * changed, in one transaction; the changes (unchanged rows included, with old = hours). The rows' courses are locked
 * and their hours re-read first (a course edited or deleted meanwhile): any row above its course's hours, or of a
 * course no longer there, refuses the whole write ({ over }). Writes of one course run one after another (the course
 * lock), and the write is an upsert on (district, course, teacher), so two imports of the same row never collide.
 */
export async function saveAttendance(
  db: Db,
  districtId: string,
  rows: readonly AttendanceRecord[],
  by: string,
  audit: (changes: AttendanceChange[]) => AuditEntry[],
): Promise<{ changes: AttendanceChange[] } | { over: AttendanceOver[] }> {
  return db.transaction(async (tx) => {
    const courseIds = [...new Set(rows.map((r) => r.courseId))].sort((a, b) => a - b);
    const limits = new Map<number, number>();
    if (courseIds.length) {
      const locked = await tx
        .select({ id: teacherCourses.id, hours: teacherCourses.hours })
        .from(teacherCourses)
        .where(and(eq(teacherCourses.districtId, districtId), inArray(teacherCourses.id, courseIds)))
        .orderBy(asc(teacherCourses.id))
        .for('update');
      for (const c of locked) limits.set(c.id, c.hours);
    }
    const over = rows.filter((r) => !(r.hours <= (limits.get(r.courseId) ?? -1))).map((r) => ({ ...r, limit: limits.get(r.courseId) ?? null }));
    if (over.length) return { over };
    const changes: AttendanceChange[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      const found = await tx
        .select({ courseId: teacherTraining.courseId, teacherId: teacherTraining.teacherId, hours: teacherTraining.hours })
        .from(teacherTraining)
        .where(
          and(
            eq(teacherTraining.districtId, districtId),
            inArray(teacherTraining.courseId, [...new Set(part.map((r) => r.courseId))]),
            inArray(teacherTraining.teacherId, [...new Set(part.map((r) => r.teacherId))]),
          ),
        )
        .for('update');
      const old = new Map(found.map((f) => [`${f.courseId}|${f.teacherId}`, f.hours]));
      const write = part.filter((r) => old.get(`${r.courseId}|${r.teacherId}`) !== r.hours);
      if (write.length)
        await tx
          .insert(teacherTraining)
          .values(write.map((r) => ({ districtId, ...r, createdBy: by })))
          .onConflictDoUpdate({ target: [teacherTraining.districtId, teacherTraining.courseId, teacherTraining.teacherId], set: { hours: sql`excluded.hours` } });
      for (const r of part) changes.push({ ...r, old: old.get(`${r.courseId}|${r.teacherId}`) ?? null });
    }
    await recordAudit(tx, districtId, audit(changes));
    return { changes };
  });
}

/** Deletes one attendance with its audit rows; null when there was none. */
export async function deleteAttendance(db: Db, districtId: string, courseId: number, teacherId: string, audit: (hours: number) => AuditEntry[]): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(teacherTraining)
      .where(and(eq(teacherTraining.districtId, districtId), eq(teacherTraining.courseId, courseId), eq(teacherTraining.teacherId, teacherId)))
      .returning({ hours: teacherTraining.hours });
    if (!gone) return null;
    await recordAudit(tx, districtId, audit(gone.hours));
    return gone.hours;
  });
}
