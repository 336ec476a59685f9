// Storage of the exchange history (teacher_moves): the only place that knows its SQL. A move belongs to the school
// year of its start date (schoolYearOf: 1 September – 31 August), so a year's filter is a range of start dates. Moves
// entered by hand have no plan_id and may be deleted; a locked exchange plan's moves (plan_id) stay.
import { and, asc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { recordAudit, type AuditEntry } from '../../core/audit/store.js';
import { MOVE_KINDS, type MoveKind, type TeacherMove } from '../model.js';
import { teacherMoves, teachers } from '../schema.js';

/** A move to insert (id and plan_id given by the store). */
export type NewMove = Omit<TeacherMove, 'id' | 'planId'>;

export interface MoveFilter {
  /** The school year (2025 = 2025–2026): start date from 1 September of it to 31 August of the next. */
  year?: number;
  /** From or to this school. */
  school?: string;
  /** From or to one of these schools (a clerk's scope); absent = every school. */
  schools?: readonly string[];
  kind?: MoveKind;
  /** A teacher's id, or a part of the name. */
  teacher?: string;
  limit?: number;
}

/** A stored move with the teacher's name and who recorded it. */
export interface StoredMove extends TeacherMove {
  teacherName: string | null;
  createdBy: string | null;
  createdAt: string;
}

type Row = typeof teacherMoves.$inferSelect;
const asMove = (r: Row): TeacherMove => ({
  id: r.id,
  teacherId: r.teacherId,
  fromSchool: r.fromSchool,
  toSchool: r.toSchool,
  kind: (MOVE_KINDS as readonly string[]).includes(r.kind) ? (r.kind as MoveKind) : '调动',
  startDate: r.startDate,
  endDate: r.endDate,
  planId: r.planId,
  note: r.note,
});

/** The start dates of school year Y: Y-09-01 … (Y+1)-08-31 (text order is date order for YYYY-MM-DD). */
const inSchoolYear = (year: number): SQL => and(gte(teacherMoves.startDate, `${year}-09-01`), lte(teacherMoves.startDate, `${year + 1}-08-31`))!;

/** Inserts moves (one, or a plan's) with their audit rows in one transaction; `audit` sees the inserted moves. */
export async function insertMoves(db: Db, districtId: string, moves: readonly NewMove[], by: string, planId: number | null, audit: (rows: TeacherMove[]) => AuditEntry[]): Promise<TeacherMove[]> {
  if (moves.length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(teacherMoves)
      .values(moves.map((m) => ({ districtId, ...m, planId, createdBy: by })))
      .returning();
    const out = rows.map(asMove);
    await recordAudit(tx, districtId, audit(out));
    return out;
  });
}

/** The moves matching the filter, with the teachers' names, by start date then id. */
export async function listMoves(db: Db, districtId: string, f: MoveFilter): Promise<StoredMove[]> {
  const where: SQL[] = [eq(teacherMoves.districtId, districtId)];
  if (f.year !== undefined) where.push(inSchoolYear(f.year));
  if (f.school) where.push(or(eq(teacherMoves.fromSchool, f.school), eq(teacherMoves.toSchool, f.school))!);
  if (f.schools) where.push(f.schools.length ? or(inArray(teacherMoves.fromSchool, [...f.schools]), inArray(teacherMoves.toSchool, [...f.schools]))! : sql`false`);
  if (f.kind) where.push(eq(teacherMoves.kind, f.kind));
  if (f.teacher) where.push(or(eq(teacherMoves.teacherId, f.teacher), ilike(teachers.name, `%${f.teacher.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))!);
  const rows = await db
    .select({ move: teacherMoves, teacherName: teachers.name })
    .from(teacherMoves)
    .leftJoin(teachers, and(eq(teachers.districtId, teacherMoves.districtId), eq(teachers.teacherId, teacherMoves.teacherId)))
    .where(and(...where))
    .orderBy(asc(teacherMoves.startDate), asc(teacherMoves.id))
    .limit(f.limit ?? 100_000);
  return rows.map((r) => ({ ...asMove(r.move), teacherName: r.teacherName, createdBy: r.move.createdBy, createdAt: r.move.createdAt }));
}

/** Every move whose start date falls in school year Y (the yearly rules and the roster's carry-forward read them). */
export async function movesOfSchoolYear(db: Db, districtId: string, schoolYear: number): Promise<TeacherMove[]> {
  const rows = await db
    .select()
    .from(teacherMoves)
    .where(and(eq(teacherMoves.districtId, districtId), inSchoolYear(schoolYear)))
    .orderBy(asc(teacherMoves.startDate), asc(teacherMoves.id));
  return rows.map(asMove);
}

export async function getMove(db: Db, districtId: string, id: number): Promise<TeacherMove | null> {
  const [r] = await db
    .select()
    .from(teacherMoves)
    .where(and(eq(teacherMoves.districtId, districtId), eq(teacherMoves.id, id)));
  return r ? asMove(r) : null;
}

/** Deletes a move entered by hand (plan_id null) with its audit rows; false when there is none such. */
export async function deleteHandMove(db: Db, districtId: string, id: number, audit: AuditEntry[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(teacherMoves)
      .where(and(eq(teacherMoves.districtId, districtId), eq(teacherMoves.id, id), isNull(teacherMoves.planId)))
      .returning({ id: teacherMoves.id });
    if (gone.length === 0) return false;
    await recordAudit(tx, districtId, audit);
    return true;
  });
}
