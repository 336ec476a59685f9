// CSV rows for the exam import: UTF-8 or GBK bytes (encoding.ts), RFC 4180 records read straight from the bytes
// (csv-records.ts), scores by the byte parser with the text parser as the fallback (score-cell.ts).
import { CsvRecordReader, FIELD_ESCAPED, FIELD_MALFORMED } from './csv-records.js';
import { CELL_BLANK, scoreCodeFromText, type RowCells } from './cells.js';
import { CELL_SLOW, scoreFromBytes } from './score-cell.js';
import { toUtf8, type SourceEncoding } from './encoding.js';
import { detectLayout, isHeaderRow, type ItemHeader } from './detect.js';
import type { ExamBuilder } from './builder.js';
import type { ExamProblems } from './problems-list.js';

export type Progress = (done: number, total: number) => void;

class CsvRow implements RowCells {
  empty = true;
  constructor(
    private readonly reader: CsvRecordReader,
    private readonly bytes: Buffer,
  ) {}
  get row() {
    return this.reader.record;
  }
  /** Recomputes `empty` for the record just read. */
  load(): void {
    const { count, starts, ends } = this.reader;
    const b = this.bytes;
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
    const v = scoreFromBytes(this.bytes, r.starts[col], r.ends[col]);
    return v === CELL_SLOW ? scoreCodeFromText(r.text(col)) : v;
  }
}

/** Reads a CSV into the builder. The header is the first row (of the first ten) that names a student-id column. */
export async function readCsvInto(buf: Buffer, builder: ExamBuilder, subjects: readonly string[], problems: ExamProblems, progress?: Progress, items: readonly ItemHeader[] = []): Promise<{ encoding: SourceEncoding }> {
  const { bytes, encoding } = toUtf8(buf);
  if (bytes.length > 0x7fffffff) {
    problems.add('', 0, undefined, '', '文件超过 2 GB / the file is larger than 2 GB');
    return { encoding };
  }
  const reader = new CsvRecordReader(bytes);
  const row = new CsvRow(reader, bytes);
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
    return { encoding };
  }
  const headerRow = reader.record;
  const { layout, problems: headerProblems } = detectLayout(header, subjects, items);
  for (const p of headerProblems) problems.add('', headerRow, p.col, p.col === undefined ? '' : header[p.col].trim(), p.reason);
  if (!layout) return { encoding };
  builder.beginSheet('', header, layout);
  const total = bytes.length;
  let k = 0;
  while (reader.next()) {
    row.load();
    if (row.empty) continue;
    for (let c = 0; c < reader.count; c++)
      if (reader.flags[c] & FIELD_MALFORMED) problems.add('', reader.record, c, (header[c] ?? '').trim(), '引号不配对 / unbalanced quotes');
    builder.addRow(row);
    if (++k % 20000 === 0) {
      progress?.(reader.ends[reader.count - 1], total);
      await new Promise((r) => setImmediate(r)); // let HTTP (progress polling) through
    }
  }
  progress?.(total, total);
  return { encoding };
}
