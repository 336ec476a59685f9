// The demo county's pairings: loaded on the demo district (registry, exams and value-added as the demo has them), the
// suggestions use all three components where the data has them (junior: compliance, the 2024 grade-8 exam and the
// 2023→2024 value-added; primary: compliance only, said as such), and the confirmed pairings are a handful of them, of
// mixed types, each within the distance limit with the stronger school leading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.js';
import type { Database } from '../../core/db/index.js';
import { DEMO_DISTRICT_ID } from '../../registry/demo.js';
import { loadDemoDistrict } from '../../registry/demo-load.js';
import { RegistryService } from '../../registry/service.js';
import { BalanceService } from '../../balance/service.js';
import { ExamService } from '../../exams/service.js';
import { ExamCohorts } from '../../exams/cohorts.js';
import { GrowthService } from '../../growth/service.js';
import { actorOf } from '../../core/http/routes.js';
import type { PlanningDeps } from '../deps.js';
import { MovesService } from '../../teachers/moves/service.js';
import { DEMO_CONFIRMED, loadDemoPairings } from './demo.js';
import { PairingService } from './service.js';
import type { Pairing, Suggestions } from './contract.js';

let database: Database;
let deps: PlanningDeps;
let confirmed: Pairing[];
beforeAll(async () => {
  database = await freshDatabase();
  await loadDemoDistrict(database.db);
  const registry = new RegistryService(database.db);
  deps = {
    registry,
    balance: new BalanceService(database.db, registry),
    exams: new ExamService(database.db),
    growth: new GrowthService(new ExamCohorts(database.db)),
    moves: new MovesService(database.db, { registry }),
  };
  confirmed = await loadDemoPairings(database.db, deps, DEMO_DISTRICT_ID, 2024);
}, 600_000);
afterAll(async () => database?.close());

describe('demo pairings', () => {
  const actor = () =>
    actorOf(
      { districtId: DEMO_DISTRICT_ID, districtName: '青溪县(演示)', username: 'analyst', displayName: '科室', role: 'analyst', schoolCode: null, mustChangePassword: false, assignedSchools: [] },
      'planning.read',
    );

  it('confirms a handful of suggested pairs of mixed types', async () => {
    expect(confirmed).toHaveLength(DEMO_CONFIRMED);
    expect(new Set(confirmed.map((p) => p.type))).toEqual(new Set(['融合型', '共建型', '协作型']));
    for (const p of confirmed) expect(p.km!).toBeLessThanOrEqual(15);
    const svc = new PairingService(database.db, deps);
    const list = await svc.pairings(actor(), 2024);
    expect(list.pairings).toHaveLength(DEMO_CONFIRMED);
    expect(list.share.inPairings).toBeGreaterThan(DEMO_CONFIRMED);
    expect(list.share.inClose).toBeGreaterThan(0);
    expect(list.share.meetsTarget).toBe(false);
  });

  it('computes strength from the demo’s compliance, exam and value-added', async () => {
    const s: Suggestions = await new PairingService(database.db, deps).suggestions(actor(), { year: 2024, maxKm: 15, maxPartners: 3, ruralBonus: 0.5 });
    expect(s.sources.exams.junior?.grade).toBe(8);
    expect(s.sources.exams.primary).toBeNull();
    expect(s.sources.valueAdded.junior).toMatchObject({ error: null });
    const junior = s.schools.filter((x) => x.group === 'junior');
    expect(junior.filter((x) => x.components.exam.z !== null).length).toBeGreaterThan(5);
    expect(junior.filter((x) => x.components.valueAdded.z !== null).length).toBeGreaterThan(5);
    expect(s.schools.filter((x) => x.group === 'primary').every((x) => x.components.exam.missing === 'no-source')).toBe(true);
    // The confirmed members are left out; the suggested pairs obey the rules.
    for (const p of confirmed) expect(s.schools.filter((x) => x.code === p.memberCode).every((x) => x.excluded === 'confirmed-member')).toBe(true);
    for (const p of s.pairs) {
      expect(p.km).toBeLessThanOrEqual(15);
      expect(p.leadStrength).toBeGreaterThan(p.memberStrength);
    }
    expect(s.solver?.status ?? 'Optimal').toBe('Optimal');
  });
});
