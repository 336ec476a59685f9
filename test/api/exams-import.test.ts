// The exam file reader on its own (no database): layouts, header aliases, cells, and the problems it names.
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseExamFile } from '../../src/exams/import/exam-file.js';
import { xlsxInReadingOrder } from '../../src/exams/import/xlsx.js';
import { MARK_ABSENT, MARK_EXEMPT, MARK_NORMAL, MARK_VOIDED } from '../../src/exams/schema.js';

const SCHOOLS = new Map([
  ['2133000001', '测试第一小学'],
  ['2133000002', '测试第二小学'],
]);
const ctx = (
  subjects: [string, number][] = [
    ['语文', 120],
    ['数学', 120],
    ['道德与法治', 100],
  ],
) => ({ subjects: subjects.map(([name, full]) => ({ name, full })), schools: SCHOOLS });
const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');
const reasons = (r: Awaited<ReturnType<typeof parseExamFile>>) => r.problems.list().map((p) => `${p.sheet}!${p.column}${p.row} ${p.reason}`);

describe('exam file reader', () => {
  it('wide: aliases (考号, 学校名称, 语文成绩, 数学(120分), 道法), ignored columns, marks, full-width and half points', async () => {
    const r = await parseExamFile(
      csv([
        '序号,考号,姓名,性别,学校名称,班级,语文成绩,数学(120分),道法,总分,备注',
        '1,A01,甲,男,测试第一小学,1班,９８．５,110,缺考,,',
        '2,A02,乙,女,2133000002,2班,,作弊,免考,,',
        '3,A03,丙,F,测试第二小学,2班, 60 ,0,100,260,',
      ]),
      'w.csv',
      ctx(),
    );
    expect(reasons(r)).toEqual([]);
    const d = r.data!;
    expect(d.studentIds).toEqual(['A01', 'A02', 'A03']);
    expect(d.names).toEqual(['甲', '乙', '丙']);
    expect(Array.from(d.gender)).toEqual([1, 2, 2]);
    expect(d.schoolCodes).toEqual(['2133000001', '2133000002']);
    expect(Array.from(d.school)).toEqual([0, 1, 1]);
    expect(d.classes).toEqual([
      { school: 0, name: '1班' },
      { school: 1, name: '2班' },
    ]);
    expect(Array.from(d.scores[0])).toEqual([98.5, NaN, 60]);
    expect(Array.from(d.scores[1])).toEqual([110, NaN, 0]);
    expect(Array.from(d.marks[0])).toEqual([MARK_NORMAL, MARK_ABSENT, MARK_NORMAL]);
    expect(Array.from(d.marks[1])).toEqual([MARK_NORMAL, MARK_VOIDED, MARK_NORMAL]);
    expect(Array.from(d.marks[2])).toEqual([MARK_ABSENT, MARK_EXEMPT, MARK_NORMAL]);
    expect(d.counts).toEqual({ absent: 1, blank: 1, voided: 1, exempt: 1, missing: 0 });
  });

  it('wide: every bad cell named by row and column, with the header', async () => {
    const r = await parseExamFile(
      csv(['学籍号,姓名,学校代码,班级,语文,数学,道德与法治', 'A1,甲,2133000001,1,121,60,50', 'A1,乙,2133000001,1,90,-1,50', ',丙,2133000009,1,90,6O,50', 'A4,丁,,1,90,90,"5""0"']),
      'bad.csv',
      ctx(),
    );
    expect(r.data).toBeNull();
    const list = r.problems.list();
    expect(list.map((p) => `${p.column}${p.row} ${p.header}`)).toEqual(['E2 语文', 'A3 学籍号', 'F3 数学', 'A4 学籍号', 'F4 数学', 'C5 学校代码', 'G5 道德与法治', 'C4 学校代码']);
    expect(list[0].reason).toMatch(/121.*满分 120/);
    expect(list[1].reason).toMatch(/A1.*第 2 行/);
    expect(list[2].reason).toMatch(/负/);
    expect(list[4].reason).toMatch(/6O/);
    expect(list[7].reason).toMatch(/2133000009/);
    expect(list.every((p) => p.file === 'bad.csv' && p.sheet === '')).toBe(true);
  });

  it('long: students gathered over rows; unknown subject, duplicate student × subject, another school; 总分 rows ignored', async () => {
    const r = await parseExamFile(
      csv([
        '学籍号,姓名,学校,班级,科目,成绩',
        'A1,甲,2133000001,1班,语文,90',
        'A1,甲,2133000001,1班,数学,100',
        'A2,乙,2133000002,1班,语文,缺考',
        'A1,甲,2133000001,1班,总分,190',
        'A1,甲,2133000001,1班,道法,88',
      ]),
      'l.csv',
      ctx(),
    );
    expect(reasons(r)).toEqual([]);
    const d = r.data!;
    expect(d.layouts).toEqual(['long']);
    expect(d.studentIds).toEqual(['A1', 'A2']);
    expect(Array.from(d.scores[2])).toEqual([88, NaN]);
    expect(Array.from(d.marks[1])).toEqual([MARK_NORMAL, MARK_ABSENT]); // A2 has no 数学 row
    expect(d.counts).toMatchObject({ absent: 1, missing: 2 });
    const bad = await parseExamFile(
      csv(['学籍号,姓名,学校,班级,科目,成绩', 'A1,甲,2133000001,1班,语文,90', 'A1,甲,2133000001,1班,物理,90', 'A1,甲,2133000001,1班,语文,91', 'A1,甲,2133000002,1班,数学,91']),
      'l.csv',
      ctx(),
    );
    expect(reasons(bad)).toEqual([
      expect.stringMatching(/^!E3 未知科目「物理」/),
      expect.stringMatching(/^!E4 学籍号 A1 的语文成绩重复,与第 2 行相同/),
      expect.stringMatching(/^!C5 学籍号 A1 在第 2 行属于学校 2133000001,此处为 2133000002/),
    ]);
  });

  it('GBK with a title row: rows keep their numbers in the file', async () => {
    const text = ['某县2024年期末考试成绩', '学籍号,姓名,学校代码,班级,语文,数学,道德与法治', 'A1,张三,2133000001,1,90,90,abc'].join('\r\n');
    const r = await parseExamFile(iconv.encode(text, 'gbk'), 'g.csv', ctx());
    expect(r.encoding).toBe('gbk');
    expect(reasons(r)).toEqual([expect.stringMatching(/^!G3 不是分数/)]);
  });

  it('header problems: no student id column, a missing subject, an unknown column', async () => {
    const r = await parseExamFile(csv(['姓名,学校代码,语文', '甲,2133000001,90']), 'h.csv', ctx([['语文', 120]]));
    expect(reasons(r)).toEqual([expect.stringMatching(/前 10 行中没有表头/)]);
    const r2 = await parseExamFile(
      csv(['学籍号,学校代码,语文,英语', 'A1,2133000001,90,90']),
      'h.csv',
      ctx([
        ['语文', 120],
        ['数学', 120],
      ]),
    );
    expect(reasons(r2)).toEqual([expect.stringMatching(/^!D1 未知的列「英语」/), expect.stringMatching(/^!1 缺少科目「数学」/)]);
    expect((await parseExamFile(Buffer.alloc(0), 'e.csv', ctx())).problems.list()[0].reason).toMatch(/为空/);
    expect((await parseExamFile(Buffer.from('PK\x03\x04junk'), 'x.xlsx', ctx())).problems.list()[0].reason).toMatch(/xlsx/);
    expect((await parseExamFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]), 'x.xls', ctx())).problems.list()[0].reason).toMatch(/\.xls/);
  });

  it('.xlsx: numbers, text and formula results; skips a 说明 sheet; names sheet, row and column', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['请按模板填写']);
    const ws = wb.addWorksheet('七年级');
    ws.addRow(['七年级期中']);
    ws.addRow(['学籍号', '姓名', '学校代码', '班级', '语文', '数学', '道德与法治']);
    ws.addRow(['A1', '甲', 2133000001, '1班', 99.5, { formula: '50+50', result: 100 }, '缺考']);
    ws.addRow(['A2', '乙', '2133000002', '1班', 130, true, 50]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await parseExamFile(buf, 'x.xlsx', ctx());
    expect(reasons(r)).toEqual([expect.stringMatching(/^七年级!E4 分数 130 高于满分 120/), expect.stringMatching(/^七年级!F4 不是分数/)]);
    const ok = await parseExamFile(
      buf,
      'x.xlsx',
      ctx([
        ['语文', 150],
        ['数学', 120],
        ['道德与法治', 100],
      ]),
    );
    expect(reasons(ok)).toEqual([expect.stringMatching(/F4/)]);
  });

  it('re-orders an .xlsx so that the shared strings come before the worksheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['学籍号', '姓名']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const names = (b: Buffer) => {
      const out: string[] = [];
      for (let p = 0; p + 30 < b.length && b.readUInt32LE(p) === 0x04034b50;) {
        const n = b.readUInt16LE(p + 26);
        out.push(b.toString('utf8', p + 30, p + 30 + n));
        p = b.indexOf(Buffer.from([0x50, 0x4b]), p + 30 + n + b.readUInt16LE(p + 28));
        if (p < 0) break;
      }
      return out;
    };
    const re = xlsxInReadingOrder(buf)!;
    const order = names(re);
    expect(order.indexOf('xl/sharedStrings.xml')).toBeLessThan(order.indexOf('xl/worksheets/sheet1.xml'));
    expect(order.indexOf('xl/_rels/workbook.xml.rels')).toBeLessThan(order.indexOf('xl/worksheets/sheet1.xml'));
    expect(xlsxInReadingOrder(Buffer.from('not a zip'))).toBeNull();
  });
});
