// Balance evaluation over the registry's figures of one year.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser, type Services } from '../core/http/app.js';
import { badRequest, forbidden } from '../core/http/errors.js';
import { isBureau } from '../core/auth/roles.js';
import { allSchools, loadRecords } from '../registry/store.js';
import { evaluateDistrict } from './evaluate.js';
import { balanceInputs } from './from-registry.js';
import { loadStandard } from './standards.js';
import { classSizeReport } from './class-size.js';
import { listYears } from '../registry/store.js';

export const balanceRoutes = (s: Services) => async (app: FastifyInstance) => {
  app.get('/balance/evaluation', async (req) => {
    const u = requireUser(req);
    // The district-wide comparison is the bureau's and inspectors' work; it names every school.
    if (!isBureau(u) && u.role !== 'inspector') throw forbidden('只有教育局和督学可以查看均衡评估 / only the bureau and inspectors see the balance evaluation');
    const q = z.object({ year: z.coerce.number().int().optional(), standard: z.string().default('national-2017-quality') }).parse(req.query);
    const year = q.year ?? (await s.registry.currentYear(u.districtId));
    let pack;
    try {
      pack = loadStandard(q.standard);
    } catch (e) {
      throw badRequest(`未知的评估标准 / ${(e as Error).message}`);
    }
    const schools = (await allSchools(s.database.db, u.districtId)).filter((x) => x.isOpen);
    const records = new Map((await loadRecords(s.database.db, u.districtId, schools.map((x) => x.code), year)).map((r) => [r.schoolCode, r]));
    const inputs = schools.flatMap((sc) => (records.has(sc.code) ? balanceInputs(pack, sc, records.get(sc.code)!) : []));
    return { year, ...evaluateDistrict(pack, inputs), missing: schools.filter((x) => !records.has(x.code)).map((x) => x.code) };
  });

  // 班额: this year's list and counts, and the counts of every year (trend).
  app.get('/balance/class-sizes', async (req) => {
    const u = requireUser(req);
    if (!isBureau(u) && u.role !== 'inspector') throw forbidden();
    const q = z.object({ year: z.coerce.number().int().optional() }).parse(req.query);
    const year = q.year ?? (await s.registry.currentYear(u.districtId));
    const pack = loadStandard('national-2017-quality');
    const schools = await allSchools(s.database.db, u.districtId);
    const names = new Map(schools.map((x) => [x.code, x.name]));
    const codes = schools.map((x) => x.code);
    const records = await loadRecords(s.database.db, u.districtId, codes);
    const rowsOf = (y: number) => records.filter((r) => r.year === y).flatMap((r) => r.classes.map((c) => ({ ...c, schoolCode: r.schoolCode, schoolName: names.get(r.schoolCode) })));
    const { list, ...counts } = classSizeReport(pack, rowsOf(year));
    const trend = (await listYears(s.database.db, u.districtId)).map(({ year: y }) => {
      const { list: _l, ...c } = classSizeReport(pack, rowsOf(y));
      return { year: y, ...c };
    }).sort((a, b) => a.year - b.year);
    return { year, standard: pack.classSize, ...counts, list, trend };
  });
};
