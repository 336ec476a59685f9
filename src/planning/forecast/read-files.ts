// The forecast's input files — enrolments (school_code, year, grade, students) and births (school_code or township,
// year, births) — from .xlsx or CSV (UTF-8, with or without BOM, or GBK) with English or Chinese headers. Every bad
// cell is a problem naming its row, column and reason (中文 / English); a file with any problem gives no rows.
import { normalizeId } from '../../admissions/identifiers.js';
import { parseNumberText } from '../../core/xlsx/cells.js';
import { parseGrade } from '../../wellbeing/burden/import-file.js';
import type { ImportProblem } from '../../wellbeing/import-problems.js';
import { findColumns, noDataRows, readImportTable } from '../../wellbeing/import-table.js';
import type { BirthsRecord } from './entry-inputs.js';
import type { EnrolmentRecord } from './forecast-v1.js';

/** One bad cell (row 1: the header; row and column null: the whole file). */
export interface FileProblem {
  row: number | null;
  column: string | null;
  reason: string;
}

/** A refused input file and every problem found in it. */
export class ForecastFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: FileProblem[],
  ) {
    super(problems.map((p) => problemLine(file, p)).join('\n'));
    this.name = 'ForecastFileError';
  }
}

/** "FILE row R column C: reason" (the parts that exist). */
export function problemLine(file: string, p: FileProblem): string {
  return `${file}${p.row !== null ? ` row ${p.row}` : ''}${p.column !== null ? ` column ${p.column}` : ''}: ${p.reason}`;
}

/** Accepted headers; the last name is the method's English column, used for a missing column (a cell's problem names its column as the file's header writes it). */
const ENROLMENT_COLUMNS = {
  school_code: ['学校代码', '学校标识码', 'school_code'],
  year: ['年份', '学年', '年度', 'year'],
  grade: ['年级', 'grade'],
  students: ['学生数', '在校生数', '人数', 'students'],
} as const;
const BIRTHS_COLUMNS = {
  school_code: ['学校代码', '学校标识码', 'school_code'],
  township: ['乡镇', '乡镇（街道）', '乡镇街道', '街道', 'township'],
  year: ['年份', '出生年份', '年度', 'year'],
  births: ['出生数', '出生人数', '出生人口', 'births'],
} as const;

/** The autumn year of a school year: 2024, 2024年, 2024学年, 2024-2025, 2024–25, 2024/2025学年. */
export function parseSchoolYear(text: string): number | null {
  const t = text.replace(/\s+/g, '').replace(/[\u2212\u2012\u2013\u2014\uFE63－~～至/]/g, '-');
  const m = /^(\d{4})(?:\.0+)?(?:-(\d{4}|\d{2}))?(?:学年|年|年度)?$/.exec(t);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] !== undefined) {
    const next = m[2].length === 2 ? Math.floor(y / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (next !== y + 1) return null;
  }
  return y >= 1900 && y <= 2200 ? y : null;
}

/** A whole number ≥ 0 ("45", "１,２３４", "45.0"); null otherwise. */
function wholeCount(text: string): number | null {
  const v = parseNumberText(text);
  return v !== null && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

type Cols<K extends string> = Record<K, readonly string[]>;
const english = <K extends string>(cols: Cols<K>, k: K): string => cols[k][cols[k].length - 1];

async function tableOf<K extends string>(name: string, buf: Buffer, cols: Cols<K>, required: K[]) {
  const read = await readImportTable(buf, name);
  if (read.problems) throw new ForecastFileError(name, read.problems.map(asFileProblem));
  const { at, problems } = findColumns(read.table.header, cols, required);
  if (problems.length)
    throw new ForecastFileError(
      name,
      required
        .filter((k) => at[k] === undefined)
        .map((k) => ({ row: 1, column: english(cols, k), reason: `缺少列“${cols[k][0]}” / the header row has no column ${english(cols, k)} (${cols[k].slice(0, -1).join(', ')})` })),
    );
  if (read.table.rows.length === 0) throw new ForecastFileError(name, [asFileProblem(noDataRows())]);
  const header = read.table.header;
  /** A found column as the file's header writes it ("年级" or "grade"), for the problems of its cells. */
  const column = (k: K): string => header[at[k]!]?.trim() || english(cols, k);
  return { rows: read.table.rows, at, column };
}

const asFileProblem = (p: ImportProblem): FileProblem => ({ row: p.row, column: p.column, reason: p.message });

/**
 * Enrolment records (学校代码, 年份/学年, 年级 1–9 or 一年级/初一…, 学生数/在校生数 whole ≥ 0); a repeated
 * school-year-grade is a problem. Async: an .xlsx is read as a stream. Throws ForecastFileError.
 */
export async function readEnrolmentFile(name: string, buf: Buffer): Promise<EnrolmentRecord[]> {
  const C = ENROLMENT_COLUMNS;
  const { rows, at, column } = await tableOf(name, buf, C, ['school_code', 'year', 'grade', 'students']);
  const problems: FileProblem[] = [];
  const out: EnrolmentRecord[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const cell = (k: keyof typeof C) => (cells[at[k]!] ?? '').trim();
    const bad = (k: keyof typeof C, reason: string) => problems.push({ row, column: column(k), reason });
    const before = problems.length;
    const schoolCode = normalizeId(cell('school_code'));
    if (!schoolCode) bad('school_code', '学校代码为空 / the school code is empty');
    const year = parseSchoolYear(cell('year'));
    if (year === null) bad('year', `年份应为如 2024 或 2024-2025 的学年，而不是“${cell('year')}” / the year must be a school year such as 2024 or 2024-2025, not "${cell('year')}"`);
    const grade = parseGrade(cell('grade'));
    if (grade === null) bad('grade', `年级应为 1–9（或“一年级”“初一”等），而不是“${cell('grade')}” / the grade must be 1–9 (or 一年级, 初一 …), not "${cell('grade')}"`);
    const students = wholeCount(cell('students'));
    if (students === null) bad('students', `学生数应为 ≥ 0 的整数，而不是“${cell('students')}” / students must be a whole number ≥ 0, not "${cell('students')}"`);
    if (problems.length > before) continue;
    const k = `${schoolCode}\u0000${year}\u0000${grade}`;
    const first = seen.get(k);
    if (first !== undefined) {
      bad('school_code', `学校 ${schoolCode} ${year} 年 ${grade} 年级与第 ${first} 行重复 / school ${schoolCode}, year ${year}, grade ${grade} repeats row ${first}`);
      continue;
    }
    seen.set(k, row);
    out.push({ schoolCode, year: year!, grade: grade!, students: students! });
  }
  if (problems.length) throw new ForecastFileError(name, problems);
  return out;
}

/**
 * Births per area and calendar year (出生数, whole ≥ 0): the key column is school_code (the school's catchment, CLI)
 * or township (乡镇). A repeated key-year is a problem. Throws ForecastFileError.
 */
export async function readBirthsFile(name: string, buf: Buffer, keyColumn: 'school_code' | 'township'): Promise<BirthsRecord[]> {
  const C = BIRTHS_COLUMNS;
  const { rows, at, column } = await tableOf(name, buf, C, [keyColumn, 'year', 'births']);
  const problems: FileProblem[] = [];
  const out: BirthsRecord[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const cell = (k: keyof typeof C) => (cells[at[k]!] ?? '').trim();
    const bad = (k: keyof typeof C, reason: string) => problems.push({ row, column: column(k), reason });
    const before = problems.length;
    const key = normalizeId(cell(keyColumn));
    if (!key) bad(keyColumn, keyColumn === 'township' ? '乡镇为空 / the township is empty' : '学校代码为空 / the school code is empty');
    const yt = cell('year').replace(/\s+/g, '').replace(/年$/, '');
    const year = /^\d{4}(\.0+)?$/.test(yt) && Number(yt) >= 1900 && Number(yt) <= 2200 ? Number(yt) : null;
    if (year === null) bad('year', `年份应为如 2018 的年份，而不是“${cell('year')}” / the year must be a calendar year such as 2018, not "${cell('year')}"`);
    const births = wholeCount(cell('births'));
    if (births === null) bad('births', `出生数应为 ≥ 0 的整数，而不是“${cell('births')}” / births must be a whole number ≥ 0, not "${cell('births')}"`);
    if (problems.length > before) continue;
    const k = `${key}\u0000${year}`;
    const first = seen.get(k);
    if (first !== undefined) {
      bad(keyColumn, `${key} ${year} 年与第 ${first} 行重复 / ${key}, year ${year} repeats row ${first}`);
      continue;
    }
    seen.set(k, row);
    out.push({ key, year: year!, births: births! });
  }
  if (problems.length) throw new ForecastFileError(name, problems);
  return out;
}
