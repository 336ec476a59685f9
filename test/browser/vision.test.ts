// The vision page in Debian's Chromium on the demo county's screening (loadDemoVision): the bureau's KPIs equal the
// figures counted here in SQL (myopes / pupils with an acuity; results without SE), a bad file shows every bad cell,
// and the health staff read the page and a school's pupil rows on a 390 px phone without the page scrolling sideways.
// Screenshots in .tmp/screenshots (vision-*.png).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { createAuthService } from '../../src/server.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { loadDemoVision } from '../../src/wellbeing/vision/demo.js';
import { formatNumber, formatPercent } from '../../src/core/format.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);

describe.skipIf(!hasBrowser)('browser: vision and myopia', () => {
  let s: DemoServer;
  let dir: string;
  let load = { rows: 0, ms: 0, writeMs: 0 };

  beforeAll(async () => {
    s = await startDemo('vision-boss-pass-1');
    // The first start loads the demo's screening (src/bootstrap.ts); load it here only where it does not.
    const [had] = rowsOf(await s.database.db.execute(sql`select count(*)::int as n from vision_results where district_id = ${DEMO_DISTRICT_ID}`));
    if (Number(had.n) === 0) load = await loadDemoVision(s.database.db, DEMO_DISTRICT_ID, DEMO_YEARS);
    await createAuthService(s.database.db).createUser(
      { districtId: DEMO_DISTRICT_ID, username: 'setup' },
      { username: 'nurse', displayName: '卫生健康专员', role: 'health', password: 'health-staff-pass-7' },
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-vision-files-'));
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bureau sees the district’s myopia rate, the acuity-only count and the refused cells of a bad file', async () => {
    if (load.rows) console.log(`loadDemoVision: ${load.rows} rows in ${load.ms} ms (writing ${load.writeMs} ms)`);
    const year = Math.max(...DEMO_YEARS);
    const [c] = rowsOf(
      await s.database.db.execute(
        sql`select count(*) filter (where myopia)::int as myopes, count(myopia)::int as n, count(*) filter (where basis = 'acuity-only')::int as acuity_only
            from vision_results where district_id = ${DEMO_DISTRICT_ID} and year = ${year}`,
      ),
    );
    expect(Number(c.acuity_only)).toBeGreaterThan(0);
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', 'vision-boss-pass-1');
    await page.goto(s.base + '/wellbeing/vision');
    await page.getByTestId('vision-kpi-rate').waitFor({ timeout: 30_000 });
    await page.getByTestId('vision-schools').locator('tbody tr[data-row-key]').first().waitFor();
    expect(await page.getByTestId('vision-kpi-rate').textContent()).toContain(formatPercent(Number(c.myopes) / Number(c.n)));
    expect(await page.getByTestId('vision-kpi-acuity-only').textContent()).toContain(formatNumber(Number(c.acuity_only), 0));
    await page.waitForTimeout(800); // the chart's animation
    await page.screenshot({ path: path.join(SHOTS, 'vision-01-desktop.png'), fullPage: true });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '学籍号,学校代码,年级,性别,右眼裸眼视力,左眼裸眼视力\nX1,2133990102,4,男,5.0,4.9\nX2,2133990102,4,女,5.6,4.9\n');
    await page.locator('input[type=file]').first().setInputFiles(bad);
    await page.getByText('1 处问题，记录未导入').waitFor({ timeout: 20_000 });
    const problem = page.locator('.ant-alert-error tbody tr').first();
    expect(await problem.textContent()).toContain('3');
    expect(await problem.textContent()).toContain('右眼裸眼视力');
    await page.screenshot({ path: path.join(SHOTS, 'vision-02-import-problems.png'), fullPage: false });
    await page.close();
  });

  it('the health staff read the page and a school’s pupil rows on a phone', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 2 });
    await signInPage(page, s.base, 'nurse', 'health-staff-pass-7');
    await page.goto(s.base + '/wellbeing/vision');
    await page.getByTestId('vision-kpi-rate').waitFor({ timeout: 30_000 });
    await page.getByTestId('vision-schools').locator('tbody tr[data-row-key]').first().waitFor();
    await page.waitForTimeout(800);
    // Nothing wider than the phone: the tables scroll inside their cards, the page does not.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'vision-03-phone.png'), fullPage: true });
    // The same page a screen at a time, to look at.
    for (const [id, name] of [
      ['vision-kpi-rate', 'a-kpis'],
      ['vision-trend', 'b-trend'],
      ['vision-schools', 'c-schools'],
      ['vision-grades', 'd-grades'],
    ] as const) {
      await page.evaluate(`document.querySelector('[data-testid="${id}"]').scrollIntoView({ block: 'start' })`);
      await page.screenshot({ path: path.join(SHOTS, `vision-03${name}-phone.png`) });
    }
    await page.locator('[data-testid^=vision-pupils-]').first().click();
    await page.getByTestId('vision-pupils').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SHOTS, 'vision-04-phone-pupils.png'), fullPage: false });
    const [a] = rowsOf(await s.database.db.execute(sql`select count(*)::int as n from audit_log where entity = 'vision-students' and username = 'nurse'`));
    expect(Number(a.n)).toBe(1);
    await page.close();
  });
});
