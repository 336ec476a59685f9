// Homework and sleep storage: the only place that knows burden_records' SQL.
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { recordAudit, type AuditEntry } from '../../core/audit/store.js';
import { burdenRecords } from './schema.js';

export type BurdenRecordRow = typeof burdenRecords.$inferSelect;
export type NewBurdenRecord = typeof burdenRecords.$inferInsert;

const ofYear = (districtId: string, year: number) => and(eq(burdenRecords.districtId, districtId), eq(burdenRecords.year, year));

/**
 * Replaces the year's records of the given schools from the same source (a diary import leaves the schools' survey
 * records alone, and the other way round) by `rows`, and writes `audit` in the same transaction (all or nothing).
 * A record id the other source already holds for the school that year (the table keeps one record per id, school and
 * year) stops the import: nothing is written and the clashes are returned. Otherwise the number of records replaced.
 */
export async function replaceBurden(
  db: Db,
  districtId: string,
  year: number,
  source: string,
  schools: string[],
  rows: NewBurdenRecord[],
  audit: (replaced: number) => AuditEntry[],
): Promise<{ replaced: number; clashes: { schoolCode: string; recordId: string }[] }> {
  return db.transaction(async (tx) => {
    const clashes: { schoolCode: string; recordId: string }[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      const found = await tx
        .select({ schoolCode: burdenRecords.schoolCode, recordId: burdenRecords.recordId })
        .from(burdenRecords)
        .where(
          and(
            ofYear(districtId, year),
            ne(burdenRecords.source, source),
            inArray(burdenRecords.schoolCode, schools),
            inArray(
              burdenRecords.recordId,
              part.map((r) => r.recordId),
            ),
          ),
        );
      const mine = new Set(part.map((r) => `${r.schoolCode}|${r.recordId}`));
      clashes.push(...found.filter((f) => mine.has(`${f.schoolCode}|${f.recordId}`)));
    }
    if (clashes.length) return { replaced: 0, clashes };
    const gone = await tx
      .delete(burdenRecords)
      .where(and(ofYear(districtId, year), eq(burdenRecords.source, source), inArray(burdenRecords.schoolCode, schools)))
      .returning({ id: burdenRecords.recordId });
    for (let i = 0; i < rows.length; i += 500) await tx.insert(burdenRecords).values(rows.slice(i, i + 500));
    await recordAudit(tx, districtId, audit(gone.length));
    return { replaced: gone.length, clashes };
  });
}

/** School years of the district with records, latest first. */
export async function burdenYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: burdenRecords.year }).from(burdenRecords).where(eq(burdenRecords.districtId, districtId)).orderBy(desc(burdenRecords.year));
  return rows.map((r) => r.year);
}

/** What the tallies need of the year's records (no ids). */
export async function burdenFigures(db: Db, districtId: string, year: number) {
  return db
    .select({
      schoolCode: burdenRecords.schoolCode,
      grade: burdenRecords.grade,
      sex: burdenRecords.sex,
      homeworkMinutes: burdenRecords.homeworkMinutes,
      sleepHours: burdenRecords.sleepHours,
      source: burdenRecords.source,
    })
    .from(burdenRecords)
    .where(ofYear(districtId, year));
}

export async function burdenOfSchool(db: Db, districtId: string, year: number, schoolCode: string): Promise<BurdenRecordRow[]> {
  return db
    .select()
    .from(burdenRecords)
    .where(and(ofYear(districtId, year), eq(burdenRecords.schoolCode, schoolCode)))
    .orderBy(asc(burdenRecords.grade), asc(burdenRecords.recordId));
}

/** Deletes the year's records (within the caller's transaction); the number deleted. */
export async function deleteBurdenYear(tx: Db, districtId: string, year: number): Promise<number> {
  const gone = await tx.delete(burdenRecords).where(ofYear(districtId, year)).returning({ id: burdenRecords.recordId });
  return gone.length;
}
