// Planning routes: teacher exchange — the contract (contract.ts) with thin handlers over ExchangeService.
import { routesOf } from '../../core/http/routes.js';
import { exchangeApi } from './contract.js';
import type { ExchangeService } from './service.js';

export const exchangeRoutes = routesOf(exchangeApi, (s: { exchange: ExchangeService }) => ({
  list: async ({ actor }) => s.exchange.list(actor),
  create: async ({ actor, query, file }) => {
    const { name, year, ...rules } = query;
    return s.exchange.create(actor, { name, year, rules: { ...rules, pins: [] } }, file!.filename, await file!.toBuffer());
  },
  createFromRoster: async ({ actor, query }) => {
    const { name, year, ...rules } = query;
    return s.exchange.createFromRoster(actor, { name, year, rules: { ...rules, pins: [] } });
  },
  get: async ({ actor, params }) => s.exchange.get(actor, params.id),
  editMoves: async ({ actor, params, body }) => s.exchange.editMoves(actor, params.id, body.moves),
  solve: async ({ actor, params, body }) => s.exchange.solve(actor, params.id, body.rules),
  lock: async ({ actor, params }) => s.exchange.lock(actor, params.id),
  remove: async ({ actor, params }) => s.exchange.remove(actor, params.id),
  export: async ({ actor, params, query }) => s.exchange.workbook(actor, params.id, query.lang),
  template: async ({ actor }) => s.exchange.template(actor),
}));
