// CSV rows for the server's exam import: the byte-level reader of wide-csv.ts (the one `junheng exam report` uses),
// in chunks of rows between which HTTP (progress polling) gets through.
import type { ExamBuilder } from './builder.js';
import type { ItemHeader } from './detect.js';
import type { SourceEncoding } from './encoding.js';
import type { ExamProblems } from './problems-list.js';
import { CsvSheet } from './wide-csv.js';

export type Progress = (done: number, total: number) => void;

const CHUNK = 20000;

/** Reads a CSV into the builder. The header is the first row (of the first ten) that names a student-id column. */
export async function readCsvInto(
  buf: Buffer,
  builder: ExamBuilder,
  subjects: readonly string[],
  problems: ExamProblems,
  progress?: Progress,
  items: readonly ItemHeader[] = [],
): Promise<{ encoding: SourceEncoding }> {
  const sheet = new CsvSheet(buf);
  if (!sheet.begin(builder, subjects, problems, items)) return { encoding: sheet.encoding };
  while (sheet.rows(builder, problems, CHUNK)) {
    progress?.(sheet.position, sheet.size);
    await new Promise((r) => setImmediate(r)); // let HTTP (progress polling) through
  }
  progress?.(sheet.size, sheet.size);
  return { encoding: sheet.encoding };
}
