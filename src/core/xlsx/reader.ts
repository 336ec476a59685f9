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
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';

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

/** Makes every zip entry the reader iterates a UTF-8 text stream (guard 1 above). */
function decodeEntries(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const input = (reader as unknown as { input: Readable }).input;
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    const zip = dest as unknown as Readable;
    const push = zip.push.bind(zip);
    zip.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk && typeof (chunk as Readable).setEncoding === 'function') (chunk as Readable).setEncoding('utf8');
      return push(chunk, encoding);
    };
    return pipe(dest, options);
  };
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

/**
 * exceljs' streaming reader over an in-memory upload, with the zip-stream race guarded (see
 * zipSource). Iterate it with `for await (const ws of reader)`, then `for await (const row of ws)`.
 * Check `looksLikeZip` first: an empty input makes the reader wait forever.
 */
export function openXlsxReader(input: Buffer): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(zipSource(xlsxInReadingOrder(input) ?? input), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  decodeEntries(reader);
  return reader;
}

/** A zip starts with a local file header "PK\x03\x04"; anything else is not an .xlsx. */
export const looksLikeZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
