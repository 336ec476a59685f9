// Issue 10 item 12 (growth): the growth report of the demo district shows the same figures in the PDF (its HTML) and in
// the .xlsx workbook. The workbook keeps full-precision values and shows them through a number format; this test reads
// each cell as Excel would display it — with its own small renderer of the formats below (half away from zero on the
// value read to 15 significant digits, as Excel does), not the app's formatter — and finds the same text in the PDF's
// school and class tables, its model card and the suppressed rows ("n < 20").
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers.js';
import { loadDemoDistrict } from '../../src/registry/demo-load.js';
import { buildApp } from '../../src/server.js';
import { bootstrap } from '../../src/bootstrap.js';
import type { Database } from '../../src/core/db/index.js';
import { growthReportHtml } from '../../src/growth/report-html.js';
import type { VaResponse } from '../../src/growth/service.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let cookie: string;
let va: VaResponse;
let html: string;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  database = await freshDatabase();
  await loadDemoDistrict(database.db);
  await bootstrap(database, { demo: 'never', adminPassword: 'growth-demo-pass' });
  app = await buildApp(database);
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'growth-demo-pass' } });
  cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const pairs = (await get('/api/growth/exams')).json().pairs as { from: number; to: number }[];
  expect(pairs.length).toBeGreaterThan(0);
  const q = `from=${pairs[0].from}&to=${pairs[0].to}&subject=${encodeURIComponent('总分')}`;
  const v = await get(`/api/growth/value-added?${q}`);
  expect(v.statusCode, v.body.slice(0, 300)).toBe(200);
  va = v.json();
  html = growthReportHtml(va, { districtName: '青溪县（演示）' });
  const x = await get(`/api/growth/export.xlsx?${q}`);
  expect(x.statusCode).toBe(200);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The decimal digits of x as its shortest round-trip string says them, without an exponent: 2.085e-7 → "0.0000002085". */
function plainDecimal(x: number): string {
  const [mant, exp = '0'] = String(x).split('e');
  const [i, f = ''] = mant.split('.');
  const e = Number(exp);
  const digits = i + f;
  const point = i.length + e;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A cell as Excel shows it, for the formats "0", "#,##0.000", "+#,##0.000;-#,##0.000;#,##0.000", "#,##0.0%". */
function excelText(value: unknown, numFmt: string | undefined): string {
  if (typeof value !== 'number') return String(value ?? '');
  const sections = (numFmt ?? 'General').split(';');
  const percent = sections[0].endsWith('%');
  const decimals = (/\.(0+)/.exec(sections[0])?.[1] ?? '').length;
  const grouping = sections[0].includes('#,##0');
  // Excel's 15 significant digits, then half away from zero at `decimals` on the decimal string (BigInt, exact).
  const shown = Number((percent ? value * 100 : value).toPrecision(15));
  const [int, frac = ''] = plainDecimal(Math.abs(shown)).split('.');
  const scaled = BigInt(int + frac.slice(0, decimals).padEnd(decimals, '0')) + (Number(frac[decimals] ?? '0') >= 5 ? 1n : 0n);
  let digits = scaled.toString().padStart(decimals + 1, '0');
  digits = decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
  if (grouping) digits = digits.replace(/^(\d+)/, (m) => m.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  const zero = scaled === 0n;
  const body = digits + (percent ? '%' : '');
  if (zero) return body;
  if (shown < 0) return `-${body}`;
  return sections.length > 1 && sections[0].startsWith('+') ? `+${body}` : body;
}

/** The rows of a sheet as displayed texts, keyed by the first cell. */
function sheetRows(name: string): string[][] {
  const out: string[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) {
      const c = row.getCell(i);
      cells.push(excelText(c.value, c.numFmt));
    }
    out.push(cells);
  });
  return out;
}

/** The PDF table rows (cells' text), with the typeset minus written as Excel writes it. */
function htmlRows(fragment: string): string[][] {
  return [...fragment.matchAll(/<tr(?: class="sup")?>([\s\S]*?)<\/tr>/g)]
    .map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/−/g, '-').trim()))
    .filter((cells) => cells.length > 0);
}

describe('the demo growth report: PDF and workbook show the same figures', () => {
  it('the school table: n, value-added, SE, interval, verdict, exit and entry z, z-gain, linkage rate', () => {
    expect(va.schools.length).toBeGreaterThan(10);
    const table = html.slice(html.indexOf('三、学校增值表'), html.indexOf('四、班级增值'));
    const pdf = htmlRows(table);
    const xlsx = sheetRows('学校增值');
    let compared = 0;
    for (const s of va.schools) {
      const x = xlsx.find((r) => r[0] === s.school)!;
      const p = pdf.find((r) => r[0] === s.name)!;
      expect(x, s.school).toBeDefined();
      expect(p, s.name).toBeDefined();
      expect(p[1]).toBe(x[2]); // n
      if (s.suppressed) {
        expect(p[2]).toBe(x[3]);
        expect(p[2]).toMatch(/^n < 20，/);
        expect(p[3]).toBe(x[15]); // linkage rate still shown
        continue;
      }
      // 学校, n, 增值, SE, 95% 区间, 评价, 成就×增长, 起点×增长, 出口 z, 入口 z, z 增量, 匹配率
      expect([p[2], p[3], p[4], p[5], p[8], p[9], p[10], p[11]], s.name).toEqual([x[3], x[4], `${x[5]} ~ ${x[6]}`, x[7], x[10], x[11], x[12], x[15]]);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('the class tables: n, value-added, SE, interval, verdict, exit z, z-gain', () => {
    const xlsx = sheetRows('班级增值');
    const part = html.slice(html.indexOf('四、班级增值'), html.indexOf('<div class="note">'));
    let compared = 0;
    for (const s of va.schools) {
      const at = part.indexOf(`<h3>${s.name}</h3>`);
      if (at < 0) continue;
      const end = part.indexOf('</table>', at);
      const pdf = htmlRows(part.slice(at, end));
      for (const p of pdf) {
        const x = xlsx.find((r) => r[0] === s.school && r[2] === p[0])!;
        expect(x, `${s.name} ${p[0]}`).toBeDefined();
        expect(p[1]).toBe(x[3]);
        if (p[2].startsWith('n < ')) {
          expect(p[2]).toBe(x[4]);
          continue;
        }
        expect([p[2], p[3], p[4], p[5], p[6], p[7]]).toEqual([x[4], x[5], `${x[6]} ~ ${x[7]}`, x[8], x[9], x[11]]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('the model and linkage: β₁, τ², σ², ICC, linkage rate', () => {
    const info = sheetRows('说明');
    const val = (label: string) => info.find((r) => r[0].startsWith(label))![1];
    const card = html.replace(/−/g, '-');
    expect(card).toContain(`β₁ = ${val('β₁ 入口成绩系数')}`);
    expect(card).toContain(`τ² = ${val('τ² 校间方差')}，σ² = ${val('σ² 校内残差方差')}，ICC = ${val('ICC')}`);
    expect(card).toContain(`<div class="big">${val('学籍号匹配率')}</div>`);
    expect(val('最小人数')).toBe('20');
  });

  it('the reading of a cell is Excel’s: half away from zero on 15 digits, signs, per cent', () => {
    // Hand-checked against Excel's TEXT(): TEXT(0.0005,"0.000") = 0.001; TEXT(-0.0004,"+0.000;-0.000;0.000") = 0.000.
    expect(excelText(0.0005, '#,##0.000')).toBe('0.001');
    expect(excelText(-0.0004, '+#,##0.000;-#,##0.000;#,##0.000')).toBe('0.000');
    expect(excelText(0.2071, '+#,##0.000;-#,##0.000;#,##0.000')).toBe('+0.207');
    expect(excelText(-0.2085, '+#,##0.000;-#,##0.000;#,##0.000')).toBe('-0.209');
    expect(excelText(0.96774, '#,##0.0%')).toBe('96.8%');
    expect(excelText(1234, '#,##0')).toBe('1,234');
    expect(excelText(2.675, '#,##0.00')).toBe('2.68');
    expect(excelText(1.0000000000000002e-7, '#,##0.000')).toBe('0.000');
  });
});
