// The forecast's input files: UTF-8 (BOM) / GBK CSV and .xlsx, English or Chinese headers, school years written as
// 2024-2025, grades as 一年级 / 初一; every bad cell named by row and column, and nothing returned when there is one.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ForecastFileError, parseSchoolYear, problemLine, readBirthsFile, readEnrolmentFile } from './read-files.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

async function problemsOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof ForecastFileError) return e.problems;
    throw e;
  }
  throw new Error('no error');
}

describe('readEnrolmentFile', () => {
  const expected = [
    { schoolCode: '3300000101', year: 2024, grade: 1, students: 45 },
    { schoolCode: '3300000101', year: 2024, grade: 7, students: 1234 },
  ];

  it('reads English headers from UTF-8 with a BOM', async () => {
    const csv = '\uFEFFschool_code,year,grade,students\n3300000101,2024,1,45\n3300000101,2024,7,"1,234"\n';
    expect(await readEnrolmentFile('e.csv', utf8(csv))).toEqual(expected);
  });

  it('reads Chinese headers from GBK with school years and grade words', async () => {
    const csv = '学校代码,学年,年级,在校生数\r\n 3300000101 ,2024-2025学年,一年级,45\r\n3300000101,2024—2025,初一,1234\r\n';
    expect(await readEnrolmentFile('e.csv', iconv.encode(csv, 'gbk'))).toEqual(expected);
    const alt = '学校代码,年份,年级,学生数\n3300000101,2024年,1,45\n3300000101,2024,7,1234\n';
    expect(await readEnrolmentFile('e.csv', utf8(alt))).toEqual(expected);
  });

  it('reads an .xlsx with numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('在校生');
    ws.addRow(['学校代码', '年份', '年级', '学生数']);
    ws.addRow(['3300000101', 2024, 1, 45]);
    ws.addRow(['3300000101', 2024, 7, 1234]);
    expect(await readEnrolmentFile('e.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).toEqual(expected);
  });

  it('lists every bad cell with its row and column, and returns nothing', async () => {
    const csv = [
      'school_code,year,grade,students',
      '3300000101,2024,1,45', // row 2 fine
      ',2024,1,45', // row 3: empty code
      '3300000101,24,1,45', // row 4: year
      '3300000101,2024,10,45', // row 5: grade
      '3300000101,2024,2,-3', // row 6: students
      '3300000101,2024,3,4.5', // row 7: students
      '3300000101,2024-2026,3,4', // row 8: not a school year
      '3300000101,2024,1,40', // row 9: repeats row 2
    ].join('\n');
    const problems = await problemsOf(readEnrolmentFile('bad.csv', utf8(csv)));
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'school_code'],
      [4, 'year'],
      [5, 'grade'],
      [6, 'students'],
      [7, 'students'],
      [8, 'year'],
      [9, 'school_code'],
    ]);
    expect(problems[6].reason).toMatch(/repeats row 2/);
    expect(problemLine('bad.csv', problems[3])).toBe('bad.csv row 6 column students: 学生数应为 ≥ 0 的整数，而不是“-3” / students must be a whole number ≥ 0, not "-3"');
  });

  it('names a bad cell’s column as the file’s header writes it', async () => {
    // Chinese headers (UTF-8 with a BOM, one header with spaces around it): the problems say 年级, 在校生数 …, not grade.
    const csv = '\uFEFF学校代码,学年, 年级 ,在校生数\n3300000101,2024,十年级,45\n3300000101,2024,1,-1\n,24,1,1\n3300000101,2024,2,5\n3300000101,2024,2,6\n';
    const problems = await problemsOf(readEnrolmentFile('中文.csv', utf8(csv)));
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '年级'],
      [3, '在校生数'],
      [4, '学校代码'],
      [4, '学年'],
      [6, '学校代码'],
    ]);
    expect(problemLine('中文.csv', problems[0])).toMatch(/^中文\.csv row 2 column 年级: 年级应为 1–9/);
    const births = await problemsOf(readBirthsFile('b.csv', iconv.encode('乡镇,出生年份,出生人数\n甲镇,2018,x\n', 'gbk'), 'township'));
    expect(births.map((p) => [p.row, p.column])).toEqual([[2, '出生人数']]);
    // A column missing from the file is named by its method name (the file has no header for it).
    expect((await problemsOf(readEnrolmentFile('m.csv', utf8('学校代码,年级\n1,1\n')))).map((p) => p.column)).toEqual(['year', 'students']);
  });

  it('names missing columns, an empty file and a damaged .xlsx', async () => {
    const missing = await problemsOf(readEnrolmentFile('m.csv', utf8('学校代码,年级\n1,1\n')));
    expect(missing.map((p) => [p.row, p.column])).toEqual([
      [1, 'year'],
      [1, 'students'],
    ]);
    expect(missing[0].reason).toMatch(/缺少列“年份”/);
    expect((await problemsOf(readEnrolmentFile('h.csv', utf8('school_code,year,grade,students\n'))))[0]).toMatchObject({
      row: null,
      column: null,
      reason: expect.stringMatching(/no data rows/) as string,
    });
    expect((await problemsOf(readEnrolmentFile('x.xlsx', utf8('not a zip'))))[0].reason).toMatch(/not a valid \.xlsx/);
  });

  it('parses school years', () => {
    expect(['2024', '2024年', '2024学年', '2024-2025', '2024–25', '2024/2025学年', '2024.0'].map(parseSchoolYear)).toEqual([2024, 2024, 2024, 2024, 2024, 2024, 2024]);
    expect(['24', '2024-2023', '2024-26', 'abc', ''].map(parseSchoolYear)).toEqual([null, null, null, null, null]);
  });
});

describe('readBirthsFile', () => {
  it('reads births by school code or by township', async () => {
    expect(await readBirthsFile('b.csv', utf8('school_code,year,births\n3300000101,2018,120\n3300000101,2019,110\n'), 'school_code')).toEqual([
      { key: '3300000101', year: 2018, births: 120 },
      { key: '3300000101', year: 2019, births: 110 },
    ]);
    expect(await readBirthsFile('b.csv', iconv.encode('乡镇,年份,出生人数\n城关镇,2018年,300\n', 'gbk'), 'township')).toEqual([{ key: '城关镇', year: 2018, births: 300 }]);
  });

  it('names bad cells, repeats and a missing key column', async () => {
    const problems = await problemsOf(readBirthsFile('b.csv', utf8('township,year,births\n,2018,1\n甲镇,18,1\n甲镇,2018,x\n甲镇,2019,5\n甲镇,2019,6\n'), 'township'));
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'township'],
      [3, 'year'],
      [4, 'births'],
      [6, 'township'],
    ]);
    const noKey = await problemsOf(readBirthsFile('b.csv', utf8('township,year,births\n甲镇,2018,1\n'), 'school_code'));
    expect(noKey).toEqual([{ row: 1, column: 'school_code', reason: expect.stringMatching(/no column school_code/) as string }]);
  });
});
