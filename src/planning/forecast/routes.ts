// Planning routes: forecast — the contract (contract.ts) with thin handlers over ForecastService.
import { routesOf } from '../../core/http/routes.js';
import { forecastApi } from './contract.js';
import type { ForecastService } from './service.js';

export const forecastRoutes = routesOf(forecastApi, (s: { forecast: ForecastService }) => ({
  report: async ({ actor, query }) => s.forecast.report(actor, query),
  fromFile: async ({ actor, query, file }) => s.forecast.fromFile(actor, query, file!.filename, await file!.toBuffer()),
  export: async ({ actor, query }) => s.forecast.workbook(actor, query),
  inputs: async ({ actor }) => s.forecast.inputs(actor),
  saveSchools: async ({ actor, body }) => s.forecast.saveSchools(actor, body.schools),
  births: async ({ actor, file }) => s.forecast.uploadBirths(actor, file!.filename, await file!.toBuffer()),
  addHousing: async ({ actor, body }) => s.forecast.addHousing(actor, body),
  deleteHousing: async ({ actor, params }) => s.forecast.deleteHousing(actor, params.id),
}));
