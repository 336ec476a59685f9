// The demo county's forecast inputs (demo.ts): townships read from the addresses, a classroom stock for all open
// schools but three, births per township declining as the national births do, one housing project — loaded twice
// without change — and the report with the page's default parameters on the demo's three years (2022–2024): the
// backtest holds out 2024 (ratios 2022→2023), while holding out two years says why it cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.js';
import type { Database } from '../../core/db/index.js';
import { JobService } from '../../core/jobs/service.js';
import { BalanceService } from '../../balance/service.js';
import { RegistryService } from '../../registry/service.js';
import { DEMO_DISTRICT_ID } from '../../registry/demo.js';
import { loadDemoDistrict } from '../../registry/demo-load.js';
import type { PlanningDeps } from '../deps.js';
import { ForecastQuery } from './contract.js';
import { DEMO_HOUSING, loadDemoForecast, townshipOf } from './demo.js';
import { ForecastService } from './service.js';

describe('demo forecast inputs', () => {
  let database: Database;
  let service: ForecastService;
  const user = { districtId: DEMO_DISTRICT_ID, username: 'admin' };
  beforeAll(async () => {
    database = await freshDatabase();
    await loadDemoDistrict(database.db);
    const registry = new RegistryService(database.db, new JobService(database.db));
    // The forecast reads the registry and balance only; exams and growth are the pairing's.
    const deps = { registry, balance: new BalanceService(database.db, registry) } as unknown as PlanningDeps;
    service = new ForecastService(database.db, deps);
    await loadDemoForecast(database.db, deps, DEMO_DISTRICT_ID, 2024);
    await loadDemoForecast(database.db, deps, DEMO_DISTRICT_ID, 2024);
  }, 180_000);
  afterAll(async () => database?.close());

  it('reads the township from the address, else from the name', () => {
    expect(townshipOf({ name: '青溪县实验小学', address: '青溪县城关镇解放路12号' })).toBe('城关镇');
    expect(townshipOf({ name: '东岙岛小学', address: '青溪县东岙乡东岙村25号' })).toBe('东岙乡');
    expect(townshipOf({ name: '某某小学', address: '舟山市定海区环南街道人民北路1号' })).toBe('环南街道');
    expect(townshipOf({ name: '白沙镇岭头小学', address: null })).toBe('白沙镇');
    expect(townshipOf({ name: '实验小学', address: null })).toBeNull();
  });

  it('gives every school a township, most a classroom stock, births per township and one housing project', async () => {
    const inputs = await service.inputs(user);
    expect(inputs.schools.every((s) => s.township !== null)).toBe(true);
    const open = inputs.schools.filter((s) => s.latestClasses !== null && s.isOpen);
    expect(open.filter((s) => s.classrooms === null)).toHaveLength(3);
    // Where recorded, the stock is the latest classes plus 0–5 spare rooms.
    for (const s of open.filter((x) => x.classrooms !== null)) {
      expect(s.classrooms!).toBeGreaterThanOrEqual(s.latestClasses!);
      expect(s.classrooms! - s.latestClasses!).toBeLessThanOrEqual(5);
    }
    const townships = [...new Set(inputs.schools.map((s) => s.township))];
    expect(new Set(inputs.births.map((b) => b.township))).toEqual(new Set(townships));
    // 17 calendar years per township (2008–2024), the same decline as the national births ± 3 %: 2023 is about half of 2016.
    for (const t of townships) {
      const of = new Map(inputs.births.filter((b) => b.township === t).map((b) => [b.year, b.births]));
      expect([...of.keys()].sort()).toEqual(Array.from({ length: 17 }, (_, i) => 2008 + i));
      const ratio = of.get(2023)! / of.get(2016)!;
      expect(ratio).toBeGreaterThan((902 / 1786) * (0.97 / 1.03));
      expect(ratio).toBeLessThan((902 / 1786) * (1.03 / 0.97));
    }
    // Loaded twice: one housing project, moving in two years after the year.
    expect(inputs.housing.map((h) => [h.name, h.moveInYear, h.units])).toEqual([[DEMO_HOUSING.name, 2026, DEMO_HOUSING.units]]);
  });

  it('forecasts with the default parameters and its backtest, and says why two held-out years are too many', async () => {
    const r = await service.report(user, ForecastQuery.parse({}));
    expect([r.baseYear, r.params.horizon, r.params.window, r.params.holdout]).toEqual([2024, 5, 3, 1]);
    expect(r.backtest).toMatchObject({ available: true, baseYear: 2023, holdout: 1 });
    expect(r.backtest.mape).toBeLessThan(r.backtest.naiveMape!);
    expect(r.schools.every((s) => s.forecast.every((f) => f.band !== null))).toBe(true);
    expect(r.needs.length).toBeGreaterThan(0);
    expect(r.closedSchools.map((s) => s.name)).toEqual(['石门镇五峰小学']);
    const births = await service.report(user, ForecastQuery.parse({ entry: 'births' }));
    // Grade-1 schools take the entry grade from births in the first forecast year.
    expect(births.schools.filter((s) => s.forecast[0].entry.grade === 1).every((s) => s.forecast[0].entry.source === 'births')).toBe(true);
    const two = await service.report(user, ForecastQuery.parse({ holdout: 2 }));
    expect(two.backtest.available).toBe(false);
    expect(two.backtest.reason).toContain('needs at least 4 years');
  });
});
