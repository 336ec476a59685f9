// Teachers routes: structure — the contract (contract.ts) with thin handlers over StructureService.
import { routesOf } from '../../core/http/routes.js';
import { structureApi } from './contract.js';
import type { StructureService } from './service.js';

export const structureRoutes = routesOf(structureApi, (s: { structure: StructureService }) => ({
  report: async ({ actor, query }) => s.structure.report(actor, query),
  export: async ({ actor, query }) => s.structure.workbook(actor, query),
  years: async ({ actor }) => s.structure.years(actor),
}));
