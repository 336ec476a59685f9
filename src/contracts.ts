// Every capability's HTTP contract, by area: the server registers them (server.ts), the OpenAPI
// description lists them, the web's typed client calls them, and the RBAC matrix test covers them.
// Pure: zod and the contracts only, so the web imports this module.
import { z } from 'zod';
import { endpoint } from './core/http/contract.js';
import { authApi } from './core/auth/contract.js';
import { auditApi } from './core/audit/contract.js';
import { examsApi } from './exams/contract.js';
import { growthApi } from './growth/contract.js';
import { registryApi } from './registry/contract.js';
import { balanceApi } from './balance/contract.js';
import { admissionsApi } from './admissions/contract.js';
import { wellbeingApi } from './wellbeing/contract.js';
import { visionApi } from './wellbeing/vision/contract.js';
import { burdenApi } from './wellbeing/burden/contract.js';
import { surveysApi } from './wellbeing/surveys/contract.js';
import { retentionApi } from './wellbeing/retention/contract.js';
import { forecastApi } from './planning/forecast/contract.js';
import { exchangeApi } from './planning/exchange/contract.js';
import { pairingApi } from './planning/pairing/contract.js';
import { mapApi } from './planning/map/contract.js';
import { rosterApi } from './teachers/roster/contract.js';
import { trainingApi } from './teachers/training/contract.js';
import { movesApi } from './teachers/moves/contract.js';
import { structureApi } from './teachers/structure/contract.js';

export const systemApi = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    summary: '健康检查(数据库、版本);数据库不可用时 503 / health: database and version; 503 when the database does not answer',
    tags: ['系统 / system'],
    policy: { capability: 'public' },
    response: z.object({
      status: z.enum(['ok', 'unavailable']),
      version: z.string(),
      database: z.enum(['pglite', 'postgresql']),
      /** Only with status "unavailable" (HTTP 503). */
      message: z.string().optional(),
    }),
  }),
  openapi: endpoint({
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'OpenAPI 3.1 描述 / the OpenAPI 3.1 description',
    tags: ['系统 / system'],
    policy: { capability: 'public' },
    response: z.record(z.string(), z.unknown()),
  }),
  docs: endpoint({
    method: 'GET',
    path: '/api/docs',
    summary: 'API 说明页 / the API as a readable page',
    tags: ['系统 / system'],
    policy: { capability: 'public' },
    produces: 'html',
  }),
};

export const API = {
  system: systemApi,
  auth: authApi,
  audit: auditApi,
  exams: examsApi,
  growth: growthApi,
  registry: registryApi,
  balance: balanceApi,
  admissions: admissionsApi,
  wellbeing: wellbeingApi,
  vision: visionApi,
  burden: burdenApi,
  surveys: surveysApi,
  retention: retentionApi,
  forecast: forecastApi,
  exchange: exchangeApi,
  pairing: pairingApi,
  map: mapApi,
  roster: rosterApi,
  training: trainingApi,
  moves: movesApi,
  structure: structureApi,
};
