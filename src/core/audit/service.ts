// The audit log for the bureau: filter, page, export; and the sink of audited reads (core/http/routes.ts).
import type { Db } from '../db/index.js';
import type { ReadAuditEntry, ReadAuditSink } from '../http/routes.js';
import { exportRowsWorkbook } from '../xlsx/export-rows.js';
import { listAudit, recordAudit, type AuditFilter } from './store.js';

export class AuditService implements ReadAuditSink {
  constructor(private readonly db: Db) {}

  /** One read or export of a data set, recorded by the route wrapper after a successful answer. */
  recordRead(districtId: string, e: ReadAuditEntry): Promise<void> {
    return recordAudit(this.db, districtId, [e]);
  }

  list(districtId: string, f: AuditFilter, page: number, pageSize: number) {
    return listAudit(this.db, districtId, f, page, pageSize);
  }

  /** The filtered log as .xlsx, with the number of its rows (the export is itself an audited export). */
  async exportXlsx(districtId: string, f: AuditFilter): Promise<{ file: Buffer; rows: number }> {
    const { rows } = await listAudit(this.db, districtId, f, 1, 1_000_000);
    const file = await exportRowsWorkbook(
      '审计日志',
      [
        { header: '编号', key: 'id', width: 8 },
        { header: '时间', key: 'at', width: 22 },
        { header: '用户', key: 'username', width: 14 },
        { header: '操作', key: 'action', width: 10 },
        { header: '对象', key: 'entity', width: 10 },
        { header: '对象标识', key: 'entityKey', width: 18 },
        { header: '字段', key: 'field', width: 22 },
        { header: '原值', key: 'oldValue', width: 14 },
        { header: '新值', key: 'newValue', width: 14 },
        { header: '说明', key: 'detail', width: 30 },
        { header: '行数', key: 'rowCount', width: 8 },
      ],
      rows.map((r) => ({ ...r, oldValue: r.oldValue == null ? '' : JSON.stringify(r.oldValue), newValue: r.newValue == null ? '' : JSON.stringify(r.newValue) })),
    );
    return { file, rows: rows.length };
  }
}
