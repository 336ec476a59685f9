// The registry's routes (contract.ts): thin — the preHandler has checked sign-in, capability, input
// and school scope; each handler calls RegistryService with the signed-in actor.
import { routesOf } from '../core/http/routes.js';
import { registryApi } from './contract.js';
import { meta, type RegistryService } from './service.js';

export const registryRoutes = routesOf(registryApi, (s: { registry: RegistryService }) => {
  const r = s.registry;
  const yearOf = async (districtId: string, year: number | undefined) => year ?? (await r.currentYear(districtId));
  return {
    meta: async () => meta(),
    years: async ({ actor }) => ({ years: await r.years(actor) }),
    overview: async ({ actor, query }) => r.overview(actor, await yearOf(actor.districtId, query.year)),
    listSchools: async ({ actor, query: { year, ...filter } }) => ({ schools: await r.listSchools(actor, await yearOf(actor.districtId, year), filter) }),
    getSchool: async ({ actor, params }) => ({ school: await r.school(actor, params.code) }),
    createSchool: async ({ actor, body }) => ({ school: await r.saveSchool(actor, body, 'create') }),
    updateSchool: async ({ actor, params, body }) => ({ school: await r.saveSchool(actor, { ...body, code: params.code }, 'update') }),
    listRecords: async ({ actor, params }) => ({ records: await r.records(actor, params.code) }),
    getRecord: async ({ actor, params }) => ({ record: await r.record(actor, params.code, params.year) }),
    saveRecord: async ({ actor, params, body }) => ({ record: await r.saveRecord(actor, params.code, params.year, body) }),
    submit: async ({ actor, params, body }) => ({ record: await r.act(actor, params.code, params.year, 'submit', body.comment) }),
    approve: async ({ actor, params, body }) => ({ record: await r.act(actor, params.code, params.year, 'approve', body.comment) }),
    return: async ({ actor, params, body }) => ({ record: await r.act(actor, params.code, params.year, 'return', body.comment) }),
    reopen: async ({ actor, params, body }) => ({ record: await r.act(actor, params.code, params.year, 'reopen', body.comment) }),
    review: async ({ actor, query }) => ({ items: await r.reviewQueue(actor, await yearOf(actor.districtId, query.year), query.status) }),
    template: async ({ actor, query }) => r.templateFile(actor, await yearOf(actor.districtId, query.year), query.school || undefined),
    export: async ({ actor, query }) => r.exportFile(actor, await yearOf(actor.districtId, query.year)),
    import: async ({ actor, query, file }) => r.importWorkbook(actor, await yearOf(actor.districtId, query.year), file!.filename, await file!.toBuffer()),
  };
});
