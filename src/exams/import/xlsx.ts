// .xlsx score sheets through exceljs' STREAMING reader (openXlsxReader: a whole-workbook read needs ~8× the memory).
// Every sheet whose header (within its first ten rows) names a student-id column is read; other sheets (说明, 封面)
// are skipped. A title row above the header (e.g. "2024年中考成绩") is allowed.
//
// Two guards around exceljs 4.4.0's streaming reader, which decodes every chunk of XML on its own (a shared
// TextDecoder without {stream: true}): a Chinese character split across two inflated chunks (every 16 KiB) became
// U+FFFD — measured: 30 garbled names in a 100,000-row file, and 缺考 turned into "not a number" problems.
//  1. Each zip entry stream is given setEncoding('utf8'), so exceljs receives whole characters as strings.
//  2. That helps only entries parsed straight from the zip. exceljs copies a worksheet to a temp file (re-read as raw
//     Buffers: the same bug) when it arrives before xl/sharedStrings.xml and the workbook rels — which is the order
//     Excel and exceljs write, and always so when there is no sharedStrings.xml. So the zip's local records are
//     re-ordered (no recompression) to put the workbook, its rels and the shared strings first, adding an empty
//     sharedStrings.xml when there is none. As a bonus nothing is written to temp files.
import { crc32 } from 'node:zlib';
import type { Readable } from 'node:stream';
import { looksLikeZip, openXlsxReader, scalarOf, type Scalar } from '../../registry/excel.js';
import { CELL_BLANK, CELL_INVALID, CELL_NEGATIVE, scoreCodeFromText, type RowCells } from './cells.js';
import { detectLayout, isHeaderRow, type ItemHeader } from './detect.js';
import type { ExamBuilder } from './builder.js';
import type { ExamProblems } from './problems-list.js';
import type { Progress } from './csv-rows.js';

function textOf(s: Scalar): string {
  if (s === null) return '';
  if (typeof s === 'string') return s.trim();
  if (typeof s === 'number') return Number.isInteger(s) && Math.abs(s) < 1e21 ? s.toFixed(0) : String(s);
  if (typeof s === 'boolean') return String(s);
  if (s instanceof Date) return Number.isNaN(s.getTime()) ? '' : s.toISOString().slice(0, 10);
  if ('error' in s) return s.error;
  return '#公式无结果';
}

class XlsxRow implements RowCells {
  row = 0;
  empty = true;
  private values: unknown[] = [];
  load(row: number, values: unknown[]): void {
    this.row = row;
    this.values = values;
    this.empty = true;
    for (let i = 1; i < values.length; i++) {
      const v = values[i];
      if (v !== undefined && v !== null && textOf(scalarOf(v)) !== '') {
        this.empty = false;
        break;
      }
    }
  }
  text(col: number): string {
    return textOf(scalarOf(this.values[col + 1]));
  }
  score(col: number): number {
    const s = scalarOf(this.values[col + 1]);
    if (s === null) return CELL_BLANK;
    if (typeof s === 'number') return Number.isNaN(s) ? CELL_INVALID : s < 0 ? CELL_NEGATIVE : s + 0;
    if (typeof s === 'string') return scoreCodeFromText(s);
    return CELL_INVALID;
  }
}

interface StreamSheet extends AsyncIterable<{ number: number; values: unknown }> {
  name?: string;
}

/** Entries exceljs needs before the worksheets, in this order. */
const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/**
 * The zip's local-file records (header, data, data descriptor) re-ordered so that FIRST come first, with an empty
 * xl/sharedStrings.xml added when missing, then the original central directory.
 * null when the central directory cannot be read (the caller then uses the file as it is).
 */
export function xlsxInReadingOrder(buf: Buffer): Buffer | null {
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 65535); p--)
    if (buf.readUInt32LE(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset >= buf.length) return null; // zip64: leave as is
  const entries: { name: string; offset: number }[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    if (offset >= cdOffset || buf.readUInt32LE(offset) !== 0x04034b50) return null;
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const records = new Map<string, Buffer>();
  byOffset.forEach((e, k) => records.set(e.name, buf.subarray(e.offset, k + 1 < byOffset.length ? byOffset[k + 1].offset : cdOffset)));
  if (!records.has('xl/sharedStrings.xml')) records.set('xl/sharedStrings.xml', storedEntry('xl/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'));
  const order = [...FIRST.filter((n) => records.has(n)), ...byOffset.map((e) => e.name).filter((n) => !FIRST.includes(n))];
  // The streaming reader ends at the central directory (its offsets, now stale, are not read).
  return Buffer.concat([...order.map((n) => records.get(n)!), buf.subarray(cdOffset)]);
}

/** A local-file record of an uncompressed entry. */
function storedEntry(name: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt32LE(crc32(data) >>> 0, 14);
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(data.length, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([h, nameBytes, data]);
}

/** Makes every zip entry the reader iterates a UTF-8 text stream (guard 1 above). */
function decodeEntries(reader: ReturnType<typeof openXlsxReader>): void {
  const input = (reader as unknown as { input: Readable }).input;
  const pipe = input.pipe.bind(input);
  input.pipe = (<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    const zip = dest as unknown as Readable;
    const push = zip.push.bind(zip);
    zip.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk && typeof (chunk as Readable).setEncoding === 'function') (chunk as Readable).setEncoding('utf8');
      return push(chunk, encoding);
    };
    return pipe(dest, options);
  }) as Readable['pipe'];
}

export async function readXlsxInto(buf: Buffer, builder: ExamBuilder, subjects: readonly string[], problems: ExamProblems, progress?: Progress, items: readonly ItemHeader[] = []): Promise<void> {
  const invalid = () => problems.add('', 0, undefined, '', '不是有效的 .xlsx 文件(.xls 请另存为 .xlsx 或 CSV) / not a valid .xlsx file (save an .xls as .xlsx or CSV)');
  if (!looksLikeZip(buf)) return invalid();
  let sheets = 0;
  let dataSheets = 0;
  let rows = 0;
  const row = new XlsxRow();
  const reader = openXlsxReader(xlsxInReadingOrder(buf) ?? buf);
  decodeEntries(reader);
  try {
    for await (const ws of reader as unknown as AsyncIterable<StreamSheet>) {
      sheets++;
      const name = ws.name ?? `Sheet${sheets}`;
      let header: string[] | null = null;
      let skip = false;
      let seen = 0;
      for await (const r of ws) {
        if (skip) continue; // drain: the zip stream must move on
        const values = Array.isArray(r.values) ? (r.values as unknown[]) : [];
        if (header === null) {
          row.load(r.number, values);
          if (row.empty) continue;
          const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => row.text(i));
          if (isHeaderRow(cells)) {
            header = cells;
            const { layout, problems: hp } = detectLayout(cells, subjects, items);
            for (const p of hp) problems.add(name, r.number, p.col, p.col === undefined ? '' : cells[p.col], p.reason);
            if (!layout) skip = true;
            else {
              builder.beginSheet(name, cells, layout);
              dataSheets++;
            }
          } else if (++seen >= 10) skip = true; // not a score sheet
          continue;
        }
        row.load(r.number, values);
        if (row.empty) continue;
        builder.addRow(row);
        if (++rows % 20000 === 0) progress?.(rows, 0);
      }
    }
  } catch {
    return invalid();
  }
  if (sheets === 0) return invalid();
  if (dataSheets === 0 && problems.count === 0) problems.add('', 0, undefined, '', '没有找到成绩表:前 10 行中需要有「学籍号」列的表头 / no score sheet: a header with a student id column (学籍号) is needed within the first 10 rows');
  progress?.(rows, rows);
}
