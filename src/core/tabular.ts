// Reads a flat table (first sheet of an .xlsx, or a CSV in UTF-8 or GBK) into header + rows of text cells,
// keeping each row's number in the file so that errors can name it.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { looksLikeZip, openXlsxReader } from './xlsx/reader.js';
import { scalarOf } from './xlsx/cells.js';
import { csvLimits } from './xlsx/limits.js';

export interface Table {
  header: string[];
  rows: { row: number; cells: string[] }[];
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a UTF-8 byte-order mark is dropped. A record of more
 * fields or characters than csvLimits() (core/xlsx/limits.ts) throws, naming its row.
 */
export function parseCsv(text: string, limits = csvLimits()): string[][] {
  const out: string[][] = [];
  let lineStart = 0;
  const check = (i: number) => {
    if (row.length >= limits.columns) throw new Error(`第 ${out.length + 1} 行超过 ${limits.columns} 列的上限 / row ${out.length + 1} has more than the limit of ${limits.columns} columns`);
    if (i - lineStart > limits.lineBytes)
      throw new Error(`第 ${out.length + 1} 行超过 ${Math.round(limits.lineBytes / 1024)} KB 的上限 / row ${out.length + 1} is longer than the limit of ${Math.round(limits.lineBytes / 1024)} KB`);
  };
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      check(i);
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      check(i);
      if (c === '\r' && s[i + 1] === '\n') i++;
      lineStart = i + 1;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    check(s.length);
    row.push(field);
    out.push(row);
  }
  return out;
}

export async function readTable(buf: Buffer, fileName: string): Promise<Table> {
  if (/\.xlsx$/i.test(fileName)) {
    if (!looksLikeZip(buf)) throw new Error(`${fileName}: 不是有效的 .xlsx 文件 / not a valid .xlsx file`);
    for await (const sheet of openXlsxReader(buf, { fileName }) as unknown as AsyncIterable<AsyncIterable<{ number: number; values: unknown[] }>>) {
      const rows: { row: number; cells: string[] }[] = [];
      for await (const r of sheet) {
        const cells = Array.from(r.values.slice(1), (v) => {
          const x = scalarOf(v);
          return x == null || typeof x === 'object' ? (x instanceof Date ? x.toISOString() : '') : String(x);
        });
        rows.push({ row: r.number, cells });
      }
      const [head, ...rest] = rows;
      return { header: head?.cells.map((h) => h.trim()) ?? [], rows: rest.filter((r) => r.cells.some((c) => c.trim() !== '')) };
    }
    return { header: [], rows: [] };
  }
  const all = parseCsv(csvText(buf));
  const [head, ...rest] = all;
  return {
    header: (head ?? []).map((h) => h.trim()),
    rows: rest.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

/** A CSV's text: valid UTF-8 (with or without a byte-order mark) as is, anything else read as GBK (Excel's "CSV" on Chinese Windows) through GB18030, its superset. */
export function csvText(buf: Buffer): string {
  return isUtf8(buf) ? buf.toString('utf8') : iconv.decode(buf, 'gb18030');
}
