// The teacher-exchange page in Debian's Chromium on the demo county's draft plan (loadDemoExchange): the bureau's
// KPIs equal D and the 差异系数 recomputed here from the stored moves and the registry's students in SQL; removing a
// move shows the broken rule in red and disables the lock, adding it back clears it; the plan is locked through its
// confirm dialog and becomes read-only; the workbook downloads with every move; a new plan's bad file names its cells
// and a good one opens as a draft; the plan reads on a 390 px phone without the page scrolling sideways.
// Screenshots in .tmp/screenshots (planning-exchange-*.png).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { loadDemoExchange } from '../../src/planning/exchange/demo.js';
import { formatNumber } from '../../src/core/format.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
const YEAR = Math.max(...DEMO_YEARS);
const PASSWORD = 'exchange-boss-pass-1';
const shot = (name: string) => path.join(SHOTS, `planning-exchange-${name}.png`);

type Teacher = { teacherId: string; schoolCode: string; subject: string; backbone: boolean };
type Move = { teacherId: string; from: string; to: string };

describe.skipIf(!hasBrowser)('browser: teacher exchange', () => {
  let s: DemoServer;
  let dir: string;

  beforeAll(async () => {
    s = await startDemo(PASSWORD);
    // The first start loads the demo plan (bootstrap); loading it again adds nothing.
    await loadDemoExchange(s.database.db, s.app.services.exchange.deps, DEMO_DISTRICT_ID, YEAR);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-exchange-files-'));
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const openPlan = async (page: Page) => {
    await page.goto(`${s.base}/planning/exchange`);
    await page.getByTestId('exchange-list').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('exchange-list').locator('tbody tr[data-row-key] a').filter({ hasText: '2025 学年教师交流轮岗方案' }).click();
    await page.getByTestId('exchange-kpi-d').waitFor({ timeout: 30_000 });
    await page.getByTestId('exchange-moves').locator('tbody tr[data-row-key]').first().waitFor();
  };

  it('shows the demo draft with D and the CV as recomputed from its moves and the registry’s students', async () => {
    const plans = rowsOf(await s.database.db.execute(sql`select id, teachers, moves, schools from planning_exchange_plans where district_id = ${DEMO_DISTRICT_ID}`));
    expect(plans).toHaveLength(1);
    const [row] = plans;
    expect((row.teachers as unknown[]).length).toBeGreaterThan(1000);
    const teachers = row.teachers as Teacher[];
    const moves = row.moves as Move[];
    const inPlan = new Set((row.schools as { included: { schoolCode: string }[] }).included.map((x) => x.schoolCode));
    const students = new Map(
      rowsOf(await s.database.db.execute(sql`select school_code, sum(students)::int as n from grade_enrolments where district_id = ${DEMO_DISTRICT_ID} and year = ${YEAR} group by school_code`)).map(
        (r) => [String(r.school_code), Number(r.n)],
      ),
    );
    // D = Σ|B_s − μ·P_s| and the student-weighted CV of 骨干 per 100 students, before and after the moves.
    const figures = (after: boolean) => {
      const to = new Map(after ? moves.map((m) => [m.teacherId, m.to]) : []);
      const b = new Map([...inPlan].map((c) => [c, 0]));
      for (const t of teachers) if (t.backbone && inPlan.has(t.schoolCode)) b.set(to.get(t.teacherId) ?? t.schoolCode, b.get(to.get(t.teacherId) ?? t.schoolCode)! + 1);
      const P = [...inPlan].reduce((n, c) => n + students.get(c)!, 0);
      const mu = [...b.values()].reduce((n, x) => n + x, 0) / P;
      const d = [...inPlan].reduce((n, c) => n + Math.abs(b.get(c)! - mu * students.get(c)!), 0);
      const sd = Math.sqrt([...inPlan].reduce((n, c) => n + students.get(c)! * ((b.get(c)! / students.get(c)!) * 100 - mu * 100) ** 2, 0) / P);
      return { d, cv: sd / (mu * 100) };
    };
    const before = figures(false);
    const after = figures(true);
    expect(after.d).toBeLessThan(before.d);

    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await page.goto(`${s.base}/planning/exchange`);
    await page.getByTestId('exchange-list').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('exchange-list').textContent()).toContain('2025 学年教师交流轮岗方案');
    await page.screenshot({ path: shot('01-list'), fullPage: true });
    await openPlan(page);
    expect(await page.getByTestId('exchange-kpi-d').textContent()).toContain(`${formatNumber(before.d, 1)} → ${formatNumber(after.d, 1)}`);
    expect(await page.getByTestId('exchange-kpi-cv').textContent()).toContain(`${formatNumber(before.cv, 3)} → ${formatNumber(after.cv, 3)}`);
    expect(await page.getByTestId('exchange-kpi-movers').textContent()).toContain(`${formatNumber(moves.length, 0)} / `);
    expect(await page.getByTestId('exchange-violations').textContent()).toContain('全部规则均满足');
    await page.waitForTimeout(800); // the chart settles
    await page.screenshot({ path: shot('02-plan'), fullPage: true });
    await page.getByTestId('exchange-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('02a-chart') });
    // Reading the plan is audited.
    const reads = rowsOf(await s.database.db.execute(sql`select count(*)::int as n from audit_log where district_id = ${DEMO_DISTRICT_ID} and entity = 'exchange-plan' and action = 'read'`));
    expect(Number(reads[0].n)).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('marks a broken rule after an edit, clears it when the move is added back, and locks the plan', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await openPlan(page);
    const table = page.getByTestId('exchange-moves');
    const first = table.locator('tbody tr[data-row-key]').first();
    const teacher = (await first.getAttribute('data-row-key'))!;
    const [stored] = rowsOf(await s.database.db.execute(sql`select moves, schools from planning_exchange_plans where district_id = ${DEMO_DISTRICT_ID}`));
    const to = (stored.moves as Move[]).find((m) => m.teacherId === teacher)!.to;
    const toName = (stored.schools as { included: { schoolCode: string; schoolName: string }[] }).included.find((x) => x.schoolCode === to)!.schoolName;
    await page.getByTestId(`move-remove-${teacher}`).click();
    await page.getByTestId('exchange-violations').filter({ hasText: '违反规则' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('exchange-violations').textContent()).toContain('学科人数平衡');
    expect(await page.getByTestId('exchange-lock').isDisabled()).toBe(true);
    await page.getByTestId('exchange-violations').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('03-violation') });

    // Add the same move back through the form.
    await page.getByTestId('move-add-teacher').click();
    await page.keyboard.type(teacher);
    await page.locator('.ant-select-item-option').filter({ hasText: teacher }).first().click();
    await page.getByTestId('move-add-to').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: new RegExp(`^${toName}（`) })
      .first()
      .click();
    await page.getByTestId('move-add').click();
    await page.getByTestId('exchange-violations').filter({ hasText: '全部规则均满足' }).waitFor({ timeout: 20_000 });

    await page.getByTestId('exchange-lock').click();
    await page.locator('.ant-modal-confirm').getByText('锁定后不能再修改或删除').waitFor();
    await page.screenshot({ path: shot('04-lock-confirm') });
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByTestId('exchange-status').filter({ hasText: '已锁定' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid^=move-remove-]').count()).toBe(0);
    expect(await page.getByTestId('exchange-pins').count()).toBe(0);
    expect(await page.getByTestId('exchange-lock').count()).toBe(0);
    await page.screenshot({ path: shot('05-locked'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('exchange-export').click()]);
    expect(download.suggestedFilename()).toMatch(/教师交流轮岗方案-2024-\d+-已锁定\.xlsx$/);
    const file = path.join(dir, 'plan.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const [row] = rowsOf(await s.database.db.execute(sql`select moves, status from planning_exchange_plans where district_id = ${DEMO_DISTRICT_ID}`));
    expect(row.status).toBe('locked');
    expect(wb.getWorksheet('调动名单')!.rowCount - 4).toBe((row.moves as Move[]).length);
    await page.close();
  });

  it('refuses a bad teacher file naming its cells, and opens a good one as a new draft', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await page.goto(`${s.base}/planning/exchange`);
    await page.getByTestId('exchange-create').click();
    await page.getByTestId('exchange-new').waitFor();
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '教师编号,学校代码,学科,骨干,本校任教年限,年龄\nX1,2133990101,小学语文,1,8,40\nX2,2133990102,小学语文,2,9,abc\n');
    await page.locator('input[type=file]').first().setInputFiles(bad);
    await page.getByText('2 处问题，未新建方案').waitFor({ timeout: 20_000 });
    expect(await page.locator('.ant-alert-error tbody').textContent()).toContain('age');
    await page.screenshot({ path: shot('06-new-plan-problems'), fullPage: true });

    // Six teachers of three primary schools of the county seat (within a few km): 骨干 concentrated at the first.
    const good = path.join(dir, 'good.csv');
    const rows = [
      ['G1', '2133990101', '小学语文', 1, 9, 40],
      ['G2', '2133990101', '小学数学', 1, 8, 42],
      ['G3', '2133990102', '小学语文', 0, 7, 36],
      ['G4', '2133990102', '小学数学', 0, 10, 45],
      ['G5', '2133990103', '小学语文', 0, 6, 33],
      ['G6', '2133990103', '小学数学', 0, 12, 50],
    ];
    fs.writeFileSync(good, ['teacher_id,school_code,subject,backbone,years_at_school,age', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    await page.getByTestId('exchange-name').fill('城关三校交流试点');
    await page.locator('input[type=file]').first().setInputFiles(good);
    await page.getByTestId('exchange-kpi-d').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('exchange-plan').textContent()).toContain('城关三校交流试点');
    expect(await page.getByTestId('exchange-status').textContent()).toBe('草案');
    await page.waitForTimeout(800);
    await page.screenshot({ path: shot('07-new-plan'), fullPage: true });
    await page.close();
  });

  it('reads on a 390 px phone without the page scrolling sideways', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await openPlan(page);
    await page.waitForTimeout(800);
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: shot('08-phone'), fullPage: true });
    // In English.
    await page.evaluate("localStorage.setItem('jh_lang', 'en')");
    await page.reload();
    await page.getByTestId('exchange-kpi-eligible').filter({ hasText: 'Eligible' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('exchange-status').textContent()).toBe('Locked');
    await page.waitForTimeout(800);
    await page.screenshot({ path: shot('09-phone-en'), fullPage: true });
    await page.close();
  });
});
