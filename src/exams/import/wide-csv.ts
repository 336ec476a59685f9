// CSV score sheets read straight from their bytes into the exam builder: UTF-8 or GBK (converted first, encoding.ts),
// RFC 4180 records without a string per line or cell (csv-records.ts), the header found and read by detect.ts (the
// one header list), every row checked and collected by builder.ts, scores by the byte parser (score-cell.ts) with the
// text parser as the fallback. The server import reads CSV here in chunks (csv-rows.ts); `junheng exam report` reads a
// whole file at once (readWideCsv), wide (one row per student) or long (one row per student and subject).
import { ExamBuilder, type ParsedExam } from './builder.js';
import { CELL_BLANK, scoreCodeFromText, type RawCells, type RowCells } from './cells.js';
import { CsvRecordReader, FIELD_ESCAPED, FIELD_MALFORMED } from './csv-records.js';
import { detectLayout, isHeaderRow, type ItemHeader } from './detect.js';
import { toUtf8, type SourceEncoding } from './encoding.js';
import { ExamProblems } from './problems-list.js';
import { CELL_SLOW, scoreFromBytes } from './score-cell.js';
import { csvOverLimits } from '../../core/xlsx/limits.js';

/** The current record of a CsvRecordReader as the builder reads rows. */
class CsvRow implements RowCells {
  empty = true;
  readonly raw: RawCells;
  constructor(private readonly reader: CsvRecordReader) {
    this.raw = reader;
  }
  get row() {
    return this.reader.record;
  }
  /** Recomputes `empty` for the record just read. */
  load(): void {
    const { count, starts, ends, bytes: b } = this.reader;
    this.empty = true;
    for (let c = 0; c < count && this.empty; c++)
      for (let p = starts[c]; p < ends[c]; p++)
        if (b[p] !== 32 && b[p] !== 9) {
          this.empty = false;
          break;
        }
  }
  text(col: number): string {
    return col < this.reader.count ? this.reader.text(col).trim() : '';
  }
  score(col: number): number {
    const r = this.reader;
    if (col >= r.count) return CELL_BLANK;
    if (r.flags[col] & FIELD_ESCAPED) return scoreCodeFromText(r.text(col));
    const v = scoreFromBytes(r.bytes, r.starts[col], r.ends[col]);
    return v === CELL_SLOW ? scoreCodeFromText(r.text(col)) : v;
  }
}

/** One CSV file: its header (the first row of the first ten that names a student-id column), then its rows. */
export class CsvSheet {
  readonly encoding: SourceEncoding;
  readonly size: number;
  private readonly reader: CsvRecordReader | null;
  private readonly row: CsvRow | null;
  private header: string[] = [];

  constructor(buf: Buffer) {
    const { bytes, encoding } = toUtf8(buf);
    this.encoding = encoding;
    this.size = bytes.length;
    this.reader = bytes.length > 0x7fffffff ? null : new CsvRecordReader(bytes);
    this.row = this.reader && new CsvRow(this.reader);
  }

  /** Bytes read so far. */
  get position(): number {
    const r = this.reader;
    return r && r.count ? r.ends[r.count - 1] : 0;
  }

  /** Finds and reads the header and starts the builder's sheet; false (after reporting why) when no row can be read. */
  begin(builder: ExamBuilder, subjects: readonly string[], problems: ExamProblems, items: readonly ItemHeader[] = []): boolean {
    const { reader, row } = this;
    if (!reader || !row) {
      problems.add('', 0, undefined, '', '文件超过 2 GB / the file is larger than 2 GB');
      return false;
    }
    // A record of millions of fields, or one without end, is refused before it is read (core/xlsx/limits.ts).
    const over = csvOverLimits(reader.bytes);
    if (over) {
      problems.add('', over.row, undefined, '', `${over.zh},文件未读取 / ${over.en}; the file was not read`);
      return false;
    }
    let header: string[] | null = null;
    let first: string[] | null = null;
    while (header === null && reader.next()) {
      row.load();
      if (row.empty) continue;
      const cells = Array.from({ length: reader.count }, (_, i) => reader.text(i));
      first ??= cells;
      if (isHeaderRow(cells)) header = cells;
      else if (reader.record >= 10) break;
    }
    if (header === null) {
      if (first === null) problems.add('', 0, undefined, '', '文件为空 / the file is empty');
      else problems.add('', 1, undefined, '', '前 10 行中没有表头(需要「学籍号」列) / no header row with a student id column (学籍号) in the first 10 rows');
      return false;
    }
    const headerRow = reader.record;
    const { layout, problems: headerProblems } = detectLayout(header, subjects, items);
    for (const p of headerProblems) problems.add('', headerRow, p.col, p.col === undefined ? '' : header[p.col].trim(), p.reason);
    if (!layout) return false;
    this.header = header;
    builder.beginSheet('', header, layout);
    builder.reserve(Math.ceil((this.size - reader.ends[reader.count - 1]) / 64)); // a row of a score sheet is rarely shorter
    return true;
  }

  /** Gives the builder up to `max` more rows (empty ones not counted); false once the file is done. */
  rows(builder: ExamBuilder, problems: ExamProblems, max = Infinity): boolean {
    const reader = this.reader!;
    const row = this.row!;
    const header = this.header;
    let k = 0;
    while (k < max) {
      if (!reader.next()) return false;
      row.load();
      if (row.empty) continue;
      for (let c = 0; c < reader.count; c++) if (reader.flags[c] & FIELD_MALFORMED) problems.add('', reader.record, c, (header[c] ?? '').trim(), '引号不配对 / unbalanced quotes');
      builder.addRow(row);
      k++;
    }
    return true;
  }
}

/** Cells without a score, as `junheng exam report` counts them. 作弊 (voided) counts as absent: out of n and out of 总分. */
export interface CellMarks {
  /** Empty cells (and, in a long sheet, a subject without a row). */
  blank: number;
  /** 缺考 */
  absent: number;
  /** 作弊: the score is void and the student is counted as absent. */
  voided: number;
  /** 免考 */
  exempt: number;
}

/** A score sheet read for `junheng exam report`: the builder's typed columns, with the cell marks and the encoding. */
export interface WideScores extends ParsedExam {
  students: number;
  /** The cells without a score, counted by kind. */
  cellMarks: CellMarks;
  encoding: SourceEncoding;
}

/**
 * A whole CSV (UTF-8 or GBK, wide or long) → typed columns, or every problem (the first `limit` kept). Any school
 * code is accepted (there is no registry); names, gender and classes are not kept (the report has no use for them).
 * Problems print with `problems.lines(fileName)`.
 */
export function readWideCsv(buf: Buffer, fullMarks: { subjects: string[]; full: number[] }, limit = 50): { data: WideScores | null; problems: ExamProblems } {
  const problems = new ExamProblems('', limit);
  const subjects = fullMarks.subjects.map((name, i) => ({ name, full: fullMarks.full[i] }));
  const builder = new ExamBuilder({ subjects, schools: null, details: false }, problems);
  const sheet = new CsvSheet(buf);
  if (sheet.begin(builder, fullMarks.subjects, problems)) sheet.rows(builder, problems);
  const parsed = builder.finish();
  if (!parsed) return { data: null, problems };
  const c = parsed.counts;
  return {
    data: { ...parsed, students: parsed.n, cellMarks: { blank: c.blank + c.missing, absent: c.absent, voided: c.voided, exempt: c.exempt }, encoding: sheet.encoding },
    problems,
  };
}
