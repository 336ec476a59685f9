// The fitness page in Debian's Chromium on the demo county's results (loadDemoFitness, loaded at the first start; loaded
// here when the demo has none): the district's 达标率 equals the count in SQL, the trend, the schools below the target,
// the items and the distribution tabs; pupil rows (times as 3'50") and their export for the health staff only; the
// retention setting with its preview counted in SQL, and a purge after which the purged year reads the same; a 390 px
// phone without sideways scrolling. Screenshots in .tmp/screenshots (fitness-*.png).
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { createAuthService } from '../../src/server.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { loadDemoFitness } from '../../src/wellbeing/fitness/demo.js';
import { formatNumber, formatPercent } from '../../src/core/format.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
const PASS = 'fitness-boss-pass-1';

describe.skipIf(!hasBrowser)('browser: the fitness report', () => {
  let s: DemoServer;
  const latest = Math.max(...DEMO_YEARS);
  const first = Math.min(...DEMO_YEARS);
  const count = async (year: number) => {
    const [c] = rowsOf(
      await s.database.db.execute(
        sql`select count(*)::int as n, count(total)::int as scored, count(*) filter (where level in ('优秀', '良好', '及格'))::int as passed
            from fitness_results where district_id = ${DEMO_DISTRICT_ID} and year = ${year}`,
      ),
    );
    return { n: Number(c.n), scored: Number(c.scored), passed: Number(c.passed) };
  };

  beforeAll(async () => {
    s = await startDemo(PASS, async (app) => {
      if ((await app.services.wellbeing.years(DEMO_DISTRICT_ID)).length === 0) await loadDemoFitness(app.services.database.db, DEMO_DISTRICT_ID, DEMO_YEARS);
      await createAuthService(app.services.database.db).createUser(
        { districtId: DEMO_DISTRICT_ID, username: 'setup' },
        { username: 'nurse', displayName: '卫生健康专员', role: 'health', password: 'health-staff-pass-7' },
      );
    });
  }, 400_000);
  afterAll(async () => s?.close());

  it('the bureau sees the district’s pass rate against the target, the trend, the schools below it, the items and the distribution', async () => {
    const c = await count(latest);
    expect(c.scored).toBeGreaterThan(1000);
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASS);
    await page.goto(s.base + '/wellbeing');
    const district = page.getByTestId('wellbeing-table').locator('tr[data-row-key="*"]');
    await district.waitFor({ timeout: 60_000 });
    expect(await district.textContent()).toContain(formatPercent(c.passed / c.scored));
    expect(await page.getByTestId('wellbeing-target').textContent()).toContain('95%');
    // The bureau's administrator has no pupil-level rights: no pupil button anywhere.
    expect(await page.locator('[data-testid^="wellbeing-pupils-"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'fitness-01-report.png'), fullPage: true });

    await page.getByRole('tab', { name: '历年趋势' }).click();
    await page.getByTestId('fitness-trend-chart').waitFor();
    await page.waitForTimeout(800); // the chart's animation
    await page.screenshot({ path: path.join(SHOTS, 'fitness-02-trend.png'), fullPage: true });

    await page.getByRole('tab', { name: '未达目标的学校' }).click();
    await page.getByTestId('fitness-below').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'fitness-03-below.png'), fullPage: true });

    await page.getByRole('tab', { name: '分项目' }).click();
    await page.getByTestId('fitness-items').locator('tbody tr[data-row-key]').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'fitness-04-items.png'), fullPage: true });

    await page.getByRole('tab', { name: '总分分布' }).click();
    await page.getByTestId('fitness-dist-chart').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SHOTS, 'fitness-05-distribution.png'), fullPage: true });
    await page.close();
  });

  it('the health staff read a school’s pupil rows with run times as 3\'50" and can export them', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'nurse', 'health-staff-pass-7');
    await page.goto(s.base + '/wellbeing');
    const button = page.locator('[data-testid^="wellbeing-pupils-"]').first();
    await button.waitFor({ timeout: 60_000 });
    await button.click();
    const table = page.getByTestId('wellbeing-pupils');
    await table.locator('tbody tr[data-row-key]').first().waitFor({ timeout: 30_000 });
    // 50 m and the 50 m × 8 shuttle (primary) or 1000 / 800 m (junior) are times: minutes and seconds or seconds with ″.
    expect(await table.locator('tbody').textContent()).toMatch(/\d+(\.\d)?" \/ \d+/);
    await page.getByTestId('wellbeing-pupils-export').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'fitness-06-pupils.png'), fullPage: false });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('wellbeing-pupils-export').click()]);
    expect(download.suggestedFilename()).toMatch(/体质健康明细.*\.xlsx$/);
    const [a] = rowsOf(await s.database.db.execute(sql`select count(*)::int as n from audit_log where entity = 'fitness-students' and action = 'export' and username = 'nurse'`));
    expect(Number(a.n)).toBe(1);
    await page.close();
  });

  it('the page fits a 390 px phone', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 2 });
    await signInPage(page, s.base, 'nurse', 'health-staff-pass-7');
    await page.goto(s.base + '/wellbeing');
    await page.getByTestId('wellbeing-table').locator('tr[data-row-key="*"]').waitFor({ timeout: 60_000 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'fitness-07-phone.png'), fullPage: false });
    await page.getByRole('tab', { name: '历年趋势' }).click();
    await page.getByTestId('fitness-trend-chart').waitFor();
    await page.waitForTimeout(800);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'fitness-08-phone-trend.png'), fullPage: true });
    await page.close();
  });

  it('the bureau sets the retention, sees what it removes, purges, and the purged year reads the same', async () => {
    const old = await count(first);
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASS);
    await page.goto(s.base + '/wellbeing/settings');
    await page.getByTestId('retention-preview').waitFor({ timeout: 30_000 });
    await page.getByText('保留最近').click();
    // Keep the latest two years: the first demo year goes.
    await page
      .locator('[data-testid=retention-years] input, input[data-testid=retention-years]')
      .first()
      .fill(String(DEMO_YEARS.length - 1));
    // The fitness row of the preview names the first year's pupil rows as counted in SQL (vision and homework rows of the
    // demo are purged alike by their own kinds).
    const preview = page.getByTestId('retention-preview').locator('tr[data-row-key="fitness"]');
    await preview.getByText(`${first}–${first + 1}学年：${formatNumber(old.n, 0)} 行`).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'fitness-09-retention-preview.png'), fullPage: true });
    await page.getByTestId('retention-save').click();
    await page.getByText('已保存').first().waitFor();
    await page.getByTestId('retention-purge').click();
    await page.getByText(/将删除 [\d,]+ 行学生明细/).waitFor();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText(/已删除 [\d,]+ 行学生明细/).waitFor({ timeout: 120_000 });
    expect((await count(first)).n).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'fitness-10-retention-done.png'), fullPage: true });
    // The purged year still reports its pass rate (from the stored tallies).
    await page.goto(s.base + '/wellbeing');
    await page.getByTestId('wellbeing-year').click();
    await page.getByTitle(`${first}–${first + 1}学年`).click();
    await page.getByTestId('wellbeing-purged').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('wellbeing-table').locator('tr[data-row-key="*"]').textContent()).toContain(formatPercent(old.passed / old.scored));
    await page.screenshot({ path: path.join(SHOTS, 'fitness-11-purged-year.png'), fullPage: false });
    await page.close();
  }, 240_000);
});
