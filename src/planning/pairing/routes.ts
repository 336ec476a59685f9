// Planning routes: pairing — the contract (contract.ts) with thin handlers over PairingService.
import { routesOf } from '../../core/http/routes.js';
import { pairingApi } from './contract.js';
import type { PairingService } from './service.js';

export const pairingRoutes = routesOf(pairingApi, (s: { pairing: PairingService }) => ({
  suggestions: async ({ actor, query }) => s.pairing.suggestions(actor, query),
  pairings: async ({ actor, query }) => s.pairing.pairings(actor, query.year),
  confirm: async ({ actor, body }) => s.pairing.confirm(actor, body),
  remove: async ({ actor, params }) => {
    await s.pairing.remove(actor, params.id);
    return { ok: true as const };
  },
}));
