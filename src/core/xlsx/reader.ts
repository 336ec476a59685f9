// exceljs' streaming .xlsx reader (a whole-workbook read needs ~8× the memory), with guards for three bugs of
// exceljs 4.4.0 + unzipper 0.10. Every streaming read in Junheng goes through openXlsxReader.
//
// Two of the guards: around exceljs 4.4.0's streaming reader, which decodes every chunk of XML on its own (a shared
// TextDecoder without {stream: true}): a Chinese character split across two inflated chunks (every 16 KiB) became
// U+FFFD — measured: 30 garbled names in a 100,000-row file, and 缺考 turned into "not a number" problems.
//  1. Each zip entry stream is given setEncoding('utf8'), so exceljs receives whole characters as strings.
//  2. That helps only entries parsed straight from the zip. exceljs copies a worksheet to a temp file (re-read as raw
//     Buffers: the same bug) when it arrives before xl/sharedStrings.xml and the workbook rels — which is the order
//     Excel and exceljs write, and always so when there is no sharedStrings.xml. So the zip's local records are
//     re-ordered (no recompression) to put the workbook, its rels and the shared strings first, adding an empty
//     sharedStrings.xml when there is none. As a bonus nothing is written to temp files.
//  3. The early-'end' race of unzipper, described at zipSource.
// And what an upload may expand to (limits.ts): the central directory is checked before reading, and the bytes
// inflated, rows, cells and shared strings are counted while streaming (ExpansionGuard).
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { AppError } from '../http/errors.js';
import { centralDirectory, checkDeclared, limitErrors, xlsxLimits, type XlsxLimits } from './limits.js';

/** Entries exceljs needs before the worksheets, in this order. */
const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/**
 * The zip's local-file records (header, data, data descriptor) re-ordered so that FIRST come first, with an empty
 * xl/sharedStrings.xml added when missing, then the original central directory.
 * null when the central directory cannot be read (the caller then uses the file as it is).
 */
export function xlsxInReadingOrder(buf: Buffer): Buffer | null {
  const cd = centralDirectory(buf);
  if (!cd) return null; // zip64 or damaged: leave as is
  const { entries, cdOffset } = cd;
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const records = new Map<string, Buffer>();
  byOffset.forEach((e, k) => records.set(e.name, buf.subarray(e.offset, k + 1 < byOffset.length ? byOffset[k + 1].offset : cdOffset)));
  if (!records.has('xl/sharedStrings.xml'))
    records.set(
      'xl/sharedStrings.xml',
      storedEntry('xl/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'),
    );
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

/** What one read has inflated and met so far, against the limits; the first limit passed is kept as `error`. */
class ExpansionGuard {
  total = 0;
  rows = 0;
  cells = 0;
  spanned = 0;
  strings = 0;
  error: AppError | null = null;
  constructor(
    readonly fileName: string,
    readonly limits: XlsxLimits,
    /** Most bytes each entry may inflate to (the larger of its declared sizes), when the central directory was read. */
    readonly declared: Map<string, number> | null,
  ) {}
  fail(e: AppError): AppError {
    this.error ??= e;
    return this.error;
  }
}

const TAG_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2f, 0x3e]); // space, tab, LF, CR, '/', '>'

/**
 * Counts one entry's inflated bytes, and in a worksheet its <row> and <c> elements, in xl/sharedStrings.xml its <si>
 * elements — on the bytes as the inflater hands them over, before exceljs parses them (a row of a million cells is
 * refused before exceljs builds it).
 */
class EntryCounter {
  private bytes = 0;
  private rowCells = 0;
  private tail: Buffer | null = null;
  private readonly kind: 'sheet' | 'strings' | null;
  private readonly max: number | undefined;

  constructor(
    private readonly path: string,
    private readonly guard: ExpansionGuard,
  ) {
    this.kind = /^xl\/worksheets\/[^/]+\.xml$/.test(path) ? 'sheet' : path === 'xl/sharedStrings.xml' ? 'strings' : null;
    this.max = guard.declared?.get(path);
  }

  /** The limit this chunk passes, or null. */
  add(chunk: Buffer): AppError | null {
    const g = this.guard;
    const l = g.limits;
    this.bytes += chunk.length;
    g.total += chunk.length;
    if (this.max !== undefined && this.bytes > this.max) return limitErrors.lying(g.fileName, this.path, this.max);
    if (g.total > l.totalBytes) return limitErrors.total(g.fileName, l.totalBytes);
    if (this.kind === 'strings' && this.bytes > l.sharedStringsBytes) return limitErrors.sharedStrings(g.fileName, l.sharedStringsBytes);
    return this.kind ? this.scan(chunk) : null;
  }

  private scan(chunk: Buffer): AppError | null {
    const g = this.guard;
    const l = g.limits;
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = null;
    const last = buf.length - 5; // '<row' and the byte after it
    for (let p = buf.indexOf(0x3c); p >= 0; p = buf.indexOf(0x3c, p + 1)) {
      if (p > last) {
        this.tail = Buffer.from(buf.subarray(p));
        break;
      }
      const b1 = buf[p + 1];
      if (this.kind === 'sheet') {
        if (b1 === 0x63 /* c */ && TAG_END.has(buf[p + 2])) {
          if (++this.rowCells > l.columns) return limitErrors.columns(g.fileName, this.path, null, l.columns);
          if (++g.cells > l.cells) return limitErrors.cells(g.fileName, l.cells);
        } else if (b1 === 0x72 /* r */ && buf[p + 2] === 0x6f && buf[p + 3] === 0x77 && TAG_END.has(buf[p + 4])) {
          this.rowCells = 0;
          if (++g.rows > l.rows) return limitErrors.rows(g.fileName, l.rows);
        }
      } else if (b1 === 0x73 /* s */ && buf[p + 2] === 0x69 && TAG_END.has(buf[p + 3])) {
        if (++g.strings > l.sharedStrings) return limitErrors.strings(g.fileName, l.sharedStrings);
      }
    }
    return null;
  }
}

/**
 * Makes every zip entry the reader iterates a UTF-8 text stream (guard 1 above), and counts what it inflates: over a
 * limit, the entry and the zip stream are destroyed with the error (exceljs, waiting on either, then throws it).
 */
function guardEntries(reader: ExcelJS.stream.xlsx.WorkbookReader, guard: ExpansionGuard): void {
  const input = (reader as unknown as { input: Readable }).input;
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    const zip = dest as unknown as Readable;
    const push = zip.push.bind(zip);
    zip.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk && typeof (chunk as Readable).setEncoding === 'function') {
        const entry = chunk as Readable & { path: string };
        entry.setEncoding('utf8');
        entry.on('error', () => {}); // our abort below; exceljs, when it reads the entry, hears it through its own listener
        const counter = new EntryCounter(String(entry.path), guard);
        const pushData = entry.push.bind(entry);
        entry.push = (data: unknown, enc?: BufferEncoding) => {
          if (guard.error) return false;
          if (data != null) {
            const err = counter.add(Buffer.isBuffer(data) ? data : Buffer.from(String(data), enc));
            if (err) {
              guard.fail(err);
              process.nextTick(() => {
                entry.destroy(err);
                zip.destroy(err);
              });
              return false;
            }
          }
          return pushData(data, enc);
        };
      }
      return push(chunk, encoding);
    };
    return pipe(dest, options);
  };
}

/** The sheets and rows the caller iterates, each row's last column and the cells they span counted, and any limit passed thrown. */
function guardIteration(reader: ExcelJS.stream.xlsx.WorkbookReader, guard: ExpansionGuard): void {
  type Sheet = AsyncIterable<ExcelJS.Row> & { name?: string };
  const sheets = (reader as unknown as AsyncIterable<Sheet>)[Symbol.asyncIterator].bind(reader) as () => AsyncIterator<Sheet>;
  const l = guard.limits;
  const guardRows = (ws: Sheet): Sheet => {
    const rows = ws[Symbol.asyncIterator].bind(ws);
    Object.defineProperty(ws, Symbol.asyncIterator, {
      configurable: true,
      value: async function* () {
        try {
          for await (const r of { [Symbol.asyncIterator]: rows }) {
            if (guard.error) throw guard.error;
            const n = r.cellCount;
            if (n > l.columns) throw guard.fail(limitErrors.columns(guard.fileName, ws.name ?? '', r.number, l.columns));
            guard.spanned += n;
            if (guard.spanned > l.cells) throw guard.fail(limitErrors.cells(guard.fileName, l.cells));
            yield r;
          }
        } catch (e) {
          throw guard.error ?? e;
        }
        if (guard.error) throw guard.error;
      },
    });
    return ws;
  };
  Object.defineProperty(reader, Symbol.asyncIterator, {
    configurable: true,
    value: async function* () {
      try {
        for await (const ws of { [Symbol.asyncIterator]: sheets }) {
          if (guard.error) throw guard.error;
          yield guardRows(ws);
        }
      } catch (e) {
        throw guard.error ?? e;
      }
      if (guard.error) throw guard.error;
    },
  });
}

/**
 * The upload as a stream for exceljs' WorkbookReader, with a fix for a race in exceljs 4.4.0 +
 * unzipper 0.10: unzipper's Parse stream emits 'end' by hand as soon as its WRITABLE side finishes,
 * which for a small, fully buffered file happens while parsed zip entries still wait in its
 * READABLE buffer (exceljs pauses it). exceljs' iterateStream stops at that 'end' and silently
 * drops the remaining entries — typically xl/workbook.xml (then "Cannot read properties of
 * undefined (reading 'sheets')") or whole worksheets. We catch the Parse stream when exceljs pipes
 * our source into it and drop any 'end' that the stream machinery did not emit itself
 * (`readableEnded` is set just before the genuine 'end', after the last entry was read).
 */
function zipSource(input: Buffer): Readable {
  const src = Readable.from([input]);
  const pipe = src.pipe.bind(src);
  src.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    const zip = dest as unknown as Readable;
    const emit = zip.emit.bind(zip);
    zip.emit = (event: string | symbol, ...args: unknown[]): boolean => (event === 'end' && !zip.readableEnded ? false : emit(event, ...args));
    return pipe(dest, options);
  };
  return src;
}

export interface XlsxReadOptions {
  /** Named in the messages of a limit passed. */
  fileName?: string;
  /** Over the limits in force (limits.ts). */
  limits?: Partial<XlsxLimits>;
}

/**
 * exceljs' streaming reader over an in-memory upload, with the zip-stream race guarded (see
 * zipSource). Iterate it with `for await (const ws of reader)`, then `for await (const row of ws)`.
 * Check `looksLikeZip` first: an empty input makes the reader wait forever.
 *
 * What the file declares in its central directory is checked at once: over a limit (limits.ts) this throws a 413
 * AppError naming the file and the limit. What it really inflates to, its rows, cells and shared strings are counted
 * while reading: over a limit the iteration throws a 413 or 422 AppError (callers that turn read errors into "not a
 * valid file" let an AppError through).
 */
export function openXlsxReader(input: Buffer, opts: XlsxReadOptions = {}): ExcelJS.stream.xlsx.WorkbookReader {
  const fileName = opts.fileName ?? '';
  const limits = xlsxLimits(opts.limits);
  const cd = centralDirectory(input);
  if (cd) checkDeclared(cd.entries, fileName, limits);
  const declared = cd && new Map(cd.entries.map((e) => [e.name, Math.max(e.uncompressed, e.compressed)]));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(zipSource(xlsxInReadingOrder(input) ?? input), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const guard = new ExpansionGuard(fileName, limits, declared);
  guardEntries(reader, guard);
  guardIteration(reader, guard);
  return reader;
}

/** A zip starts with a local file header "PK\x03\x04"; anything else is not an .xlsx. */
export const looksLikeZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
