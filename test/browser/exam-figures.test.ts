// One exam of the demo, side by side (issue 10, item 12): the figures read off the exam report page in Chromium, the
// printable report's HTML (the PDF's source) and the .xlsx — each cell's full-precision value written through its
// numFmt with the one formatter — must be the same text. The 总分 row of the district (mean, sd, median, the rates)
// and the first school's row (mean, 超均率, rates, 全科合格率). The numFmt of each figure is asserted too.
// Skipped without /usr/bin/chromium or a built web app (JUNHENG_WEB_DIST).
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { hasBrowser, SHOTS as shots, startDemo, type DemoServer } from './harness.js';
import { formatNumber, type NumberStyle } from '../../src/core/format.js';
import { examReportHtml } from '../../src/exams/report-html.js';
import { figureFormat } from '../../src/exams/figures.js';

const EXAM = '2023学年八年级期末';

/** The style a workbook's numFmt shows ("#,##0.0%" → 1 decimal, per cent, grouped; "+…;-…;…" signed). */
function styleOf(numFmt: string): NumberStyle {
  const pos = numFmt.split(';')[0];
  const m = /\.(0+)/.exec(pos);
  return { decimals: m ? m[1].length : 0, percent: pos.endsWith('%'), signed: pos.startsWith('+'), grouping: pos.includes('#,##0') };
}
/** A cell as Excel shows it, written by the one formatter. */
const shown = (c: ExcelJS.Cell) => (typeof c.value === 'number' ? formatNumber(c.value, styleOf(c.numFmt)) : String(c.value ?? ''));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&')
    .trim();
/** The cells (text) of the first table row of `html` whose first cell is `first` (the PDF has a 序 column in the school table). */
function htmlRow(html: string, test: (cells: string[]) => boolean): string[] {
  for (const tr of html.match(/<tr[^>]*>[\s\S]*?<\/tr>/g) ?? []) {
    const cells = (tr.match(/<td[^>]*>[\s\S]*?<\/td>/g) ?? []).map(text);
    if (cells.length && test(cells)) return cells;
  }
  throw new Error('row not found');
}

describe.skipIf(!hasBrowser)('exam figures: page, PDF HTML and .xlsx agree', () => {
  let browser: Browser;
  let page: Page;
  let base: string;
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemo('figures-boss-pass-1');
    ({ browser, base } = demo);
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('figures-boss-pass-1');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
  }, 300_000);
  afterAll(async () => demo?.close());

  it('the 总分 row of the district and a school’s row read the same on screen, in the PDF and in Excel', async () => {
    const exams = (await (await page.request.get(`${base}/api/exams`)).json()).exams as { id: number; name: string }[];
    const exam = exams.find((e) => e.name === EXAM);
    expect(exam, 'the demo has the exam').toBeTruthy();
    const answer = await (await page.request.get(`${base}/api/exams/${exam!.id}/report`)).json();
    const firstSchool = answer.report.schools[0].school as string;

    // ---- the page
    await page.goto(`${base}/exams/${exam!.id}`);
    const subjects = page.getByTestId('exam-subject-table');
    await subjects.locator('tr[data-row-key="总分"]').waitFor({ timeout: 30_000 });
    await page.getByTestId(`exam-school-${firstSchool}`).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shots, 'exam-figures.png'), fullPage: true });
    /** The page's cells of a row, keyed by its table's column titles. */
    const rowByHeader = async (table: ReturnType<Page['getByTestId']>, row: ReturnType<Page['locator']>) => {
      const heads = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      expect(cells.length).toBe(heads.length);
      return Object.fromEntries(heads.map((h, i) => [h, cells[i]])) as Record<string, string>;
    };
    const ui = await rowByHeader(subjects, subjects.locator('tr[data-row-key="总分"]'));
    const schoolTable = page.getByTestId('exam-school-table');
    const uiSchool = await rowByHeader(schoolTable, page.getByTestId(`exam-school-${firstSchool}`));

    // ---- the PDF's HTML, from the same answer
    const names = new Map<string, string>([[firstSchool, 'SCHOOL-X']]);
    const html = examReportHtml(answer.exam, answer.report, { districtName: '青溪县', schoolNames: names });
    // 总分 | 满分 | cut lines | 人数 | 均分 | 标准差 | 中位数 | 最低–最高 | 优秀率 | 合格率 | 低分率 | 得分率
    const pdf = htmlRow(html, (c) => c[0] === '总分');
    // 序 | 学校 | 参考人数 | 总分人数 | 总分均分 | 超均率 | 优秀率 | 合格率 | 低分率 | 全科合格率 | 后x%率 | 预警
    const pdfSchool = htmlRow(html, (c) => c[1] === 'SCHOOL-X');

    // ---- the workbook
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await page.request.get(`${base}/api/exams/${exam!.id}/export.xlsx`)).body()) as unknown as ArrayBuffer);
    const sum = wb.getWorksheet('区县汇总')!;
    const xr = sum.getRows(2, sum.rowCount - 1)!.find((r) => r.getCell(1).value === '总分')!;
    // 科目 | 满分 | 人数 | 平均分 | 标准差 | 中位数 | 下四分位 | 上四分位 | 最低分 | 最高分 | 优秀率 | 合格率 | 低分率 | 得分率 | 超均率
    const sc = wb.getWorksheet('学校')!;
    const xs = sc.getRows(3, sc.rowCount - 2)!.find((r) => r.getCell(1).value === firstSchool)!;
    // 学校代码 | 学校名称 | 学生数 | 总分人数 | 总分平均 | 标准差 | 中位数 | 优秀率 | 合格率 | 低分率 | 超均率 | 全科合格率
    expect(xr.getCell(4).numFmt).toBe(figureFormat('score'));
    expect(xr.getCell(11).numFmt).toBe(figureFormat('rate'));
    expect(xs.getCell(5).numFmt).toBe(figureFormat('score'));
    expect(xs.getCell(11).numFmt).toBe(figureFormat('overMean'));
    expect(figureFormat('score')).toBe('#,##0.0');
    expect(figureFormat('rate')).toBe('#,##0.0%');

    const district = {
      mean: [ui['均分'], pdf[4], shown(xr.getCell(4))],
      sd: [ui['标准差'], pdf[5], shown(xr.getCell(5))],
      median: [ui['中位数'], pdf[6], shown(xr.getCell(6))],
      excellent: [ui['优秀率'], pdf[8], shown(xr.getCell(11))],
      pass: [ui['合格率'], pdf[9], shown(xr.getCell(12))],
      low: [ui['低分率'], pdf[10], shown(xr.getCell(13))],
      scoreRate: [ui['得分率'], pdf[11], shown(xr.getCell(14))],
    };
    const school = {
      mean: [uiSchool['均分'], pdfSchool[4], shown(xs.getCell(5))],
      overMean: [uiSchool['超均率'], pdfSchool[5], shown(xs.getCell(11))],
      excellent: [uiSchool['优秀率'], pdfSchool[6], shown(xs.getCell(8))],
      pass: [uiSchool['合格率'], pdfSchool[7], shown(xs.getCell(9))],
      low: [uiSchool['低分率'], pdfSchool[8], shown(xs.getCell(10))],
      allPass: [uiSchool['全科合格'], pdfSchool[9], shown(xs.getCell(12))],
    };
    for (const [what, [a, b, c]] of Object.entries({ ...district, ...Object.fromEntries(Object.entries(school).map(([k, v]) => [`school.${k}`, v])) })) {
      expect(a, `${what}: page vs PDF`).toBe(b);
      expect(a, `${what}: page vs .xlsx`).toBe(c);
      expect(a, `${what} is a figure`).toMatch(/^[+−]?[\d,]+(\.\d+)?%?$/);
    }
    // The figures are those of the stored report, written once: e.g. the district mean with one decimal.
    expect(district.mean[0]).toBe(formatNumber(answer.report.district.stats['总分'].mean, { decimals: 1 }));

    // The school page of the same exam (its class chart's axis starts at 0): for the eye, in the screenshots.
    await page.goto(`${base}/exams/${exam!.id}/schools/${firstSchool}`);
    await page.getByTestId('exam-class-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(shots, 'exam-figures-school.png'), fullPage: true });
  });
});
