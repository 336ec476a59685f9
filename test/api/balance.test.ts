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
  rec.values = { ...rec.values, teachersTotal: 40, teachersAboveDegree: 40, certifiedTeachers: 40, seniorTitleTeachers: 20, teachersAgeUnder30: 10, teachersAge30to39: 10, teachersAge40to49: 10, teachersAge50plus: 10, teachingAuxAreaM2: 23226, buildingAreaM2: 30000 };
  // The published split example: 166 小学 and 210 初中 students.
  rec.enrolments = [{ grade: 1, students: 166 }, { grade: 7, students: 210 }];
  rec.classes = [41, 41, 42, 42].map((size, i) => ({ grade: 1, classNo: i + 1, size })).concat([42, 42, 42, 42, 42].map((size, i) => ({ grade: 7, classNo: i + 1, size })));
  expect((await admin.put(`/api/schools/${D.code}/stats/2024`, rec)).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('GET /api/balance/evaluation', () => {
  it('splits the 九年一贯制 school and computes the weighted CVs', async () => {
    const r = (await (await signIn(t.app, 'analyst')).get('/api/balance/evaluation?year=2024')).json();
    const primary = r.levels['小学'];
    expect(primary.schools.map((s: { school_code: string }) => s.school_code).sort()).toEqual([SCHOOL_A.code, `${D.code}-P`]);
    const dp = primary.schools.find((s: { school_code: string }) => s.school_code === `${D.code}-P`);
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
    expect(dj.school_code).toBe(`${D.code}-J`);
    expect(dj.students).toBe(210);
    expect(dj.values.teachers_above_degree_per100).toBeCloseTo((40 * 231) / 397 / 210 * 100, 9); // 23.2746 teachers for 210 students
    expect(r.missing.sort()).toEqual(['2133000002', '2133000003']);
  });

  it('is closed to clerks and viewers', async () => {
    expect((await (await signIn(t.app, 'clerkA')).get('/api/balance/evaluation')).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'viewer')).get('/api/balance/evaluation')).statusCode).toBe(403);
    expect((await (await signIn(t.app, "analyst")).get('/api/balance/evaluation?standard=nope')).statusCode).toBe(404);
  });
});
