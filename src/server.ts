// Wiring: one service per capability, each capability's routes from its contract, the API
// description, and the web app. The only module that knows every capability.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { closePdfRenderer } from './core/pdf.js';
import type { Database, Db } from './core/db/index.js';
import { schoolExists } from './registry/lookup.js';
import { AuthService } from './core/auth/service.js';
import { createHttpApp, serveWeb, type HttpOptions } from './core/http/app.js';
import { routesOf } from './core/http/routes.js';
import { openApiDocument, openApiHtml } from './core/http/openapi.js';
import { authRoutes } from './core/auth/routes.js';
import { AuditService } from './core/audit/service.js';
import { JobService } from './core/jobs/service.js';
import { auditRoutes } from './core/audit/routes.js';
import { RegistryService } from './registry/service.js';
import { registryRoutes } from './registry/routes.js';
import { BalanceService } from './balance/service.js';
import { balanceRoutes } from './balance/routes.js';
import { ExamService } from './exams/service.js';
import { examRoutes } from './exams/routes.js';
import { GrowthService } from './growth/service.js';
import { AdmissionsService } from './admissions/service.js';
import { admissionsRoutes } from './admissions/routes.js';
import { growthRoutes } from './growth/routes.js';
import { WellbeingService } from './wellbeing/service.js';
import { wellbeingRoutes } from './wellbeing/routes.js';
import { VisionService } from './wellbeing/vision/service.js';
import { visionRoutes } from './wellbeing/vision/routes.js';
import { BurdenService } from './wellbeing/burden/service.js';
import { burdenRoutes } from './wellbeing/burden/routes.js';
import { SurveyService } from './wellbeing/surveys/service.js';
import { surveysRoutes } from './wellbeing/surveys/routes.js';
import { RetentionService } from './wellbeing/retention/service.js';
import { retentionRoutes } from './wellbeing/retention/routes.js';
import { ExamCohorts } from './exams/cohorts.js';
import { ForecastService } from './planning/forecast/service.js';
import { forecastRoutes } from './planning/forecast/routes.js';
import { ExchangeService } from './planning/exchange/service.js';
import { exchangeRoutes } from './planning/exchange/routes.js';
import { PairingService } from './planning/pairing/service.js';
import { pairingRoutes } from './planning/pairing/routes.js';
import { MapService } from './planning/map/service.js';
import { mapRoutes } from './planning/map/routes.js';
import { RosterService } from './teachers/roster/service.js';
import { rosterRoutes } from './teachers/roster/routes.js';
import { TrainingService } from './teachers/training/service.js';
import { trainingRoutes } from './teachers/training/routes.js';
import { MovesService } from './teachers/moves/service.js';
import { movesRoutes } from './teachers/moves/routes.js';
import { StructureService } from './teachers/structure/service.js';
import { structureRoutes } from './teachers/structure/routes.js';
import { VERSION } from './core/version.js';
import { API, systemApi } from './contracts.js';

export interface Services {
  database: Database;
  auth: AuthService;
  audit: AuditService;
  /** Import jobs (rows of the jobs table), shared by the registry and exam imports. */
  jobs: JobService;
  registry: RegistryService;
  balance: BalanceService;
  exams: ExamService;
  growth: GrowthService;
  admissions: AdmissionsService;
  wellbeing: WellbeingService;
  vision: VisionService;
  burden: BurdenService;
  surveys: SurveyService;
  retention: RetentionService;
  forecast: ForecastService;
  exchange: ExchangeService;
  pairing: PairingService;
  map: MapService;
  roster: RosterService;
  training: TrainingService;
  moves: MovesService;
  structure: StructureService;
}

/** The account service, with the registry answering whether a school exists. */
export const createAuthService = (db: Db, opts: { cacheSessionsMs?: number } = {}) => new AuthService(db, (districtId, code) => schoolExists(db, districtId, code), opts);

export function createServices(database: Database): Services {
  const db = database.db;
  const jobs = new JobService(db);
  const registry = new RegistryService(db, jobs);
  // What growth and admissions read of the exams (both through the exams capability's reader).
  const cohorts = new ExamCohorts(db);
  // Student wellbeing: fitness, vision, homework and sleep; the retention of their pupil rows reaches all three.
  const wellbeing = new WellbeingService(db);
  const vision = new VisionService(db);
  const burden = new BurdenService(db);
  const balance = new BalanceService(db, registry);
  const exams = new ExamService(db, jobs);
  const growth = new GrowthService(cohorts);
  // Teachers read the registry through its service; planning reads the registry, balance, exams, growth and the
  // teachers' roster and moves through theirs.
  const teachersDeps = { registry };
  const roster = new RosterService(db, teachersDeps);
  const moves = new MovesService(db, teachersDeps);
  const planning = { registry, balance, exams, growth, moves };
  return {
    database,
    auth: createAuthService(db, { cacheSessionsMs: database.kind === 'pglite' ? 5000 : 0 }),
    audit: new AuditService(db),
    jobs,
    registry,
    balance,
    exams,
    growth,
    admissions: new AdmissionsService(db, cohorts),
    wellbeing,
    vision,
    burden,
    surveys: new SurveyService(db),
    retention: new RetentionService(db, { fitness: wellbeing, vision, burden }, { currentYear: (d) => registry.currentYear(d) }),
    forecast: new ForecastService(db, planning),
    exchange: new ExchangeService(db, planning),
    pairing: new PairingService(db, planning),
    map: new MapService(db, planning),
    roster,
    training: new TrainingService(db, teachersDeps),
    moves,
    structure: new StructureService(db, teachersDeps),
  };
}

// The contracts do not change while the server runs: the description and its page are built once, on first request.
let apiDoc: ReturnType<typeof openApiDocument> | undefined;
let apiPage: string | undefined;
const apiDescription = () => (apiDoc ??= openApiDocument(API, VERSION));

const systemRoutes = routesOf(systemApi, (s: { database: Database }) => ({
  // The database answers `select 1` within 5 s, or the probe answers 503.
  health: async ({ reply }) => {
    try {
      await Promise.race([s.database.db.execute(sql`select 1`), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000).unref())]);
      return { status: 'ok' as const, version: VERSION, database: s.database.kind };
    } catch {
      reply.status(503);
      return { status: 'unavailable' as const, version: VERSION, database: s.database.kind, message: '数据库无响应 / the database does not answer' };
    }
  },
  openapi: async () => apiDescription(),
  docs: async () => (apiPage ??= openApiHtml(apiDescription())),
}));

export async function buildApp(database: Database, opts: HttpOptions = {}): Promise<FastifyInstance & { services: Services }> {
  const services = createServices(database);
  // Jobs a stopped server left running are marked interrupted (their transaction never committed); at close,
  // running jobs get a moment to finish, the rest are marked interrupted.
  await services.jobs.recover();
  const app = await createHttpApp(services.auth, opts);
  app.addHook('onClose', async () => services.jobs.close());
  // One Chromium per process renders every PDF report; close it with the server.
  app.addHook('onClose', async () => closePdfRenderer());
  await app.register(systemRoutes(services));
  await app.register(authRoutes(services));
  await app.register(auditRoutes(services));
  await app.register(registryRoutes(services));
  await app.register(balanceRoutes(services));
  await app.register(examRoutes(services));
  await app.register(growthRoutes(services));
  await app.register(admissionsRoutes(services));
  await app.register(wellbeingRoutes(services));
  await app.register(visionRoutes(services));
  await app.register(burdenRoutes(services));
  await app.register(surveysRoutes(services));
  await app.register(retentionRoutes(services));
  await app.register(forecastRoutes(services));
  await app.register(exchangeRoutes(services));
  await app.register(pairingRoutes(services));
  await app.register(mapRoutes(services));
  await app.register(rosterRoutes(services));
  await app.register(trainingRoutes(services));
  await app.register(movesRoutes(services));
  await app.register(structureRoutes(services));
  await serveWeb(app);
  // Retention of pupil-level health rows: what a district's setting makes due is purged at the start and once a day
  // (nothing while no district sets one).
  await services.retention.purgeAllDue();
  const daily = setInterval(() => void services.retention.purgeAllDue().catch((e: unknown) => app.log.error(e)), 24 * 3600 * 1000);
  daily.unref();
  app.addHook('onClose', async () => clearInterval(daily));
  return Object.assign(app, { services });
}
