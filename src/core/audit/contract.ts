// The HTTP contract of the audit log (审计日志).
import { z } from 'zod';
import { DateParam, endpoint } from '../http/contract.js';

const date = DateParam;
export const AuditFilter = z.object({
  user: z.string().optional(),
  entity: z.string().optional(),
  action: z.string().optional().describe('e.g. update, import, login; read / export: who viewed or exported pupil-level data'),
  key: z.string().optional().describe('prefix of the entity key, e.g. a school code'),
  from: date.optional(),
  to: date.optional(),
});
export const AuditRow = z.object({
  districtId: z.string(),
  id: z.number(),
  at: z.string(),
  username: z.string(),
  action: z.string(),
  entity: z.string(),
  entityKey: z.string(),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  batchId: z.string().nullable(),
  detail: z.string().nullable(),
  rowCount: z.number().nullable(),
  /** The entity's name where it has one (a school's name for a school or its figures). */
  entityName: z.string().nullable().optional(),
});
const tags = ['审计 / audit'];

/** The key of an audit export: `audit` and the filter's parts, e.g. `audit/action:read/from:2025-01-01`. */
export function auditKey(f: z.output<typeof AuditFilter>): string {
  const parts = (['user', 'action', 'entity', 'key', 'from', 'to'] as const).filter((k) => f[k]).map((k) => `${k}:${f[k]}`);
  return ['audit', ...parts].join('/');
}

export const auditApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/audit',
    summary: '审计日志（筛选、分页） / the audit log, filtered and paged',
    tags,
    policy: { capability: 'audit.read' },
    query: AuditFilter.extend({
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(500).default(50),
    }),
    response: z.object({ total: z.number(), rows: z.array(AuditRow) }),
  }),
  export: endpoint({
    method: 'GET',
    path: '/api/audit/export',
    summary: '导出审计日志 .xlsx / the audit log as .xlsx',
    tags,
    policy: { capability: 'audit.read' },
    query: AuditFilter,
    produces: 'xlsx',
    // The log names who read which pupils' data: taking it away is itself recorded (key: the filter used).
    audit: { action: 'export', entity: 'audit', key: ({ query }) => auditKey(query) },
  }),
};
