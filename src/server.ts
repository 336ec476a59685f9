// Wiring: one service per capability, each capability's routes from its contract, the API
// description, and the web app. The only module that knows every capability.
import type { FastifyInstance } from 'fastify';
import { closePdfRenderer } from './core/pdf.js';
import type { Database } from './core/db/index.js';
import { AuthService } from './core/auth/service.js';
import { createHttpApp, serveWeb, type HttpOptions } from './core/http/app.js';
import { routesOf } from './core/http/routes.js';
import { openApiDocument, openApiHtml } from './core/http/openapi.js';
import { authRoutes } from './core/auth/routes.js';
import { AuditService } from './core/audit/service.js';
import { auditRoutes } from './core/audit/routes.js';
import { RegistryService } from './registry/service.js';
import { registryRoutes } from './registry/routes.js';
import { BalanceService } from './balance/service.js';
import { balanceRoutes } from './balance/routes.js';
import { balanceReportRoutes } from './balance/report-routes.js';
import { ExamService } from './exams/service.js';
import { examRoutes } from './exams/routes.js';
import { GrowthService } from './growth/service.js';
import { growthRoutes } from './growth/routes.js';
import { VERSION } from './core/version.js';
import { API, systemApi } from './contracts.js';

export interface Services {
  database: Database;
  auth: AuthService;
  audit: AuditService;
  registry: RegistryService;
  balance: BalanceService;
  exams: ExamService;
  growth: GrowthService;
}

export function createServices(database: Database): Services {
  const db = database.db;
  return {
    database,
    auth: new AuthService(db, { cacheSessionsMs: database.kind === 'pglite' ? 5000 : 0 }),
    audit: new AuditService(db),
    registry: new RegistryService(db),
    balance: new BalanceService(db),
    exams: new ExamService(db),
    growth: new GrowthService(db),
  };
}

const systemRoutes = routesOf(systemApi, (s: { database: Database }) => ({
  health: async () => ({ status: 'ok' as const, version: VERSION, database: s.database.kind }),
  openapi: async () => openApiDocument(API, VERSION),
  docs: async () => openApiHtml(openApiDocument(API, VERSION)) as never,
}));

export async function buildApp(database: Database, opts: HttpOptions = {}): Promise<FastifyInstance & { services: Services }> {
  const services = createServices(database);
  const app = await createHttpApp(services.auth, opts);
  // One Chromium per process renders every PDF report; close it with the server.
  app.addHook('onClose', async () => closePdfRenderer());
  await app.register(systemRoutes(services));
  await app.register(authRoutes(services));
  await app.register(auditRoutes(services));
  await app.register(registryRoutes(services), { prefix: '/api' });
  await app.register(balanceRoutes(services), { prefix: '/api' });
  await app.register(balanceReportRoutes(services), { prefix: '/api' });
  await app.register(examRoutes(services), { prefix: '/api' });
  await app.register(growthRoutes(services), { prefix: '/api' });
  await serveWeb(app);
  return Object.assign(app, { services });
}
