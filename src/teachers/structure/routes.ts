// Teachers routes: structure — the contract (contract.ts) with thin handlers over StructureService.
import { routesOf } from '../../core/http/routes.js';
import { structureApi } from './contract.js';
import type { StructureService } from './service.js';

export const structureRoutes = routesOf(structureApi, (_s: { structure: StructureService }) => ({}));
