// The seat-forecast page in Debian's Chromium on the demo county with its forecast inputs (loadDemoForecast): the
// bureau's "students next year" equals forecast v1 recomputed here from the registry's rows in SQL (entry grade = the
// mean of 2022–2024, every other grade = last year's grade below × the mean of its two progression ratios); the school
// table opens a school's grades; the births entry, a file's forecast (a bad file names its cells), the inputs (a
// classroom stock saved, a housing project added) and the workbook; a viewer reads the report on a 390 px phone without
// the inputs tab and without the page scrolling sideways. Screenshots in .tmp/screenshots (planning-forecast-*.png).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { createAuthService } from '../../src/server.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { loadDemoForecast } from '../../src/planning/forecast/demo.js';
import { formatNumber } from '../../src/core/format.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
const YEAR = Math.max(...DEMO_YEARS);
const PASSWORD = 'forecast-boss-pass-1';
const shot = (name: string) => path.join(SHOTS, `planning-forecast-${name}.png`);

describe.skipIf(!hasBrowser)('browser: seat forecast', () => {
  let s: DemoServer;
  let dir: string;

  beforeAll(async () => {
    s = await startDemo(PASSWORD);
    await loadDemoForecast(s.database.db, s.app.services.forecast.deps, DEMO_DISTRICT_ID, YEAR);
    await createAuthService(s.database.db).createUser(
      { districtId: DEMO_DISTRICT_ID, username: 'setup' },
      { username: 'guest', displayName: '访客', role: 'viewer', password: 'viewer-pass-word-7', mustChangePassword: false },
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-forecast-files-'));
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bureau sees next year’s students as forecast v1 gives them, a school’s grades, and the births entry', async () => {
    // Forecast v1 for YEAR + 1 from the registry's rows: per school open in YEAR, the entry grade (its lowest) is the
    // mean of its records in the window; grade g is E(g−1, YEAR) × the mean of E(g,t)/E(g−1,t−1) over t in the window.
    // Compulsory grades only (1–9): the high-school grades of a 完全中学 are not forecast.
    const rows = rowsOf(
      await s.database.db.execute(
        sql`select school_code as s, year as y, grade as g, students as n from grade_enrolments where district_id = ${DEMO_DISTRICT_ID} and year between ${YEAR - 2} and ${YEAR} and grade <= 9`,
      ),
    ).map((r) => ({ s: String(r.s), y: Number(r.y), g: Number(r.g), n: Number(r.n) }));
    const at = new Map(rows.map((r) => [`${r.s}|${r.y}|${r.g}`, r.n]));
    let next = 0;
    for (const code of new Set(rows.filter((r) => r.y === YEAR).map((r) => r.s))) {
      const grades = [...new Set(rows.filter((r) => r.s === code).map((r) => r.g))].sort((a, b) => a - b);
      const entry = rows.filter((r) => r.s === code && r.g === grades[0]);
      next += entry.reduce((a, r) => a + r.n, 0) / entry.length;
      for (const g of grades.slice(1)) {
        const ratios = [YEAR - 1, YEAR].flatMap((y) => {
          const num = at.get(`${code}|${y}|${g}`);
          const den = at.get(`${code}|${y - 1}|${g - 1}`);
          return num !== undefined && den ? [num / den] : [];
        });
        expect(ratios.length, `${code} grade ${g} has its own ratios`).toBeGreaterThan(0);
        next += (at.get(`${code}|${YEAR}|${g - 1}`) ?? 0) * (ratios.reduce((a, b) => a + b, 0) / ratios.length);
      }
    }

    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await page.goto(`${s.base}/planning`);
    await page.getByTestId('forecast-kpi-next').waitFor({ timeout: 30_000 });
    await page.getByTestId('forecast-school-table').locator('tbody tr[data-row-key]').first().waitFor();
    expect(await page.getByTestId('forecast-kpi-next').textContent()).toContain(formatNumber(next, 0));
    // The demo's backtest (holdout 1: base YEAR − 1) is shown with the naive forecast beside it.
    expect(await page.getByTestId('forecast-kpi-mape').textContent()).toMatch(/\d+\.\d%.*“与上年相同”为 \d+\.\d%/);
    await page.waitForTimeout(800); // the chart settles
    await page.screenshot({ path: shot('01-desktop'), fullPage: true });

    // Only the schools short of rooms; the first one's grades.
    await page.getByTestId('forecast-only-flagged').click();
    const first = page.getByTestId('forecast-school-table').locator('tbody tr[data-row-key]').first();
    await first.locator('.ant-table-row-expand-icon').click();
    await page.locator('[data-testid^=forecast-grades-]').first().waitFor();
    expect(await page.locator('[data-testid^=forecast-grades-]').first().textContent()).toContain('本校');
    await page.getByTestId('forecast-school-table').screenshot({ path: shot('02-school-grades') });

    // Ten years with the entry grade from births: the births note and a band for every year.
    await page.getByTestId('forecast-horizon').click();
    await page.locator('.ant-select-item-option[title="10 年"]').click();
    await page.getByTestId('forecast-entry').getByText('出生人口').click();
    await page.getByText(/出生人口只覆盖到部分年份或部分学校/).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('forecast-kpi-end').textContent()).toContain(`${YEAR + 10} 年在校生`);
    await page.waitForTimeout(800);
    await page.getByTestId('forecast-chart').screenshot({ path: shot('03-births-10-years-chart') });
    await page.screenshot({ path: shot('03-births-10-years'), fullPage: true });

    // The workbook of what is shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('forecast-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.close();
  });

  it('forecasts a file (a bad one names its cells) and saves the inputs', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await page.goto(`${s.base}/planning`);
    await page.getByTestId('forecast-kpi-next').waitFor({ timeout: 30_000 });
    await page.getByTestId('forecast-tab-file').click();
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '学校代码,年份,年级,学生数\n2133990101,2023,1,300\n2133990101,2024,十三,310\n');
    await page.locator('input[type=file]').first().setInputFiles(bad);
    await page.getByText('1 处问题，未作预测').waitFor({ timeout: 20_000 });
    // The problem names the column as the file writes it.
    expect(await page.locator('.ant-alert-error tbody tr').first().textContent()).toContain('年级');
    await page.screenshot({ path: shot('04-file-problems') });
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, ['学校代码,年份,年级,学生数', ...[2022, 2023, 2024].flatMap((y, i) => [1, 2, 3].map((g) => `NEW01,${y},${g},${40 + 5 * i + g}`)), ''].join('\n'));
    await page.locator('input[type=file]').first().setInputFiles(good);
    await page.getByTestId('forecast-file-note').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(600);
    await page.screenshot({ path: shot('05-file-report'), fullPage: true });

    // Inputs: a classroom stock changed and saved (audited), a housing project added.
    await page.getByTestId('forecast-tab-inputs').click();
    const code = '2133990101';
    const rooms = page.locator(`input[data-testid="forecast-classrooms-${code}"], [data-testid="forecast-classrooms-${code}"] input`).first();
    await rooms.waitFor({ timeout: 20_000 });
    await rooms.fill('60');
    await page.getByTestId('forecast-inputs-save').click();
    await page.getByText('已保存 1 所学校').waitFor({ timeout: 20_000 });
    const [saved] = rowsOf(await s.database.db.execute(sql`select classrooms from planning_school_inputs where district_id = ${DEMO_DISTRICT_ID} and school_code = ${code}`));
    expect(Number(saved.classrooms)).toBe(60);
    const [audited] = rowsOf(
      await s.database.db.execute(
        sql`select count(*)::int as n from audit_log where district_id = ${DEMO_DISTRICT_ID} and entity = 'planning-school-inputs' and entity_key = ${code} and field = 'classrooms'`,
      ),
    );
    expect(Number(audited.n)).toBe(1);
    const form = page.getByTestId('forecast-housing-form');
    await form.getByPlaceholder('项目').fill('城北安置小区');
    await form.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').first().click();
    await form.getByPlaceholder('户数').fill('800');
    await form.getByRole('button', { name: /添加/ }).click();
    await page.getByTestId('forecast-housing').getByText('城北安置小区').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: shot('06-inputs'), fullPage: true });
    await page.close();
  });

  it('a viewer reads the report on a 390 px phone, without the inputs', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await signInPage(page, s.base, 'guest', 'viewer-pass-word-7');
    await page.goto(`${s.base}/planning`);
    await page.getByTestId('forecast-kpi-next').waitFor({ timeout: 30_000 });
    await page.getByTestId('forecast-school-table').locator('tbody tr[data-row-key]').first().waitFor();
    expect(await page.getByTestId('forecast-tab-inputs').count()).toBe(0);
    await page.waitForTimeout(800);
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: shot('07-phone'), fullPage: true });
    await page.getByTestId('forecast-needs').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('07a-phone-needs') });
    await page.close();
  });
});
