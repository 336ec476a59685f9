// The district overview (SQL aggregates) checked against sums computed directly from the demo
// generator's output in JavaScript — two independent paths to the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers.js';
import { loadDemoDistrict } from '../../src/registry/demo-load.js';
import { buildApp } from '../../src/server.js';
import { bootstrap } from '../../src/bootstrap.js';
import { statKey, studentsOf, type DemoDistrict } from '../../src/registry/types.js';
import type { Database } from '../../src/core/db/index.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let demo: DemoDistrict;
let cookie: string;

beforeAll(async () => {
  database = await freshDatabase();
  demo = await loadDemoDistrict(database.db);
  await bootstrap(database, { demo: 'never', adminPassword: 'overview-pass' });
  app = await buildApp(database);
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'overview-pass' } });
  cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = async (url: string) => (await app.inject({ method: 'GET', url, headers: { cookie } })).json();

describe('district overview on the demo district', () => {
  it('agrees with the generator for every year', async () => {
    for (const year of demo.years) {
      const ov = await get(`/api/overview?year=${year}`);
      const reporting = demo.schools.filter((s) => demo.stats.has(statKey(s.code, year)));
      const data = reporting.map((s) => demo.stats.get(statKey(s.code, year))!);
      const sizes = data.flatMap((d) => d.classes.map((c) => c.size));
      expect(ov.schools).toBe(reporting.length);
      expect(ov.students).toBe(data.reduce((s, d) => s + studentsOf(d), 0));
      expect(ov.classes).toBe(sizes.length);
      expect(ov.teachers).toBe(data.reduce((s, d) => s + (d.values.teachersTotal ?? 0), 0));
      const band = (lo: number, hi: number) => sizes.filter((x) => x >= lo && x <= hi).length;
      expect(ov.classSizeBands).toEqual([
        { band: '≤45', classes: band(0, 45) },
        { band: '46–50', classes: band(46, 50) },
        { band: '51–55', classes: band(51, 55) },
        { band: '56–65', classes: band(56, 65) },
        { band: '≥66', classes: band(66, 999) },
      ]);
      expect(ov.largestClasses[0].size).toBe(Math.max(...sizes));
    }
  });

  it('the 2022 demo has 大班额 and 超大班额 classes and the closed school has no 2024 row', async () => {
    const ov = await get('/api/overview?year=2022');
    expect(ov.classSizeBands.find((b: { band: string }) => b.band === '≥66').classes).toBeGreaterThanOrEqual(1);
    const closed = demo.schools.find((s) => !s.isOpen)!;
    const list = (await get(`/api/schools?year=2024`)).schools;
    expect(list.find((s: { code: string }) => s.code === closed.code)).toMatchObject({ isOpen: false, students: null, status: null });
  });

  it('class-size report: over the grade standard, 大班额, 超大班额, per year', async () => {
    for (const year of demo.years) {
      const r = await get(`/api/balance/class-sizes?year=${year}`);
      const classes = demo.schools.flatMap((s) => demo.stats.get(statKey(s.code, year))?.classes ?? []);
      expect(r.classes).toBe(classes.length);
      expect(r.overStandard).toBe(classes.filter((c) => c.size > (c.grade <= 6 ? 45 : 50)).length);
      expect(r.large).toBe(classes.filter((c) => c.size >= 56 && c.size <= 65).length);
      expect(r.huge).toBe(classes.filter((c) => c.size >= 66).length);
      expect(r.trend.find((t: { year: number }) => t.year === year).overStandard).toBe(r.overStandard);
    }
    expect((await get('/api/balance/class-sizes?year=2022')).huge).toBeGreaterThanOrEqual(1);
  });

  it('filters the school list', async () => {
    const list = (await get(`/api/schools?year=2024&level=${encodeURIComponent('初中')}&location=${encodeURIComponent('乡村')}`)).schools;
    const expected = demo.schools
      .filter((s) => s.level === '初中' && s.location === '乡村')
      .map((s) => s.code)
      .sort();
    expect(list.map((s: { code: string }) => s.code)).toEqual(expected);
    const q = (await get(`/api/schools?q=${encodeURIComponent('实验')}`)).schools;
    expect(q.length).toBe(demo.schools.filter((s) => s.name.includes('实验')).length);
  });
});
