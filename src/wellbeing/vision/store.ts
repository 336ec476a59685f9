// Vision storage: the only place that knows the vision_results table's SQL. Rows are written by INSERT … SELECT …
// FROM unnest(…) over one array literal per column and batch (cast on the server: a few parameters for thousands of
// rows), and the report reads tallies counted by the database (GROUP BY school, grade, sex), not the pupil rows.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { recordAudit, type AuditEntry } from '../../core/audit/store.js';
import type { TallyRow } from '../retention/kinds.js';
import type { VisionTally } from './tally.js';
import { visionResults } from './schema.js';

export type VisionRow = typeof visionResults.$inferSelect;
export type NewVisionRow = typeof visionResults.$inferInsert;

/** Rows per statement. */
const BATCH = 5000;

/** A PostgreSQL array literal of texts, numbers or booleans ('{"a",1,t,NULL}'). */
function arrayLiteral(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `{${values
    .map((v) =>
      v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `"${v.replace(/["\\]/g, '\\$&')}"` : typeof v === 'boolean' ? (v ? 't' : 'f') : Number.isFinite(v) ? String(v) : 'NULL',
    )
    .join(',')}}`;
}

async function insertBatch(db: Db, rows: NewVisionRow[]): Promise<void> {
  const col = <K extends keyof NewVisionRow>(k: K, type: string) => sql`${arrayLiteral(rows.map((r) => r[k] as string | number | boolean | null))}::text::${sql.raw(type)}[]`;
  await db.execute(sql`
    insert into vision_results (district_id, year, student_id, school_code, grade, sex, screened_on, ucva_right, ucva_left, se_right, se_left,
      wears_glasses, myopia, basis, rule_id, rule_version, row, imported_by)
    select * from unnest(${col('districtId', 'text')}, ${col('year', 'int2')}, ${col('studentId', 'text')}, ${col('schoolCode', 'text')},
      ${col('grade', 'int2')}, ${col('sex', 'text')}, ${col('screenedOn', 'date')}, ${col('ucvaRight', 'float8')}, ${col('ucvaLeft', 'float8')},
      ${col('seRight', 'float8')}, ${col('seLeft', 'float8')}, ${col('wearsGlasses', 'bool')}, ${col('myopia', 'bool')}, ${col('basis', 'text')},
      ${col('ruleId', 'text')}, ${col('ruleVersion', 'int4')}, ${col('row', 'int4')}, ${col('importedBy', 'text')})`);
}

/** Replaces the year's rows of the given schools (and of the file's pupils anywhere else that year) by `rows`, and writes `audit`, in one transaction. */
export async function replaceVision(db: Db, districtId: string, year: number, schools: string[], rows: NewVisionRow[], audit: AuditEntry[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(visionResults).where(and(eq(visionResults.districtId, districtId), eq(visionResults.year, year), inArray(visionResults.schoolCode, schools)));
    // A pupil moved from a school not in this file: their earlier row of the year is replaced too.
    const ids = rows.map((r) => r.studentId);
    for (let i = 0; i < ids.length; i += BATCH)
      await tx.delete(visionResults).where(and(eq(visionResults.districtId, districtId), eq(visionResults.year, year), inArray(visionResults.studentId, ids.slice(i, i + BATCH))));
    for (let i = 0; i < rows.length; i += BATCH) await insertBatch(tx, rows.slice(i, i + BATCH));
    await recordAudit(tx, districtId, audit);
  });
}

/** Inserts rows (the demo's new district: nothing to replace), in batches, in one transaction. */
export async function insertVision(db: Db, rows: NewVisionRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) await insertBatch(tx, rows.slice(i, i + BATCH));
  });
}

export async function visionYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: visionResults.year }).from(visionResults).where(eq(visionResults.districtId, districtId)).orderBy(desc(visionResults.year));
  return rows.map((r) => r.year);
}

/**
 * The year's tallies per school, grade and sex, counted by the database: the same counts as tally.ts's tallyResults
 * over the rows (test/api/vision.test.ts checks that they agree). 视力不良: an acuity below `ucvaBelowTenths` (50 =
 * 5.0) in either eye, compared in whole tenths.
 */
export async function visionTallies(db: Db, districtId: string, year: number, ucvaBelowTenths: number): Promise<TallyRow<VisionTally>[]> {
  const got = await db.execute(sql`
    select school_code, grade, sex, rule_id, rule_version,
      count(*)::int as screened,
      count(myopia)::int as with_acuity,
      count(*) filter (where myopia)::int as myopes,
      count(*) filter (where myopia is not null and basis = 'acuity-only')::int as acuity_only,
      count(*) filter (where myopia and basis = 'acuity-only')::int as myopes_acuity_only,
      count(*) filter (where round(ucva_right * 10) < ${ucvaBelowTenths} or round(ucva_left * 10) < ${ucvaBelowTenths})::int as reduced,
      count(*) filter (where wears_glasses)::int as glasses
    from vision_results where district_id = ${districtId} and year = ${year}
    group by school_code, grade, sex, rule_id, rule_version
    order by school_code, grade, sex`);
  const rows = (got as { rows: Record<string, string | number>[] }).rows;
  const out = new Map<string, TallyRow<VisionTally>>();
  for (const r of rows) {
    const k = `${r.school_code}|${r.grade}|${r.sex}`;
    let t = out.get(k);
    if (!t)
      out.set(
        k,
        (t = {
          schoolCode: String(r.school_code),
          grade: Number(r.grade),
          sex: r.sex as 'M' | 'F',
          tally: { screened: 0, withAcuity: 0, myopes: 0, acuityOnly: 0, myopesAcuityOnly: 0, reduced: 0, glasses: 0, rules: {} },
        }),
      );
    const x = t.tally;
    x.screened += Number(r.screened);
    x.withAcuity += Number(r.with_acuity);
    x.myopes += Number(r.myopes);
    x.acuityOnly += Number(r.acuity_only);
    x.myopesAcuityOnly += Number(r.myopes_acuity_only);
    x.reduced += Number(r.reduced);
    x.glasses += Number(r.glasses);
    x.rules[`${r.rule_id}@${r.rule_version}`] = (x.rules[`${r.rule_id}@${r.rule_version}`] ?? 0) + Number(r.screened);
  }
  return [...out.values()];
}

export async function visionOfSchool(db: Db, districtId: string, year: number, schoolCode: string): Promise<VisionRow[]> {
  return db
    .select()
    .from(visionResults)
    .where(and(eq(visionResults.districtId, districtId), eq(visionResults.year, year), eq(visionResults.schoolCode, schoolCode)))
    .orderBy(asc(visionResults.grade), asc(visionResults.studentId));
}

/** Deletes the year's rows (the retention purge, within its transaction); the number deleted. */
export async function deleteVisionYear(tx: Db, districtId: string, year: number): Promise<number> {
  const gone = await tx
    .delete(visionResults)
    .where(and(eq(visionResults.districtId, districtId), eq(visionResults.year, year)))
    .returning({ id: visionResults.studentId });
  return gone.length;
}
