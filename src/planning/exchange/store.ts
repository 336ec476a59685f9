// Storage of the teacher-exchange plans (planning_exchange_plans): the only place that knows the table's SQL. A plan
// row holds its rules and last solve (params), the teacher rows as uploaded (teachers), the schools it was built on
// (schools: those in the plan and those left out), the current moves and their figures with the violations (metrics).
// Changes of a draft are guarded by its status in the UPDATE itself, so that a plan locked meanwhile is never changed.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { recordAudit, type AuditEntry } from '../../core/audit/store.js';
import { planningExchangePlans } from '../schema.js';
import type { ExchangeMetrics, ExchangeMove, ExchangeRules, ExchangeSchool, ExchangeSolution, ExchangeTeacher, ExchangeViolation } from './model.js';
import type { ExchangeExcludedWire } from './contract.js';

/** The optimiser's last run, as stored. */
export interface StoredSolve {
  method: string;
  status: ExchangeSolution['status'];
  mipGap: number;
  seconds: number;
  dAfter: number;
  cvAfter: number;
  movers: number;
  solvedBy: string;
  solvedAt: string;
}

/** params: what the plan was built with. */
export interface StoredParams {
  method: string;
  fileName: string;
  rules: ExchangeRules;
  solve: StoredSolve;
  /** The moves were changed by hand after the last solve. */
  edited: boolean;
}

/** schools: those in the plan (students and places) and those the registry could not place or count. */
export interface StoredSchools {
  included: ExchangeSchool[];
  excluded: Omit<ExchangeExcludedWire, 'teachers'>[];
}

/** metrics: the current moves' figures and what they break. */
export interface StoredMetrics extends ExchangeMetrics {
  violations: ExchangeViolation[];
}

export interface ExchangePlan {
  districtId: string;
  id: number;
  name: string;
  year: number;
  status: 'draft' | 'locked';
  params: StoredParams;
  teachers: ExchangeTeacher[];
  schools: StoredSchools;
  moves: ExchangeMove[];
  metrics: StoredMetrics;
  createdBy: string;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string | null;
  lockedBy: string | null;
  lockedAt: string | null;
}

type Row = typeof planningExchangePlans.$inferSelect;
const asPlan = (r: Row): ExchangePlan => ({
  ...r,
  status: r.status === 'locked' ? 'locked' : 'draft',
  params: r.params as StoredParams,
  teachers: r.teachers as ExchangeTeacher[],
  schools: r.schools as StoredSchools,
  moves: r.moves as ExchangeMove[],
  metrics: r.metrics as StoredMetrics,
});

const byId = (districtId: string, id: number) => and(eq(planningExchangePlans.districtId, districtId), eq(planningExchangePlans.id, id));

export async function listPlans(db: Db, districtId: string): Promise<ExchangePlan[]> {
  const rows = await db.select().from(planningExchangePlans).where(eq(planningExchangePlans.districtId, districtId)).orderBy(desc(planningExchangePlans.year), desc(planningExchangePlans.id));
  return rows.map(asPlan);
}

/** Every plan's id and name (the audit log names its rows by them). */
export async function planNames(db: Db, districtId: string): Promise<{ id: number; name: string }[]> {
  return db.select({ id: planningExchangePlans.id, name: planningExchangePlans.name }).from(planningExchangePlans).where(eq(planningExchangePlans.districtId, districtId));
}

export async function getPlan(db: Db, districtId: string, id: number): Promise<ExchangePlan | null> {
  const [r] = await db.select().from(planningExchangePlans).where(byId(districtId, id));
  return r ? asPlan(r) : null;
}

export interface NewPlan {
  name: string;
  year: number;
  params: StoredParams;
  teachers: ExchangeTeacher[];
  schools: StoredSchools;
  moves: ExchangeMove[];
  metrics: StoredMetrics;
  createdBy: string;
}

/** Inserts a draft and its audit rows in one transaction; `audit` gets the new plan's id. */
export async function insertPlan(db: Db, districtId: string, plan: NewPlan, audit: (id: number) => AuditEntry[]): Promise<ExchangePlan> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(planningExchangePlans)
      .values({ districtId, status: 'draft', ...plan })
      .returning();
    await recordAudit(tx, districtId, audit(r.id));
    return asPlan(r);
  });
}

export interface PlanChange {
  params?: StoredParams;
  moves: ExchangeMove[];
  metrics: StoredMetrics;
  updatedBy: string;
}

/** Changes a draft (null when it is no draft any more: locked or deleted meanwhile), with its audit rows. */
export async function updateDraft(db: Db, districtId: string, id: number, change: PlanChange, audit: AuditEntry[]): Promise<ExchangePlan | null> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .update(planningExchangePlans)
      .set({ ...change, updatedAt: new Date().toISOString() })
      .where(and(byId(districtId, id), eq(planningExchangePlans.status, 'draft')))
      .returning();
    if (!r) return null;
    await recordAudit(tx, districtId, audit);
    return asPlan(r);
  });
}

/** Locks a draft (null when it is no draft), with its audit row. */
export async function lockDraft(db: Db, districtId: string, id: number, username: string, audit: AuditEntry[]): Promise<ExchangePlan | null> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .update(planningExchangePlans)
      .set({ status: 'locked', lockedBy: username, lockedAt: new Date().toISOString() })
      .where(and(byId(districtId, id), eq(planningExchangePlans.status, 'draft')))
      .returning();
    if (!r) return null;
    await recordAudit(tx, districtId, audit);
    return asPlan(r);
  });
}

/** Deletes a draft (false when it is no draft), with its audit row. */
export async function deleteDraft(db: Db, districtId: string, id: number, audit: AuditEntry[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(planningExchangePlans)
      .where(and(byId(districtId, id), eq(planningExchangePlans.status, 'draft')))
      .returning({ id: planningExchangePlans.id });
    if (gone.length === 0) return false;
    await recordAudit(tx, districtId, audit);
    return true;
  });
}
