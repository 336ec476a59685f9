// The HTTP server: Fastify with cookies, multipart uploads, the web app, and the API routes of
// every capability. Routes stay thin: they validate input (zod) and call services.
import { closePdfRenderer } from '../pdf.js';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { ZodError } from 'zod';
import type { Database } from '../db/index.js';
import { AuthService } from '../auth/service.js';
import type { CurrentUser } from '../auth/roles.js';
import { AppError, forbidden, unauthorized } from './errors.js';
import { authRoutes } from '../auth/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { registryRoutes } from '../../registry/routes.js';
import { balanceRoutes } from '../../balance/routes.js';
import { BalanceService } from '../../balance/service.js';
import { balanceReportRoutes } from '../../balance/report-routes.js';
import { RegistryService } from '../../registry/service.js';
import { ExamService } from '../../exams/service.js';
import { examRoutes } from '../../exams/routes.js';
import { GrowthService } from '../../growth/service.js';
import { growthRoutes } from '../../growth/routes.js';
import { VERSION } from '../version.js';

export const SESSION_COOKIE = 'jh_session';
export const CSRF_COOKIE = 'jh_csrf';
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    csrf: string | null;
  }
}

export interface Services {
  database: Database;
  auth: AuthService;
  registry: RegistryService;
  balance: BalanceService;
  exams: ExamService;
  growth: GrowthService;
}

/** The signed-in user, or 401. */
export function requireUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

export async function buildApp(database: Database, opts: { logger?: boolean; secureCookies?: boolean } = {}): Promise<FastifyInstance & { services: Services }> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 10 * 1024 * 1024, trustProxy: true });
  const services: Services = { database, auth: new AuthService(database.db, { cacheSessionsMs: database.kind === 'pglite' ? 5000 : 0 }), registry: new RegistryService(database.db), balance: new BalanceService(database.db), exams: new ExamService(database.db), growth: new GrowthService(database.db) };
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1 } });

  app.decorateRequest('user', null);
  app.decorateRequest('csrf', null);
  // One Chromium per process renders every PDF report; close it with the server.
  app.addHook('onClose', async () => closePdfRenderer());
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const s = await services.auth.fromCookie(req.cookies[SESSION_COOKIE]);
    req.user = s?.user ?? null;
    req.csrf = s?.csrf ?? null;
    // CSRF: every state-changing request of a signed-in session must echo the session's token.
    if (s && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.url !== '/api/auth/login') {
      if (req.headers['x-csrf-token'] !== s.csrf) throw forbidden('缺少或错误的 CSRF 令牌,请刷新页面 / missing or wrong CSRF token; reload the page');
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      if (err.status === 429 && err.extra?.retryAfter) reply.header('retry-after', String(err.extra.retryAfter));
      return reply.status(err.status).send({ error: { code: err.code, message: err.message }, ...err.extra });
    }
    if (err instanceof ZodError) {
      const problems = err.issues.map((i) => ({ field: i.path.join('.'), reason: i.message }));
      return reply.status(400).send({ error: { code: 'bad_request', message: `请求数据有误 / invalid request: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}` }, problems });
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode < 500) return reply.status(e.statusCode).send({ error: { code: e.code ?? 'bad_request', message: e.message } });
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误 / internal server error' } });
  });

  app.get('/api/health', async () => ({ status: 'ok', version: VERSION, database: database.kind }));
  await app.register(authRoutes(services), { prefix: '/api' });
  await app.register(registryRoutes(services), { prefix: '/api' });
  await app.register(auditRoutes(services), { prefix: '/api' });
  await app.register(balanceRoutes(services), { prefix: '/api' });
  await app.register(balanceReportRoutes(services), { prefix: '/api' });
  await app.register(examRoutes(services), { prefix: '/api' });
  await app.register(growthRoutes(services), { prefix: '/api' });

  if (fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return reply.status(404).send({ error: { code: 'not_found', message: '未找到 / not found' } });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ error: { code: 'not_found', message: req.url.startsWith('/api/') ? '未找到 / not found' : '网页未构建,请运行 npm run build:web / the web app is not built: run npm run build:web' } }),
    );
  }
  return Object.assign(app, { services }) as unknown as FastifyInstance & { services: Services };
}
