// Wellbeing storage: the only place that knows the fitness tables' SQL.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { fitnessResults } from './schema.js';
import { BIN_HUNDREDTHS, HISTOGRAM_BINS, type ItemGroup, type ScoreGroup } from './fitness/report.js';

export type FitnessRow = typeof fitnessResults.$inferSelect;
export type NewFitnessRow = typeof fitnessResults.$inferInsert;

/** Replaces the year's results of the given schools by `rows`, in one transaction (all or nothing). */
export async function replaceFitness(db: Db, districtId: string, year: number, schools: string[], rows: NewFitnessRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(fitnessResults).where(and(eq(fitnessResults.districtId, districtId), eq(fitnessResults.year, year), inArray(fitnessResults.schoolCode, schools)));
    // A pupil moved from a school not in this file: their earlier row of the year is replaced too.
    const ids = rows.map((r) => r.studentId);
    for (let i = 0; i < ids.length; i += 1000)
      await tx.delete(fitnessResults).where(and(eq(fitnessResults.districtId, districtId), eq(fitnessResults.year, year), inArray(fitnessResults.studentId, ids.slice(i, i + 1000))));
    for (let i = 0; i < rows.length; i += BULK_ROWS) await insertBulk(tx, rows.slice(i, i + BULK_ROWS));
  });
}

/** The columns written in bulk: SQL name, SQL type and the row's field. */
const BULK: [string, string, keyof NewFitnessRow][] = [
  ['district_id', 'text', 'districtId'],
  ['year', 'smallint', 'year'],
  ['student_id', 'text', 'studentId'],
  ['school_code', 'text', 'schoolCode'],
  ['grade', 'smallint', 'grade'],
  ['sex', 'text', 'sex'],
  ['height_cm', 'double precision', 'heightCm'],
  ['weight_kg', 'double precision', 'weightKg'],
  ['results', 'jsonb', 'results'],
  ['pack_id', 'text', 'packId'],
  ['pack_version', 'integer', 'packVersion'],
  ['bmi', 'double precision', 'bmi'],
  ['items', 'jsonb', 'items'],
  ['standard', 'double precision', 'standard'],
  ['bonus', 'double precision', 'bonus'],
  ['total', 'double precision', 'total'],
  ['level', 'text', 'level'],
  ['open_reason', 'text', 'openReason'],
  ['row', 'integer', 'row'],
  ['imported_by', 'text', 'importedBy'],
];
const BULK_ROWS = 10_000;

/**
 * Inserts rows as one JSON parameter (jsonb_to_recordset): on PGlite about twice as fast as multi-row VALUES with
 * a parameter per cell (29k demo rows: 14 s against 28 s on a loaded machine), the same SQL on PostgreSQL.
 */
async function insertBulk(tx: Db, rows: NewFitnessRow[]): Promise<void> {
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(BULK.map(([col, , field]) => [col, r[field] ?? null]))));
  const cols = BULK.map(([c]) => `"${c}"`).join(', ');
  const types = BULK.map(([c, t]) => `"${c}" ${t}`).join(', ');
  await tx.execute(sql`insert into fitness_results (${sql.raw(cols)}) select ${sql.raw(cols)} from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(types)})`);
}

export async function fitnessYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: fitnessResults.year }).from(fitnessResults).where(eq(fitnessResults.districtId, districtId)).orderBy(desc(fitnessResults.year));
  return rows.map((r) => r.year);
}

const scoreColumns = {
  schoolCode: fitnessResults.schoolCode,
  grade: fitnessResults.grade,
  sex: fitnessResults.sex,
  total: fitnessResults.total,
  level: fitnessResults.level,
  openReason: fitnessResults.openReason,
  packId: fitnessResults.packId,
  packVersion: fitnessResults.packVersion,
};

/** The year's scores (no raw results): what the aggregate report needs. */
export async function fitnessScores(db: Db, districtId: string, year: number) {
  return db
    .select(scoreColumns)
    .from(fitnessResults)
    .where(and(eq(fitnessResults.districtId, districtId), eq(fitnessResults.year, year)));
}

/** Deletes the year's pupil rows (within the caller's transaction); the number deleted. */
export async function deleteFitnessYear(tx: Db, districtId: string, year: number): Promise<number> {
  const gone = await tx
    .delete(fitnessResults)
    .where(and(eq(fitnessResults.districtId, districtId), eq(fitnessResults.year, year)))
    .returning({ studentId: fitnessResults.studentId });
  return gone.length;
}

export async function fitnessOfSchool(db: Db, districtId: string, year: number, schoolCode: string): Promise<FitnessRow[]> {
  return db
    .select()
    .from(fitnessResults)
    .where(and(eq(fitnessResults.districtId, districtId), eq(fitnessResults.year, year), eq(fitnessResults.schoolCode, schoolCode)))
    .orderBy(asc(fitnessResults.grade), asc(fitnessResults.studentId));
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}

// The bin of a total, as fitness/report.ts binOf: ⌊round(total × 100) / 1000⌋, at most the last bin. Constants of the
// code (not input) written into the text, so that the GROUP BY names the very expression the SELECT does.
const BIN = sql.raw(`least(${HISTOGRAM_BINS - 1}, greatest(0, floor(round(total * 100) / ${BIN_HUNDREDTHS})))::int`);

/**
 * The year's pupils grouped by school, grade, sex, pack, level, open reason and histogram bin, with their number and
 * the sum of their totals in hundredths: the input of the report's tallies (fitness/report.ts talliesOf).
 */
export async function fitnessScoreGroups(db: Db, districtId: string, year: number): Promise<ScoreGroup[]> {
  const got = await rows<{
    school_code: string;
    grade: number;
    sex: string;
    pack_id: string;
    pack_version: number;
    level: string | null;
    open_reason: string | null;
    bin: number | null;
    n: number;
    hundredths: number;
  }>(
    db,
    sql`select school_code, grade, sex, pack_id, pack_version, level, open_reason,
          case when total is null then null else ${BIN} end as bin,
          count(*)::int as n, coalesce(sum(round(total * 100)), 0)::float8 as hundredths
        from fitness_results where district_id = ${districtId} and year = ${year}
        group by school_code, grade, sex, pack_id, pack_version, level, open_reason, case when total is null then null else ${BIN} end`,
  );
  return got.map((r) => ({
    schoolCode: r.school_code,
    grade: Number(r.grade),
    sex: r.sex as ScoreGroup['sex'],
    pack: { id: r.pack_id, version: Number(r.pack_version) },
    // A total is never stored without its level; a level without a total (not stored either) would count as open.
    level: r.bin === null ? null : ((r.level ?? '不及格') as ScoreGroup['level']),
    openReason: r.open_reason as ScoreGroup['openReason'],
    bin: r.bin === null ? null : Number(r.bin),
    n: Number(r.n),
    hundredths: Number(r.hundredths),
  }));
}

/** The year's item results grouped by school, grade, sex, item and points (pupils with a result for the item). */
export async function fitnessItemGroups(db: Db, districtId: string, year: number): Promise<ItemGroup[]> {
  const got = await rows<{ school_code: string; grade: number; sex: string; item: string; points: number | null; n: number }>(
    db,
    sql`select f.school_code, f.grade, f.sex, e->>'item' as item, (e->>'points')::float8 as points, count(*)::int as n
        from fitness_results f cross join lateral jsonb_array_elements(f.items) as e
        where f.district_id = ${districtId} and f.year = ${year} and e->>'value' is not null
        group by f.school_code, f.grade, f.sex, e->>'item', (e->>'points')::float8`,
  );
  return got.map((r) => ({
    schoolCode: r.school_code,
    grade: Number(r.grade),
    sex: r.sex as ItemGroup['sex'],
    item: r.item,
    points: r.points === null ? null : Number(r.points),
    n: Number(r.n),
  }));
}
