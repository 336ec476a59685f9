// A draw end to end in Debian's Chromium: the bureau creates a lottery, uploads the applicants, publishes the list,
// enters the entropy drawn on site, runs and publishes; then a visitor with no account verifies it at /verify (the
// browser recomputes everything with WebCrypto), and the offline verifier file says "matches" for the published
// data and names the difference for a changed one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, SHOTS as shots, signInPage, startDemo, type DemoServer } from './harness.js';

describe.skipIf(!hasBrowser)('browser: a draw run by the bureau and verified by anyone', () => {
  let s: DemoServer;
  let page: Page;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    s = await startDemo('e2e-boss-pass-1');
    base = s.base;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-adm-files-'));
    page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  }, 180_000);
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bureau runs a lottery through every step', async () => {
    await signInPage(page, base, 'admin', 'e2e-boss-pass-1');
    await page.goto(base + '/admissions');
    await page.getByText('城关片区').first().waitFor({ timeout: 20_000 }); // the demo's draws
    await page.screenshot({ path: path.join(shots, 'admissions-01-list.png'), fullPage: true });
    await page.getByTestId('draw-create').click();
    await page.getByTestId('draw-code').fill('E2E-2026-01');
    await page.getByTestId('draw-name').fill('浏览器测试派位');
    await page.getByTestId('draw-school').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.locator('[data-testid=draw-seats] input, input[data-testid=draw-seats]').first().fill('2');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL(/\/admissions\/E2E-2026-01$/, { timeout: 20_000 });
    const list = path.join(dir, 'list.csv');
    fs.writeFileSync(list, 'applicant_id,priority,姓名\nA001,1,张三\nA002,2,李小四\nA003,1,王五\nA004,1,欧阳小明\nA005,2,钱七\n');
    await page.getByText('将报名名单拖到此处').waitFor({ timeout: 20_000 });
    await page.locator('input[type=file]').first().setInputFiles(list);
    await page.getByTestId('draw-publish-list').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('draw-list-hash').waitFor({ timeout: 20_000 });
    // The hash of the method's sorted lines, as sha256sum computes it (src/admissions/methods.test.ts).
    expect(await page.getByTestId('draw-list-hash').textContent()).toContain('595324a72846ea8ebb167b96d3431bed9c85d0519e0fb3486ed82040c5b303a3');
    await page.getByTestId('draw-entropy-0').fill('3,17,42');
    await page.getByRole('button', { name: /再加一项/ }).click();
    await page.getByTestId('draw-entropy-1').fill('99');
    await page.getByTestId('draw-run').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('draw-publish-result').waitFor({ timeout: 20_000 });
    await page.getByTestId('draw-publish-result').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('结果已公布').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, 'admissions-02-draw.png'), fullPage: true });
    expect(await page.getByTestId('draw-applicants').textContent()).toContain('欧阳小明'); // the bureau sees names
  }, 120_000);

  it('a visitor with no account verifies it in the browser, and with the offline file', async () => {
    const visitor = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await visitor.goto(`${base}/verify?district=999901&draw=E2E-2026-01`);
    await visitor.getByTestId('verify-run').click();
    await visitor.getByTestId('verify-outcome').waitFor({ timeout: 20_000 });
    expect(await visitor.getByTestId('verify-outcome').textContent()).toContain('完全一致');
    expect(await visitor.content()).not.toContain('欧阳小明');
    await visitor.screenshot({ path: path.join(shots, 'admissions-03-verify-390.png'), fullPage: true });
    const overflow = await visitor.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    const data = (await (await fetch(`${base}/api/public/draws/999901/E2E-2026-01`)).json()) as { result: { results: { admitted: boolean }[] } };
    const html = await (await fetch(`${base}/api/public/verifier.html`)).text();
    const offline = path.join(dir, 'verify-offline.html');
    fs.writeFileSync(offline, html);
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify(data));
    const changed = structuredClone(data);
    changed.result.results[3].admitted = true;
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(changed));
    const off = await s.browser.newPage();
    await off.goto('file://' + offline);
    await off.getByTestId('offline-file').setInputFiles(good);
    await off.waitForFunction("document.querySelector('[data-testid=offline-out]').className === 'ok'", null, { timeout: 10_000 });
    await off.getByTestId('offline-file').setInputFiles(bad);
    await off.waitForFunction("document.querySelector('[data-testid=offline-out]').className === 'bad'", null, { timeout: 10_000 });
    expect(await off.getByTestId('offline-out').textContent()).toContain('admitted');
    await off.screenshot({ path: path.join(shots, 'admissions-04-offline.png') });
  }, 60_000);
});
