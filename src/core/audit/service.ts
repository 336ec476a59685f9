// The audit log for the bureau: filter, page, export; and the sink of audited reads (core/http/routes.ts).
import type { Db } from '../db/index.js';
import type { ReadAuditEntry, ReadAuditSink } from '../http/routes.js';
import { exportRowsWorkbook } from '../xlsx/export-rows.js';
import { auditActionLabel, auditEntityLabel, auditFieldLabel, auditValue } from './labels.js';
import { formatLocalTime, localTimeZone } from './local-time.js';
import { listAudit, recordAudit, type AuditFilter } from './store.js';

/** Names the entities of some keys (a school's name for its code); capabilities add theirs (registerAuditNamer). */
export type AuditNamer = (db: Db, districtId: string, entity: string, keys: string[]) => Promise<Map<string, string>>;
const namers: AuditNamer[] = [];
export function registerAuditNamer(n: AuditNamer): void {
  if (!namers.includes(n)) namers.push(n);
}

type Row = Awaited<ReturnType<typeof listAudit>>['rows'][number];

export class AuditService implements ReadAuditSink {
  constructor(private readonly db: Db) {}

  /** One read or export of a data set, recorded by the route wrapper after a successful answer. */
  recordRead(districtId: string, e: ReadAuditEntry): Promise<void> {
    return recordAudit(this.db, districtId, [e]);
  }

  async list(districtId: string, f: AuditFilter, page: number, pageSize: number) {
    const { total, rows } = await listAudit(this.db, districtId, f, page, pageSize);
    return { total, rows: await this.named(districtId, rows) };
  }

  /** The rows with the names of their entities (entityName: null where nobody names it). */
  private async named(districtId: string, rows: Row[]): Promise<(Row & { entityName: string | null })[]> {
    const byEntity = new Map<string, Set<string>>();
    for (const r of rows) byEntity.set(r.entity, (byEntity.get(r.entity) ?? new Set()).add(r.entityKey));
    const names = new Map<string, string>();
    for (const [entity, keys] of byEntity) for (const n of namers) for (const [k, v] of await n(this.db, districtId, entity, [...keys])) names.set(`${entity}\u0000${k}`, v);
    return rows.map((r) => ({ ...r, entityName: names.get(`${r.entity}\u0000${r.entityKey}`) ?? null }));
  }

  /**
   * The filtered log as .xlsx, as people read it: local time (the configured zone), actions, entities and fields by
   * name, old and new values written out. Returns the number of its rows (the export is itself an audited export).
   */
  async exportXlsx(districtId: string, f: AuditFilter): Promise<{ file: Buffer; rows: number }> {
    const { rows } = await listAudit(this.db, districtId, f, 1, 1_000_000);
    const named = await this.named(districtId, rows);
    const zone = localTimeZone();
    const file = await exportRowsWorkbook(
      '审计日志',
      [
        { header: '编号', key: 'id', width: 8 },
        { header: `时间（${zone}）`, key: 'at', width: 22 },
        { header: '用户', key: 'username', width: 14 },
        { header: '操作', key: 'action', width: 10 },
        { header: '对象', key: 'entity', width: 12 },
        { header: '对象标识', key: 'entityKey', width: 18 },
        { header: '对象名称', key: 'entityName', width: 24 },
        { header: '字段', key: 'field', width: 24 },
        { header: '原值', key: 'oldValue', width: 16 },
        { header: '新值', key: 'newValue', width: 16 },
        { header: '说明', key: 'detail', width: 30 },
        { header: '行数', key: 'rowCount', width: 8 },
      ],
      named.map((r) => ({
        ...r,
        at: formatLocalTime(r.at, zone),
        action: auditActionLabel(r.action),
        entity: auditEntityLabel(r.entity),
        entityName: r.entityName ?? '',
        field: auditFieldLabel(r.entity, r.field),
        oldValue: auditValue(r.entity, r.field, r.oldValue),
        newValue: auditValue(r.entity, r.field, r.newValue),
      })),
    );
    return { file, rows: rows.length };
  }
}
