// End to end in Debian's Chromium: sign in, open a school, upload a template with one bad cell,
// see the error named by sheet, row and column, and check that nothing was saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../../src/core/db/index.js';
import { bootstrap } from '../../src/core/bootstrap.js';
import { buildApp, WEB_DIST } from '../../src/core/http/app.js';

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = fs.existsSync(CHROMIUM) && fs.existsSync(path.join(WEB_DIST, 'index.html'));
const shots = path.resolve('.tmp/screenshots');

describe.skipIf(!hasBrowser)('browser: sign in, open a school, upload with a bad cell', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-e2e-'));

  beforeAll(async () => {
    database = await openDatabase({ dataDir: path.join(dir, 'data') });
    await bootstrap(database, { demo: 'auto', adminPassword: 'e2e-admin-pass' });
    app = await buildApp(database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs in and shows the district overview', async () => {
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('e2e-admin-pass');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview-cards').waitFor({ timeout: 20_000 });
    // The cards fill in once the overview has loaded: wait for the student count to appear.
    await page.waitForFunction(() => /\d{3}/.test(document.querySelector('[data-testid=overview-cards]')?.textContent ?? ''), null, { timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, '01-overview.png'), fullPage: true });
  });

  it('opens a school from the list', async () => {
    await page.goto(base + '/schools');
    const table = page.getByTestId('school-table');
    await table.waitFor();
    await table.getByText('青溪县实验小学').first().click();
    await page.waitForURL(/\/schools\/\d{10}/);
    await page.getByText('青溪县实验小学').first().waitFor();
    await page.screenshot({ path: path.join(shots, '02-school.png'), fullPage: true });
  });

  it('shows the balance evaluation of the demo district', async () => {
    await page.goto(base + '/balance');
    await page.getByText('teaching_area_per_student').or(page.getByText('生均教学及辅助用房').first()).first().waitFor({ timeout: 20_000 });
    // The demo's crowded urban schools miss the area standards: the page must say the level fails.
    await page.getByText('未达标').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shots, '04-balance.png'), fullPage: true });
  });

  it('what-if: changing a school\'s numerator recomputes its compliance and the CVs in the browser', async () => {
    await page.goto(base + '/balance?tab=schools');
    const row = page.getByTestId('balance-school-2133990101');
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const drawer = page.getByTestId('balance-whatif');
    await drawer.waitFor();
    const key = 'sports_area_per_student';
    const cv = page.getByTestId(`balance-whatif-cv-${key}`);
    const met = page.getByTestId(`balance-whatif-met-${key}`);
    const cvBefore = (await cv.textContent())?.trim();
    expect(await met.textContent()).toMatch(/未达标|below/);
    // 青溪县实验小学 has 4.0 m² of sports ground per student against 7.5: give it 20 000 m².
    const input = page.getByTestId(`balance-whatif-input-${key}`);
    await input.fill('20000');
    await expect.poll(async () => (await cv.textContent())?.trim(), { timeout: 5_000 }).not.toBe(cvBefore);
    await expect.poll(async () => (await met.textContent())?.trim(), { timeout: 5_000 }).toBe('达标');
    await page.screenshot({ path: path.join(shots, '05-balance-whatif.png'), fullPage: false });
    await page.getByTestId('balance-whatif-reset').click();
    await expect.poll(async () => (await cv.textContent())?.trim(), { timeout: 5_000 }).toBe(cvBefore);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(shots, '06-balance-heatmap.png'), fullPage: true });
  });

  it('shows every balance tab and saves an evaluation to the history', async () => {
    await page.goto(base + '/balance');
    await page.getByTestId('balance-banner').first().waitFor({ timeout: 20_000 });
    for (const [tab, n] of [['gaps', '07'], ['classes', '08'], ['guarantees', '09'], ['trend', '10']] as const) {
      await page.getByTestId(`balance-tab-${tab}`).click();
      const ready = { gaps: 'balance-gaps', classes: 'balance-class-trend', guarantees: 'balance-guarantees', trend: 'balance-trend-cv-primary' }[tab];
      await page.getByTestId(ready).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(700); // charts animate in
      await page.screenshot({ path: path.join(shots, `${n}-balance-${tab}.png`), fullPage: true });
    }
    await page.getByTestId('balance-save').click();
    await page.getByTestId('balance-save-note').fill('督导评估前自查');
    await page.getByTestId('balance-save-ok').click();
    const history = page.getByTestId('balance-history');
    await history.waitFor({ timeout: 10_000 });
    await history.getByText('督导评估前自查').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shots, '11-balance-history.png'), fullPage: true });
  });

  it('creates a local standard with every CV limit at 0.30 and sees more indicators fail under it', async () => {
    const failing = async () =>
      Number(await page.getByTestId('balance-cv-failing-primary').textContent()) + Number(await page.getByTestId('balance-cv-failing-junior').textContent());
    await page.goto(base + '/balance');
    await page.getByTestId('balance-cv-failing-primary').waitFor({ state: 'attached', timeout: 20_000 });
    const before = await failing();

    await page.goto(base + '/balance/standards');
    await page.getByTestId('standards-detail').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, '12-standards.png'), fullPage: true });
    await page.getByTestId('standards-create').click();
    await page.getByTestId('standards-cv-primary').waitFor({ timeout: 10_000 });
    await page.getByTestId('standards-id').fill('dinghai-2025');
    await page.getByTestId('standards-name').fill('定海区2025目标');
    await page.getByTestId('standards-cv-primary').fill('0.30');
    await page.getByTestId('standards-cv-junior').fill('0.30');
    await page.getByTestId('standards-class-junior').fill('45');
    await page.getByTestId('standards-overrides').getByText(/cvLimit\.初中 = 0\.30?$/).waitFor();
    await page.screenshot({ path: path.join(shots, '13-standards-create.png'), fullPage: false });
    await page.getByTestId('standards-submit').click();
    await page.getByTestId('standards-item-dinghai-2025').waitFor({ timeout: 10_000 });
    await page.getByTestId('standards-detail').getByText('dinghai-2025').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shots, '14-standards-local.png'), fullPage: true });

    // Select it on the balance page.
    await page.goto(base + '/balance');
    await page.getByTestId('balance-cv-failing-primary').waitFor({ state: 'attached', timeout: 20_000 });
    await page.getByTestId('balance-standard').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '定海区2025目标' }).click();
    await page.waitForURL(/standard=dinghai-2025/);
    await page.getByText('定海区2025目标 · v1').first().waitFor({ timeout: 20_000 });
    await expect.poll(failing, { timeout: 10_000 }).toBeGreaterThan(before);
    await page.screenshot({ path: path.join(shots, '15-balance-local-pack.png'), fullPage: true });
  });

  it('uploads a template with one bad cell and sees the error; nothing is saved', async () => {
    // Download the bureau's export through the page's own session, break one cell, upload it.
    const year = 2024;
    const res = await page.request.get(`${base}/api/export?year=${year}`);
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('教师')!;
    const header = ws.getRow(1).values as unknown[];
    const col = header.findIndex((h) => typeof h === 'string' && h.startsWith('专任教师数'));
    ws.getRow(3).getCell(col).value = -7;
    const file = path.join(dir, '统计-一处错误.xlsx');
    await wb.xlsx.writeFile(file);
    const before = await (await page.request.get(`${base}/api/audit?pageSize=1`)).json();

    await page.goto(base + '/upload');
    await page.locator('[data-testid=upload-dragger] input[type=file]').setInputFiles(file);
    const problems = page.getByTestId('upload-problems');
    await problems.waitFor({ timeout: 20_000 });
    const text = (await problems.textContent()) ?? '';
    const letter = String.fromCharCode(64 + col);
    expect(text).toContain('教师');
    expect(text).toContain(letter);
    expect(text).toMatch(/负数|negative/);
    await page.screenshot({ path: path.join(shots, '03-upload-error.png'), fullPage: true });
    const after = await (await page.request.get(`${base}/api/audit?pageSize=1`)).json();
    expect(after.total).toBe(before.total);
  });
});
