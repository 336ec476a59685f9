// The balance evaluation's downloads: the inspectors' workbook (read back with exceljs and checked
// against numbers worked out here from the fixture's figures, not by the evaluator), the district
// and school PDF reports (when Debian's Chromium is installed), and who may fetch them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePdfRenderer } from '../../src/core/pdf.js';
import { schoolReportHtml, districtReportHtml } from '../../src/balance/report-html.js';
import { SCHOOL_A, SCHOOL_B, SCHOOL_C, sampleRecord, schoolFixture, signIn, testApp } from '../helpers.js';

const hasChromium = fs.existsSync('/usr/bin/chromium');
let t: Awaited<ReturnType<typeof testApp>>;
/** A teaching point under 50 students (excluded), with a name that must be escaped in HTML. */
const T = schoolFixture('2133000010', '测试<村>教学点', '教学点');

type Rec = ReturnType<typeof sampleRecord>;
const recA: Rec = sampleRecord(); // 134 students, 3 classes
const recB: Rec = (() => {
  const r = sampleRecord();
  r.values = { ...r.values, teachersAboveDegree: 3, teachingAuxAreaM2: 450, sportsGroundAreaM2: 600, equipmentValueYuan: 300000, books: 2500, computers: 20, seniorTitleTeachers: 5 };
  r.enrolments = [
    { grade: 1, students: 60 },
    { grade: 3, students: 60 },
  ];
  r.classes = [
    { grade: 1, classNo: 1, size: 30 },
    { grade: 1, classNo: 2, size: 30 },
    { grade: 3, classNo: 1, size: 30 },
    { grade: 3, classNo: 2, size: 30 },
  ];
  return r;
})();
const recT: Rec = (() => {
  const r = sampleRecord();
  r.values = {
    ...r.values,
    teachersTotal: 3,
    teachersAboveDegree: 3,
    teachersPostgraduate: 0,
    backboneCounty: 0,
    peTeachers: 1,
    musicTeachers: 1,
    artTeachers: 1,
    seniorTitleTeachers: 1,
    certifiedTeachers: 3,
    teachersAgeUnder30: 3,
    teachersAge30to39: 0,
    teachersAge40to49: 0,
    teachersAge50plus: 0,
    teachingAuxAreaM2: 60,
  };
  r.enrolments = [
    { grade: 1, students: 15 },
    { grade: 2, students: 15 },
  ];
  r.classes = [
    { grade: 1, classNo: 1, size: 15 },
    { grade: 2, classNo: 1, size: 15 },
  ];
  return r;
})();
const recC: Rec = (() => {
  const r = sampleRecord();
  r.values = {
    ...r.values,
    teachersTotal: 20,
    teachersAboveDegree: 18,
    seniorTitleTeachers: 8,
    certifiedTeachers: 20,
    teachersAgeUnder30: 5,
    teachersAge30to39: 5,
    teachersAge40to49: 5,
    teachersAge50plus: 5,
    teachingAuxAreaM2: 1200,
    buildingAreaM2: 4000,
  };
  r.enrolments = [
    { grade: 7, students: 100 },
    { grade: 8, students: 80 },
  ];
  r.classes = [
    { grade: 7, classNo: 1, size: 50 },
    { grade: 7, classNo: 2, size: 50 },
    { grade: 8, classNo: 1, size: 40 },
    { grade: 8, classNo: 2, size: 40 },
  ];
  return r;
})();
const students = (r: Rec) => r.enrolments.reduce((s, e) => s + e.students, 0);
const v = (r: Rec, ...keys: string[]) => keys.reduce((s, k) => s + ((r.values as Record<string, number>)[k] ?? 0), 0);

/** Student-weighted CV worked out independently: X̄ = ΣN/ΣP, S = √(ΣP(x−X̄)²/ΣP). */
function weightedCv(schools: { n: number; p: number }[], scale: number) {
  const P = schools.reduce((s, x) => s + x.p, 0);
  const mean = (schools.reduce((s, x) => s + x.n, 0) / P) * scale;
  let ss = 0;
  for (const x of schools) ss += x.p * ((x.n / x.p) * scale - mean) ** 2;
  const sd = Math.sqrt(ss / P);
  return { mean, sd, cv: sd / mean };
}
// The counted 小学 schools: A and B (the teaching point T has 30 < 50 students and is left out).
const primary = (...keys: string[]) => [recA, recB].map((r) => ({ n: v(r, ...keys), p: students(r) }));

beforeAll(async () => {
  t = await testApp();
  const admin = await signIn(t.app, 'admin');
  const { districtId: _d, ...body } = T;
  expect((await admin.post('/api/schools', body)).statusCode).toBe(200);
  for (const [code, rec] of [
    [SCHOOL_A.code, recA],
    [SCHOOL_B.code, recB],
    [SCHOOL_C.code, recC],
    [T.code, recT],
  ] as const) {
    const res = await admin.put(`/api/schools/${code}/stats/2024`, rec);
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => {
  await closePdfRenderer();
  await t.close();
});

async function workbook(url: string, user = 'analyst') {
  const res = await (await signIn(t.app, user)).get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { res, wb };
}
/** The row whose cell in `col` equals `value`. */
function rowWhere(ws: ExcelJS.Worksheet, col: number, value: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(col).value === value) found = row;
  });
  if (!found) throw new Error(`no row with ${value} in column ${col} of ${ws.name}`);
  return found;
}
/** Column of the header cell (row 3) that starts with `text`. */
function colOf(ws: ExcelJS.Worksheet, text: string): number {
  let c = 0;
  ws.getRow(3).eachCell((cell, n) => {
    if (!c && String(cell.value).startsWith(text)) c = n;
  });
  if (!c) throw new Error(`no column ${text} in ${ws.name}`);
  return c;
}
const num = (row: ExcelJS.Row, col: number) => row.getCell(col).value as number;

describe('GET /api/balance/export.xlsx', () => {
  it('lays out the levels like the inspectors’ tables, with values and CVs that match the figures', async () => {
    const { res, wb } = await workbook('/api/balance/export.xlsx?year=2024');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('均衡评估-2024-national-2017-quality.xlsx')}`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['小学', '初中', '差距', '政府保障']);

    const ws = wb.getWorksheet('小学')!;
    expect(String(ws.getCell('A1').value)).toContain('测试县');
    expect(String(ws.getCell('A1').value)).toContain('2024-2025学年');
    expect(String(ws.getCell('A2').value)).toContain('national-2017-quality 第 1 版');
    expect(['序号', '学校代码', '学校名称', '在校生数（人）'].map((h, i) => ws.getRow(3).getCell(i + 1).value)).toEqual(['序号', '学校代码', '学校名称', '在校生数（人）']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const degree = colOf(ws, '每百名学生拥有高于规定学历教师数（人/百生）');
    const area = colOf(ws, '生均教学及辅助用房面积（m²/生）');
    const sports = colOf(ws, '生均体育运动场馆面积（m²/生）');
    const passCol = colOf(ws, '是否达标');

    // A: 134 students; 9 teachers above the degree → 6.716 per 100; 900.5 m² → 6.720 m² each.
    const a = rowWhere(ws, 2, SCHOOL_A.code);
    expect(a.getCell(3).value).toBe('测试第一小学');
    expect(num(a, 4)).toBe(134);
    expect(num(a, degree)).toBeCloseTo((9 / 134) * 100, 10);
    expect(num(a, area)).toBeCloseTo(900.5 / 134, 10);
    expect(a.getCell(area).numFmt).toBe('#,##0.00');
    // B: 120 students, 3 teachers → 2.5 per 100, below 4.2: red.
    const b = rowWhere(ws, 2, SCHOOL_B.code);
    expect(num(b, degree)).toBeCloseTo(2.5, 10);
    expect(b.getCell(degree).font?.color?.argb).toBe('FFC00000');
    expect(a.getCell(degree).font?.color?.argb).not.toBe('FFC00000');
    // The teaching point is listed, greyed and marked, and not counted.
    const tp = rowWhere(ws, 2, T.code);
    expect(String(tp.getCell(passCol).value)).toContain('不计入');
    expect((tp.getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE7E6E6');

    // The bottom rows against an independent weighted CV over A and B.
    for (const [col, keys, scale] of [
      [degree, ['teachersAboveDegree'], 100],
      [area, ['teachingAuxAreaM2'], 1],
      [sports, ['sportsGroundAreaM2', 'indoorSportsAreaM2'], 1],
    ] as const) {
      const want = weightedCv(primary(...keys), scale);
      expect(num(rowWhere(ws, 1, '全县平均值'), col)).toBeCloseTo(want.mean, 10);
      expect(num(rowWhere(ws, 1, '标准差'), col)).toBeCloseTo(want.sd, 10);
      expect(num(rowWhere(ws, 1, '差异系数'), col)).toBeCloseTo(want.cv, 10);
      expect(num(rowWhere(ws, 1, '差异系数标准'), col)).toBe(0.5);
      expect(rowWhere(ws, 1, '是否达到').getCell(col).value).toBe(want.cv <= 0.5 ? '达到' : '未达到');
    }
    expect(num(rowWhere(ws, 1, '全县平均值'), degree)).toBeCloseTo((12 / 254) * 100, 10);
    expect(rowWhere(ws, 1, '差异系数').getCell(degree).numFmt).toBe('0.000'); // three decimals, as on the page and in the PDF
    expect(() => rowWhere(ws, 1, '综合差异系数')).toThrow();

    const junior = wb.getWorksheet('初中')!;
    const c = rowWhere(junior, 2, SCHOOL_C.code);
    expect(num(c, 4)).toBe(180);
    expect(num(c, colOf(junior, '每百名学生拥有高于规定学历教师数'))).toBeCloseTo(10, 10);
    expect(num(rowWhere(junior, 1, '差异系数'), colOf(junior, '每百名学生拥有高于规定学历教师数'))).toBeCloseTo(0, 12); // one school
    expect(num(rowWhere(junior, 1, '差异系数标准'), 5)).toBe(0.45);
  });

  it('lists the gaps in real units with totals, and the 政府保障 items', async () => {
    const { wb } = await workbook('/api/balance/export.xlsx?year=2024&standard=national-2017-quality&version=1');
    const gaps = wb.getWorksheet('差距')!;
    const rows: (string | number)[][] = [];
    gaps.eachRow((row, n) => {
      if (n > 3) rows.push((row.values as (string | number)[]).slice(1));
    });
    const gapOf = (code: string, indicator: string) => rows.find((r) => r[3] === code && r[2] === indicator);
    // B needs ⌈4.2 × 120 / 100⌉ = 6 teachers above the degree and has 3: 3 more.
    const bDegree = gapOf(SCHOOL_B.code, '每百名学生拥有高于规定学历教师数')!;
    expect(bDegree[5]).toBe(120);
    expect(bDegree[6]).toBeCloseTo(2.5, 10);
    expect(bDegree.slice(7)).toEqual([4.2, 3, '人', '人/百生']); // the gap in 人, the value in 人/百生
    // 4.5 m² × 120 = 540 m² against 450: 90 m²; 7.5 × 120 = 900 m² of sports grounds against 600: 300 m².
    expect(gapOf(SCHOOL_B.code, '生均教学及辅助用房面积')?.[8]).toBe(90);
    expect(gapOf(SCHOOL_B.code, '生均体育运动场馆面积')?.[8]).toBe(300);
    expect(gapOf(SCHOOL_B.code, '生均体育运动场馆面积')?.[9]).toBe('m²');
    // 2000 元 × 120 = 240000 against 300000: no gap. Backbone: A needs ⌈1.34⌉ = 2 and has 1, B ⌈1.2⌉ = 2 and has 1.
    expect(gapOf(SCHOOL_B.code, '生均教学仪器设备值')).toBeUndefined();
    expect(gapOf(SCHOOL_A.code, '每百名学生拥有县级以上骨干教师数')?.[8]).toBe(1);
    // The teaching point is excluded: none of its gaps are listed.
    expect(rows.some((r) => r[3] === T.code)).toBe(false);
    // Sorted by level, then indicator (the pack's order); a subtotal after each indicator.
    const listed = rows.filter((r) => typeof r[0] === 'number');
    const order = [
      '每百名学生拥有高于规定学历教师数',
      '每百名学生拥有县级以上骨干教师数',
      '每百名学生拥有体育、艺术（美术、音乐）专任教师数',
      '生均教学及辅助用房面积',
      '生均体育运动场馆面积',
      '生均教学仪器设备值',
      '每百名学生拥有网络多媒体教室数',
    ];
    const keyOf = (r: (string | number)[]) => (r[1] === '小学' ? 0 : 100) + order.indexOf(String(r[2]));
    expect(listed.map(keyOf)).toEqual([...listed.map(keyOf)].sort((x, y) => x - y));
    const backboneTotal = rows.find((r) => r[0] === '' && r[1] === '小学' && r[2] === '每百名学生拥有县级以上骨干教师数' && String(r[4]).startsWith('小计'));
    expect(backboneTotal?.[8]).toBe(2);
    expect(String(backboneTotal?.[4])).toContain('2 所学校');

    const g = wb.getWorksheet('政府保障')!;
    const col = (text: string) => colOf(g, text);
    const ga = rowWhere(g, 2, SCHOOL_A.code);
    expect([
      num(ga, col('在校生数')),
      num(ga, col('规模上限')),
      num(ga, col('班级数')),
      num(ga, col('应配音乐')),
      num(ga, col('音乐专用教室数')),
      num(ga, col('美术专用教室数')),
      num(ga, col('超标准班额班数')),
    ]).toEqual([134, 2000, 3, 1, 1, 1, 0]);
    // C: 7th-grade classes of 50 are at the 初中 standard (50), not over it.
    expect(num(rowWhere(g, 2, SCHOOL_C.code), col('超标准班额班数'))).toBe(0);
    expect(rowWhere(g, 2, T.code).getCell(3).value).toBe('测试<村>教学点');
  });

  it('writes the 综合差异系数 row for the 2012 composite pack', async () => {
    const { wb } = await workbook('/api/balance/export.xlsx?standard=national-2012-basic');
    const ws = wb.getWorksheet('小学')!;
    // The 2012 pack's eight indicators: numerator fields and scale.
    const defs: [string[], number][] = [
      [['teachingAuxAreaM2'], 1],
      [['sportsGroundAreaM2', 'indoorSportsAreaM2'], 1],
      [['equipmentValueYuan'], 1],
      [['computers'], 100],
      [['books'], 1],
      [['teachersTotal'], 1],
      [['teachersAboveDegree'], 1],
      [['seniorTitleTeachers'], 1],
    ];
    const cvs = defs.map(([keys, scale]) => weightedCv(primary(...keys), scale).cv);
    const cvRow = rowWhere(ws, 1, '差异系数');
    cvs.forEach((cv, k) => expect(num(cvRow, 5 + k)).toBeCloseTo(cv, 10));
    expect(num(rowWhere(ws, 1, '综合差异系数'), 5)).toBeCloseTo(cvs.reduce((s, x) => s + x, 0) / cvs.length, 10);
    expect(num(rowWhere(ws, 1, '差异系数标准'), 5)).toBe(0.65);
    // 师生比 is small: four decimals.
    expect(rowWhere(ws, 2, SCHOOL_A.code).getCell(10).numFmt).toBe('#,##0.0000');
    expect(() => colOf(ws, '是否达标')).toThrow(); // no per-school standards in 2012
  });

  it('is the bureau’s and inspectors’ only', async () => {
    for (const url of ['/api/balance/export.xlsx', '/api/balance/report.pdf', `/api/balance/schools/${SCHOOL_A.code}/report.pdf`]) {
      expect((await (await signIn(t.app, 'clerkA')).get(url)).statusCode).toBe(403);
      expect((await (await signIn(t.app, 'viewer')).get(url)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const { res } = await workbook('/api/balance/export.xlsx', 'inspector');
    expect(res.statusCode).toBe(200);
    expect([400, 404]).toContain((await (await signIn(t.app, 'analyst')).get('/api/balance/export.xlsx?standard=nope')).statusCode);
  });
});

describe('report HTML', () => {
  it('escapes school names and holds no external resources', async () => {
    const ev = (await (await signIn(t.app, 'analyst')).get('/api/balance/evaluation?year=2024')).json();
    const html = districtReportHtml(ev, { districtName: '测试县' });
    expect(html).toContain('测试&lt;村&gt;教学点');
    expect(html).not.toContain('<村>');
    expect(html).not.toMatch(/<script|<link|src="http|url\(http/i);
    expect(html).toContain('<svg');
    const school = schoolReportHtml(ev, T.code, { districtName: '测试县' })!;
    expect(school).toContain('测试&lt;村&gt;教学点');
    expect(school).not.toContain('<村>');
    expect(schoolReportHtml(ev, '9999999999', { districtName: '测试县' })).toBeNull();
  });
});

describe('PDF reports', () => {
  it('answers 404 for a school without an evaluated part', async () => {
    const res = await (await signIn(t.app, 'analyst')).get('/api/balance/schools/9999999999/report.pdf?year=2024');
    expect(res.statusCode).toBe(404);
  });

  it('answers 503 with what to install when no Chromium can be found', async () => {
    await closePdfRenderer();
    const saved = process.env.JUNHENG_CHROMIUM;
    process.env.JUNHENG_CHROMIUM = '/nonexistent/chromium';
    try {
      const res = await (await signIn(t.app, 'analyst')).get('/api/balance/report.pdf');
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain('chromium');
      expect(res.json().error.message).toContain('fonts-noto-cjk');
    } finally {
      if (saved === undefined) delete process.env.JUNHENG_CHROMIUM;
      else process.env.JUNHENG_CHROMIUM = saved;
    }
  });

  const pdfText = (buf: Buffer) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jh-pdf-')), 'r.pdf');
    fs.writeFileSync(file, buf);
    try {
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  };

  it.skipIf(!hasChromium)(
    'renders the district report',
    async () => {
      const res = await (await signIn(t.app, 'analyst')).get('/api/balance/report.pdf?year=2024');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(res.rawPayload);
      expect(text).toContain('测试县');
      expect(text).toContain('测试第一小学');
      expect(text).toContain('测试<村>教学点');
      expect(text).toContain('差异系数');
    },
    60_000,
  );

  it.skipIf(!hasChromium)(
    'renders a school report',
    async () => {
      const res = await (await signIn(t.app, 'inspector')).get(`/api/balance/schools/${SCHOOL_B.code}/report.pdf`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('测试第二小学'));
      const text = pdfText(res.rawPayload);
      expect(text).toContain('测试第二小学');
      expect(text).toContain('资源配置达标情况');
    },
    60_000,
  );

  it.skipIf(!hasChromium)(
    'renders concurrent requests one after the other',
    async () => {
      const analyst = await signIn(t.app, 'analyst');
      const all = await Promise.all([SCHOOL_A.code, SCHOOL_C.code, SCHOOL_B.code].map((c) => analyst.get(`/api/balance/schools/${c}/report.pdf`)));
      expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      expect(pdfText(all[1].rawPayload)).toContain('测试初级中学');
    },
    60_000,
  );
});

describe('issue 10: one formatter, the what-if report, the gap tables, the inspector’s scope, no developer notes', () => {
  const pdfText = (buf: Buffer) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jh-pdf-')), 'r.pdf');
    fs.writeFileSync(file, buf);
    try {
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  };
  // B (120 pupils) has 3 teachers above the degree: ⌈4.2 × 120 / 100⌉ = 6 needed, a gap of 3 人; A (9 for 134) meets it.
  const editB = (teachers: number) => encodeURIComponent(JSON.stringify([{ code: SCHOOL_B.code, level: '小学', students: 120, numerators: { teachers_above_degree_per100: teachers } }]));

  it('the report HTML writes values in their units (人/百生, m²/生), gaps in whole 人 and CVs with three decimals', async () => {
    const ev = (await (await signIn(t.app, 'analyst')).get('/api/balance/evaluation?year=2024')).json();
    const html = districtReportHtml(ev, { districtName: '测试县' });
    const row = /<tr data-key="teachers_above_degree_per100">([\s\S]*?)<\/tr>/.exec(html)![1];
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').trim());
    // unit, mean = 12 / 254 × 100 = 4.72, CV (weighted, worked out here) to three decimals
    const want = weightedCv(primary('teachersAboveDegree'), 100);
    expect(cells.slice(1, 3)).toEqual(['人/百生', want.mean.toFixed(2)]);
    expect(cells[4]).toBe(want.cv.toFixed(3));
    expect(html).toMatch(/<tr class="sum" data-total="小学:teachers_above_degree_per100">[\s\S]*?<td class="n">3<\/td><td class="c">人<\/td>/);
    expect(html).toContain('<td class="c u">m²/生</td>');
    expect(html).toContain('全县平均值');
    expect(html).not.toContain('全区');
  });

  it.skipIf(!hasChromium)(
    'the what-if PDF evaluates the edited figures and says 模拟 on every page',
    async () => {
      const analyst = await signIn(t.app, 'analyst');
      const official = pdfText((await analyst.get('/api/balance/report.pdf?year=2024')).rawPayload);
      expect(official).toContain('缺 3 人');
      expect(official).not.toContain('模拟');
      const res = await analyst.get(`/api/balance/what-if/report.pdf?year=2024&edits=${editB(6)}`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = pdfText(res.rawPayload);
      const pages = text.split('\f').filter((p) => p.trim());
      expect(pages.length).toBeGreaterThan(1);
      for (const [k, p] of pages.entries()) expect(p, `page ${k + 1}`).toContain('模拟');
      expect(text).toContain('本报告使用修改后的数据');
      // With 6 teachers B meets the standard: the 3 人 gap is gone from the summary.
      expect(text).not.toContain('缺 3 人');
    },
    90_000,
  );

  it('a what-if naming a school without figures is a 400 that names it', async () => {
    const bad = encodeURIComponent(JSON.stringify([{ code: '9999999999', level: '小学', students: 10, numerators: {} }]));
    const res = await (await signIn(t.app, 'analyst')).get(`/api/balance/what-if/report.pdf?year=2024&edits=${bad}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('9999999999');
  });

  it('exports the gap tables of one level as .xlsx with the same number formats', async () => {
    const { res, wb } = await workbook('/api/balance/gaps.xlsx?year=2024&level=小学');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('均衡评估差距-2024-小学.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['差距']);
    const ws = wb.getWorksheet('差距')!;
    const levels = new Set<string>();
    let bRow: ExcelJS.Row | undefined;
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      const lv = row.getCell(2).value;
      if (lv === '小学' || lv === '初中') levels.add(lv);
      if (row.getCell(4).value === SCHOOL_B.code && row.getCell(3).value === '每百名学生拥有高于规定学历教师数') bRow = row;
    });
    expect([...levels]).toEqual(['小学']);
    expect([bRow!.getCell(9).value, bRow!.getCell(9).numFmt, bRow!.getCell(10).value, bRow!.getCell(11).value]).toEqual([3, '#,##0', '人', '人/百生']);
    expect([bRow!.getCell(7).value, bRow!.getCell(7).numFmt]).toEqual([2.5, '#,##0.00']);
  });

  it('the inspector’s workbook and district report list the assigned school only (B), with the district’s CVs', async () => {
    const { wb } = await workbook('/api/balance/export.xlsx?year=2024', 'inspector');
    const ws = wb.getWorksheet('小学')!;
    const codes: string[] = [];
    ws.eachRow((row, n) => {
      const c = row.getCell(2).value;
      if (n > 3 && typeof c === 'string' && /^\d{10}$/.test(c)) codes.push(c);
    });
    expect(codes).toEqual([SCHOOL_B.code]);
    const degree = colOf(ws, '每百名学生拥有高于规定学历教师数');
    expect(num(rowWhere(ws, 1, '差异系数'), degree)).toBeCloseTo(weightedCv(primary('teachersAboveDegree'), 100).cv, 10); // over A and B
    let note = '';
    ws.eachRow((row) => {
      if (String(row.getCell(1).value ?? '').startsWith('本表只列出您负责的学校')) note = String(row.getCell(1).value);
    });
    expect(note).toContain('全县差异系数');
    expect((await (await signIn(t.app, 'inspector')).get(`/api/balance/schools/${SCHOOL_A.code}/report.pdf`)).statusCode).toBe(403);
  });

  it('no developer notes in the reports and workbooks of either pack; Chinese punctuation in their fixed text', async () => {
    const analyst = await signIn(t.app, 'analyst');
    const DEV = /§|UNCONFIRMED|shared\/|\[C\]|\.md\b|src\/|\.json\b|TODO/;
    for (const standard of ['national-2017-quality', 'national-2012-basic']) {
      const ev = (await analyst.get(`/api/balance/evaluation?year=2024&standard=${standard}`)).json();
      for (const text of [ev.pack.basis, ev.pack.classSize.note, ev.pack.guarantees?.note, ev.pack.schoolRule?.remainderNote].filter(Boolean)) expect(text).not.toMatch(DEV);
      const html = districtReportHtml(ev, { districtName: '测试县' })
        .replace(/<svg[\s\S]*?<\/svg>/g, '')
        .replace(/<style>[\s\S]*?<\/style>/, '');
      const visible = html.replace(/<[^>]+>/g, ' ');
      expect(visible).not.toMatch(DEV);
      // No ASCII comma, colon, semicolon or parenthesis next to a Chinese character (school names aside).
      const fixedText = visible.replace(/测试[^\s<]*|[(（]小学部[)）]|[(（]初中部[)）]/g, '');
      expect(fixedText).not.toMatch(/[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]/);
      const { wb } = await workbook(`/api/balance/export.xlsx?year=2024&standard=${standard}`);
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value === 'string') expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(DEV);
          }),
        );
    }
  });
});
