// Planning routes: pairing — the contract (contract.ts) with thin handlers over PairingService.
import { routesOf } from '../../core/http/routes.js';
import { pairingApi } from './contract.js';
import type { PairingService } from './service.js';

export const pairingRoutes = routesOf(pairingApi, (_s: { pairing: PairingService }) => ({}));
