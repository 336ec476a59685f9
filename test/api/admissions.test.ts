// Admission draws end to end through the API: create → import (bad rows named, nothing kept) → publish the list
// (its hash = sha256sum of the method's lines) → run with the entropy drawn on site (seed = sha256sum) → publish;
// a published draw refuses every change, through the API and through SQL; the public view masks names; the result
// recomputes with the CLI's verify; 公民同招: a private school's admitted pupils cannot enter a public draw.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolFixture, signIn, testApp } from '../helpers.js';
import { insertSchool } from '../../src/registry/store.js';
import { admissionsCommand } from '../../src/admissions/cli.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
// The example of src/admissions/methods.test.ts, whose list hash and seed were computed with sha256sum.
const LIST = 'applicant_id,priority,姓名\nA001,1,张三\nA002,2,李小四\nA003,1,王五\nA004,1,欧阳小明\nA005,2,钱七\n';
const LIST_HASH = '595324a72846ea8ebb167b96d3431bed9c85d0519e0fb3486ed82040c5b303a3';
const SEED = '3189a8fb079e1d7221e120d5ddc06b968977ac918996e1b8f611117a7e63d7ad';

describe('admission draws', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let bureau: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await testApp();
    bureau = await signIn(t.app, 'analyst');
  });
  afterAll(async () => t.close());

  it('creates a lottery and names every bad row of an applicant file, keeping nothing', async () => {
    const r = await bureau.post('/api/admissions/draws', {
      code: 'D2026-01',
      name: '实验初中民办派位',
      year: 2026,
      method: 'junheng-lottery-v1',
      stage: 'private',
      schoolCode: A,
      seats: 2,
      priorityRules: '1 = 本学区户籍；2 = 其他',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().draw).toMatchObject({ status: 'draft', applicants: 0, schoolName: expect.any(String) });
    const bad = await bureau.upload('/api/admissions/draws/D2026-01/applicants', Buffer.from('applicant_id,priority\nA1,1\n,1\nA1,2\n330902201401011234,1\nA5,0\n'), 'bad.csv');
    expect(bad.statusCode).toBe(422);
    const problems = bad.json<{ problems: { row: number; column: string; message: string }[] }>().problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'applicant_id'],
      [4, 'applicant_id'],
      [5, 'applicant_id'],
      [6, 'priority'],
    ]);
    expect(problems[2].message).toContain('身份证号');
    expect((await bureau.get('/api/admissions/draws/D2026-01')).json().applicants).toEqual([]);
  });

  it('imports the list, publishes its hash and freezes it', async () => {
    const imp = await bureau.upload('/api/admissions/draws/D2026-01/applicants', Buffer.from(LIST), 'list.csv');
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json().draw.applicants).toBe(5);
    expect((await bureau.post('/api/admissions/draws/D2026-01/run', { entropy: ['1'] })).statusCode).toBe(409); // not before 公示
    const pub = await bureau.post('/api/admissions/draws/D2026-01/publish-list', {});
    expect(pub.json().draw).toMatchObject({ status: 'list_published', listHash: LIST_HASH });
    expect((await bureau.upload('/api/admissions/draws/D2026-01/applicants', Buffer.from(LIST), 'list.csv')).statusCode).toBe(409);
    // The public sees the list (IDs, priorities, masked names) and its hash, but no result yet.
    const anon = await t.app.inject({ method: 'GET', url: '/api/public/draws/990001/D2026-01' });
    expect(anon.statusCode).toBe(200);
    expect(anon.json().draw.listHash).toBe(LIST_HASH);
    expect(anon.json().result).toBeNull();
    expect(anon.json().applicants.map((a: { name: string }) => a.name)).toEqual(['张*', '李*四', '王*', '欧**明', '钱*']);
    expect(anon.body).not.toMatch(/张三|李小四|欧阳小明/);
  });

  it('runs once with the entropy drawn on site; the database refuses a second run, changes and deletion', async () => {
    const run = await bureau.post('/api/admissions/draws/D2026-01/run', { entropy: ['3,17,42', '99'] });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().draw).toMatchObject({ status: 'drawn', seed: SEED, entropy: ['3,17,42', '99'] });
    const apps = run.json().applicants as { applicantId: string; priority: number; rank: number; admitted: boolean; name: string }[];
    expect(apps.filter((a) => a.admitted)).toHaveLength(2);
    expect(apps.filter((a) => a.admitted).every((a) => a.priority === 1)).toBe(true);
    expect(apps.find((a) => a.applicantId === 'A004')!.name).toBe('欧阳小明'); // the bureau sees names
    expect((await bureau.post('/api/admissions/draws/D2026-01/run', { entropy: ['4'] })).statusCode).toBe(409);
    const db = t.database.db;
    await expect(db.execute(sql`update admission_draws set seed = 'x', result = '{}'::jsonb where code = 'D2026-01'`)).rejects.toThrow();
    await expect(db.execute(sql`update admission_draws set status = 'list_published' where code = 'D2026-01'`)).rejects.toThrow();
    await expect(db.execute(sql`update admission_applicants set priority = 1 where draw_code = 'D2026-01'`)).rejects.toThrow();
    await expect(db.execute(sql`insert into admission_applicants (district_id, draw_code, applicant_id, priority, row) values ('990001', 'D2026-01', 'A999', 1, 9)`)).rejects.toThrow();
    await expect(db.execute(sql`delete from admission_draws where code = 'D2026-01'`)).rejects.toThrow();
  });

  it('publishes the result; then nothing changes, not even through SQL, and anyone can verify it', async () => {
    expect((await bureau.post('/api/admissions/draws/D2026-01/publish-result', {})).json().draw.status).toBe('result_published');
    await expect(t.database.db.execute(sql`update admission_draws set name = '改名' where code = 'D2026-01'`)).rejects.toThrow();
    expect((await bureau.raw('DELETE', '/api/admissions/draws/D2026-01')).statusCode).toBe(409);
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/draws/990001/D2026-01' });
    const result = pub.json().result as { seed: string; results: { applicant_id: string; admitted: boolean }[] };
    expect(result.seed).toBe(SEED);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-adm-api-'));
    try {
      fs.writeFileSync(path.join(dir, 'result.json'), JSON.stringify(result));
      fs.writeFileSync(path.join(dir, 'list.csv'), LIST);
      const out: string[] = [];
      const code = await admissionsCommand('verify', { result: path.join(dir, 'result.json'), applicants: path.join(dir, 'list.csv') }, { out: (s) => out.push(s), err: (s) => out.push(s) });
      expect([code, out.join()]).toEqual([0, expect.stringContaining('matches')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/public/draws' });
    expect(list.json().draws.map((d: { code: string }) => d.code)).toEqual(['D2026-01']);
  });

  it('a correction is a new draw that names the old one', async () => {
    const r = await bureau.post('/api/admissions/draws', {
      code: 'D2026-01-更正',
      name: '实验初中民办派位（更正）',
      year: 2026,
      method: 'junheng-lottery-v1',
      stage: 'private',
      schoolCode: A,
      seats: 2,
      corrects: 'D2026-01',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await bureau.get('/api/admissions/draws/D2026-01')).json().draw.correctedBy).toEqual(['D2026-01-更正']);
  });

  it('公民同招: pupils admitted by a private lottery cannot enter the public catchment draw; the report counts each stage', async () => {
    const r = await bureau.post('/api/admissions/draws', {
      code: 'P2026-城关',
      name: '城关片区多校划片',
      year: 2026,
      method: 'junheng-assign-v1',
      stage: 'public',
      catchment: '城关',
      capacities: [
        { schoolCode: B, seats: 2 },
        { schoolCode: C, seats: 1 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const admitted = (await bureau.get('/api/admissions/draws/D2026-01'))
      .json()
      .applicants.filter((a: { admitted: boolean }) => a.admitted)
      .map((a: { applicantId: string }) => a.applicantId) as string[];
    const clash = await bureau.upload('/api/admissions/draws/P2026-城关/applicants', Buffer.from(`applicant_id,choices\nB1,${B}|${C}\n${admitted[0]},${B}\n`), 'p.csv');
    expect(clash.statusCode).toBe(422);
    expect(clash.json().problems).toEqual([expect.objectContaining({ row: 3, column: 'applicant_id', message: expect.stringContaining('民办') })]);
    const twice = await bureau.upload('/api/admissions/draws/P2026-城关/applicants', Buffer.from(`applicant_id,choices\nB1,${B}|${B}\nB2,9999\n`), 'p.csv');
    expect(twice.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [2, 'choices'],
      [3, 'choices'],
    ]);
    // Five applicants for three seats: B1–B4 want B first, B5 wants C only.
    const list = `applicant_id,choices\nB1,${B}|${C}\nB2,${B}|${C}\nB3,${B}\nB4,${B}|${C}\nB5,${C}\n`;
    expect((await bureau.upload('/api/admissions/draws/P2026-城关/applicants', Buffer.from(list), 'p.csv')).statusCode).toBe(200);
    await bureau.post('/api/admissions/draws/P2026-城关/publish-list', {});
    const run = await bureau.post('/api/admissions/draws/P2026-城关/run', { entropy: ['5'] });
    expect(run.statusCode, run.body).toBe(200);
    const report = (await bureau.get('/api/admissions/report?year=2026')).json<{
      rows: { drawCode: string; schoolCode: string; seats: number; applied: number; firstChoice: number; admitted: number; waiting: number }[];
      unplaced: { drawCode: string; count: number }[];
    }>();
    const pick = (d: string, s: string) => report.rows.find((x) => x.drawCode === d && x.schoolCode === s);
    expect(pick('D2026-01', A)).toMatchObject({ seats: 2, applied: 5, firstChoice: 5, admitted: 2, waiting: 3 });
    expect(pick('P2026-城关', B)).toMatchObject({ seats: 2, applied: 4, firstChoice: 4, admitted: 2 });
    expect(pick('P2026-城关', C)).toMatchObject({ seats: 1, applied: 4, firstChoice: 1, admitted: 1 });
    // 3 seats for 5 applicants who all list a school with seats: exactly 2 are left for 统筹安排.
    expect(report.unplaced).toEqual([expect.objectContaining({ drawCode: 'P2026-城关', count: 2 })]);
  });

  it('records every step in the audit log, and reading the names', async () => {
    const audit = await t.database.db.execute(sql`select action, entity from audit_log where entity like 'admission%' order by id`);
    const rows = (audit as { rows: { action: string; entity: string }[] }).rows ?? (audit as { action: string; entity: string }[]);
    const actions = rows.map((r) => `${r.entity}:${r.action}`);
    for (const a of ['admission-draw:create', 'admission-applicants:import', 'admission-draw:publish-list', 'admission-draw:draw', 'admission-draw:publish-result', 'admission-applicants:read'])
      expect(actions).toContain(a);
  });
});

describe('名额分配: quota allocation from the registry and admission from the 中考 exam', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let bureau: Awaited<ReturnType<typeof signIn>>;
  const D = '2133000004';
  const E = '2133000005';
  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    await insertSchool(db, schoolFixture(D, '测试乡村初中', '初中', { location: '乡村' }));
    await insertSchool(db, schoolFixture(E, '测试九年一贯制学校', '九年一贯制'));
    // Grade 9 in 2024–2025 (the registry's enrolments): C 100 (镇区), D 40 (乡村), E 60 (城区); primary A has none.
    await db.execute(
      sql`insert into grade_enrolments (district_id, school_code, year, grade, students) values ('990001', ${C}, 2024, 9, 100), ('990001', ${D}, 2024, 9, 40), ('990001', ${E}, 2024, 9, 60), ('990001', ${A}, 2024, 6, 80)`,
    );
    bureau = await signIn(t.app, 'analyst');
  });
  afterAll(async () => t.close());

  it('allocates by quota v1 with the graduates and rural flags of the registry (worked by hand)', async () => {
    // W = 100, 40 × 1.5 = 60, 60 (D = 220); floors 3 each, R = 40 − 9 = 31; s = 14.09, 8.45, 8.45 → 14, 8, 8 (Σ 30);
    // the 1 left: D and E tie on remainder and weight → the smaller code, D. C 17, D 12, E 11.
    const r = await bureau.post('/api/admissions/quotas', { year: 2024, highSchool: '青溪中学', places: 40, minPerSchool: 3, ruralWeight: '1.5' });
    expect(r.statusCode, r.body).toBe(201);
    const plan = r.json().plan as { version: number; allocations: { schoolCode: string; graduates: number; rural: boolean; places: number }[]; admission: null; method: string };
    expect(plan.method).toBe('junheng-quota-v1');
    expect(plan.allocations.map((a) => [a.schoolCode, a.graduates, a.rural, a.places])).toEqual([
      [C, 100, false, 17],
      [D, 40, true, 12],
      [E, 60, false, 11],
    ]);
    expect(plan.admission).toBeNull();
    const again = await bureau.post('/api/admissions/quotas', { year: 2024, highSchool: '青溪中学', places: 40, minPerSchool: 3, ruralWeight: '1.5', ruralLocations: ['乡村', '镇区'] });
    expect(again.json().plan.version).toBe(2); // a new version; the first stays
    expect((await bureau.get('/api/admissions/quotas')).json().plans).toHaveLength(2);
  });

  it('admits within each quota from the stored 中考 exam down to the control line, ties by the stated subject', async () => {
    const ex = await bureau.post('/api/exams', {
      name: '2025 中考',
      date: '2025-06-20',
      grade: 9,
      type: '中考',
      subjects: [
        { subject: '语文', fullMarks: 120 },
        { subject: '数学', fullMarks: 120 },
      ],
    });
    expect(ex.statusCode, ex.body).toBe(201);
    const id = ex.json().exam.id as number;
    // Totals: C 200, 190, 180, 150 (exactly at the line), 149; D 160 (数学 70), 160 (数学 80), 100.
    const csv = [
      '学籍号,姓名,学校代码,班级,语文,数学',
      `G01,甲,${C},1,100,100`,
      `G02,乙,${C},1,95,95`,
      `G03,丙,${C},1,90,90`,
      `G04,丁,${C},1,75,75`,
      `G05,戊,${C},1,75,74`,
      `G06,己,${D},1,90,70`,
      `G07,庚,${D},1,80,80`,
      `G08,辛,${D},1,50,50`,
    ].join('\n');
    expect((await bureau.upload(`/api/exams/${id}/import?wait=1`, Buffer.from(csv), 'zk.csv')).statusCode).toBe(200);
    const r = await bureau.post('/api/admissions/quotas', { year: 2024, highSchool: '青溪中学', places: 40, minPerSchool: 3, ruralWeight: '1.5', examId: id, controlLine: 150, tieSubjects: ['数学'] });
    expect(r.statusCode, r.body).toBe(201);
    const plan = r.json().plan as {
      admission: { schoolCode: string; quota: number; sat: number; eligible: number; admitted: number; lowestAdmitted: number | null; unfilled: number; students: { studentId: string }[] }[];
      returned: number;
    };
    expect(plan.admission.map((a) => [a.schoolCode, a.quota, a.sat, a.eligible, a.admitted, a.lowestAdmitted, a.unfilled])).toEqual([
      [C, 17, 5, 4, 4, 150, 13],
      [D, 12, 3, 2, 2, 160, 10],
      [E, 11, 0, 0, 0, null, 11],
    ]);
    expect(plan.returned).toBe(34);
    expect(plan.admission[1].students.map((s) => s.studentId)).toEqual(['G07', 'G06']); // 数学 80 before 70
    const inspector = await signIn(t.app, 'inspector');
    const seen = (await inspector.get(`/api/admissions/quotas/${r.json().plan.id}`)).json().plan;
    expect(seen.admission[0].students).toEqual([]); // no pupil rows outside the bureau
    expect(seen.admission[0].admitted).toBe(4);
    const bad = await bureau.post('/api/admissions/quotas', { year: 2024, highSchool: '青溪中学', places: 5, minPerSchool: 3, ruralWeight: '1.5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('保底名额合计 9 超过总名额 5');
  });
});

describe('the list for posting (公示)', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    const c = await signIn(t.app, 'analyst');
    await c.post('/api/admissions/draws', { code: 'X1', name: '导出测试', year: 2026, method: 'junheng-lottery-v1', stage: 'private', schoolCode: A, seats: 2 });
    await c.upload('/api/admissions/draws/X1/applicants', Buffer.from(LIST), 'list.csv');
    await c.post('/api/admissions/draws/X1/publish-list', {});
    await c.post('/api/admissions/draws/X1/run', { entropy: ['3,17,42', '99'] });
  });
  afterAll(async () => t.close());

  it('writes the result in rank order with masked names, and full names only for the bureau (audited)', async () => {
    const c = await signIn(t.app, 'analyst');
    const masked = await c.get('/api/admissions/draws/X1/list.xlsx');
    expect(masked.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '名次', '报名编号', '姓名', '优先级', '结果']);
    const rows = Array.from({ length: 5 }, (_, i) => ws.getRow(i + 2).values as unknown[]);
    expect(rows.map((r) => r[1])).toEqual([1, 2, 3, 4, 5]);
    expect(rows.filter((r) => r[5] === '录取')).toHaveLength(2);
    expect(rows.map((r) => r[3]).every((n) => String(n).includes('*'))).toBe(true);
    const full = await c.get('/api/admissions/draws/X1/list.xlsx?names=full');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb2.worksheets[0].getColumn(3).values).toContain('欧阳小明');
    const audit = await t.database.db.execute(sql`select entity, action, entity_key from audit_log where action = 'export' and entity = 'admission-applicants'`);
    const rowsOf = (audit as { rows?: unknown[] }).rows ?? (audit as unknown[]);
    expect(rowsOf).toHaveLength(1);
  });
});
