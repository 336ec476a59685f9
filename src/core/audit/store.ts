// The audit log: one row per changed field, written inside the same transaction as the change; and one row per
// read or export of pupil-level data (action 'read' / 'export', the number of rows in row_count).
import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog } from '../schema.js';

export interface AuditEntry {
  username: string;
  action: string;
  entity: string;
  entityKey: string;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  batchId?: string | null;
  detail?: string | null;
  /** The number of rows read or exported (reads and exports). */
  rowCount?: number | null;
}

export async function recordAudit(db: Db, districtId: string, entries: AuditEntry[]): Promise<void> {
  const rows = entries.map((e) => ({
    districtId,
    username: e.username,
    action: e.action,
    entity: e.entity,
    entityKey: e.entityKey,
    field: e.field ?? null,
    oldValue: e.oldValue === undefined ? null : e.oldValue,
    newValue: e.newValue === undefined ? null : e.newValue,
    batchId: e.batchId ?? null,
    detail: e.detail ?? null,
    rowCount: e.rowCount ?? null,
  }));
  // 11 parameters a row; stay far below PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < rows.length; i += 2000) await db.insert(auditLog).values(rows.slice(i, i + 2000));
}

export interface AuditFilter {
  user?: string;
  entity?: string;
  action?: string;
  key?: string; // prefix of the entity key, e.g. a school code
  from?: string; // ISO date, inclusive
  to?: string; // ISO date, inclusive (whole day)
}

function where(districtId: string, f: AuditFilter): SQL | undefined {
  const c: (SQL | undefined)[] = [eq(auditLog.districtId, districtId)];
  if (f.user) c.push(eq(auditLog.username, f.user));
  if (f.entity) c.push(eq(auditLog.entity, f.entity));
  if (f.action) c.push(eq(auditLog.action, f.action));
  if (f.key) c.push(sql`starts_with(${auditLog.entityKey}, ${f.key})`);
  if (f.from) c.push(gte(auditLog.at, f.from));
  if (f.to) c.push(lt(auditLog.at, sql`(${f.to}::date + 1)::timestamptz`));
  return and(...c);
}

export async function listAudit(db: Db, districtId: string, f: AuditFilter, page: number, pageSize: number) {
  const w = where(districtId, f);
  const [{ n }] = await db.select({ n: count() }).from(auditLog).where(w);
  const rows = await db
    .select()
    .from(auditLog)
    .where(w)
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: Number(n), rows };
}
