// Every role sees exactly what it may: a clerk of school A gets 403 for school B's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseStatsWorkbook } from '../../src/registry/excel.js';
import { SCHOOL_A, SCHOOL_B, SCHOOL_C, sampleRecord, signIn, testApp } from '../helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
  const admin = await signIn(t.app, 'admin');
  for (const s of [SCHOOL_A, SCHOOL_B]) expect((await admin.put(`/api/schools/${s.code}/stats/2024`, sampleRecord())).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('school clerk', () => {
  it('reads and edits the own school', async () => {
    const a = await signIn(t.app, 'clerkA');
    expect((await a.get(`/api/schools/${SCHOOL_A.code}`)).statusCode).toBe(200);
    expect((await a.get(`/api/schools/${SCHOOL_A.code}/stats/2024`)).json().record.values.teachersTotal).toBe(10);
    const rec = sampleRecord();
    rec.values.books = 6100;
    expect((await a.put(`/api/schools/${SCHOOL_A.code}/stats/2024`, rec)).statusCode).toBe(200);
  });

  it("gets 403 for every read and write of another school's data", async () => {
    const a = await signIn(t.app, 'clerkA');
    const b = SCHOOL_B.code;
    expect((await a.get(`/api/schools/${b}`)).statusCode).toBe(403);
    expect((await a.get(`/api/schools/${b}/stats`)).statusCode).toBe(403);
    expect((await a.get(`/api/schools/${b}/stats/2024`)).statusCode).toBe(403);
    expect((await a.put(`/api/schools/${b}/stats/2024`, sampleRecord())).statusCode).toBe(403);
    expect((await a.post(`/api/schools/${b}/stats/2024/submit`)).statusCode).toBe(403);
    expect((await a.get(`/api/template?year=2024&school=${b}`)).statusCode).toBe(200); // a clerk always gets the own school's template…
    expect((await a.get(`/api/template?year=2024&school=${b}`)).headers['content-disposition']).toContain(SCHOOL_A.code); // …never B's
    // Lists and overviews are scoped to the own school.
    const list = (await a.get('/api/schools?year=2024')).json().schools;
    expect(list.map((s: { code: string }) => s.code)).toEqual([SCHOOL_A.code]);
    const ov = (await a.get('/api/overview?year=2024')).json();
    expect(ov.students).toBe(134); // school A only: 90 + 44
    // B's figures are unchanged by any of the above.
    const admin = await signIn(t.app, 'admin');
    expect((await admin.get(`/api/schools/${b}/stats/2024`)).json().record.values.books).toBe(6000);
  });

  it('may not approve its own submission, edit the registry, read the audit log or the review queue', async () => {
    const a = await signIn(t.app, 'clerkA');
    expect((await a.post(`/api/schools/${SCHOOL_A.code}/stats/2024/submit`)).statusCode).toBe(200);
    expect((await a.post(`/api/schools/${SCHOOL_A.code}/stats/2024/approve`)).statusCode).toBe(403);
    expect((await a.put(`/api/schools/${SCHOOL_A.code}`, { ...SCHOOL_A, name: '改名' })).statusCode).toBe(403);
    expect((await a.get('/api/audit')).statusCode).toBe(403);
    expect((await a.get('/api/review')).statusCode).toBe(403);
    // The export holds the own school only.
    const x = await a.get('/api/export?year=2024');
    expect(x.statusCode).toBe(200);
    const known = new Map([SCHOOL_A, SCHOOL_B, SCHOOL_C].map((s) => [s.code, { name: s.name, level: s.level }]));
    const parsed = await parseStatsWorkbook(x.rawPayload, { fileName: 'x.xlsx', year: 2024, knownSchools: known });
    expect(parsed.problems).toEqual([]);
    expect([...parsed.data.keys()]).toEqual([SCHOOL_A.code]);
  });
});

describe('inspector, viewer, analyst', () => {
  it('inspector reads assigned schools only, and writes nothing', async () => {
    const i = await signIn(t.app, 'inspector');
    expect((await i.get(`/api/schools/${SCHOOL_B.code}/stats/2024`)).statusCode).toBe(200);
    expect((await i.get(`/api/schools/${SCHOOL_A.code}/stats/2024`)).statusCode).toBe(403);
    expect((await i.put(`/api/schools/${SCHOOL_B.code}/stats/2024`, sampleRecord())).statusCode).toBe(403);
    expect((await i.get('/api/schools')).json().schools.map((s: { code: string }) => s.code)).toEqual([SCHOOL_B.code]);
  });

  it('viewer sees the school list and aggregates but no per-school statistics', async () => {
    const v = await signIn(t.app, 'viewer');
    const list = (await v.get('/api/schools?year=2024')).json();
    expect(list.schools).toHaveLength(3);
    // One rule for the list and the school page: the registry facts and the totals, no school's own figures.
    expect(list.perSchoolFigures).toBe(false);
    expect(list.totals).toMatchObject({ schools: 3, students: 268, classes: 6 }); // sampleRecord: 3 classes each for A and B
    for (const s of list.schools) expect(s).toMatchObject({ students: null, classes: null, teachers: null, maxClassSize: null, overStandardClasses: null, status: null });
    expect(list.schools.find((s: { code: string }) => s.code === SCHOOL_A.code)).toMatchObject({ name: SCHOOL_A.name, level: SCHOOL_A.level, location: SCHOOL_A.location });
    const ov = (await v.get('/api/overview?year=2024')).json();
    expect(ov.students).toBe(268); // 134 + 134
    expect(ov.classSize.classes).toBe(6); // the district's classes are counted …
    expect(ov.largestClasses).toEqual([]); // … but no school's own classes are listed
    expect((await v.get(`/api/schools/${SCHOOL_A.code}/stats/2024`)).statusCode).toBe(403);
    expect((await v.put(`/api/schools/${SCHOOL_C.code}`, { ...SCHOOL_C })).statusCode).toBe(403);
  });

  it('analyst edits the registry; every change lands in the audit log', async () => {
    const an = await signIn(t.app, 'analyst');
    const r = await an.put(`/api/schools/${SCHOOL_C.code}`, { ...SCHOOL_C, name: '测试县实验初级中学', isBoarding: true });
    expect(r.statusCode).toBe(200);
    const log = (await an.get(`/api/audit?entity=school&key=${SCHOOL_C.code}`)).json();
    const fields = log.rows.map((x: { field: string; oldValue: unknown; newValue: unknown }) => [x.field, x.oldValue, x.newValue]).sort();
    expect(fields).toEqual([
      ['isBoarding', false, true],
      ['name', '测试初级中学', '测试县实验初级中学'],
    ]);
    expect(log.rows[0].entityName).toBe('测试县实验初级中学');
  });

  it('the audit export reads as people read it: local time, names of actions, entities and fields, values written out', async () => {
    const an = await signIn(t.app, 'analyst');
    const rows = async (url: string) => {
      const r = await an.get(url);
      expect(r.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const out: Record<string, unknown>[] = [];
      const ws = wb.worksheets[0];
      const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      ws.eachRow((row, n) => {
        if (n > 1) out.push(Object.fromEntries((row.values as unknown[]).slice(1).map((v, i) => [head[i], v])));
      });
      return { head, out };
    };
    const json = (await an.get(`/api/audit?entity=school&key=${SCHOOL_C.code}`)).json().rows.find((x: { field: string }) => x.field === 'isBoarding');
    const school = await rows(`/api/audit/export?entity=school&key=${SCHOOL_C.code}`);
    expect(school.head[1]).toBe('时间（Asia/Shanghai）');
    const boarding = school.out.find((r) => r['字段'] === '寄宿制');
    // UTC+8 written out by hand from the stored instant: 2026-12-07T04:06:33.000Z → 2026-12-07 12:06:33.
    const local = new Date(Date.parse(json.at) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(boarding).toMatchObject({ 操作: '修改', 对象: '学校', 对象标识: SCHOOL_C.code, 对象名称: '测试县实验初级中学', 原值: '否', 新值: '是' });
    expect(boarding!['时间（Asia/Shanghai）']).toBe(local);
    const stats = await rows(`/api/audit/export?entity=stats&key=${SCHOOL_A.code}/2024`);
    const teachers = stats.out.find((r) => r['字段'] === '专任教师数');
    expect(teachers).toMatchObject({ 操作: '修改', 对象: '年度统计', 对象标识: `${SCHOOL_A.code}/2024`, 对象名称: `${SCHOOL_A.name}（2024–2025学年）`, 新值: '10' });
    expect(stats.out.every((r) => !/^[[{"]/.test(String(r['新值'] ?? '')))).toBe(true);
  });
});
