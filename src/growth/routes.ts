// Growth (增值评价) HTTP routes: thin — parse the query with zod, call GrowthService, answer JSON, .xlsx or PDF.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../core/http/legacy.js';
import type { Services } from '../server.js';
import { sendPdf, sendXlsx } from '../core/http/download.js';
import { renderPdf } from '../core/pdf.js';
import { getDistrict } from '../registry/store.js';
import { growthWorkbook } from './export-xlsx.js';
import { growthReportHtml, growthReportTitle } from './report-html.js';
import { TOTAL } from './service.js';

const Id = z.coerce.number().int().positive();
const PairQuery = z.object({
  from: Id,
  to: Id,
  subject: z.string().trim().min(1).max(40).default(TOTAL),
  minN: z.coerce.number().int().min(1).max(10000).optional(),
});

export const growthRoutes = (s: Services) => async (app: FastifyInstance) => {
  const g = s.growth;

  app.get('/growth/exams', async (req) => g.exams(requireUser(req)));

  app.get('/growth/value-added', async (req) => g.valueAdded(requireUser(req), PairQuery.parse(req.query)));

  app.get('/growth/students', async (req) => {
    const q = PairQuery.extend({ school: z.string().trim().min(1).max(40).optional(), class: z.string().max(60).optional() }).parse(req.query);
    return g.students(requireUser(req), q);
  });

  app.get('/growth/targets', async (req) => g.targets(requireUser(req), z.object({ school: z.string().trim().min(1).max(40).optional() }).parse(req.query)));

  async function report(req: { query: unknown; user: unknown }) {
    const u = requireUser(req as never);
    const va = await g.valueAdded(u, PairQuery.parse(req.query));
    const district = await getDistrict(s.database.db, u.districtId);
    return { va, districtName: district?.name ?? u.districtName };
  }

  app.get('/growth/export.xlsx', async (req, reply) => {
    const { va, districtName } = await report(req);
    const buf = await growthWorkbook(va, districtName);
    return sendXlsx(reply, buf, `增值评价-${va.from.name}-${va.to.name}-${va.subject}.xlsx`);
  });

  app.get('/growth/report.pdf', async (req, reply) => {
    const { va, districtName } = await report(req);
    const pdf = await renderPdf(growthReportHtml(va, { districtName }), { headerTitle: `${districtName} · ${growthReportTitle(va)}` });
    return sendPdf(reply, pdf, `增值评价报告-${va.from.name}-${va.to.name}-${va.subject}.pdf`);
  });
};
