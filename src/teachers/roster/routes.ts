// Teachers routes: roster — the contract (contract.ts) with thin handlers over RosterService.
import { routesOf } from '../../core/http/routes.js';
import { rosterApi } from './contract.js';
import type { RosterService } from './service.js';

export const rosterRoutes = routesOf(rosterApi, (s: { roster: RosterService }) => ({
  schools: async ({ actor, query }) => s.roster.schools(actor, query.year),
  list: async ({ actor, query }) => s.roster.list(actor, query.school, query.year),
  teacher: async ({ actor, params }) => s.roster.teacher(actor, params.teacherId),
  import: async ({ actor, query, file }) => s.roster.importFile(actor, query.school, query.year, file!.filename, await file!.toBuffer()),
  template: async ({ actor, query }) => s.roster.template(actor, query.school),
  export: async ({ actor, query }) => s.roster.exportFile(actor, query.year, query.school),
  create: async ({ actor, query, body }) => s.roster.addRow(actor, query.school, query.year, body),
  update: async ({ actor, params, query, body }) => s.roster.updateRow(actor, query.school, query.year, params.teacherId, body),
  remove: async ({ actor, params, query }) => s.roster.deleteRow(actor, query.school, query.year, params.teacherId),
  carryForward: async ({ actor, query }) => s.roster.carryForward(actor, query.school, query.year),
}));
