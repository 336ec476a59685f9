// The registry's routes (contract.ts): thin — the preHandler has checked sign-in, capability, input
// and school scope; each handler calls RegistryService with the signed-in actor.
import { routesOf } from '../core/http/routes.js';
import { registryApi } from './contract.js';
import { meta, type ClassSizePack, type RegistryService } from './service.js';

/** Resolves a standards pack (built-in or a district's local one): the balance service does, for the class-size thresholds. */
export interface PackSource {
  resolve(districtId: string, id: string, version?: number): Promise<{ pack: ClassSizePack }>;
}

export const registryRoutes = routesOf(registryApi, (s: { registry: RegistryService; balance?: PackSource }) => {
  const r = s.registry;
  const yearOf = async (districtId: string, year: number | undefined) => year ?? (await r.currentYear(districtId));
  /** The pack named in the query (the default one when none is), so that 班额 counts match the balance page's for that pack. */
  const packOf = async (districtId: string, q: { standard?: string; version?: number }) => (q.standard && s.balance ? (await s.balance.resolve(districtId, q.standard, q.version)).pack : undefined);
  return {
    meta: async () => meta(),
    years: async ({ actor }) => ({ years: await r.years(actor) }),
    overview: async ({ actor, query }) => r.overview(actor, await yearOf(actor.districtId, query.year), await packOf(actor.districtId, query)),
    listSchools: async ({ actor, query: { year, standard, version, ...filter } }) =>
      r.listSchools(actor, await yearOf(actor.districtId, year), filter, await packOf(actor.districtId, { standard, version })),
    exportSchools: async ({ actor, query: { year, standard, version, ...filter } }) =>
      r.schoolListFile(actor, await yearOf(actor.districtId, year), filter, await packOf(actor.districtId, { standard, version })),
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
    exportReview: async ({ actor, query }) => r.reviewFile(actor, await yearOf(actor.districtId, query.year), query.status),
    template: async ({ actor, query }) => r.templateFile(actor, await yearOf(actor.districtId, query.year), query.school || undefined),
    export: async ({ actor, query }) => r.exportFile(actor, await yearOf(actor.districtId, query.year)),
    import: async ({ actor, query, file }) => r.importWorkbook(actor, await yearOf(actor.districtId, query.year), file!.filename, await file!.toBuffer()),
  };
});
