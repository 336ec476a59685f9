// The registry pages in Chromium: one class-size vocabulary on the overview and the school list, the viewer's school
// list without per-school figures, number fields that refuse "-5" and "abc", the login logo on a phone, and the
// overview and school list at 390 px without sideways scrolling.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { hasBrowser, SHOTS as shots, startDemo, type DemoServer } from './harness.js';
import { DEMO_DISTRICT_ID } from '../../src/registry/demo.js';

const ADMIN = 'registry-ui-boss-1';
const VIEWER = 'registry-ui-view-7';

describe.skipIf(!hasBrowser)('browser: the registry pages', () => {
  let browser: Browser;
  let base: string;
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemo(ADMIN, async (app) => {
      await app.services.auth.createUser({ districtId: DEMO_DISTRICT_ID, username: 'setup' }, { username: 'guest', displayName: '访客', role: 'viewer', password: VIEWER, mustChangePassword: false });
    });
    ({ browser, base } = demo);
  }, 300_000);
  afterAll(async () => demo?.close());

  async function signedIn(username: string, password: string, width = 1440): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview-cards').waitFor({ timeout: 30_000 });
    return page;
  }
  /** Wider than the window: the page scrolls sideways. (A string: it runs in the page.) */
  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  it('the phone login shows the logo: every copy of the mark has its own gradient', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await page.goto(base + '/login');
    await page.getByTestId('login-username').waitFor();
    const marks = await page.evaluate<{ id: string; fill: string; visible: boolean }[]>(`[...document.querySelectorAll('svg[data-testid=jh-logo]')].map((svg) => ({
      id: svg.querySelector('linearGradient')?.id ?? '',
      fill: svg.querySelector('rect')?.getAttribute('fill') ?? '',
      visible: svg.getBoundingClientRect().width > 0,
    }))`);
    expect(marks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(marks.map((m) => m.id)).size).toBe(marks.length);
    for (const m of marks) expect(m.fill).toBe(`url(#${m.id})`);
    expect(marks.some((m) => m.visible)).toBe(true);
    await page.screenshot({ path: path.join(shots, 'registry-login-390.png') });
    await page.close();
  });

  it('the overview counts classes above their grade’s standard as the balance page does', async () => {
    const page = await signedIn('admin', ADMIN);
    // 2024: 198 of 719 classes above the standard of their grade (the balance page's 班额 tab) = 27.5 %.
    await expect.poll(async () => page.getByTestId('overview-cards').textContent(), { timeout: 20_000 }).toContain('27.5');
    const cards = (await page.getByTestId('overview-cards').textContent()) ?? '';
    expect(cards).toContain('超标准班额占比');
    expect(cards).toContain('198 个班超过标准班额，其中大班额 1 个、超大班额 0 个');
    expect(cards).not.toContain('>45');
    expect(await page.getByTestId('overview-bands-help').textContent()).toContain('标准班额小学 45 人、初中 50 人');
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(shots, 'registry-overview.png'), fullPage: true });
    // The school list: 青溪博文初级中学 (初中) has classes of 46–50 but none above 50.
    await page.goto(base + '/schools?year=2024&q=2133990204');
    const row = page.locator('tr[data-code="2133990204"]');
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-over]').getAttribute('data-over')).toBe('0');
    expect(await row.locator('[data-band]').getAttribute('data-band')).toBe('within');
    await page.screenshot({ path: path.join(shots, 'registry-schools.png'), fullPage: true });
    await page.close();
  });

  it('a number field shows "-5" and "abc" as its own error and saves nothing', async () => {
    const page = await signedIn('admin', ADMIN);
    const list = (await (await page.request.get(`${base}/api/schools?year=2024`)).json()) as { schools: { code: string; status: string | null }[] };
    const school = list.schools.find((s) => s.status && s.status !== 'approved')!;
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r.url());
    });
    await page.goto(`${base}/schools/${school.code}/stats/2024/edit`);
    // The demo's teacher figures follow its teacher rosters: read-only here (the roster is where they change).
    const teachers = page.locator('input[data-field=teachersTotal]');
    await teachers.waitFor({ timeout: 20_000 });
    expect(await teachers.isDisabled()).toBe(true);
    const computers = page.locator('input[data-field=computers]');
    await computers.fill('-5');
    await page.getByText('不能为负数').first().waitFor({ timeout: 5_000 });
    expect(await computers.inputValue()).toBe('-5'); // kept as typed, not turned into 0
    const books = page.locator('input[data-field=books]');
    await books.fill('abc');
    await page.getByText('请输入数字').first().waitFor({ timeout: 5_000 });
    expect(await books.inputValue()).toBe('abc');
    await page.getByTestId('form-save').click();
    await page.getByTestId('form-problems').waitFor({ timeout: 5_000 });
    const problems = (await page.getByTestId('form-problems').textContent()) ?? '';
    expect(problems).toContain('教学用计算机数');
    expect(problems).toContain('图书');
    await page.screenshot({ path: path.join(shots, 'registry-number-errors.png'), fullPage: false });
    expect(puts).toEqual([]);
    await page.close();
  });

  it('the audit log reads as people read it: field names, the school’s name, values written out', async () => {
    const page = await signedIn('admin', ADMIN);
    const csrf = (await page.context().cookies()).find((c) => c.name === 'jh_csrf')?.value ?? '';
    const code = '2133990204';
    const card = ((await (await page.request.get(`${base}/api/schools/${code}`)).json()) as { school: Record<string, unknown> }).school;
    const { districtId: _d, code: _c, ...body } = card;
    const r = await page.request.put(`${base}/api/schools/${code}`, { data: { ...body, isBoarding: !card.isBoarding }, headers: { 'x-csrf-token': csrf } });
    expect(r.status()).toBe(200);
    await page.goto(base + '/audit');
    const row = page.locator('tr', { hasText: '寄宿制' }).first();
    await row.waitFor({ timeout: 20_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('青溪博文初级中学');
    expect(text).toContain('学校');
    expect(text).toContain(card.isBoarding ? '是' : '否');
    expect(text).not.toMatch(/true|false|isBoarding|school\b/);
    await page.screenshot({ path: path.join(shots, 'registry-audit.png'), fullPage: false });
    await page.close();
  });

  it('the viewer’s school list: registry facts and totals, no school’s own figures; no sideways scrolling at 390 px', async () => {
    const page = await signedIn('guest', VIEWER, 390);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(800);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'registry-overview-390.png'), fullPage: true });
    await page.goto(base + '/schools?year=2024');
    await page.getByTestId('schools-help').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('schools-help').textContent()).toContain('各校的统计数字');
    await page.getByTestId('schools-total').waitFor({ timeout: 20_000 });
    const table = (await page.getByTestId('school-table').textContent()) ?? '';
    expect(table).not.toContain('填报状态');
    expect(table).toContain('全县合计');
    // The district totals, visible without scrolling: 2024 demo, 30,080 students in 719 classes, 198 above the standard.
    const totals = (await page.getByTestId('schools-totals').textContent()) ?? '';
    expect(totals).toContain('30,080');
    expect(totals).toContain('719');
    expect(totals).toContain('198');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'registry-schools-viewer-390.png'), fullPage: true });
    await page.close();
  });

  it('the bureau’s overview and school list at 390 px: no sideways scrolling', async () => {
    const page = await signedIn('admin', ADMIN, 390);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => page.getByTestId('overview-cards').textContent(), { timeout: 20_000 }).toContain('27.5');
    await page.waitForTimeout(800);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'registry-overview-admin-390.png'), fullPage: false });
    await page.getByTestId('overview-bands-help').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'registry-overview-bands-390.png'), fullPage: false });
    await page.goto(base + '/schools?year=2024');
    await page.getByTestId('schools-total').waitFor({ timeout: 20_000 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'registry-schools-admin-390.png'), fullPage: false });
    await page.close();
  });
});
