// Retention routes: the contract (contract.ts) with thin handlers over RetentionService.
import { routesOf } from '../../core/http/routes.js';
import { retentionApi } from './contract.js';
import type { RetentionService } from './service.js';

export const retentionRoutes = routesOf(retentionApi, (s: { retention: RetentionService }) => ({
  setting: async ({ actor }) => s.retention.setting(actor.districtId),
  saveSetting: async ({ actor, body }) => s.retention.saveSetting(actor, body.retentionYears),
  preview: async ({ actor, query }) => s.retention.preview(actor.districtId, query.years),
  purge: async ({ actor, body }) => s.retention.purge(actor, body.retentionYears),
}));
