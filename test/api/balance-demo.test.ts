// The balance answers on the demo district (一贯制 schools split, teaching points, closed schools, several years)
// against their contracts: under test every JSON answer is checked against its route's response schema
// (src/balance/contract.ts) and a mismatch answers 500, so each 200 here says the schema describes the real data.
// The figures checked beside it come from the demo generator's output, not from the evaluator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers.js';
import { loadDemoDistrict } from '../../src/registry/demo-load.js';
import { buildApp } from '../../src/server.js';
import { bootstrap } from '../../src/bootstrap.js';
import { statKey, type DemoDistrict } from '../../src/registry/types.js';
import type { Database } from '../../src/core/db/index.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let demo: DemoDistrict;
let cookie: string;

beforeAll(async () => {
  database = await freshDatabase();
  demo = await loadDemoDistrict(database.db);
  await bootstrap(database, { demo: 'never', adminPassword: 'balance-demo-pass' });
  app = await buildApp(database);
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'balance-demo-pass' } });
  cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function get(url: string) {
  const r = await app.inject({ method: 'GET', url, headers: { cookie } });
  expect(r.statusCode, `${url}: ${r.body.slice(0, 400)}`).toBe(200);
  return r.json();
}

describe('balance answers on the demo district', () => {
  it('match their contracts for every year and both built-in packs', async () => {
    for (const standard of ['national-2017-quality', 'national-2012-basic']) {
      for (const year of demo.years) {
        const ev = await get(`/api/balance/evaluation?year=${year}&standard=${standard}`);
        // Open schools without figures that year, from the generator's output.
        const missing = demo.schools.filter((s) => s.isOpen && !demo.stats.has(statKey(s.code, year))).map((s) => s.code);
        expect([...ev.missing].sort()).toEqual(missing.sort());
        await get(`/api/balance/class-sizes?year=${year}&standard=${standard}`);
      }
      const trend = await get(`/api/balance/trend?standard=${standard}`);
      expect(trend.years.map((y: { year: number }) => y.year)).toEqual([...demo.years].sort((a, b) => a - b));
    }
    const plan = await get(`/api/balance/plan?year=${Math.max(...demo.years)}`);
    expect(Object.keys(plan.levels).length).toBeGreaterThan(0);
    const list = await get('/api/balance/standards');
    for (const s of list.standards) await get(`/api/balance/standards/${s.id}`);
  }, 120_000);
});
