// Reading an import file's table (xlsx/CSV, UTF-8 or GBK, via readTable) and finding its columns by their accepted
// header names; the fitness, vision and homework/sleep imports share these steps. A damaged file or a missing
// required column is a problem of the file (import-problems.ts), not an exception.
import { readTable, type Table } from '../core/tabular.js';
import { AppError } from '../core/http/errors.js';
import type { ImportProblem } from './import-problems.js';

/** A header as compared: no spaces, no unit in brackets, × for x/X/*, lower case. */
export const normHeader = (h: string): string =>
  h
    .replace(/\s+/g, '')
    .replace(/[(（][^)）]*[)）]$/, '')
    .replace(/[xX*＊]/g, '×')
    .toLowerCase();

/** The file's table, or the one problem that it cannot be read. */
export async function readImportTable(buf: Buffer, fileName: string): Promise<{ table: Table; problems?: undefined } | { table?: undefined; problems: ImportProblem[] }> {
  try {
    return { table: await readTable(buf, fileName) };
  } catch (e) {
    // The xlsx limits answer 413 / 422 themselves; anything else (a damaged file, a CSV row over the limit) is a problem of the file.
    if (e instanceof AppError) throw e;
    return { problems: [{ row: null, column: null, message: (e as Error).message }] };
  }
}

/**
 * Where each column is (the first header matching one of its names), and a problem (row 1) for each required column
 * not found, named by its first (Chinese) name with its last (English) name in brackets.
 */
export function findColumns<K extends string>(header: string[], columns: Record<K, readonly string[]>, required: readonly K[]): { at: Partial<Record<K, number>>; problems: ImportProblem[] } {
  const heads = header.map(normHeader);
  const at: Partial<Record<K, number>> = {};
  for (const [k, names] of Object.entries(columns) as [K, readonly string[]][]) {
    const i = heads.findIndex((h) => names.some((n) => normHeader(n) === h));
    if (i >= 0) at[k] = i;
  }
  const problems = required
    .filter((k) => at[k] === undefined)
    .map((k) => {
      const names = columns[k];
      return { row: 1, column: names[0], message: `缺少列“${names[0]}” / the header row has no column ${names[0]} (${names[names.length - 1]})` };
    });
  return { at, problems };
}

/** The problem of a file with a header row and nothing under it. */
export const noDataRows = (): ImportProblem => ({ row: null, column: null, message: '文件没有数据行 / the file has no data rows' });
