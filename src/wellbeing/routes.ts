// Wellbeing routes: the contract (contract.ts) with thin handlers over WellbeingService.
import { routesOf } from '../core/http/routes.js';
import { wellbeingApi } from './contract.js';
import type { WellbeingService } from './service.js';

export const wellbeingRoutes = routesOf(wellbeingApi, (s: { wellbeing: WellbeingService }) => ({
  fitnessImport: async ({ actor, query, file }) => s.wellbeing.importFitness(actor, query.year, file!.filename, await file!.toBuffer()),
  fitnessReport: async ({ actor, query }) => s.wellbeing.report(actor, query.year, query.school),
  fitnessStudents: async ({ actor, params, query }) => ({ year: query.year, school: params.code, students: await s.wellbeing.students(actor, params.code, query.year) }),
  fitnessStudentsXlsx: async ({ actor, params, query }) => s.wellbeing.studentsXlsx(actor, params.code, query.year),
}));
