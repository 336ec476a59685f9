// Roster storage (教师名册): the only place that knows the SQL of teachers (the person) and teacher_years (the roster of a
// school year: one row per teacher and year). Other parts of src/teachers (training, moves, structure, the demo) read
// the roster through rosterOfYear; every write runs inside the caller's transaction after lockRoster, which serialises
// the district's roster writes (matching persons and numbering new teachers are then race-free).
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import type { BackboneLevel, Employment, Post, Qualification, RosterTeacher, Section, Sex, Tier, Title } from '../model.js';
import { teachers, teacherYears } from '../schema.js';

/** Subjects are stored joined by 、 (main subject first). */
export const SUBJECT_SEPARATOR = '、';

/** A roster row of one year (the person and the post), as stored. */
export interface RosterEntry extends RosterTeacher {
  year: number;
  /** A 身份证号 hash is kept for the person (the number itself never is). */
  hasIdNumber: boolean;
}

/** The person (teachers row) without the hash itself. */
export interface Person {
  teacherId: string;
  name: string;
  sex: Sex;
  birthYear: number;
  hasIdNumber: boolean;
}

/** A new or changed person: the hash when a 身份证号 was given (undefined: leave the stored one as it is). */
export interface PersonInput {
  teacherId: string;
  name: string;
  sex: Sex;
  birthYear: number;
  idHash?: string | null;
}

const joined = {
  year: teacherYears.year,
  teacherId: teacherYears.teacherId,
  name: teachers.name,
  sex: teachers.sex,
  birthYear: teachers.birthYear,
  idHash: teachers.idHash,
  schoolCode: teacherYears.schoolCode,
  section: teacherYears.section,
  staffNo: teacherYears.staffNo,
  subjects: teacherYears.subjects,
  post: teacherYears.post,
  qualification: teacherYears.qualification,
  title: teacherYears.title,
  certified: teacherYears.certified,
  backboneLevel: teacherYears.backboneLevel,
  backboneYear: teacherYears.backboneYear,
  tier: teacherYears.tier,
  schoolSince: teacherYears.schoolSince,
  employment: teacherYears.employment,
};
interface JoinedRow {
  year: number;
  teacherId: string;
  name: string;
  sex: string;
  birthYear: number;
  idHash: string | null;
  schoolCode: string;
  section: string | null;
  staffNo: string | null;
  subjects: string;
  post: string;
  qualification: string;
  title: string;
  certified: boolean;
  backboneLevel: string | null;
  backboneYear: number | null;
  tier: string | null;
  schoolSince: number;
  employment: string;
}

const splitSubjects = (s: string) => s.split(SUBJECT_SEPARATOR).filter((x) => x !== '');

function entryOf(r: JoinedRow): RosterEntry {
  return {
    year: r.year,
    teacherId: r.teacherId,
    name: r.name,
    sex: r.sex as Sex,
    birthYear: r.birthYear,
    schoolCode: r.schoolCode,
    section: r.section as Section | null,
    staffNo: r.staffNo,
    subjects: splitSubjects(r.subjects),
    post: r.post as Post,
    qualification: r.qualification as Qualification,
    title: r.title as Title,
    certified: r.certified,
    backboneLevel: r.backboneLevel as BackboneLevel | null,
    backboneYear: r.backboneYear,
    tier: r.tier as Tier | null,
    schoolSince: r.schoolSince,
    employment: r.employment as Employment,
    hasIdNumber: r.idHash !== null,
  };
}

/** The person and post of a roster entry as the shared RosterTeacher (without the year and the hash flag). */
export function teacherOf(e: RosterEntry): RosterTeacher {
  const { year: _year, hasIdNumber: _has, ...t } = e;
  return t;
}

async function selectRoster(db: Db, where: SQL | undefined): Promise<RosterEntry[]> {
  const rows = await db
    .select(joined)
    .from(teacherYears)
    .innerJoin(teachers, and(eq(teachers.districtId, teacherYears.districtId), eq(teachers.teacherId, teacherYears.teacherId)))
    .where(where)
    .orderBy(
      asc(teacherYears.year),
      asc(teacherYears.schoolCode),
      sql`array_position(array['小学', '初中', '高中']::text[], ${teacherYears.section}) nulls first`,
      sql`${teacherYears.staffNo} nulls last`,
      asc(teacherYears.teacherId),
    );
  return rows.map((r: JoinedRow) => entryOf(r));
}

/** A school's roster of school year `year` (empty when it has none), by section (小学, 初中, 高中), 工号, teacher id. */
export function schoolRoster(db: Db, districtId: string, schoolCode: string, year: number): Promise<RosterEntry[]> {
  return selectRoster(db, and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year), eq(teacherYears.schoolCode, schoolCode)));
}

/** The district's roster of school year `year` (or of the given schools only), by school, section, 工号, teacher id. */
export async function rosterOfYear(db: Db, districtId: string, year: number, schools?: readonly string[]): Promise<RosterTeacher[]> {
  return (await rosterEntriesOfYear(db, districtId, year, schools)).map(teacherOf);
}

/** As rosterOfYear, with the year and the 身份证号 flag of each row. */
export function rosterEntriesOfYear(db: Db, districtId: string, year: number, schools?: readonly string[]): Promise<RosterEntry[]> {
  if (schools && schools.length === 0) return Promise.resolve([]);
  return selectRoster(db, and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year), schools ? inArray(teacherYears.schoolCode, [...schools]) : undefined));
}

/** Every roster row of one teacher (their posts by year), oldest first. */
export function postsOfTeacher(db: Db, districtId: string, teacherId: string): Promise<RosterEntry[]> {
  return selectRoster(db, and(eq(teacherYears.districtId, districtId), eq(teacherYears.teacherId, teacherId)));
}

/** One roster row (null when the teacher has none that year). */
export async function rosterEntry(db: Db, districtId: string, year: number, teacherId: string): Promise<RosterEntry | null> {
  const [e] = await selectRoster(db, and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year), eq(teacherYears.teacherId, teacherId)));
  return e ?? null;
}

/** The person (null when there is no such teacher). */
export async function personOf(db: Db, districtId: string, teacherId: string): Promise<Person | null> {
  const [p] = await db
    .select()
    .from(teachers)
    .where(and(eq(teachers.districtId, districtId), eq(teachers.teacherId, teacherId)));
  return p ? { teacherId: p.teacherId, name: p.name, sex: p.sex as Sex, birthYear: p.birthYear, hasIdNumber: p.idHash !== null } : null;
}

/** Persons by the hash of their 身份证号: hash → teacher id. */
export async function personsByIdHash(db: Db, districtId: string, hashes: readonly string[]): Promise<Map<string, { teacherId: string }>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .select({ teacherId: teachers.teacherId, idHash: teachers.idHash })
    .from(teachers)
    .where(and(eq(teachers.districtId, districtId), inArray(teachers.idHash, [...hashes])));
  return new Map(rows.map((r) => [r.idHash!, { teacherId: r.teacherId }]));
}

/** The hash stored for each of these persons (null: none): teacher id → hash. */
export async function idHashesOf(db: Db, districtId: string, teacherIds: readonly string[]): Promise<Map<string, string | null>> {
  if (teacherIds.length === 0) return new Map();
  const rows = await db
    .select({ teacherId: teachers.teacherId, idHash: teachers.idHash })
    .from(teachers)
    .where(and(eq(teachers.districtId, districtId), inArray(teachers.teacherId, [...teacherIds])));
  return new Map(rows.map((r) => [r.teacherId, r.idHash]));
}

/** Teachers of a school's roster of `year` by their 工号: 工号 → teacher id (工号 kept by several rows are left out). */
export async function personsByStaffNo(db: Db, districtId: string, schoolCode: string, year: number): Promise<Map<string, { teacherId: string }>> {
  const rows = await db
    .select({ teacherId: teacherYears.teacherId, staffNo: teacherYears.staffNo })
    .from(teacherYears)
    .where(and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year), eq(teacherYears.schoolCode, schoolCode), sql`${teacherYears.staffNo} is not null`));
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.staffNo!, (seen.get(r.staffNo!) ?? 0) + 1);
  return new Map(rows.filter((r) => seen.get(r.staffNo!) === 1).map((r) => [r.staffNo!, { teacherId: r.teacherId }]));
}

/** Where these teachers are on the roster of `year` (any school): teacher id → school code. */
export async function schoolsOfTeachers(db: Db, districtId: string, year: number, teacherIds: readonly string[]): Promise<Map<string, string>> {
  if (teacherIds.length === 0) return new Map();
  const rows = await db
    .select({ teacherId: teacherYears.teacherId, schoolCode: teacherYears.schoolCode })
    .from(teacherYears)
    .where(and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year), inArray(teacherYears.teacherId, [...teacherIds])));
  return new Map(rows.map((r) => [r.teacherId, r.schoolCode]));
}

/**
 * Takes the district's roster lock until the transaction ends (pg_advisory_xact_lock): roster writes of one district
 * run one after another, so two imports cannot both create the same person or the same teacher id.
 */
export async function lockRoster(tx: Db, districtId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`junheng.teachers.roster:${districtId}`}))`);
}

/** 'T' + at least 6 digits: T000001, …, T999999, T1000000. */
export const teacherIdOf = (n: number) => `T${String(n).padStart(6, '0')}`;

/**
 * The next `count` teacher ids of the district, from its counter (teacher_id_counters): numbers are never handed out
 * twice, even after the person with the highest one was deleted. The counter starts (and, should persons have been
 * written past it, catches up) at the highest T-number in use + 1: next = max(counter, highest + 1); it then moves on by
 * `count`, in the caller's transaction (call under lockRoster).
 */
export async function nextTeacherIds(tx: Db, districtId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const got = await tx.execute(sql`
    insert into teacher_id_counters (district_id, next_number)
    values (${districtId}, (select coalesce(max(substring(teacher_id from 2)::bigint), 0)::int + 1
                            from teachers where district_id = ${districtId} and teacher_id ~ '^T[0-9]{1,9}$') + ${count})
    on conflict (district_id) do update
      set next_number = greatest(teacher_id_counters.next_number, excluded.next_number - ${count}) + ${count}
    returning next_number`);
  const next = Number((got as { rows: { next_number: string | number }[] }).rows[0].next_number);
  return Array.from({ length: count }, (_, i) => teacherIdOf(next - count + i));
}

/** Every roster row (school and year) of these persons: teacher id → their (school, year) posts. */
export async function postsOfPersons(db: Db, districtId: string, teacherIds: readonly string[]): Promise<Map<string, { schoolCode: string; year: number }[]>> {
  const out = new Map<string, { schoolCode: string; year: number }[]>();
  if (teacherIds.length === 0) return out;
  const rows = await db
    .select({ teacherId: teacherYears.teacherId, schoolCode: teacherYears.schoolCode, year: teacherYears.year })
    .from(teacherYears)
    .where(and(eq(teacherYears.districtId, districtId), inArray(teacherYears.teacherId, [...teacherIds])))
    .orderBy(asc(teacherYears.year), asc(teacherYears.schoolCode));
  for (const r of rows) out.set(r.teacherId, [...(out.get(r.teacherId) ?? []), { schoolCode: r.schoolCode, year: r.year }]);
  return out;
}

/** The stored persons among these ids: teacher id → person. */
export async function personsOf(db: Db, districtId: string, teacherIds: readonly string[]): Promise<Map<string, Person>> {
  if (teacherIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(teachers)
    .where(and(eq(teachers.districtId, districtId), inArray(teachers.teacherId, [...teacherIds])));
  return new Map(rows.map((p) => [p.teacherId, { teacherId: p.teacherId, name: p.name, sex: p.sex as Sex, birthYear: p.birthYear, hasIdNumber: p.idHash !== null }]));
}

/** Rows per insert statement (16 columns each: far below PostgreSQL's 65,535 parameters). */
const BATCH = 1000;

/** Inserts new persons. */
export async function insertPersons(tx: Db, districtId: string, persons: readonly PersonInput[], by: string): Promise<void> {
  for (let i = 0; i < persons.length; i += BATCH)
    await tx
      .insert(teachers)
      .values(persons.slice(i, i + BATCH).map((p) => ({ districtId, teacherId: p.teacherId, name: p.name, sex: p.sex, birthYear: p.birthYear, idHash: p.idHash ?? null, createdBy: by })));
}

/** Changes a person's name, sex and birth year, and their hash when one is given. */
export async function updatePerson(tx: Db, districtId: string, p: PersonInput): Promise<void> {
  await tx
    .update(teachers)
    .set({ name: p.name, sex: p.sex, birthYear: p.birthYear, ...(p.idHash ? { idHash: p.idHash } : {}) })
    .where(and(eq(teachers.districtId, districtId), eq(teachers.teacherId, p.teacherId)));
}

/** Deletes persons that no roster of any year names any more (a new person of a refused or undone entry). */
export async function deleteOrphanPersons(tx: Db, districtId: string, teacherIds: readonly string[]): Promise<void> {
  if (teacherIds.length === 0) return;
  await tx.execute(sql`
    delete from teachers t where t.district_id = ${districtId} and t.teacher_id in (${sql.join(
      teacherIds.map((id) => sql`${id}`),
      sql`, `,
    )})
      and not exists (select 1 from teacher_years y where y.district_id = t.district_id and y.teacher_id = t.teacher_id)
      and not exists (select 1 from teacher_training r where r.district_id = t.district_id and r.teacher_id = t.teacher_id)
      and not exists (select 1 from teacher_moves m where m.district_id = t.district_id and m.teacher_id = t.teacher_id)`);
}

const yearRowOf = (districtId: string, year: number, t: RosterTeacher, by: string) => ({
  districtId,
  year,
  teacherId: t.teacherId,
  schoolCode: t.schoolCode,
  section: t.section,
  staffNo: t.staffNo,
  subjects: t.subjects.join(SUBJECT_SEPARATOR),
  post: t.post,
  qualification: t.qualification,
  title: t.title,
  certified: t.certified,
  backboneLevel: t.backboneLevel,
  backboneYear: t.backboneYear,
  tier: t.tier,
  schoolSince: t.schoolSince,
  employment: t.employment,
  updatedBy: by,
  updatedAt: sql`now()`,
});

/** Replaces a school's roster of `year` by `rows` (their persons must exist). */
export async function replaceSchoolRoster(tx: Db, districtId: string, schoolCode: string, year: number, rows: readonly RosterTeacher[], by: string): Promise<void> {
  await tx.delete(teacherYears).where(and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year), eq(teacherYears.schoolCode, schoolCode)));
  for (let i = 0; i < rows.length; i += BATCH) await tx.insert(teacherYears).values(rows.slice(i, i + BATCH).map((t) => yearRowOf(districtId, year, t, by)));
}

/** Writes one roster row (a new one, or the teacher's row of that year replaced). */
export async function upsertRosterRow(tx: Db, districtId: string, year: number, t: RosterTeacher, by: string): Promise<void> {
  const { districtId: _d, year: _y, teacherId: _t, ...set } = yearRowOf(districtId, year, t, by);
  await tx
    .insert(teacherYears)
    .values(yearRowOf(districtId, year, t, by))
    .onConflictDoUpdate({ target: [teacherYears.districtId, teacherYears.year, teacherYears.teacherId], set });
}

/** Deletes one roster row; true when there was one. */
export async function deleteRosterRow(tx: Db, districtId: string, year: number, teacherId: string): Promise<boolean> {
  const gone = await tx
    .delete(teacherYears)
    .where(and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year), eq(teacherYears.teacherId, teacherId)))
    .returning({ teacherId: teacherYears.teacherId });
  return gone.length > 0;
}

/** Per school with a roster in `year`: its rows and its 专任 rows. */
export async function rosterTallies(db: Db, districtId: string, year: number): Promise<Map<string, { rows: number; fullTime: number }>> {
  const rows = await db
    .select({
      schoolCode: teacherYears.schoolCode,
      rows: sql<number>`count(*)::int`,
      fullTime: sql<number>`(count(*) filter (where ${teacherYears.post} = '专任'))::int`,
    })
    .from(teacherYears)
    .where(and(eq(teacherYears.districtId, districtId), eq(teacherYears.year, year)))
    .groupBy(teacherYears.schoolCode);
  return new Map(rows.map((r) => [r.schoolCode, { rows: Number(r.rows), fullTime: Number(r.fullTime) }]));
}

/** The years in which a school has a roster, newest first. */
export async function rosterYearsOfSchool(db: Db, districtId: string, schoolCode: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: teacherYears.year })
    .from(teacherYears)
    .where(and(eq(teacherYears.districtId, districtId), eq(teacherYears.schoolCode, schoolCode)))
    .orderBy(desc(teacherYears.year));
  return rows.map((r) => r.year);
}
