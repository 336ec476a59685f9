// Balance evaluation from registry data, with a 九年一贯制 school split 1 : 1.1.
// Expected values computed independently in Python (shown in the comments).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHOOL_A, sampleRecord, schoolFixture, signIn, testApp } from '../helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
const D = schoolFixture('2133000009', '测试九年一贯制学校', '九年一贯制');
beforeAll(async () => {
  t = await testApp();
  const admin = await signIn(t.app, 'admin');
  const { districtId: _d, ...body } = D;
  expect((await admin.post('/api/schools', body)).statusCode).toBe(200);
  expect((await admin.put(`/api/schools/${SCHOOL_A.code}/stats/2024`, sampleRecord())).statusCode).toBe(200);
  const rec = sampleRecord();
  rec.values = {
    ...rec.values,
    teachersTotal: 40,
    teachersAboveDegree: 40,
    certifiedTeachers: 40,
    seniorTitleTeachers: 20,
    teachersAgeUnder30: 10,
    teachersAge30to39: 10,
    teachersAge40to49: 10,
    teachersAge50plus: 10,
    teachingAuxAreaM2: 23226,
    buildingAreaM2: 30000,
  };
  // The published split example: 166 小学 and 210 初中 students.
  rec.enrolments = [
    { grade: 1, students: 166 },
    { grade: 7, students: 210 },
  ];
  rec.classes = [41, 41, 42, 42].map((size, i) => ({ grade: 1, classNo: i + 1, size })).concat([42, 42, 42, 42, 42].map((size, i) => ({ grade: 7, classNo: i + 1, size })));
  expect((await admin.put(`/api/schools/${D.code}/stats/2024`, rec)).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('GET /api/balance/evaluation', () => {
  it('splits the 九年一贯制 school and computes the weighted CVs', async () => {
    const r = (await (await signIn(t.app, 'analyst')).get('/api/balance/evaluation?year=2024')).json();
    const primary = r.levels['小学'];
    expect(primary.schools.map((s: { schoolCode: string }) => s.schoolCode).sort()).toEqual([SCHOOL_A.code, `${D.code}-P`]);
    const dp = primary.schools.find((s: { schoolCode: string }) => s.schoolCode === `${D.code}-P`);
    // 23226 × 166/397 = 9711.6272 m² for 166 students = 58.504 m² each
    expect(dp.values.teaching_area_per_student).toBeCloseTo(9711.627204 / 166, 6);
    const area = primary.indicators.find((i: { key: string }) => i.key === 'teaching_area_per_student');
    // python: X̄ = (900.5 + 9711.627204)/300 = 35.373757, S = 25.744098, CV = 0.727774
    expect(area.mean).toBeCloseTo(35.373757, 5);
    expect(area.sd).toBeCloseTo(25.744098, 5);
    expect(area.cv).toBeCloseTo(0.727774, 6);
    expect(area.pass).toBe(false); // > 0.50
    const deg = primary.indicators.find((i: { key: string }) => i.key === 'teachers_above_degree_per100');
    // python: teachers split 40 × 166/397; X̄ = 8.575147 per 100, CV = 0.194748
    expect(deg.mean).toBeCloseTo(8.575147, 5);
    expect(deg.cv).toBeCloseTo(0.194748, 6);
    const dj = r.levels['初中'].schools[0];
    expect(dj.schoolCode).toBe(`${D.code}-J`);
    expect(dj.students).toBe(210);
    expect(dj.values.teachers_above_degree_per100).toBeCloseTo(((40 * 231) / 397 / 210) * 100, 9); // 23.2746 teachers for 210 students
    expect(r.missing.sort()).toEqual(['2133000002', '2133000003']);
  });

  it('is closed to clerks and viewers', async () => {
    expect((await (await signIn(t.app, 'clerkA')).get('/api/balance/evaluation')).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'viewer')).get('/api/balance/evaluation')).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'analyst')).get('/api/balance/evaluation?standard=nope')).statusCode).toBe(404);
  });
});

describe('the balance answers are camelCase on the wire', () => {
  // Property names are camelCase; the only other keys are the pack's indicator keys (ids such as
  // teaching_area_per_student, which key values, gaps and unit costs) and the levels 小学 / 初中.
  const offending = (value: unknown, ids: Set<string>, at = '$', out: string[] = []): string[] => {
    if (Array.isArray(value)) value.forEach((v, i) => offending(v, ids, `${at}[${i}]`, out));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (!/^[a-z][a-zA-Z0-9]*$/.test(k) && !ids.has(k) && k !== '小学' && k !== '初中') out.push(`${at}.${k}`);
        offending(v, ids, `${at}.${k}`, out);
      }
    return out;
  };

  it('evaluation, plan, trend, class sizes, standards and saved evaluations', async () => {
    const analyst = await signIn(t.app, 'analyst');
    const ev = (await analyst.get('/api/balance/evaluation?year=2024')).json();
    const ids = new Set<string>(ev.pack.indicators.map((i: { key: string }) => i.key));
    const saved = await analyst.post('/api/balance/evaluations', { year: 2024, note: 'camelCase' });
    expect(saved.statusCode).toBe(201);
    const urls = [
      '/api/balance/evaluation?year=2024',
      '/api/balance/plan?year=2024',
      '/api/balance/trend',
      '/api/balance/class-sizes?year=2024',
      '/api/balance/standards',
      '/api/balance/standards/national-2017-quality',
      '/api/balance/evaluations',
      `/api/balance/evaluations/${saved.json().id}`,
    ];
    for (const url of urls) {
      const r = await analyst.get(url);
      expect(r.statusCode, url).toBe(200);
      expect(offending(r.json(), ids), url).toEqual([]);
    }
    const schools = ev.levels['小学'].schools.concat(ev.guarantees);
    expect(schools.every((s: { schoolCode?: string; schoolName?: string }) => typeof s.schoolCode === 'string')).toBe(true);
  });

  it('an evaluation saved with the old snake_case school keys reads back camelCase', async () => {
    const { insertEvaluation } = await import('../../src/balance/store.js');
    const ev = (await (await signIn(t.app, 'analyst')).get('/api/balance/evaluation?year=2024')).json();
    const legacy = JSON.parse(JSON.stringify(ev).replaceAll('"schoolCode"', '"school_code"').replaceAll('"schoolName"', '"school_name"'));
    const row = await insertEvaluation(t.database.db, SCHOOL_A.districtId, { year: 2024, standardId: ev.pack.id, standardVersion: ev.pack.version, note: null, result: legacy, user: 'analyst' });
    const r = await (await signIn(t.app, 'analyst')).get(`/api/balance/evaluations/${row.id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().result).toEqual(ev);
  });
});
