// Wellbeing storage: the only place that knows the fitness tables' SQL.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { fitnessResults } from './schema.js';

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
    for (let i = 0; i < rows.length; i += 500) await tx.insert(fitnessResults).values(rows.slice(i, i + 500));
  });
}

export async function fitnessYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: fitnessResults.year }).from(fitnessResults).where(eq(fitnessResults.districtId, districtId)).orderBy(desc(fitnessResults.year));
  return rows.map((r) => r.year);
}

/** The year's scores (no raw results): what the aggregate report needs. */
export async function fitnessScores(db: Db, districtId: string, year: number) {
  return db
    .select({
      schoolCode: fitnessResults.schoolCode,
      grade: fitnessResults.grade,
      sex: fitnessResults.sex,
      total: fitnessResults.total,
      level: fitnessResults.level,
      openReason: fitnessResults.openReason,
      packId: fitnessResults.packId,
      packVersion: fitnessResults.packVersion,
    })
    .from(fitnessResults)
    .where(and(eq(fitnessResults.districtId, districtId), eq(fitnessResults.year, year)));
}

export async function fitnessOfSchool(db: Db, districtId: string, year: number, schoolCode: string): Promise<FitnessRow[]> {
  return db
    .select()
    .from(fitnessResults)
    .where(and(eq(fitnessResults.districtId, districtId), eq(fitnessResults.year, year), eq(fitnessResults.schoolCode, schoolCode)))
    .orderBy(asc(fitnessResults.grade), asc(fitnessResults.studentId));
}
