// The exchange input files: English or Chinese headers, UTF-8 (with or without BOM), GBK and .xlsx; every bad cell
// named by file, row and column, and no rows from a file with any problem.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SMALL_SCHOOLS, SMALL_TEACHERS } from '../../../test/fixtures/planning/exchange-small.js';
import { ExchangeInputError, readSchoolsFile, readTeachersFile, teacherSchoolProblems } from './read-files.js';

const TEACHERS_CSV = fs.readFileSync('test/fixtures/planning/exchange-teachers.csv');
const SCHOOLS_CSV = fs.readFileSync('test/fixtures/planning/exchange-schools.csv');
const strip = <T extends { row: number }>(rows: T[]) => rows.map(({ row: _row, ...rest }) => rest);

async function problems(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ExchangeInputError);
  return (e as ExchangeInputError).problems;
}

describe('exchange input files', () => {
  it('reads the fixture CSVs (English headers) into the hand-worked district', async () => {
    const t = await readTeachersFile(TEACHERS_CSV, 'teachers.csv');
    expect(strip(t)).toEqual(SMALL_TEACHERS);
    expect(t.map((x) => x.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(strip(await readSchoolsFile(SCHOOLS_CSV, 'schools.csv'))).toEqual(SMALL_SCHOOLS);
  });

  it('Chinese headers, 是/否, a BOM; and the same file in GBK', async () => {
    const text = '\ufeff教师编号,学校代码,学科,骨干,本校任教年限,年龄\r\nT1,S1,语文,是,6,40\r\nT2,S1,语文,否,3.5,29\r\n';
    const expected = [
      { teacherId: 'T1', schoolCode: 'S1', subject: '语文', backbone: true, yearsAtSchool: 6, age: 40, row: 2 },
      { teacherId: 'T2', schoolCode: 'S1', subject: '语文', backbone: false, yearsAtSchool: 3.5, age: 29, row: 3 },
    ];
    expect(await readTeachersFile(Buffer.from(text), 't.csv')).toEqual(expected);
    expect(await readTeachersFile(iconv.encode(text.slice(1), 'gbk'), 't.csv')).toEqual(expected);
    const schools = '学校代码,学校名称,在校生数,x_km,y_km\nS1,城关中学,820,-3.5,12\n';
    expect(await readSchoolsFile(iconv.encode(schools, 'gbk'), 's.csv')).toEqual([{ schoolCode: 'S1', schoolName: '城关中学', students: 820, xKm: -3.5, yKm: 12, row: 2 }]);
  });

  it('.xlsx with numeric cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('教师');
    ws.addRow(['teacher_id', 'school_code', 'subject', 'backbone', 'years_at_school', 'age']);
    ws.addRow(['T9', 'S1', '英语', 1, 12, 47]);
    const rows = await readTeachersFile(Buffer.from(await wb.xlsx.writeBuffer()), 't.xlsx');
    expect(rows).toEqual([{ teacherId: 'T9', schoolCode: 'S1', subject: '英语', backbone: true, yearsAtSchool: 12, age: 47, row: 2 }]);
  });

  it('names every bad cell by file, row and column; no rows at all', async () => {
    const text = ['teacher_id,school_code,subject,backbone,years_at_school,age', 'T1,S1,语文,2,6,40', 'T2,,语文,0,-1,40', 'T1,S1,数学,0,6,abc'].join('\n');
    const p = await problems(readTeachersFile(Buffer.from(text), 'teachers.csv'));
    expect(p.map((x) => [x.file, x.row, x.column])).toEqual([
      ['teachers.csv', 2, 'backbone'],
      ['teachers.csv', 3, 'school_code'],
      ['teachers.csv', 3, 'years_at_school'],
      ['teachers.csv', 4, 'teacher_id'],
      ['teachers.csv', 4, 'age'],
    ]);
    expect(p[0].message).toContain('"2"');
    const s = await problems(readSchoolsFile(Buffer.from('school_code,school_name,students,x_km,y_km\nS1,a,12.5,0,0\nS2,b,10,东,0\n'), 'schools.csv'));
    expect(s.map((x) => [x.row, x.column])).toEqual([
      [2, 'students'],
      [3, 'x_km'],
    ]);
  });

  it('a missing column, an empty file, and teachers at schools missing from the schools file', async () => {
    const m = await problems(readTeachersFile(Buffer.from('teacher_id,school_code,subject,age\nT1,S1,语文,40\n'), 'teachers.csv'));
    expect(m.map((x) => [x.row, x.column])).toEqual([
      [1, 'backbone'],
      [1, 'years_at_school'],
    ]);
    const e = await problems(readSchoolsFile(Buffer.from('school_code,school_name,students,x_km,y_km\n'), 'schools.csv'));
    expect(e[0].message).toContain('没有数据行');
    const t = await readTeachersFile(TEACHERS_CSV, 'teachers.csv');
    const orphans = teacherSchoolProblems(t, SMALL_SCHOOLS.slice(0, 2), 'teachers.csv');
    expect(orphans.map((x) => [x.row, x.column])).toEqual([
      [8, 'school_code'],
      [9, 'school_code'],
    ]);
  });
});
