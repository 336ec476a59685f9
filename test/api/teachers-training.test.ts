// Training hours end to end through the API. A roster of school year 2024 (A: three 专任 and one 行政; B: two 专任;
// C: one 行政 and no 专任), seven courses around the calendar-year and window boundaries, attendance imported from files
// (GBK and UTF-8) and entered by form; the shares, the list below the target, a teacher's history, the export and the
// template checked against numbers worked out by hand below. Courses and their hours (credited in the end date's year):
//   K1 2025-12-31  96 h    K2 2024-12-28 → 2025-01-01  72 h (counts in 2025)    K3 2024-12-31  72 h (counts in 2024)
//   K4 2023-06-30  72 h    K5 2022-06-30  72 h    K6 2021-01-01  72 h (first day of the 2021–2025 window)
//   K7 2020-12-31  72 h (last day before that window)
// Attendance: T1 (A 专任) K1 96; T2 (A 专任) K2 K3 K4 K5 K6 at 72 each; T3 (A 专任) K3 72, K7 72; T4 (A 行政) K1 96;
//   T5 (B 专任) K1 96, K2 72, K4 72, K5 72, K6 47.5; T6 (B 专任) nothing; T7 (C 行政) nothing.
// Calendar year 2025 (window 2021–2025; no roster of 2025 yet → the roster of 2024, fallback):
//   T1 year 96 (exactly: meets), window 96.    T2 year 72 (K2), window 5 × 72 = 360 (exactly: meets).
//   T3 year 0 (K3 ends 31 Dec 2024: counts in 2024), window 72 (K3; K7 ends before the window).
//   T5 year 96 + 72 = 168 (meets), window 96 + 72 + 72 + 72 + 47.5 = 359.5 (misses by 0.5).    T6 0 and 0.
//   A: 3 专任 (T4 is 行政); year met T1 → 1/3; window met T2 → 1/3.    B: 2; year T5 → 1/2; window none → 0.
//   C: has a roster but no 专任 → 0 teachers, shares null.    District: 5; year 2 → 0.4; window 1 → 0.2.
// Calendar year 2024 (window 2020–2024, roster 2024): T2 72 / 288; T3 72 / 144; T5 0 / 191.5; nobody meets anything.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, signIn, testApp } from '../helpers.js';
import { insertPersons, replaceSchoolRoster } from '../../src/teachers/roster/store.js';
import { saveAttendance } from '../../src/teachers/training/store.js';
import type { RosterTeacher } from '../../src/teachers/model.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);

const teacher = (teacherId: string, schoolCode: string, post: RosterTeacher['post'], staffNo: string): RosterTeacher => ({
  teacherId,
  name: `教师${teacherId.slice(-1)}`,
  sex: '女',
  birthYear: 1985,
  schoolCode,
  section: null,
  staffNo,
  subjects: ['语文'],
  post,
  qualification: '本科',
  title: '一级',
  certified: true,
  backboneLevel: null,
  backboneYear: null,
  tier: null,
  schoolSince: 2015,
  employment: '在编',
});
const ROSTER_2024 = [
  teacher('T000001', A, '专任', 'A01'),
  teacher('T000002', A, '专任', 'A02'),
  teacher('T000003', A, '专任', 'A03'),
  teacher('T000004', A, '行政', 'A04'),
  teacher('T000005', B, '专任', 'B01'),
  teacher('T000006', B, '专任', 'B02'),
  teacher('T000007', C, '行政', 'C01'),
];

const COURSES = [
  { title: 'K1 新课标解读', provider: '县教师发展中心', level: '县级', hours: 96, startDate: '2025-03-01', endDate: '2025-12-31' },
  { title: 'K2 班主任培训', provider: '市教育局', level: '市级', hours: 72, startDate: '2024-12-28', endDate: '2025-01-01' },
  { title: 'K3 信息技术', provider: '本校', level: '校本', hours: 72, startDate: '2024-09-01', endDate: '2024-12-31' },
  { title: 'K4 心理健康', provider: '省教育厅', level: '省级', hours: 72, startDate: '2023-03-01', endDate: '2023-06-30' },
  { title: 'K5 作业设计', provider: '县教师发展中心', level: '县级', hours: 72, startDate: '2022-03-01', endDate: '2022-06-30' },
  { title: 'K6 国培', provider: '教育部', level: '国家级', hours: 72, startDate: '2020-12-01', endDate: '2021-01-01' },
  { title: 'K7 旧课程', provider: '县教师发展中心', level: '县级', hours: 72, startDate: '2020-09-01', endDate: '2020-12-31' },
];

type Client = Awaited<ReturnType<typeof signIn>>;
type School = { schoolCode: string; hasRoster: boolean; teachers: number; metYear: number; shareYear: number | null; metWindow: number; shareWindow: number | null };
type Summary = {
  year: number;
  windowFrom: number;
  rosterYear: number | null;
  rosterFallback: boolean;
  targets: { id: string; version: number };
  schools: School[];
  district: Record<string, unknown>;
  years: number[];
};

describe('training hours', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let personnel: Client;
  let clerkA: Client;
  let clerkB: Client;
  const id: Record<string, number> = {};
  const count = async (table: string) => Number(rowsOf(await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0].n);
  const audit = async (entity: string) =>
    rowsOf(await t.database.db.execute(sql`select username, action, entity_key, field, old_value, new_value, row_count from audit_log where entity = ${entity} order by id`));

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    await insertPersons(db, DISTRICT, ROSTER_2024, 'setup');
    for (const s of [A, B, C])
      await replaceSchoolRoster(
        db,
        DISTRICT,
        s,
        2024,
        ROSTER_2024.filter((r) => r.schoolCode === s),
        'setup',
      );
    personnel = await signIn(t.app, 'personnel');
    clerkA = await signIn(t.app, 'clerkA');
    clerkB = await signIn(t.app, 'clerkB');
  });
  afterAll(async () => t.close());

  it('creates courses (checked: hours > 0, end ≥ start), audited', async () => {
    for (const c of COURSES) {
      const r = await personnel.post('/api/teachers/training/courses', c);
      expect(r.statusCode, r.body).toBe(200);
      id[c.title.slice(0, 2)] = r.json<{ id: number }>().id;
    }
    expect((await personnel.post('/api/teachers/training/courses', { ...COURSES[0], hours: 0 })).statusCode).toBe(400);
    const back = await personnel.post('/api/teachers/training/courses', { ...COURSES[0], startDate: '2025-12-31', endDate: '2025-12-30' });
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain('body.endDate');
    expect((await clerkA.post('/api/teachers/training/courses', COURSES[0])).statusCode).toBe(403);
    const list = await clerkA.get('/api/teachers/training/courses');
    expect(list.json<{ courses: { title: string; creditedYear: number }[] }>().courses.map((c) => [c.title.slice(0, 2), c.creditedYear])).toEqual([
      ['K1', 2025],
      ['K2', 2025],
      ['K3', 2024],
      ['K4', 2023],
      ['K5', 2022],
      ['K6', 2021],
      ['K7', 2020],
    ]);
    const y2025 = await clerkA.get('/api/teachers/training/courses?year=2025&level=%E5%B8%82%E7%BA%A7');
    expect(y2025.json<{ courses: { title: string }[] }>().courses.map((c) => c.title)).toEqual(['K2 班主任培训']);
    const a = await audit('teacher-course');
    expect(a.length).toBe(7);
    expect(a[0]).toMatchObject({ username: 'personnel', action: 'create', entity_key: `course:${id.K1}` });
  });

  it('refuses a whole file with every bad cell named, and writes nothing', async () => {
    const file = [
      '培训项目编号,培训项目名称,教师编号,学校代码,工号,姓名,学时',
      `${id.K1},,T000001,,,,96`, // fine alone
      `,K9 不存在,T000002,,,,`, // no such course
      `${id.K2},,T000099,,,,`, // no such teacher
      `${id.K2},,T000002,,,,80`, // more than 72
      `${id.K3},,,${A},A99,,`, // no 工号 A99 at A
    ].join('\n');
    const r = await personnel.upload('/api/teachers/training/attendance/import', file, 'bad.csv');
    expect(r.statusCode).toBe(422);
    const problems = r.json<{ problems: { row: number; column: string; message: string }[] }>().problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '培训项目名称'],
      [4, '教师编号'],
      [5, '学时'],
      [6, '工号'],
    ]);
    expect(await count('teacher_training')).toBe(0);
  });

  it('refuses a clerk of school B recording a school-A teacher (file and form)', async () => {
    const file = `培训项目编号,教师编号\n${id.K1},T000005\n${id.K1},T000001\n`;
    const r = await clerkB.upload('/api/teachers/training/attendance/import', file, 'b.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ problems: { row: number; column: string; message: string }[] }>().problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, '教师编号', '不是本校教师 / not a teacher of your school'],
    ]);
    const f = await clerkB.post('/api/teachers/training/attendance', { courseId: id.K1, teacherId: 'T000001' });
    expect(f.statusCode).toBe(403);
    expect(await count('teacher_training')).toBe(0);
  });

  it('tells a clerk nothing about other schools’ teachers: one message whether they exist or not', async () => {
    const NOT_OURS = '不是本校教师 / not a teacher of your school';
    // File: A's teacher with a wrong name, an unknown id, A's existing 工号 A01, A's missing 工号 A99, an unknown school.
    const file = ['培训项目编号,教师编号,学校代码,工号,姓名', `${id.K1},T000001,,,错名`, `${id.K1},T009999,,,`, `${id.K1},,${A},A01,`, `${id.K1},,${A},A99,`, `${id.K1},,2133999999,A01,`].join('\n');
    const r = await clerkB.upload('/api/teachers/training/attendance/import', file, 'probe.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ problems: { row: number; column: string; message: string }[] }>().problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, '教师编号', NOT_OURS],
      [3, '教师编号', NOT_OURS],
      [4, '学校代码', NOT_OURS],
      [5, '学校代码', NOT_OURS],
      [6, '学校代码', NOT_OURS],
    ]);
    // The personnel staff get the precise messages for the same file (rows 2 and 4 are T000001: a repeat at row 4).
    const precise = (await personnel.upload('/api/teachers/training/attendance/import', file, 'probe.csv')).json<{ problems: { row: number; column: string; message: string }[] }>().problems;
    expect(precise.map((p) => [p.row, p.column])).toEqual([
      [2, '姓名'],
      [3, '教师编号'],
      [4, '工号'],
      [5, '工号'],
      [6, '学校代码'],
    ]);
    // Form: an existing A teacher, an unknown id, A's 工号 (existing or not), an unknown school: the same 403.
    for (const body of [
      { courseId: id.K1, teacherId: 'T000001' },
      { courseId: id.K1, teacherId: 'T009999' },
      { courseId: id.K1, schoolCode: A, staffNo: 'A01' },
      { courseId: id.K1, schoolCode: A, staffNo: 'A99' },
      { courseId: id.K1, schoolCode: '2133999999', staffNo: 'A01' },
    ]) {
      const f = await clerkB.post('/api/teachers/training/attendance', body);
      expect([f.statusCode, f.json<{ error: { message: string } }>().error.message], JSON.stringify(body)).toEqual([403, NOT_OURS]);
    }
    // The personnel staff: an unknown teacher is 404, a missing 工号 422.
    expect((await personnel.post('/api/teachers/training/attendance', { courseId: id.K1, teacherId: 'T009999' })).statusCode).toBe(404);
    expect((await personnel.post('/api/teachers/training/attendance', { courseId: id.K1, schoolCode: A, staffNo: 'A99' })).statusCode).toBe(422);
    // Deleting: the same answer for an A teacher and an unknown id.
    for (const who of ['T000001', 'T009999']) {
      const d = await clerkB.raw('DELETE', `/api/teachers/training/attendance/${id.K1}/${who}`);
      expect([d.statusCode, d.json<{ error: { message: string } }>().error.message], who).toEqual([403, NOT_OURS]);
    }
    // A teacher's history: a clerk gets 403 for an unknown id as for another school's teacher.
    expect((await clerkB.get('/api/teachers/training/teachers/T009999')).statusCode).toBe(403);
    expect(await count('teacher_training')).toBe(0);
  });

  it('imports attendance (GBK, by id or by title, by teacher id or school + 工号), all or nothing, audited', async () => {
    // clerk A: A's teachers (T2's five years by title and 工号; T3; T4).
    const a = [
      '培训项目名称,学校代码,工号,教师编号,学时',
      `K2 班主任培训,${A},A02,,`,
      `K3 信息技术,${A},A02,,`,
      `K4 心理健康,${A},A02,,`,
      `K5 作业设计,${A},A02,,`,
      `K6 国培,${A},A02,,72`,
      `K3 信息技术,,,T000003,`,
      `K7 旧课程,,,T000003,72学时`,
      `K1 新课标解读,,,T000004,`,
    ].join('\r\n');
    const ra = await clerkA.upload('/api/teachers/training/attendance/import', iconv.encode(a, 'gbk'), '学时A.csv');
    expect(ra.statusCode, ra.body).toBe(200);
    expect(ra.json()).toEqual({ rows: 8, added: 8, updated: 0, unchanged: 0, courses: 7, teachers: 3 });
    // the personnel staff: B's teachers, and T1 with 90 h first (changed to 96 by form below).
    const b = [`培训项目编号,教师编号,学时`, `${id.K1},T000005,`, `${id.K2},T000005,`, `${id.K4},T000005,`, `${id.K5},T000005,`, `${id.K6},T000005,47.5`, `${id.K1},T000001,90`].join('\n');
    const rb = await personnel.upload('/api/teachers/training/attendance/import', b, 'b.csv');
    expect(rb.statusCode, rb.body).toBe(200);
    expect(rb.json()).toEqual({ rows: 6, added: 6, updated: 0, unchanged: 0, courses: 5, teachers: 2 });
    // Re-importing the same file changes nothing.
    expect((await personnel.upload('/api/teachers/training/attendance/import', b, 'b.csv')).json()).toMatchObject({ added: 0, updated: 0, unchanged: 6 });
    const form = await clerkA.post('/api/teachers/training/attendance', { courseId: id.K1, teacherId: 'T000001' });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toEqual({ courseId: id.K1, teacherId: 'T000001', name: '教师1', hours: 96, created: false });
    expect((await clerkA.post('/api/teachers/training/attendance', { courseId: id.K2, teacherId: 'T000001', hours: 73 })).statusCode).toBe(422);
    expect(await count('teacher_training')).toBe(14);
    const log = await audit('teacher-training');
    expect(log.filter((x) => x.action === 'import' && x.field === 'hours').length).toBe(14);
    expect(log.filter((x) => x.action === 'import' && x.field === null).map((x) => x.row_count)).toEqual([8, 6, 6]);
    expect(log.at(-1)).toMatchObject({ username: 'clerkA', action: 'update', entity_key: `teacher:T000001/course:${id.K1}`, field: 'hours', old_value: 90, new_value: 96 });
  });

  it('summarises 2025 over the roster of 2024 (none of 2025 yet): shares per school and district', async () => {
    const r = await personnel.get('/api/teachers/training?year=2025');
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json<Summary>();
    expect([s.year, s.windowFrom, s.rosterYear, s.rosterFallback, s.targets.id, s.targets.version]).toEqual([2025, 2021, 2024, true, 'teacher-targets-v1', 1]);
    expect(s.years).toEqual([2025, 2024, 2023, 2022, 2021, 2020]);
    const pick = (x: School) => [x.schoolCode, x.hasRoster, x.teachers, x.metYear, x.shareYear, x.metWindow, x.shareWindow];
    expect(s.schools.map(pick)).toEqual([
      [A, true, 3, 1, 1 / 3, 1, 1 / 3],
      [B, true, 2, 1, 0.5, 0, 0],
      [C, true, 0, 0, null, 0, null],
    ]);
    expect(s.district).toEqual({ schools: 3, teachers: 5, metYear: 2, shareYear: 0.4, metWindow: 1, shareWindow: 0.2 });
    // A clerk sees the own school's row (and the district's aggregates); the viewer all schools.
    const own = (await clerkA.get('/api/teachers/training?year=2025')).json<Summary>();
    expect(own.schools.map((x) => x.schoolCode)).toEqual([A]);
    expect(own.district.teachers).toBe(5);
    const viewer = await signIn(t.app, 'viewer');
    expect((await viewer.get('/api/teachers/training?year=2025')).json<Summary>().schools.map((x) => x.schoolCode)).toEqual([A, B, C]);
    const inspector = await signIn(t.app, 'inspector');
    expect((await inspector.get('/api/teachers/training?year=2025')).json<Summary>().schools.map((x) => x.schoolCode)).toEqual([B]);
  });

  it('summarises 2024 (window 2020–2024): nobody meets either target', async () => {
    const s = (await personnel.get('/api/teachers/training?year=2024')).json<Summary>();
    expect([s.rosterYear, s.rosterFallback, s.windowFrom]).toEqual([2024, false, 2020]);
    expect(s.district).toEqual({ schools: 3, teachers: 5, metYear: 0, shareYear: 0, metWindow: 0, shareWindow: 0 });
  });

  it('lists the teachers below the target with their hours (audited), scoped to the clerk’s school', async () => {
    const r = await personnel.get('/api/teachers/training/below?year=2025');
    expect(r.statusCode, r.body).toBe(200);
    const rows = r.json<{ rows: Record<string, unknown>[] }>().rows;
    expect(rows.map((x) => [x.teacherId, x.name, x.schoolCode, x.yearHours, x.windowHours, x.meetsYear, x.meetsWindow, x.yearShort, x.windowShort])).toEqual([
      ['T000003', '教师3', A, 0, 72, false, false, 96, 288],
      ['T000002', '教师2', A, 72, 360, false, true, 24, 0],
      ['T000001', '教师1', A, 96, 96, true, false, 0, 264],
      ['T000006', '教师6', B, 0, 0, false, false, 96, 360],
      ['T000005', '教师5', B, 168, 359.5, true, false, 0, 0.5],
    ]);
    const year = (await personnel.get('/api/teachers/training/below?year=2025&target=year')).json<{ rows: { teacherId: string }[] }>();
    expect(year.rows.map((x) => x.teacherId)).toEqual(['T000003', 'T000002', 'T000006']);
    const own = (await clerkA.get('/api/teachers/training/below?year=2025&target=window')).json<{ rows: { teacherId: string }[] }>();
    expect(own.rows.map((x) => x.teacherId)).toEqual(['T000003', 'T000001']);
    expect((await clerkB.get(`/api/teachers/training/below?year=2025&school=${A}`)).statusCode).toBe(403);
    // Without a year: the newest calendar year with attendance up to this one (2025), named in the audit key.
    const dflt = (await clerkB.get('/api/teachers/training/below')).json<{ year: number; rows: { teacherId: string }[] }>();
    expect([dflt.year, dflt.rows.map((x) => x.teacherId)]).toEqual([2025, ['T000006', 'T000005']]);
    expect((await audit('teacher-training-below')).slice(0, 3)).toEqual([
      { username: 'personnel', action: 'read', entity_key: 'training-below:2025/any/school:all', field: null, old_value: null, new_value: null, row_count: 5 },
      { username: 'personnel', action: 'read', entity_key: 'training-below:2025/year/school:all', field: null, old_value: null, new_value: null, row_count: 3 },
      { username: 'clerkA', action: 'read', entity_key: `training-below:2025/window/school:${A}`, field: null, old_value: null, new_value: null, row_count: 2 },
    ]);
    expect((await audit('teacher-training-below')).at(-1)).toMatchObject({ username: 'clerkB', entity_key: `training-below:2025/any/school:${B}`, row_count: 2 });
  });

  it('exports the list as .xlsx (audited)', async () => {
    const r = await personnel.get(`/api/teachers/training/below.xlsx?year=2025&school=${B}`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A2').value)).toContain('teacher-targets-v1');
    expect([5, 6].map((n) => [ws.getCell(`D${n}`).value, ws.getCell(`H${n}`).value, ws.getCell(`K${n}`).value, ws.getCell(`M${n}`).value])).toEqual([
      ['T000006', 0, 0, 360],
      ['T000005', 168, 359.5, 0.5],
    ]);
    expect(ws.getCell('K6').numFmt).toBe('#,##0.0');
    const a = await audit('teacher-training-below');
    expect(a.at(-1)).toMatchObject({ username: 'personnel', action: 'export', entity_key: `training-below:2025/any/school:${B}`, row_count: 2 });
  });

  it('gives one teacher’s history: five years against the target, every attendance (audited)', async () => {
    const r = await personnel.get('/api/teachers/training/teachers/T000002?year=2025');
    expect(r.statusCode, r.body).toBe(200);
    const h = r.json<{
      perYear: unknown[];
      yearHours: number;
      windowHours: number;
      meetsYear: boolean;
      meetsWindow: boolean;
      attendance: { title: string; creditedYear: number }[];
      schoolCode: string;
      editable: boolean;
    }>();
    expect(h.perYear).toEqual([2021, 2022, 2023, 2024, 2025].map((year) => ({ year, hours: 72, meets: false })));
    expect([h.yearHours, h.windowHours, h.meetsYear, h.meetsWindow, h.schoolCode, h.editable]).toEqual([72, 360, false, true, A, true]);
    expect(h.attendance.map((x) => [x.title.slice(0, 2), x.creditedYear])).toEqual([
      ['K2', 2025],
      ['K3', 2024],
      ['K4', 2023],
      ['K5', 2022],
      ['K6', 2021],
    ]);
    // T6 attended nothing: 0 h.
    const none = (await clerkB.get('/api/teachers/training/teachers/T000006?year=2025')).json<{ yearHours: number; windowHours: number; attendance: unknown[] }>();
    expect([none.yearHours, none.windowHours, none.attendance]).toEqual([0, 0, []]);
    expect((await clerkB.get('/api/teachers/training/teachers/T000002')).statusCode).toBe(403);
    expect((await personnel.get('/api/teachers/training/teachers/T009999')).statusCode).toBe(404);
    expect((await audit('teacher-training')).filter((x) => x.action === 'read').map((x) => [x.username, x.entity_key, x.row_count])).toEqual([
      ['personnel', 'teacher:T000002', 5],
      ['clerkB', 'teacher:T000006', 0],
    ]);
  });

  it('lists a course’s attendees for the clerk’s own school only (audited)', async () => {
    const all = (await personnel.get(`/api/teachers/training/courses/${id.K1}/attendance`)).json<{ rows: { teacherId: string; hours: number }[] }>();
    expect(all.rows.map((x) => [x.teacherId, x.hours])).toEqual([
      ['T000001', 96],
      ['T000004', 96],
      ['T000005', 96],
    ]);
    const own = (await clerkB.get(`/api/teachers/training/courses/${id.K1}/attendance`)).json<{ rows: { teacherId: string }[] }>();
    expect(own.rows.map((x) => x.teacherId)).toEqual(['T000005']);
  });

  it('uses the roster of 2025 once there is one', async () => {
    const db = t.database.db;
    await replaceSchoolRoster(db, DISTRICT, A, 2025, [teacher('T000001', A, '专任', 'A01'), teacher('T000002', A, '专任', 'A02')], 'setup');
    await replaceSchoolRoster(db, DISTRICT, B, 2025, [teacher('T000005', B, '专任', 'B01')], 'setup');
    const s = (await personnel.get('/api/teachers/training?year=2025')).json<Summary>();
    expect([s.rosterYear, s.rosterFallback]).toEqual([2025, false]);
    // A: T1 (year), T2 (window) of 2 → 1/2 each; B: T5 1/1 year, 0 window; C: no roster of 2025.
    expect(s.schools.map((x) => [x.schoolCode, x.hasRoster, x.teachers, x.shareYear, x.shareWindow])).toEqual([
      [A, true, 2, 0.5, 0.5],
      [B, true, 1, 1, 0],
      [C, false, 0, null, null],
    ]);
    expect(s.district).toEqual({ schools: 3, teachers: 3, metYear: 2, shareYear: 2 / 3, metWindow: 1, shareWindow: 1 / 3 });
  });

  it('edits and deletes courses: hours not below a credit; deletion refused with attendance unless forced; audited', async () => {
    const low = await personnel.raw('PUT', `/api/teachers/training/courses/${id.K1}`, { ...COURSES[0], hours: 90 });
    expect(low.statusCode).toBe(409);
    const ok = await personnel.raw('PUT', `/api/teachers/training/courses/${id.K1}`, { ...COURSES[0], title: 'K1 新课标解读（2025）' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'K1 新课标解读（2025）', attendees: 3 });
    const del = await personnel.raw('DELETE', `/api/teachers/training/courses/${id.K7}`);
    expect(del.statusCode).toBe(409);
    expect(del.json<{ error: { code: string } }>().error.code).toBe('has_attendance');
    const forced = await personnel.raw('DELETE', `/api/teachers/training/courses/${id.K7}?force=true`);
    expect(forced.json()).toEqual({ ok: true, removedAttendance: 1 });
    expect(await count('teacher_training')).toBe(13);
    const c = await audit('teacher-course');
    expect(c.slice(-2).map((x) => [x.action, x.field, x.old_value, x.new_value])).toEqual([
      ['update', 'title', 'K1 新课标解读', 'K1 新课标解读（2025）'],
      ['delete', null, { ...COURSES[6], removedAttendance: 1 }, null],
    ]);
    expect((await audit('teacher-training')).at(-1)).toMatchObject({ action: 'delete', entity_key: `teacher:T000003/course:${id.K7}`, old_value: 72 });
    // T3's 2024 window (2020–2024) is now K3 alone: 72.
    const h = (await personnel.get('/api/teachers/training/teachers/T000003?year=2024')).json<{ windowHours: number }>();
    expect(h.windowHours).toBe(72);
    // Removing one attendance by form (a clerk of another school may not).
    expect((await clerkB.raw('DELETE', `/api/teachers/training/attendance/${id.K3}/T000003`)).statusCode).toBe(403);
    expect((await clerkA.raw('DELETE', `/api/teachers/training/attendance/${id.K3}/T000003`)).json()).toEqual({ ok: true });
    expect((await clerkA.raw('DELETE', `/api/teachers/training/attendance/${id.K3}/T000003`)).statusCode).toBe(404);
  });

  it('gives the import template with the courses', async () => {
    const r = await clerkA.get('/api/teachers/training/attendance/template.xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['学时', '填写说明', '培训项目']);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '培训项目编号', '培训项目名称', '教师编号', '学校代码', '工号', '姓名', '学时']);
    expect(wb.worksheets[2].rowCount).toBe(1 + 6);
  });

  it('writes attendance as an upsert under the course’s lock: concurrent imports of one row, hours re-read in the write', async () => {
    const k8 = (
      await personnel.post('/api/teachers/training/courses', { title: 'K8 并发测试', provider: '县教师发展中心', level: '县级', hours: 10, startDate: '2025-05-01', endDate: '2025-05-31' })
    ).json<{ id: number }>().id;
    const rowsFor = async () => rowsOf(await t.database.db.execute(sql`select teacher_id, hours from teacher_training where course_id = ${k8} order by teacher_id`));
    // Two imports of the same (course, teacher) at once: both succeed (no primary-key 500), one row, the later hours.
    const [r6, r8] = await Promise.all([
      personnel.upload('/api/teachers/training/attendance/import', `培训项目编号,教师编号,学时\n${k8},T000006,6\n`, 'k8-6.csv'),
      personnel.upload('/api/teachers/training/attendance/import', `培训项目编号,教师编号,学时\n${k8},T000006,8\n`, 'k8-8.csv'),
    ]);
    expect([r6.statusCode, r8.statusCode], r6.body + r8.body).toEqual([200, 200]);
    const [final] = await rowsFor();
    expect(await rowsFor()).toHaveLength(1);
    expect([6, 8]).toContain(final.hours);
    // One added it, the other changed it: the audit's old values chain null → first → last.
    const log = (await audit('teacher-training')).filter((x) => x.entity_key === `teacher:T000006/course:${k8}`);
    expect(log.map((x) => x.new_value).at(-1)).toBe(final.hours);
    expect(log.map((x) => x.old_value)).toEqual([null, final.hours === 8 ? 6 : 8]);
    expect([r6.json(), r8.json()].map((x) => [x.added, x.updated]).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    // The write re-reads the course's hours (as if the service had read them before an edit to 10 → here 12 h is over
    // the 10): refused whole, nothing written; a course no longer there has no limit (null).
    const before = await count('teacher_training');
    const refused = await saveAttendance(
      t.database.db,
      DISTRICT,
      [
        { courseId: k8, teacherId: 'T000005', hours: 10 },
        { courseId: k8, teacherId: 'T000006', hours: 12 },
        { courseId: 987654, teacherId: 'T000005', hours: 1 },
      ],
      'personnel',
      () => [],
    );
    expect(refused).toEqual({
      over: [
        { courseId: k8, teacherId: 'T000006', hours: 12, limit: 10 },
        { courseId: 987654, teacherId: 'T000005', hours: 1, limit: null },
      ],
    });
    expect(await count('teacher_training')).toBe(before);
    expect((await rowsFor())[0].hours).toBe(final.hours);
  });
});
