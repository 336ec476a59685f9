// Planning routes: exchange — the contract (contract.ts) with thin handlers over ExchangeService.
import { routesOf } from '../../core/http/routes.js';
import { exchangeApi } from './contract.js';
import type { ExchangeService } from './service.js';

export const exchangeRoutes = routesOf(exchangeApi, (_s: { exchange: ExchangeService }) => ({}));
