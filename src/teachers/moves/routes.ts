// Teachers routes: moves — the contract (contract.ts) with thin handlers over MovesService.
import { routesOf } from '../../core/http/routes.js';
import { movesApi } from './contract.js';
import type { MovesService } from './service.js';

export const movesRoutes = routesOf(movesApi, (_s: { moves: MovesService }) => ({}));
