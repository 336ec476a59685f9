// Reading an attendance file: the course by id or exact title, the teacher by id or school code + 工号 (in the roster of
// the course's school year), hours defaulting to the course's, every bad cell named with its row and column, a
// clerk's file refused for another school's teacher, GBK CSV.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { NOT_YOUR_TEACHER, readAttendanceFile, parseHours, staffTeachers, type AttendanceLookups } from './import-file.js';

const A = '2133000001';
const B = '2133000002';
const COURSES = [
  { id: 1, title: '新课标解读', hours: 24, endDate: '2025-06-30' }, // school year 2024
  { id: 2, title: '班主任培训', hours: 12, endDate: '2025-10-15' }, // school year 2025
  { id: 3, title: '班主任培训', hours: 8, endDate: '2024-11-01' }, // the same title again
];
const NAMES = new Map([
  ['T000001', '张三'],
  ['T000002', '李四'],
  ['T000003', '王五'],
]);
const PLACES = [
  { year: 2024, teacherId: 'T000001', schoolCode: A, staffNo: '001' },
  { year: 2025, teacherId: 'T000001', schoolCode: A, staffNo: '001' },
  { year: 2024, teacherId: 'T000002', schoolCode: B, staffNo: '001' },
  // T000003 moved from B (2024) to A (2025); in 2024 B's 工号 002 was T000003, in 2025 A's 002 is T000003.
  { year: 2024, teacherId: 'T000003', schoolCode: B, staffNo: '002' },
  { year: 2025, teacherId: 'T000003', schoolCode: A, staffNo: '002' },
];

function lookups(own: string | null): AttendanceLookups {
  return {
    courses: COURSES,
    teacherName: (id) => NAMES.get(id),
    places: (id) => PLACES.filter((p) => p.teacherId === id),
    staffRows: (s, no) => PLACES.filter((p) => p.schoolCode === s && p.staffNo === no),
    schoolExists: (c) => c === A || c === B,
    mayRecord: (s) => own === null || s === own,
    restricted: own !== null,
  };
}
const csv = (lines: string[]) => Buffer.from(lines.join('\n') + '\n');

describe('attendance file', () => {
  it('reads courses by id or title and teachers by id or school + 工号; hours default to the course’s', async () => {
    const file = csv(['培训项目编号,培训项目名称,教师编号,学校代码,工号,姓名,学时', '1,,T000001,,,张三,', ',新课标解读,,2133000002,001,,20.5', '2,班主任培训,,2133000001,002,王五,12']);
    const { rows, problems } = await readAttendanceFile(file, 'a.csv', lookups(null));
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 2, courseId: 1, teacherId: 'T000001', hours: 24 },
      { row: 3, courseId: 1, teacherId: 'T000002', hours: 20.5 },
      { row: 4, courseId: 2, teacherId: 'T000003', hours: 12 },
    ]);
  });

  it('names every bad cell (row, column, reason)', async () => {
    const file = csv([
      'course_id,course_title,teacher_id,school_code,staff_no,name,hours',
      '9,,T000001,,,,', // 2: no course 9
      ',班主任培训,T000001,,,,', // 3: two courses titled so
      '1,班主任培训,T000001,,,,', // 4: id and title disagree
      '1,,X12,,,,', // 5: bad teacher id
      '1,,T000099,,,,', // 6: no such teacher
      '1,,T000002,,,王二,', // 7: name differs
      '1,,T000003,,,,0', // 8: hours 0
      '2,,T000003,,,,25', // 9: more than course 2's 12
      ',,T000001,,,,', // 10: no course
      '1,,,2133000009,001,,', // 11: unknown school
      '1,,,2133000001,777,,', // 12: no such 工号
      '2,,T000001,,,,', // 13: fine
      '2,,,2133000001,001,,', // 14: the same teacher and course as row 13
      '2,,T000002,2133000001,001,,', // 15: id and 工号 are two teachers
      '3,,T000003,,,,abc', // 16: hours not a number
    ]);
    const { problems } = await readAttendanceFile(file, 'a.csv', lookups(null));
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '培训项目编号'],
      [3, '培训项目名称'],
      [4, '培训项目名称'],
      [5, '教师编号'],
      [6, '教师编号'],
      [7, '姓名'],
      [8, '学时'],
      [9, '学时'],
      [10, '培训项目编号'],
      [11, '学校代码'],
      [12, '工号'],
      [14, '工号'],
      [15, '教师编号'],
      [16, '学时'],
    ]);
    expect(problems[1].message).toContain('编号 2、3');
    expect(problems[11].message).toContain('第 13 行');
    expect(problems[7].message).toContain('12 学时');
  });

  it('refuses a clerk’s row for another school’s teacher (the school of the course’s school year)', async () => {
    const file = csv([
      '培训项目编号,教师编号,学时',
      '1,T000001,10', // A's teacher: fine for A's clerk
      '1,T000002,10', // B's teacher
      '3,T000003,8', // course 3 ends 2024-11-01: school year 2024, T000003 was at B then
      '2,T000003,8', // course 2 ends 2025-10-15: school year 2025, T000003 is at A
    ]);
    const r = await readAttendanceFile(file, 'a.csv', lookups(A));
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '教师编号'],
      [4, '教师编号'],
    ]);
    expect(r.problems.map((p) => p.message)).toEqual([NOT_YOUR_TEACHER, NOT_YOUR_TEACHER]);
  });

  it('gives a clerk one message for anything outside the own school, checked before the name or the 工号', async () => {
    const file = csv([
      '培训项目编号,教师编号,学校代码,工号,姓名',
      '1,T000002,,,李四', // B's teacher, right name
      '1,T000002,,,王二', // B's teacher, wrong name: no word about the name
      '1,T000099,,,', // no such teacher at all
      `1,,${B},001,`, // B's 工号 001 exists
      `1,,${B},999,`, // B has no 工号 999
      '1,,2133000009,001,', // no such school
      `1,T000002,${B},001,`, // both, outside: said once
      `1,,${A},999,`, // the own school: the precise message
      `1,T000001,,,王二`, // the own teacher: the name is checked
    ]);
    const r = await readAttendanceFile(file, 'a.csv', lookups(A));
    expect(r.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, '教师编号', NOT_YOUR_TEACHER],
      [3, '教师编号', NOT_YOUR_TEACHER],
      [4, '教师编号', NOT_YOUR_TEACHER],
      [5, '学校代码', NOT_YOUR_TEACHER],
      [6, '学校代码', NOT_YOUR_TEACHER],
      [7, '学校代码', NOT_YOUR_TEACHER],
      [8, '学校代码', NOT_YOUR_TEACHER],
      [9, '工号', expect.stringContaining('没有工号 999')],
      [10, '姓名', expect.stringContaining('与教师 T000001 的名册姓名不符')],
    ]);
    expect(NOT_YOUR_TEACHER).toBe('不是本校教师 / not a teacher of your school');
    // The personnel staff keep the precise messages for the same rows (rows 3, 5 and 8 are T000002 again: repeats).
    const all = await readAttendanceFile(file, 'a.csv', lookups(null));
    expect(all.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '姓名'],
      [3, '教师编号'],
      [4, '教师编号'],
      [5, '工号'],
      [6, '工号'],
      [7, '学校代码'],
      [8, '教师编号'],
      [9, '工号'],
      [10, '姓名'],
    ]);
    expect(all.problems[0].message).toContain('姓名“王二”与教师 T000002 的名册姓名不符');
    expect(all.problems[2].message).toContain('没有编号为 T000099 的教师');
  });

  it('reads GBK CSV and reports missing columns and empty files', async () => {
    const gbk = iconv.encode('培训项目名称,教师编号\r\n新课标解读,T000001\r\n', 'gbk');
    expect((await readAttendanceFile(gbk, 'g.csv', lookups(null))).rows).toEqual([{ row: 2, courseId: 1, teacherId: 'T000001', hours: 24 }]);
    const noCols = await readAttendanceFile(csv(['姓名,学时', '张三,1']), 'x.csv', lookups(null));
    expect(noCols.problems.map((p) => [p.row, p.column])).toEqual([
      [1, '培训项目编号'],
      [1, '教师编号'],
    ]);
    expect((await readAttendanceFile(csv(['培训项目编号,教师编号']), 'x.csv', lookups(null))).problems).toEqual([{ row: null, column: null, message: '文件没有数据行 / the file has no data rows' }]);
  });

  it('parses hours and picks a 工号’s teacher in the nearest roster', () => {
    expect(parseHours('12')).toBe(12);
    expect(parseHours('12.5学时')).toBe(12.5);
    expect(parseHours('3 h')).toBe(3);
    expect(parseHours('-1')).toBeNull();
    expect(parseHours('十二')).toBeNull();
    const rows = [
      { year: 2023, teacherId: 'T1' },
      { year: 2025, teacherId: 'T2' },
    ];
    expect(staffTeachers(rows, 2024)).toEqual(['T1']);
    expect(staffTeachers(rows, 2025)).toEqual(['T2']);
    expect(staffTeachers(rows, 2020)).toEqual(['T1']);
    expect(staffTeachers([], 2020)).toEqual([]);
  });
});
