// SQL for local standards packs and saved evaluations.
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { balanceEvaluations, standardPacks } from './schema.js';
import type { LocalPackInput, StandardPack } from './pack-schema.js';

export interface StoredPack {
  id: string;
  version: number;
  name: string;
  extendsId: string;
  extendsVersion: number;
  input: LocalPackInput;
  resolved: StandardPack;
  createdBy: string;
  createdAt: string;
}

const toStored = (r: typeof standardPacks.$inferSelect): StoredPack => {
  const body = r.body as { input: LocalPackInput; resolved: StandardPack };
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    extendsId: r.extendsId,
    extendsVersion: r.extendsVersion,
    input: body.input,
    resolved: body.resolved,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
};

export async function listLocalPacks(db: Db, districtId: string): Promise<StoredPack[]> {
  const rows = await db.select().from(standardPacks).where(eq(standardPacks.districtId, districtId)).orderBy(asc(standardPacks.id), asc(standardPacks.version));
  return rows.map(toStored);
}

export async function getLocalPack(db: Db, districtId: string, id: string, version?: number): Promise<StoredPack | null> {
  const rows = await db
    .select()
    .from(standardPacks)
    .where(and(eq(standardPacks.districtId, districtId), eq(standardPacks.id, id), version === undefined ? undefined : eq(standardPacks.version, version)))
    .orderBy(desc(standardPacks.version))
    .limit(1);
  return rows[0] ? toStored(rows[0]) : null;
}

export async function latestPackVersion(db: Db, districtId: string, id: string): Promise<number> {
  const [r] = await db
    .select({ v: max(standardPacks.version) })
    .from(standardPacks)
    .where(and(eq(standardPacks.districtId, districtId), eq(standardPacks.id, id)));
  return r?.v ?? 0;
}

export async function insertLocalPack(db: Db, districtId: string, input: LocalPackInput, resolved: StandardPack, user: string) {
  await db.insert(standardPacks).values({
    districtId,
    id: resolved.id,
    version: resolved.version,
    extendsId: resolved.extends!.id,
    extendsVersion: resolved.extends!.version,
    name: resolved.name,
    body: { input, resolved },
    createdBy: user,
  });
}

export interface EvaluationSummary {
  id: number;
  year: number;
  standardId: string;
  standardVersion: number;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export async function insertEvaluation(
  db: Db,
  districtId: string,
  e: { year: number; standardId: string; standardVersion: number; note: string | null; result: unknown; user: string },
): Promise<EvaluationSummary> {
  const [r] = await db
    .insert(balanceEvaluations)
    .values({ districtId, year: e.year, standardId: e.standardId, standardVersion: e.standardVersion, note: e.note, result: e.result, createdBy: e.user })
    .returning();
  return { id: r.id, year: r.year, standardId: r.standardId, standardVersion: r.standardVersion, note: r.note, createdBy: r.createdBy, createdAt: r.createdAt };
}

export async function listEvaluations(db: Db, districtId: string): Promise<EvaluationSummary[]> {
  return db
    .select({
      id: balanceEvaluations.id,
      year: balanceEvaluations.year,
      standardId: balanceEvaluations.standardId,
      standardVersion: balanceEvaluations.standardVersion,
      note: balanceEvaluations.note,
      createdBy: balanceEvaluations.createdBy,
      createdAt: balanceEvaluations.createdAt,
    })
    .from(balanceEvaluations)
    .where(eq(balanceEvaluations.districtId, districtId))
    .orderBy(desc(balanceEvaluations.id));
}

export async function getEvaluation(db: Db, districtId: string, id: number) {
  const [r] = await db
    .select()
    .from(balanceEvaluations)
    .where(and(eq(balanceEvaluations.districtId, districtId), eq(balanceEvaluations.id, id)));
  return r ?? null;
}
