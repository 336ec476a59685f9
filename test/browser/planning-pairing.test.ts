// The pairing page (结对帮扶) in Debian's Chromium on the demo county (loadDemoPairings): the close-pairing share
// equals the one counted here in SQL from the stored pairings and the open schools; the bureau confirms a suggested
// pair (type, note) and removes it again, each reaching the database; a viewer reads the page without the actions;
// on a 390 px phone the page does not scroll sideways. Screenshots in .tmp/screenshots (pairing-*.png).
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { createAuthService } from '../../src/server.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { RegistryService } from '../../src/registry/service.js';
import { BalanceService } from '../../src/balance/service.js';
import { ExamService } from '../../src/exams/service.js';
import { ExamCohorts } from '../../src/exams/cohorts.js';
import { GrowthService } from '../../src/growth/service.js';
import { loadDemoPairings } from '../../src/planning/pairing/demo.js';
import { MovesService } from '../../src/teachers/moves/service.js';
import { formatNumber } from '../../src/core/format.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
const YEAR = Math.max(...DEMO_YEARS);
const PASS = 'pairing-boss-pass-1';

describe.skipIf(!hasBrowser)('browser: pairing (教共体)', () => {
  let s: DemoServer;
  const q = async (query: ReturnType<typeof sql>) => rowsOf(await s.database.db.execute(query));
  /** Open schools in a 融合型 or 共建型 pairing of the year, and all open schools — counted in SQL. */
  const closeShare = async () => {
    const [r] = await q(sql`
      with open as (select code from schools where district_id = ${DEMO_DISTRICT_ID} and is_open),
           inclose as (select lead_code as code from planning_pairings where district_id = ${DEMO_DISTRICT_ID} and year = ${YEAR} and type in ('融合型', '共建型')
                       union select member_code from planning_pairings where district_id = ${DEMO_DISTRICT_ID} and year = ${YEAR} and type in ('融合型', '共建型'))
      select (select count(*) from open)::int as schools, (select count(*) from inclose where code in (select code from open))::int as close`);
    return { schools: Number(r.schools), close: Number(r.close) };
  };

  beforeAll(async () => {
    s = await startDemo(PASS);
    // The first start loads the demo's pairings (src/bootstrap.ts); load them here only where it does not.
    const [had] = await q(sql`select count(*)::int as n from planning_pairings where district_id = ${DEMO_DISTRICT_ID}`);
    if (Number(had.n) === 0) {
      const db = s.database.db;
      const registry = new RegistryService(db);
      await loadDemoPairings(
        db,
        { registry, balance: new BalanceService(db, registry), exams: new ExamService(db), growth: new GrowthService(new ExamCohorts(db)), moves: new MovesService(db, { registry }) },
        DEMO_DISTRICT_ID,
        YEAR,
      );
    }
    await createAuthService(s.database.db).createUser(
      { districtId: DEMO_DISTRICT_ID, username: 'setup' },
      { username: 'guest', displayName: '访客', role: 'viewer', password: 'reader-seven-pass-7', mustChangePassword: false },
    );
  }, 600_000);
  afterAll(async () => s?.close());

  it('the bureau sees the share against the target, confirms a suggested pair and removes it', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASS);
    await page.goto(`${s.base}/planning/pairing?year=${YEAR}`);
    const kpi = page.getByTestId('pairing-kpi-close');
    await kpi.getByText('所在办学校参加融合型或共建型结对').waitFor({ timeout: 60_000 });
    const before = await closeShare();
    expect(before.close).toBeGreaterThan(0);
    expect(await kpi.textContent()).toContain(formatNumber(before.close / before.schools, { decimals: 1, percent: true }));
    expect(await kpi.textContent()).toContain(`${before.close} / ${before.schools}`);
    await page.getByTestId('pairing-suggestions').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(800); // the map's drawing
    await page.screenshot({ path: path.join(SHOTS, 'pairing-01-primary.png'), fullPage: true });

    await page.getByTestId('pairing-group').getByText('初中组').click();
    await page.getByTestId('pairing-suggestions').locator('tbody tr[data-row-key]').first().waitFor();
    // A row opens to both schools' components.
    await page.getByTestId('pairing-suggestions').locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('pairing-suggestions').getByText('考试成绩').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'pairing-02-junior.png'), fullPage: true });

    // Confirm the first suggested junior pair as 融合型.
    const button = page.getByTestId('pairing-suggestions').locator('[data-testid^="pairing-confirm-"]').first();
    const member = (await button.getAttribute('data-testid'))!.replace('pairing-confirm-', '');
    await button.click();
    const modal = page.getByTestId('pairing-confirm-modal');
    await modal.getByTestId('pairing-type').getByText('融合型', { exact: true }).click();
    await modal.getByTestId('pairing-note').fill('浏览器测试');
    await page.screenshot({ path: path.join(SHOTS, 'pairing-03-confirm.png'), fullPage: false });
    await page
      .getByRole('button', { name: '确 认' })
      .or(page.getByRole('button', { name: '确认' }))
      .last()
      .click();
    await page.getByText('已确认：').waitFor({ timeout: 20_000 });
    const [row] = await q(sql`select id, type, note, confirmed_by from planning_pairings where district_id = ${DEMO_DISTRICT_ID} and year = ${YEAR} and member_code = ${member}`);
    expect(row).toMatchObject({ type: '融合型', note: '浏览器测试', confirmed_by: 'admin' });
    const after = await closeShare();
    expect(after.close).toBeGreaterThan(before.close);
    await kpi.getByText(`${after.close} / ${after.schools}`).waitFor({ timeout: 20_000 });

    // Remove it again from the confirmed list.
    await page.getByTestId(`pairing-remove-${row.id}`).click();
    await page.locator('.ant-popconfirm').getByRole('button').last().click();
    await page.getByText('已删除结对').waitFor({ timeout: 20_000 });
    expect(await q(sql`select id from planning_pairings where district_id = ${DEMO_DISTRICT_ID} and id = ${row.id}`)).toHaveLength(0);
    await kpi.getByText(`${before.close} / ${before.schools}`).waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('a viewer reads the page without the actions, in English too', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    await page.addInitScript("localStorage.setItem('jh_lang', 'en')"); // runs in the page, before its scripts
    await signInPage(page, s.base, 'guest', 'reader-seven-pass-7');
    await page.goto(`${s.base}/planning/pairing?year=${YEAR}`);
    await page.getByTestId('pairing-suggestions').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid^="pairing-confirm-"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="pairing-remove-"]').count()).toBe(0);
    expect(await page.getByTestId('pairing-kpi-close').textContent()).toContain('Schools in close pairings');
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SHOTS, 'pairing-04-viewer.png'), fullPage: true });
    await page.close();
  });

  it('fits a phone', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 2 });
    await signInPage(page, s.base, 'admin', PASS);
    await page.goto(`${s.base}/planning/pairing?year=${YEAR}`);
    await page.getByTestId('pairing-suggestions').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(800);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'pairing-05-phone.png'), fullPage: true });
    await page.close();
  });
});
