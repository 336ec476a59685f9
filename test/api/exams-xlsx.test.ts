// Larger .xlsx uploads: Chinese text must survive exceljs' streaming reader, which decodes each 16 KiB chunk on its
// own (a character split across chunks became U+FFFD: garbled names, 缺考 read as "not a number"). Both kinds of
// workbook: shared strings (Excel, exceljs' default) and inline strings (exceljs' streaming writer, other tools).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { A, B, C, SUBJECTS } from '../fixtures/exams/data.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟';
const GIVEN = '子涵浩宇欣怡梓轩雨泽一诺思彤俊杰佳琪晨阳若曦博文诗雨明轩可馨天佑语嫣志强婉清嘉怡睿哲紫萱奕辰梦瑶皓然静怡';
const N = 6000;
const rows = Array.from({ length: N }, (_, i) => {
  const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length] + (i % 3 ? '' : GIVEN[(i * 5) % GIVEN.length]);
  const school = [A, B, C][i % 3];
  const mark = i % 97 === 0 ? '缺考' : i % 89 === 0 ? '免考' : null;
  return [`S${String(100000 + i)}`, name, i % 2 ? '男' : '女', school, `${1 + (i % 8)}班`, mark ?? (i * 7) % 121, (i * 11) % 121, (i * 13) % 101];
});
const HEADER = ['学籍号', '姓名', '性别', '学校代码', '班级', '语文', '数学', '英语'];

async function sharedStrings(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function inlineStrings(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('成绩');
  ws.addRow(HEADER).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

function upload(c: Awaited<ReturnType<typeof signIn>>, url: string, buf: Buffer, name: string) {
  const boundary = '----jhx' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return c.raw('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describe('larger .xlsx files keep their Chinese text', () => {
  for (const [kind, build] of [
    ['shared strings', sharedStrings],
    ['inline strings', inlineStrings],
  ] as const) {
    it(kind, async () => {
      const bureau = await signIn(t.app, 'analyst');
      const exam = (await bureau.post('/api/exams', { name: `大文件 ${kind}`, grade: 9, type: '联考', subjects: SUBJECTS })).json().exam;
      const r = await upload(bureau, `/api/exams/${exam.id}/import?wait=1`, await build(), `${kind}.xlsx`);
      expect(r.statusCode, r.body.slice(0, 2000)).toBe(200);
      const absent = rows.filter((x) => x[5] === '缺考').length;
      const exempt = rows.filter((x) => x[5] === '免考').length;
      expect(r.json().result).toMatchObject({ students: N, schools: 3, marks: { absent, exempt } });
      const want = new Map(rows.map((x) => [x[0], x[1]]));
      let checked = 0;
      for (const code of [A, B, C]) {
        const list = (await bureau.get(`/api/exams/${exam.id}/schools/${code}/students`)).json().students as { studentId: string; name: string }[];
        for (const s of list) {
          expect(s.name, s.studentId).toBe(want.get(s.studentId));
          checked++;
        }
      }
      expect(checked).toBe(N);
    });
  }
});
