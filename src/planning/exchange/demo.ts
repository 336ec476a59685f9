// The demo county's draft exchange plan (交流轮岗方案（草案）): built from the teachers' roster of the year (the 专任
// teachers of the public, open schools, as the bureau would with 从教师名册生成; the teachers demo is loaded first),
// solved with the default rules under a short time limit (this runs at first start) and stored as a draft by
// 'system'. Nothing is added when the district has an exchange plan already, or no roster of the year.
import type { Db } from '../../core/db/index.js';
import { AppError } from '../../core/http/errors.js';
import type { PlanningDeps } from '../deps.js';
import { DEFAULT_EXCHANGE_RULES } from './model.js';
import { ExchangeService } from './service.js';

/** The demo's solve is bounded so that the first start stays quick; its status and gap are stored as they come. */
export const DEMO_TIME_LIMIT_SECONDS = 8;

export async function loadDemoExchange(db: Db, deps: PlanningDeps, districtId: string, year: number): Promise<{ teachers: number; movers: number; ms: number }> {
  const started = performance.now();
  const none = () => ({ teachers: 0, movers: 0, ms: performance.now() - started });
  const service = new ExchangeService(db, deps);
  const user = { districtId, username: 'system' };
  if ((await service.list(user)).plans.length > 0) return none();
  if ((await deps.moves.exchangeCandidates(districtId, year)).length === 0) return none();
  const make = (timeLimitSeconds: number) => service.createFromRoster(user, { name: `${year + 1} 学年教师交流轮岗方案`, year, rules: { ...DEFAULT_EXCHANGE_RULES, pins: [], timeLimitSeconds } });
  // A busy machine may find no plan at all within the short limit: then once more with the default limit.
  const plan = await make(DEMO_TIME_LIMIT_SECONDS).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'no_plan') return make(DEFAULT_EXCHANGE_RULES.timeLimitSeconds ?? 60);
    throw e;
  });
  return { teachers: plan.teachers.length, movers: plan.metrics.movers, ms: performance.now() - started };
}
