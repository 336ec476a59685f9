// End to end in Debian's Chromium: sign in, open a school, upload a template with one bad cell,
// see the error named by sheet, row and column, and check that nothing was saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { hasBrowser, SHOTS as shots, startDemo, type DemoServer } from './harness.js';

describe.skipIf(!hasBrowser)('browser: sign in, open a school, upload with a bad cell', () => {
  let browser: Browser;
  let page: Page;
  let base: string;
  let demo: DemoServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-e2e-'));

  beforeAll(async () => {
    demo = await startDemo('e2e-boss-pass-1');
    ({ browser, base } = demo);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await demo?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs in and shows the district overview', async () => {
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('e2e-boss-pass-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview-cards').waitFor({ timeout: 20_000 });
    // The cards fill in once the overview has loaded: wait for the student count to appear.
    // (A string: it runs in the page, and the test project has no DOM types.)
    await page.waitForFunction("/\\d{3}/.test(document.querySelector('[data-testid=overview-cards]')?.textContent ?? '')", null, { timeout: 20_000 });
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

  it("what-if: changing a school's numerator recomputes its compliance and the CVs in the browser", async () => {
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
    for (const [tab, n] of [
      ['gaps', '07'],
      ['classes', '08'],
      ['guarantees', '09'],
      ['trend', '10'],
    ] as const) {
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
    const failing = async () => Number(await page.getByTestId('balance-cv-failing-primary').textContent()) + Number(await page.getByTestId('balance-cv-failing-junior').textContent());
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
    await page
      .getByTestId('standards-overrides')
      .getByText(/cvLimit\.初中 = 0\.30?$/)
      .waitFor();
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

// 成绩分析: create an exam, upload a bad and then a good CSV built here (junior schools of the demo district), follow
// the import's progress, read the district report (histogram, school ranking), a school and a student's report card.
describe.skipIf(!hasBrowser)('browser: exams — create, import with progress, district, school and student reports', () => {
  let browser: Browser;
  let page: Page;
  let base: string;
  let demo: DemoServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-e2e-exams-'));
  const SUBJECTS: [string, number][] = [
    ['语文', 120],
    ['数学', 120],
    ['英语', 120],
    ['物理', 100],
    ['化学', 100],
    ['道德与法治', 100],
    ['历史', 100],
    ['地理', 100],
    ['生物', 100],
  ];

  /** A wide CSV: 学籍号, 姓名, 学校代码, 班级, one column per subject; a seeded LCG, one school clearly weaker. */
  function scoresCsv(schools: string[], opts: { bad?: boolean } = {}): string {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const normal = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    const lines = [['学籍号', '姓名', '学校代码', '班级', ...SUBJECTS.map(([s]) => s)].join(',')];
    schools.forEach((code, g) => {
      const ability = [0.4, 0.1, -0.1, -0.6][g % 4];
      for (let c = 1; c <= 2; c++)
        for (let i = 1; i <= 20; i++) {
          const id = `G${code.slice(-4)}${c}${String(i).padStart(2, '0')}`;
          const a = ability + normal() * 0.8;
          const cells = SUBJECTS.map(([, full], k) => {
            if ((g + c + i + k) % 97 === 0) return '缺考';
            const x = Math.round(full * Math.min(1, Math.max(0, 0.66 + 0.16 * (a + 0.5 * normal()))) * 2) / 2;
            return String(x);
          });
          lines.push([id, `学生${g}${c}${i}`, code, `九(${c})班`, ...cells].join(','));
        }
    });
    if (opts.bad) {
      lines.push(['G9999901', '错误', '9999999999', '九(1)班', ...SUBJECTS.map(() => '60')].join(','));
      lines[3] = lines[3].replace(/,[^,]*$/, ',180');
    }
    return lines.join('\n') + '\n';
  }

  beforeAll(async () => {
    demo = await startDemo('e2e-boss-pass-1');
    ({ browser, base } = demo);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('e2e-boss-pass-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview-cards').waitFor({ timeout: 20_000 });
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let schoolCode = '';

  it('creates an exam with the 中考 preset, sees a bad file rejected, imports a good one with a progress bar', async () => {
    const { schools } = (await (await page.request.get(`${base}/api/schools`)).json()) as { schools: { code: string; level: string }[] };
    const junior = schools
      .filter((s) => s.level === '初中')
      .map((s) => s.code)
      .slice(0, 4);
    expect(junior.length).toBe(4);
    schoolCode = junior[0];
    const good = path.join(dir, '中考成绩.csv');
    const bad = path.join(dir, '中考成绩-有错.csv');
    fs.writeFileSync(good, scoresCsv(junior));
    fs.writeFileSync(bad, scoresCsv(junior, { bad: true }));

    await page.goto(base + '/exams');
    await page.getByTestId('exams-create').click();
    await page.getByTestId('exam-form-name').fill('2025年初中学业水平考试（测试）');
    await page.screenshot({ path: path.join(shots, '20-exams-create.png'), fullPage: false });
    await page.getByTestId('exam-form-submit').click();

    // The import drawer opens for the new exam: first the bad file.
    const input = page.locator('[data-testid=exams-upload] input[type=file]');
    await input.waitFor({ state: 'attached', timeout: 10_000 });
    await input.setInputFiles(bad);
    const problems = page.getByTestId('exams-problems');
    await problems.waitFor({ timeout: 20_000 });
    const text = (await problems.textContent()) ?? '';
    expect(text).toContain('9999999999');
    expect(text).toMatch(/满分|full marks/);
    await page.screenshot({ path: path.join(shots, '21-exams-import-problems.png'), fullPage: false });

    // Then the good one: the progress bar runs to 完成.
    await page.getByText('再导入一个文件').click();
    await input.setInputFiles(good);
    await page.getByTestId('exams-progress').waitFor({ timeout: 20_000 });
    await page.getByTestId('exams-import-done').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, '22-exams-import-done.png'), fullPage: false });
    await page.getByTestId('exams-open-report').click();
    await page.waitForURL(/\/exams\/\d+/);
  });

  it('shows the district report: histogram with the normal curve, school ranking, 后30% chart', async () => {
    await page.getByTestId('exam-histogram').locator('canvas').first().waitFor({ timeout: 20_000 });
    const table = page.getByTestId('exam-school-table');
    await table.waitFor();
    await expect.poll(async () => table.locator('tbody tr[data-testid^=exam-school-]').count(), { timeout: 10_000 }).toBe(4);
    await page.getByTestId('exam-bottom-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('exam-kpis').textContent()).toMatch(/160/);
    await page.waitForTimeout(800); // charts animate in
    await page.screenshot({ path: path.join(shots, '23-exam-report.png'), fullPage: true });
  });

  it("opens a school from the ranking, then a student's report card", async () => {
    await page.getByTestId(`exam-school-${schoolCode}`).click();
    await page.waitForURL(new RegExp(`/exams/\\d+/schools/${schoolCode}`));
    const students = page.getByTestId('exam-students');
    await students.waitFor({ timeout: 20_000 });
    await expect.poll(async () => students.locator('tbody tr[data-testid^=exam-student-]').count(), { timeout: 10_000 }).toBeGreaterThan(10);
    await page.getByTestId('exam-class-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(shots, '24-exam-school.png'), fullPage: true });
    await students.locator('tbody tr[data-testid^=exam-student-]').first().click();
    await page.waitForURL(/\/exams\/\d+\/students\//);
    await page.getByTestId('exam-card-table').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(shots, '25-exam-student.png'), fullPage: true });
  });

  it("compares a demo exam with the same cohort's earlier exam (rank change per school)", async () => {
    const { exams } = (await (await page.request.get(`${base}/api/exams`)).json()) as { exams: { id: number; name: string }[] };
    const later = exams.find((e) => e.name === '2023学年八年级期末');
    const earlier = exams.find((e) => e.name === '2022学年七年级期末');
    if (!later || !earlier) return; // the demo has no exams
    await page.goto(`${base}/exams/${later.id}`);
    await page.getByTestId('exam-school-table').waitFor({ timeout: 20_000 });
    await page.getByTestId('exam-compare').click();
    await page.locator('.ant-select-item-option').filter({ hasText: earlier.name }).click();
    await page.locator('[data-testid^=exam-change-]').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(shots, '26-exam-demo-compare.png'), fullPage: true });
  });
});

// 增值评价 on the demo district's exams (src/exams/demo.ts): pick the entry and the exit exam, see the school
// value-added with the error-bar chart, the quadrant scatter, a school's classes and a class's students.
describe.skipIf(!hasBrowser)('browser: growth — value-added of the demo cohort, quadrants, classes, students', () => {
  let browser: Browser;
  let page: Page;
  let base: string;
  let demo: DemoServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-e2e-growth-'));
  /** Full-page screenshots of a scrolled page catch the sticky header in the middle: scroll back first. */
  const top = () => page.evaluate('window.scrollTo(0, 0)'); // runs in the page (no DOM types here)

  beforeAll(async () => {
    demo = await startDemo('e2e-boss-pass-1');
    ({ browser, base } = demo);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('e2e-boss-pass-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview-cards').waitFor({ timeout: 20_000 });
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('picks two exams and shows the school value-added with intervals (error bars)', async () => {
    await page.goto(base + '/growth');
    await page.getByTestId('growth-kpis').waitFor({ timeout: 30_000 });
    // Pick the first cohort: 2022学年七年级期末 → 2023学年八年级期末.
    await page.getByTestId('growth-from').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2022学年七年级期末' }).click();
    await page.getByTestId('growth-to').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2023学年八年级期末' }).click();
    await page.waitForURL(/from=\d+&to=\d+|to=\d+/);
    await expect.poll(async () => (await page.getByTestId('growth-to').textContent()) ?? '', { timeout: 10_000 }).toContain('2023学年八年级期末');
    await page.getByTestId('growth-errorbars').locator('canvas').first().waitFor({ timeout: 20_000 });
    const table = page.getByTestId('growth-school-table');
    await table.getByText('横塘镇初级中学').waitFor({ timeout: 20_000 });
    // Every junior school of the demo has a row; the planted high-growth school is above expectation.
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(16);
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: '横塘镇初级中学' });
    expect(await row.textContent()).toContain('高于预期');
    expect(await page.getByTestId('growth-linkage').textContent()).toMatch(/\d+\.\d%/);
    await page.waitForTimeout(900); // charts animate in
    await top();
    await page.screenshot({ path: path.join(shots, '30-growth-schools.png'), fullPage: true });
  });

  it('shows the quadrant scatter (achievement and start × growth)', async () => {
    await page.getByTestId('growth-tab-quadrant').click();
    await page.getByTestId('growth-quadrant').locator('canvas').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(900);
    await top();
    await page.screenshot({ path: path.join(shots, '31-growth-quadrant.png'), fullPage: true });
    await page.getByTestId('growth-quadrant-axis').getByText('起点').click();
    await page.getByText('低起点·高增长').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(900);
    await top();
    await page.screenshot({ path: path.join(shots, '32-growth-quadrant-start.png'), fullPage: true });
  });

  it('drills into a school’s classes, then a class’s students and a student’s card', async () => {
    await page.getByTestId('growth-tab-schools').click();
    await page.getByTestId('growth-school-table').getByText('青溪县第二初级中学').click();
    await page.getByTestId('growth-class-table').waitFor({ timeout: 10_000 });
    await page.getByTestId('growth-class-errorbars').locator('canvas').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('growth-class-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(3);
    await page.waitForTimeout(900);
    await top();
    await page.screenshot({ path: path.join(shots, '33-growth-classes.png'), fullPage: true });
    await page.getByTestId('growth-class-table').locator('tbody tr.ant-table-row').first().locator('a').first().click();
    await page.getByTestId('growth-student-scatter').locator('canvas').first().waitFor({ timeout: 20_000 });
    const students = page.getByTestId('growth-student-table');
    await students.locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForTimeout(900);
    await top();
    await page.screenshot({ path: path.join(shots, '34-growth-students.png'), fullPage: true });
    await students.locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('growth-student-card').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(900);
    await top();
    await page.screenshot({ path: path.join(shots, '35-growth-student-card.png'), fullPage: false });
    await page.keyboard.press('Escape');
  });

  it('shows the gain model and the targets, and downloads the workbook', async () => {
    await page.getByTestId('growth-tab-gain').click();
    await page.getByTestId('growth-gain-table').waitFor({ timeout: 10_000 });
    await top();
    await page.screenshot({ path: path.join(shots, '36-growth-gain.png'), fullPage: true });
    await page.getByTestId('growth-tab-targets').click();
    await page.getByTestId('growth-targets').waitFor({ timeout: 20_000 });
    await top();
    await page.screenshot({ path: path.join(shots, '37-growth-targets.png'), fullPage: true });
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('growth-export-xlsx').click()]);
    expect(dl.suggestedFilename()).toMatch(/增值评价.*\.xlsx$/);
  });
});
