// Registry HTTP routes: thin — parse input with zod, call RegistryService, answer JSON.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../core/http/legacy.js';
import type { Services } from '../server.js';
import { badRequest } from '../core/http/errors.js';
import { sendXlsx } from '../core/http/download.js';
import { LOCATIONS, OWNERSHIPS, SCHOOL_LEVELS, STAT_STATUSES } from './model.js';
import { meta } from './service.js';

const Year = z.coerce.number().int().min(1990).max(2100);
const SchoolBody = z.object({
  code: z.string().trim(),
  name: z.string().trim().min(1).max(100),
  level: z.enum(SCHOOL_LEVELS),
  ownership: z.enum(OWNERSHIPS),
  location: z.enum(LOCATIONS),
  isIsland: z.boolean().default(false),
  isBoarding: z.boolean().default(false),
  address: z.string().max(200).nullish().transform((v) => v ?? null),
  lat: z.number().min(-90).max(90).nullish().transform((v) => v ?? null),
  lng: z.number().min(-180).max(180).nullish().transform((v) => v ?? null),
  groupName: z.string().max(100).nullish().transform((v) => v || null),
  isOpen: z.boolean().default(true),
});
const RecordBody = z.object({
  values: z.record(z.string(), z.number().nullable()),
  enrolments: z.array(z.object({ grade: z.number().int(), students: z.number() })),
  classes: z.array(z.object({ grade: z.number().int(), classNo: z.number().int(), size: z.number() })),
});
const ListQuery = z.object({
  year: Year.optional(),
  level: z.string().optional(),
  location: z.string().optional(),
  ownership: z.string().optional(),
  q: z.string().optional(),
});
type CodeYear = { Params: { code: string; year: string } };

export const registryRoutes = (s: Services) => async (app: FastifyInstance) => {
  const r = s.registry;
  const yearOf = async (req: FastifyRequest, raw: unknown) => (raw === undefined || raw === '' ? r.currentYear(requireUser(req).districtId) : Year.parse(raw));

  app.get('/meta', async (req) => (requireUser(req), meta()));
  app.get('/years', async (req) => ({ years: await r.years(requireUser(req)) }));
  app.get<{ Querystring: { year?: string } }>('/overview', async (req) => r.overview(requireUser(req), await yearOf(req, req.query.year)));

  app.get('/schools', async (req) => {
    const q = ListQuery.parse(req.query);
    return { schools: await r.listSchools(requireUser(req), await yearOf(req, q.year), q) };
  });
  app.get<{ Params: { code: string } }>('/schools/:code', async (req) => ({ school: await r.school(requireUser(req), req.params.code) }));
  app.post('/schools', async (req) => ({ school: await r.saveSchool(requireUser(req), SchoolBody.parse(req.body), 'create') }));
  app.put<{ Params: { code: string } }>('/schools/:code', async (req) => {
    const body = SchoolBody.parse({ ...(req.body as object), code: req.params.code });
    return { school: await r.saveSchool(requireUser(req), body, 'update') };
  });

  app.get<{ Params: { code: string } }>('/schools/:code/stats', async (req) => ({ records: await r.records(requireUser(req), req.params.code) }));
  app.get<CodeYear>('/schools/:code/stats/:year', async (req) => ({ record: await r.record(requireUser(req), req.params.code, Year.parse(req.params.year)) }));
  app.put<CodeYear>('/schools/:code/stats/:year', async (req) => ({
    record: await r.saveRecord(requireUser(req), req.params.code, Year.parse(req.params.year), RecordBody.parse(req.body)),
  }));
  for (const action of ['submit', 'approve', 'return', 'reopen'] as const) {
    app.post<CodeYear & { Body: { comment?: string } | undefined }>(`/schools/:code/stats/:year/${action}`, async (req) => ({
      record: await r.act(requireUser(req), req.params.code, Year.parse(req.params.year), action, z.object({ comment: z.string().max(2000).optional() }).parse(req.body ?? {}).comment),
    }));
  }

  app.get<{ Querystring: { year?: string; status?: string } }>('/review', async (req) => {
    const status = z.enum(STAT_STATUSES).optional().parse(req.query.status || undefined);
    return { items: await r.reviewQueue(requireUser(req), await yearOf(req, req.query.year), status) };
  });

  app.get<{ Querystring: { year?: string; school?: string } }>('/template', async (req, reply) => {
    const u = requireUser(req);
    const year = await yearOf(req, req.query.year);
    const buf = await r.workbook(u, year, req.query.school || undefined, true);
    const who = u.role === 'clerk' ? u.schoolCode : req.query.school || u.districtName;
    return sendXlsx(reply, buf, `统计填报模板-${who}-${year}学年.xlsx`);
  });
  app.get<{ Querystring: { year?: string } }>('/export', async (req, reply) => {
    const u = requireUser(req);
    const year = await yearOf(req, req.query.year);
    return sendXlsx(reply, await r.workbook(u, year), `学校统计-${u.districtName}-${year}学年.xlsx`);
  });
  app.post<{ Querystring: { year?: string } }>('/import', async (req) => {
    const u = requireUser(req);
    const year = await yearOf(req, req.query.year);
    const file = await req.file();
    if (!file) throw badRequest('请选择要上传的文件 / choose a file to upload');
    const buf = await file.toBuffer();
    return r.importWorkbook(u, year, file.filename, buf);
  });
};
