// The generic HTTP server: Fastify with cookies, multipart uploads, the session and CSRF check, one
// error format, and the built web app. It knows no capability: src/server.ts registers their routes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { ZodError } from 'zod';
import type { AuthService } from '../auth/service.js';
import type { CurrentUser } from '../auth/roles.js';
import { AppError, databaseErrorCode, forbidden, INTERNAL_MESSAGE, invalidRequest } from './errors.js';
import { SESSION_COOKIE } from './cookies.js';
import { createLogger, genReqId, JunhengLogController, type LogOptions } from '../log.js';

export { SESSION_COOKIE, CSRF_COOKIE } from './cookies.js';
/** The built web app; JUNHENG_WEB_DIST points a test run at another build (a parallel build in another folder). */
export const WEB_DIST = process.env.JUNHENG_WEB_DIST || fileURLToPath(new URL('../../../web/dist', import.meta.url));

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    csrf: string | null;
  }
}

export interface HttpOptions {
  /**
   * Logs (src/core/log.ts): true = the level of JUNHENG_LOG_LEVEL / LOG_LEVEL, else info (`junheng serve`);
   * an object = that level or stream (tests capture the lines); false = none. Default: the
   * environment's level, else none — and none under vitest.
   */
  logger?: boolean | LogOptions;
  /**
   * The reverse proxies whose X-Forwarded-For / -Proto / -Host are believed: a comma list of addresses and CIDRs
   * (Fastify's trustProxy). Default: JUNHENG_TRUSTED_PROXIES, else none — a client's own headers are ignored.
   */
  trustedProxies?: string;
}

/** The trusted proxies as Fastify's trustProxy: false when none is named. */
export function trustProxyOf(setting: string | undefined): false | string[] {
  const list = (setting ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : false;
}

function loggerFor(opt: HttpOptions['logger']) {
  if (opt === false) return createLogger({ level: 'silent' });
  if (opt === true) return createLogger({}, 'info');
  if (typeof opt === 'object') return createLogger(opt, 'info');
  return createLogger(process.env.VITEST ? { level: 'silent' } : {}, 'silent');
}

/** SQLSTATE codes of text the database cannot hold: 22021 (a NUL, invalid UTF-8), 22P05 (untranslatable character). */
const TEXT_REFUSED = new Set(['22021', '22P05']);

export async function createHttpApp(auth: AuthService, opts: HttpOptions = {}): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = loggerFor(opts.logger);
  const app = Fastify({
    loggerInstance: logger,
    logController: new JunhengLogController(),
    genReqId,
    requestIdHeader: false,
    bodyLimit: 10 * 1024 * 1024,
    // Only named proxies: otherwise any client could forge its address (login limits, audit) or HTTPS.
    trustProxy: trustProxyOf(opts.trustedProxies ?? process.env.JUNHENG_TRUSTED_PROXIES),
  });
  // Every answer carries its request id (the caller's X-Request-Id when it sent a usable one), which the log lines carry too.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(cookie);
  // Uploads: one file of at most 100 MB (413 beyond), a few small fields, few headers. What a file may expand to is
  // bounded where it is read (core/xlsx/limits.ts).
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12, headerPairs: 100 } });

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
    // Public reads (health probe, API description) need no user: they never look a session up.
    const endpoint = (req.routeOptions.config as { endpoint?: { policy: { capability: string } } } | undefined)?.endpoint;
    if (req.method === 'GET' && endpoint?.policy.capability === 'public') return;
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
      const bad = invalidRequest(err);
      return reply.status(bad.status).send({ error: { code: bad.code, message: bad.message }, ...bad.extra });
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode === 413) return reply.status(413).send({ error: { code: 'body_too_large', message: '请求内容过大 / the request body is too large' } });
    if (e.statusCode && e.statusCode < 500) return reply.status(e.statusCode).send({ error: { code: e.code ?? 'bad_request', message: e.message } });
    // Every 5xx: its stack, with the request id and route (log.ts masks long digit runs, logs no URL or body). A
    // database error's text quotes the query's parameters (学籍号, names): only its SQLSTATE code is logged, and
    // nothing of it answered.
    const sqlState = databaseErrorCode(err);
    if (sqlState !== null && TEXT_REFUSED.has(sqlState)) {
      // Text the database cannot hold (a NUL in a query parameter or path): the request's fault, not the server's.
      req.log.warn({ req, sqlState }, 'database refused a character');
      return reply.status(400).send({ error: { code: 'bad_request', message: '请求含有无效字符(如 NUL 控制字符) / the request contains a character that cannot be stored (such as NUL)' } });
    }
    if (sqlState === 'JH409') {
      // A guard trigger refused to change published data (an admission draw's list or result): a conflict, not a fault.
      req.log.warn({ req, sqlState }, 'database refused to change published data');
      return reply.status(409).send({ error: { code: 'conflict', message: '已公布的数据不能更改 / published data cannot be changed' } });
    }
    if (sqlState !== null) req.log.error({ req, sqlState }, 'database error');
    else req.log.error({ err, req }, 'internal error');
    if (process.env.VITEST && err instanceof AppError && sqlState === null) return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
    return reply.status(500).send({ error: { code: 'internal', message: `${INTERNAL_MESSAGE} (请求编号 / request id ${req.id})` }, requestId: req.id });
  });
  return app;
}

/** Hashed build output (web/dist/assets/NAME-HASH.js): a new build has new names, so browsers keep these for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serve the built web app (web/dist) with the SPA fallback; API 404s stay JSON. The build wrote
 * NAME.br and NAME.gz beside each asset (web/vite.config.ts): they are sent to browsers that accept
 * them. Files under /assets/ are cached for good; index.html and the rest are revalidated each time.
 */
export async function serveWeb(app: FastifyInstance, root = WEB_DIST) {
  if (fs.existsSync(path.join(root, 'index.html'))) {
    const assets = path.join(root, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      // The precompressed copies and the build stamp are not routes of their own.
      globIgnore: ['**/*.br', '**/*.gz', '**/.build-stamp.json'],
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : 'no-cache');
      },
    });
    app.setNotFoundHandler((req, reply) => {
      // A missing hashed file (a page of an older build asking for its chunks) is a 404, not the app's HTML.
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET') return reply.status(404).send({ error: { code: 'not_found', message: '未找到 / not found' } });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply
        .status(404)
        .send({ error: { code: 'not_found', message: req.url.startsWith('/api/') ? '未找到 / not found' : '网页未构建,请运行 npm run build / the web app is not built: run npm run build' } }),
    );
  }
}
