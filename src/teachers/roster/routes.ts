// Teachers routes: roster — the contract (contract.ts) with thin handlers over RosterService.
import { routesOf } from '../../core/http/routes.js';
import { rosterApi } from './contract.js';
import type { RosterService } from './service.js';

export const rosterRoutes = routesOf(rosterApi, (_s: { roster: RosterService }) => ({}));
