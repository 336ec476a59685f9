// Forecast storage: the only place that knows the SQL of the planning inputs the forecast reads — each school's
// township and classroom stock (planning_school_inputs), the births table per township (planning_births) and the new
// housing projects (planning_housing). Every change is written with its audit rows in one transaction.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { recordAudit, type AuditEntry } from '../../core/audit/store.js';
import { planningBirths, planningHousing, planningSchoolInputs } from '../schema.js';

export type SchoolInputRow = typeof planningSchoolInputs.$inferSelect;
export type HousingRowDb = typeof planningHousing.$inferSelect;
export interface BirthsRow {
  township: string;
  year: number;
  births: number;
}

export async function schoolInputs(db: Db, districtId: string): Promise<SchoolInputRow[]> {
  return db.select().from(planningSchoolInputs).where(eq(planningSchoolInputs.districtId, districtId)).orderBy(asc(planningSchoolInputs.schoolCode));
}

export interface SchoolInputChange {
  schoolCode: string;
  township: string | null;
  classrooms: number | null;
}

/** Upserts the schools' township and classrooms, with the audit rows, in one transaction. */
export async function saveSchoolInputs(db: Db, districtId: string, username: string, rows: SchoolInputChange[], audit: AuditEntry[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const r of rows)
      await tx
        .insert(planningSchoolInputs)
        .values({ districtId, schoolCode: r.schoolCode, township: r.township, classrooms: r.classrooms, updatedBy: username })
        .onConflictDoUpdate({
          target: [planningSchoolInputs.districtId, planningSchoolInputs.schoolCode],
          set: { township: r.township, classrooms: r.classrooms, updatedBy: username, updatedAt: sql`now()` },
        });
    await recordAudit(tx, districtId, audit);
  });
}

export async function births(db: Db, districtId: string): Promise<BirthsRow[]> {
  return db
    .select({ township: planningBirths.township, year: planningBirths.year, births: planningBirths.births })
    .from(planningBirths)
    .where(eq(planningBirths.districtId, districtId))
    .orderBy(asc(planningBirths.township), asc(planningBirths.year));
}

/** Replaces the district's whole births table by `rows` and writes `audit`, in one transaction; answers the rows replaced. */
export async function replaceBirths(db: Db, districtId: string, rows: BirthsRow[], audit: (replaced: number) => AuditEntry[]): Promise<number> {
  return db.transaction(async (tx) => {
    const old = await tx.delete(planningBirths).where(eq(planningBirths.districtId, districtId)).returning({ year: planningBirths.year });
    for (let i = 0; i < rows.length; i += 2000) await tx.insert(planningBirths).values(rows.slice(i, i + 2000).map((r) => ({ districtId, ...r })));
    await recordAudit(tx, districtId, audit(old.length));
    return old.length;
  });
}

export async function housing(db: Db, districtId: string): Promise<HousingRowDb[]> {
  return db.select().from(planningHousing).where(eq(planningHousing.districtId, districtId)).orderBy(asc(planningHousing.id));
}

export type NewHousing = Pick<HousingRowDb, 'schoolCode' | 'name' | 'units' | 'childrenPerUnit' | 'moveInYear'>;

/** Inserts a housing project and its audit row (keyed by the new id), in one transaction. */
export async function insertHousing(db: Db, districtId: string, username: string, h: NewHousing, audit: (id: number) => AuditEntry[]): Promise<HousingRowDb> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planningHousing)
      .values({ districtId, ...h, createdBy: username })
      .returning();
    await recordAudit(tx, districtId, audit(row.id));
    return row;
  });
}

/** Deletes a housing project with its audit row; null when there is no such project. */
export async function deleteHousing(db: Db, districtId: string, id: number, audit: (old: HousingRowDb) => AuditEntry[]): Promise<HousingRowDb | null> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .delete(planningHousing)
      .where(and(eq(planningHousing.districtId, districtId), eq(planningHousing.id, id)))
      .returning();
    if (!old) return null;
    await recordAudit(tx, districtId, audit(old));
    return old;
  });
}
