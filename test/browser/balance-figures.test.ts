// One evaluation of the demo district (青溪县), side by side in the three places a bureau reads it (issue 10 item 12):
//   - the /balance page in Chromium (the figures read off the page as a user sees them),
//   - the district report's HTML (what headless Chromium prints to the PDF),
//   - the inspectors' workbook (.xlsx): each cell's value through the style its numFmt encodes — the text Excel shows.
// The CVs, a school's indicator values, the total gaps and their units must read the same in all three. Then /balance
// at 390 × 844: no horizontal overflow, and the unapproved-data warning shows its count and schools, expandable.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { hasBrowser, SHOTS as shots, startDemo, type App, type DemoServer } from './harness.js';
import { excelFormat, formatNumber, MINUS, type NumberStyle } from '../../src/core/format.js';
import { districtReportHtml } from '../../src/balance/report-html.js';
import { CV_NUMFMT, gapNumFmt, valueNumFmt } from '../../src/balance/figures.js';
import type { Evaluation } from '../../src/balance/contract.js';
import type { BalanceEvaluation } from '../../src/balance/report-xlsx.js';

const PASSWORD = 'figures-boss-pass-1';
const LEVEL = '小学';

/** The style an Excel number format encodes ("#,##0.00", "0.000", "0.0%") — the inverse of excelFormat. */
function styleOfNumFmt(numFmt: string): NumberStyle {
  const m = /^(#,##)?0(?:\.(0+))?(%)?$/.exec(numFmt);
  if (!m) throw new Error(`unexpected number format ${numFmt}`);
  return { decimals: m[2]?.length ?? 0, grouping: !!m[1], percent: !!m[3] };
}
/** The text Excel shows for a cell: its value in the style of its numFmt (the sign aside: Excel writes "-"). */
function excelText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (typeof v !== 'number') return String(v ?? '');
  const style = styleOfNumFmt(cell.numFmt);
  expect(excelFormat(style)).toBe(cell.numFmt); // a format formatNumber's styles produce
  return formatNumber(v, style).replace(MINUS, '-');
}
const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const sameSign = (s: string) => s.replace(MINUS, '-');

describe.skipIf(!hasBrowser)('balance: one evaluation, the same figures and units on the page, in the PDF and in the workbook', () => {
  let app: App;
  let browser: Browser;
  let page: Page;
  let base: string;
  let cookie: string;
  let ev: Evaluation;
  let html: string;
  let wb: ExcelJS.Workbook;
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemo(PASSWORD);
    ({ app, browser, base } = demo);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
    cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

    // The evaluation the page shows, the district report's HTML rendered from it, and the workbook of the same year.
    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      return r;
    };
    ev = (await get('/api/balance/evaluation')).json<Evaluation>();
    html = districtReportHtml(ev as unknown as BalanceEvaluation, { districtName: '青溪县' });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(`/api/balance/export.xlsx?year=${ev.year}`)).rawPayload as unknown as ArrayBuffer);
  }, 300_000);
  afterAll(async () => demo?.close());

  /** The HTML of one element of the report found by an attribute, its text without tags. */
  const htmlText = (fragment: string) => clean(fragment.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&'));
  const pdfRow = (attr: string) => {
    const m = new RegExp(`<tr[^>]*${attr}[^>]*>([\\s\\S]*?)</tr>`).exec(html);
    if (!m) throw new Error(`no row ${attr} in the report`);
    return [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => htmlText(c[1]));
  };
  const sheetRow = (ws: ExcelJS.Worksheet, col: number, value: string): ExcelJS.Row => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (!found && String(row.getCell(col).value ?? '').startsWith(value)) found = row;
    });
    if (!found) throw new Error(`no row ${value} in ${ws.name}`);
    return found;
  };
  const headerCol = (ws: ExcelJS.Worksheet, text: string) => {
    let c = 0;
    ws.getRow(3).eachCell((cell, n) => {
      if (!c && String(cell.value).startsWith(text)) c = n;
    });
    if (!c) throw new Error(`no column ${text} in ${ws.name}`);
    return c;
  };

  it('the total gaps are whole teachers and rooms, the least that meets each standard (worked out here from the inputs)', () => {
    const lr = ev.levels[LEVEL]!;
    for (const ind of ev.pack.indicators.filter((i) => i.count && i.threshold)) {
      const t = Number(ind.threshold![LEVEL]);
      let total = 0;
      for (const s of lr.schools.filter((x) => !x.excluded)) {
        const input = ev.inputs.find((i) => i.code === s.schoolCode && i.level === LEVEL)!;
        const n = input.numerators[ind.key];
        if (n == null || !(input.students > 0)) continue;
        // The least whole g with (n + g) / P × 100 ≥ t: in hundredths to keep clear of binary fractions.
        const need = (t * input.students) / ind.scale;
        let g = Math.max(0, Math.ceil(Math.round((need - n) * 1e6) / 1e6));
        while (g > 0 && Math.round((n + g - 1) * 1e6) >= Math.round(need * 1e6)) g--;
        total += g;
      }
      expect(lr.totalGaps[ind.key], ind.key).toBe(total);
      expect(Number.isInteger(lr.totalGaps[ind.key])).toBe(true);
    }
  });

  it('CVs, units and total gaps read the same on the page, in the PDF and in the workbook', async () => {
    await page.goto(base + '/balance');
    await page.getByTestId('balance-indicators').waitFor({ timeout: 30_000 });
    const ws = wb.getWorksheet(LEVEL)!;
    const cvRow = sheetRow(ws, 1, '差异系数');
    const gaps = wb.getWorksheet('差距')!;
    const lr = ev.levels[LEVEL]!;
    let compared = 0;
    for (const ind of ev.pack.indicators) {
      // The page
      const uiCv = clean(await page.getByTestId(`balance-cv-${ind.key}`).textContent());
      const uiUnit = clean(await page.getByTestId(`balance-unit-${ind.key}`).textContent()).replace(/^（|）$/g, '');
      const uiGap = clean(await page.getByTestId(`balance-total-gap-${ind.key}`).textContent());
      // The PDF: the indicator table (unit, CV) and the gap list's total row
      const pdfInd = pdfRow(`data-key="${ind.key}"`);
      const pdfCv = clean(/data-cv="[^"]+">([^<]*)</.exec(html.slice(html.indexOf(`data-cv="${ind.key}"`) - 40))![1]);
      // The workbook: the 差异系数 row, the header's unit, and the total of the 差距 sheet's summary
      const col = headerCol(ws, ind.zh);
      const xlCv = excelText(cvRow.getCell(col));
      expect(cvRow.getCell(col).numFmt).toBe('0.000');
      const xlUnit = /（([^（）]+)）$/.exec(String(ws.getRow(3).getCell(col).value))![1];

      expect(uiCv, ind.key).toMatch(/^\d\.\d{3}$/); // three decimals
      expect([uiCv, pdfCv, xlCv], ind.key).toEqual([uiCv, uiCv, uiCv]);
      expect([uiUnit, pdfInd[1], xlUnit], ind.key).toEqual([ind.valueUnitZh, ind.valueUnitZh, ind.valueUnitZh]);
      expect(ind.valueUnitZh).toMatch(/\/(百)?生$/); // 人/百生, m²/生, 元/生, 间/百生

      const total = lr.totalGaps[ind.key] ?? 0;
      const pdfTotal = total > 0 ? pdfRow(`data-total="${LEVEL}:${ind.key}"`) : null;
      const xlTotal = [...Array(gaps.rowCount).keys()]
        .map((k) => gaps.getRow(k + 1))
        .find((r) => r.getCell(2).value === LEVEL && r.getCell(3).value === ind.zh && typeof r.getCell(6).value === 'number' && !r.getCell(1).value)!;
      expect(xlTotal.getCell(9).numFmt).toBe(gapNumFmt(ind));
      const xlGap = `${excelText(xlTotal.getCell(9))} ${String(xlTotal.getCell(10).value)}`;
      expect(uiGap, ind.key).toBe(sameSign(xlGap));
      if (pdfTotal) expect(`${pdfTotal.at(-2)} ${pdfTotal.at(-1)}`, ind.key).toBe(uiGap);
      expect(uiGap.endsWith(` ${ind.unitZh}`), `${ind.key}: the gap in ${ind.unitZh}`).toBe(true);
      if (ind.count) expect(uiGap).toMatch(/^[\d,]+ \S+$/); // whole teachers and rooms
      compared++;
    }
    expect(compared).toBe(7);
    // The reported case: the PE/art teachers' gap is one whole number of 人 everywhere.
    const pe = lr.totalGaps.pe_art_per100;
    expect(Number.isInteger(pe)).toBe(true);
    await page.screenshot({ path: path.join(shots, 'balance-figures-overview.png'), fullPage: true });
  });

  it("a school's indicator values read the same on the page, in the PDF and in the workbook", async () => {
    const lr = ev.levels[LEVEL]!;
    // A school with a gap and a value that has more digits than shown (the float artefacts of a quotient).
    const school = lr.schools.find((s) => !s.excluded && Object.values(s.gaps).some((g) => (g ?? 0) > 0))!;
    await page.goto(base + '/balance?tab=schools');
    await page.getByTestId('balance-heatmap').waitFor({ timeout: 30_000 });
    const ws = wb.getWorksheet(LEVEL)!;
    const xlRow = sheetRow(ws, 2, school.schoolCode);
    const pdf = pdfRow(`data-school="${school.schoolCode}"`);
    for (const [k, ind] of ev.pack.indicators.entries()) {
      const ui = clean(await page.getByTestId(`balance-value-${school.schoolCode}-${ind.key}`).textContent());
      const col = headerCol(ws, ind.zh);
      expect(xlRow.getCell(col).numFmt).toBe(valueNumFmt(ind));
      expect(xlRow.getCell(col).numFmt).toBe('#,##0.00'); // two decimals for every 2017 indicator
      const xl = excelText(xlRow.getCell(col));
      expect([ui, pdf[3 + k], sameSign(xl)], `${school.schoolCode} ${ind.key}`).toEqual([ui, ui, ui]);
      // The value itself, by hand: numerator / students × scale, two decimals.
      const input = ev.inputs.find((i) => i.code === school.schoolCode && i.level === LEVEL)!;
      const v = (input.numerators[ind.key]! / input.students) * ind.scale;
      expect(ui).toBe(v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    }
    expect(CV_NUMFMT).toBe('0.000');
  });

  it('at 390 × 844: no horizontal overflow, and the unapproved-data warning shows its count and schools', async () => {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await narrow.context().addCookies((await page.context().cookies()).map((c) => ({ ...c })));
    await narrow.goto(base + '/balance');
    await narrow.getByTestId('balance-indicators').waitFor({ timeout: 30_000 });
    await narrow.waitForTimeout(500);
    const width = await narrow.evaluate('document.documentElement.scrollWidth');
    await narrow.screenshot({ path: path.join(shots, 'balance-390.png'), fullPage: false });
    expect(width).toBeLessThanOrEqual(390);
    if (ev.unapproved.length > 0) {
      const warn = narrow.getByTestId('balance-unapproved');
      const text = clean(await warn.textContent());
      expect(text).toContain(`${ev.unapproved.length} 所学校的数据尚未审核通过`);
      if (ev.unapproved.length > 3) {
        expect(text).toContain(`等 ${ev.unapproved.length} 所`);
        await narrow.getByTestId('balance-unapproved-toggle').click();
        const names = clean(await narrow.getByTestId('balance-unapproved-names').textContent()).split('、');
        expect(names).toHaveLength(ev.unapproved.length);
        expect(clean(await narrow.getByTestId('balance-unapproved-toggle').textContent())).toBe('收起');
      }
    }
    await narrow.close();
  });
});
