// The homework and sleep page in Debian's Chromium on the demo county's survey (loadDemoBurden): the bureau's KPI of
// the district equals the share counted here in SQL against the limits (grades 1–2 > 0, 3–6 > 60, 7–9 > 90 minutes),
// a bad file shows every bad cell, and the health staff read the page and a school's pupil rows on a 390 px phone
// without the page scrolling sideways. Screenshots in .tmp/screenshots (burden-*.png).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { createAuthService } from '../../src/server.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { loadDemoBurden } from '../../src/wellbeing/burden/demo.js';
import { formatPercent } from '../../src/core/format.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);

describe.skipIf(!hasBrowser)('browser: homework and sleep', () => {
  let s: DemoServer;
  let dir: string;
  let loadMs = 0;

  beforeAll(async () => {
    s = await startDemo('burden-boss-pass-1');
    const r = await loadDemoBurden(s.database.db, DEMO_DISTRICT_ID, DEMO_YEARS);
    loadMs = r.ms;
    await createAuthService(s.database.db).createUser(
      { districtId: DEMO_DISTRICT_ID, username: 'setup' },
      { username: 'nurse', displayName: '卫生健康专员', role: 'health', password: 'health-staff-pass-7' },
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-burden-files-'));
  }, 180_000);
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bureau sees the district’s share over the limit and the refused cells of a bad file', async () => {
    expect(loadMs).toBeLessThan(10_000);
    const [c] = rowsOf(
      await s.database.db
        .execute(sql`select count(*) filter (where (grade <= 2 and homework_minutes > 0) or (grade between 3 and 6 and homework_minutes > 60) or (grade >= 7 and homework_minutes > 90))::int as over,
        count(homework_minutes)::int as answered from burden_records where district_id = ${DEMO_DISTRICT_ID}`),
    );
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', 'burden-boss-pass-1');
    await page.goto(s.base + '/wellbeing/burden');
    await page.getByTestId('burden-kpi-over').waitFor({ timeout: 20_000 });
    await page.getByTestId('burden-table').locator('tbody tr[data-row-key]').first().waitFor();
    expect(await page.getByTestId('burden-kpi-over').textContent()).toContain(formatPercent(Number(c.over) / Number(c.answered)));
    await page.screenshot({ path: path.join(SHOTS, 'burden-01-desktop.png'), fullPage: true });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '学籍号,学校代码,年级,书面作业时间,睡眠时间\nX1,2133990102,4,70,9\nX2,2133990102,10,70,9\n');
    await page.locator('input[type=file]').first().setInputFiles(bad);
    await page.getByText('1 处问题，记录未导入').waitFor({ timeout: 20_000 });
    const problem = page.locator('.ant-alert-error tbody tr').first();
    expect(await problem.textContent()).toContain('3');
    expect(await problem.textContent()).toContain('年级');
    await page.screenshot({ path: path.join(SHOTS, 'burden-02-import-problems.png'), fullPage: false });
    await page.close();
  });

  it('the health staff read it on a 390 px phone, with a school’s pupil rows', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await signInPage(page, s.base, 'nurse', 'health-staff-pass-7');
    await page.goto(s.base + '/wellbeing/burden');
    await page.getByTestId('burden-kpi-over').waitFor({ timeout: 20_000 });
    await page.getByTestId('burden-table').locator('tbody tr[data-row-key]').first().waitFor();
    await page.waitForTimeout(600); // charts settle
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOTS, 'burden-03-phone.png'), fullPage: true });
    await page.getByTestId('burden-kpi-over').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'burden-03a-phone-kpis.png') });
    await page.getByTestId('burden-dist-homework').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'burden-03b-phone-charts.png') });
    await page.getByTestId('burden-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'burden-03c-phone-table.png') });
    await page.locator('[data-testid^=burden-pupils-]').first().click();
    await page.getByTestId('burden-pupils').locator('tbody tr[data-row-key]').nth(2).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SHOTS, 'burden-04-phone-pupils.png'), fullPage: false });
    await page.close();
  });
});
