// Job storage: the only place that knows the jobs table's SQL.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog } from '../schema.js';
import { jobs, type JobStatus } from './schema.js';

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
const UNFINISHED: JobStatus[] = ['queued', 'running'];

export async function insertJob(db: Db, job: NewJob): Promise<JobRow> {
  const [row] = await db.insert(jobs).values(job).returning();
  return row;
}

export async function getJob(db: Db, districtId: string, id: string): Promise<JobRow | null> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.districtId, districtId), eq(jobs.id, id)));
  return row ?? null;
}

/** Progress of an unfinished job (never overwrites a final state); touches the heartbeat. */
export async function updateProgress(db: Db, districtId: string, id: string, set: { state: JobStatus; phase: string; done: number; total: number }): Promise<void> {
  await db
    .update(jobs)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(jobs.districtId, districtId), eq(jobs.id, id), inArray(jobs.state, UNFINISHED)));
}

/** The final state of a job that is still unfinished; false when it was already final (e.g. marked interrupted). */
export async function finishJob(
  db: Db,
  districtId: string,
  id: string,
  set: { state: JobStatus; phase?: string; done?: number; total?: number; message?: string | null; result?: unknown; error?: unknown; problemCount?: number | null },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ ...set, updatedAt: sql`now()`, finishedAt: sql`now()` })
    .where(and(eq(jobs.districtId, districtId), eq(jobs.id, id), inArray(jobs.state, UNFINISHED)))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Keep-alive of the unfinished jobs a process runs. */
export async function touchJobs(db: Db, keys: { districtId: string; id: string }[]): Promise<void> {
  if (!keys.length) return;
  await db
    .update(jobs)
    .set({ updatedAt: sql`now()` })
    .where(
      and(
        inArray(
          jobs.id,
          keys.map((k) => k.id),
        ),
        inArray(jobs.state, UNFINISHED),
      ),
    );
}

/** Every unfinished job of every district, with its heartbeat's age in seconds. */
export async function unfinishedJobs(db: Db): Promise<(JobRow & { idleSeconds: number })[]> {
  const rows = await db
    .select({ job: jobs, idleSeconds: sql<number>`extract(epoch from (now() - ${jobs.updatedAt}))::float8` })
    .from(jobs)
    .where(inArray(jobs.state, UNFINISHED));
  return rows.map((r) => ({ ...r.job, idleSeconds: Number(r.idleSeconds) }));
}

/**
 * Did the job's work commit before its process stopped? The imports write, in their own transaction, audit rows
 * (action 'import') whose detail ends with "← <file name>"; a row of that user after the job started says so.
 */
export async function importCommitted(db: Db, job: JobRow): Promise<boolean> {
  const fileName = (job.subject as { fileName?: unknown })?.fileName;
  if (typeof fileName !== 'string' || !fileName) return false;
  const [hit] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.districtId, job.districtId),
        eq(auditLog.username, job.username),
        eq(auditLog.action, 'import'),
        sql`${auditLog.at} >= ${job.startedAt}::timestamptz`,
        sql`right(${auditLog.detail}, ${[...fileName].length + 2}) = ${`← ${fileName}`}`,
      ),
    )
    .limit(1);
  return !!hit;
}
