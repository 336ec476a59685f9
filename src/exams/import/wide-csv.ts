// A wide score sheet (one row per student: 学籍号, 姓名, 学校代码, 班级, one column per subject) → typed columns:
// one Float64Array of scores per subject (NaN = no score), the school of each student as an Int32Array index.
// Bytes are parsed directly (UTF-8; GBK is converted first); every problem is located by row and column.
import { ByteKeySet } from './byte-key-set.js';
import { DuplicateKeys } from './duplicate-keys.js';
import { CsvRecordReader, FIELD_ESCAPED, FIELD_MALFORMED } from './csv-records.js';
import { toUtf8, type SourceEncoding } from './encoding.js';
import { readHeader, type Layout } from './header.js';
import { ProblemList } from './problems.js';
import { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_INVALID, CELL_NEGATIVE, CELL_SLOW, CELL_VOIDED, scoreCodeFromText, scoreFromBytes } from './score-cell.js';

export interface CellMarks {
  /** Empty cells. */
  blank: number;
  /** 缺考 */
  absent: number;
  /** 作弊: the score is void and the student is counted as absent. */
  voided: number;
  /** 免考 */
  exempt: number;
}

export interface WideScores {
  subjects: string[];
  full: number[];
  /** Per subject, one entry per student: the score, or NaN (blank, 缺考, 作弊, 免考). */
  scores: Float64Array[];
  /** Per student, the index of the school in schoolCodes. */
  school: Int32Array;
  /** In order of first appearance. */
  schoolCodes: string[];
  students: number;
  /** Per subject: every score is a multiple of 0.5. */
  halfPoints: boolean[];
  marks: CellMarks;
  encoding: SourceEncoding;
}

export function readWideCsv(buf: Buffer, fullMarks: { subjects: string[]; full: number[] }, limit = 50): { data: WideScores | null; problems: ProblemList } {
  const problems = new ProblemList(limit);
  const { bytes, encoding } = toUtf8(buf);
  const reader = new CsvRecordReader(bytes);
  if (!reader.next()) {
    problems.add({ reason: '文件为空 / the file is empty' });
    return { data: null, problems };
  }
  const header = Array.from({ length: reader.count }, (_, i) => reader.text(i).trim());
  const layout = readHeader(header, fullMarks.subjects, problems);
  if (!layout) return { data: null, problems };
  const columns = new Columns(bytes, header, layout, fullMarks.full, problems);
  while (reader.next()) columns.add(reader);
  columns.finish();
  if (columns.n === 0 && problems.count === 0) problems.add({ reason: '文件中没有学生 / no student rows below the header' });
  if (problems.count) return { data: null, problems };
  return {
    data: {
      subjects: fullMarks.subjects,
      full: fullMarks.full,
      scores: columns.scores.map((a) => a.subarray(0, columns.n)),
      school: columns.school.subarray(0, columns.n),
      schoolCodes: columns.schoolCodes,
      students: columns.n,
      halfPoints: Array.from(columns.half, (h) => h === 1),
      marks: columns.marks,
      encoding,
    },
    problems,
  };
}

const KIND_OTHER = 0;
const KIND_SUBJECT = 1;
const KIND_ID = 2;
const KIND_SCHOOL = 3;
const KIND_EMPTY = 4;

const isBlank = (c: number) => c === 32 || c === 9;

/** The growing typed columns, one student row at a time. */
class Columns {
  n = 0;
  capacity: number;
  scores: Float64Array[];
  school: Int32Array;
  readonly half: Uint8Array;
  readonly marks: CellMarks = { blank: 0, absent: 0, voided: 0, exempt: 0 };
  readonly schoolCodes: string[] = [];
  private readonly kind: Uint8Array;
  private readonly subjectOf: Int32Array;
  private readonly full: Float64Array;
  private readonly ids: DuplicateKeys;
  private readonly schoolKeys: ByteKeySet;
  private readonly schoolIndex = new Map<string, number>();
  private prevStart = -1;
  private prevEnd = -1;
  private prevSchool = -1;

  constructor(
    private readonly bytes: Buffer,
    private readonly header: string[],
    private readonly layout: Layout,
    full: number[],
    private readonly problems: ProblemList,
  ) {
    const nCols = header.length;
    this.kind = new Uint8Array(nCols);
    this.subjectOf = new Int32Array(nCols).fill(-1);
    layout.columns.forEach((c, i) => {
      if (typeof c === 'number') {
        this.kind[i] = KIND_SUBJECT;
        this.subjectOf[i] = c;
      } else this.kind[i] = c === 'id' ? KIND_ID : c === 'school' ? KIND_SCHOOL : c === 'empty' ? KIND_EMPTY : KIND_OTHER;
    });
    this.full = Float64Array.from(full);
    this.half = new Uint8Array(full.length).fill(1);
    this.capacity = Math.max(1024, Math.ceil(bytes.length / 64));
    this.scores = full.map(() => new Float64Array(this.capacity));
    this.school = new Int32Array(this.capacity);
    this.ids = new DuplicateKeys(bytes, this.capacity);
    this.schoolKeys = new ByteKeySet(bytes, 256);
  }

  add(reader: CsvRecordReader): void {
    const { count, starts, ends, flags } = reader;
    let any = false;
    for (let c = 0; c < count; c++)
      if (ends[c] > starts[c]) {
        any = true;
        break;
      }
    if (!any) return; // an empty line, or a row of empty cells as Excel leaves them
    if (this.n === this.capacity) this.grow();
    const row = reader.record;
    const { kind, subjectOf, full, half, scores, bytes, n } = this;
    const nCols = kind.length;
    for (let c = 0; c < nCols; c++) {
      const k = kind[c];
      const present = c < count;
      if (present && flags[c] !== 0) {
        if (flags[c] & FIELD_MALFORMED) this.problem(row, c, '引号不配对 / unbalanced quotes');
        if (k === KIND_SUBJECT) {
          this.score(reader, row, c, CELL_SLOW);
          continue;
        }
      }
      if (k === KIND_SUBJECT) {
        const s = subjectOf[c];
        const v = present ? scoreFromBytes(bytes, starts[c], ends[c]) : CELL_BLANK;
        if (v >= 0 && v <= full[s]) {
          // The common case, kept small: a score within full marks.
          scores[s][n] = v;
          const d = v * 2;
          if (d !== Math.floor(d)) half[s] = 0;
        } else this.score(reader, row, c, v);
      } else if (k === KIND_EMPTY && present && ends[c] > starts[c]) this.problems.add({ row, col: c, reason: '此列没有列名 / this column has no header' });
    }
    for (let c = nCols; c < count; c++)
      if (ends[c] > starts[c]) {
        this.problems.add({ row, col: c, reason: `本行比表头多出单元格 / cell beyond the last header column` });
        break;
      }
    this.id(reader, row);
    this.school[this.n] = this.schoolOf(reader, row);
    this.n++;
  }

  /** Everything but a plain score: marks, blanks, the text parser, scores out of range. */
  private score(reader: CsvRecordReader, row: number, c: number, code: number): void {
    const s = this.subjectOf[c];
    let v = code === CELL_SLOW ? this.slowScore(reader, row, c) : code;
    if (v >= 0) {
      if (v > this.full[s]) {
        this.problem(row, c, `分数 ${v} 高于满分 ${this.full[s]} / score above full marks`);
        v = NaN;
      } else {
        const d = v * 2;
        if (d !== Math.floor(d)) this.half[s] = 0;
      }
      this.scores[s][this.n] = v;
      return;
    }
    this.scores[s][this.n] = NaN;
    if (v === CELL_BLANK) this.marks.blank++;
    else if (v === CELL_ABSENT) this.marks.absent++;
    else if (v === CELL_VOIDED) this.marks.voided++;
    else if (v === CELL_EXEMPT) this.marks.exempt++;
  }

  private slowScore(reader: CsvRecordReader, row: number, c: number): number {
    const text = reader.text(c);
    const code = scoreCodeFromText(text);
    if (code === CELL_NEGATIVE) {
      this.problem(row, c, `分数为负 (${text.trim()}) / negative score`);
      return NaN;
    }
    if (code === CELL_INVALID) {
      this.problem(row, c, `不是分数 ("${text.trim()}"),应为数字或 缺考/作弊/免考 / not a number (nor 缺考, 作弊, 免考)`);
      return NaN;
    }
    return code;
  }

  private id(reader: CsvRecordReader, row: number): void {
    const c = this.layout.idCol;
    let s = c < reader.count ? reader.starts[c] : 0;
    let e = c < reader.count ? reader.ends[c] : 0;
    while (s < e && isBlank(this.bytes[s])) s++;
    while (e > s && isBlank(this.bytes[e - 1])) e--;
    if (s === e) return this.problem(row, c, '学籍号为空 / empty student id');
    this.ids.add(s, e, row);
  }

  /** After the last row: repeated 学籍号. */
  finish(): void {
    const c = this.layout.idCol;
    for (const d of this.ids.duplicates()) this.problem(d.row, c, `学籍号 ${this.bytes.toString('utf8', d.start, d.end)} 与第${d.first}行重复 / duplicate of row ${d.first}`);
  }

  private schoolOf(reader: CsvRecordReader, row: number): number {
    const c = this.layout.schoolCol;
    const bytes = this.bytes;
    let s = c < reader.count ? reader.starts[c] : 0;
    let e = c < reader.count ? reader.ends[c] : 0;
    while (s < e && isBlank(bytes[s])) s++;
    while (e > s && isBlank(bytes[e - 1])) e--;
    if (s === e) {
      this.problem(row, c, '学校代码为空 / empty school code');
      return 0;
    }
    let same = e - s === this.prevEnd - this.prevStart;
    for (let k = 0; same && k < e - s; k++) same = bytes[s + k] === bytes[this.prevStart + k];
    if (same) return this.prevSchool;
    // Byte-keyed lookup, no string per row; a new code is decoded once.
    let index = this.schoolKeys.add(s, e, this.schoolCodes.length);
    if (index < 0) {
      const code = reader.text(c).trim();
      const earlier = this.schoolIndex.get(code); // the same code written differently (e.g. other spaces)
      if (earlier !== undefined) this.schoolKeys.setLastValue((index = earlier));
      else this.schoolIndex.set(code, (index = this.schoolCodes.push(code) - 1));
    }
    this.prevSchool = index;
    this.prevStart = s;
    this.prevEnd = e;
    return index;
  }

  private problem(row: number, col: number, reason: string): void {
    this.problems.add({ row, col, header: this.header[col], reason });
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 1.5);
    this.scores = this.scores.map((a) => {
      const b = new Float64Array(this.capacity);
      b.set(a);
      return b;
    });
    const s = new Int32Array(this.capacity);
    s.set(this.school);
    this.school = s;
  }
}
