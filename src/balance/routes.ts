// The balance evaluation's routes (contract.ts): standards packs, the evaluation, plan, trend, class sizes,
// saved evaluations and the downloads. Who may call each is the contract's policy; handlers only call the service.
import { routesOf } from '../core/http/routes.js';
import { balanceApi } from './contract.js';
import type { BalanceService } from './service.js';
import { balanceScopeOf, limitClassSizes, limitEvaluation, limitPlan } from './scope.js';

export const balanceRoutes = routesOf(balanceApi, (s: { balance: BalanceService }) => ({
  listStandards: async ({ actor }) => ({ standards: await s.balance.listStandards(actor.districtId) }),
  getStandard: async ({ actor, params, query }) => s.balance.standard(actor.districtId, params.id, query.version),
  createStandard: async ({ actor, body, reply }) => {
    const pack = await s.balance.saveLocal(actor, body, 'create');
    reply.code(201);
    return { pack };
  },
  updateStandard: async ({ actor, params, body }) => ({ pack: await s.balance.saveLocal(actor, { ...body, id: params.id }, 'update') }),
  // An inspector's per-school rows are the assigned schools' (scope.ts); the district figures cover every school.
  evaluation: async ({ actor, query: q }) =>
    limitEvaluation(await s.balance.evaluate(actor.districtId, await s.balance.yearOf(actor.districtId, q.year), q.standard, q.version), balanceScopeOf(actor)),
  plan: async ({ actor, query: q }) => limitPlan(await s.balance.plan(actor.districtId, await s.balance.yearOf(actor.districtId, q.year), q.standard, q.version, q.costs), balanceScopeOf(actor)),
  trend: async ({ actor, query: q }) => s.balance.trend(actor.districtId, q.standard, q.version),
  listEvaluations: async ({ actor }) => ({ evaluations: await s.balance.listEvaluations(actor.districtId) }),
  getEvaluation: async ({ actor, params }) => {
    const saved = await s.balance.evaluation(actor.districtId, params.id);
    return { ...saved, result: limitEvaluation(saved.result, balanceScopeOf(actor)) };
  },
  saveEvaluation: async ({ actor, body, reply }) => {
    const saved = await s.balance.saveEvaluation(actor, body.year, body.standard, body.version, body.note ?? null);
    reply.code(201);
    return saved;
  },
  classSizes: async ({ actor, query: q }) =>
    limitClassSizes(await s.balance.classSizes(actor.districtId, await s.balance.yearOf(actor.districtId, q.year), q.standard, q.version), balanceScopeOf(actor)),
  exportXlsx: async ({ actor, query }) => s.balance.workbook(actor.districtId, query, balanceScopeOf(actor)),
  districtReport: async ({ actor, query }) => s.balance.districtReport(actor.districtId, query, actor, balanceScopeOf(actor)),
  gapsXlsx: async ({ actor, query }) => s.balance.gapsWorkbook(actor.districtId, query, balanceScopeOf(actor)),
  whatIfReport: async ({ actor, query }) => s.balance.whatIfReport(actor.districtId, query, actor, balanceScopeOf(actor)),
  schoolReport: async ({ actor, params, query }) => s.balance.schoolReport(actor.districtId, params.code, query, actor),
}));
