// Planning routes: forecast — the contract (contract.ts) with thin handlers over ForecastService.
import { routesOf } from '../../core/http/routes.js';
import { forecastApi } from './contract.js';
import type { ForecastService } from './service.js';

export const forecastRoutes = routesOf(forecastApi, (_s: { forecast: ForecastService }) => ({}));
