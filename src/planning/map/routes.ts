// Planning routes: map — the contract (contract.ts) with thin handlers over MapService.
import { routesOf } from '../../core/http/routes.js';
import { mapApi } from './contract.js';
import type { MapService } from './service.js';

export const mapRoutes = routesOf(mapApi, (_s: { map: MapService }) => ({}));
