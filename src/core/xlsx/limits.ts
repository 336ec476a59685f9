// What an uploaded .xlsx may expand to. An .xlsx is a zip of XML: a few MB can inflate to GBs (a 2.8 MB file whose
// sharedStrings.xml inflated to 830 MB took 2.3 GB of memory; exceljs caches every shared string). So, before any
// reading, the zip's central directory is checked (entry count, each entry's declared size, their total, and the
// compression ratio of large entries), and while streaming the bytes actually inflated are counted (declared sizes can
// lie), as are rows, cells per row, all cells, and shared strings. Over a limit the read stops with 413 (what the file
// expands to) or 422 (what the sheet holds).
//
// The defaults are sized from real workbooks: 300,000 students × 15 columns written by exceljs is a 150 MB worksheet
// and 16 MB of shared strings (measured at 50,000 rows: 24.8 MB and 2.7 MB), compressed 6× and 10×; Excel's output
// is similar. So: 512 MB in all (twice the largest real sheet with items), 64 MB of shared strings (4× the largest),
// a ratio of 100 for entries over 1 MB (real XML compresses 5–20×; a bomb 200–1000×), 4 million rows (a long sheet
// of 300,000 students × 9 subjects is 2.7 million) and 60 million cells, 4,096 columns (an exam with 9 subjects × 40
// items uses 400), 2 million shared strings (names and ids of 300,000 students are 600,000). Each can be changed
// with an environment variable (JUNHENG_XLSX_MAX_*) or configureXlsxLimits.
import { AppError } from '../http/errors.js';

export interface XlsxLimits {
  /** Zip entries in the file. */
  entries: number;
  /** Uncompressed bytes of all entries together (and so of any one). */
  totalBytes: number;
  /** Uncompressed bytes of xl/sharedStrings.xml. */
  sharedStringsBytes: number;
  /** Uncompressed / compressed, checked for entries larger than ratioFloorBytes. */
  ratio: number;
  ratioFloorBytes: number;
  /** Rows of all worksheets together. */
  rows: number;
  /** Columns of a row (the last column used, as Excel numbers them). */
  columns: number;
  /** Cells of all worksheets together (each row counted up to its last column). */
  cells: number;
  /** Strings in xl/sharedStrings.xml. */
  sharedStrings: number;
}

const MB = 1024 * 1024;

export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  entries: 1000,
  totalBytes: 512 * MB,
  sharedStringsBytes: 64 * MB,
  ratio: 100,
  ratioFloorBytes: 1 * MB,
  rows: 4_000_000,
  columns: 4096,
  cells: 60_000_000,
  sharedStrings: 2_000_000,
});

/** Environment overrides: JUNHENG_XLSX_MAX_TOTAL_MB, …_SHARED_STRINGS_MB, …_RATIO, …_ROWS, …_COLUMNS, …_CELLS, …_ENTRIES, …_SHARED_STRINGS. */
function fromEnv(): Partial<XlsxLimits> {
  const n = (name: string, scale = 1): number | undefined => {
    const v = Number(process.env[`JUNHENG_XLSX_MAX_${name}`]);
    return Number.isFinite(v) && v > 0 ? v * scale : undefined;
  };
  const out: Partial<XlsxLimits> = {
    totalBytes: n('TOTAL_MB', MB),
    sharedStringsBytes: n('SHARED_STRINGS_MB', MB),
    ratio: n('RATIO'),
    rows: n('ROWS'),
    columns: n('COLUMNS'),
    cells: n('CELLS'),
    entries: n('ENTRIES'),
    sharedStrings: n('SHARED_STRINGS'),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

let configured: Partial<XlsxLimits> = {};

/** Sets limits for this process (over the defaults and the environment); {} restores them. */
export function configureXlsxLimits(limits: Partial<XlsxLimits>): void {
  configured = { ...limits };
}

/** The limits in force: the defaults, then the environment, then configureXlsxLimits, then `extra`. */
export function xlsxLimits(extra: Partial<XlsxLimits> = {}): XlsxLimits {
  return { ...DEFAULT_XLSX_LIMITS, ...fromEnv(), ...configured, ...extra };
}

const size = (bytes: number) => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${bytes} B`);
const named = (fileName: string) => fileName || '上传的文件';
const namedEn = (fileName: string) => fileName || 'the upload';

/** 413: the file expands to more than it may. */
export function tooLarge(fileName: string, zh: string, en: string): AppError {
  return new AppError(413, 'upload_too_large', `${named(fileName)}:${zh},未读取 / ${namedEn(fileName)}: ${en}; not read. 请拆分文件或删除多余的内容 / split the file or remove what is not needed`);
}

/** 422: the sheets hold more than an import may. */
export function tooMany(fileName: string, zh: string, en: string): AppError {
  return new AppError(422, 'upload_too_many', `${named(fileName)}:${zh},未读取 / ${namedEn(fileName)}: ${en}; not read. 请拆分文件 / split the file`);
}

export const limitErrors = {
  entries: (f: string, n: number, max: number) => tooLarge(f, `压缩包有 ${n} 个条目,超过上限 ${max}`, `the zip has ${n} entries, more than the limit of ${max}`),
  total: (f: string, max: number) => tooLarge(f, `解压后超过 ${size(max)} 的上限`, `it expands to more than the limit of ${size(max)}`),
  sharedStrings: (f: string, max: number) =>
    tooLarge(f, `共享字符串(xl/sharedStrings.xml)解压后超过 ${size(max)} 的上限`, `its shared strings (xl/sharedStrings.xml) expand to more than the limit of ${size(max)}`),
  ratio: (f: string, entry: string, ratio: number, max: number) =>
    tooLarge(
      f,
      `条目 ${entry} 的压缩比为 ${Math.round(ratio)}:1,超过上限 ${max}:1(疑似压缩炸弹)`,
      `entry ${entry} is compressed ${Math.round(ratio)}:1, more than the limit of ${max}:1 (a decompression bomb?)`,
    ),
  lying: (f: string, entry: string, declared: number) =>
    tooLarge(f, `条目 ${entry} 解压后大于其声明的 ${declared} 字节(文件已损坏或被篡改)`, `entry ${entry} inflates to more than the ${declared} bytes it declares (a damaged or forged file)`),
  rows: (f: string, max: number) => tooMany(f, `超过 ${max} 行的上限`, `more than the limit of ${max} rows`),
  columns: (f: string, sheet: string, row: number | null, max: number) =>
    tooMany(f, `${sheet}${row === null ? '中有一行' : ` 第 ${row} 行`}超过 ${max} 列的上限`, `${row === null ? 'a row of ' : `row ${row} of `}${sheet} has more than the limit of ${max} columns`),
  cells: (f: string, max: number) => tooMany(f, `超过 ${max} 个单元格的上限`, `more than the limit of ${max} cells`),
  strings: (f: string, max: number) => tooMany(f, `共享字符串超过 ${max} 个的上限`, `more than the limit of ${max} shared strings`),
};

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** Offset of its local-file record. */
  offset: number;
  compressed: number;
  uncompressed: number;
}

/**
 * The zip's central directory, or null when it cannot be read (no end record, zip64, or a damaged directory).
 * `cdOffset` is where the directory starts.
 */
export function centralDirectory(buf: Buffer): { entries: ZipEntry[]; cdOffset: number } | null {
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 65535); p--)
    if (buf.readUInt32LE(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset >= buf.length) return null; // zip64
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    if (offset >= cdOffset || buf.readUInt32LE(offset) !== 0x04034b50) return null;
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      offset,
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, cdOffset };
}

/**
 * Checks what the central directory declares against the limits; throws 413 naming the file and the limit.
 * Declared sizes are only a first look: the reader counts what is really inflated.
 */
export function checkDeclared(entries: readonly ZipEntry[], fileName: string, limits: XlsxLimits): void {
  if (entries.length > limits.entries) throw limitErrors.entries(fileName, entries.length, limits.entries);
  let total = 0;
  for (const e of entries) {
    // 0xffffffff: a zip64 size (over 4 GB), or a size left to the zip64 extra field: either way too large for us.
    if (e.uncompressed === 0xffffffff || e.compressed === 0xffffffff) throw limitErrors.total(fileName, limits.totalBytes);
    total += e.uncompressed;
    if (total > limits.totalBytes) throw limitErrors.total(fileName, limits.totalBytes);
    if (e.name === 'xl/sharedStrings.xml' && e.uncompressed > limits.sharedStringsBytes) throw limitErrors.sharedStrings(fileName, limits.sharedStringsBytes);
    if (e.uncompressed > limits.ratioFloorBytes && e.uncompressed > limits.ratio * Math.max(1, e.compressed))
      throw limitErrors.ratio(fileName, e.name, e.uncompressed / Math.max(1, e.compressed), limits.ratio);
  }
}

/**
 * CSV uploads cannot inflate (the file is what was sent, within the multipart limit) but one record of millions of
 * fields makes arrays of that many (the exam reader keeps each field's bounds): a record may have at most 4,096
 * fields (as the .xlsx columns limit) and span at most 256 KiB (a score row of 400 columns is under 4 KiB).
 * JUNHENG_CSV_MAX_COLUMNS and JUNHENG_CSV_MAX_LINE_KB change them.
 */
export function csvLimits(): { columns: number; lineBytes: number } {
  const n = (name: string) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  return { columns: n('JUNHENG_CSV_MAX_COLUMNS') ?? 4096, lineBytes: (n('JUNHENG_CSV_MAX_LINE_KB') ?? 256) * 1024 };
}

/** The first CSV record (1-based, as CsvRecordReader and Excel number them) over the limits, and why; null when none. */
export function csvOverLimits(b: Uint8Array, limits = csvLimits()): { row: number; zh: string; en: string } | null {
  let record = 1;
  let fields = 1;
  let start = 0;
  let fieldStart = true;
  let quoted = false;
  const over = (p: number) =>
    p - start > limits.lineBytes
      ? { row: record, zh: `第 ${record} 行超过 ${Math.round(limits.lineBytes / 1024)} KB 的上限`, en: `row ${record} is longer than the limit of ${Math.round(limits.lineBytes / 1024)} KB` }
      : null;
  for (let p = 0; p < b.length; p++) {
    if ((p & 0xffff) === 0 && p - start > limits.lineBytes) return over(p); // a long record refused before its end
    const c = b[p];
    if (quoted) {
      if (c === 0x22) {
        if (b[p + 1] === 0x22) p++;
        else quoted = false;
      }
      continue;
    }
    if (c === 0x22 && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === 0x2c) {
      fieldStart = true;
      if (++fields > limits.columns) return { row: record, zh: `第 ${record} 行超过 ${limits.columns} 列的上限`, en: `row ${record} has more than the limit of ${limits.columns} columns` };
    } else if (c === 0x0a || c === 0x0d) {
      const o = over(p);
      if (o) return o;
      if (c === 0x0d && b[p + 1] === 0x0a) p++;
      record++;
      fields = 1;
      start = p + 1;
      fieldStart = true;
    } else fieldStart = false;
  }
  return over(b.length);
}
