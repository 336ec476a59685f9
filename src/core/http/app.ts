// The generic HTTP server: Fastify with cookies, multipart uploads, the session and CSRF check, one
// error format, and the built web app. It knows no capability: src/server.ts registers their routes.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { ZodError } from 'zod';
import type { AuthService } from '../auth/service.js';
import type { CurrentUser } from '../auth/roles.js';
import { AppError, forbidden } from './errors.js';
import { SESSION_COOKIE } from './cookies.js';

export { SESSION_COOKIE, CSRF_COOKIE } from './cookies.js';
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    csrf: string | null;
  }
}

export interface HttpOptions {
  logger?: boolean;
}

export async function createHttpApp(auth: AuthService, opts: HttpOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 10 * 1024 * 1024, trustProxy: true });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1 } });

  // Every route the server serves, and whether a contract declared it (the RBAC coverage test reads this).
  const routeList: { method: string; url: string; contract: boolean }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) routeList.push({ method: m, url: r.url, contract: !!(r.config as { endpoint?: unknown } | undefined)?.endpoint });
  });
  app.decorateRequest('user', null);
  app.decorateRequest('csrf', null);
  app.decorateRequest('parsed', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const s = await auth.fromCookie(req.cookies[SESSION_COOKIE]);
    req.user = s?.user ?? null;
    req.csrf = s?.csrf ?? null;
    // CSRF: every state-changing request of a signed-in session must echo the session's token.
    if (s && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.url !== '/api/auth/login') {
      if (req.headers['x-csrf-token'] !== s.csrf) throw forbidden('缺少或错误的 CSRF 令牌,请刷新页面 / missing or wrong CSRF token; reload the page');
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError && err.status < 500) {
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
    if (process.env.VITEST && err instanceof AppError) return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误 / internal server error' } });
  });
  return app;
}

/** Serve the built web app (web/dist) with the SPA fallback; API 404s stay JSON. */
export async function serveWeb(app: FastifyInstance) {
  if (fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return reply.status(404).send({ error: { code: 'not_found', message: '未找到 / not found' } });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ error: { code: 'not_found', message: req.url.startsWith('/api/') ? '未找到 / not found' : '网页未构建,请运行 npm run build / the web app is not built: run npm run build' } }),
    );
  }
}
