// Survey routes: the contract (contract.ts) with thin handlers over SurveyService. The public routes take the access
// code in the body (never in a URL) and the client address for the wrong-code limit.
import type { FastifyRequest } from 'fastify';
import { routesOf } from '../../core/http/routes.js';
import { surveysApi } from './contract.js';
import type { SurveyService } from './service.js';

/** The origin the slips' QR codes link to: the address the bureau's browser used to reach the server. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export const surveysRoutes = routesOf(surveysApi, (s: { surveys: SurveyService }) => ({
  templates: async () => s.surveys.templates(),
  questionnaires: async ({ actor }) => s.surveys.questionnaires(actor),
  questionnaire: async ({ actor, params, query }) => s.surveys.questionnaire(actor, params.key, query.version),
  questionnaireCreate: async ({ actor, body }) => s.surveys.createQuestionnaire(actor, body),
  questionnaireUpdate: async ({ actor, params, body }) => s.surveys.updateQuestionnaire(actor, params.key, body),
  list: async ({ actor, query }) => s.surveys.list(actor, query.year),
  get: async ({ actor, params }) => s.surveys.get(actor, params.id),
  create: async ({ actor, body }) => s.surveys.create(actor, body),
  update: async ({ actor, params, body }) => s.surveys.update(actor, params.id, body),
  remove: async ({ actor, params }) => s.surveys.remove(actor, params.id),
  status: async ({ actor, params, body }) => s.surveys.setStatus(actor, params.id, body.status),
  planDefaults: async ({ actor, params }) => s.surveys.planDefaults(actor, params.id),
  planPreview: async ({ actor, params, body }) => s.surveys.computePlan(actor, params.id, body),
  planSave: async ({ actor, params, body }) => s.surveys.savePlan(actor, params.id, body),
  batches: async ({ actor, params }) => s.surveys.batches(actor, params.id),
  codesIssue: async ({ actor, params, body, req }) => s.surveys.issueCodes(actor, params.id, body.schools, originOf(req)),
  batchVoid: async ({ actor, params }) => s.surveys.voidBatch(actor, params.id, params.batch),
  results: async ({ actor, params }) => s.surveys.results(actor, params.id),
  resultsXlsx: async ({ actor, params }) => s.surveys.resultsXlsx(actor, params.id),
  publicStart: async ({ body, req }) => s.surveys.publicStart(body.code, req.ip),
  publicAnswer: async ({ body, req }) => s.surveys.publicAnswer(body.code, body.answers, req.ip),
}));
