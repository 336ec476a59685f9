// The exam report as PDF (GET /api/exams/:id/report.pdf[?school=]): the small exam of exams.test.ts imported as
// .xlsx, then the district and a school report through Chromium (skipped without it), the permissions, and the
// escaping of the HTML.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, SCHOOL_A, SCHOOL_B } from '../helpers.js';
import { STUDENTS, SUBJECTS } from '../fixtures/exams/data.js';
import { closePdfRenderer } from '../../src/core/pdf.js';
import { examReportHtml } from '../../src/exams/report-html.js';

const hasChromium = fs.existsSync('/usr/bin/chromium');
const EXAM = '2024学年九年级期末<测试>';
let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let bureau: Client;
let examId: number;

function upload(c: Client, url: string, buf: Buffer, name: string) {
  const boundary = '----jhexam' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.raw('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

async function wideXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow(['学籍号', '姓名', '性别', '学校代码', '班级', '语文', '数学', '英语']);
  for (const s of STUDENTS) ws.addRow(s);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function pdfText(buf: Buffer): string | null {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jh-exam-pdf-')), 'r.pdf');
  fs.writeFileSync(file, buf);
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } catch {
    return null; // no pdftotext: the header checks have to do
  }
}

beforeAll(async () => {
  t = await testApp();
  bureau = await signIn(t.app, 'analyst');
  const r = await bureau.post('/api/exams', { name: EXAM, date: '2025-01-15', grade: 9, type: '期末', subjects: SUBJECTS });
  expect(r.statusCode, r.body).toBe(201);
  examId = r.json().exam.id;
  const imp = await upload(bureau, `/api/exams/${examId}/import?wait=1`, await wideXlsx(), '期末成绩.xlsx');
  expect(imp.statusCode, imp.body).toBe(200);
});
afterAll(async () => {
  await closePdfRenderer();
  await t.close();
});

describe('exam report PDF', () => {
  it('checks permissions and the school before rendering', async () => {
    const clerk = await signIn(t.app, 'clerkA');
    expect((await clerk.get(`/api/exams/${examId}/report.pdf?school=${SCHOOL_B.code}`)).statusCode).toBe(403);
    expect((await bureau.get(`/api/exams/${examId}/report.pdf?school=9999999999`)).statusCode).toBe(404);
    expect((await bureau.get(`/api/exams/999999/report.pdf`)).statusCode).toBe(404);
  });

  it('escapes the text of the data in the HTML', async () => {
    const { exam, report } = (await bureau.get(`/api/exams/${examId}/report`)).json();
    const names = new Map([[SCHOOL_A.code, '<script>alert(1)</script>']]);
    const html = examReportHtml(exam, report, { districtName: '县&"', schoolNames: names });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('2024学年九年级期末&lt;测试&gt;');
    expect(html).toContain('县&amp;&quot;');
    expect(html).toContain('<svg'); // the histogram
    const one = examReportHtml(exam, report, { districtName: '测试县', schoolNames: names, school: SCHOOL_A.code });
    expect(one).toContain('各科与全县对比');
    expect(one).toContain('1班');
  });

  it.skipIf(!hasChromium)('renders the district report', async () => {
    const r = await bureau.get(`/api/exams/${examId}/report.pdf`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(r.rawPayload);
    if (text === null) return;
    expect(text).toContain(EXAM);
    expect(text).toContain(SCHOOL_A.name);
    expect(text).toContain(SCHOOL_B.name);
    expect(text).toContain('差异系数');
    expect(text).toContain('三率一分');
  });

  it.skipIf(!hasChromium)("renders a school's report for its clerk", async () => {
    const clerk = await signIn(t.app, 'clerkA');
    const r = await clerk.get(`/api/exams/${examId}/report.pdf?school=${SCHOOL_A.code}`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(r.rawPayload);
    if (text === null) return;
    expect(text).toContain(EXAM);
    expect(text).toContain(SCHOOL_A.name);
    expect(text).not.toContain(SCHOOL_B.name);
    expect(text).toContain('差异系数');
    expect(text).toContain('各科与全县对比');
  });
});
