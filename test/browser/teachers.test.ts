// The teachers capability (issue 13, "Done when") in Debian's Chromium on the demo county:
// 1. a school clerk sees only the own school's roster (its rows = the rows counted here in SQL; no other school to
//    choose, another school's roster refused), downloads the template, uploads a file with two bad cells (the problem
//    table names their rows and columns, nothing changes) and then a good one of 5 staff, after which the school's
//    statistics show 来自教师名册 with the teacher figures worked out by hand below;
// 2. the personnel staff (人事专员) see the teachers below the training hours (their count recomputed here in SQL, the
//    clerk's four new teachers among them with 0 h), the 骨干 share against 30 % and its 差异系数 per 学段 (recomputed
//    here from the roster and the registry's students); an analyst gets the no-permission page on the roster and reads
//    /teachers;
// 3. every teachers page at 1366×900 and 390×844 without a page error or sideways scrolling. Screenshots in
//    .tmp/screenshots (teachers-*.png).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { createAuthService } from '../../src/server.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { formatNumber } from '../../src/core/format.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
/** The demo's latest school year: its statistics are being collected and it has the demo's roster. */
const YEAR = Math.max(...DEMO_YEARS);
const ADMIN = 'teachers-boss-pass-1';
const PASS = 'teachers-user-pass-7';
const shot = (name: string) => path.join(SHOTS, `teachers-${name}.png`);
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Shares and CVs as the structure page writes them (one decimal per cent; three decimals). */
const pct = (v: number) => formatNumber(v, { decimals: 1, percent: true });

// The good roster file of a 小学 (no 学部): five staff, four of them 专任; birth years as ages in YEAR.
const HEADER = '工号,姓名,性别,出生年份,任教学科,岗位,最高学历,职称,教师资格证,骨干级别,骨干认定年份,梯队,本校任教起始年,用工形式';
const GOOD = [
  // 专任, 28, 研究生, 二级, certified, 县级骨干 → counted 骨干.
  `BT01,测试甲,女,${YEAR - 28},小学语文,专任,研究生,二级,是,县级,${YEAR - 1},新秀,${YEAR - 3},在编`,
  // 专任, 35, 体育 (PE), 本科, 一级, 校级骨干 (recorded, not counted).
  `BT02,测试乙,男,${YEAR - 35},体育,专任,本科,一级,是,校级,${YEAR - 2},,${YEAR - 10},在编`,
  // 专任, 45, 音乐, 专科, 高级.
  `BT03,测试丙,女,${YEAR - 45},音乐,专任,专科,高级,是,,,,${YEAR - 20},在编`,
  // 专任, 52, 小学数学, 中师 (= 高中及以下: below the 小学's 专科), 一级, no certificate, contract.
  `BT04,测试丁,男,${YEAR - 52},小学数学,专任,中师,一级,否,,,,${YEAR - 30},合同`,
  // 行政 (not counted by the statistics), 40, 美术, 市级骨干.
  `BT05,测试戊,女,${YEAR - 40},美术,行政,本科,高级,是,市级,${YEAR - 3},,${YEAR - 5},在编`,
];
// The same file with two bad cells: row 4 (the third teacher) 职称 “特级”, row 5 (the fourth) 出生年份 “19x5”.
const BAD = GOOD.map((l, i) => (i === 2 ? l.replace(',高级,', ',特级,') : i === 3 ? l.replace(`,${YEAR - 52},`, ',19x5,') : l));
/**
 * The statistics' teacher figures of GOOD, by hand over the four 专任 rows (the 行政 row counts nowhere):
 * total 4; above the 小学's required 专科: 研究生, 本科, 专科 = 3 (中师 is not); postgraduate 1; 骨干 县 1, 市 0 (the 市级
 * is 行政), 省 0; PE 1 (体育), music 1, art 0 (美术 is 行政); 一级 and above: 一级, 高级, 一级 = 3 (二级 not); certified 3;
 * ages 28 / 35 / 45 / 52 → one in each band.
 */
const EXPECTED: Record<string, number> = {
  teachersTotal: 4,
  teachersAboveDegree: 3,
  teachersPostgraduate: 1,
  backboneCounty: 1,
  backboneCity: 0,
  backboneProvince: 0,
  peTeachers: 1,
  musicTeachers: 1,
  artTeachers: 0,
  seniorTitleTeachers: 3,
  certifiedTeachers: 3,
  teachersAgeUnder30: 1,
  teachersAge30to39: 1,
  teachersAge40to49: 1,
  teachersAge50plus: 1,
};
const NEW_FULL_TIME = ['测试甲', '测试乙', '测试丙', '测试丁'];

describe.skipIf(!hasBrowser)('browser: teachers (教师队伍)', () => {
  let s: DemoServer;
  let dir: string;
  /** The clerk's school: a 小学 whose statistics of YEAR are still open (draft or returned) and which has a roster. */
  let school: { code: string; name: string; status: string; rows: number };
  let other: string;
  const errors: string[] = [];
  const q = async (query: ReturnType<typeof sql>) => rowsOf(await s.database.db.execute(query));

  beforeAll(async () => {
    s = await startDemo(ADMIN);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-teachers-files-'));
    const [pick] = await q(sql`
      select s.code, s.name, st.status, (select count(*)::int from teacher_years t where t.district_id = s.district_id and t.school_code = s.code and t.year = ${YEAR}) as rows
      from schools s join school_year_stats st on st.district_id = s.district_id and st.school_code = s.code and st.year = ${YEAR}
      where s.district_id = ${DEMO_DISTRICT_ID} and s.is_open and s.level = '小学' and st.status in ('draft', 'returned')
        and exists (select 1 from teacher_years t where t.district_id = s.district_id and t.school_code = s.code and t.year = ${YEAR})
      order by s.code limit 1`);
    expect(pick).toBeDefined();
    school = { code: String(pick.code), name: String(pick.name), status: String(pick.status), rows: Number(pick.rows) };
    const [o] = await q(sql`select code from schools where district_id = ${DEMO_DISTRICT_ID} and code <> ${school.code} order by code limit 1`);
    other = String(o.code);
    const auth = createAuthService(s.database.db);
    const actor = { districtId: DEMO_DISTRICT_ID, username: 'setup' };
    await auth.createUser(actor, { username: 'clerk-t', displayName: '名册填报员', role: 'clerk', schoolCode: school.code, password: PASS, mustChangePassword: false });
    await auth.createUser(actor, { username: 'hr-t', displayName: '人事专员', role: 'personnel', password: PASS, mustChangePassword: false });
    await auth.createUser(actor, { username: 'analyst-t', displayName: '分析员', role: 'analyst', password: PASS, mustChangePassword: false });
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A signed-in page of its own browser context; its uncaught errors are collected. */
  const signedIn = async (user: string, viewport = DESKTOP) => {
    const phone = viewport.width < 500;
    const page = await s.browser.newPage({ viewport, locale: 'zh-CN', acceptDownloads: true, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    page.on('pageerror', (e) => errors.push(`${user} ${page.url()}: ${e.message}`));
    // Console errors are only reported (a refused request logs one); uncaught errors fail the test.
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`console error (${user} ${page.url()}): ${m.text()}`);
    });
    await signInPage(page, s.base, user, user === 'admin' ? ADMIN : PASS);
    return page;
  };
  const overflow = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
  /** The teachers pages as one who may see them all, each waited for by a text or element of its own. */
  const PAGES: { name: string; path: () => string; ready: (p: Page) => Promise<unknown> }[] = [
    { name: 'structure', path: () => `/teachers?year=${YEAR}`, ready: (p) => p.getByTestId('structure-cv-table').waitFor({ timeout: 60_000 }) },
    {
      name: 'roster',
      path: () => `/teachers/roster?year=${YEAR}&school=${school.code}`,
      ready: (p) => p.getByTestId('roster-table').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 }),
    },
    { name: 'training', path: () => `/teachers/training`, ready: (p) => p.getByTestId('training-tabs').waitFor({ timeout: 60_000 }) },
    { name: 'training-below', path: () => `/teachers/training?tab=below`, ready: (p) => p.getByTestId('training-below-table').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 }) },
    { name: 'moves', path: () => `/teachers/moves?year=${YEAR}`, ready: (p) => p.getByTestId('moves-rules').waitFor({ timeout: 60_000 }) },
  ];

  it('a clerk sees only the own school, is told the bad cells, and the good file sets the statistics’ teacher figures', async () => {
    const page = await signedIn('clerk-t');
    await page.goto(`${s.base}/teachers/roster?year=${YEAR}`);
    const table = page.getByTestId('roster-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 });
    await page.getByText(`显示 ${formatNumber(school.rows, 0)} / ${formatNumber(school.rows, 0)} 人`, { exact: true }).waitFor({ timeout: 20_000 });
    // The school is fixed (a disabled select showing the own school) and the scope holds no other school.
    const select = page.getByTestId('roster-school');
    expect(await select.getAttribute('class')).toContain('ant-select-disabled');
    expect(await select.textContent()).toContain(school.name);
    const scope = (await (await page.request.get(`${s.base}/api/teachers/roster/schools?year=${YEAR}`)).json()) as { schools: { code: string }[] };
    expect(scope.schools.map((x) => x.code)).toEqual([school.code]);
    expect((await page.request.get(`${s.base}/api/teachers/roster?school=${other}&year=${YEAR}`)).status()).toBe(403);
    // Every row is the own school's: the row keys are the teacher ids of the school's roster in SQL.
    const ids = (await q(sql`select teacher_id from teacher_years where district_id = ${DEMO_DISTRICT_ID} and school_code = ${school.code} and year = ${YEAR}`)).map((r) => String(r.teacher_id));
    expect(ids).toHaveLength(school.rows);
    const shown = await table.locator('tbody tr[data-row-key]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-row-key')));
    expect(shown.length).toBe(Math.min(50, school.rows));
    expect(shown.every((id) => ids.includes(String(id)))).toBe(true);
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot('01-clerk-roster'), fullPage: true });

    // The template of the school.
    await page.getByTestId('roster-show-upload').click();
    const card = page.getByTestId('roster-upload-card');
    await card.waitFor();
    const [template] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('roster-template').click()]);
    expect(template.suggestedFilename()).toBe(`教师名册模板-${school.name}.xlsx`);

    // A file with two bad cells: both named by row and column, nothing imported.
    const bad = path.join(dir, 'roster-bad.csv');
    fs.writeFileSync(bad, [HEADER, ...BAD].join('\n') + '\n');
    await card.locator('input[type=file]').setInputFiles(bad);
    await card.getByText('2 处问题，名册未导入', { exact: true }).waitFor({ timeout: 30_000 });
    const problems = await card.locator('.ant-alert-error tbody tr').evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(problems.map((p) => [p[0], p[1]])).toEqual([
      ['4', '职称'],
      ['5', '出生年份'],
    ]);
    expect(problems[0][2]).toContain('特级');
    expect(problems[1][2]).toContain('19x5');
    const [still] = await q(sql`select count(*)::int as n from teacher_years where district_id = ${DEMO_DISTRICT_ID} and school_code = ${school.code} and year = ${YEAR}`);
    expect(Number(still.n)).toBe(school.rows);
    await page.screenshot({ path: shot('02-clerk-problems'), fullPage: true });

    // The good file replaces the roster: 5 staff, 4 专任, all new, the demo's rows removed.
    const good = path.join(dir, 'roster-good.csv');
    fs.writeFileSync(good, [HEADER, ...GOOD].join('\n') + '\n');
    await card.locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('roster-imported').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('roster-imported').textContent()).toContain(`已导入 5 人（专任 4 人）：新登记 5 人，移出 ${formatNumber(school.rows, 0)} 人`);
    await page.getByText('显示 5 / 5 人', { exact: true }).waitFor({ timeout: 30_000 });
    const names = await table.locator('tbody tr[data-row-key] td:first-child').allTextContents();
    expect(names.sort()).toEqual([...NEW_FULL_TIME, '测试戊'].sort());
    const stats = await page
      .locator('.ant-statistic')
      .evaluateAll((xs) => xs.map((x) => [x.querySelector('.ant-statistic-title')?.textContent, x.querySelector('.ant-statistic-content')?.textContent]));
    // 教职工 5, 专任 4, 骨干 (县级及以上, of 专任) 1, 研究生 1.
    expect(Object.fromEntries(stats)).toMatchObject({ 教职工: '5', 专任教师: '4', '骨干（县级及以上）': '1', 研究生学历: '1' });
    await page.screenshot({ path: shot('03-clerk-imported'), fullPage: true });

    // The statistics now follow the roster.
    const [rec] = await q(
      sql`select teachers_source, teachers_total, backbone_county from school_year_stats where district_id = ${DEMO_DISTRICT_ID} and school_code = ${school.code} and year = ${YEAR}`,
    );
    expect(rec).toMatchObject({ teachers_source: 'roster', teachers_total: 4, backbone_county: 1 });
    await page.goto(`${s.base}/schools/${school.code}/stats/${YEAR}/edit?year=${YEAR}`);
    await page.getByTestId('teachers-from-roster').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('teachers-from-roster').textContent()).toContain('来自教师名册');
    for (const [key, value] of Object.entries(EXPECTED)) {
      const input = page.locator(`input[data-field=${key}]`);
      expect(await input.inputValue(), key).toBe(String(value));
      expect(await input.isDisabled(), key).toBe(true);
    }
    // The demo's typed-in figures (its old roster's) now differ from the roster's: flagged.
    await page.getByTestId('roster-differences').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('roster-differences').textContent()).toContain('专任教师数');
    await page.screenshot({ path: shot('04-clerk-statistics'), fullPage: true });
    await page.close();
    expect(errors).toEqual([]);
  }, 240_000);

  it('the personnel staff see who is short of training hours', async () => {
    // The calendar year shown by default: the newest with attendance up to this year; its roster: the school year of
    // the same number, else the one before. Below = a 专任 teacher of that roster with < 96 h in the year or < 360 h in
    // the five calendar years up to it (a course counts in the year of its end date; no attendance = 0 h).
    const now = new Date().getFullYear();
    const [c] = await q(sql`
      select max(substring(c.end_date from 1 for 4)::int) as y from teacher_courses c
      join teacher_training t on t.district_id = c.district_id and t.course_id = c.id
      where c.district_id = ${DEMO_DISTRICT_ID} and substring(c.end_date from 1 for 4)::int <= ${now}`);
    const cy = Number(c.y);
    const [r] = await q(sql`select max(year) as y from teacher_years where district_id = ${DEMO_DISTRICT_ID} and year in (${cy}, ${cy - 1})`);
    const ry = Number(r.y);
    const [below] = await q(sql`
      with h as (
        select t.teacher_id,
               round(sum(case when substring(c.end_date from 1 for 4)::int = ${cy} then t.hours else 0 end)::numeric, 6) as year_h,
               round(sum(t.hours)::numeric, 6) as window_h
        from teacher_training t join teacher_courses c on c.district_id = t.district_id and c.id = t.course_id
        where t.district_id = ${DEMO_DISTRICT_ID} and substring(c.end_date from 1 for 4)::int between ${cy - 4} and ${cy}
        group by t.teacher_id)
      select count(*)::int as n from teacher_years y left join h on h.teacher_id = y.teacher_id
      where y.district_id = ${DEMO_DISTRICT_ID} and y.year = ${ry} and y.post = '专任'
        and (coalesce(h.year_h, 0) < 96 or coalesce(h.window_h, 0) < 360)`);
    const n = Number(below.n);
    expect(n).toBeGreaterThan(NEW_FULL_TIME.length);

    const page = await signedIn('hr-t');
    await page.goto(`${s.base}/teachers/training?tab=below`);
    const table = page.getByTestId('training-below-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 });
    await page.getByText(`${formatNumber(n, 0)} 名专任教师未达标`, { exact: true }).waitFor({ timeout: 30_000 });
    const firstNames = await table.locator('tbody tr[data-row-key] td:first-child').allTextContents();
    expect(firstNames.length).toBe(Math.min(50, n));
    expect(firstNames.every((x) => x.trim().length >= 2)).toBe(true);
    await page.screenshot({ path: shot('05-training-below'), fullPage: true });
    // The clerk's school (when the shown year uses the YEAR roster): its four new 专任 teachers, 0 h each, 96 and 360 short.
    if (ry === YEAR) {
      await page.getByTestId('training-below-school').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: school.name }).first().click();
      await page.getByText('4 名专任教师未达标', { exact: true }).waitFor({ timeout: 30_000 });
      const rows = await table.locator('tbody tr[data-row-key]').evaluateAll((rs) => rs.map((x) => [...x.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
      expect(rows.map((x) => x[0]).sort()).toEqual([...NEW_FULL_TIME].sort());
      for (const x of rows) expect(x.slice(-4)).toEqual(['0.0', '96.0', '0.0', '360.0']);
      await page.screenshot({ path: shot('06-training-below-school'), fullPage: true });
    }
    await page.close();
    expect(errors).toEqual([]);
  }, 240_000);

  it('the personnel staff see the 骨干 share against 30 % and the 差异系数; an analyst reads /teachers but not the roster', async () => {
    // YEAR's roster by school and 学部: 专任, 骨干 (县 / 市 / 省) among them; the school's level; its students by 学段
    // (grades 1–6 小学, 7–9 初中) from the registry's enrolments (null: no statistics of the year).
    const rows = (
      await q(sql`
      select t.school_code as code, s.level, t.section,
             count(*) filter (where t.post = '专任')::int as ft,
             count(*) filter (where t.post = '专任' and t.backbone_level in ('县', '市', '省'))::int as bb,
             (select sum(e.students) filter (where e.grade between 1 and 6)::int from grade_enrolments e
               where e.district_id = t.district_id and e.school_code = t.school_code and e.year = ${YEAR}) as primary_students,
             (select sum(e.students) filter (where e.grade between 7 and 9)::int from grade_enrolments e
               where e.district_id = t.district_id and e.school_code = t.school_code and e.year = ${YEAR}) as junior_students
      from teacher_years t left join schools s on s.district_id = t.district_id and s.code = t.school_code
      where t.district_id = ${DEMO_DISTRICT_ID} and t.year = ${YEAR} group by t.school_code, t.district_id, s.level, t.section`)
    ).map((r) => ({
      code: String(r.code),
      level: r.level === null ? null : String(r.level),
      section: r.section === null ? null : String(r.section),
      ft: Number(r.ft),
      bb: Number(r.bb),
      students: { 小学: Number(r.primary_students ?? 0), 初中: Number(r.junior_students ?? 0) },
    }));
    const ft = rows.reduce((a, x) => a + x.ft, 0);
    const bb = rows.reduce((a, x) => a + x.bb, 0);
    // The 差异系数 per 学段, as the balance engine splits schools: a 小学 / 教学点 school is a 小学 unit, a 初中 school a
    // 初中 unit, a 九年一贯制 / 十二年一贯制 school one unit per section (its rows of that 学部 with that section's
    // students), a 完全中学 its 初中 part only; a row without a 学部 counts in the school's first. Student-weighted CV of
    // the 骨干 share over the units with students and 专任: X̄ = Σ Pᵢxᵢ / Σ Pᵢ, S = √(Σ Pᵢ(xᵢ − X̄)² / Σ Pᵢ), CV = S / X̄.
    const SECTIONS: Record<string, string[]> = { 小学: ['小学'], 教学点: ['小学'], 初中: ['初中'], 九年一贯制: ['小学', '初中'], 完全中学: ['初中', '高中'], 十二年一贯制: ['小学', '初中', '高中'] };
    const units = new Map<string, { section: string; students: number; ft: number; bb: number }>();
    for (const r of rows) {
      const own = r.level ? SECTIONS[r.level] : [];
      if (!own.length) continue;
      const section = r.section && own.includes(r.section) ? r.section : own[0];
      if (section === '高中') continue;
      const k = `${r.code}|${section}`;
      const u = units.get(k) ?? { section, students: r.students[section as '小学' | '初中'], ft: 0, bb: 0 };
      u.ft += r.ft;
      u.bb += r.bb;
      units.set(k, u);
    }
    const cvOf = (section: string) => {
      const counted = [...units.values()].filter((u) => u.section === section && u.students > 0 && u.ft > 0);
      const P = counted.reduce((a, x) => a + x.students, 0);
      const mean = counted.reduce((a, x) => a + x.students * (x.bb / x.ft), 0) / P;
      const cv = Math.sqrt(counted.reduce((a, x) => a + x.students * (x.bb / x.ft - mean) ** 2, 0) / P) / mean;
      return { n: counted.length, mean, cv };
    };
    const cvs = [cvOf('小学'), cvOf('初中')];
    expect(cvs.every((c) => c.n > 1)).toBe(true);
    const mine = rows.filter((x) => x.code === school.code);
    expect(mine).toMatchObject([{ ft: 4, bb: 1 }]);

    const page = await signedIn('hr-t');
    await page.goto(`${s.base}/teachers?year=${YEAR}`);
    const kpi = page.getByTestId('structure-kpi-backbone');
    await kpi.waitFor({ timeout: 60_000 });
    const kpiText = (await kpi.textContent()) ?? '';
    expect(kpiText).toContain(pct(bb / ft));
    expect(kpiText).toContain(`目标 ≥ ${pct(0.3)}`);
    // The KPI shows a 学段's CV of the 骨干 share; the table every 学段's, each with its units, mean and CV.
    const kpiCv = (await page.getByTestId('structure-kpi-cv-backbone').textContent()) ?? '';
    expect(cvs.some((c) => kpiCv.includes(formatNumber(c.cv, 3)))).toBe(true);
    const cvRows = await page
      .getByTestId('structure-cv-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    const backboneRows = cvRows.filter((cells) => cells.some((c) => c.includes('骨干教师占比')));
    for (const c of cvs)
      expect(
        backboneRows.some((cells) => [formatNumber(c.n, 0), pct(c.mean), formatNumber(c.cv, 3)].every((v) => cells.includes(v))),
        JSON.stringify(c),
      ).toBe(true);
    // The clerk's school: 1 of 4 = 25.0 %, below 30 % by ⌈0.3 × 4⌉ − 1 = 1 teacher.
    await page.getByTestId('structure-search').locator('input').fill(school.code);
    const row = page.getByTestId('structure-school-table').locator(`tbody tr[data-row-key="${school.code}"]`);
    await row.waitFor({ timeout: 10_000 });
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(pct(0.25));
    expect(rowText).toContain('未达标 · 差 1 人');
    await page.getByTestId('structure-search').locator('input').fill('');
    await page.waitForTimeout(800); // the charts settle
    await page.screenshot({ path: shot('07-structure'), fullPage: true });
    await page.close();

    const analyst = await signedIn('analyst-t');
    await analyst.goto(`${s.base}/teachers/roster?year=${YEAR}`);
    await analyst.locator('.ant-result-403').waitFor({ timeout: 30_000 });
    expect(await analyst.getByTestId('roster-table').count()).toBe(0);
    await analyst.screenshot({ path: shot('08-analyst-roster-403') });
    await analyst.goto(`${s.base}/teachers?year=${YEAR}`);
    await analyst.getByTestId('structure-kpi-backbone').waitFor({ timeout: 60_000 });
    expect(await analyst.getByTestId('structure-kpi-backbone').textContent()).toContain(pct(bb / ft));
    expect(await analyst.locator('.ant-result-403').count()).toBe(0);
    await analyst.close();
    expect(errors).toEqual([]);
  }, 240_000);

  it('every teachers page at desktop and phone width, without a page error', async () => {
    const widths: Record<string, number> = {};
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const page = await signedIn('hr-t', viewport);
      for (const p of PAGES) {
        await page.goto(s.base + p.path());
        await p.ready(page);
        // Quiet network, at most a few seconds (a page may poll), then the charts' drawing.
        await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
        await page.waitForTimeout(600);
        await page.screenshot({ path: shot(`${label}-${p.name}`), fullPage: true });
        widths[`${label} ${p.name}`] = await overflow(page);
      }
      await page.close();
    }
    // The clerk's roster on a phone.
    const clerk = await signedIn('clerk-t', PHONE);
    await clerk.goto(`${s.base}/teachers/roster?year=${YEAR}`);
    await clerk.getByText('显示 5 / 5 人', { exact: true }).waitFor({ timeout: 60_000 });
    await clerk.waitForTimeout(500);
    await clerk.screenshot({ path: shot('phone-clerk-roster'), fullPage: true });
    widths['phone clerk roster'] = await overflow(clerk);
    await clerk.close();
    console.log('sideways overflow (px):', JSON.stringify(widths));
    expect(errors).toEqual([]);
    // No page scrolls sideways (tables scroll inside their own box).
    expect(Object.entries(widths).filter(([, w]) => w > 1)).toEqual([]);
  }, 240_000);
});
