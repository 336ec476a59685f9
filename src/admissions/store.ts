// Admissions storage: the only place that knows the admissions tables' SQL.
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { admissionApplicants, admissionDraws, admissionQuotaPlans } from './schema.js';

export type DrawRow = typeof admissionDraws.$inferSelect;
export type ApplicantRow = typeof admissionApplicants.$inferSelect;
export type NewDraw = typeof admissionDraws.$inferInsert;

export async function listDraws(db: Db, districtId: string, opts: { published?: boolean } = {}): Promise<DrawRow[]> {
  return db
    .select()
    .from(admissionDraws)
    .where(and(eq(admissionDraws.districtId, districtId), opts.published ? ne(admissionDraws.status, 'draft') : undefined))
    .orderBy(desc(admissionDraws.year), asc(admissionDraws.stage), asc(admissionDraws.code));
}

export async function getDraw(db: Db, districtId: string, code: string): Promise<DrawRow | null> {
  const [d] = await db
    .select()
    .from(admissionDraws)
    .where(and(eq(admissionDraws.districtId, districtId), eq(admissionDraws.code, code)));
  return d ?? null;
}

export async function insertDraw(db: Db, draw: NewDraw): Promise<DrawRow> {
  const [d] = await db.insert(admissionDraws).values(draw).returning();
  return d;
}

export async function updateDraw(db: Db, districtId: string, code: string, set: Partial<NewDraw>): Promise<DrawRow> {
  const [d] = await db
    .update(admissionDraws)
    .set(set)
    .where(and(eq(admissionDraws.districtId, districtId), eq(admissionDraws.code, code)))
    .returning();
  return d;
}

export async function deleteDraw(db: Db, districtId: string, code: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(admissionApplicants).where(and(eq(admissionApplicants.districtId, districtId), eq(admissionApplicants.drawCode, code)));
    await tx.delete(admissionDraws).where(and(eq(admissionDraws.districtId, districtId), eq(admissionDraws.code, code)));
  });
}

export async function applicantsOf(db: Db, districtId: string, code: string): Promise<ApplicantRow[]> {
  return db
    .select()
    .from(admissionApplicants)
    .where(and(eq(admissionApplicants.districtId, districtId), eq(admissionApplicants.drawCode, code)))
    .orderBy(asc(admissionApplicants.row));
}

/** Replaces a draft draw's applicants in one transaction (all or nothing) and records their number. */
export async function replaceApplicants(db: Db, districtId: string, code: string, rows: Omit<ApplicantRow, 'districtId' | 'drawCode'>[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(admissionApplicants).where(and(eq(admissionApplicants.districtId, districtId), eq(admissionApplicants.drawCode, code)));
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(admissionApplicants).values(rows.slice(i, i + 1000).map((r) => ({ ...r, districtId, drawCode: code })));
    await tx
      .update(admissionDraws)
      .set({ applicants: rows.length })
      .where(and(eq(admissionDraws.districtId, districtId), eq(admissionDraws.code, code)));
  });
}

/** The published draws of a year and stage, with their results (for 公民同招: who a private school admitted). */
export async function drawsOfYear(db: Db, districtId: string, year: number, codes?: string[]): Promise<DrawRow[]> {
  return db
    .select()
    .from(admissionDraws)
    .where(and(eq(admissionDraws.districtId, districtId), eq(admissionDraws.year, year), codes ? inArray(admissionDraws.code, codes.length ? codes : ['\u0000']) : undefined))
    .orderBy(asc(admissionDraws.stage), asc(admissionDraws.code));
}

/** Districts that have at least one draw (the public list covers every district of the deployment). */
export async function districtsWithDraws(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ districtId: admissionDraws.districtId }).from(admissionDraws).orderBy(asc(admissionDraws.districtId));
  return rows.map((r) => r.districtId);
}

export type QuotaPlanRow = typeof admissionQuotaPlans.$inferSelect;

export async function listQuotaPlans(db: Db, districtId: string): Promise<QuotaPlanRow[]> {
  return db
    .select()
    .from(admissionQuotaPlans)
    .where(eq(admissionQuotaPlans.districtId, districtId))
    .orderBy(desc(admissionQuotaPlans.year), asc(admissionQuotaPlans.highSchool), desc(admissionQuotaPlans.version));
}

export async function getQuotaPlan(db: Db, districtId: string, id: number): Promise<QuotaPlanRow | null> {
  const [p] = await db
    .select()
    .from(admissionQuotaPlans)
    .where(and(eq(admissionQuotaPlans.districtId, districtId), eq(admissionQuotaPlans.id, id)));
  return p ?? null;
}

/** Inserts the next version of the year's plan for a high school (in one transaction with the version read). */
export async function insertQuotaPlan(db: Db, plan: Omit<typeof admissionQuotaPlans.$inferInsert, 'version' | 'id'>): Promise<QuotaPlanRow> {
  return db.transaction(async (tx) => {
    const same = await tx
      .select({ version: admissionQuotaPlans.version })
      .from(admissionQuotaPlans)
      .where(and(eq(admissionQuotaPlans.districtId, plan.districtId), eq(admissionQuotaPlans.year, plan.year), eq(admissionQuotaPlans.highSchool, plan.highSchool)));
    const version = 1 + Math.max(0, ...same.map((s) => s.version));
    const [p] = await tx
      .insert(admissionQuotaPlans)
      .values({ ...plan, version })
      .returning();
    return p;
  });
}
