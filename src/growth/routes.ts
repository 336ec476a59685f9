// Growth (增值评价) routes: the contract's handlers (contract.ts), thin — the policy has already checked the
// capability and the school named; the handler hands GrowthService the district and the actor's scope.
import { renderPdf } from '../core/pdf.js';
import { routesOf } from '../core/http/routes.js';
import { growthApi } from './contract.js';
import { growthWorkbook } from './export-xlsx.js';
import { growthReportHtml, growthReportTitle } from './report-html.js';
import type { GrowthService } from './service.js';

const fileBase = (va: { from: { name: string }; to: { name: string }; subject: string }) => `${va.from.name}-${va.to.name}-${va.subject}`;

export const growthRoutes = routesOf(growthApi, (s: { growth: GrowthService }) => ({
  exams: async ({ actor }) => s.growth.exams(actor.districtId),
  valueAdded: async ({ actor, query }) => s.growth.valueAdded(actor, query),
  students: async ({ actor, query }) => s.growth.students(actor, query),
  targets: async ({ actor, query }) => s.growth.targets(actor, query),
  exportXlsx: async ({ actor, query }) => {
    const va = await s.growth.valueAdded(actor, query);
    return { file: await growthWorkbook(va, actor.districtName), name: `增值评价-${fileBase(va)}.xlsx` };
  },
  reportPdf: async ({ actor, query }) => {
    const va = await s.growth.valueAdded(actor, query);
    const pdf = await renderPdf(growthReportHtml(va, { districtName: actor.districtName }), { headerTitle: `${actor.districtName} · ${growthReportTitle(va)}` }, actor);
    return { file: pdf, name: `增值评价报告-${fileBase(va)}.pdf` };
  },
}));
