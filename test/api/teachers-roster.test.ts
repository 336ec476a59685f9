// Teacher roster (教师名册, issue 13) end to end through the API on PGlite: a file with bad cells is refused naming each
// cell and writes nothing; a good file replaces the school's roster and the statistics' teacher figures become the
// counts worked out by hand below; a re-import keeps each teacher's id (身份证号, then 工号); a teacher cannot be on two
// schools' rosters of one year; approved statistics refuse roster writes (409); rows added, edited and deleted by form;
// 结转 with a move; a clerk of another school is refused; reads and exports are audited.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, SCHOOL_A, SCHOOL_B, SCHOOL_C, sampleRecord, schoolFixture, signIn, testApp } from '../helpers.js';
import { insertSchool, updateSchool, updateWorkflow, writeRecord } from '../../src/registry/store.js';
import { insertMoves } from '../../src/teachers/moves/store.js';
import { RegistryService } from '../../src/registry/service.js';
import { RosterService } from '../../src/teachers/roster/service.js';
import type { CarryForwardWire, RosterImportWire, RosterListWire, RosterRowWire, RosterSchoolsWire, TeacherDetailWire } from '../../src/teachers/roster/contract.js';

const A = SCHOOL_A.code; // 小学
const B = SCHOOL_B.code; // 小学
const C = SCHOOL_C.code; // 初中
const D = '2133000009'; // 九年一贯制 (小学 + 初中)
const E = '2133000010'; // 完全中学 (初中 + 高中), later 九年一贯制

// 身份证号 with their check characters computed by hand (python: GB 11643 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
// check = '10X98765432'[Σ mod 11]); the 17th digit is odd for 男, even for 女.
const ID_ZHANG = '33090219850301002X'; // 女, 1985
const ID_WANG = '33090219960715011X'; // 男, 1996
const ID_SUN = '330902197505050311'; // 男, 1975

const HEAD = '工号,姓名,性别,出生年份,身份证号,任教学科,岗位,最高学历,职称,教师资格证,骨干级别,骨干认定年份,梯队,本校任教起始年,用工形式';
// School A, 2024–2025 (age = 2024 − birth year):
const ROWS_A = [
  `A01,张丽,女,1985,${ID_ZHANG},语文、道德与法治,专任,本科,一级,有,县级,2020,骨干,2012,在编`, // 39
  `A02,王强,男,1996,${ID_WANG},体育,专任,专科,二级,有,,,,2019,在编`, // 28
  'A03,李娜,女,1990,,音乐,专任,研究生,一级,有,市级,2022,,2015,合同', // 34
  'A04,赵刚,男,1970,,数学,专任,高中及以下,高级,无,校级,2010,,1995,在编', // 54
  'A05,陈静,女,1980,,美术,行政,本科,一级,有,省级,2018,,2010,在编', // 行政: not counted
  'A06,刘洋,男,2000,,美术、书法,专任,本科,未定级,有,,,新秀,2023,合同', // 24
];
const FILE_A = [HEAD, ...ROWS_A].join('\n') + '\n';
// By hand, over the 专任 rows A01 A02 A03 A04 A06 (A05 is 行政):
//   total 5; above the required degree (小学: 专科 or above) A01 A02 A03 A06 = 4 (A04 高中及以下 is not);
//   postgraduate A03 = 1; 骨干 county A01 = 1, city A03 = 1, province 0 (A05's 省级 is 行政; A04's 校级 is not counted);
//   PE A02, music A03, art A06 (main subject 美术) = 1 each; 一级 and above A01 A03 A04 = 3; certified A01 A02 A03 A06 = 4;
//   ages 39, 28, 34, 54, 24 → under 30: 2, 30–39: 2, 40–49: 0, 50+: 1.
const FIGURES_A_2024 = {
  teachersTotal: 5,
  teachersAboveDegree: 4,
  teachersPostgraduate: 1,
  backboneCounty: 1,
  backboneCity: 1,
  backboneProvince: 0,
  peTeachers: 1,
  musicTeachers: 1,
  artTeachers: 1,
  seniorTitleTeachers: 3,
  certifiedTeachers: 4,
  teachersAgeUnder30: 2,
  teachersAge30to39: 2,
  teachersAge40to49: 0,
  teachersAge50plus: 1,
};

const FILE_B = [HEAD, `B01,孙伟,男,1975,${ID_SUN},数学,专任,本科,高级,有,县级,2015,,2005,在编`, 'B02,周敏,女,1992,,英语,专任,本科,二级,有,,,,2016,在编'].join('\n') + '\n';

type Client = Awaited<ReturnType<typeof signIn>>;
type Problem = { row: number | null; column: string | null; message: string };

describe('teacher roster', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let personnel: Client;
  let clerkA: Client;
  let clerkB: Client;
  let admin: Client;
  const teacherFigures = async (code: string, year: number) => {
    const r = await admin.get(`/api/schools/${code}/stats/${year}`);
    expect(r.statusCode, r.body).toBe(200);
    const rec = r.json<{ record: { values: Record<string, number | null>; teachersSource: string } }>().record;
    return { source: rec.teachersSource, values: Object.fromEntries(Object.keys(FIGURES_A_2024).map((k) => [k, rec.values[k]])) };
  };
  const list = async (c: Client, school: string, year: number) => {
    const r = await c.get(`/api/teachers/roster?school=${school}&year=${year}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<RosterListWire>();
  };
  const idsByName = (l: RosterListWire) => Object.fromEntries(l.rows.map((r) => [r.name, r.teacherId]));
  const auditRows = async (where: string) => {
    const got = await t.database.db.execute(sql.raw(`select username, action, entity, entity_key, row_count from audit_log where district_id = '${DISTRICT}' and ${where} order by id`));
    return (got as { rows: { username: string; action: string; entity: string; entity_key: string; row_count: number | null }[] }).rows;
  };

  beforeAll(async () => {
    t = await testApp();
    await insertSchool(t.database.db, schoolFixture(D, '测试九年一贯制学校', '九年一贯制'));
    await insertSchool(t.database.db, schoolFixture(E, '测试完全中学', '完全中学'));
    [personnel, clerkA, clerkB, admin] = await Promise.all(['personnel', 'clerkA', 'clerkB', 'admin'].map((u) => signIn(t.app, u)));
  }, 60_000);
  afterAll(async () => t?.close());

  it('refuses a file with bad cells, naming each, and writes nothing', async () => {
    const bad = [
      HEAD,
      ROWS_A[0],
      'A02,王强,未知,1996,,体育,专任,专科,二级,有,,,,2019,在编', // row 3: sex
      'A03,李娜,女,19x0,,音乐,专任,研究生,特级,有,市级,2022,,2015,合同', // row 4: birth year and title
      `A04,赵刚,男,1970,${ID_ZHANG},数学,专任,本科,高级,无,,,,1995,在编`, // row 5: the ID number repeats row 2 (and says 女, 1985)
    ].join('\n');
    const r = await clerkA.upload(`/api/teachers/roster/import?school=${A}&year=2024`, bad, 'roster.csv');
    expect(r.statusCode, r.body).toBe(422);
    const problems = r.json<{ problems: Problem[] }>().problems;
    const at = problems.map((p) => `${p.row}:${p.column}`);
    expect(at).toEqual(expect.arrayContaining(['3:性别', '4:出生年份', '4:职称', '5:身份证号']));
    expect(problems.every((p) => p.row !== 2)).toBe(true);
    expect((await list(clerkA, A, 2024)).rows).toEqual([]);
    const stats = await admin.get(`/api/schools/${A}/stats/2024`);
    // No statistics row was made (404 or an empty draft, depending on the registry): the teacher figures stay empty.
    if (stats.statusCode === 200) expect(stats.json<{ record: { values: Record<string, number | null> } }>().record.values.teachersTotal ?? null).toBeNull();
    expect(await auditRows(`entity = 'teacher-roster' and action = 'import'`)).toEqual([]);
  });

  it('imports a good file: the statistics’ teacher figures become the roster’s counts', async () => {
    const r = await clerkA.upload(`/api/teachers/roster/import?school=${A}&year=2024`, FILE_A, 'roster.csv');
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json<RosterImportWire>();
    expect(out).toMatchObject({ rows: 6, fullTime: 5, added: 6, removed: 0, matched: { idNumber: 0, staffNo: 0, nameBirth: 0 } });
    expect(out.figures).toMatchObject(FIGURES_A_2024);
    expect(await teacherFigures(A, 2024)).toEqual({ source: 'roster', values: FIGURES_A_2024 });

    const l = await list(clerkA, A, 2024);
    expect(l.rows.map((x) => x.teacherId)).toEqual(['T000001', 'T000002', 'T000003', 'T000004', 'T000005', 'T000006']);
    const zhang = l.rows.find((x) => x.name === '张丽')!;
    expect(zhang).toMatchObject({ age: 39, yearsAtSchool: 12, subjects: ['语文', '道德与法治'], backboneLevel: '县', hasIdNumber: true, section: null });
    expect(l.rows.find((x) => x.name === '李娜')!.hasIdNumber).toBe(false);
    expect(l).toMatchObject({ writable: true, status: 'draft', lockedReason: null, previousYearRows: 0, sections: ['小学'] });
    // The 身份证号 is nowhere in the answer.
    expect(JSON.stringify(l)).not.toContain(ID_ZHANG.slice(0, 14));
  });

  it('re-import matches persons by 身份证号, then 工号, then name and birth year', async () => {
    const before = idsByName(await list(personnel, A, 2024));
    // 张丽 with a new 工号 (matched by 身份证号), 王强 renamed 王刚 (身份证号), 李娜 by 工号, 赵刚 without 工号 (name and
    // birth year), 陈静 left out, a new teacher 吴昊 added.
    const file = [
      HEAD,
      `Z99,张丽,女,1985,${ID_ZHANG},语文,专任,本科,一级,有,县级,2020,骨干,2012,在编`,
      `A02,王刚,男,1996,${ID_WANG},体育,专任,专科,二级,有,,,,2019,在编`,
      'A03,李娜,女,1990,,音乐,专任,研究生,一级,有,市级,2022,,2015,合同',
      ',赵刚,男,1970,,数学,专任,高中及以下,高级,无,校级,2010,,1995,在编',
      'A06,刘洋,男,2000,,美术、书法,专任,本科,未定级,有,,,新秀,2023,合同',
      'A07,吴昊,男,1998,,科学,专任,本科,二级,有,,,,2024,合同',
    ].join('\n');
    const r = await personnel.upload(`/api/teachers/roster/import?school=${A}&year=2024`, file, 'roster.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<RosterImportWire>()).toMatchObject({ rows: 6, added: 1, removed: 1, matched: { idNumber: 2, staffNo: 2, nameBirth: 1 } });
    const after = idsByName(await list(personnel, A, 2024));
    expect(after['张丽']).toBe(before['张丽']);
    expect(after['王刚']).toBe(before['王强']);
    expect(after['李娜']).toBe(before['李娜']);
    expect(after['赵刚']).toBe(before['赵刚']);
    expect(after['刘洋']).toBe(before['刘洋']);
    expect(after['吴昊']).toBe('T000007');
    expect(after['陈静']).toBeUndefined();
    // Back to the first file: 陈静 returns as a new person (her row was removed and her person with it), 吴昊 leaves.
    const again = await clerkA.upload(`/api/teachers/roster/import?school=${A}&year=2024`, FILE_A, 'roster.csv');
    expect(again.json<RosterImportWire>()).toMatchObject({ rows: 6, added: 1, removed: 1 });
    expect(await teacherFigures(A, 2024)).toEqual({ source: 'roster', values: FIGURES_A_2024 });
  });

  it('one teacher, one school a year: a 身份证号 on another school’s roster refuses the file', async () => {
    const file = [HEAD, `B09,张丽,女,1985,${ID_ZHANG},语文,专任,本科,一级,有,,,,2024,在编`].join('\n');
    const r = await clerkB.upload(`/api/teachers/roster/import?school=${B}&year=2024`, file, 'b.csv');
    expect(r.statusCode, r.body).toBe(422);
    // A clerk is not told which school holds the 身份证号 (nor the teacher's id).
    expect(r.json<{ problems: Problem[] }>().problems).toEqual([expect.objectContaining({ row: 2, column: '身份证号', message: expect.stringContaining('其他学校') })]);
    expect(r.body).not.toContain('测试第一小学');
    expect(r.body).not.toContain('T00000');
    // The personnel staff (every school) are told which.
    const p = await personnel.upload(`/api/teachers/roster/import?school=${B}&year=2024`, file, 'b.csv');
    expect(p.statusCode).toBe(422);
    expect(p.body).toContain('测试第一小学');
    expect((await list(clerkB, B, 2024)).rows).toEqual([]);
    const ok = await clerkB.upload(`/api/teachers/roster/import?school=${B}&year=2024`, FILE_B, 'b.csv');
    expect(ok.statusCode, ok.body).toBe(200);
    // The form says the same: 409 naming the school whose roster has her.
    const form = { name: '张丽', sex: '女', birthYear: 1985, idNumber: ID_ZHANG, section: null, staffNo: null, subjects: ['语文'], post: '专任', qualification: '本科', title: '一级' };
    const add = await clerkB.post(`/api/teachers/roster/rows?school=${B}&year=2024`, {
      ...form,
      certified: true,
      backboneLevel: null,
      backboneYear: null,
      tier: null,
      schoolSince: 2024,
      employment: '在编',
    });
    expect(add.statusCode, add.body).toBe(409);
    expect(add.body).toContain('其他学校');
    expect(add.body).not.toContain('测试第一小学');
  });

  it('refuses a clerk of another school', async () => {
    expect((await clerkB.get(`/api/teachers/roster?school=${A}&year=2024`)).statusCode).toBe(403);
    expect((await clerkB.upload(`/api/teachers/roster/import?school=${A}&year=2024`, FILE_A, 'a.csv')).statusCode).toBe(403);
    expect((await clerkB.get(`/api/teachers/roster/export.xlsx?school=${A}&year=2024`)).statusCode).toBe(403);
    const zhang = idsByName(await list(clerkA, A, 2024))['张丽'];
    expect((await clerkB.get(`/api/teachers/roster/teachers/${zhang}`)).statusCode).toBe(404);
    const own = await clerkA.get(`/api/teachers/roster/teachers/${zhang}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<TeacherDetailWire>()).toMatchObject({ name: '张丽', posts: [{ year: 2024, schoolCode: A, schoolName: '测试第一小学' }] });
    // The bureau's analyst sees aggregates only.
    expect((await admin.get(`/api/teachers/roster?school=${A}&year=2024`)).statusCode).toBe(403);
    const overview = await clerkB.get('/api/teachers/roster/schools?year=2024');
    expect(overview.json<RosterSchoolsWire>().schools.map((s) => s.code)).toEqual([B]);
  });

  it('adds, edits and deletes rows by form, recomputing the figures each time', async () => {
    const form = {
      name: '郑华',
      sex: '女',
      birthYear: 1982,
      idNumber: null,
      section: null,
      staffNo: 'A08',
      subjects: ['美术'],
      post: '专任',
      qualification: '研究生',
      title: '高级',
      certified: true,
      backboneLevel: '省',
      backboneYear: 2019,
      tier: null,
      schoolSince: 2010,
      employment: '在编',
    };
    const add = await clerkA.post(`/api/teachers/roster/rows?school=${A}&year=2024`, form);
    expect(add.statusCode, add.body).toBe(200);
    const id = add.json<{ row: { teacherId: string; age: number } }>().row.teacherId;
    // + 郑华 (42, 研究生, 省级, 美术, 高级, certified): total 6, above 5, postgraduate 2, province 1, art 2, senior 4,
    //   certified 5, 40–49: 1.
    const plus = {
      ...FIGURES_A_2024,
      teachersTotal: 6,
      teachersAboveDegree: 5,
      teachersPostgraduate: 2,
      backboneProvince: 1,
      artTeachers: 2,
      seniorTitleTeachers: 4,
      certifiedTeachers: 5,
      teachersAge40to49: 1,
    };
    expect((await teacherFigures(A, 2024)).values).toEqual(plus);
    // A 工号 already used at the school, a 骨干 level without its year: 400 naming the fields.
    const dup = await clerkA.post(`/api/teachers/roster/rows?school=${A}&year=2024`, { ...form, name: '钱多', staffNo: 'A01' });
    expect(dup.statusCode).toBe(400);
    const noYear = await clerkA.post(`/api/teachers/roster/rows?school=${A}&year=2024`, { ...form, staffNo: null, backboneYear: null });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.body).toContain('body.backboneYear');
    // Edit: 郑华 becomes 行政 (and 郑桦) → back to the file's figures.
    const edit = await clerkA.put(`/api/teachers/roster/rows/${id}?school=${A}&year=2024`, { ...form, name: '郑桦', post: '行政' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await teacherFigures(A, 2024)).values).toEqual(FIGURES_A_2024);
    const changed = await auditRows(`entity = 'teacher-year' and action = 'update'`);
    expect(changed.map((a) => a.entity_key)).toEqual([`${A}/2024/${id}`, `${A}/2024/${id}`]);
    const del = await clerkA.raw('DELETE', `/api/teachers/roster/rows/${id}?school=${A}&year=2024`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toMatchObject({ rows: 6, fullTime: 5 });
    expect((await list(clerkA, A, 2024)).rows.some((r) => r.teacherId === id)).toBe(false);
    // The audit log of the row (read by users without 'teachers.roster') holds no name, sex or birth year: the name's
    // change only as changed; the post's fields as they were.
    const logged = (
      (await t.database.db.execute(sql.raw(`select action, field, old_value, new_value from audit_log where entity = 'teacher-year' and entity_key = '${A}/2024/${id}' order by id`))) as {
        rows: { action: string; field: string | null; old_value: unknown; new_value: unknown }[];
      }
    ).rows;
    expect(logged.map((a) => [a.action, a.field])).toEqual([
      ['create', null],
      ['update', 'name'],
      ['update', 'post'],
      ['delete', null],
    ]);
    expect(logged[1]).toMatchObject({ old_value: null, new_value: '已修改 / changed' });
    expect(logged[2]).toMatchObject({ old_value: '专任', new_value: '行政' });
    const text = JSON.stringify(logged.map((a) => [a.old_value, a.new_value]));
    for (const personal of ['郑华', '郑桦', '1982', '"sex"', '"name"', '"birthYear"', '女']) expect(text).not.toContain(personal);
    expect(logged[0].new_value).toMatchObject({ teacherId: id, post: '专任', qualification: '研究生', staffNo: 'A08' });
    // Its person was the newest and is gone; the next new teacher still gets a new, higher id (ids are never reused).
    const next = await clerkA.post(`/api/teachers/roster/rows?school=${A}&year=2024`, { ...form, name: '钱多', staffNo: null, backboneLevel: null, backboneYear: null });
    expect(next.statusCode, next.body).toBe(200);
    const nextId = next.json<{ row: { teacherId: string } }>().row.teacherId;
    expect(Number(nextId.slice(1))).toBe(Number(id.slice(1)) + 1);
    expect((await clerkA.raw('DELETE', `/api/teachers/roster/rows/${nextId}?school=${A}&year=2024`)).statusCode).toBe(200);
  });

  it('a 九年一贯制 school’s rows need a 学部; a school emptied of 专任 rows gives its figures back to the typed ones', async () => {
    const noSection = [HEAD, 'D01,何平,男,1988,,数学,专任,本科,一级,有,,,,2014,在编'].join('\n');
    const r = await personnel.upload(`/api/teachers/roster/import?school=${D}&year=2024`, noSection, 'd.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ problems: Problem[] }>().problems[0]).toMatchObject({ row: 2, column: '学部' });
    const withSection = ['学部,' + HEAD, '初中,D01,何平,男,1988,,数学,专任,本科,一级,有,,,,2014,在编'].join('\n');
    const ok = await personnel.upload(`/api/teachers/roster/import?school=${D}&year=2024`, withSection, 'd.csv');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await list(personnel, D, 2024)).rows[0]).toMatchObject({ section: '初中' });
    // The only 专任 teacher removed: no 专任 rows → the figures are no longer the roster's.
    const id = (await list(personnel, D, 2024)).rows[0].teacherId;
    const del = await personnel.raw('DELETE', `/api/teachers/roster/rows/${id}?school=${D}&year=2024`);
    expect(del.json()).toMatchObject({ rows: 0, fullTime: 0, figures: null });
    expect((await teacherFigures(D, 2024)).source).toBe('typed');
    // An empty school: an empty roster, nothing to carry forward.
    expect((await list(personnel, C, 2024)).rows).toEqual([]);
    expect((await personnel.post(`/api/teachers/roster/carry-forward?school=${C}&year=2025`)).statusCode).toBe(409);
  });

  it('refuses writes while the statistics are approved (409) or submitted', async () => {
    await writeRecord(t.database.db, DISTRICT, A, 2023, { values: {}, enrolments: [], classes: [] }, { status: 'approved' });
    await writeRecord(t.database.db, DISTRICT, B, 2023, { values: {}, enrolments: [], classes: [] }, { status: 'submitted' });
    const r = await clerkA.upload(`/api/teachers/roster/import?school=${A}&year=2023`, FILE_A.replace(/,2024,/g, ',2023,'), 'a.csv');
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'stats_locked', message: expect.stringContaining('已审核锁定') });
    const l = await list(personnel, A, 2023);
    expect(l).toMatchObject({ writable: false, status: 'approved', rows: [] });
    expect(l.lockedReason).toContain('approved and locked');
    const b = await clerkB.upload(`/api/teachers/roster/import?school=${B}&year=2023`, FILE_B, 'b.csv');
    expect(b.statusCode).toBe(409);
    expect(b.body).toContain('已提交');
    expect((await clerkA.post(`/api/teachers/roster/carry-forward?school=${A}&year=2023`)).statusCode).toBe(409);
  });

  it('carries a roster forward with the year’s moves: the mover leaves, the arrival comes', async () => {
    const ids = idsByName(await list(personnel, A, 2024));
    const sun = idsByName(await list(personnel, B, 2024))['孙伟'];
    // School year 2025: 刘洋 A → B (交流轮岗), 孙伟 B → A (交流轮岗).
    await insertMoves(
      t.database.db,
      DISTRICT,
      [
        { teacherId: ids['刘洋'], fromSchool: A, toSchool: B, kind: '交流轮岗', startDate: '2025-09-01', endDate: null, note: null },
        { teacherId: sun, fromSchool: B, toSchool: A, kind: '交流轮岗', startDate: '2025-09-01', endDate: null, note: null },
      ],
      'test',
      null,
      () => [],
    );
    const r = await clerkA.post(`/api/teachers/roster/carry-forward?school=${A}&year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json<CarryForwardWire>();
    expect(out).toMatchObject({ year: 2025, rows: 6, stayed: 5, skipped: [] });
    expect(out.left).toEqual([expect.objectContaining({ teacherId: ids['刘洋'], schoolCode: B, kind: '交流轮岗' })]);
    expect(out.arrived).toEqual([expect.objectContaining({ teacherId: sun, schoolCode: B, name: '孙伟' })]);
    const l = await list(clerkA, A, 2025);
    expect(l.rows.find((x) => x.teacherId === sun)).toMatchObject({ schoolSince: 2025, yearsAtSchool: 0, staffNo: null, title: '高级', backboneLevel: '县' });
    expect(l.rows.find((x) => x.name === '张丽')).toMatchObject({ schoolSince: 2012, yearsAtSchool: 13, age: 40, staffNo: 'A01' });
    // By hand, 2025 (ages + 1): 专任 张丽 40, 王强 29, 李娜 35, 赵刚 55, 孙伟 50 (本科, 高级, 县级, 数学, certified).
    //   total 5; above degree 张 王 李 孙 = 4; postgraduate 1; county 张 孙 = 2; city 1; province 0; PE 1; music 1; art 0;
    //   一级+ 张 李 赵 孙 = 4; certified 张 王 李 孙 = 4; under 30: 1; 30–39: 1; 40–49: 1; 50+: 2.
    expect(await teacherFigures(A, 2025)).toEqual({
      source: 'roster',
      values: {
        teachersTotal: 5,
        teachersAboveDegree: 4,
        teachersPostgraduate: 1,
        backboneCounty: 2,
        backboneCity: 1,
        backboneProvince: 0,
        peTeachers: 1,
        musicTeachers: 1,
        artTeachers: 0,
        seniorTitleTeachers: 4,
        certifiedTeachers: 4,
        teachersAgeUnder30: 1,
        teachersAge30to39: 1,
        teachersAge40to49: 1,
        teachersAge50plus: 2,
      },
    });
    // Once there is a roster of 2025, 结转 is refused.
    expect((await clerkA.post(`/api/teachers/roster/carry-forward?school=${A}&year=2025`)).statusCode).toBe(409);
    // B's carry forward: 孙伟 leaves, 刘洋 arrives; the teacher's detail shows both posts to the personnel staff.
    const b = await clerkB.post(`/api/teachers/roster/carry-forward?school=${B}&year=2025`);
    expect(b.json<CarryForwardWire>()).toMatchObject({ rows: 2, stayed: 1, arrived: [{ teacherId: ids['刘洋'] }], left: [{ teacherId: sun }] });
    const detail = (await personnel.get(`/api/teachers/roster/teachers/${sun}`)).json<TeacherDetailWire>();
    expect(detail.posts.map((p) => [p.year, p.schoolCode])).toEqual([
      [2025, A],
      [2024, B],
    ]);
    // A clerk sees only the posts at the own school.
    expect((await clerkA.get(`/api/teachers/roster/teachers/${sun}`)).json<TeacherDetailWire>().posts.map((p) => p.year)).toEqual([2025]);
  });

  it('a changed sex or birth year changes every year’s roster: refused while one is closed, else each recomputed', async () => {
    const form = (r: RosterRowWire) => {
      const { teacherId: _id, age: _a, yearsAtSchool: _y, schoolCode: _s, hasIdNumber: _h, ...rest } = r;
      return { ...rest, idNumber: null };
    };
    const liu = (await list(clerkB, B, 2025)).rows.find((r) => r.name === '刘洋')!; // at A in 2024, at B in 2025
    const zhang = (await list(clerkA, A, 2025)).rows.find((r) => r.name === '张丽')!; // at A in 2024 and 2025
    await updateWorkflow(t.database.db, DISTRICT, A, 2024, { status: 'approved' });
    // 刘洋's birth year by B's clerk: A's 2024 figures would change, and they are approved — 409, A left unnamed.
    const r = await clerkB.put(`/api/teachers/roster/rows/${liu.teacherId}?school=${B}&year=2025`, { ...form(liu), birthYear: 1990 });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'stats_locked', message: expect.stringContaining('其他学校 2024–2025学年的统计已审核锁定') });
    expect(r.body).not.toContain('测试第一小学');
    // The personnel staff are told which school; a changed birth year by the file (张丽 matched by 工号) is refused too.
    const p = await personnel.put(`/api/teachers/roster/rows/${zhang.teacherId}?school=${A}&year=2025`, { ...form(zhang), sex: '男' });
    expect(p.statusCode).toBe(409);
    expect(p.body).toContain('测试第一小学 2024–2025学年的统计已审核锁定');
    const file = [HEAD, `A01,张丽,女,1984,,语文,专任,本科,一级,有,县级,2020,骨干,2012,在编`].join('\n');
    const imp = await personnel.upload(`/api/teachers/roster/import?school=${A}&year=2025`, file, 'a.csv');
    expect(imp.statusCode, imp.body).toBe(409);
    expect((await list(personnel, A, 2025)).rows).toHaveLength(6);
    // A name alone changes no figure: allowed.
    const named = await clerkB.put(`/api/teachers/roster/rows/${liu.teacherId}?school=${B}&year=2025`, { ...form(liu), name: '刘阳' });
    expect(named.statusCode, named.body).toBe(200);
    // Reopened: 刘洋 born 1990 instead of 2000 is 34 instead of 24 in 2024 → A 2024 under 30: 2 → 1, 30–39: 2 → 3.
    await updateWorkflow(t.database.db, DISTRICT, A, 2024, { status: 'draft' });
    const ok = await clerkB.put(`/api/teachers/roster/rows/${liu.teacherId}?school=${B}&year=2025`, { ...form(liu), birthYear: 1990 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await teacherFigures(A, 2024)).values).toEqual({ ...FIGURES_A_2024, teachersAgeUnder30: 1, teachersAge30to39: 3 });
    // And back (name and birth year): A's 2024 figures as before.
    expect((await clerkB.put(`/api/teachers/roster/rows/${liu.teacherId}?school=${B}&year=2025`, form(liu))).statusCode).toBe(200);
    expect((await teacherFigures(A, 2024)).values).toEqual(FIGURES_A_2024);
  });

  it('the overview, the template and the export; reads and exports are audited', async () => {
    const o = (await personnel.get('/api/teachers/roster/schools?year=2024')).json<RosterSchoolsWire>();
    expect(o.schools.find((s) => s.code === A)).toMatchObject({ hasRoster: true, rows: 6, fullTime: 5, fromRoster: true, status: 'draft', differences: [] });
    expect(o.schools.find((s) => s.code === C)).toMatchObject({ hasRoster: false, rows: 0, status: null, differences: [] });
    const tpl = await clerkA.get(`/api/teachers/roster/template.xlsx?school=${A}`);
    expect(tpl.statusCode).toBe(200);
    const x = await personnel.get(`/api/teachers/roster/export.xlsx?school=${A}&year=2024`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(7);
    // Re-importing the export changes nobody's id.
    const before = idsByName(await list(personnel, A, 2024));
    const re = await personnel.upload(`/api/teachers/roster/import?school=${A}&year=2024`, x.rawPayload, 'export.xlsx');
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json<RosterImportWire>()).toMatchObject({ added: 0, removed: 0 });
    expect(idsByName(await list(personnel, A, 2024))).toEqual(before);
    const reads = await auditRows(`entity in ('teacher-roster', 'teacher') and action in ('read', 'export')`);
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'clerkA', action: 'read', entity: 'teacher-roster', entity_key: `${A}/2024` }),
        expect.objectContaining({ username: 'personnel', action: 'export', entity: 'teacher-roster', entity_key: `${A}/2024`, row_count: 6 }),
        expect.objectContaining({ username: 'personnel', action: 'read', entity: 'teacher' }),
      ]),
    );
    // Refused reads are not recorded.
    expect(reads.some((a) => a.username === 'clerkB' && a.entity_key === `${A}/2024`)).toBe(false);
  });

  it('syncStatistics recomputes a school’s figures from its stored rows inside the caller’s transaction', async () => {
    const db = t.database.db;
    // Overwrite A's 2024 teacher figures by hand; the stored roster is the first file's (FIGURES_A_2024).
    await writeRecord(db, DISTRICT, A, 2024, { values: { ...FIGURES_A_2024, teachersTotal: 99 }, enrolments: [], classes: [] }, { status: 'draft' });
    expect((await teacherFigures(A, 2024)).values.teachersTotal).toBe(99);
    const service = new RosterService(db, { registry: new RegistryService(db) });
    const figures = await db.transaction((tx) => service.syncStatistics(tx, DISTRICT, A, 2024, 'demo'));
    expect(figures).toMatchObject(FIGURES_A_2024);
    expect(await teacherFigures(A, 2024)).toEqual({ source: 'roster', values: FIGURES_A_2024 });
  });

  it('flags the typed-in figures that differ from the roster’s', async () => {
    // C (初中) typed in the sample figures for 2024, then imports one 专任 teacher: 冯雪, 33, 本科 (初中: above), 一级, certified.
    await writeRecord(t.database.db, DISTRICT, C, 2024, sampleRecord(), { status: 'draft' });
    const file = [HEAD, 'C01,冯雪,女,1991,,语文,专任,本科,一级,有,,,,2015,在编'].join('\n');
    const r = await personnel.upload(`/api/teachers/roster/import?school=${C}&year=2024`, file, 'c.csv');
    expect(r.statusCode, r.body).toBe(200);
    // Typed (sample) → roster: total 10 → 1, above 9 → 1, postgraduate 1 → 0, county 1 → 0, city 0 = 0, province 0 = 0,
    //   PE, music, art 1 → 0, 一级+ 4 → 1, certified 10 → 1, under 30 3 → 0, 30–39 3 → 1, 40–49 2 → 0, 50+ 2 → 0.
    const o = (await personnel.get('/api/teachers/roster/schools?year=2024')).json<RosterSchoolsWire>();
    const c = o.schools.find((s) => s.code === C)!;
    expect(c).toMatchObject({ hasRoster: true, rows: 1, fullTime: 1, fromRoster: true });
    expect(c.differences).toEqual([
      { key: 'teachersTotal', typed: 10, roster: 1 },
      { key: 'teachersAboveDegree', typed: 9, roster: 1 },
      { key: 'teachersPostgraduate', typed: 1, roster: 0 },
      { key: 'backboneCounty', typed: 1, roster: 0 },
      { key: 'peTeachers', typed: 1, roster: 0 },
      { key: 'musicTeachers', typed: 1, roster: 0 },
      { key: 'artTeachers', typed: 1, roster: 0 },
      { key: 'seniorTitleTeachers', typed: 4, roster: 1 },
      { key: 'certifiedTeachers', typed: 10, roster: 1 },
      { key: 'teachersAgeUnder30', typed: 3, roster: 0 },
      { key: 'teachersAge30to39', typed: 3, roster: 1 },
      { key: 'teachersAge40to49', typed: 2, roster: 0 },
      { key: 'teachersAge50plus', typed: 2, roster: 0 },
    ]);
  });

  it('a school whose level changed: rows of a section it no longer has count in its first section, flagged', async () => {
    const file = [
      '学部,' + HEAD,
      '初中,E01,韩梅,女,1980,,数学,专任,本科,一级,有,县级,2015,,2005,在编',
      '高中,E02,邓超,男,1985,,体育,专任,研究生,高级,有,,,,2010,在编',
      '高中,E03,曹雨,女,1990,,美术,专任,本科,二级,有,,,,2015,在编',
    ].join('\n');
    expect((await personnel.upload(`/api/teachers/roster/import?school=${E}&year=2024`, file, 'e.csv')).statusCode).toBe(200);
    // As a 完全中学 (by hand): 初中 E01 (本科: above; 县级; 一级) → 专任 1, above 1, 骨干 1, PE/arts 0, 中级+ 1;
    //   高中 E02 E03 (研究生 only above; 体育 + 美术; 高级) → 专任 2, above 1, 骨干 0, PE/arts 2, 中级+ 1. Above in all: 2.
    const before = await list(personnel, E, 2024);
    expect(before.sectionToCheck).toBe(0);
    expect(before.bySection).toEqual({
      初中: expect.objectContaining({ teachersTotal: 1, teachersAboveDegree: 1, backboneCounty: 1, peTeachers: 0, artTeachers: 0, seniorTitleTeachers: 1 }),
      高中: expect.objectContaining({ teachersTotal: 2, teachersAboveDegree: 1, backboneCounty: 0, peTeachers: 1, artTeachers: 1, seniorTitleTeachers: 1 }),
    });
    expect((await teacherFigures(E, 2024)).values.teachersAboveDegree).toBe(2);
    // The registry makes it a 九年一贯制 (小学 + 初中): the two 高中 rows count in 小学, where 本科 and 研究生 are above (专科+).
    await updateSchool(t.database.db, schoolFixture(E, '测试完全中学', '九年一贯制'));
    const o = await personnel.get('/api/teachers/roster/schools?year=2024');
    expect(o.statusCode, o.body).toBe(200);
    expect(o.json<RosterSchoolsWire>().schools.find((s) => s.code === E)).toMatchObject({ rows: 3, sectionToCheck: 2 });
    const after = await list(personnel, E, 2024);
    expect(after).toMatchObject({ sections: ['小学', '初中'], sectionToCheck: 2 });
    expect(after.bySection).toEqual({
      小学: expect.objectContaining({ teachersTotal: 2, teachersAboveDegree: 2, peTeachers: 1, artTeachers: 1, seniorTitleTeachers: 1 }),
      初中: expect.objectContaining({ teachersTotal: 1, teachersAboveDegree: 1, backboneCounty: 1, seniorTitleTeachers: 1 }),
    });
    // A write recomputes without failing: above the required degree 2 → 3; a 高中 row edited into 初中 is no longer flagged.
    const e02 = after.rows.find((r) => r.staffNo === 'E02')!;
    const { teacherId: _id, age: _a, yearsAtSchool: _y, schoolCode: _s, hasIdNumber: _h, ...rest } = e02;
    const put = await personnel.put(`/api/teachers/roster/rows/${e02.teacherId}?school=${E}&year=2024`, { ...rest, idNumber: null, section: '初中' });
    expect(put.statusCode, put.body).toBe(200);
    expect((await teacherFigures(E, 2024)).values.teachersAboveDegree).toBe(3);
    expect((await list(personnel, E, 2024)).sectionToCheck).toBe(1);
    // A single-level school has no per-section figures.
    expect((await list(personnel, A, 2024)).bySection).toBeNull();
  });
});
