// Downloads of the balance evaluation: the inspectors' workbook and the district / school PDF reports.
// Same audience as GET /api/balance/evaluation: the bureau and inspectors.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../core/http/legacy.js';
import type { Services } from '../server.js';
import { sendPdf, sendXlsx } from '../core/http/download.js';
import { forbidden, notFound } from '../core/http/errors.js';
import { isBureau, type CurrentUser } from '../core/auth/roles.js';
import { renderPdf } from '../core/pdf.js';
import { allSchools, getDistrict } from '../registry/store.js';
import { DEFAULT_STANDARD } from './service.js';
import { balanceWorkbook } from './report-xlsx.js';
import { districtReportHtml, districtReportTitle, schoolReportHtml, schoolReportTitle, schoolParts } from './report-html.js';

function requireEvaluator(u: CurrentUser) {
  if (!isBureau(u) && u.role !== 'inspector') throw forbidden('只有教育局和督学可以查看均衡评估 / only the bureau and inspectors see the balance evaluation');
}

const Query = z.object({
  year: z.coerce.number().int().optional(),
  standard: z.string().default(DEFAULT_STANDARD),
  version: z.coerce.number().int().min(1).optional(),
  lang: z.enum(['zh', 'en']).default('zh'),
});

export const balanceReportRoutes = (s: Services) => async (app: FastifyInstance) => {

  async function load(u: CurrentUser, query: unknown) {
    requireEvaluator(u);
    const q = Query.parse(query);
    const year = q.year ?? (await s.registry.currentYear(u.districtId));
    const ev = await s.balance.evaluate(u.districtId, year, q.standard, q.version);
    const district = await getDistrict(s.database.db, u.districtId);
    return { q, ev, districtName: district?.name ?? u.districtName };
  }
  const names = async (districtId: string) => new Map((await allSchools(s.database.db, districtId)).map((x) => [x.code, x.name]));

  app.get('/balance/export.xlsx', async (req, reply) => {
    const u = requireUser(req);
    const { q, ev, districtName } = await load(u, req.query);
    const buf = await balanceWorkbook(ev, districtName, q.lang);
    return sendXlsx(reply, buf, `均衡评估-${ev.year}-${ev.pack.id}.xlsx`);
  });

  app.get('/balance/report.pdf', async (req, reply) => {
    const u = requireUser(req);
    const { ev, districtName } = await load(u, req.query);
    const html = districtReportHtml(ev, { districtName, schoolNames: await names(u.districtId) });
    const pdf = await renderPdf(html, { headerTitle: districtReportTitle(ev, districtName) });
    return sendPdf(reply, pdf, `均衡评估报告-${ev.year}-${ev.pack.id}.pdf`);
  });

  app.get('/balance/schools/:code/report.pdf', async (req, reply) => {
    const u = requireUser(req);
    const { code } = z.object({ code: z.string().min(1).max(40) }).parse(req.params);
    const { ev, districtName } = await load(u, req.query);
    if (schoolParts(ev, code).length === 0) throw notFound(`学校 ${code} 在 ${ev.year} 学年没有评估结果 / school ${code} has no evaluated figures in ${ev.year}`);
    const schoolNames = await names(u.districtId);
    const html = schoolReportHtml(ev, code, { districtName, schoolNames })!;
    const name = schoolNames.get(code) ?? code;
    const pdf = await renderPdf(html, { headerTitle: `${districtName} · ${schoolReportTitle(ev, name)}` });
    return sendPdf(reply, pdf, `均衡评估-${name}-${ev.year}.pdf`);
  });
};
