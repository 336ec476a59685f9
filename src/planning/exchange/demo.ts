// The demo county's draft exchange plan (交流轮岗方案（草案）): the public schools' teachers generated from the registry's
// figures of the year (demo-teachers.ts; 民办 schools' teachers are not in the county's rotation), solved with the
// default rules under a short time limit (this runs at first start) and stored as a draft by 'system', as the bureau
// would after uploading its teacher file. Nothing is added when the district has an exchange plan already.
import type { Db } from '../../core/db/index.js';
import { AppError } from '../../core/http/errors.js';
import type { PlanningDeps } from '../deps.js';
import { demoTeachers, type DemoSchoolYear } from './demo-teachers.js';
import { DEFAULT_EXCHANGE_RULES } from './model.js';
import { ExchangeService } from './service.js';

/** The demo's solve is bounded so that the first start stays quick; its status and gap are stored as they come. */
export const DEMO_TIME_LIMIT_SECONDS = 8;

export async function loadDemoExchange(db: Db, deps: PlanningDeps, districtId: string, year: number): Promise<{ teachers: number; movers: number; ms: number }> {
  const started = performance.now();
  const service = new ExchangeService(db, deps);
  const user = { districtId, username: 'system' };
  if ((await service.list(user)).plans.length > 0) return { teachers: 0, movers: 0, ms: performance.now() - started };
  const schools = (await deps.registry.districtSchools(districtId)).filter((s) => s.isOpen && s.ownership === '公办');
  const records = await deps.registry.districtRecords(
    districtId,
    schools.map((s) => s.code),
    year,
  );
  const n = (v: number | null | undefined) => v ?? 0;
  const input: DemoSchoolYear[] = records.map((r) => ({
    code: r.schoolCode,
    enrolments: r.enrolments,
    teachersTotal: n(r.values.teachersTotal),
    backbone: n(r.values.backboneCounty) + n(r.values.backboneCity) + n(r.values.backboneProvince),
    ageBands: [r.values.teachersAgeUnder30 ?? null, r.values.teachersAge30to39 ?? null, r.values.teachersAge40to49 ?? null, r.values.teachersAge50plus ?? null],
  }));
  const teachers = demoTeachers(input, year);
  if (teachers.length === 0) return { teachers: 0, movers: 0, ms: performance.now() - started };
  const make = (timeLimitSeconds: number) =>
    service.createFromTeachers(user, { name: `${year + 1} 学年教师交流轮岗方案`, year, rules: { ...DEFAULT_EXCHANGE_RULES, pins: [], timeLimitSeconds } }, '演示教师名单.xlsx', teachers);
  // A busy machine may find no plan at all within the short limit: then once more with the default limit.
  const plan = await make(DEMO_TIME_LIMIT_SECONDS).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'no_plan') return make(DEFAULT_EXCHANGE_RULES.timeLimitSeconds ?? 60);
    throw e;
  });
  return { teachers: teachers.length, movers: plan.metrics.movers, ms: performance.now() - started };
}
