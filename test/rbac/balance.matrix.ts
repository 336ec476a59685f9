// RBAC rows of the balance evaluation (均衡评估): standards packs, the evaluation, plan, trend, class sizes,
// saved evaluations, the workbook and the PDF reports. Expectations written from the rules, by hand (not read
// from src/core/auth/policy.ts):
//   - reading (packs, evaluation, plan, trend, class sizes, saved evaluations, .xlsx, PDFs): the bureau (admin,
//     analyst) and inspectors; clerks and viewers: 403; anonymous: 401. An inspector (assigned to school B only)
//     sees the per-school rows, lists, exports and PDFs of B alone, while the district figures (CVs, pass/fail,
//     totals) are the whole district's; school A's PDF is 403 for the inspector (issue 10 item 14);
//   - the what-if PDF (edited figures, marked 模拟) and the gap tables (.xlsx): the readers; an inspector's what-if
//     may edit only an assigned school (A: 403);
//   - saving an evaluation: the bureau only;
//   - creating and changing local standards packs: the admin only.
// The policy is checked before validation and before the handler: a denied identity gets 403 even where an
// allowed one gets 400 (bad costs) or 404 (a school without results).
// The data: a year of figures (2022, a year no other table writes: the current year is 2024, the registry table uses 2023) for
// schools A, B (小学) and C (初中), written through the admin API, and one evaluation saved by the admin.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { sampleRecord, signIn } from '../helpers.js';
import { findChromium } from '../../src/core/pdf.js';
import { only, type Expect, type Identity, type MatrixRow, type TestApp } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
export const BALANCE_YEAR = 2022;

export interface BalanceSeed {
  /** The id of the evaluation the admin saved in setupBalance. */
  evaluationId: number;
}

/**
 * The year's figures: A = sampleRecord (134 pupils in classes of 45, 45, 44); B = 105 pupils in a class of 47
 * (over the standard 45) and one of 58 (大班额 56–65); C = a 初中 of 70 pupils in one class (超大班额 ≥ 66).
 */
function records() {
  const a = sampleRecord();
  const b = sampleRecord();
  b.enrolments = [
    { grade: 1, students: 47 },
    { grade: 2, students: 58 },
  ];
  b.classes = [
    { grade: 1, classNo: 1, size: 47 },
    { grade: 2, classNo: 1, size: 58 },
  ];
  const c = sampleRecord();
  c.enrolments = [{ grade: 7, students: 70 }];
  c.classes = [{ grade: 7, classNo: 1, size: 70 }];
  return { [A]: a, [B]: b, [C]: c };
}

/** Write the year's figures as the admin, and save one evaluation of that year; its id. */
export async function setupBalance(t: TestApp): Promise<BalanceSeed> {
  const admin = await signIn(t.app, 'admin');
  for (const [code, rec] of Object.entries(records())) {
    const r = await admin.put(`/api/schools/${code}/stats/${BALANCE_YEAR}`, rec);
    expect(r.statusCode, r.body).toBe(200);
  }
  const saved = await admin.post('/api/balance/evaluations', { year: BALANCE_YEAR, note: '矩阵' });
  expect(saved.statusCode, saved.body).toBe(201);
  return { evaluationId: saved.json().id as number };
}

const READERS: Identity[] = ['admin', 'analyst', 'inspector'];
const read = (ok: Expect = 'ok') => only(ok, ...READERS);
const json = <T>(r: LightMyRequestResponse): T => r.json<T>();

interface Ev {
  year: number;
  missing: string[];
  scopedTo?: string[];
  inputs: { code: string }[];
  guarantees: { schoolCode: string }[];
  levels: Record<string, { schools: { schoolCode: string; students: number }[]; indicators: { key: string; mean: number; cv: number | null }[] }>;
}
/** The district's CVs: 多媒体教室 5 in A (134 pupils) and B (105): X̄ = 10/239 × 100 = 4.184100, CV = 0.122242 (worked out in Python). */
function districtCv(ev: Ev) {
  const mm = ev.levels['小学'].indicators.find((i) => i.key === 'multimedia_per100')!;
  expect(mm.mean).toBeCloseTo(4.1841004, 6);
  expect(mm.cv).toBeCloseTo(0.1222421, 6);
}
const studentsOf = (ev: Ev, lv: string) => Object.fromEntries(ev.levels[lv].schools.map((s) => [s.schoolCode, s.students]));
/** The bureau sees every school of the district. */
function seesDistrict(r: LightMyRequestResponse) {
  const ev = json<Ev>(r);
  expect(ev.year).toBe(BALANCE_YEAR);
  expect(studentsOf(ev, '小学')).toEqual({ [A]: 134, [B]: 105 });
  expect(studentsOf(ev, '初中')).toEqual({ [C]: 70 });
  for (const code of [A, B, C]) expect(ev.missing).not.toContain(code);
  expect(ev.scopedTo).toBeUndefined();
  districtCv(ev);
}
/** The inspector (assigned to B) sees B's rows and inputs only, and the same district CVs (computed over A and B). */
function seesAssigned(r: LightMyRequestResponse) {
  const ev = json<Ev>(r);
  expect(studentsOf(ev, '小学')).toEqual({ [B]: 105 });
  expect(studentsOf(ev, '初中')).toEqual({});
  expect(ev.inputs.map((i) => i.code)).toEqual([B]);
  expect(ev.guarantees.map((g) => g.schoolCode)).toEqual([B]);
  expect(ev.scopedTo).toEqual([B]);
  districtCv(ev);
}

/** 班额 of the year: 6 classes; 47 and 58 (B) and 70 (C) over their standards; one 大班额, one 超大班额. */
function classSizesSeen(r: LightMyRequestResponse) {
  const c = json<{ classes: number; overStandard: number; large: number; huge: number; maxSize: number; list: { schoolCode: string; size: number; band: string }[] }>(r);
  expect([c.classes, c.overStandard, c.large, c.huge, c.maxSize]).toEqual([6, 3, 1, 1, 70]);
  expect(c.list.map((x) => [x.schoolCode, x.size, x.band])).toEqual([
    [C, 70, 'huge'],
    [B, 58, 'large'],
    [B, 47, 'over'],
  ]);
}
/** The inspector: the district's counts, the list of B's classes only. */
function classSizesAssigned(r: LightMyRequestResponse) {
  const c = json<{ classes: number; overStandard: number; large: number; huge: number; list: { schoolCode: string; size: number }[] }>(r);
  expect([c.classes, c.overStandard, c.large, c.huge]).toEqual([6, 3, 1, 1]);
  expect(c.list.map((x) => [x.schoolCode, x.size])).toEqual([
    [B, 58],
    [B, 47],
  ]);
}
/** School codes in a workbook's sheet (column 2 of its rows below the header). */
async function sheetCodes(r: LightMyRequestResponse, sheet: string, col: number): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const out: string[] = [];
  ws.eachRow((row, n) => {
    const v = row.getCell(col).value;
    if (n > 3 && typeof v === 'string' && /^\d{10}$/.test(v)) out.push(v);
  });
  return [...new Set(out)];
}
/** What-if edits: school B's 多媒体教室 from 5 to 6 (A for the out-of-scope row). */
const edits = (code: string) => encodeURIComponent(JSON.stringify([{ code, level: '小学', students: 105, numerators: { multimedia_per100: 6 } }]));

const xlsx = (r: LightMyRequestResponse) => {
  expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(r.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04'); // a zip: the .xlsx container
};
const pdf = (r: LightMyRequestResponse) => {
  expect(r.headers['content-type']).toBe('application/pdf');
  expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
};
// Without a Chromium on the machine every PDF answers 503 (pdf_unavailable) after the policy let it through.
const PDF_OK: Expect = findChromium() ? 200 : 503;

const pack = {
  id: 'matrix-pack',
  name: '矩阵标准',
  extends: 'national-2017-quality',
  overrides: { cvLimit: { 小学: '0.40' } },
};
const y = `year=${BALANCE_YEAR}`;

export function balanceRows(seed: BalanceSeed): MatrixRow[] {
  return [
    {
      route: 'balance.listStandards',
      method: 'GET',
      url: '/api/balance/standards',
      expect: read(),
      scoped: { inspector: (r) => expect(json<{ standards: { id: string }[] }>(r).standards.map((s) => s.id)).toEqual(expect.arrayContaining(['national-2017-quality', 'national-2012-basic'])) },
    },
    { route: 'balance.createStandard', method: 'POST', url: '/api/balance/standards', body: pack, expect: only(201, 'admin') },
    {
      route: 'balance.updateStandard',
      method: 'PUT',
      url: '/api/balance/standards/matrix-pack',
      body: { ...pack, overrides: { cvLimit: { 小学: '0.35' } } },
      expect: only(200, 'admin'),
      scoped: { admin: (r) => expect(json<{ pack: { version: number; cvLimit: Record<string, string> } }>(r).pack).toMatchObject({ version: 2, cvLimit: { 小学: '0.35', 初中: '0.45' } }) },
    },
    {
      route: 'balance.getStandard',
      note: 'a local pack, version 1',
      method: 'GET',
      url: '/api/balance/standards/matrix-pack?version=1',
      expect: read(),
      scoped: { inspector: (r) => expect(json<{ pack: { version: number; cvLimit: Record<string, string> } }>(r).pack).toMatchObject({ version: 1, cvLimit: { 小学: '0.40' } }) },
    },
    { route: 'balance.getStandard', note: 'an unknown pack', method: 'GET', url: '/api/balance/standards/no-such-pack', expect: read(404) },
    {
      route: 'balance.evaluation',
      method: 'GET',
      url: `/api/balance/evaluation?${y}`,
      expect: read(),
      scoped: { admin: seesDistrict, analyst: seesDistrict, inspector: seesAssigned },
    },
    {
      route: 'balance.plan',
      method: 'GET',
      url: `/api/balance/plan?${y}`,
      expect: read(),
      scoped: {
        inspector: (r) => expect(json<{ year: number; levels: Record<string, unknown> }>(r)).toMatchObject({ year: BALANCE_YEAR, levels: { 小学: expect.anything(), 初中: expect.anything() } }),
      },
    },
    { route: 'balance.plan', note: 'malformed unit costs', method: 'GET', url: `/api/balance/plan?${y}&costs=oops`, expect: read(400) },
    {
      route: 'balance.trend',
      method: 'GET',
      url: '/api/balance/trend',
      expect: read(),
      scoped: { inspector: (r) => expect(json<{ years: { year: number }[] }>(r).years.map((x) => x.year)).toContain(BALANCE_YEAR) },
    },
    {
      route: 'balance.classSizes',
      method: 'GET',
      url: `/api/balance/class-sizes?${y}`,
      expect: read(),
      scoped: { analyst: classSizesSeen, inspector: classSizesAssigned },
    },
    {
      route: 'balance.saveEvaluation',
      method: 'POST',
      url: '/api/balance/evaluations',
      body: { year: BALANCE_YEAR, note: '矩阵' },
      expect: only(201, 'admin', 'analyst'),
      scoped: { analyst: (r) => expect(r.json()).toMatchObject({ year: BALANCE_YEAR, standardId: 'national-2017-quality', createdBy: 'analyst' }) },
    },
    {
      route: 'balance.listEvaluations',
      method: 'GET',
      url: '/api/balance/evaluations',
      expect: read(),
      // The setup's and the two saved by the row above.
      scoped: {
        inspector: (r) =>
          expect(
            json<{ evaluations: { createdBy: string }[] }>(r)
              .evaluations.map((e) => e.createdBy)
              .sort(),
          ).toEqual(['admin', 'admin', 'analyst']),
      },
    },
    {
      route: 'balance.getEvaluation',
      method: 'GET',
      url: `/api/balance/evaluations/${seed.evaluationId}`,
      expect: read(),
      scoped: {
        inspector: (r) => {
          expect(json<{ id: number; note: string; result: { year: number } }>(r)).toMatchObject({ id: seed.evaluationId, note: '矩阵', result: { year: BALANCE_YEAR } });
          seesAssigned({ json: () => json<{ result: Ev }>(r).result } as LightMyRequestResponse);
        },
        analyst: (r) => expect(studentsOf(json<{ result: Ev }>(r).result, '小学')).toEqual({ [A]: 134, [B]: 105 }),
      },
    },
    { route: 'balance.getEvaluation', note: 'an unknown id', method: 'GET', url: '/api/balance/evaluations/999999', expect: read(404) },
    {
      route: 'balance.exportXlsx',
      method: 'GET',
      url: `/api/balance/export.xlsx?${y}`,
      expect: read(200),
      scoped: {
        analyst: async (r) => {
          xlsx(r);
          expect(await sheetCodes(r, '小学', 2)).toEqual([A, B]);
        },
        inspector: async (r) => {
          xlsx(r);
          expect(await sheetCodes(r, '小学', 2)).toEqual([B]);
          expect(await sheetCodes(r, '初中', 2)).toEqual([]);
        },
      },
    },
    {
      route: 'balance.gapsXlsx',
      method: 'GET',
      url: `/api/balance/gaps.xlsx?${y}&level=小学`,
      expect: read(200),
      scoped: {
        // Gaps of the year (sampleRecord: 1 backbone teacher for 134 and for 105 pupils, 1 per 100 needed): A and B listed.
        analyst: async (r) => {
          xlsx(r);
          expect(await sheetCodes(r, '差距', 4)).toEqual(expect.arrayContaining([A, B]));
        },
        inspector: async (r) => {
          xlsx(r);
          expect(await sheetCodes(r, '差距', 4)).toEqual([B]);
        },
      },
    },
    { route: 'balance.gapsXlsx', note: 'an unknown level', method: 'GET', url: `/api/balance/gaps.xlsx?${y}&level=高中`, expect: read(400) },
    {
      route: 'balance.whatIfReport',
      note: 'school B edited',
      method: 'GET',
      url: `/api/balance/what-if/report.pdf?${y}&edits=${edits(B)}`,
      expect: read(PDF_OK),
      scoped: PDF_OK === 200 ? { inspector: pdf } : {},
    },
    {
      route: 'balance.whatIfReport',
      note: 'school A edited: not the inspector’s',
      method: 'GET',
      url: `/api/balance/what-if/report.pdf?${y}&edits=${edits(A)}`,
      expect: { ...read(PDF_OK), inspector: 403 },
    },
    { route: 'balance.whatIfReport', note: 'edits that are not JSON', method: 'GET', url: `/api/balance/what-if/report.pdf?${y}&edits=oops`, expect: read(400) },
    {
      route: 'balance.districtReport',
      method: 'GET',
      url: `/api/balance/report.pdf?${y}`,
      expect: read(PDF_OK),
      scoped: PDF_OK === 200 ? { inspector: pdf } : {},
    },
    {
      route: 'balance.schoolReport',
      note: 'school A: not the inspector’s',
      method: 'GET',
      url: `/api/balance/schools/${A}/report.pdf?${y}`,
      expect: { ...read(PDF_OK), inspector: 403 },
    },
    {
      route: 'balance.schoolReport',
      note: 'school B: the inspector’s',
      method: 'GET',
      url: `/api/balance/schools/${B}/report.pdf?${y}`,
      expect: read(PDF_OK),
      scoped: PDF_OK === 200 ? { inspector: pdf } : {},
    },
    // The policy checks the school before the handler: an unknown school is outside the inspector's scope.
    { route: 'balance.schoolReport', note: 'a school without results that year', method: 'GET', url: `/api/balance/schools/2133999999/report.pdf?${y}`, expect: { ...read(404), inspector: 403 } },
  ];
}
