// Pairing storage: the only place that knows planning_pairings' SQL. One member school is in at most one pairing a
// year (the table's unique index planning_pairings_member; the service says so first, in words).
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { planningPairings } from '../schema.js';

export type PairingRow = typeof planningPairings.$inferSelect;
export type NewPairing = typeof planningPairings.$inferInsert;

export function pairingsOfYear(db: Db, districtId: string, year: number): Promise<PairingRow[]> {
  return db
    .select()
    .from(planningPairings)
    .where(and(eq(planningPairings.districtId, districtId), eq(planningPairings.year, year)))
    .orderBy(asc(planningPairings.leadCode), asc(planningPairings.memberCode));
}

/** Years with pairings, latest first. */
export async function pairingYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: planningPairings.year }).from(planningPairings).where(eq(planningPairings.districtId, districtId)).orderBy(desc(planningPairings.year));
  return rows.map((r) => r.year);
}

export async function getPairing(db: Db, districtId: string, id: number): Promise<PairingRow | null> {
  const [r] = await db
    .select()
    .from(planningPairings)
    .where(and(eq(planningPairings.districtId, districtId), eq(planningPairings.id, id)));
  return r ?? null;
}

export async function insertPairing(db: Db, row: NewPairing): Promise<PairingRow> {
  const [r] = await db.insert(planningPairings).values(row).returning();
  return r;
}

export async function deletePairing(db: Db, districtId: string, id: number): Promise<void> {
  await db.delete(planningPairings).where(and(eq(planningPairings.districtId, districtId), eq(planningPairings.id, id)));
}
