// Homework and sleep routes: the contract (contract.ts) with thin handlers over BurdenService.
import { routesOf } from '../../core/http/routes.js';
import { burdenApi } from './contract.js';
import { burdenWorkbook } from './export-xlsx.js';
import type { BurdenService } from './service.js';

export const burdenRoutes = routesOf(burdenApi, (s: { burden: BurdenService }) => ({
  import: async ({ actor, query, file }) => s.burden.importFile(actor, query.year, query.source, file!.filename, await file!.toBuffer()),
  report: async ({ actor, query }) => s.burden.report(actor, query.year),
  reportXlsx: async ({ actor, query }) => {
    const rep = await s.burden.report(actor, query.year);
    return { file: await burdenWorkbook(rep, actor.districtName, rep.minCellSize), name: `课业负担与睡眠-${rep.year ?? '无数据'}.xlsx` };
  },
  pupils: async ({ actor, params, query }) => ({ year: query.year, school: params.code, limits: s.burden.limits, pupils: await s.burden.pupils(actor, params.code, query.year) }),
}));
