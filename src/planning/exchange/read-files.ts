// The exchange input files — teachers and schools — from .xlsx or CSV (UTF-8 with or without BOM, or GBK), with the
// method's English headers or their Chinese names. Every bad cell is named by file, row and column; a file with any
// problem gives no rows at all (the CLI and the web upload share these readers).
//   teachers: teacher_id, school_code, subject, backbone (1/0, 是/否), years_at_school, age
//   schools:  school_code, school_name, students, x_km, y_km
import { readTable, type Table } from '../../core/tabular.js';
import type { ExchangeSchool, ExchangeTeacher } from './model.js';

/** One problem of an input file: its file, 1-based row (the header is row 1), column header, and why (中文 / English). */
export interface ExchangeInputProblem {
  file?: string;
  row?: number;
  column?: string;
  message: string;
}

export class ExchangeInputError extends Error {
  constructor(readonly problems: ExchangeInputProblem[]) {
    super(problems.map(describeInputProblem).join('\n'));
    this.name = 'ExchangeInputError';
  }
}

export function describeInputProblem(p: ExchangeInputProblem): string {
  const where = [p.file ?? '', p.row !== undefined ? `第 ${p.row} 行 / row ${p.row}` : '', p.column ? `列 ${p.column} / column ${p.column}` : ''].filter(Boolean).join('，');
  return where ? `${where}：${p.message}` : p.message;
}

/** Accepted headers per column (case and surrounding spaces ignored). */
const HEADERS = {
  teacher_id: ['teacher_id', '教师编号', '工号', '教师工号'],
  school_code: ['school_code', '学校代码', '学校标识码', '学校编码'],
  subject: ['subject', '学科', '任教学科'],
  backbone: ['backbone', '骨干', '骨干教师', '是否骨干'],
  years_at_school: ['years_at_school', '本校任教年限', '本校年限', '在校任教年限'],
  age: ['age', '年龄'],
  school_name: ['school_name', '学校名称', '学校'],
  students: ['students', '学生数', '在校生数'],
  x_km: ['x_km', 'x坐标', 'x（km）', 'x(km)'],
  y_km: ['y_km', 'y坐标', 'y（km）', 'y(km)'],
} as const;
type Column = keyof typeof HEADERS;

function columns(table: Table, file: string, required: Column[]): Record<Column, number> {
  const index = {} as Record<Column, number>;
  const norm = table.header.map((h) => h.trim().toLowerCase());
  const missing: ExchangeInputProblem[] = [];
  for (const c of required) {
    const k = norm.findIndex((h) => (HEADERS[c] as readonly string[]).includes(h));
    if (k >= 0) index[c] = k;
    else missing.push({ file, row: 1, column: c, message: `缺少列 ${HEADERS[c].join(' / ')} / no column ${c} in the header row` });
  }
  if (missing.length) throw new ExchangeInputError(missing);
  return index;
}

const cell = (cells: string[], k: number) => (cells[k] ?? '').trim();

class Row {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly cells: string[],
    readonly col: Record<Column, number>,
    readonly problems: ExchangeInputProblem[],
  ) {}
  private bad(column: Column, message: string) {
    this.problems.push({ file: this.file, row: this.row, column, message });
  }
  text(c: Column, optional = false): string {
    const v = cell(this.cells, this.col[c]);
    if (v === '' && !optional) this.bad(c, '不能为空 / must not be empty');
    return v;
  }
  number(c: Column, min: number, max = Infinity, whole = false): number {
    const v = cell(this.cells, this.col[c]);
    const x = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? Number(v) : NaN;
    if (!(Number.isFinite(x) && x >= min && x <= max && (!whole || Number.isInteger(x))))
      this.bad(
        c,
        `应为${whole ? '整数' : '数'}（${min}${max < Infinity ? ` 至 ${max}` : ' 及以上'}），而不是“${v}” / must be a ${whole ? 'whole number' : 'number'} ${max < Infinity ? `from ${min} to ${max}` : `≥ ${min}`}, not "${v}"`,
      );
    return x;
  }
  coordinate(c: Column): number {
    const v = cell(this.cells, this.col[c]);
    const x = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(x)) this.bad(c, `应为坐标（km），而不是“${v}” / must be a coordinate in km, not "${v}"`);
    return x;
  }
  flag(c: Column): boolean {
    const v = cell(this.cells, this.col[c]).toLowerCase();
    if (['1', '是', 'y', 'yes', 'true'].includes(v)) return true;
    if (['0', '否', 'n', 'no', 'false', ''].includes(v)) return false;
    this.bad(c, `应为 1/0 或 是/否，而不是“${v}” / must be 1/0 (or 是/否), not "${v}"`);
    return false;
  }
}

function done<T>(rows: T[], problems: ExchangeInputProblem[], file: string): T[] {
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (problems.length) throw new ExchangeInputError(problems);
  if (rows.length === 0) throw new ExchangeInputError([{ file, message: `${file} 没有数据行 / ${file} has no data rows` }]);
  return rows;
}

/** A teacher with the row it came from. */
export type TeacherRow = ExchangeTeacher & { row: number };
/** A school with the row it came from. */
export type SchoolRow = ExchangeSchool & { row: number };

export async function readTeachersFile(buf: Buffer, fileName: string): Promise<TeacherRow[]> {
  const table = await readTable(buf, fileName);
  const col = columns(table, fileName, ['teacher_id', 'school_code', 'subject', 'backbone', 'years_at_school', 'age']);
  const problems: ExchangeInputProblem[] = [];
  const seen = new Map<string, number>();
  const rows = table.rows.map(({ row, cells }) => {
    const r = new Row(fileName, row, cells, col, problems);
    const teacherId = r.text('teacher_id');
    const first = seen.get(teacherId);
    if (teacherId && first !== undefined)
      problems.push({ file: fileName, row, column: 'teacher_id', message: `教师编号 ${teacherId} 与第 ${first} 行重复 / teacher ${teacherId} repeats row ${first}` });
    else seen.set(teacherId, row);
    return {
      teacherId,
      schoolCode: r.text('school_code'),
      subject: r.text('subject'),
      backbone: r.flag('backbone'),
      yearsAtSchool: r.number('years_at_school', 0, 80),
      age: r.number('age', 18, 100),
      row,
    };
  });
  return done(rows, problems, fileName);
}

export async function readSchoolsFile(buf: Buffer, fileName: string): Promise<SchoolRow[]> {
  const table = await readTable(buf, fileName);
  const col = columns(table, fileName, ['school_code', 'school_name', 'students', 'x_km', 'y_km']);
  const problems: ExchangeInputProblem[] = [];
  const seen = new Map<string, number>();
  const rows = table.rows.map(({ row, cells }) => {
    const r = new Row(fileName, row, cells, col, problems);
    const schoolCode = r.text('school_code');
    const first = seen.get(schoolCode);
    if (schoolCode && first !== undefined)
      problems.push({ file: fileName, row, column: 'school_code', message: `学校代码 ${schoolCode} 与第 ${first} 行重复 / school ${schoolCode} repeats row ${first}` });
    else seen.set(schoolCode, row);
    return {
      schoolCode,
      schoolName: r.text('school_name', true) || schoolCode,
      students: r.number('students', 0, 1e6, true),
      xKm: r.coordinate('x_km'),
      yKm: r.coordinate('y_km'),
      row,
    };
  });
  return done(rows, problems, fileName);
}

/** Every teacher's school must be in the schools file: the problems name the teachers file's rows. */
export function teacherSchoolProblems(teachers: readonly TeacherRow[], schools: readonly ExchangeSchool[], teachersFile: string): ExchangeInputProblem[] {
  const codes = new Set(schools.map((s) => s.schoolCode));
  return teachers
    .filter((t) => !codes.has(t.schoolCode))
    .map((t) => ({
      file: teachersFile,
      row: t.row,
      column: 'school_code',
      message: `学校 ${t.schoolCode} 不在学校文件中 / school ${t.schoolCode} is not in the schools file`,
    }));
}
