// Exam storage: the only place that knows the exams' SQL. Bulk writes are INSERT … SELECT … FROM unnest(…) over
// array literals (sql-arrays.ts), one text parameter per column and batch, cast on the server.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { examItemScores, examItems, examReports, examResults, exams, examSubjects } from './schema.js';
import { numberArray, textArray } from './sql-arrays.js';

export type ExamRow = typeof exams.$inferSelect;
export type SubjectRow = typeof examSubjects.$inferSelect;
export interface ExamWithSubjects extends ExamRow {
  subjects: SubjectRow[];
  /** Whether the exam hides ranks from clerks and viewers (kept with its report's settings); null = the default. */
  hideRanks: boolean | null;
  /** Items (小题) of every subject, by subject position then item number; usually none. */
  items: ItemRow[];
}

/** The rows of a raw SQL query (node-postgres and PGlite both answer {rows}). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}

// ───────────────────────────── exams and subjects ─────────────────────────────

export async function listExams(db: Db, districtId: string): Promise<ExamWithSubjects[]> {
  const list = await db
    .select()
    .from(exams)
    .where(eq(exams.districtId, districtId))
    .orderBy(sql`${exams.date} desc nulls last`, asc(exams.id));
  const subs = await db.select().from(examSubjects).where(eq(examSubjects.districtId, districtId)).orderBy(asc(examSubjects.examId), asc(examSubjects.position));
  const items = await db.select().from(examItems).where(eq(examItems.districtId, districtId)).orderBy(asc(examItems.examId), asc(examItems.position), asc(examItems.itemNo));
  const by = new Map<number, SubjectRow[]>();
  for (const s of subs) by.set(s.examId, [...(by.get(s.examId) ?? []), s]);
  const itemsBy = new Map<number, ItemRow[]>();
  for (const it of items) itemsBy.set(it.examId, [...(itemsBy.get(it.examId) ?? []), it]);
  const hide = await rankOptions(db, districtId);
  return list.map((e) => ({ ...e, subjects: by.get(e.id) ?? [], items: itemsBy.get(e.id) ?? [], hideRanks: hide.get(e.id) ?? null }));
}

/** Per exam with a report: its stored rank option (exam_reports.settings.hideRanks), when set. */
async function rankOptions(db: Db, districtId: string, examId?: number): Promise<Map<number, boolean>> {
  const list = await rows<{ exam_id: number | string; hide: boolean | null }>(
    db,
    sql`select exam_id, (settings->>'hideRanks')::boolean as hide from exam_reports where district_id = ${districtId}${examId === undefined ? sql`` : sql` and exam_id = ${examId}`}`,
  );
  return new Map(list.filter((r) => r.hide !== null).map((r) => [Number(r.exam_id), r.hide === true]));
}

/** Sets the exam's rank option on its report; false when the exam has no report yet (nothing imported). */
export async function setHideRanks(db: Db, districtId: string, examId: number, hide: boolean): Promise<boolean> {
  const done = await rows<{ exam_id: number }>(
    db,
    sql`update exam_reports set settings = settings || jsonb_build_object('hideRanks', ${hide}::boolean) where district_id = ${districtId} and exam_id = ${examId} returning exam_id`,
  );
  return done.length > 0;
}

export async function getExam(db: Db, districtId: string, id: number): Promise<ExamWithSubjects | null> {
  const [e] = await db
    .select()
    .from(exams)
    .where(and(eq(exams.districtId, districtId), eq(exams.id, id)));
  if (!e) return null;
  const subjects = await db
    .select()
    .from(examSubjects)
    .where(and(eq(examSubjects.districtId, districtId), eq(examSubjects.examId, id)))
    .orderBy(asc(examSubjects.position));
  return { ...e, subjects, items: await listItems(db, districtId, id), hideRanks: (await rankOptions(db, districtId, id)).get(id) ?? null };
}

export async function findExamByName(db: Db, districtId: string, name: string): Promise<ExamWithSubjects | null> {
  const [e] = await db
    .select({ id: exams.id })
    .from(exams)
    .where(and(eq(exams.districtId, districtId), eq(exams.name, name)));
  return e ? getExam(db, districtId, e.id) : null;
}

export type NewExam = Omit<typeof exams.$inferInsert, 'districtId' | 'id'>;
export type NewSubject = Omit<typeof examSubjects.$inferInsert, 'districtId' | 'examId'>;

export async function insertExam(db: Db, districtId: string, exam: NewExam, subjects: NewSubject[]): Promise<number> {
  const [{ id }] = await db
    .insert(exams)
    .values({ ...exam, districtId })
    .returning({ id: exams.id });
  await db.insert(examSubjects).values(subjects.map((s) => ({ ...s, districtId, examId: id })));
  return id;
}

export async function updateExam(db: Db, districtId: string, id: number, set: Partial<NewExam>): Promise<void> {
  if (Object.keys(set).length)
    await db
      .update(exams)
      .set(set)
      .where(and(eq(exams.districtId, districtId), eq(exams.id, id)));
}

export async function deleteSubjects(db: Db, districtId: string, examId: number): Promise<void> {
  await db.delete(examSubjects).where(and(eq(examSubjects.districtId, districtId), eq(examSubjects.examId, examId)));
}

export async function insertSubjects(db: Db, districtId: string, examId: number, subjects: NewSubject[]): Promise<void> {
  await db.insert(examSubjects).values(subjects.map((s) => ({ ...s, districtId, examId })));
}

export async function updateSubject(db: Db, districtId: string, examId: number, position: number, set: Partial<NewSubject>): Promise<void> {
  await db
    .update(examSubjects)
    .set(set)
    .where(and(eq(examSubjects.districtId, districtId), eq(examSubjects.examId, examId), eq(examSubjects.position, position)));
}

export async function deleteExam(db: Db, districtId: string, id: number): Promise<void> {
  for (const t of [examItemScores, examItems, examResults, examReports, examSubjects] as const) await db.delete(t).where(and(eq(t.districtId, districtId), eq(t.examId, id)));
  await db.delete(exams).where(and(eq(exams.districtId, districtId), eq(exams.id, id)));
}

// ───────────────────────────── results ─────────────────────────────

/** One student per index, as the import holds them (typed columns; the derived values from the analysis). */
export interface ResultColumns {
  studentIds: readonly string[];
  school: Int32Array;
  schoolCodes: readonly string[];
  /** Per student, an index into classNames. */
  klass: Int32Array;
  classNames: readonly string[];
  scores: readonly Float64Array[];
  marks: readonly Uint8Array[];
  total: Float64Array;
  rankDistrict: Int32Array;
  rankSchool: Int32Array;
  rankClass: Int32Array;
  zTotal: Float64Array;
  tTotal: Float64Array;
}

export async function deleteResults(db: Db, districtId: string, examId: number): Promise<void> {
  await db.delete(examResults).where(and(eq(examResults.districtId, districtId), eq(examResults.examId, examId)));
  await db.delete(examItemScores).where(and(eq(examItemScores.districtId, districtId), eq(examItemScores.examId, examId)));
}

/**
 * Rows [from, to) of `c` in one statement. Each subject's scores and marks travel as one flat array literal and the
 * per-row arrays are built on the server (ARRAY[u.s0, u.s1, …]): cheaper to build and to parse than nested literals.
 */
export async function insertResults(db: Db, districtId: string, examId: number, c: ResultColumns, from: number, to: number): Promise<void> {
  const codes: string[] = new Array(to - from);
  const classes: string[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    codes[i - from] = c.schoolCodes[c.school[i]];
    classes[i - from] = c.classNames[c.klass[i]];
  }
  const p = (s: string) => sql`${s}::text`;
  const S = c.scores.length;
  const sName = Array.from({ length: S }, (_, k) => sql.raw(`s${k}`));
  const mName = Array.from({ length: S }, (_, k) => sql.raw(`m${k}`));
  const list = (names: SQL[], prefix = '') => sql.join(prefix ? names.map((x) => sql`${sql.raw(prefix)}${x}`) : names, sql`, `);
  await db.execute(sql`
    insert into exam_results (district_id, exam_id, student_id, school_code, class_name, scores, marks, total, rank_district, rank_school, rank_class, z_total, t_total)
    select ${districtId}::text, ${examId}::bigint, u.sid, u.school, u.klass, array[${list(sName, 'u.')}]::float8[], array[${list(mName, 'u.')}]::int2[],
      u.total, u.rd, u.rs, u.rc, u.z, u.t
    from unnest(${p(textArray(c.studentIds, from, to))}::text[], ${p(textArray(codes))}::text[], ${p(textArray(classes))}::text[],
      ${sql.join(
        c.scores.map((a) => sql`${p(numberArray(a, from, to))}::float8[]`),
        sql`, `,
      )},
      ${sql.join(
        c.marks.map((a) => sql`${p(numberArray(a, from, to))}::int2[]`),
        sql`, `,
      )},
      ${p(numberArray(c.total, from, to))}::float8[], ${p(numberArray(c.rankDistrict, from, to, true))}::int4[],
      ${p(numberArray(c.rankSchool, from, to, true))}::int4[], ${p(numberArray(c.rankClass, from, to, true))}::int4[],
      ${p(numberArray(c.zTotal, from, to))}::float8[], ${p(numberArray(c.tTotal, from, to))}::float8[])
      as u(sid, school, klass, ${list(sName)}, ${list(mName)}, total, rd, rs, rc, z, t)`);
}

export interface StudentColumns {
  studentIds: readonly string[];
  names: readonly (string | null)[];
  /** 0 unknown, 1 男, 2 女 */
  gender: Uint8Array;
  school: Int32Array;
  schoolCodes: readonly string[];
  klass: Int32Array;
  classNames: readonly string[];
}

/**
 * Students [from, to): insert, or update to these details when the exam is not older than the one they were last
 * seen in (an empty name keeps the known one). Unchanged rows are not rewritten.
 */
export async function upsertStudents(db: Db, districtId: string, seenOn: string, c: StudentColumns, from: number, to: number): Promise<void> {
  const codes: string[] = new Array(to - from);
  const classes: string[] = new Array(to - from);
  const genders: (string | null)[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    codes[i - from] = c.schoolCodes[c.school[i]];
    classes[i - from] = c.classNames[c.klass[i]];
    genders[i - from] = c.gender[i] === 1 ? '男' : c.gender[i] === 2 ? '女' : null;
  }
  const p = (s: string) => sql`${s}::text`;
  await db.execute(sql`
    insert into students (district_id, student_id, name, gender, school_code, class_name, seen_on)
    select ${districtId}::text, u.sid, u.name, u.gender, u.school, u.klass, ${seenOn}::date
    from unnest(${p(textArray(c.studentIds, from, to))}::text[], ${p(textArray(c.names, from, to))}::text[], ${p(textArray(genders))}::text[],
      ${p(textArray(codes))}::text[], ${p(textArray(classes))}::text[]) as u(sid, name, gender, school, klass)
    on conflict (district_id, student_id) do update set
      name = coalesce(excluded.name, students.name), gender = coalesce(excluded.gender, students.gender),
      school_code = excluded.school_code, class_name = excluded.class_name, seen_on = excluded.seen_on
    where students.seen_on <= excluded.seen_on
      and (coalesce(excluded.name, students.name), coalesce(excluded.gender, students.gender), excluded.school_code, excluded.class_name, excluded.seen_on)
        is distinct from (students.name, students.gender, students.school_code, students.class_name, students.seen_on)`);
}

/** The stored scores of an exam as typed columns (for re-analysis), read in pages of `page` rows by 学籍号. */
export async function loadScoreColumns(db: Db, districtId: string, examId: number, subjects: number, page = 50000) {
  const ids: string[] = [];
  const schoolOf: string[] = [];
  const classOf: string[] = [];
  let scores = Array.from({ length: subjects }, () => new Float64Array(1024));
  let n = 0;
  let after = '';
  for (;;) {
    const batch = await rows<{ student_id: string; school_code: string; class_name: string; scores: string }>(
      db,
      sql`select student_id, school_code, class_name, scores::text as scores from exam_results
          where district_id = ${districtId} and exam_id = ${examId} and student_id > ${after} order by student_id limit ${page}`,
    );
    if (!batch.length) break;
    if (n + batch.length > scores[0]?.length) {
      const cap = Math.max(n + batch.length, Math.ceil((scores[0]?.length ?? 0) * 1.6));
      scores = scores.map((a) => {
        const b = new Float64Array(cap);
        b.set(a);
        return b;
      });
    }
    for (const r of batch) {
      ids.push(r.student_id);
      schoolOf.push(r.school_code);
      classOf.push(r.class_name);
      const inner = r.scores.slice(1, -1);
      let s = 0;
      let start = 0;
      for (let k = 0; k <= inner.length; k++)
        if (k === inner.length || inner.charCodeAt(k) === 44) {
          const cell = inner.slice(start, k);
          if (s < subjects) scores[s][n] = cell === 'NULL' ? NaN : Number(cell);
          s++;
          start = k + 1;
        }
      n++;
    }
    after = batch[batch.length - 1].student_id;
    if (batch.length < page) break;
  }
  return { n, studentIds: ids, schoolOf, classOf, scores: scores.map((a) => a.subarray(0, n)) };
}

/** District ranks of 总分 of an exam (for comparisons), read in pages by 学籍号. */
export async function loadTotalRanks(db: Db, districtId: string, examId: number, page = 100000) {
  const ids: string[] = [];
  const schools: string[] = [];
  const ranks: number[] = [];
  let after = '';
  for (;;) {
    const batch = await rows<{ student_id: string; school_code: string; rank_district: number | null }>(
      db,
      sql`select student_id, school_code, rank_district from exam_results
          where district_id = ${districtId} and exam_id = ${examId} and student_id > ${after} order by student_id limit ${page}`,
    );
    for (const r of batch) {
      ids.push(r.student_id);
      schools.push(r.school_code);
      ranks.push(r.rank_district ?? 0);
    }
    if (batch.length < page) break;
    after = batch[batch.length - 1].student_id;
  }
  return { studentIds: ids, schoolOf: schools, rank: Int32Array.from(ranks) };
}

export interface StudentResultRow {
  student_id: string;
  name: string | null;
  gender: string | null;
  school_code: string;
  class_name: string;
  scores: (number | null)[];
  marks: number[];
  total: number | null;
  rank_district: number | null;
  rank_school: number | null;
  rank_class: number | null;
  z_total: number | null;
  t_total: number | null;
}

const RESULT_COLUMNS = sql.raw(`r.student_id, s.name, s.gender, r.school_code, r.class_name, r.scores::text as scores, r.marks::text as marks, r.total, r.rank_district, r.rank_school,
  r.rank_class, r.z_total, r.t_total`);

/** Arrays come back as literals (the same text from both drivers): '{1,NULL}' → [1, null]. */
function arrayOf(v: unknown): (number | null)[] | null {
  if (v === null || v === undefined) return null;
  const inner = String(v).slice(1, -1);
  return inner === '' ? [] : inner.split(',').map((x) => (x === 'NULL' ? null : Number(x)));
}

function toResult(r: Record<string, unknown>): StudentResultRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    student_id: r.student_id as string,
    name: (r.name as string | null) ?? null,
    gender: (r.gender as string | null) ?? null,
    school_code: r.school_code as string,
    class_name: r.class_name as string,
    scores: arrayOf(r.scores) ?? [],
    marks: (arrayOf(r.marks) ?? []).map((m) => m ?? 0),
    total: num(r.total),
    rank_district: num(r.rank_district),
    rank_school: num(r.rank_school),
    rank_class: num(r.rank_class),
    z_total: num(r.z_total),
    t_total: num(r.t_total),
  };
}

/** A school's students with their results (and the latest known name), best 总分 first. */
export async function schoolResults(db: Db, districtId: string, examId: number, schoolCode: string, className?: string): Promise<StudentResultRow[]> {
  const list = await rows<Record<string, unknown>>(
    db,
    sql`select ${RESULT_COLUMNS} from exam_results r left join students s on s.district_id = r.district_id and s.student_id = r.student_id
        where r.district_id = ${districtId} and r.exam_id = ${examId} and r.school_code = ${schoolCode} ${className === undefined ? sql`` : sql`and r.class_name = ${className}`}
        order by r.rank_school nulls last, r.class_name, r.student_id`,
  );
  return list.map(toResult);
}

export async function studentResult(db: Db, districtId: string, examId: number, studentId: string): Promise<StudentResultRow | null> {
  const [r] = await rows<Record<string, unknown>>(
    db,
    sql`select ${RESULT_COLUMNS} from exam_results r left join students s on s.district_id = r.district_id and s.student_id = r.student_id
        where r.district_id = ${districtId} and r.exam_id = ${examId} and r.student_id = ${studentId}`,
  );
  return r ? toResult(r) : null;
}

/**
 * Competition ranks (1 + the number of higher scores) of the given scores, per subject, among the exam's students of
 * the district, of the school and of the class (class null: none). NaN scores get no rank.
 */
export async function subjectRanks(db: Db, districtId: string, examId: number, schoolCode: string, className: string | null, scores: number[]) {
  const parts: SQL[] = [];
  scores.forEach((v, k) => {
    if (Number.isNaN(v)) return;
    const higher = sql`r.scores[${sql.raw(String(k + 1))}] > ${v}::float8`;
    parts.push(sql`count(*) filter (where ${higher}) as ${sql.raw(`d${k}`)}`);
    parts.push(sql`count(*) filter (where ${higher} and r.school_code = ${schoolCode}) as ${sql.raw(`s${k}`)}`);
    if (className !== null) parts.push(sql`count(*) filter (where ${higher} and r.school_code = ${schoolCode} and r.class_name = ${className}) as ${sql.raw(`c${k}`)}`);
  });
  const out = scores.map(() => ({ district: null as number | null, school: null as number | null, klass: null as number | null }));
  if (!parts.length) return out;
  const [r] = await rows<Record<string, unknown>>(db, sql`select ${sql.join(parts, sql`, `)} from exam_results r where r.district_id = ${districtId} and r.exam_id = ${examId}`);
  scores.forEach((v, k) => {
    if (Number.isNaN(v)) return;
    out[k] = { district: 1 + Number(r[`d${k}`]), school: 1 + Number(r[`s${k}`]), klass: className === null ? null : 1 + Number(r[`c${k}`]) };
  });
  return out;
}

// ───────────────────────────── reports ─────────────────────────────

export async function saveReport(db: Db, districtId: string, examId: number, report: unknown, settings: unknown): Promise<void> {
  const computedAt = new Date().toISOString();
  await db
    .insert(examReports)
    .values({ districtId, examId, report, settings, computedAt })
    // A new analysis keeps the exam's rank option (hideRanks), which lives with the report's settings.
    .onConflictDoUpdate({
      target: [examReports.districtId, examReports.examId],
      set: { report, computedAt, settings: sql`excluded.settings || jsonb_strip_nulls(jsonb_build_object('hideRanks', exam_reports.settings->'hideRanks'))` },
    });
}

export async function loadReport(db: Db, districtId: string, examId: number) {
  const [r] = await db
    .select()
    .from(examReports)
    .where(and(eq(examReports.districtId, districtId), eq(examReports.examId, examId)));
  return r ?? null;
}

// ───────────────────────────── items (小题) ─────────────────────────────

export type ItemRow = typeof examItems.$inferSelect;

export async function listItems(db: Db, districtId: string, examId: number): Promise<ItemRow[]> {
  return db
    .select()
    .from(examItems)
    .where(and(eq(examItems.districtId, districtId), eq(examItems.examId, examId)))
    .orderBy(asc(examItems.position), asc(examItems.itemNo));
}

export async function replaceItems(db: Db, districtId: string, examId: number, items: Omit<typeof examItems.$inferInsert, 'districtId' | 'examId'>[]): Promise<void> {
  await db.delete(examItems).where(and(eq(examItems.districtId, districtId), eq(examItems.examId, examId)));
  if (items.length) await db.insert(examItems).values(items.map((it) => ({ ...it, districtId, examId })));
}

/** Item scores of one subject for the students `rows[from..to)` (indexes into studentIds), one real[] per student. */
export async function insertItemScores(
  db: Db,
  districtId: string,
  examId: number,
  position: number,
  studentIds: readonly string[],
  rows: Int32Array,
  columns: readonly Float32Array[],
  from: number,
  to: number,
): Promise<void> {
  const ids: string[] = new Array(to - from);
  let lit = '{';
  for (let r = from; r < to; r++) {
    const i = rows[r];
    ids[r - from] = studentIds[i];
    if (r > from) lit += ',';
    lit += '"{';
    for (let k = 0; k < columns.length; k++) {
      const v = columns[k][i];
      lit += (k ? ',' : '') + (v === v ? String(v) : 'NULL');
    }
    lit += '}"';
  }
  lit += '}';
  await db.execute(sql`
    insert into exam_item_scores (district_id, exam_id, student_id, position, scores)
    select ${districtId}::text, ${examId}::bigint, u.sid, ${position}::smallint, u.s::real[]
    from unnest(${textArray(ids)}::text::text[], ${lit}::text::text[]) as u(sid, s)`);
}

/** The item scores of one subject with each student's score of the subject (the paper total), in pages by 学籍号. */
export async function loadItemScores(db: Db, districtId: string, examId: number, position: number, items: number, page = 50000) {
  const scores = Array.from({ length: items }, () => [] as number[]);
  const totals: number[] = [];
  let after = '';
  for (;;) {
    const batch = await rows<{ student_id: string; scores: string; total: number | null }>(
      db,
      sql`select i.student_id, i.scores::text as scores, r.scores[${position + 1}] as total
          from exam_item_scores i join exam_results r on r.district_id = i.district_id and r.exam_id = i.exam_id and r.student_id = i.student_id
          where i.district_id = ${districtId} and i.exam_id = ${examId} and i.position = ${position} and i.student_id > ${after}
          order by i.student_id limit ${page}`,
    );
    for (const r of batch) {
      const cells = r.scores.slice(1, -1).split(',');
      for (let k = 0; k < items; k++) scores[k].push(cells[k] === undefined || cells[k] === 'NULL' ? NaN : Number(cells[k]));
      totals.push(r.total === null ? NaN : Number(r.total));
    }
    if (batch.length < page) break;
    after = batch[batch.length - 1].student_id;
  }
  return { n: totals.length, scores: scores.map((c) => Float64Array.from(c)), totals: Float64Array.from(totals) };
}

/** Registry schools of the district: code → name (the registry answers; exams never read its tables). */
export { schoolNames } from '../registry/lookup.js';

/** The largest and smallest score of each subject position (to check new full marks against). */
export async function maxScores(db: Db, districtId: string, examId: number): Promise<Map<number, number>> {
  const list = await rows<{ k: number; m: number | null }>(
    db,
    sql`select u.k::int as k, max(u.v) as m from exam_results r, unnest(r.scores) with ordinality as u(v, k)
        where r.district_id = ${districtId} and r.exam_id = ${examId} group by u.k`,
  );
  return new Map(list.filter((r) => r.m !== null).map((r) => [Number(r.k) - 1, Number(r.m)]));
}
