// Admissions routes: the contract (contract.ts) with thin handlers over AdmissionsService.
import { routesOf } from '../core/http/routes.js';
import { contentDisposition } from '../core/http/download.js';
import { admissionsApi } from './contract.js';
import type { AdmissionsService } from './service.js';
import { offlineVerifierHtml } from './offline-verifier.js';

export const admissionsRoutes = routesOf(admissionsApi, (s: { admissions: AdmissionsService }) => ({
  list: async ({ actor, query }) => ({ draws: await s.admissions.list(actor, query.year) }),
  create: async ({ actor, body, reply }) => {
    const draw = await s.admissions.create(actor, body);
    reply.code(201);
    return { draw };
  },
  get: async ({ actor, params }) => s.admissions.get(actor, params.code),
  remove: async ({ actor, params }) => {
    await s.admissions.remove(actor, params.code);
    return { ok: true as const };
  },
  importApplicants: async ({ actor, params, file }) => ({ draw: await s.admissions.importApplicants(actor, params.code, file!.filename, await file!.toBuffer()) }),
  publishList: async ({ actor, params }) => ({ draw: await s.admissions.publishList(actor, params.code) }),
  run: async ({ actor, params, body }) => s.admissions.run(actor, params.code, body.entropy),
  publishResult: async ({ actor, params }) => ({ draw: await s.admissions.publishResult(actor, params.code) }),
  stageReport: async ({ actor, query }) => s.admissions.stageReport(actor, query.year),
  publicList: async () => ({ draws: await s.admissions.publicList() }),
  publicGet: async ({ params }) => s.admissions.publicGet(params.district, params.code),
  resultXlsx: async ({ actor, params, query }) => s.admissions.listFile(actor, params.code, query.names),
  quotaList: async ({ actor }) => ({ plans: await s.admissions.quotaPlans(actor) }),
  quotaCreate: async ({ actor, body, reply }) => {
    const plan = await s.admissions.createQuotaPlan(actor, body);
    reply.code(201);
    return { plan };
  },
  quotaGet: async ({ actor, params }) => ({ plan: await s.admissions.quotaPlan(actor, params.id) }),
  publicVerifier: async ({ reply }) => {
    reply.header('content-disposition', contentDisposition('attachment', 'junheng-verify-offline.html'));
    return offlineVerifierHtml();
  },
}));
