// Vision routes: the contract (contract.ts) with thin handlers over VisionService.
import { routesOf } from '../../core/http/routes.js';
import { visionApi } from './contract.js';
import type { VisionService } from './service.js';

export const visionRoutes = routesOf(visionApi, (s: { vision: VisionService }) => ({
  import: async ({ actor, query, file }) => s.vision.import(actor, query.year, file!.filename, await file!.toBuffer()),
  report: async ({ actor, query }) => s.vision.report(actor, query.year),
  export: async ({ actor, query }) => s.vision.workbook(actor, query.year, query.lang),
  students: async ({ actor, params, query }) => ({ year: query.year, school: params.code, students: await s.vision.students(actor, params.code, query.year) }),
}));
