// Standards packs over the API: the 2012 composite on registry figures, local packs (create, version, audit),
// evaluations that record the pack and version they used, and the trend. Expected numbers computed
// independently in Python (shown in comments).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHOOL_A, SCHOOL_B, sampleRecord, signIn, testApp } from '../helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
  const admin = await signIn(t.app, 'admin');
  expect((await admin.put(`/api/schools/${SCHOOL_A.code}/stats/2024`, sampleRecord())).statusCode).toBe(200);
  const b = sampleRecord();
  b.values = {
    ...b.values,
    teachingAuxAreaM2: 300,
    sportsGroundAreaM2: 1200,
    equipmentValueYuan: 90000,
    computers: 10,
    books: 2000,
    teachersTotal: 6,
    teachersAboveDegree: 5,
    seniorTitleTeachers: 2,
    certifiedTeachers: 6,
    teachersPostgraduate: 0,
    teachersAgeUnder30: 2,
    teachersAge30to39: 2,
    teachersAge40to49: 1,
    teachersAge50plus: 1,
    backboneCounty: 0,
    peTeachers: 1,
    musicTeachers: 0,
    artTeachers: 0,
    multimediaClassrooms: 1,
  };
  b.enrolments = [
    { grade: 1, students: 30 },
    { grade: 2, students: 30 },
  ];
  b.classes = [
    { grade: 1, classNo: 1, size: 30 },
    { grade: 2, classNo: 1, size: 30 },
  ];
  expect((await admin.put(`/api/schools/${SCHOOL_B.code}/stats/2024`, b)).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('national-2012-basic over registry figures', () => {
  it('computes the 8 student-weighted CVs and 综合 = their mean', async () => {
    const r = (await (await signIn(t.app, 'analyst')).get('/api/balance/evaluation?year=2024&standard=national-2012-basic')).json();
    expect(r.standard).toBe('national-2012-basic');
    const lv = r.levels['小学'];
    // python, A: 134 students, B: 60 students
    const expected: Record<string, [number, number]> = {
      teaching_area_per_student: [6.188144, 0.128479],
      sports_area_per_student: [13.917526, 0.292443],
      equipment_per_student: [2525.773196, 0.271757],
      computers_per100: [25.773196, 0.236433],
      books_per_student: [41.237113, 0.128254],
      teachers_per_student: [0.082474, 0.142194],
      teachers_above_degree_per_student: [0.072165, 0.103559],
      senior_title_per_student: [0.030928, 0.052045],
    };
    for (const [key, [mean, cv]] of Object.entries(expected)) {
      const ind = lv.indicators.find((i: { key: string }) => i.key === key);
      expect(ind.mean).toBeCloseTo(mean, 5);
      expect(ind.cv).toBeCloseTo(cv, 6);
    }
    expect(lv.composite.cv).toBeCloseTo(0.169395, 6);
    expect(lv.composite.limit).toBe(0.65);
    expect(lv.composite.pass).toBe(true);
    expect(lv.schoolsPassing).toBeNull();
  });
});

describe('local standards packs', () => {
  const dinghai = {
    id: 'dinghai-2025',
    name: '定海区2025年目标',
    nameEn: 'Dinghai 2025 target',
    basis: '各项资源配置差异系数 < 0.30; 初中班额 ≤ 45',
    extends: 'national-2017-quality',
    overrides: { cvLimit: { 小学: '0.30', 初中: '0.30' }, classSize: { standard: { 初中: 45 } } },
  };

  it('only an admin creates one; a duplicate id is a conflict; a bad override names the problem', async () => {
    expect((await (await signIn(t.app, 'analyst')).post('/api/balance/standards', dinghai)).statusCode).toBe(403);
    const admin = await signIn(t.app, 'admin');
    const created = await admin.post('/api/balance/standards', dinghai);
    expect(created.statusCode).toBe(201);
    expect(created.json().pack).toMatchObject({ id: 'dinghai-2025', version: 1, extends: { id: 'national-2017-quality', version: 1 }, cvLimit: { 小学: '0.30', 初中: '0.30' } });
    expect((await admin.post('/api/balance/standards', dinghai)).statusCode).toBe(409);
    const bad = await admin.post('/api/balance/standards', { ...dinghai, id: 'bad-one', overrides: { thresholds: { no_such_indicator: { 小学: '1' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/no_such_indicator/);
    expect((await admin.post('/api/balance/standards', { ...dinghai, id: 'national-2017-quality' })).statusCode).toBe(409);
    expect((await admin.post('/api/balance/standards', { ...dinghai, id: 'x-y', overrides: { cvLimit: { 小学: '-1' } } })).statusCode).toBe(400);
  });

  it('saving again makes version 2; evaluations use the latest or a named version', async () => {
    const admin = await signIn(t.app, 'admin');
    const v2 = await admin.put('/api/balance/standards/dinghai-2025', { ...dinghai, overrides: { ...dinghai.overrides, cvLimit: { 小学: '0.25', 初中: '0.30' } } });
    expect(v2.statusCode).toBe(200);
    expect(v2.json().pack.version).toBe(2);
    const list = (await admin.get('/api/balance/standards')).json().standards;
    expect(list.map((s: { id: string }) => s.id)).toEqual(['national-2017-quality', 'national-2012-basic', 'dinghai-2025']);
    expect(list[2]).toMatchObject({ version: 2, versions: [1, 2], builtIn: false });
    const latest = (await admin.get('/api/balance/evaluation?year=2024&standard=dinghai-2025')).json();
    expect(latest.version).toBe(2);
    expect(latest.levels['小学'].indicators[0].limit).toBe(0.25);
    const first = (await admin.get('/api/balance/evaluation?year=2024&standard=dinghai-2025&version=1')).json();
    expect(first.levels['小学'].indicators[0].limit).toBe(0.3);
    expect((await admin.get('/api/balance/evaluation?year=2024&standard=dinghai-2025&version=7')).statusCode).toBe(404);
    // Class sizes by the local pack: 初中 standard 45.
    expect((await admin.get('/api/balance/class-sizes?year=2024&standard=dinghai-2025')).json().standard.standard).toEqual({ 小学: 45, 初中: 45 });
    const audit = (await admin.get('/api/audit?entity=standard_pack')).json();
    expect(audit.rows.map((r: { entityKey: string }) => r.entityKey).sort()).toEqual(['dinghai-2025@1', 'dinghai-2025@2']);
  });

  it('a saved evaluation records the pack and version it used', async () => {
    const analyst = await signIn(t.app, 'analyst');
    const saved = await analyst.post('/api/balance/evaluations', { year: 2024, standard: 'dinghai-2025', note: '年度自评' });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ year: 2024, standardId: 'dinghai-2025', standardVersion: 2, note: '年度自评', createdBy: 'analyst' });
    expect((await (await signIn(t.app, 'inspector')).post('/api/balance/evaluations', { year: 2024 })).statusCode).toBe(403);
    const list = (await analyst.get('/api/balance/evaluations')).json().evaluations;
    expect(list).toHaveLength(1);
    const full = (await analyst.get(`/api/balance/evaluations/${list[0].id}`)).json();
    expect(full.result.pack.version).toBe(2);
    expect(full.result.levels['小学'].schools).toHaveLength(2);
    expect((await analyst.post('/api/balance/evaluations', { year: 1999 })).statusCode).toBe(400);
  });
});

describe('trend and guarantees', () => {
  it('gives every year, and the 政府保障 items per school', async () => {
    const analyst = await signIn(t.app, 'analyst');
    const tr = (await analyst.get('/api/balance/trend')).json();
    const y2024 = tr.years.find((y: { year: number }) => y.year === 2024);
    expect(y2024.levels['小学'].counted).toBe(2);
    expect(y2024.levels['小学'].indicators).toHaveLength(7);
    const ev = (await analyst.get('/api/balance/evaluation?year=2024')).json();
    const ga = ev.guarantees.find((g: { schoolCode: string }) => g.schoolCode === SCHOOL_A.code);
    // 134 students ≤ 2000; 3 classes → ⌈3/12⌉ = 1 music and 1 art room (has 1 each); classes 45/45/44 ≤ 45
    expect(ga).toMatchObject({ students: 134, maxStudents: 2000, sizePass: true, classes: 3, roomsRequired: 1, roomsPass: true, classesOverStandard: 0, pass: true });
    const gb = ev.guarantees.find((g: { schoolCode: string }) => g.schoolCode === SCHOOL_B.code);
    expect(gb.pass).toBe(true);
    expect(ev.unapproved.sort()).toEqual([SCHOOL_A.code, SCHOOL_B.code]);
  });
});

describe('GET /api/balance/plan', () => {
  it('plans additions that bring every school to the standard and every CV under its limit', async () => {
    const { evaluateLevel } = await import('../../src/balance/evaluate.js');
    const analyst = await signIn(t.app, 'analyst');
    const ev = (await analyst.get('/api/balance/evaluation?year=2024')).json();
    const plan = (await analyst.get('/api/balance/plan?year=2024')).json();
    const p = plan.levels['小学'];
    expect(p.feasible).toBe(true);
    expect(p.totalCost).toBeGreaterThan(0);
    // School B (60 students) has 1 multimedia room = 1.67 per 100 < 2.3: it needs ⌈2.3 × 60 / 100⌉ − 1 = 1 more room, unless left at ≥ 85%.
    const after = ev.inputs.map((s: { code: string; numerators: Record<string, number> }) => {
      const n = { ...s.numerators };
      for (const a of p.additions.filter((x: { schoolCode: string }) => x.schoolCode === s.code)) n[a.key] += a.add;
      return { ...s, numerators: n };
    });
    const before = evaluateLevel(ev.pack, '小学', ev.inputs);
    const fixed = evaluateLevel(ev.pack, '小学', after);
    expect(before.pass).toBe(false);
    expect(fixed.pass).toBe(true);
    // Costs are add × unit cost; a cheaper teacher changes the total.
    for (const a of p.additions) expect(a.cost).toBeCloseTo(a.add * plan.unitCosts[a.key], 6);
    const cheap = (await analyst.get('/api/balance/plan?year=2024&costs=backbone_per100:1000')).json();
    expect(cheap.unitCosts.backbone_per100).toBe(1000);
    expect((await analyst.get('/api/balance/plan?year=2024&costs=oops')).statusCode).toBe(400);
    expect((await analyst.get('/api/balance/plan?year=2024&standard=national-2012-basic')).statusCode).toBe(400);
    expect((await (await signIn(t.app, 'viewer')).get('/api/balance/plan')).statusCode).toBe(403);
  });
});
