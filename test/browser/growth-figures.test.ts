// Growth (增值评价) in Debian's Chromium on the demo district:
//   - item 12: the school table of /growth shows the same figures as the PDF report of the same pair (its HTML,
//     rendered from the same answer): value-added, SE, interval, exit and entry z, z-gain, linkage rate;
//   - item 14: /growth does not overflow a 390 × 844 phone screen (no horizontal scroll of the page), and the quadrant
//     chart's labels do not overlap (ECharts' label layout must be registered for that).
// Screenshots in .tmp/screenshots/growth-*.png. Skipped without /usr/bin/chromium or a built web app.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { hasBrowser, SHOTS as shots, startDemo, type DemoServer } from './harness.js';
import { growthReportHtml } from '../../src/growth/report-html.js';
import type { VaResponse } from '../../src/growth/service.js';

describe.skipIf(!hasBrowser)('browser: growth figures and layout', { timeout: 240_000 }, () => {
  let browser: Browser;
  let page: Page;
  let base: string;
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemo('growth-ui-pass-1');
    ({ browser, base } = demo);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(base + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('growth-ui-pass-1');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
  }, 240_000);
  afterAll(async () => demo?.close());

  it('the school table shows the PDF report’s figures', async () => {
    await page.goto(base + '/growth');
    const table = page.getByTestId('growth-school-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
    const url = new URL(page.url());
    // The pair the page shows: the latest (the page's default), 总分.
    const pairs = await page.evaluate<{ pairs: { from: number; to: number }[] }>("fetch('/api/growth/exams').then((r) => r.json())");
    const from = Number(url.searchParams.get('from')) || pairs.pairs[0].from;
    const to = Number(url.searchParams.get('to')) || pairs.pairs[0].to;
    const va = await page.evaluate<VaResponse>(`fetch('/api/growth/value-added?from=${from}&to=${to}&subject=' + encodeURIComponent('总分')).then((r) => r.json())`);
    const html = growthReportHtml(va, { districtName: '青溪县（演示）' });
    const part = html.slice(html.indexOf('三、学校增值表'), html.indexOf('四、班级增值'));
    const pdf = [...part.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].trim())).filter((r) => r.length > 2);
    // UI columns: 学校, n, 增值, SE, 95% 区间, 评价, 象限, 出口均值 z, 入口均值 z, z 分增量, 匹配率 (SGP)
    const ui = await page.evaluate<string[][]>(
      "[...document.querySelectorAll('[data-testid=growth-school-table] tbody tr.ant-table-row')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()))",
    );
    let compared = 0;
    for (const p of pdf) {
      // PDF: 学校, n, 增值, SE, 95% 区间, 评价, 成就×增长, 起点×增长, 出口 z, 入口 z, z 增量, 匹配率
      const row = ui.find((r) => r[0].startsWith(p[0]));
      expect(row, p[0]).toBeDefined();
      expect([row![1], row![2], row![3], row![4], row![7], row![8], row![9], row![10]], p[0]).toEqual([p[1], p[2], p[3], p[4], p[8], p[9], p[10], p[11]]);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    await page.screenshot({ path: path.join(shots, 'growth-schools.png'), fullPage: true });
  });

  it('draws the quadrant chart (its labels checked on the screenshot: no two overlap)', async () => {
    await page.goto(base + '/growth?tab=quadrant');
    const chart = page.getByTestId('growth-quadrant');
    await chart.locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await chart.screenshot({ path: path.join(shots, 'growth-quadrant.png') });
  });

  it('fits a 390 × 844 phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(base + '/growth');
    await page.getByTestId('growth-school-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const overflow = await page.evaluate<number[]>('[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]');
    await page.screenshot({ path: path.join(shots, 'growth-390.png'), fullPage: true });
    expect(overflow[0], `page ${overflow[0]} px wide on a ${overflow[1]} px screen`).toBeLessThanOrEqual(overflow[1]);
    expect(overflow[2]).toBeLessThanOrEqual(overflow[1]);
    await page.goto(base + '/growth?tab=quadrant');
    await page.getByTestId('growth-quadrant').locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    const q = await page.evaluate<number[]>('[document.documentElement.scrollWidth, window.innerWidth]');
    await page.screenshot({ path: path.join(shots, 'growth-390-quadrant.png'), fullPage: true });
    expect(q[0]).toBeLessThanOrEqual(q[1]);
  });
});
