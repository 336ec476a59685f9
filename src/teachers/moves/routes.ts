// Teachers routes: moves — the contract (contract.ts) with thin handlers over MovesService.
import { routesOf } from '../../core/http/routes.js';
import { movesApi } from './contract.js';
import type { MovesService } from './service.js';

export const movesRoutes = routesOf(movesApi, (s: { moves: MovesService }) => ({
  list: async ({ actor, query }) => s.moves.list(actor, query),
  create: async ({ actor, body }) => s.moves.create(actor, body),
  remove: async ({ actor, params }) => s.moves.remove(actor, params.id),
  teachers: async ({ actor, query }) => s.moves.teacherOptions(actor, query.school, query.year),
  rules: async ({ actor, query }) => s.moves.rules(actor, query.year),
}));
