// Exams through the HTTP API: create, import (.xlsx wide, long CSV, GBK CSV), the report's numbers against figures
// computed independently (test/fixtures/exams/make_fixtures.py), bad files (422, nothing written), re-import,
// settings and re-analysis, permissions and the name rule, the job progress endpoint, comparison and export.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, PASSWORD } from '../helpers.js';
import { A, B, C, STUDENTS, SUBJECTS } from '../fixtures/exams/data.js';
import { createAuthService } from '../../src/server.js';
import { ensureDistrict } from '../../src/registry/store.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'exams');
let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let bureau: Client;

beforeAll(async () => {
  t = await testApp();
  bureau = await signIn(t.app, 'analyst');
});
afterAll(async () => t.close());

function upload(c: Client, url: string, buf: Buffer, name: string) {
  const boundary = '----jhexam' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.raw('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

/** The wide workbook: a 说明 sheet, then 成绩 with a title row, header in row 2, students from row 3. */
async function wideXlsx(edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['九年级期末考试成绩,请勿修改表头']);
  const ws = wb.addWorksheet('成绩');
  ws.addRow(['2024学年第一学期九年级期末考试']);
  ws.addRow(['学籍号', '姓名', '性别', '学校代码', '班级', '语文', '数学', '英语']);
  for (const s of STUDENTS) {
    const [id, name, gender, school, klass, ...scores] = s;
    // School A's code as a number cell (as Excel keeps it when typed in); G013's 数学 as full-width text.
    ws.addRow([id, name, gender, school === A ? Number(school) : school, klass, ...scores.map((v, j) => (id === 'G013' && j === 1 ? '１０１' : v))]);
  }
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function createExam(c: Client, name: string, extra: Record<string, unknown> = {}) {
  const r = await c.post('/api/exams', { name, date: '2025-01-15', term: '2024学年第一学期', grade: 9, type: '期末', scope: '全县', subjects: SUBJECTS, ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().exam as { id: number; name: string };
}

const close = (got: number | null | undefined, want: number) => expect(got).toBeCloseTo(want, 10);
const auditCount = async () => (await bureau.get('/api/audit?pageSize=1&entity=exam')).json().total as number;

let examId: number;

describe('exams', () => {
  it('creates an exam (bureau only) and lists it', async () => {
    const viewer = await signIn(t.app, 'viewer');
    expect((await viewer.post('/api/exams', { name: 'x', grade: 9, type: '期末', subjects: SUBJECTS })).statusCode).toBe(403);
    const bad = await bureau.post('/api/exams', { name: 'x', grade: 9, type: '期末', subjects: [{ subject: '语文', fullMarks: 120, excellent: '0.5', pass: '0.6' }] });
    expect(bad.statusCode).toBe(400);
    const exam = await createExam(bureau, '2024学年九年级期末');
    examId = exam.id;
    expect((await bureau.post('/api/exams', { name: '2024学年九年级期末', grade: 9, type: '期末', subjects: SUBJECTS })).statusCode).toBe(409);
    const list = (await viewer.get('/api/exams')).json().exams;
    expect(list).toEqual([
      expect.objectContaining({
        id: exam.id,
        name: '2024学年九年级期末',
        date: '2025-01-15',
        grade: 9,
        type: '期末',
        excellent: '0.85',
        pass: '0.6',
        low: '0.4',
        bottomPercentile: 30,
        studentCount: 0,
        importedAt: null,
        status: 'empty',
        subjects: SUBJECTS.map((s) => ({ ...s, excellent: '0.85', pass: '0.6', low: '0.4', custom: false, items: [] })),
      }),
    ]);
  });

  it('imports the wide .xlsx and reports the numbers computed independently', async () => {
    const r = await upload(bureau, `/api/exams/${examId}/import?wait=1`, await wideXlsx(), '期末成绩.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().result).toMatchObject({
      examId,
      format: 'xlsx',
      layout: ['wide'],
      students: 18,
      schools: 3,
      classes: 5,
      marks: { absent: 1, blank: 1, voided: 1, exempt: 1, missing: 0 },
      replaced: 0,
    });
    const { exam, report } = (await bureau.get(`/api/exams/${examId}/report`)).json();
    expect(exam).toMatchObject({ studentCount: 18, status: 'ready', sourceFile: '期末成绩.xlsx' });
    expect(report.subjects).toEqual(['语文', '数学', '英语', '总分']);
    const d = report.district.stats;
    const want = {
      语文: [16, 83.8125, 15.722073455813645, 86.75, 0.125, 0.75, 0],
      数学: [18, 81.08333333333333, 21.80421085733467, 82.5, 1 / 6, 2 / 3, 1 / 9],
      英语: [16, 70.0625, 17.626218929481162, 72.5, 0.3125, 0.75, 0.0625],
      总分: [14, 236.17857142857142, 57.90374005403189, 237.75, 3 / 14, 9 / 14, 1 / 14],
    } as const;
    for (const [k, [n, mean, sd, median, exc, pass, low]] of Object.entries(want)) {
      expect(d[k].n, k).toBe(n);
      close(d[k].mean, mean);
      close(d[k].sd, sd);
      close(d[k].median, median);
      close(d[k].excellent_rate, exc);
      close(d[k].pass_rate, pass);
      close(d[k].low_rate, low);
    }
    close(report.district.allPassRate, 9 / 14);
    expect(report.schools.map((s: { school: string }) => s.school)).toEqual([A, B, C]);
    const math = report.schools.map((s: { stats: Record<string, { mean: number; over_mean_rate: number }> }) => s.stats['数学']);
    close(math[0].mean, 90.41666666666667);
    close(math[0].over_mean_rate, 0.11510791366906487);
    close(math[1].mean, 61.7);
    close(math[1].over_mean_rate, -0.2390544707091469);
    close(math[2].over_mean_rate, 0.072089267361621);
    const totals = report.schools.map((s: { stats: Record<string, { n: number; mean: number; over_mean_rate: number }> }) => s.stats['总分']);
    expect(totals.map((x: { n: number }) => x.n)).toEqual([5, 4, 5]);
    close(totals[0].mean, 265.5);
    close(totals[1].mean, 170.875);
    close(totals[2].mean, 259.1);
    close(totals[1].over_mean_rate, -0.2765008316951459);
    // 后30%: totals 124, 145, 193.5, 193.5, 198.5, …; h = 13 × 0.3 = 3.9 → 193.5 + 0.9 × 5 = 198
    expect(report.bottom.threshold).toBeCloseTo(198, 10);
    expect(report.bottom.schools.map((s: { school: string; n: number; count: number; rate: number }) => [s.school, s.n, s.count, s.rate])).toEqual([
      [A, 5, 1, 0.2],
      [B, 4, 3, 0.75],
      [C, 5, 0, 0],
    ]);
    close(report.cvOfSchoolMeans.cv, 0.17524899603945943);
    expect(report.cvOfSchoolMeans).toMatchObject({ limit: 0.15, pass: false });
    expect(report.classes.map((c: { school: string; class: string; n: number }) => `${c.school}/${c.class}/${c.n}`)).toEqual([`${A}/1班/3`, `${A}/2班/3`, `${B}/1班/5`, `${C}/1班/3`, `${C}/2班/4`]);
  });

  it('student lists carry scores, marks, 总分, ranks (ties share) and T', async () => {
    const a = (await bureau.get(`/api/exams/${examId}/schools/${A}/students`)).json();
    expect(a.namesShown).toBe(true);
    const by = (id: string) => a.students.find((s: { studentId: string }) => s.studentId === id);
    expect(by('G001')).toMatchObject({ name: '张三', gender: '男', className: '1班', scores: [102, 98.5, 88], marks: [null, null, null], total: 288.5, rankDistrict: 4, rankSchool: 3, rankClass: 2 });
    close(by('G001').t, 59.03593248425848);
    expect(by('G004')).toMatchObject({ total: 193.5, rankDistrict: 11, rankSchool: 5, rankClass: 2 });
    expect(by('G005')).toMatchObject({ scores: [null, 85, 70], marks: ['absent', null, null], total: null, rankDistrict: null, t: null });
    expect(by('G006')).toMatchObject({ rankDistrict: 1, rankSchool: 1, rankClass: 1 });
    expect(a.students[0].studentId).toBe('G006'); // best 总分 first
    const b = (await bureau.get(`/api/exams/${examId}/schools/${B}/students?class=${encodeURIComponent('1班')}`)).json().students;
    const g8 = b.find((s: { studentId: string }) => s.studentId === 'G008');
    expect(g8).toMatchObject({ total: 193.5, rankDistrict: 11, rankSchool: 2 }); // tied with G004 in the district
    expect(b.find((s: { studentId: string }) => s.studentId === 'G010').marks).toEqual([null, null, 'voided']);
    expect(b.find((s: { studentId: string }) => s.studentId === 'G009')).toMatchObject({ rankDistrict: 14, rankSchool: 4, rankClass: 4 });
  });

  it('report card: scores, per-subject ranks and T, class/school/district means', async () => {
    const card = (await bureau.get(`/api/exams/${examId}/students/G013`)).json();
    expect(card.student).toMatchObject({ studentId: 'G013', name: '褚五', schoolCode: C, className: '1班' });
    const math = card.subjects[1];
    expect(math).toMatchObject({ subject: '数学', fullMarks: 120, score: 101, mark: null, rankDistrict: 4, rankSchool: 2, rankClass: 2 });
    close(math.means.district, 81.08333333333333);
    close(math.means.school, 86.92857142857143);
    close(math.means.class, (105 + 101 + 90) / 3);
    close(math.t, 50 + (10 * (101 - 81.08333333333333)) / 21.80421085733467);
    expect(card.total).toMatchObject({ score: 274, fullMarks: 340, rankDistrict: 6, rankSchool: 3, rankClass: 2 });
    close(card.total.t, 56.531776451078315);
    close(card.total.means.school, 259.1);
    const absent = (await bureau.get(`/api/exams/${examId}/students/G017`)).json();
    expect(absent.subjects[0]).toMatchObject({ score: null, mark: 'absent', rankDistrict: null, t: null });
    expect((await bureau.get(`/api/exams/${examId}/students/NOPE`)).statusCode).toBe(404);
  });

  it('permissions: clerk sees own school only, names hidden from inspectors, viewers get no student rows', async () => {
    const clerk = await signIn(t.app, 'clerkA');
    const rep = (await clerk.get(`/api/exams/${examId}/report`)).json().report;
    expect(rep.schools.map((s: { school: string }) => s.school)).toEqual([A]);
    expect(rep.classes.every((c: { school: string }) => c.school === A)).toBe(true);
    expect(rep.bottom.schools.map((s: { school: string }) => s.school)).toEqual([A]);
    expect(rep.balance.map((s: { school: string }) => s.school)).toEqual([A]);
    expect(rep.district.stats['总分'].n).toBe(14); // the district aggregate row stays
    const own = (await clerk.get(`/api/exams/${examId}/schools/${A}/students`)).json();
    expect(own.students.find((s: { studentId: string }) => s.studentId === 'G001').name).toBe('张三');
    expect((await clerk.get(`/api/exams/${examId}/schools/${B}/students`)).statusCode).toBe(403);
    expect((await clerk.get(`/api/exams/${examId}/students/G007`)).statusCode).toBe(404); // another school's pupil: as if none
    expect((await clerk.get(`/api/exams/${examId}/students/G001`)).json().student.name).toBe('张三');

    const inspector = await signIn(t.app, 'inspector'); // assigned to school B
    const full = (await inspector.get(`/api/exams/${examId}/report`)).json().report;
    expect(full.schools).toHaveLength(3);
    const bRows = (await inspector.get(`/api/exams/${examId}/schools/${B}/students`)).json();
    expect(bRows.namesShown).toBe(false);
    expect(bRows.students).toHaveLength(5);
    expect(bRows.students.every((s: { name: string | null }) => s.name === null)).toBe(true);
    expect((await inspector.get(`/api/exams/${examId}/students/G007`)).json().student.name).toBeNull();
    expect((await inspector.get(`/api/exams/${examId}/schools/${A}/students`)).statusCode).toBe(403);

    const viewer = await signIn(t.app, 'viewer');
    expect((await viewer.get(`/api/exams/${examId}/report`)).json().report.schools).toHaveLength(3);
    expect((await viewer.get(`/api/exams/${examId}/schools/${B}/students`)).statusCode).toBe(403);
    expect((await viewer.get(`/api/exams/${examId}/students/G007`)).statusCode).toBe(403);
    expect((await upload(clerk, `/api/exams/${examId}/import?wait=1`, await wideXlsx(), 'x.xlsx')).statusCode).toBe(403);
  });

  it('a bad file → 422 naming sheet, row and column; nothing changes', async () => {
    const before = {
      report: (await bureau.get(`/api/exams/${examId}/report`)).json(),
      students: (await bureau.get(`/api/exams/${examId}/schools/${A}/students`)).json(),
      audit: await auditCount(),
    };
    // Rows: title 1, header 2, G001 = row 3 … Columns: A 学籍号 B 姓名 C 性别 D 学校代码 E 班级 F 语文 G 数学 H 英语.
    const buf = await wideXlsx((ws) => {
      ws.getRow(4).getCell(7).value = 130; // G002 数学 above 120
      ws.getRow(5).getCell(1).value = 'G001'; // G003 → a duplicate 学籍号
      ws.getRow(9).getCell(4).value = '9999999999'; // G007: unknown school
      ws.getRow(10).getCell(8).value = 'abc'; // G008 英语: not a number
      ws.getRow(11).getCell(6).value = -5; // G009 语文: negative
    });
    const r = await upload(bureau, `/api/exams/${examId}/import?wait=1`, buf, '坏文件.xlsx');
    expect(r.statusCode).toBe(422);
    const problems = r.json().problems as { file: string; sheet: string; row: number; column: string; header: string; reason: string }[];
    expect(problems.every((p) => p.file === '坏文件.xlsx' && p.sheet === '成绩')).toBe(true);
    const at = (row: number, column: string) => problems.find((p) => p.row === row && p.column === column);
    expect(at(4, 'G')).toMatchObject({ header: '数学' });
    expect(at(4, 'G')!.reason).toMatch(/130.*满分 120/);
    expect(at(5, 'A')!.reason).toMatch(/G001.*第 3 行/);
    expect(at(9, 'D')!.reason).toMatch(/9999999999/);
    expect(at(10, 'H')!.reason).toMatch(/abc/);
    expect(at(11, 'F')!.reason).toMatch(/负/);
    expect(problems).toHaveLength(5);
    expect((await bureau.get(`/api/exams/${examId}/report`)).json()).toEqual(before.report);
    expect((await bureau.get(`/api/exams/${examId}/schools/${A}/students`)).json()).toEqual(before.students);
    expect(await auditCount()).toBe(before.audit);
  });

  it('header problems: a missing subject column, an unknown column', async () => {
    const csv = '学籍号,姓名,学校代码,班级,语文,数学,物理\nG1,甲,2133000001,1班,90,90,90\n';
    const r = await upload(bureau, `/api/exams/${examId}/import?wait=1`, Buffer.from(csv), 'h.csv');
    expect(r.statusCode).toBe(422);
    const reasons = r
      .json()
      .problems.map((p: { reason: string; column: string }) => `${p.column}:${p.reason}`)
      .join('\n');
    expect(reasons).toMatch(/G:未知的列「物理」/);
    expect(reasons).toMatch(/缺少科目「英语」/);
  });

  it('re-import (long CSV, school B by name) replaces the results atomically', async () => {
    const n = await auditCount();
    const r = await upload(bureau, `/api/exams/${examId}/import?wait=1`, fs.readFileSync(path.join(FIXTURES, 'long.csv')), 'long.csv');
    expect(r.statusCode, r.body).toBe(200);
    // G017 has no 语文 row: absent by omission.
    expect(r.json().result).toMatchObject({ format: 'csv', encoding: 'utf-8', layout: ['long'], students: 18, replaced: 18, marks: { absent: 1, blank: 0, voided: 1, exempt: 1, missing: 1 } });
    const { report } = (await bureau.get(`/api/exams/${examId}/report`)).json();
    close(report.district.stats['总分'].mean, 236.17857142857142);
    expect(report.bottom.threshold).toBeCloseTo(198, 10);
    expect(await auditCount()).toBe(n + 1);
    const audit = (await bureau.get('/api/audit?pageSize=1&entity=exam&action=import')).json().rows[0];
    expect(audit).toMatchObject({ username: 'analyst', entityKey: String(examId), oldValue: { students: 18 }, newValue: { students: 18, schools: 3, sourceFile: 'long.csv' } });
  });

  it('a GBK CSV (title row, 语文(120分), full-width digits) gives the same numbers', async () => {
    const exam = await createExam(bureau, '期末 GBK');
    const r = await upload(bureau, `/api/exams/${exam.id}/import?wait=1`, fs.readFileSync(path.join(FIXTURES, 'wide-gbk.csv')), 'wide-gbk.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().result).toMatchObject({ encoding: 'gbk', layout: ['wide'], students: 18 });
    const { report } = (await bureau.get(`/api/exams/${exam.id}/report`)).json();
    close(report.district.stats['数学'].mean, 81.08333333333333);
    close(report.district.stats['总分'].sd, 57.90374005403189);
    const g13 = (await bureau.get(`/api/exams/${exam.id}/students/G013`)).json();
    expect(g13.subjects[1].score).toBe(101);
    expect(g13.student.gender).toBe('男');
  });

  it('settings: cut lines and 后x% → re-analysis from the stored results; audited', async () => {
    const imported = (await bureau.get(`/api/exams/${examId}/report`)).json().report;
    const n = await auditCount();
    const r = await bureau.put(`/api/exams/${examId}`, { excellent: '0.8', bottomPercentile: 50, subjects: [{ subject: '英语', fullMarks: 100, pass: '0.7' }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().exam.subjects[2]).toMatchObject({ subject: '英语', excellent: '0.8', pass: '0.7', low: '0.4', custom: true });
    const { report, settings } = (await bureau.get(`/api/exams/${examId}/report`)).json();
    expect(settings.bottomPercentile).toBe(50);
    close(report.district.stats['语文'].excellent_rate, 5 / 16); // ≥ 96
    close(report.district.stats['英语'].pass_rate, 9 / 16); // ≥ 70: 88 92 70 95 85 80 75 77 86 (G005's 70 counts)
    expect(report.bottom.percentile).toBe(50);
    expect(report.bottom.threshold).toBeCloseTo(237.75, 10);
    expect(await auditCount()).toBe(n + 3); // excellent, bottomPercentile, 英语.pass
    // ranks did not move
    expect((await bureau.get(`/api/exams/${examId}/students/G001`)).json().total.rankDistrict).toBe(4);
    // Back to the first settings: the report from the database equals the one computed from the file.
    expect((await bureau.put(`/api/exams/${examId}`, { excellent: '0.85', bottomPercentile: 30, subjects: [{ subject: '英语', fullMarks: 100, pass: null }] })).statusCode).toBe(200);
    expect((await bureau.get(`/api/exams/${examId}/report`)).json().report).toEqual(imported);
    expect((await bureau.put(`/api/exams/${examId}`, { excellent: '0.8', bottomPercentile: 50, subjects: [{ subject: '英语', fullMarks: 100, pass: '0.7' }] })).statusCode).toBe(200);
    // full marks below a stored score are refused
    expect((await bureau.put(`/api/exams/${examId}`, { subjects: [{ subject: '数学', fullMarks: 100 }] })).statusCode).toBe(409);
    expect((await (await signIn(t.app, 'inspector')).put(`/api/exams/${examId}`, { excellent: '0.9' })).statusCode).toBe(403);
  });

  it('the job endpoint: 202 {jobId}, then progress until done; other districts see nothing', async () => {
    const exam = await createExam(bureau, '期末 job');
    const r = await upload(bureau, `/api/exams/${exam.id}/import`, await wideXlsx(), 'job.xlsx');
    expect(r.statusCode).toBe(202);
    const { jobId } = r.json();
    let job;
    for (let k = 0; k < 200; k++) {
      job = (await bureau.get(`/api/jobs/${jobId}`)).json().job;
      expect(['queued', 'reading', 'checking', 'analysing', 'writing', 'done']).toContain(job.phase);
      if (job.phase === 'done') break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(job).toMatchObject({ id: jobId, kind: 'exam-import', phase: 'done', subject: { examId: exam.id, fileName: 'job.xlsx' }, result: { students: 18 }, error: null });
    expect(job.done).toBe(job.total);
    expect(job.finishedAt).not.toBeNull();
    // A failed job keeps its problems.
    const bad = await upload(bureau, `/api/exams/${exam.id}/import`, Buffer.from('学籍号,学校代码,语文,数学,英语\nX1,0000000000,1,2,3\n'), 'bad.csv');
    let failed;
    for (let k = 0; k < 200; k++) {
      failed = (await bureau.get(`/api/jobs/${bad.json().jobId}`)).json().job;
      if (failed.phase === 'failed') break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(failed).toMatchObject({ phase: 'failed', error: { status: 422 }, problems: [expect.objectContaining({ row: 2, column: 'B', file: 'bad.csv' })] });
    // Another district's bureau cannot see it.
    await ensureDistrict(t.database.db, '990002', '别的县');
    await createAuthService(t.database.db).createUser({ districtId: '990002', username: 'setup' }, { username: 'other', displayName: '别县', role: 'analyst', password: PASSWORD });
    const other = await signIn(t.app, 'other');
    expect((await other.get(`/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/exams/${exam.id}/report`)).statusCode).toBe(404);
    expect((await other.get('/api/exams')).json().exams).toEqual([]);
  });

  it('the import reports its phases in order', async () => {
    const exam = await createExam(bureau, '期末 phases');
    const phases: string[] = [];
    const admin = { districtId: '990001', districtName: '测试县', username: 'admin', displayName: 'a', role: 'admin' as const, schoolCode: null, mustChangePassword: false, assignedSchools: [] };
    await t.app.services.exams.importFile(admin, exam.id, 'p.xlsx', await wideXlsx(), (phase) => {
      if (phases[phases.length - 1] !== phase) phases.push(phase);
    });
    expect(phases).toEqual(['reading', 'checking', 'analysing', 'writing']);
  });

  it('compares with an earlier exam: mean rank and percentile change per school, linked by 学籍号', async () => {
    const earlier = await createExam(bureau, '期中', { date: '2024-11-10' });
    // 总分 300, 290, …, 220 for G001–G009: district ranks 1–9 (N = 9).
    const rows = ['学籍号,姓名,学校代码,班级,语文,数学,英语', ...STUDENTS.slice(0, 9).map((s, i) => `${s[0]},${s[1]},${s[3]},${s[4]},100,100,${100 - 10 * i}`)];
    expect((await upload(bureau, `/api/exams/${earlier.id}/import?wait=1`, Buffer.from(rows.join('\n')), '期中.csv')).statusCode).toBe(200);
    const r = (await bureau.get(`/api/exams/${examId}/compare?with=${earlier.id}`)).json();
    // Later ranks (N = 14): G001 4, G002 2, G003 8, G004 11, G006 1 | G007 13, G008 11, G009 14; G005 has no 总分 now.
    const P = (r: number, n: number) => (100 * (n - r + 1)) / n;
    const a = [
      [1, 4],
      [2, 2],
      [3, 8],
      [4, 11],
      [6, 1],
    ];
    const b = [
      [7, 13],
      [8, 11],
      [9, 14],
    ];
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(r).toMatchObject({ linked: 8, onlyLater: 9, with: { id: earlier.id } });
    const sa = r.schools.find((s: { schoolCode: string }) => s.schoolCode === A);
    const sb = r.schools.find((s: { schoolCode: string }) => s.schoolCode === B);
    expect(sa.n).toBe(5);
    close(sa.rankChange, mean(a.map(([e, l]) => e - l)));
    close(sa.percentileChange, mean(a.map(([e, l]) => P(l, 14) - P(e, 9))));
    close(sb.rankChange, -14 / 3);
    close(sb.percentileChange, mean(b.map(([e, l]) => P(l, 14) - P(e, 9))));
    expect(r.schools.find((s: { schoolCode: string }) => s.schoolCode === C)).toMatchObject({ n: 0, rankChange: null });
    const clerk = await signIn(t.app, 'clerkB');
    expect((await clerk.get(`/api/exams/${examId}/compare?with=${earlier.id}`)).json().schools.map((s: { schoolCode: string }) => s.schoolCode)).toEqual([B]);
  });

  it('exports the workbook: summary, schools, 后x%, and a school’s students', async () => {
    const r = await bureau.get(`/api/exams/${examId}/export.xlsx?school=${A}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['区县汇总', '学校', '后50%', `学生-${A}`]);
    const sum = wb.getWorksheet('区县汇总')!;
    expect(sum.getRow(2).values).toEqual(expect.arrayContaining(['语文', 120, 16]));
    expect(sum.getRow(5).getCell(1).value).toBe('总分');
    expect(sum.getRow(5).getCell(4).value).toBeCloseTo(236.17857142857142, 10);
    const schools = wb.getWorksheet('学校')!;
    expect(schools.getRow(3).getCell(1).value).toBe(A);
    expect(schools.getRow(3).getCell(2).value).toBe('测试第一小学');
    expect(schools.getRow(3).getCell(5).value).toBeCloseTo(265.5, 10);
    const students = wb.getWorksheet(`学生-${A}`)!;
    expect(students.getRow(1).values).toEqual(expect.arrayContaining(['学籍号', '姓名', '班级', '语文', '总分', '全县排名']));
    expect(students.getRow(2).getCell(1).value).toBe('G006');
    const g5 = students.getRows(2, 6)!.find((row) => row.getCell(1).value === 'G005')!;
    expect(g5.getCell(4).value).toBe('缺考');
    // An inspector's export of the district has no student sheet; a clerk's is their own school.
    const insp = await signIn(t.app, 'inspector');
    const wi = new ExcelJS.Workbook();
    await wi.xlsx.load((await insp.get(`/api/exams/${examId}/export.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(wi.worksheets.map((w) => w.name)).toEqual(['区县汇总', '学校', '后50%']);
    const clerk = await signIn(t.app, 'clerkB');
    expect((await clerk.get(`/api/exams/${examId}/export.xlsx?school=${A}`)).statusCode).toBe(403);
    const wc = new ExcelJS.Workbook();
    await wc.xlsx.load((await clerk.get(`/api/exams/${examId}/export.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(wc.getWorksheet('学校')!.rowCount).toBe(3); // header, district, own school
    expect(wc.worksheets.map((w) => w.name)).toContain(`学生-${B}`);
  });

  it('deletes an exam (admin only), with an audit row', async () => {
    const exam = await createExam(bureau, '待删除');
    expect((await bureau.raw('DELETE', `/api/exams/${exam.id}`)).statusCode).toBe(403);
    const admin = await signIn(t.app, 'admin');
    const n = await auditCount();
    expect((await admin.raw('DELETE', `/api/exams/${exam.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/exams/${exam.id}`)).statusCode).toBe(404);
    expect(await auditCount()).toBe(n + 1);
  });
});
