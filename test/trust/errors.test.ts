// Personal data in errors and logs (issue 10, item 4). A control character in a text cell of an upload (a NUL in a
// name made PostgreSQL refuse the batch) is a problem of that cell, named by row and column, like any other; and a
// database error — whatever its cause — is answered, stored in the job and logged without its message, detail, query
// or parameters (which quote the 学籍号 and names of the rows): only its SQLSTATE code, the route and the request id.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { buildApp, createAuthService } from '../../src/server.js';
import { ensureDistrict, insertSchool, setCurrentYear } from '../../src/registry/store.js';
import { buildStatsWorkbook } from '../../src/registry/excel.js';
import { databaseErrorCode, INTERNAL_MESSAGE } from '../../src/core/http/errors.js';
import { serializeError } from '../../src/core/log.js';
import { DISTRICT, PASSWORD, SCHOOL_A, SCHOOL_B, freshDatabase, sampleRecord, signIn } from '../helpers.js';
import type { Database } from '../../src/core/db/index.js';

const NAME = '王小明';
const OTHER = '李晓红';
const SID = 'G110101201001011234';
const SID2 = 'G110101201001015678';
const SECRETS = [NAME, OTHER, SID, SID2, SID.slice(1), SID2.slice(1)];

const lines: string[] = [];
const stream = { write: (s: string) => void lines.push(s) };
const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { reqId?: string; msg?: string; sqlState?: string; req?: { route: string } });

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let bureau: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  database = await freshDatabase();
  await ensureDistrict(database.db, DISTRICT, '测试县');
  for (const s of [SCHOOL_A, SCHOOL_B]) await insertSchool(database.db, s);
  await setCurrentYear(database.db, DISTRICT, 2024);
  await createAuthService(database.db).createUser({ districtId: DISTRICT, username: 'setup' }, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
  app = await buildApp(database, { logger: { level: 'trace', stream } });
  bureau = await signIn(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await database.close();
});
afterEach(() => vi.restoreAllMocks());

const upload = (url: string, content: Buffer | string, name: string) => bureau.upload(url, content, name);

let exams = 0;
async function newExam(name: string): Promise<number> {
  const r = await bureau.post('/api/exams', { name: `${name} ${++exams}`, grade: 8, type: '期中', subjects: [{ subject: '语文', fullMarks: 100 }] });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().exam.id as number;
}

const HEADER = '学籍号,姓名,学校代码,班级,性别,语文';
const row = (cells: Partial<Record<'sid' | 'name' | 'school' | 'klass' | 'gender' | 'score', string>>) =>
  [cells.sid ?? SID2, cells.name ?? OTHER, cells.school ?? SCHOOL_A.code, cells.klass ?? '1班', cells.gender ?? '女', cells.score ?? '80'].join(',');
const csvWith = (bad: Parameters<typeof row>[0]) => [HEADER, row({ sid: SID, name: NAME }), row(bad)].join('\n');

interface Problem {
  row: number;
  column: string;
  header: string;
  reason: string;
}

describe('a control character in a text cell', () => {
  it('NUL in a name: 422 naming row 3, column B (姓名) — not a database error — and nothing written', async () => {
    const id = await newExam('NUL 姓名');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await upload(`/api/exams/${id}/import?wait=1`, csvWith({ name: '李\u0000红' }), 'nul.csv');
    expect(r.statusCode, r.body).toBe(422);
    const problems = r.json().problems as Problem[];
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 3, column: 'B', header: '姓名' });
    expect(problems[0].reason).toMatch(/^含有控制字符 U\+0000.* \/ contains a control character \(U\+0000\)/);
    // The job (GET /api/jobs/:id) tells the same, and nothing reached the database.
    const job = (await bureau.get(`/api/jobs/${r.json().jobId}`)).json().job;
    expect(job).toMatchObject({ state: 'failed', error: { status: 422, code: 'import_failed' } });
    expect((await bureau.get(`/api/exams/${id}`)).json().exam.status).not.toBe('ready');
    expect(errors).not.toHaveBeenCalled();
  });

  it.each([
    ['学籍号', 'A', { sid: 'G1101\u00000101' }],
    ['学籍号 (a tab inside)', 'A', { sid: 'G1101\t0101' }],
    ['姓名 (a line break inside)', 'B', { name: '"李\n红"' }],
    ['学校代码', 'C', { school: `${SCHOOL_A.code}\u0001` }],
    ['班级', 'D', { klass: '1\u0000班' }],
    ['性别', 'E', { gender: '女\u0007' }],
    ['语文 (a score cell)', 'F', { score: '8\u00000' }],
  ])('in %s: named by its row and column', async (_what, column, bad) => {
    const id = await newExam(`控制字符 ${column}`);
    const r = await upload(`/api/exams/${id}/import?wait=1`, csvWith(bad), 'bad.csv');
    expect(r.statusCode, r.body).toBe(422);
    const problems = r.json().problems as Problem[];
    expect(problems.map((p) => `${p.row}${p.column}`)).toEqual([`3${column}`]);
    expect(problems[0].reason).toContain('含有控制字符');
  });

  it('in a long sheet, a header and an .xlsx cell alike', async () => {
    const long = await newExam('长表');
    const longCsv = ['学籍号,姓名,学校代码,班级,科目,成绩', `${SID},${NAME},${SCHOOL_A.code},1班,语\u0000文,80`].join('\n');
    const r1 = await upload(`/api/exams/${long}/import?wait=1`, longCsv, 'long.csv');
    expect(r1.statusCode, r1.body).toBe(422);
    expect(r1.json().problems).toMatchObject([{ row: 2, column: 'E', header: '科目', reason: expect.stringContaining('含有控制字符') }]);

    const header = await newExam('表头');
    const r2 = await upload(`/api/exams/${header}/import?wait=1`, [`${HEADER},备\u0000注`, row({ sid: SID })].join('\n'), 'header.csv');
    expect(r2.statusCode, r2.body).toBe(422);
    expect(r2.json().problems).toMatchObject([{ row: 1, column: 'G', reason: expect.stringContaining('含有控制字符') }]);

    const xlsx = await newExam('xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.addRow(HEADER.split(','));
    ws.addRow([SID, `王\t小明`, SCHOOL_A.code, '1班', '男', 90]);
    const r3 = await upload(`/api/exams/${xlsx}/import?wait=1`, Buffer.from(await wb.xlsx.writeBuffer()), 'tab.xlsx');
    expect(r3.statusCode, r3.body).toBe(422);
    expect(r3.json().problems).toMatchObject([{ sheet: '成绩', row: 2, column: 'B', header: '姓名', reason: expect.stringContaining('U+0009') }]);
  });

  it('in the statistics workbook: the school code and grade cells', async () => {
    const buf = await buildStatsWorkbook({ year: 2024, schools: [{ code: SCHOOL_A.code, name: SCHOOL_A.name, level: SCHOOL_A.level }], data: new Map([[SCHOOL_A.code, sampleRecord()]]) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    wb.getWorksheet('教师')!.getRow(2).getCell(1).value = `2133\t000001`;
    const grades = wb.worksheets.find((w) => w.name === '年级学生')!;
    const gradeCol = (grades.getRow(1).values as unknown[]).findIndex((v) => String(v ?? '').startsWith('年级'));
    grades.getRow(2).getCell(gradeCol).value = '一\n年级';
    const r = await upload('/api/import?year=2024', Buffer.from(await wb.xlsx.writeBuffer()), 'stats.xlsx');
    expect(r.statusCode, r.body).toBe(422);
    const problems = r.json().problems as (Problem & { sheet: string })[];
    const control = problems.filter((p) => p.reason.includes('含有控制字符'));
    expect(control.map((p) => `${p.sheet}!${p.column}${p.row}`)).toEqual(['教师!A2', `年级学生!${String.fromCharCode(64 + gradeCol)}2`]);
  });
});

describe('a database error', () => {
  it('is recognised by its SQLSTATE code, wrapped or not, and logged without its text', () => {
    const driver = Object.assign(new Error(`duplicate key value violates unique constraint "x"`), { name: 'DatabaseError', code: '23505', detail: `Key (student_id)=(${SID}) already exists.` });
    const wrapped = Object.assign(new Error(`Failed query: insert into students …\nparams: ${SID},${NAME}`), { name: 'DrizzleQueryError', query: 'insert …', params: [SID, NAME], cause: driver });
    expect(databaseErrorCode(driver)).toBe('23505');
    expect(databaseErrorCode(wrapped)).toBe('23505');
    expect(databaseErrorCode(Object.assign(new Error('x'), { severity: 'ERROR' }))).toBe('unknown');
    expect(databaseErrorCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'EPERM' }))).toBeNull();
    expect(databaseErrorCode(new TypeError('x'))).toBeNull();
    const out = JSON.stringify(serializeError(wrapped));
    for (const s of SECRETS) expect(out).not.toContain(s);
    expect(serializeError(wrapped)).toMatchObject({ code: '23505', message: 'database error (SQLSTATE 23505)' });
    expect(serializeError(wrapped).stack).toMatch(/^\s+at /);
  });

  it('in an import job: the answer, GET /api/jobs/:id, the stored job and the logs carry none of the rows', async () => {
    // The database refuses the batch (a check constraint that its detail reports with the whole failing row).
    await database.db.execute(sql.raw(`alter table students add constraint jh_trust_no_wang check (name is null or name not like '王%')`));
    try {
      const id = await newExam('数据库错误');
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const csv = [HEADER, row({ sid: SID, name: NAME }), row({})].join('\n');
      const r = await upload(`/api/exams/${id}/import?wait=1`, csv, 'db.csv');
      expect(r.statusCode, r.body).toBe(500);
      expect(r.json().error.message).toContain(INTERNAL_MESSAGE);
      const ids = (await database.db.execute(sql`select id from jobs where subject->>'examId' = ${String(id)}`)) as { rows: { id: string }[] };
      expect(ids.rows).toHaveLength(1);
      const jobId = ids.rows[0].id;
      const job = (await bureau.get(`/api/jobs/${jobId}`)).json().job;
      expect(job).toMatchObject({ state: 'failed', message: INTERNAL_MESSAGE, error: { status: 500, code: 'internal', message: INTERNAL_MESSAGE } });
      const stored = (await database.db.execute(sql`select message, error from jobs where id = ${jobId}`)) as { rows: { message: string; error: unknown }[] };
      expect(stored.rows).toEqual([{ message: INTERNAL_MESSAGE, error: { status: 500, code: 'internal', message: INTERNAL_MESSAGE } }]);
      // A second import without waiting: its job, read back from memory, says the same.
      const r2 = await upload(`/api/exams/${id}/import`, csv, 'db.csv');
      expect(r2.statusCode, r2.body).toBe(202);
      let later = (await bureau.get(`/api/jobs/${r2.json().jobId}`)).json().job;
      for (let k = 0; k < 200 && !later.finishedAt; k++) {
        await new Promise((res) => setTimeout(res, 50));
        later = (await bureau.get(`/api/jobs/${r2.json().jobId}`)).json().job;
      }
      expect(later).toMatchObject({ state: 'failed', error: { message: INTERNAL_MESSAGE } });

      const said = [r.body, JSON.stringify(job), JSON.stringify(stored.rows), lines.join(''), errors.mock.calls.flat().map(String).join('\n')].join('\n');
      for (const s of SECRETS) expect(said, `"${s}" was answered or logged`).not.toContain(s);
      expect(said).not.toMatch(/insert into|Failing row|params:/i);
      expect(errors.mock.calls.flat().join(' ')).toContain('SQLSTATE 23514');
    } finally {
      await database.db.execute(sql.raw('alter table students drop constraint jh_trust_no_wang'));
    }
  });

  it('in a request: 500 with the request id; the log line has the SQLSTATE code, the route and the request id only', async () => {
    const id = await newExam('查询错误');
    await database.db.execute(sql.raw('alter table exam_results rename to jh_trust_results'));
    try {
      const r = await bureau.raw('GET', `/api/exams/${id}/students/${SID}`, undefined, { 'x-request-id': 'trust-db-1' });
      expect(r.statusCode, r.body).toBe(500);
      expect(r.json()).toEqual({ error: { code: 'internal', message: `${INTERNAL_MESSAGE} (请求编号 / request id trust-db-1)` }, requestId: 'trust-db-1' });
      const mine = logged().filter((l) => l.reqId === 'trust-db-1');
      expect(mine.find((l) => l.msg === 'database error')).toMatchObject({ level: 50, sqlState: '42P01', req: { route: '/api/exams/:id/students/:sid' } });
      const text = lines.filter((l) => l.includes('trust-db-1')).join('');
      for (const s of SECRETS) expect(text).not.toContain(s);
      expect(text).not.toMatch(/exam_results|select |params/i);
    } finally {
      await database.db.execute(sql.raw('alter table jh_trust_results rename to exam_results'));
    }
  });
});
