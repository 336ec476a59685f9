// Exam routes: the contract (contract.ts) with thin handlers over ExamService. The policy (core/auth/policy.ts) has
// already checked sign-in, the capability and a named school; the service cuts what the user sees to their scope.
import { routesOf } from '../core/http/routes.js';
import { examsApi } from './contract.js';
import type { ExamService } from './service.js';

export const examRoutes = routesOf(examsApi, (s: { exams: ExamService }) => ({
  list: async ({ actor }) => ({ exams: await s.exams.list(actor) }),
  create: async ({ actor, body, reply }) => {
    const exam = await s.exams.create(actor, body);
    reply.code(201);
    return { exam };
  },
  get: async ({ actor, params }) => ({ exam: await s.exams.get(actor, params.id) }),
  update: async ({ actor, params, body }) => ({ exam: await s.exams.update(actor, params.id, body) }),
  remove: async ({ actor, params }) => {
    await s.exams.remove(actor, params.id);
    return { ok: true as const };
  },
  // Multipart field `file`. 202 {jobId, job} at once; with ?wait=1 the answer waits for the job: 200 {jobId, result} or 422 {problems}.
  importScores: async ({ actor, params, query, file, reply }) => {
    const wait = query.wait === '1' || query.wait === 'true';
    const answer = await s.exams.upload(actor, params.id, file!.filename, await file!.toBuffer(), wait);
    if (!wait) reply.code(202);
    return answer;
  },
  template: async ({ actor, params }) => s.exams.template(actor, params.id),
  job: async ({ actor, params }) => ({ job: await s.exams.job(actor, params.id) }),
  report: async ({ actor, params, query }) => s.exams.report(actor, params.id, query.school),
  reportPdf: async ({ actor, params, query }) => s.exams.reportPdf(actor, params.id, query.school),
  schoolStudents: async ({ actor, params, query }) => s.exams.schoolStudents(actor, params.id, params.code, query.class),
  studentCard: async ({ actor, params }) => s.exams.studentCard(actor, params.id, params.sid),
  compare: async ({ actor, params, query }) => s.exams.compare(actor, params.id, query.with),
  items: async ({ actor, params, query }) => s.exams.itemAnalysis(actor, params.id, query.subject),
  exportXlsx: async ({ actor, params, query }) => s.exams.exportXlsx(actor, params.id, query.school),
}));
