// The school layout map in Debian's Chromium on the demo county with its demo boundary (loadDemoMap): the bureau sees
// the schools on the map and as many consolidation candidates as counted here in SQL (教学点, or under 50 students in
// the year), selects one, colours the map by another indicator, uploads catchments (a bad file names the feature),
// then without layers sees plain axes in true proportion, and a phone shows the page without scrolling sideways. Screenshots in .tmp/screenshots (planning-map-*.png).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, SHOTS, signInPage, startDemo, type DemoServer } from './harness.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { loadDemoMap } from '../../src/planning/map/demo.js';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
const YEAR = Math.max(...DEMO_YEARS);
const PASSWORD = 'map-boss-pass-1';

describe.skipIf(!hasBrowser)('browser: school layout map', () => {
  let s: DemoServer;
  let dir: string;

  beforeAll(async () => {
    s = await startDemo(PASSWORD);
    await loadDemoMap(s.database.db, s.app.services.map.deps, DEMO_DISTRICT_ID, YEAR);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-map-files-'));
  }, 180_000);
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bureau sees the map, the candidates, selects one and uploads catchments', async () => {
    // Candidates counted in SQL: open schools that are 教学点 or enrol fewer than 50 pupils in the year.
    const [c] = rowsOf(
      await s.database.db.execute(sql`select count(*)::int as n from schools s
        left join (select school_code, sum(students)::int as students from grade_enrolments where district_id = ${DEMO_DISTRICT_ID} and year = ${YEAR} group by school_code) e
          on e.school_code = s.code
        where s.district_id = ${DEMO_DISTRICT_ID} and s.is_open and (s.level = '教学点' or e.students < 50)`),
    );
    const candidates = Number(c.n);
    expect(candidates).toBeGreaterThan(0);

    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await page.goto(`${s.base}/planning/map?year=${YEAR}`);
    await page.getByTestId('layout-map').locator('canvas').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('map-candidates').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('map-candidates').locator('tbody tr[data-row-key]').count()).toBe(candidates);
    await page.waitForTimeout(800); // the map settles
    await page.screenshot({ path: path.join(SHOTS, 'planning-map-01-desktop.png'), fullPage: true });

    // A candidate selected in the list: its card under the map names its nearest school.
    const first = page.getByTestId('map-candidates').locator('tbody tr[data-row-key]').first();
    const name = (await first.locator('td').first().textContent())?.replace(/教学点$/, '').trim() ?? '';
    await first.click();
    await page.getByTestId('map-selected').waitFor();
    expect(await page.getByTestId('map-selected').textContent()).toContain(name);
    await page.waitForTimeout(400);
    await page.getByTestId('layout-map').screenshot({ path: path.join(SHOTS, 'planning-map-02-selected.png') });

    // Coloured by the average class size.
    await page.getByTestId('map-indicator').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '平均班额' }).click();
    await page.waitForTimeout(800);
    await page.getByTestId('layout-map').screenshot({ path: path.join(SHOTS, 'planning-map-03-class-size.png') });

    // Catchments: two halves of the schools' extent; the first file has an unnamed feature and is refused.
    const [ext] = rowsOf(await s.database.db.execute(sql`select min(lng) as w, max(lng) as e, min(lat) as s, max(lat) as n from schools where district_id = ${DEMO_DISTRICT_ID} and lat is not null`));
    const [w, e, so, no] = [Number(ext.w), Number(ext.e), Number(ext.s), Number(ext.n)];
    const mid = Math.round(((w + e) / 2) * 1e4) / 1e4;
    const box = (x0: number, x1: number) => [
      [
        [x0, so],
        [x1, so],
        [x1, no],
        [x0, no],
        [x0, so],
      ],
    ];
    const catchments = (secondName: string | null) => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '西部学区' }, geometry: { type: 'Polygon', coordinates: box(w, mid) } },
        { type: 'Feature', properties: secondName ? { name: secondName } : {}, geometry: { type: 'Polygon', coordinates: box(mid, e) } },
      ],
    });
    const bad = path.join(dir, 'bad.geojson');
    fs.writeFileSync(bad, JSON.stringify(catchments(null)));
    await page.getByTestId('map-layer-catchments').locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('map-layer-problems').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('map-layer-problems').textContent()).toContain('要素 features[1]：学区缺少名称');
    await page.getByTestId('map-layers').screenshot({ path: path.join(SHOTS, 'planning-map-04-layer-refused.png') });

    const good = path.join(dir, '学区.geojson');
    fs.writeFileSync(good, JSON.stringify(catchments('东部学区')));
    await page.getByTestId('map-layer-catchments').locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('map-layer-catchments-remove').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('map-layer-catchments').textContent()).toContain('学区.geojson');
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SHOTS, 'planning-map-05-catchments.png'), fullPage: true });
    await page.close();
  });

  it('without layers: plain longitude / latitude axes, a kilometre as long east–west as north–south', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await page.goto(`${s.base}/planning/map?year=${YEAR}`);
    for (const kind of ['catchments', 'boundary']) {
      await page.getByTestId(`map-layer-${kind}-remove`).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.getByTestId(`map-layer-${kind}-upload`).waitFor({ timeout: 20_000 });
    }
    const map = page.locator('[data-view=axes]');
    await map.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(600);
    const [lng0, lng1, lat0, lat1] = (await map.getAttribute('data-extent'))!.split(',').map(Number);
    const [w, h] = (await map.getAttribute('data-plot'))!.split(',').map(Number);
    // The plot is the canvas less the margins (64 + 16 px across, 40 + 84 px down).
    const canvas = await map
      .locator('canvas')
      .first()
      .evaluate((el) => el.getBoundingClientRect());
    expect(w).toBeCloseTo(canvas.width - 80, 0);
    expect(h).toBeCloseTo(canvas.height - 124, 0);
    // km per pixel east–west = Δλ·cos φ·(πR/180) / w, north–south = Δφ·(πR/180) / h: equal (φ the middle latitude).
    const cos = Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180);
    expect(((lng1 - lng0) * cos) / w / ((lat1 - lat0) / h)).toBeCloseTo(1, 9);
    // Every school on the map lies inside the ranges.
    const [ext] = rowsOf(
      await s.database.db.execute(sql`select min(lng) as w, max(lng) as e, min(lat) as s, max(lat) as n from schools where district_id = ${DEMO_DISTRICT_ID} and lat is not null and is_open`),
    );
    expect(lng0).toBeLessThan(Number(ext.w));
    expect(lng1).toBeGreaterThan(Number(ext.e));
    expect(lat0).toBeLessThan(Number(ext.s));
    expect(lat1).toBeGreaterThan(Number(ext.n));
    await page.getByTestId('layout-map').screenshot({ path: path.join(SHOTS, 'planning-map-07-axes.png') });
    // The same page in English.
    await page.evaluate("localStorage.setItem('jh_lang', 'en')"); // runs in the page
    await page.reload();
    await page.getByText('School layout map').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-view=axes] canvas').first().waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'planning-map-08-english.png'), fullPage: true });
    await page.close();
  });

  it('fits a 390 px phone', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await signInPage(page, s.base, 'admin', PASSWORD);
    await page.goto(`${s.base}/planning/map?year=${YEAR}`);
    await page.getByTestId('layout-map').locator('canvas').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('map-candidates').locator('tbody tr[data-row-key]').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SHOTS, 'planning-map-06-phone.png'), fullPage: true });
    await page.getByTestId('layout-map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'planning-map-06a-phone-map.png') });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    // The map's canvas fills the card's width (the map follows its container).
    const canvasWidth = await page
      .getByTestId('layout-map')
      .locator('canvas')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(canvasWidth).toBeGreaterThan(300);
    expect(canvasWidth).toBeLessThanOrEqual(390);
    await page.close();
  });
});
