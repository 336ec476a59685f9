// Small cells and ranks in the exam reports (issue 10, items 5, 14 and 15), through the HTTP API, per role.
// The exam: one subject, 语文 (100), 30 students —
//   school A: 1班 11 students 60, 62, …, 80 (sum 770, mean 70), 2班 one student 95 → A n = 12, mean 865/12 = 72.0833…
//   school B: 1班 3 students 50, 55, 90 → n = 3, mean 65, min 50, max 90
//   school C: 1班 15 students 70, 71, …, 84 → n = 15, mean 77
//   district: n = 30, sum 770 + 95 + 195 + 1155 = 2215, mean 73.8333…
// The minimum published cell is 10 (src/exams/privacy.json). Expected per role (worked out by hand from the rule):
//   viewer (no pupil rights anywhere): schools — B (3) withheld, and, B being the only one, the next-smallest A (12)
//     withheld too; C published (77). Classes — A: 2班 (1) withheld and its only sibling 1班 (11) too; B 1班 (3).
//   inspector (pupil rights at B only): B published (65, min 50, max 90); A and C ≥ 10 published; A's classes withheld.
//   clerk A: A and its classes published (2班 = 95, min = max = 95); the district published (30 ≥ 10).
//   analyst: everything published.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, SCHOOL_A, SCHOOL_B, SCHOOL_C } from '../helpers.js';
import { closePdfRenderer } from '../../src/core/pdf.js';
import { examReportHtml } from '../../src/exams/report-html.js';

const A = SCHOOL_A.code;
const B = SCHOOL_B.code;
const C = SCHOOL_C.code;
const rows: [string, string, string, number][] = [
  ...Array.from({ length: 11 }, (_, i): [string, string, string, number] => [`A1${String(i).padStart(2, '0')}`, A, '1班', 60 + 2 * i]),
  ['A200', A, '2班', 95],
  ['B100', B, '1班', 50],
  ['B101', B, '1班', 55],
  ['B102', B, '1班', 90],
  ...Array.from({ length: 15 }, (_, i): [string, string, string, number] => [`C1${String(i).padStart(2, '0')}`, C, '1班', 70 + i]),
];
const csv = () => ['学籍号,姓名,学校代码,班级,语文', ...rows.map(([id, school, klass, score]) => `${id},学生${id},${school},${klass},${score}`)].join('\n');

let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let analyst: Client;
let examId: number;
const hasChromium = fs.existsSync('/usr/bin/chromium');

beforeAll(async () => {
  t = await testApp();
  analyst = await signIn(t.app, 'analyst');
  const r = await analyst.post('/api/exams', { name: '小样本考试', date: '2025-01-15', grade: 9, type: '期末', subjects: [{ subject: '语文', fullMarks: 100 }] });
  expect(r.statusCode, r.body).toBe(201);
  examId = r.json().exam.id;
  const imp = await analyst.upload(`/api/exams/${examId}/import?wait=1`, csv(), '成绩.csv');
  expect(imp.statusCode, imp.body).toBe(200);
});
afterAll(async () => {
  await closePdfRenderer();
  await t.close();
});

type Stats = { n: number; mean: number | null; min: number | null; max: number | null; suppressed?: boolean };
type Group = { n: number; stats: Record<string, Stats>; school?: string; class?: string };
async function report(c: Client) {
  const r = await c.get(`/api/exams/${examId}/report`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().report as { district: Group; schools: (Group & { school: string })[]; classes: (Group & { school: string; class: string })[]; minCellSize?: number };
}
const school = (r: Awaited<ReturnType<typeof report>>, code: string) => r.schools.find((s) => s.school === code)!.stats['语文'];
const klass = (r: Awaited<ReturnType<typeof report>>, code: string, name: string) => r.classes.find((c) => c.school === code && c.class === name)!.stats['语文'];

describe('small cells (< 10 students) are withheld from callers without pupil-level rights', () => {
  it('viewer: B withheld, A withheld as its complement, C published; small classes withheld', async () => {
    const r = await report(await signIn(t.app, 'viewer'));
    expect(r.minCellSize).toBe(10);
    expect(school(r, B)).toMatchObject({ n: 3, mean: null, min: null, max: null, suppressed: true });
    expect(school(r, A)).toMatchObject({ n: 12, mean: null, suppressed: true });
    expect(school(r, C).suppressed).toBeUndefined();
    expect(school(r, C).mean).toBeCloseTo(77, 10);
    expect(klass(r, A, '2班')).toMatchObject({ n: 1, mean: null, min: null, max: null, suppressed: true });
    expect(klass(r, A, '1班')).toMatchObject({ n: 11, mean: null, suppressed: true });
    expect(klass(r, B, '1班')).toMatchObject({ n: 3, mean: null, suppressed: true });
    expect(klass(r, C, '1班').mean).toBeCloseTo(77, 10);
    expect(r.district.stats['语文'].mean).toBeCloseTo(2215 / 30, 10);
  });

  it('inspector (assigned B): B in full, A’s small classes withheld', async () => {
    const r = await report(await signIn(t.app, 'inspector'));
    expect(school(r, B)).toMatchObject({ n: 3, mean: 65, min: 50, max: 90 });
    expect(school(r, B).suppressed).toBeUndefined();
    expect(school(r, A).mean).toBeCloseTo(865 / 12, 10);
    expect(klass(r, A, '2班')).toMatchObject({ mean: null, suppressed: true });
    expect(klass(r, A, '1班')).toMatchObject({ mean: null, suppressed: true });
  });

  it('clerk A: the own school and its one-pupil class in full', async () => {
    const r = await report(await signIn(t.app, 'clerkA'));
    expect(r.schools.map((s) => s.school)).toEqual([A]);
    expect(school(r, A).mean).toBeCloseTo(865 / 12, 10);
    expect(klass(r, A, '2班')).toMatchObject({ n: 1, mean: 95, min: 95, max: 95 });
    expect(r.district.stats['语文'].mean).toBeCloseTo(2215 / 30, 10);
  });

  it('analyst: everything in full', async () => {
    const r = await report(analyst);
    expect(r.minCellSize).toBeUndefined();
    expect(school(r, B)).toMatchObject({ n: 3, mean: 65, min: 50, max: 90 });
    expect(klass(r, A, '2班')).toMatchObject({ mean: 95 });
    expect(r.schools.some((s) => s.stats['语文'].suppressed)).toBe(false);
  });

  it('the viewer’s workbook says 人数过少 instead of the figures; the analyst’s has them', async () => {
    const load = async (c: Client) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await c.get(`/api/exams/${examId}/export.xlsx`)).rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('学校')!;
      const row = (code: string) => ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(1).value === code)!;
      return { row, ws };
    };
    const v = await load(await signIn(t.app, 'viewer'));
    expect(v.row(B).getCell(5).value).toBe('人数过少（< 10）');
    expect(v.row(A).getCell(5).value).toBe('人数过少（< 10）');
    expect(v.row(C).getCell(5).value).toBeCloseTo(77, 10);
    expect(v.row(C).getCell(5).numFmt).toBe('#,##0.0');
    expect(v.ws.getRow(2).getCell(2).value).toBe('全县'); // the test district is 测试县
    const a = await load(analyst);
    expect(a.row(B).getCell(5).value).toBe(65);
  });

  it.skipIf(!hasChromium)('the viewer’s PDF says 人数过少 for B', async () => {
    const r = await (await signIn(t.app, 'viewer')).get(`/api/exams/${examId}/report.pdf`);
    expect(r.statusCode).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jh-privacy-')), 'r.pdf');
    fs.writeFileSync(file, r.rawPayload);
    let text: string;
    try {
      text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    } catch {
      return; // no pdftotext
    }
    expect(text).toContain('人数过少');
    expect(text).not.toContain('65.0'); // B's mean
  });
});

describe('a school named in the report request', () => {
  it('outside the clerk’s scope: 403; a school without results: 404 saying so', async () => {
    const clerkB = await signIn(t.app, 'clerkB');
    expect((await clerkB.get(`/api/exams/${examId}/report?school=${A}`)).statusCode).toBe(403);
    expect((await clerkB.get(`/api/exams/${examId}/report?school=${B}`)).statusCode).toBe(200);
    const none = await analyst.get(`/api/exams/${examId}/report?school=9999999999`);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toContain('本次考试没有该校的成绩');
  });
});

describe('hiding ranks (名次)', () => {
  it('before an import: 409; once on, clerks lose every rank, the bureau and inspectors keep them; a re-import keeps the option', async () => {
    const empty = await analyst.post('/api/exams', { name: '未导入', grade: 9, type: '期末', subjects: [{ subject: '语文', fullMarks: 100 }] });
    expect((await analyst.put(`/api/exams/${empty.json().exam.id}`, { hideRanks: true })).statusCode).toBe(409);
    expect((await analyst.get(`/api/exams/${examId}`)).json().exam.hideRanks).toBe(false); // privacy.json's default
    const clerkA = await signIn(t.app, 'clerkA');
    // Before: A200 (95) is first of the district (the highest score of all 30 students).
    const before = await clerkA.get(`/api/exams/${examId}/students/A200`);
    expect(before.json().total.rankDistrict).toBe(1);
    expect((await clerkA.put(`/api/exams/${examId}`, { hideRanks: true })).statusCode).toBe(403);
    const on = await analyst.put(`/api/exams/${examId}`, { hideRanks: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().exam.hideRanks).toBe(true);
    const card = (await clerkA.get(`/api/exams/${examId}/students/A200`)).json();
    expect(card.total).toMatchObject({ rankDistrict: null, rankSchool: null, rankClass: null, score: 95 });
    expect(card.subjects[0]).toMatchObject({ rankDistrict: null, rankSchool: null, rankClass: null });
    const list = (await clerkA.get(`/api/exams/${examId}/schools/${A}/students`)).json().students as { rankDistrict: number | null }[];
    expect(list.every((s) => s.rankDistrict === null)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await clerkA.get(`/api/exams/${examId}/export.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const head = wb.getWorksheet(`学生-${A}`)!.getRow(1).values as unknown[];
    expect(head).toContain('总分');
    expect(head.filter((h) => typeof h === 'string' && h.includes('排名'))).toEqual([]);
    expect((await analyst.get(`/api/exams/${examId}/students/A200`)).json().total.rankDistrict).toBe(1);
    const insp = (await (await signIn(t.app, 'inspector')).get(`/api/exams/${examId}/students/B102`)).json();
    // B102 (90): above it only A200 (95) → district rank 2; first of B.
    expect(insp.total).toMatchObject({ rankDistrict: 2, rankSchool: 1 });
    // A re-import keeps the option.
    expect((await analyst.upload(`/api/exams/${examId}/import?wait=1`, csv(), '成绩.csv')).statusCode).toBe(200);
    expect((await analyst.get(`/api/exams/${examId}`)).json().exam.hideRanks).toBe(true);
    expect((await clerkA.get(`/api/exams/${examId}/students/A200`)).json().total.rankDistrict).toBeNull();
    const off = await analyst.put(`/api/exams/${examId}`, { hideRanks: false });
    expect(off.json().exam.hideRanks).toBe(false);
    expect((await clerkA.get(`/api/exams/${examId}/students/A200`)).json().total.rankDistrict).toBe(1);
  });
});

describe('comparison with an earlier exam', () => {
  it('only an earlier exam of the same cohort; small groups of linked students withheld from the viewer', async () => {
    const make = async (name: string, date: string, grade: number) => {
      const r = await analyst.post('/api/exams', { name, date, grade, type: '期中', subjects: [{ subject: '语文', fullMarks: 100 }] });
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().exam.id as number;
      expect((await analyst.upload(`/api/exams/${id}/import?wait=1`, csv(), '成绩.csv')).statusCode).toBe(200);
      return id;
    };
    // The exam: grade 9 on 2025-01-15 (school year 2024, cohort 2015).
    const earlier = await make('同届期中', '2024-11-10', 9); // cohort 2015, earlier: allowed
    const later = await make('同届期末', '2025-06-20', 9); // later: refused
    const other = await make('下一届期中', '2024-11-12', 8); // cohort 2016: refused
    for (const id of [later, other]) {
      const r = await analyst.get(`/api/exams/${examId}/compare?with=${id}`);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toContain('同一届');
    }
    const viewer = await signIn(t.app, 'viewer');
    const v = (await viewer.get(`/api/exams/${examId}/compare?with=${earlier}`)).json();
    const by = (code: string) => v.schools.find((s: { schoolCode: string }) => s.schoolCode === code);
    // Linked: A 12, B 3, C 15 — B under 10, A the complement; C in full (the same scores: no change).
    expect(by(B)).toMatchObject({ n: 3, rankChange: null, percentileChange: null, suppressed: true });
    expect(by(A)).toMatchObject({ n: 12, rankChange: null, suppressed: true });
    expect(by(C)).toMatchObject({ n: 15, rankChange: 0, percentileChange: 0 });
    const a = (await analyst.get(`/api/exams/${examId}/compare?with=${earlier}`)).json();
    expect(a.schools.find((s: { schoolCode: string }) => s.schoolCode === B)).toMatchObject({ n: 3, rankChange: 0 });
  });
});

describe('the printable report (HTML of the PDF)', () => {
  it('withheld cells say so, the order of schools goes when ranks are hidden, the district says its own word', async () => {
    const viewer = await signIn(t.app, 'viewer');
    const { exam, report: rep } = (await viewer.get(`/api/exams/${examId}/report`)).json();
    const names = new Map([
      [A, '甲校'],
      [B, '乙校'],
      [C, '丙校'],
    ]);
    const ranked = examReportHtml(exam, rep, { districtName: '某市某某区', schoolNames: names });
    expect(ranked).toContain('<th>序</th>');
    expect(ranked).toContain('人数过少（&lt; 10）');
    expect(ranked).toContain('全区均分');
    expect(ranked).not.toContain('全县');
    const hidden = examReportHtml(exam, rep, { districtName: '青溪县', schoolNames: names, hideRanks: true });
    expect(hidden).not.toContain('<th>序</th>');
    expect(hidden).toContain('全县均分');
    // B's row: its counts, then the withheld text instead of its figures (its mean 65 is nowhere in the row).
    const row = /<tr[^>]*><td>乙校<\/td>.*?<\/tr>/.exec(hidden)![0];
    expect(row).toContain('人数过少');
    expect(row).not.toContain('65.0');
  });
});
