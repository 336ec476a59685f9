// The demo county's draws: published, consistent with 公民同招 (nobody the private lottery admitted is in the public
// catchment's list) and verifiable from their public data alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers.js';
import { DEMO_DISTRICT_ID } from '../registry/demo.js';
import { loadDemoDistrict } from '../registry/demo-load.js';
import type { Database } from '../core/db/index.js';
import { loadDemoAdmissions } from './demo.js';
import { AdmissionsService } from './service.js';
import { ExamCohorts } from '../exams/cohorts.js';
import { lotteryV1 } from './lottery.js';
import { quotaV1 } from './quota.js';
import { assignV1 } from './assignment.js';
import { assignJson, firstDifference, lotteryJson } from './wire.js';

describe('demo admissions', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
    await loadDemoDistrict(database.db);
    await loadDemoAdmissions(database.db, DEMO_DISTRICT_ID, 2024);
  }, 120_000);
  afterAll(async () => database?.close());

  it('publishes a private lottery and a catchment assignment that recompute from their public data', async () => {
    const svc = new AdmissionsService(database.db, new ExamCohorts(database.db));
    const list = await svc.publicList();
    expect(list.map((d) => [d.stage, d.method, d.status])).toEqual([
      ['private', 'junheng-lottery-v1', 'result_published'],
      ['public', 'junheng-assign-v1', 'result_published'],
    ]);
    const [lot, asg] = await Promise.all(list.map((d) => svc.publicGet(d.districtId, d.code)));
    const lotteryAgain = lotteryJson(await lotteryV1(lot.applicants, { drawId: lot.draw.code, seats: lot.draw.seats!, entropy: lot.draw.entropy! }));
    expect(firstDifference(lot.result, lotteryAgain)).toBeNull();
    const assignAgain = assignJson(
      await assignV1(
        asg.applicants.map((a) => ({ applicantId: a.applicantId, choices: a.choices! })),
        asg.draw.capacities!,
        { drawId: asg.draw.code, entropy: asg.draw.entropy! },
      ),
    );
    expect(firstDifference(asg.result, assignAgain)).toBeNull();
    // 180 of 240 admitted by the private school; its 60 on the waiting list are in the public draw, the admitted are not.
    const admitted = new Set(lot.applicants.filter((a) => a.admitted).map((a) => a.applicantId));
    expect(admitted.size).toBe(180);
    expect(asg.applicants.filter((a) => admitted.has(a.applicantId))).toEqual([]);
    expect(asg.applicants).toHaveLength(60 + 420);
    const names = [...lot.applicants, ...asg.applicants].map((a) => a.name ?? '');
    expect(names.every((n) => n.includes('*'))).toBe(true); // names masked in public: 张*, 欧**明
  });

  it("allocates this year's quota of the key high school over the junior schools, Σ = places", async () => {
    const svc = new AdmissionsService(database.db, new ExamCohorts(database.db));
    const [plan] = await svc.quotaPlans({ districtId: DEMO_DISTRICT_ID, username: 't', can: () => true });
    expect(plan.method).toBe('junheng-quota-v1');
    expect(plan.allocations.reduce((n, a) => n + a.places, 0)).toBe(plan.places);
    expect(plan.allocations.every((a) => a.places >= Math.min(3, a.graduates))).toBe(true);
    // The same allocation recomputes from its published JSON's inputs.
    const again = quotaV1(
      plan.allocations.map((a) => ({ schoolCode: a.schoolCode, graduates: a.graduates, rural: a.rural })),
      { places: plan.places, minPerSchool: plan.minPerSchool, ruralWeight: plan.ruralWeight },
    );
    expect(again.allocations.map((a) => a.places)).toEqual(plan.allocations.map((a) => a.places));
  });
});
