// Reads a LONG score file as in SGPdata's sgpData_LONG (one row per student × subject × year; CSV, optionally gzip):
// CONTENT_AREA, YEAR, ID, GRADE, SCALE_SCORE, SCHOOL_NUMBER [, VALID_CASE] [, CLASS]. Only rows of the chosen subject
// in the two chosen years are parsed; rows whose VALID_CASE is not "VALID_CASE" are ignored. Problems name row and column.
import { gunzipSync } from 'node:zlib';
import { CsvRecordReader } from '../../exams/import/csv-records.js';
import { ProblemList } from '../../exams/import/problems.js';
import type { Exam, ExamRecord } from '../linkage/link.js';
import { cellNumber, cellText } from './csv-cells.js';

export const LONG_COLUMNS = ['CONTENT_AREA', 'YEAR', 'ID', 'GRADE', 'SCALE_SCORE', 'SCHOOL_NUMBER'] as const;

export interface LongSelection {
  subject: string;
  from: string;
  to: string;
}

export interface LongRead {
  exams: [Exam, Exam] | null;
  problems: ProblemList;
  /** Rows skipped because VALID_CASE is not VALID_CASE. */
  invalidCases: number;
}

/** The file's bytes, gunzipped when they start with the gzip magic number 1f 8b. */
export function fileBytes(buf: Buffer): Buffer {
  return buf.length > 1 && buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf;
}

export function readLongCsv(raw: Buffer, sel: LongSelection): LongRead {
  const buf = fileBytes(raw);
  const problems = new ProblemList();
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const rd = new CsvRecordReader(buf, start);
  if (!rd.next()) return (problems.add({ reason: '文件为空 / empty file' }), { exams: null, problems, invalidCases: 0 });
  const header = Array.from({ length: rd.count }, (_, i) => rd.text(i).trim().toUpperCase());
  const col = (name: string) => header.indexOf(name);
  for (const name of LONG_COLUMNS) if (col(name) < 0) problems.add({ row: 1, reason: `缺少列 / missing column ${name}` });
  if (problems.count) return { exams: null, problems, invalidCases: 0 };
  const c = {
    subject: col('CONTENT_AREA'),
    year: col('YEAR'),
    id: col('ID'),
    grade: col('GRADE'),
    score: col('SCALE_SCORE'),
    school: col('SCHOOL_NUMBER'),
    valid: col('VALID_CASE'),
    klass: col('CLASS'),
  };
  const subject = Buffer.from(sel.subject);
  const years = [Buffer.from(sel.from), Buffer.from(sel.to)];
  const validCase = Buffer.from('VALID_CASE');
  const records: ExamRecord[][] = [[], []];
  let invalidCases = 0;
  const is = (i: number, want: Buffer) => i < rd.count && rd.ends[i] - rd.starts[i] === want.length && buf.compare(want, 0, want.length, rd.starts[i], rd.ends[i]) === 0;
  const cell = (i: number) => cellText(buf, rd, i);
  while (rd.next()) {
    if (rd.count === 1 && rd.ends[0] === rd.starts[0]) continue; // blank line
    if (!is(c.subject, subject)) continue;
    const y = is(c.year, years[0]) ? 0 : is(c.year, years[1]) ? 1 : -1;
    if (y < 0) continue;
    if (c.valid >= 0 && !is(c.valid, validCase)) {
      invalidCases++;
      continue;
    }
    const row = rd.record;
    const id = cell(c.id);
    if (!id) problems.add({ row, col: c.id, header: 'ID', reason: '缺少学籍号 / empty ID' });
    const grade = cellNumber(buf, rd, c.grade);
    if (grade === null || Number.isNaN(grade)) problems.add({ row, col: c.grade, header: 'GRADE', reason: `年级不是数字 / GRADE is not a number: "${cell(c.grade)}"` });
    const score = cellNumber(buf, rd, c.score);
    if (Number.isNaN(score)) problems.add({ row, col: c.score, header: 'SCALE_SCORE', reason: `分数不是数字 / SCALE_SCORE is not a number: "${cell(c.score)}"` });
    const school = cell(c.school);
    if (y === 1 && !school && score !== null) problems.add({ row, col: c.school, header: 'SCHOOL_NUMBER', reason: '缺少学校 / empty SCHOOL_NUMBER' });
    records[y].push({ id, school, class: c.klass >= 0 ? cell(c.klass) || undefined : undefined, score, row, grade: grade ?? NaN });
  }
  if (problems.count) return { exams: null, problems, invalidCases };
  return {
    exams: [
      { name: sel.from, records: records[0] },
      { name: sel.to, records: records[1] },
    ],
    problems,
    invalidCases,
  };
}
