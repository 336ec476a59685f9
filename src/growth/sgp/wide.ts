// The WIDE input of the SGP package's sgpData: ID, GRADE_<year>…, SS_<year>… (one row per student; an empty cell
// or NA = no score that year). Read from .csv or .csv.gz; every problem is reported with its line and column.
import { gunzipSync } from 'node:zlib';
import { parseCsvRecords } from './csv.js';

export interface WideData {
  ids: string[];
  /** Ascending years that have both a GRADE_ and an SS_ column. */
  years: number[];
  /** grade[y][i], score[y][i] for year index y and student i; NaN = missing. */
  grade: Float64Array[];
  score: Float64Array[];
  /** Optional SCHOOL_<year> columns (school of the student that year; '' = unknown), by year index. */
  school: (string[] | null)[];
}

export interface InputProblem {
  line?: number;
  column?: string;
  reason: string;
}

export class WideInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map(describeProblem).join('\n'));
  }
}

export function describeProblem(p: InputProblem): string {
  const where = p.line !== undefined ? `第${p.line}行 / line ${p.line}${p.column ? `, ${p.column}` : ''}` : (p.column ?? '');
  return where ? `${where}: ${p.reason}` : p.reason;
}

/** Bytes of a .csv or .csv.gz (gzip is recognised by its magic number). */
export function wideText(buf: Buffer): string {
  const gz = buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  return (gz ? gunzipSync(buf) : buf).toString('utf8');
}

const MAX_PROBLEMS = 50;

export function parseWide(text: string): WideData {
  const records = parseCsvRecords(text);
  const problems: InputProblem[] = [];
  const header = records[0]?.cells.map((h) => h.trim()) ?? [];
  const col = new Map(header.map((h, k) => [h.toUpperCase(), k]));
  if (!col.has('ID')) problems.push({ column: 'ID', reason: '缺少列 / missing column ID' });
  const yearsOf = (prefix: string) => header.flatMap((h) => (new RegExp(`^${prefix}_(\\d{4})$`, 'i').exec(h) ? [Number(h.slice(prefix.length + 1))] : []));
  const gradeYears = yearsOf('GRADE');
  const scoreYears = yearsOf('SS');
  for (const y of gradeYears) if (!scoreYears.includes(y)) problems.push({ column: `SS_${y}`, reason: `缺少列 / missing column SS_${y} (GRADE_${y} is present)` });
  for (const y of scoreYears) if (!gradeYears.includes(y)) problems.push({ column: `GRADE_${y}`, reason: `缺少列 / missing column GRADE_${y} (SS_${y} is present)` });
  const years = gradeYears.filter((y) => scoreYears.includes(y)).sort((a, b) => a - b);
  if (problems.length === 0 && years.length < 2) problems.push({ reason: '需要至少两年的 GRADE_<year> 和 SS_<year> 列 / need GRADE_<year> and SS_<year> columns for at least two years' });
  if (problems.length) throw new WideInputError(problems);

  const rows = records.slice(1);
  const n = rows.length;
  const ids: string[] = new Array(n);
  const grade = years.map(() => new Float64Array(n));
  const score = years.map(() => new Float64Array(n));
  const school = years.map((y) => (col.has(`SCHOOL_${y}`) ? new Array<string>(n).fill('') : null));
  const idCol = col.get('ID')!;
  const seen = new Map<string, number>();
  const number = (cell: string | undefined, line: number, column: string): number => {
    const s = (cell ?? '').trim();
    if (s === '' || s === 'NA') return NaN;
    const v = Number(s);
    if (!Number.isFinite(v)) {
      if (problems.length < MAX_PROBLEMS) problems.push({ line, column, reason: `不是数字 / not a number: "${s}"` });
      return NaN;
    }
    return v;
  };
  rows.forEach((rec, i) => {
    const id = (rec.cells[idCol] ?? '').trim();
    if (id === '' && problems.length < MAX_PROBLEMS) problems.push({ line: rec.line, column: 'ID', reason: '学生编号为空 / empty ID' });
    const dup = seen.get(id);
    if (id !== '' && dup !== undefined && problems.length < MAX_PROBLEMS) problems.push({ line: rec.line, column: 'ID', reason: `重复的学生编号 / duplicate ID ${id} (also line ${dup})` });
    seen.set(id, rec.line);
    ids[i] = id;
    years.forEach((y, t) => {
      const g = number(rec.cells[col.get(`GRADE_${y}`)!], rec.line, `GRADE_${y}`);
      const v = number(rec.cells[col.get(`SS_${y}`)!], rec.line, `SS_${y}`);
      grade[t][i] = g;
      score[t][i] = v;
      const sc = school[t];
      if (sc) sc[i] = (rec.cells[col.get(`SCHOOL_${y}`)!] ?? '').trim();
      if (!Number.isNaN(v) && Number.isNaN(g) && (rec.cells[col.get(`GRADE_${y}`)!] ?? '').trim() === '' && problems.length < MAX_PROBLEMS)
        problems.push({ line: rec.line, column: `GRADE_${y}`, reason: `有分数但没有年级 / a score without a grade` });
    });
  });
  if (problems.length) throw new WideInputError(problems);
  return { ids, years, grade, score, school };
}
