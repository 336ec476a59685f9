// A satisfaction survey end to end in Debian's Chromium: the bureau creates a survey from the parents' template,
// saves a changed questionnaire (a new version), saves a sampling plan, issues three codes for one school (the slips
// PDF downloads at once; the test reads the codes from its text with pdftotext, as the API tests read PDFs) and opens
// the survey; a phone (390 × 844, no session) answers with one code taken from the QR link, the same code is refused
// the second time, a typed code is forgiven its case, spaces and missing dash; the results tab shows the one response
// and withholds the small cell (1 < 10) as 人数过少, never as a number.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { and, count, eq, isNull } from 'drizzle-orm';
import { surveyCodes, surveyResponses, surveys } from '../../src/wellbeing/surveys/schema.js';
import { loadDemoSurveys } from '../../src/wellbeing/surveys/demo.js';
import { hasBrowser, SHOTS as shots, signInPage, startDemo, type DemoServer } from './harness.js';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Codes as the slips print them: 10 characters of the alphabet without look-alikes, XXXXX-XXXXX. */
const CODE = /\b[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\b/g;

describe.skipIf(!hasBrowser || !hasPdftotext)('browser: a satisfaction survey built, answered on a phone and reported', () => {
  let s: DemoServer;
  let page: Page;
  let phone: BrowserContext;
  let dir: string;
  let surveyUrl = '';
  let codes: string[] = [];
  let demoSurvey = 0;

  beforeAll(async () => {
    s = await startDemo('survey-boss-pass-1');
    // The demo's finished survey (loaded here unless the demo bootstrap already did).
    const closed = await s.database.db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.districtId, '999901'), eq(surveys.status, 'closed')));
    demoSurvey = closed[0]?.id ?? (await loadDemoSurveys(s.database.db, '999901', 2024)).surveyId;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-survey-files-'));
    page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    phone = await s.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  }, 180_000);
  afterAll(async () => {
    await phone?.close();
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bureau creates a survey from the parents template and saves a new questionnaire version', async () => {
    await signInPage(page, s.base, 'admin', 'survey-boss-pass-1');
    await page.goto(s.base + '/surveys');
    await page.getByTestId(`survey-link-${demoSurvey}`).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, 'surveys-00-list.png'), fullPage: true });
    await page.getByTestId('survey-create').click();
    await page.getByTestId('survey-template-parents').click();
    await page.getByTestId('survey-title').fill('浏览器测试家长满意度调查');
    await page.getByTestId('survey-create-ok').click();
    await page.waitForURL(/\/surveys\/\d+$/, { timeout: 20_000 });
    surveyUrl = page.url();
    await page.getByTestId('survey-questions').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('survey-version-note').textContent()).toContain('第 1 版');

    // Edit: one more question, saved as version 2, which the survey then pins.
    await page.getByTestId('survey-edit').click();
    const before = await page.locator('[data-testid^=survey-q-][data-testid$=-counts]').count();
    await page.getByTestId('survey-q-add').click();
    await page.getByTestId(`survey-q-${before}`).getByPlaceholder('题目（中文）').fill('您对学校课后服务的满意程度如何？');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(shots, 'surveys-01-builder.png'), fullPage: true });
    await page.getByTestId('survey-q-save').click();
    await page.getByTestId('survey-questions').waitFor({ timeout: 20_000 });
    await page.waitForFunction("document.querySelector('[data-testid=survey-version-note]')?.textContent.includes('第 2 版')", null, { timeout: 20_000 });
    expect(await page.getByTestId('survey-questions').textContent()).toContain('课后服务');
  }, 120_000);

  it('saves a sampling plan, issues ten codes (the smallest batch) for one school (slips PDF) and opens the survey', async () => {
    await page.getByRole('tab', { name: '抽样方案' }).click();
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-method').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('plan-method').textContent()).toMatch(/sampling-v1 第 \d+ 版/);
    await page.screenshot({ path: path.join(shots, 'surveys-02-plan.png'), fullPage: true });

    await page.getByTestId('survey-tab-codes').click();
    const first = page.locator('[data-testid^=codes-count-]').first();
    await first.waitFor({ timeout: 20_000 });
    const school = ((await first.getAttribute('data-testid')) ?? '').replace(/^codes-count-/, '');
    expect(school).toMatch(/^\d{10}$/);
    const count = page.locator(`input[data-testid=codes-count-${school}], [data-testid=codes-count-${school}] input`).first();
    // a batch has at least 10 codes: 3 is refused before anything is sent
    await count.fill('3');
    await count.press('Tab');
    await page.getByTestId('codes-too-small').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('codes-issue').isDisabled()).toBe(true);
    await count.fill('10');
    await count.press('Tab');
    expect(await page.getByTestId('codes-once').textContent()).toContain('只显示一次');
    await page.getByTestId('codes-issue').click();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('codes-issue-ok').click()]);
    const pdf = path.join(dir, 'slips.pdf');
    await dl.saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    codes = [...new Set(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).match(CODE) ?? [])];
    expect(codes).toHaveLength(10);
    // The batch is listed with its 10 codes (no used count per batch); the school's row: 10 issued, 0 used, 0 void.
    await page.waitForFunction(`[...document.querySelectorAll('[data-testid=codes-batches] tbody tr.ant-table-row')].some((r) => r.querySelectorAll('td')[2]?.textContent === '10')`, null, {
      timeout: 20_000,
    });
    await page.waitForFunction(
      `[...document.querySelectorAll('[data-testid=codes-schools] tbody tr.ant-table-row')].some((r) => [...r.querySelectorAll('td')].slice(1).map((td) => td.textContent).join('|') === '10|0|0')`,
      null,
      { timeout: 20_000 },
    );

    await page.getByTestId('survey-open').click();
    await page.getByTestId('survey-open-ok').click();
    await page.getByTestId('survey-close').waitFor({ timeout: 20_000 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(shots, 'surveys-03-codes.png'), fullPage: true });
  }, 120_000);

  it('a phone with no session answers with one code; the same code is refused the second time', async () => {
    const p = await phone.newPage();
    await p.goto(`${s.base}/survey#code=${encodeURIComponent(codes[0])}`); // as the slip's QR code links
    await p.getByTestId('answer-title').waitFor({ timeout: 20_000 });
    expect(p.url()).toBe(`${s.base}/survey`); // read once, then out of the address bar
    expect(await p.getByTestId('answer-title').textContent()).toContain('浏览器测试家长满意度调查');
    expect(await p.getByTestId('answer-anonymity').textContent()).toContain('不填姓名');
    await p.screenshot({ path: path.join(shots, 'surveys-04-phone-answer.png') });

    // Submitting with nothing answered names the missing questions and sends nothing.
    await p.getByTestId('answer-submit').click();
    expect(await p.getByTestId('answer-error').textContent()).toMatch(/道必答题未作答/);

    const cards = p.locator('[data-testid^=answer-q-]');
    const n = await cards.count();
    expect(n).toBeGreaterThan(5);
    for (let i = 0; i < n; i++) await p.getByTestId(`answer-q-${i}`).locator('.sv-opt').first().click();
    expect(await p.getByTestId('answer-progress').textContent()).toContain(`已答 ${n} / ${n} 题`);
    const overflow = await p.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await p.screenshot({ path: path.join(shots, 'surveys-05-phone-answered.png'), fullPage: true });
    await p.getByTestId('answer-submit').click();
    await p.getByTestId('answer-thanks').waitFor({ timeout: 20_000 });
    await p.screenshot({ path: path.join(shots, 'surveys-06-phone-thanks.png') });

    // A code in a query string (it would reach proxy logs) is ignored: the page asks for the code, the address is cleared.
    await p.goto(`${s.base}/survey?code=${encodeURIComponent(codes[0])}`);
    await p.getByTestId('answer-code').waitFor({ timeout: 20_000 });
    expect(p.url()).toBe(`${s.base}/survey`);
    expect(await p.getByTestId('answer-error').count()).toBe(0);
    // The same code again from its QR link (a fresh load: a hash-only change would not reload the page): refused as used.
    await p.goto('about:blank');
    await p.goto(`${s.base}/survey#code=${encodeURIComponent(codes[0])}`);
    await p.getByTestId('answer-error').waitFor({ timeout: 20_000 });
    expect(p.url()).toBe(`${s.base}/survey`);
    expect(await p.getByTestId('answer-error').textContent()).toContain('已经提交过答卷');
    await p.screenshot({ path: path.join(shots, 'surveys-07-phone-used.png') });

    // A typed code: lower case, spaces, no dash — still found (not answered).
    const typed = ` ${codes[1]
      .replace('-', '')
      .toLowerCase()
      .replace(/(.{3})/, '$1 ')} `;
    await p.getByTestId('answer-code').fill(typed);
    await p.getByTestId('answer-start').click();
    await p.getByTestId('answer-title').waitFor({ timeout: 20_000 });
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByText('Anonymous').first().waitFor();
    await p.screenshot({ path: path.join(shots, 'surveys-08-phone-en.png') });
    await p.close();
  }, 120_000);

  it('while open, the results show codes and responses only, with a note that results come when it is closed', async () => {
    await page.goto(surveyUrl);
    await page.getByTestId('survey-tab-results').click();
    const table = page.getByTestId('results-table');
    await table.waitFor({ timeout: 20_000 });
    // One response in the district row: 1 of 10 valid codes.
    const districtRow = table.locator('tbody tr.ant-table-row').first();
    const cells = await districtRow.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['10', '1', '10.0%']); // valid codes, responses, 1/10 = 10.0 %
    // Fewer than 10 responses: the rate is withheld, never shown as a number.
    expect(cells[7]).toBe('人数过少（< 10）');
    expect(await page.getByTestId('results-pending').textContent()).toContain('结果在调查结束后公布');
    expect(await page.getByTestId('results-kpis').textContent()).toContain('结束后公布');
    expect(await page.getByTestId('results-kpis').textContent()).not.toMatch(/100\.0%/);
    expect(await page.getByTestId('results-chart').count()).toBe(0);
    expect(await page.getByTestId('results-questions').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'surveys-09-results.png'), fullPage: true });
  }, 60_000);

  it("the demo's finished survey: recognition bars with intervals, the gate, withheld schools", async () => {
    // Counted here from the tables, independently of the results code: responses and valid (not void) codes.
    const db = s.database.db;
    const [{ n: responses }] = await db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, demoSurvey));
    const [{ n: valid }] = await db
      .select({ n: count() })
      .from(surveyCodes)
      .where(and(eq(surveyCodes.surveyId, demoSurvey), isNull(surveyCodes.voidedAt)));
    expect(responses).toBeGreaterThan(100);
    await page.goto(`${s.base}/surveys/${demoSurvey}`);
    await page.getByTestId('survey-tab-results').click();
    const table = page.getByTestId('results-table');
    await table.waitFor({ timeout: 20_000 });
    await page.getByTestId('results-chart').waitFor();
    const district = await table.locator('tbody tr.ant-table-row').first().locator('td').allTextContents();
    const grouped = (n: number) => n.toLocaleString('en-US');
    expect(district.slice(1, 3)).toEqual([grouped(valid), grouped(responses)]);
    const permille = Math.floor((2000 * responses + valid) / (2 * valid)); // round(1000 · responses / valid), half up, in integers
    expect(district[3]).toBe(`${Math.floor(permille / 10)}.${permille % 10}%`);
    // Schools with fewer than 10 responses say so and show no rate.
    expect(await table.getByTestId('results-small').count()).toBeGreaterThan(0);
    // Closed: the district's rate is weighted by the plan, and the page says so.
    expect(await page.getByTestId('results-estimator').textContent()).toContain('分层加权');
    expect(await page.getByTestId('results-pending').count()).toBe(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(shots, 'surveys-10-demo-results.png'), fullPage: true });
    await page
      .getByTestId('survey-results')
      .locator('.ant-card')
      .nth(1)
      .screenshot({ path: path.join(shots, 'surveys-11-demo-chart.png') });
    await page.getByTestId('results-questions').screenshot({ path: path.join(shots, 'surveys-12-demo-questions.png') });
  }, 60_000);
});
