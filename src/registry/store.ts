// Registry storage: the only place that knows the registry's SQL.
// Aggregates here run in SQL: district-sized data (tens of schools, thousands of classes) is
// small, and the database already holds it indexed by (district, school, year).
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { academicYears, districts, gradeEnrolments, schoolClasses, schools, schoolYearStats } from './schema.js';
import { STAT_FIELDS, type StatValues } from './fields.js';
import type { School, StatStatus } from './model.js';
import type { SchoolYearData, SchoolYearRecord } from './types.js';
import { rosterDifferences, TEACHER_STAT_KEYS } from '../teachers/roster/derive.js';

export type Scope = 'all' | string[];
const inScope = (col: typeof schools.code | typeof schoolYearStats.schoolCode, scope: Scope): SQL | undefined => (scope === 'all' ? undefined : inArray(col, scope.length ? scope : ['\u0000']));

const toSchool = (r: typeof schools.$inferSelect): School => ({ ...r }) as School;

export async function getDistrict(db: Db, districtId: string) {
  const [d] = await db.select().from(districts).where(eq(districts.districtId, districtId));
  return d ?? null;
}

export async function ensureDistrict(db: Db, districtId: string, name: string) {
  await db.insert(districts).values({ districtId, name }).onConflictDoNothing();
}

export async function listYears(db: Db, districtId: string) {
  return db.select({ year: academicYears.year, isCurrent: academicYears.isCurrent }).from(academicYears).where(eq(academicYears.districtId, districtId)).orderBy(desc(academicYears.year));
}

export async function ensureYear(db: Db, districtId: string, year: number) {
  await db.insert(academicYears).values({ districtId, year, isCurrent: false }).onConflictDoNothing();
}

export async function setCurrentYear(db: Db, districtId: string, year: number) {
  await ensureYear(db, districtId, year);
  await db
    .update(academicYears)
    .set({ isCurrent: sql`${academicYears.year} = ${year}` })
    .where(eq(academicYears.districtId, districtId));
}

export async function getSchool(db: Db, districtId: string, code: string): Promise<School | null> {
  const [r] = await db
    .select()
    .from(schools)
    .where(and(eq(schools.districtId, districtId), eq(schools.code, code)));
  return r ? toSchool(r) : null;
}

export async function allSchools(db: Db, districtId: string, scope: Scope = 'all'): Promise<School[]> {
  const rows = await db
    .select()
    .from(schools)
    .where(and(eq(schools.districtId, districtId), inScope(schools.code, scope)))
    .orderBy(asc(schools.code));
  return rows.map(toSchool);
}

export async function insertSchool(db: Db, s: School) {
  await db.insert(schools).values(s);
}

export async function updateSchool(db: Db, s: School) {
  const { districtId, code, ...rest } = s;
  await db
    .update(schools)
    .set(rest)
    .where(and(eq(schools.districtId, districtId), eq(schools.code, code)));
}

export interface SchoolFilter {
  level?: string;
  location?: string;
  ownership?: string;
  q?: string;
}

/** Schools with their headline figures for one year. */
export async function listSchoolRows(db: Db, districtId: string, year: number, scope: Scope, f: SchoolFilter) {
  const enrol = db
    .select({ code: gradeEnrolments.schoolCode, students: sql<number>`sum(${gradeEnrolments.students})::int`.as('students') })
    .from(gradeEnrolments)
    .where(and(eq(gradeEnrolments.districtId, districtId), eq(gradeEnrolments.year, year)))
    .groupBy(gradeEnrolments.schoolCode)
    .as('enrol');
  const cls = db
    .select({
      code: schoolClasses.schoolCode,
      classes: sql<number>`count(*)::int`.as('classes'),
      maxClassSize: sql<number>`max(${schoolClasses.size})::int`.as('max_class_size'),
    })
    .from(schoolClasses)
    .where(and(eq(schoolClasses.districtId, districtId), eq(schoolClasses.year, year)))
    .groupBy(schoolClasses.schoolCode)
    .as('cls');
  const cond: (SQL | undefined)[] = [eq(schools.districtId, districtId), inScope(schools.code, scope)];
  if (f.level) cond.push(eq(schools.level, f.level));
  if (f.location) cond.push(eq(schools.location, f.location));
  if (f.ownership) cond.push(eq(schools.ownership, f.ownership));
  if (f.q) cond.push(sql`(strpos(${schools.name}, ${f.q}) > 0 or starts_with(${schools.code}, ${f.q}))`);
  const rows = await db
    .select({
      school: schools,
      students: enrol.students,
      classes: cls.classes,
      maxClassSize: cls.maxClassSize,
      teachers: statColumn('teachersTotal'),
      status: schoolYearStats.status,
    })
    .from(schools)
    .leftJoin(enrol, eq(enrol.code, schools.code))
    .leftJoin(cls, eq(cls.code, schools.code))
    .leftJoin(schoolYearStats, and(eq(schoolYearStats.districtId, schools.districtId), eq(schoolYearStats.schoolCode, schools.code), eq(schoolYearStats.year, year)))
    .where(and(...cond))
    .orderBy(asc(schools.code));
  return rows.map((r) => ({
    ...toSchool(r.school),
    students: r.students ?? null,
    classes: r.classes ?? null,
    maxClassSize: r.maxClassSize ?? null,
    teachers: (r.teachers as number | null) ?? null,
    status: (r.status as StatStatus | null) ?? null,
  }));
}

type StatsRow = typeof schoolYearStats.$inferSelect;
/** A statistic's column (the columns are generated from the field registry, so TypeScript can't name them). */
export const statColumn = (key: string) => (schoolYearStats as unknown as Record<string, AnyPgColumn>)[key];

function rowToRecord(row: StatsRow, enrol: { grade: number; students: number }[], classes: { grade: number; classNo: number; size: number }[]): SchoolYearRecord {
  const r = row as unknown as Record<string, unknown>;
  const values: StatValues = {};
  for (const fd of STAT_FIELDS) values[fd.key] = (r[fd.key] as number | null) ?? null;
  const fromRoster = row.teachersSource === 'roster';
  return {
    schoolCode: row.schoolCode,
    year: row.year,
    status: row.status as StatStatus,
    reviewComment: row.reviewComment,
    values,
    teachersSource: fromRoster ? 'roster' : 'typed',
    rosterDifferences: fromRoster ? rosterDifferences((row.typedTeachers as StatValues | null) ?? {}, values) : [],
    enrolments: enrol.map((e) => ({ grade: e.grade, students: e.students })),
    classes: classes.map((c) => ({ grade: c.grade, classNo: c.classNo, size: c.size })),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt,
  };
}

/** Records of one school (all years, or one), newest first. */
export async function loadRecords(db: Db, districtId: string, codes: string[], year?: number): Promise<SchoolYearRecord[]> {
  if (!codes.length) return [];
  const yearCond = <T extends { year: typeof schoolYearStats.year }>(t: T) => (year === undefined ? undefined : eq(t.year, year));
  const rows = await db
    .select()
    .from(schoolYearStats)
    .where(and(eq(schoolYearStats.districtId, districtId), inArray(schoolYearStats.schoolCode, codes), yearCond(schoolYearStats)))
    .orderBy(desc(schoolYearStats.year), asc(schoolYearStats.schoolCode));
  const enrol = await db
    .select()
    .from(gradeEnrolments)
    .where(and(eq(gradeEnrolments.districtId, districtId), inArray(gradeEnrolments.schoolCode, codes), year === undefined ? undefined : eq(gradeEnrolments.year, year)))
    .orderBy(asc(gradeEnrolments.grade));
  const classes = await db
    .select()
    .from(schoolClasses)
    .where(and(eq(schoolClasses.districtId, districtId), inArray(schoolClasses.schoolCode, codes), year === undefined ? undefined : eq(schoolClasses.year, year)))
    .orderBy(asc(schoolClasses.grade), asc(schoolClasses.classNo));
  const eBy = bySchoolYear(enrol);
  const cBy = bySchoolYear(classes);
  const k = (r: { schoolCode: string; year: number }) => `${r.schoolCode}:${r.year}`;
  return rows.map((r) => rowToRecord(r, eBy.get(k(r)) ?? [], cBy.get(k(r)) ?? []));
}

/** Rows grouped by `${schoolCode}:${year}`, keeping their order. */
function bySchoolYear<T extends { schoolCode: string; year: number }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = `${r.schoolCode}:${r.year}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

export interface RecordMeta {
  status: StatStatus;
  reviewComment?: string | null;
  updatedBy?: string | null;
  submittedBy?: string | null;
  submittedAt?: string | null;
  reviewedBy?: string | null;
  reviewedAt?: string | null;
}

/**
 * Insert or replace a school-year record (values, enrolments, classes, workflow fields). `typedTeachers`, when given,
 * replaces the typed-in teacher figures kept while the roster's stand in the columns, and then the teacher columns are
 * not written at all (they are the roster's, written by applyRosterTeacherCounts only); the teacher source is not touched.
 */
export async function writeRecord(db: Db, districtId: string, code: string, year: number, data: SchoolYearData, meta: RecordMeta, typedTeachers?: StatValues, rosterSource = false) {
  const cols: Record<string, unknown> = {};
  for (const fd of STAT_FIELDS) if (!(rosterSource && fd.topic === 'teachers')) cols[fd.key] = data.values[fd.key] ?? null;
  const typed = typedTeachers === undefined ? {} : { typedTeachers };
  const row = { districtId, schoolCode: code, year, ...cols, ...typed, ...meta, updatedAt: new Date().toISOString() } as typeof schoolYearStats.$inferInsert;
  const { districtId: _d, schoolCode: _c, year: _y, ...set } = row;
  await db
    .insert(schoolYearStats)
    .values(row)
    .onConflictDoUpdate({ target: [schoolYearStats.districtId, schoolYearStats.schoolCode, schoolYearStats.year], set });
  await replaceDetail(db, districtId, code, year, data);
}

async function replaceDetail(db: Db, districtId: string, code: string, year: number, data: SchoolYearData) {
  await db.delete(gradeEnrolments).where(and(eq(gradeEnrolments.districtId, districtId), eq(gradeEnrolments.schoolCode, code), eq(gradeEnrolments.year, year)));
  await db.delete(schoolClasses).where(and(eq(schoolClasses.districtId, districtId), eq(schoolClasses.schoolCode, code), eq(schoolClasses.year, year)));
  if (data.enrolments.length) await db.insert(gradeEnrolments).values(data.enrolments.map((e) => ({ districtId, schoolCode: code, year, grade: e.grade, students: e.students })));
  for (let i = 0; i < data.classes.length; i += 5000)
    await db.insert(schoolClasses).values(data.classes.slice(i, i + 5000).map((c) => ({ districtId, schoolCode: code, year, grade: c.grade, classNo: c.classNo, size: c.size })));
}

/** Where a school year's teacher figures come from, the typed-in ones kept aside, and the figures in the columns. */
export interface TeacherOverlay {
  status: StatStatus;
  teachersSource: 'roster' | null;
  /** The typed-in teacher figures kept while the roster's stand in the columns (null when the source is typed). */
  typedTeachers: StatValues | null;
  /** The teacher figures in the columns (the roster's while teachersSource is 'roster'). */
  teacherValues: StatValues;
}

/**
 * Locks the statistics rows of these schools' year until the transaction ends (SELECT … FOR UPDATE, by school code), so
 * that a save and a roster recompute of one school year run one after the other. Rows not there yet lock nothing.
 */
export async function lockStatsRows(db: Db, districtId: string, codes: readonly string[], year: number): Promise<void> {
  if (!codes.length) return;
  await db
    .select({ code: schoolYearStats.schoolCode })
    .from(schoolYearStats)
    .where(and(eq(schoolYearStats.districtId, districtId), inArray(schoolYearStats.schoolCode, [...codes]), eq(schoolYearStats.year, year)))
    .orderBy(asc(schoolYearStats.schoolCode))
    .for('update');
}

const statsKey = (districtId: string, code: string, year: number) => and(eq(schoolYearStats.districtId, districtId), eq(schoolYearStats.schoolCode, code), eq(schoolYearStats.year, year));

/** The teacher overlay of a school year (null: no statistics row yet). */
export async function teacherOverlay(db: Db, districtId: string, code: string, year: number): Promise<TeacherOverlay | null> {
  const [row] = await db
    .select()
    .from(schoolYearStats)
    .where(statsKey(districtId, code, year));
  return row ? overlayOf(row) : null;
}

/** The teacher overlays of the given schools' statistics of a year (schools without a row are left out). */
export async function teacherOverlays(db: Db, districtId: string, codes: string[], year: number): Promise<(TeacherOverlay & { schoolCode: string })[]> {
  if (!codes.length) return [];
  const rows = await db
    .select()
    .from(schoolYearStats)
    .where(and(eq(schoolYearStats.districtId, districtId), inArray(schoolYearStats.schoolCode, codes), eq(schoolYearStats.year, year)))
    .orderBy(asc(schoolYearStats.schoolCode));
  return rows.map((row) => ({ schoolCode: row.schoolCode, ...overlayOf(row) }));
}

function overlayOf(row: StatsRow): TeacherOverlay {
  const r = row as unknown as Record<string, unknown>;
  return {
    status: row.status as StatStatus,
    teachersSource: row.teachersSource === 'roster' ? 'roster' : null,
    typedTeachers: (row.typedTeachers as StatValues | null) ?? null,
    teacherValues: Object.fromEntries(TEACHER_STAT_KEYS.map((k) => [k, (r[k] as number | null) ?? null])),
  };
}

/** The workflow state of a school year's statistics (null: no row yet). */
export async function statsStatus(db: Db, districtId: string, code: string, year: number): Promise<StatStatus | null> {
  const [row] = await db
    .select({ status: schoolYearStats.status })
    .from(schoolYearStats)
    .where(statsKey(districtId, code, year));
  return (row?.status as StatStatus | undefined) ?? null;
}

/** Write the teacher columns with their source and the typed-in figures kept aside; a new row is a draft. */
export async function writeTeacherOverlay(
  db: Db,
  districtId: string,
  code: string,
  year: number,
  o: { values: StatValues; teachersSource: 'roster' | null; typedTeachers: StatValues | null; updatedBy: string },
) {
  const cols: Record<string, unknown> = Object.fromEntries(TEACHER_STAT_KEYS.map((k) => [k, o.values[k] ?? null]));
  const set = { ...cols, teachersSource: o.teachersSource, typedTeachers: o.typedTeachers, updatedBy: o.updatedBy, updatedAt: new Date().toISOString() } as Partial<
    typeof schoolYearStats.$inferInsert
  >;
  await db
    .insert(schoolYearStats)
    .values({ districtId, schoolCode: code, year, status: 'draft', ...set } as typeof schoolYearStats.$inferInsert)
    .onConflictDoUpdate({ target: [schoolYearStats.districtId, schoolYearStats.schoolCode, schoolYearStats.year], set });
}

export async function updateWorkflow(db: Db, districtId: string, code: string, year: number, meta: Partial<RecordMeta>) {
  await db
    .update(schoolYearStats)
    .set(meta)
    .where(and(eq(schoolYearStats.districtId, districtId), eq(schoolYearStats.schoolCode, code), eq(schoolYearStats.year, year)));
}

/** District headline figures of one year, within a scope of schools. */
export async function overviewFigures(db: Db, districtId: string, year: number, scope: Scope) {
  const sc = scope === 'all' ? sql`true` : sql`s.code in ${scope.length ? scope : ['\u0000']}`;
  const q = async <T>(query: SQL): Promise<T[]> => ((await db.execute(query)) as { rows: T[] }).rows;
  const byLevel = await q<{ level: string; schools: number; students: number; classes: number }>(sql`
    select s.level, count(*)::int as schools,
      coalesce(sum((select sum(e.students) from grade_enrolments e where e.district_id = s.district_id and e.school_code = s.code and e.year = ${year})),0)::int as students,
      coalesce(sum((select count(*) from school_classes c where c.district_id = s.district_id and c.school_code = s.code and c.year = ${year})),0)::int as classes
    from schools s where s.district_id = ${districtId} and ${sc}
      and exists (select 1 from school_year_stats t where t.district_id = s.district_id and t.school_code = s.code and t.year = ${year})
    group by s.level order by s.level`);
  const byLocation = await q<{ location: string; schools: number; students: number }>(sql`
    select s.location, count(*)::int as schools,
      coalesce(sum((select sum(e.students) from grade_enrolments e where e.district_id = s.district_id and e.school_code = s.code and e.year = ${year})),0)::int as students
    from schools s where s.district_id = ${districtId} and ${sc}
      and exists (select 1 from school_year_stats t where t.district_id = s.district_id and t.school_code = s.code and t.year = ${year})
    group by s.location order by s.location`);
  const status = await q<{ status: string; n: number }>(sql`
    select t.status, count(*)::int as n from school_year_stats t join schools s on s.district_id = t.district_id and s.code = t.school_code
    where t.district_id = ${districtId} and t.year = ${year} and ${sc} group by t.status`);
  const trend = await q<{ year: number; students: number; teachers: number; classes: number }>(sql`
    select y.year,
      coalesce((select sum(e.students) from grade_enrolments e join schools s on s.district_id = e.district_id and s.code = e.school_code where e.district_id = ${districtId} and e.year = y.year and ${sc}),0)::int as students,
      coalesce((select sum(t.teachers_total) from school_year_stats t join schools s on s.district_id = t.district_id and s.code = t.school_code where t.district_id = ${districtId} and t.year = y.year and ${sc}),0)::int as teachers,
      coalesce((select count(*) from school_classes c join schools s on s.district_id = c.district_id and s.code = c.school_code where c.district_id = ${districtId} and c.year = y.year and ${sc}),0)::int as classes
    from academic_years y where y.district_id = ${districtId} order by y.year`);
  return { byLevel, byLocation, status, trend };
}

/** Every class of a year within a scope of schools, with its school's name (班额 counts are made from these). */
export async function classRows(db: Db, districtId: string, year: number, scope: Scope) {
  return db
    .select({ schoolCode: schoolClasses.schoolCode, schoolName: schools.name, grade: schoolClasses.grade, classNo: schoolClasses.classNo, size: schoolClasses.size })
    .from(schoolClasses)
    .innerJoin(schools, and(eq(schools.districtId, schoolClasses.districtId), eq(schools.code, schoolClasses.schoolCode)))
    .where(and(eq(schoolClasses.districtId, districtId), eq(schoolClasses.year, year), inScope(schools.code, scope)))
    .orderBy(asc(schoolClasses.schoolCode), asc(schoolClasses.grade), asc(schoolClasses.classNo));
}

/** Students of one grade per school in a year (grade 9: the year's 初三, who graduate that school year). */
export async function gradeEnrolment(db: Db, districtId: string, year: number, grade: number): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: gradeEnrolments.schoolCode, students: gradeEnrolments.students })
    .from(gradeEnrolments)
    .where(and(eq(gradeEnrolments.districtId, districtId), eq(gradeEnrolments.year, year), eq(gradeEnrolments.grade, grade)));
  return new Map(rows.map((r) => [r.code, r.students]));
}

/** Every enrolment record of the district (school × year × grade), for the seat forecast. */
export async function enrolmentHistory(db: Db, districtId: string) {
  return db
    .select({ schoolCode: gradeEnrolments.schoolCode, year: gradeEnrolments.year, grade: gradeEnrolments.grade, students: gradeEnrolments.students })
    .from(gradeEnrolments)
    .where(eq(gradeEnrolments.districtId, districtId))
    .orderBy(asc(gradeEnrolments.schoolCode), asc(gradeEnrolments.year), asc(gradeEnrolments.grade));
}

/** Classes per school, year and grade, with the largest class (班额), over all years. */
export async function classCountHistory(db: Db, districtId: string) {
  return db
    .select({ schoolCode: schoolClasses.schoolCode, year: schoolClasses.year, grade: schoolClasses.grade, classes: sql<number>`count(*)::int`, largest: sql<number>`max(${schoolClasses.size})::int` })
    .from(schoolClasses)
    .where(eq(schoolClasses.districtId, districtId))
    .groupBy(schoolClasses.schoolCode, schoolClasses.year, schoolClasses.grade)
    .orderBy(asc(schoolClasses.schoolCode), asc(schoolClasses.year), asc(schoolClasses.grade));
}
