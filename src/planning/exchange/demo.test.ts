// The demo county's draft exchange plan (demo.ts), built from the teachers demo's roster: its teachers are the 专任 of
// the open public schools with the roster's figures (recounted here in SQL), and the stored draft breaks no rule.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.js';
import type { Database } from '../../core/db/index.js';
import { createServices } from '../../server.js';
import { DEMO_DISTRICT_ID } from '../../registry/demo.js';
import { loadDemoDistrict } from '../../registry/demo-load.js';
import { loadDemoExchange } from './demo.js';
import { loadDemoTeachers } from '../../teachers/demo.js';
import { ExchangeService } from './service.js';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

describe('the demo county’s draft plan', () => {
  let database: Database;
  let result: Awaited<ReturnType<typeof loadDemoExchange>>;
  let deps: ReturnType<typeof createServices>;
  beforeAll(async () => {
    database = await freshDatabase();
    await loadDemoDistrict(database.db);
    deps = createServices(database);
    // Without a roster there is no plan to build; the bootstrap loads the teachers demo before planning.
    expect((await loadDemoExchange(database.db, deps, DEMO_DISTRICT_ID, 2024)).teachers).toBe(0);
    await loadDemoTeachers(database.db, deps.registry, DEMO_DISTRICT_ID, 2024);
    result = await loadDemoExchange(database.db, deps, DEMO_DISTRICT_ID, 2024);
  }, 300_000);
  afterAll(async () => database?.close());

  it('stores a draft from the roster’s 专任 teachers of the open public schools that breaks no rule', async () => {
    const svc = new ExchangeService(database.db, deps);
    const user = { districtId: DEMO_DISTRICT_ID, username: 'test' };
    const [summary] = (await svc.list(user)).plans;
    expect(summary).toMatchObject({ name: '2025 学年教师交流轮岗方案', year: 2024, status: 'draft', violations: 0, source: 'roster' });
    const plan = await svc.get(user, summary.id);
    // The roster of 2024 recounted in SQL: 专任 of open 公办 schools, years at the school = 2024 − school_since, age =
    // 2024 − birth_year, 骨干 = 县/市/省, main subject = the first of the 、-joined subjects.
    type Row = { teacher_id: string; school_code: string; subject: string; backbone: boolean; years: number; age: number };
    const rows = rowsOf<Row>(
      await database.db.execute(sql`
        select y.teacher_id, y.school_code, split_part(y.subjects, '、', 1) as subject, coalesce(y.backbone_level in ('县', '市', '省'), false) as backbone,
               2024 - y.school_since as years, 2024 - t.birth_year as age
        from teacher_years y join teachers t on t.district_id = y.district_id and t.teacher_id = y.teacher_id
        join schools s on s.district_id = y.district_id and s.code = y.school_code
        where y.district_id = ${DEMO_DISTRICT_ID} and y.year = 2024 and y.post = '专任' and s.is_open and s.ownership = '公办'
        order by y.teacher_id`),
    );
    expect(rows.length).toBeGreaterThan(1000);
    const mine = [...plan.teachers].sort((a, b) => (a.teacherId < b.teacherId ? -1 : 1)).map((t) => [t.teacherId, t.schoolCode, t.subject, t.backbone, t.yearsAtSchool, t.age]);
    expect(mine).toEqual(rows.map((r) => [r.teacher_id, r.school_code, r.subject, r.backbone, Number(r.years), Number(r.age)]));
    expect(result.teachers).toBe(rows.length);
    // Eligible under the default rules (≥ 6 years, under 55), every school being in the plan.
    expect(plan.excluded).toEqual([]);
    expect(plan.metrics.eligible).toBe(rows.filter((r) => Number(r.years) >= 6 && Number(r.age) < 55).length);
    // The draft obeys every rule and lowers the CV.
    expect(plan.violations).toEqual([]);
    expect(plan.metrics.movers).toBeGreaterThanOrEqual(plan.metrics.required);
    expect(plan.metrics.cvAfter).toBeLessThan(plan.metrics.cvBefore);
    // A second load adds nothing.
    expect((await loadDemoExchange(database.db, deps, DEMO_DISTRICT_ID, 2024)).teachers).toBe(0);
    expect((await svc.list(user)).plans).toHaveLength(1);
  });
});
