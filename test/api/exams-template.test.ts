// The per-exam score template (GET /api/exams/:id/template.xlsx, issue 10 item 15): its columns are the exam's
// subjects with their full marks, the school code is a drop-down list over a second sheet of the district's schools,
// an instructions sheet; filled with three rows it imports as it is, and an unfilled one is refused with a clear
// message. Expected figures by hand: 语文 90 + 80 + 70 over three students → mean 80.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, SCHOOL_A, SCHOOL_B } from '../helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let analyst: Client;
let examId: number;

beforeAll(async () => {
  t = await testApp();
  analyst = await signIn(t.app, 'analyst');
  const r = await analyst.post('/api/exams', {
    name: '模板考试',
    grade: 8,
    type: '期中',
    subjects: [
      { subject: '语文', fullMarks: 120 },
      { subject: '数学', fullMarks: 100 },
    ],
  });
  expect(r.statusCode, r.body).toBe(201);
  examId = r.json().exam.id;
});
afterAll(async () => t.close());

async function template(c: Client) {
  const r = await c.get(`/api/exams/${examId}/template.xlsx`);
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toMatch(/spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  return wb;
}

describe('score template', () => {
  it('has the subjects with full marks, a school list and instructions; only the bureau downloads it', async () => {
    const wb = await template(analyst);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['成绩', '学校', '填写说明']);
    expect((wb.getWorksheet('成绩')!.getRow(1).values as unknown[]).slice(1)).toEqual(['学籍号', '姓名', '性别', '学校代码', '班级', '语文（满分120）', '数学（满分100）']);
    const schools = wb.getWorksheet('学校')!;
    const codes = schools.getColumn(1).values.slice(2);
    expect(codes).toEqual(expect.arrayContaining([SCHOOL_A.code, SCHOOL_B.code]));
    const dv = wb.getWorksheet('成绩')!.getCell('D2').dataValidation;
    expect(dv).toMatchObject({ type: 'list', formulae: [`学校!$A$2:$A$${codes.length + 1}`] });
    expect(String(wb.getWorksheet('填写说明')!.getCell('A1').value)).toContain('模板考试');
    expect((await (await signIn(t.app, 'clerkA')).get(`/api/exams/${examId}/template.xlsx`)).statusCode).toBe(403);
  });

  it('an unfilled template is refused with a clear message', async () => {
    const wb = await template(analyst);
    const r = await analyst.upload(`/api/exams/${examId}/import?wait=1`, Buffer.from(await wb.xlsx.writeBuffer()), '模板.xlsx');
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json())).toContain('没有学生成绩');
  });

  it('filled with three rows it imports as it is', async () => {
    const wb = await template(analyst);
    const ws = wb.getWorksheet('成绩')!;
    ws.getRow(2).values = ['T001', '张三', '男', SCHOOL_A.code, '1班', 90, 80];
    ws.getRow(3).values = ['T002', '李四', '女', SCHOOL_A.code, '1班', 80, '缺考'];
    ws.getRow(4).values = ['T003', '王五', '女', SCHOOL_B.code, '2班', 70, 60];
    const r = await analyst.upload(`/api/exams/${examId}/import?wait=1`, Buffer.from(await wb.xlsx.writeBuffer()), '模板.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().result).toMatchObject({ students: 3, schools: 2, classes: 2 });
    const rep = (await analyst.get(`/api/exams/${examId}/report`)).json().report;
    expect(rep.district.stats['语文']).toMatchObject({ n: 3, mean: 80 });
    expect(rep.district.stats['数学']).toMatchObject({ n: 2, mean: 70 }); // (80 + 60) / 2; 李四 缺考
  });
});
