// The generated teacher file (demo-teachers.ts) and the demo county's draft exchange plan (demo.ts), built from the
// teachers demo's roster: its teachers are the 专任 of the open public schools with the roster's figures (recounted here
// in SQL), and the stored draft breaks no rule.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.js';
import type { Database } from '../../core/db/index.js';
import { createServices } from '../../server.js';
import { DEMO_DISTRICT_ID } from '../../registry/demo.js';
import { loadDemoDistrict } from '../../registry/demo-load.js';
import { demoTeachers, largestRemainder } from './demo-teachers.js';
import { loadDemoExchange } from './demo.js';
import { loadDemoTeachers } from '../../teachers/demo.js';
import { ExchangeService } from './service.js';

describe('largestRemainder', () => {
  it('splits a whole number by weights, the remainders to the largest fractions', () => {
    // 10 × (0.3, 0.24, 0.1, 0.07, 0.09, 0.06, 0.06, 0.05, 0.03) = 3, 2.4, 1, 0.7, 0.9, 0.6, 0.6, 0.5, 0.3:
    // floors 3 2 1 0 0 0 0 0 0 (6); the 4 left go to .9, .7, .6, .6 (the first of the two .6 first, then the second).
    expect(largestRemainder(10, [0.3, 0.24, 0.1, 0.07, 0.09, 0.06, 0.06, 0.05, 0.03])).toEqual([3, 2, 1, 1, 1, 1, 1, 0, 0]);
    expect(largestRemainder(7, [1, 1])).toEqual([4, 3]);
    expect(largestRemainder(0, [1, 2])).toEqual([0, 0]);
    expect(largestRemainder(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('demoTeachers', () => {
  const school = {
    code: '2133990999',
    enrolments: [
      { grade: 1, students: 60 },
      { grade: 6, students: 40 },
    ],
    teachersTotal: 10,
    backbone: 3,
    ageBands: [2, 3, 3, 2] as [number, number, number, number],
  };

  it('follows the school’s figures: head count, subjects by the staffing shares, 骨干, age bands', () => {
    const ts = demoTeachers([school], 2024);
    expect(ts).toHaveLength(10);
    const count = (f: (t: (typeof ts)[number]) => boolean) => ts.filter(f).length;
    // The split worked out above for a primary section of 10 teachers.
    expect(Object.fromEntries(['语文', '数学', '英语', '科学', '体育', '音乐', '美术'].map((s) => [s, count((t) => t.subject === `小学${s}`)]))).toEqual({
      语文: 3,
      数学: 2,
      英语: 1,
      科学: 1,
      体育: 1,
      音乐: 1,
      美术: 1,
    });
    expect(count((t) => t.backbone)).toBe(3);
    // 骨干 go to teachers of 30 and over first (8 of them here).
    expect(ts.filter((t) => t.backbone).every((t) => t.age >= 30)).toBe(true);
    expect([count((t) => t.age < 30), count((t) => t.age >= 30 && t.age < 40), count((t) => t.age >= 40 && t.age < 50), count((t) => t.age >= 50)]).toEqual([2, 3, 3, 2]);
    // Years at the school never exceed a career begun at 22.
    expect(ts.every((t) => t.yearsAtSchool >= 0 && t.yearsAtSchool <= Math.max(0, t.age - 22))).toBe(true);
    expect(new Set(ts.map((t) => t.teacherId)).size).toBe(10);
    expect(demoTeachers([school], 2024)).toEqual(ts);
  });

  it('splits a nine-year school by its sections’ students, and skips schools without teachers', () => {
    const ts = demoTeachers(
      [
        { ...school, enrolments: [...school.enrolments, { grade: 7, students: 100 }], teachersTotal: 20 },
        { ...school, code: '2133990998', teachersTotal: 0 },
      ],
      2024,
    );
    // 200 students: 100 primary and 100 junior → 10 + 10 teachers.
    expect(ts.filter((t) => t.subject.startsWith('小学'))).toHaveLength(10);
    expect(ts.filter((t) => t.subject.startsWith('初中'))).toHaveLength(10);
    expect(ts.every((t) => t.schoolCode === school.code)).toBe(true);
  });
});

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
