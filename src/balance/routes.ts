// Balance evaluation over the registry's figures: standards packs, evaluation, trend, class sizes, saved evaluations.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../core/http/legacy.js';
import type { Services } from '../server.js';
import { badRequest, forbidden } from '../core/http/errors.js';
import { isBureau, type CurrentUser } from '../core/auth/roles.js';
import { DEFAULT_STANDARD } from './service.js';
import { LocalPackInputSchema } from './standards.js';

// The district-wide comparison is the bureau's and inspectors' work; it names every school.
function requireEvaluator(u: CurrentUser) {
  if (!isBureau(u) && u.role !== 'inspector') throw forbidden('只有教育局和督学可以查看均衡评估 / only the bureau and inspectors see the balance evaluation');
}
function requireAdmin(u: CurrentUser) {
  if (u.role !== 'admin') throw forbidden('只有管理员可以编辑评估标准 / only administrators edit standards packs');
}

const StandardQuery = z.object({
  year: z.coerce.number().int().optional(),
  standard: z.string().default(DEFAULT_STANDARD),
  version: z.coerce.number().int().min(1).optional(),
});

export const balanceRoutes = (s: Services) => async (app: FastifyInstance) => {
  app.get('/balance/standards', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    return { standards: await s.balance.listStandards(u.districtId) };
  });

  app.get('/balance/standards/:id', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    const { id } = z.object({ id: z.string() }).parse(req.params);
    const { version } = z.object({ version: z.coerce.number().int().min(1).optional() }).parse(req.query);
    return s.balance.standard(u.districtId, id, version);
  });

  app.post('/balance/standards', async (req, reply) => {
    const u = requireUser(req);
    requireAdmin(u);
    const pack = await s.balance.saveLocal(u, LocalPackInputSchema.parse(req.body), 'create');
    reply.code(201);
    return { pack };
  });

  app.put('/balance/standards/:id', async (req) => {
    const u = requireUser(req);
    requireAdmin(u);
    const { id } = z.object({ id: z.string() }).parse(req.params);
    const pack = await s.balance.saveLocal(u, LocalPackInputSchema.parse({ ...(req.body as object), id }), 'update');
    return { pack };
  });

  app.get('/balance/evaluation', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    const q = StandardQuery.parse(req.query);
    const year = q.year ?? (await s.registry.currentYear(u.districtId));
    return s.balance.evaluate(u.districtId, year, q.standard, q.version);
  });

  // 补短方案: the least additional resource; `costs=key:yuan,key:yuan` overrides the pack's unit costs.
  app.get('/balance/plan', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    const q = StandardQuery.extend({ costs: z.string().optional() }).parse(req.query);
    const year = q.year ?? (await s.registry.currentYear(u.districtId));
    const costs: Record<string, number> = {};
    for (const part of (q.costs ?? '').split(',').filter(Boolean)) {
      const m = /^([a-z0-9_]+):(\d+(?:\.\d+)?)$/.exec(part.trim());
      if (!m) throw badRequest(`单位成本格式应为 指标:元 / costs must look like key:yuan, got "${part}"`);
      costs[m[1]] = Number(m[2]);
    }
    return s.balance.plan(u.districtId, year, q.standard, q.version, costs);
  });

  app.get('/balance/trend', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    const q = StandardQuery.parse(req.query);
    return s.balance.trend(u.districtId, q.standard, q.version);
  });

  // Saved evaluations: a fixed record of what was evaluated, with which pack and version.
  app.get('/balance/evaluations', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    return { evaluations: await s.balance.listEvaluations(u.districtId) };
  });
  app.get('/balance/evaluations/:id', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    const { id } = z.object({ id: z.coerce.number().int() }).parse(req.params);
    return s.balance.evaluation(u.districtId, id);
  });
  app.post('/balance/evaluations', async (req, reply) => {
    const u = requireUser(req);
    if (!isBureau(u)) throw forbidden('只有教育局可以保存评估 / only the bureau saves evaluations');
    const b = z.object({ year: z.number().int(), standard: z.string().default(DEFAULT_STANDARD), version: z.number().int().min(1).optional(), note: z.string().max(500).nullish() }).parse(req.body);
    reply.code(201);
    return s.balance.saveEvaluation(u, b.year, b.standard, b.version, b.note ?? null);
  });

  // 班额: this year's list and counts, and the counts of every year (trend), by the chosen pack's class-size standard.
  app.get('/balance/class-sizes', async (req) => {
    const u = requireUser(req);
    requireEvaluator(u);
    const q = StandardQuery.parse(req.query);
    const year = q.year ?? (await s.registry.currentYear(u.districtId));
    return s.balance.classSizes(u.districtId, year, q.standard, q.version);
  });
};
