// The audit log, for the bureau: filter, page, export.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser, type Services } from '../http/app.js';
import { forbidden } from '../http/errors.js';
import { isBureau } from '../auth/roles.js';
import { listAudit } from './store.js';
import { exportRowsWorkbook } from '../../registry/excel.js';
import { sendXlsx } from '../http/download.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Filter = z.object({
  user: z.string().optional(),
  entity: z.string().optional(),
  action: z.string().optional(),
  key: z.string().optional(),
  from: date.optional(),
  to: date.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const auditRoutes = (s: Services) => async (app: FastifyInstance) => {
  const bureau = (req: Parameters<typeof requireUser>[0]) => {
    const u = requireUser(req);
    if (!isBureau(u)) throw forbidden('只有教育局可以查看审计日志 / only the bureau reads the audit log');
    return u;
  };
  app.get('/audit', async (req) => {
    const u = bureau(req);
    const { page, pageSize, ...f } = Filter.parse(req.query);
    return listAudit(s.database.db, u.districtId, f, page, pageSize);
  });
  app.get('/audit/export', async (req, reply) => {
    const u = bureau(req);
    const { page: _p, pageSize: _s, ...f } = Filter.parse(req.query);
    const { rows } = await listAudit(s.database.db, u.districtId, f, 1, 1_000_000);
    const buf = await exportRowsWorkbook(
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
      ],
      rows.map((r) => ({ ...r, oldValue: r.oldValue == null ? '' : JSON.stringify(r.oldValue), newValue: r.newValue == null ? '' : JSON.stringify(r.newValue) })),
    );
    return sendXlsx(reply, buf, `审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`);
  });
};
