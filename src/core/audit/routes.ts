// The audit log's routes.
import { routesOf } from '../http/routes.js';
import { auditApi } from './contract.js';
import type { AuditService } from './service.js';
import { formatLocalTime } from './local-time.js';

export const auditRoutes = routesOf(auditApi, (s: { audit: AuditService }) => ({
  list: async ({ actor, query: { page, pageSize, ...f } }) => s.audit.list(actor.districtId, f, page, pageSize),
  export: async ({ actor, query }) => {
    const { file, rows } = await s.audit.exportXlsx(actor.districtId, query);
    return { file, rows, name: `审计日志-${formatLocalTime(new Date()).slice(0, 10)}.xlsx` };
  },
}));
