// Exam HTTP routes: thin — parse input with zod, call ExamService, answer JSON (or an .xlsx).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../core/http/legacy.js';
import type { Services } from '../server.js';
import { AppError, badRequest, forbidden, notFound } from '../core/http/errors.js';
import { sendPdf, sendXlsx } from '../core/http/download.js';
import { renderPdf } from '../core/pdf.js';
import { getDistrict } from '../registry/store.js';
import { EXAM_TYPES } from './schema.js';
import { examReportHtml, examReportTitle } from './report-html.js';
import { schoolNames } from './store.js';

/** A share of full marks as a decimal string ("0.85"); numbers are accepted and written as strings. */
const Share = z.union([z.string().trim(), z.number()]).transform((v) => (typeof v === 'number' ? String(v) : v));
const NullableShare = z.union([Share, z.null()]);
const Subject = z.object({
  subject: z.string().trim().min(1).max(40),
  fullMarks: z.coerce.number().positive().max(1000),
  excellent: NullableShare.optional(),
  pass: NullableShare.optional(),
  low: NullableShare.optional(),
  items: z
    .array(z.object({ label: z.string().trim().min(1).max(20), fullMarks: z.coerce.number().positive().max(1000), objective: z.boolean().optional() }))
    .max(200)
    .optional(),
});
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ExamFields = {
  name: z.string().trim().min(1).max(100),
  date: DateText.nullish(),
  term: z.string().trim().max(40).nullish(),
  grade: z.coerce.number().int().min(1).max(12),
  type: z.enum(EXAM_TYPES),
  scope: z.string().trim().max(200).nullish(),
  excellent: Share.optional(),
  pass: Share.optional(),
  low: Share.optional(),
  bottomPercentile: z.coerce.number().min(1).max(99).optional(),
};
const CreateBody = z.object({ ...ExamFields, subjects: z.array(Subject).min(1).max(30) });
const UpdateBody = z.object({
  ...ExamFields,
  name: ExamFields.name.optional(),
  grade: ExamFields.grade.optional(),
  type: ExamFields.type.optional(),
  subjects: z.array(Subject).min(1).max(30).optional(),
});
const Id = z.coerce.number().int().positive();
const IdParams = z.object({ id: Id });

export const examRoutes = (s: Services) => async (app: FastifyInstance) => {
  const x = s.exams;

  app.get('/exams', async (req) => ({ exams: await x.list(requireUser(req)) }));
  app.post('/exams', async (req, reply) => {
    const exam = await x.create(requireUser(req), CreateBody.parse(req.body));
    reply.code(201);
    return { exam };
  });
  app.get('/exams/:id', async (req) => ({ exam: await x.get(requireUser(req), IdParams.parse(req.params).id) }));
  app.put('/exams/:id', async (req) => ({ exam: await x.update(requireUser(req), IdParams.parse(req.params).id, UpdateBody.parse(req.body)) }));
  app.delete('/exams/:id', async (req) => {
    await x.remove(requireUser(req), IdParams.parse(req.params).id);
    return { ok: true };
  });

  // Multipart field `file`. 202 {jobId} at once; with ?wait=1 the answer waits for the job: 200 {result} or 422 {problems}.
  app.post('/exams/:id/import', async (req, reply) => {
    const u = requireUser(req);
    const { id } = IdParams.parse(req.params);
    const { wait } = z.object({ wait: z.enum(['1', 'true', '0', 'false']).optional() }).parse(req.query);
    const file = await req.file();
    if (!file) throw badRequest('请选择要上传的文件 / choose a file to upload');
    const buf = await file.toBuffer();
    const job = await x.startImport(u, id, file.filename, buf);
    if (wait !== '1' && wait !== 'true') {
      reply.code(202);
      return { jobId: job.id, job };
    }
    const done = (await x.jobs.wait(u.districtId, job.id))!;
    if (done.phase === 'failed') throw new AppError(done.error!.status, done.error!.code, done.error!.message, done.problems ? { problems: done.problems, jobId: job.id } : { jobId: job.id });
    return { jobId: job.id, result: done.result };
  });
  app.get('/jobs/:id', async (req) => ({ job: x.job(requireUser(req), z.object({ id: z.string().uuid() }).parse(req.params).id) }));

  app.get('/exams/:id/report', async (req) => x.report(requireUser(req), IdParams.parse(req.params).id));
  // The printable report: the district's (a clerk's view has only their own school among the schools), or one school's.
  app.get('/exams/:id/report.pdf', async (req, reply) => {
    const u = requireUser(req);
    const { id } = IdParams.parse(req.params);
    const { school } = z.object({ school: z.string().trim().max(40).optional() }).parse(req.query);
    if (school && u.role === 'clerk' && school !== u.schoolCode) throw forbidden('只能查看本校报告 / you may see your own school’s report only');
    const { exam, report } = await x.report(u, id);
    if (school && !report.schools.some((r) => r.school === school)) throw notFound(`本次考试没有学校 ${school} / no school ${school} in this exam`);
    const names = await schoolNames(s.database.db, u.districtId);
    const district = await getDistrict(s.database.db, u.districtId);
    const ctx = { districtName: district?.name ?? u.districtName, schoolNames: names, school: school || undefined, ownOnly: u.role === 'clerk' };
    const pdf = await renderPdf(examReportHtml(exam, report, ctx), { headerTitle: `${ctx.districtName} · ${examReportTitle(exam, ctx)}` });
    return sendPdf(reply, pdf, `${examReportTitle(exam, ctx)}.pdf`);
  });
  app.get('/exams/:id/schools/:code/students', async (req) => {
    const { id, code } = z.object({ id: Id, code: z.string().min(1).max(40) }).parse(req.params);
    const { class: className } = z.object({ class: z.string().max(40).optional() }).parse(req.query);
    return x.schoolStudents(requireUser(req), id, code, className);
  });
  app.get('/exams/:id/students/:sid', async (req) => {
    const { id, sid } = z.object({ id: Id, sid: z.string().min(1).max(60) }).parse(req.params);
    return x.studentCard(requireUser(req), id, sid);
  });
  app.get('/exams/:id/compare', async (req) => {
    const { id } = IdParams.parse(req.params);
    const q = z.object({ with: Id }).parse(req.query);
    return x.compare(requireUser(req), id, q.with);
  });
  app.get('/exams/:id/items', async (req) => {
    const { id } = IdParams.parse(req.params);
    const { subject } = z.object({ subject: z.string().min(1).max(40) }).parse(req.query);
    return x.itemAnalysis(requireUser(req), id, subject);
  });
  app.get('/exams/:id/export.xlsx', async (req, reply) => {
    const { id } = IdParams.parse(req.params);
    const { school } = z.object({ school: z.string().max(40).optional() }).parse(req.query);
    const { buffer, fileName } = await x.exportXlsx(requireUser(req), id, school || undefined);
    return sendXlsx(reply, buffer, fileName);
  });
};
