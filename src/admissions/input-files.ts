// The admissions input files — applicants (lottery or assignment), school seats, quota schools — from .xlsx or CSV
// (UTF-8 or GBK) with the method's English headers or their Chinese names. Every bad cell is named by file, row and
// column; a file with any problem gives no rows at all.
import { readTable, type Table } from '../core/tabular.js';
import type { AssignApplicant, SchoolSeats } from './assignment.js';
import { normalizeLotteryApplicants, type LotteryApplicant } from './lottery.js';
import { looksLikeIdCard } from './mask.js';
import { AdmissionsInputError, type InputProblem } from './problems.js';
import type { QuotaSchool } from './quota.js';

/** Accepted headers per column (case and surrounding spaces ignored). */
const HEADERS = {
  applicant_id: ['applicant_id', '报名编号', '报名号', '申请编号'],
  priority: ['priority', '优先级', '优先顺序'],
  choices: ['choices', '志愿', '志愿学校'],
  school_code: ['school_code', '学校代码', '学校标识码'],
  seats: ['seats', '学位数', '招生计划'],
  graduates: ['graduates', '毕业生数', '应届毕业生数'],
  rural: ['rural', '农村', '是否农村'],
  name: ['name', '姓名', '学生姓名'],
} as const;
type Column = keyof typeof HEADERS;

function columns(table: Table, fileName: string, required: Column[], optional: Column[] = []): Partial<Record<Column, number>> {
  const index: Partial<Record<Column, number>> = {};
  const norm = table.header.map((h) => h.trim().toLowerCase());
  for (const c of [...required, ...optional]) {
    const k = norm.findIndex((h) => (HEADERS[c] as readonly string[]).includes(h));
    if (k >= 0) index[c] = k;
  }
  const missing = required.filter((c) => index[c] === undefined);
  if (missing.length) throw new AdmissionsInputError(missing.map((c) => ({ file: fileName, row: 1, column: c, message: `缺少列 ${HEADERS[c].join(' / ')} / no column ${c} in the header row` })));
  return index;
}

const cell = (cells: string[], k: number | undefined) => (k === undefined ? '' : (cells[k] ?? '').trim());

function wholeNumber(text: string, row: number, column: Column, problems: InputProblem[], min: number): number {
  const v = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(v) && v >= min)) problems.push({ row, column, message: `应为 ≥ ${min} 的整数，而不是“${text}” / must be a whole number ≥ ${min}, not "${text}"` });
  return v;
}

/** Options of the applicant readers. */
export interface ReadOptions {
  /** Refuse applicant IDs that look like 身份证号 (the server does: IDs are published). */
  refuseIdCards?: boolean;
}

function idCardProblems(rows: { applicantId: string; row: number }[], opts: ReadOptions): InputProblem[] {
  if (!opts.refuseIdCards) return [];
  return rows
    .filter((r) => looksLikeIdCard(r.applicantId.trim()))
    .map((r) => ({
      row: r.row,
      column: 'applicant_id',
      message: '报名编号像身份证号：编号会公示，请改用报名号 / the applicant ID looks like an ID-card number; IDs are published, use a registration number',
    }));
}

function done<T>(rows: T[], problems: InputProblem[], fileName: string): T[] {
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (problems.length) throw new AdmissionsInputError(problems.map((p) => ({ ...p, file: fileName })));
  if (rows.length === 0) throw new AdmissionsInputError([{ message: `${fileName} 没有数据行 / ${fileName} has no data rows` }]);
  return rows;
}

/** A child's name beside the row (the bureau's only): never hashed, never published in full. */
export type Named<T> = T & { name: string | null };

/** applicant_id and an optional priority (default 1); an optional name is kept aside; other columns are ignored. Names are never hashed. */
export async function readLotteryApplicants(buf: Buffer, fileName: string, opts: ReadOptions = {}): Promise<Named<LotteryApplicant>[]> {
  const table = await readTable(buf, fileName);
  const col = columns(table, fileName, ['applicant_id'], ['priority', 'name']);
  const problems: InputProblem[] = [];
  const rows = table.rows.map(({ row, cells }) => {
    const p = cell(cells, col.priority);
    return { applicantId: cell(cells, col.applicant_id), priority: p === '' ? 1 : wholeNumber(p, row, 'priority', problems, 1), row, name: cell(cells, col.name) || null };
  });
  // The ID problems too (empty, repeated — an applicant in two priority groups is a repeated ID), all in one answer.
  try {
    normalizeLotteryApplicants(rows.map((r) => (Number.isSafeInteger(r.priority) && r.priority >= 1 ? r : { ...r, priority: 1 })));
  } catch (e) {
    if (!(e instanceof AdmissionsInputError)) throw e;
    problems.push(...e.problems);
  }
  problems.push(...idCardProblems(rows, opts));
  return done(rows, problems, fileName);
}

/** applicant_id and choices (school codes separated by |, most wanted first). */
export async function readAssignApplicants(buf: Buffer, fileName: string, opts: ReadOptions = {}): Promise<Named<AssignApplicant>[]> {
  const table = await readTable(buf, fileName);
  const col = columns(table, fileName, ['applicant_id', 'choices'], ['name']);
  const rows = table.rows.map(({ row, cells }) => {
    const raw = cell(cells, col.choices);
    return { applicantId: cell(cells, col.applicant_id), choices: raw === '' ? [] : raw.split('|'), row, name: cell(cells, col.name) || null };
  });
  return done(rows, idCardProblems(rows, opts), fileName);
}

/** school_code and seats. */
export async function readSchoolSeats(buf: Buffer, fileName: string): Promise<SchoolSeats[]> {
  const table = await readTable(buf, fileName);
  const col = columns(table, fileName, ['school_code', 'seats']);
  const problems: InputProblem[] = [];
  const rows = table.rows.map(({ row, cells }) => ({ schoolCode: cell(cells, col.school_code), seats: wholeNumber(cell(cells, col.seats), row, 'seats', problems, 1), row }));
  return done(rows, problems, fileName);
}

/** school_code, graduates and rural (1/0, 是/否). */
export async function readQuotaSchools(buf: Buffer, fileName: string): Promise<QuotaSchool[]> {
  const table = await readTable(buf, fileName);
  const col = columns(table, fileName, ['school_code', 'graduates', 'rural']);
  const problems: InputProblem[] = [];
  const rows = table.rows.map(({ row, cells }) => {
    const r = cell(cells, col.rural);
    const rural = r === '1' || r === '是' ? true : r === '0' || r === '否' ? false : null;
    if (rural === null) problems.push({ row, column: 'rural', message: `应为 1/0 或 是/否，而不是“${r}” / must be 1/0 (or 是/否), not "${r}"` });
    return { schoolCode: cell(cells, col.school_code), graduates: wholeNumber(cell(cells, col.graduates), row, 'graduates', problems, 0), rural: rural ?? false, row };
  });
  return done(rows, problems, fileName);
}
