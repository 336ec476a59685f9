// Upload of the statistics workbook: every bad cell named, all or nothing, idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { SCHOOL_A, SCHOOL_B, SCHOOL_C, sampleRecord, signIn, testApp } from '../helpers.js';
import { buildStatsWorkbook } from '../../src/registry/excel.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

type Client = Awaited<ReturnType<typeof signIn>>;
function upload(c: Client, buf: Buffer, name = '统计.xlsx', year = 2024) {
  const boundary = '----jhtest' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.raw('POST', `/api/import?year=${year}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}
const auditTotal = async (c: Client) => (await c.get('/api/audit?pageSize=1')).json().total as number;
const schoolsAB = [SCHOOL_A, SCHOOL_B].map((s) => ({ code: s.code, name: s.name, level: s.level }));

describe('statistics upload', () => {
  it('imports a filled workbook, and re-uploading the same file changes nothing', async () => {
    const bureau = await signIn(t.app, 'analyst');
    const buf = await buildStatsWorkbook({
      year: 2024,
      schools: schoolsAB,
      data: new Map([
        [SCHOOL_A.code, sampleRecord()],
        [SCHOOL_B.code, sampleRecord()],
      ]),
    });
    const first = await upload(bureau, buf);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ ok: true, schools: 2, changedSchools: 2, changedFields: 60, unchanged: false }); // 2 × (25 + 2 + 3)
    const rec = (await bureau.get(`/api/schools/${SCHOOL_A.code}/stats/2024`)).json().record;
    expect(rec.values.teachingAuxAreaM2).toBe(900.5);
    expect(rec.classes).toEqual(sampleRecord().classes);
    const n = await auditTotal(bureau);
    const again = await upload(bureau, buf);
    expect(again.json()).toMatchObject({ ok: true, changedFields: 0, unchanged: true });
    expect(await auditTotal(bureau)).toBe(n);
  });

  it('names every bad cell and saves nothing', async () => {
    const bureau = await signIn(t.app, 'analyst');
    const good = sampleRecord();
    const buf = await buildStatsWorkbook({
      year: 2024,
      schools: [...schoolsAB, { code: SCHOOL_C.code, name: SCHOOL_C.name, level: SCHOOL_C.level }],
      data: new Map([
        [
          SCHOOL_C.code,
          {
            ...good,
            enrolments: [{ grade: 7, students: 90 }],
            classes: [
              { grade: 7, classNo: 1, size: 45 },
              { grade: 7, classNo: 2, size: 45 },
            ],
          },
        ],
      ]),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const teachers = wb.getWorksheet('教师')!;
    const headers = Array.from(teachers.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (prefix: string) => headers.findIndex((h) => h.startsWith(prefix));
    // Row 4 is school C (rows 2, 3, 4 = A, B, C). Column letters from 1-based indexes.
    teachers.getRow(4).getCell(col('专任教师数')).value = -3;
    teachers.getRow(4).getCell(col('体育专任教师数')).value = 'abc';
    teachers.getRow(5).values = ['9999999999', '不存在的学校'];
    const before = (await bureau.get(`/api/schools/${SCHOOL_C.code}/stats`)).json().records;
    const n = await auditTotal(bureau);
    const r = await upload(bureau, Buffer.from(await wb.xlsx.writeBuffer()), '坏文件.xlsx');
    expect(r.statusCode).toBe(422);
    const problems = r.json().problems as { file: string; sheet: string; row: number; column: string; reason: string }[];
    const letter = (i: number) => String.fromCharCode(64 + i);
    const at = problems.map((p) => `${p.sheet}!${p.column}${p.row}`);
    expect(at).toContain(`教师!${letter(col('专任教师数'))}4`);
    expect(at).toContain(`教师!${letter(col('体育专任教师数'))}4`);
    expect(at).toContain('教师!A5');
    expect(problems.every((p) => p.file === '坏文件.xlsx')).toBe(true);
    expect(problems.find((p) => p.row === 5)!.reason).toContain('9999999999');
    expect((await bureau.get(`/api/schools/${SCHOOL_C.code}/stats`)).json().records).toEqual(before);
    expect(await auditTotal(bureau)).toBe(n);
  });

  it("refuses a clerk's file that carries another school, and locked (approved) data", async () => {
    const clerk = await signIn(t.app, 'clerkA');
    const bureau = await signIn(t.app, 'analyst');
    const both = await buildStatsWorkbook({
      year: 2024,
      schools: schoolsAB,
      data: new Map([
        [SCHOOL_A.code, sampleRecord()],
        [SCHOOL_B.code, sampleRecord()],
      ]),
    });
    const r = await upload(clerk, both);
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json().problems)).toContain(SCHOOL_B.code);
    // Lock B, then the bureau's upload that would change B fails as a whole.
    await bureau.post(`/api/schools/${SCHOOL_B.code}/stats/2024/submit`);
    await bureau.post(`/api/schools/${SCHOOL_B.code}/stats/2024/approve`);
    const changed = sampleRecord();
    changed.values.books = 7000;
    const buf = await buildStatsWorkbook({
      year: 2024,
      schools: schoolsAB,
      data: new Map([
        [SCHOOL_A.code, changed],
        [SCHOOL_B.code, changed],
      ]),
    });
    const locked = await upload(bureau, buf);
    expect(locked.statusCode).toBe(422);
    expect(JSON.stringify(locked.json().problems)).toMatch(/已审核|approved/);
    // The problem names the school (code and name) and where its rows start, not "row 0".
    const p = locked.json().problems[0];
    expect(p.reason).toContain(`学校 ${SCHOOL_B.code}（${SCHOOL_B.name}）`);
    expect(p.sheet).toBe('教师');
    expect(p.row).toBe(3);
    expect((await bureau.get(`/api/schools/${SCHOOL_A.code}/stats/2024`)).json().record.values.books).toBe(6000);
  });

  it('answers a non-xlsx file with a clear problem', async () => {
    const bureau = await signIn(t.app, 'analyst');
    const r = await upload(bureau, Buffer.from('学校标识码,学生数\n1,2\n'), 'data.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json().problems[0].reason).toMatch(/xlsx/);
  });

  it('the template for a school is prefilled with its code and name', async () => {
    const clerk = await signIn(t.app, 'clerkA');
    const r = await clerk.get('/api/template?year=2024');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['说明', '教师', '校舍与装备', '年级学生', '班级']));
    expect(String(wb.getWorksheet('教师')!.getRow(2).getCell(1).value)).toBe(SCHOOL_A.code);
    expect(wb.getWorksheet('教师')!.getRow(3).getCell(1).value).toBeNull();
  });
});
