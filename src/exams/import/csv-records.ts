// RFC 4180 records read straight from UTF-8 bytes, without making a string per line or per cell:
// field i of the current record is buf[starts[i], ends[i]); a quoted field's bounds exclude its quotes.
// Separators: ',' between fields; CRLF, LF or CR between records; "" inside quotes is one quote.

/** Set in flags[i] when the quoted field holds a doubled quote (decode it before use). */
export const FIELD_ESCAPED = 1;
/** Set when a quote never closes, or text follows the closing quote ("ab"c). */
export const FIELD_MALFORMED = 2;

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export class CsvRecordReader {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  /** Number of fields in the current record. */
  count = 0;
  /** 1-based record number of the current record (the header is record 1), as Excel numbers rows. */
  record = 0;
  private pos: number;

  /** The input as a Buffer (a view, not a copy), for decoding cells. */
  readonly bytes: Buffer;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
  ) {
    if (buf.length > 0x7fffffff) throw new RangeError('CSV larger than 2 GiB');
    this.pos = start;
    this.bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  }

  /** Reads the next record; false at the end of the input. */
  next(): boolean {
    const buf = this.buf;
    const len = buf.length;
    let p = this.pos;
    if (p >= len) return false;
    this.record++;
    let n = 0;
    for (;;) {
      if (n === this.starts.length) this.grow();
      let start: number;
      let end: number;
      let flag = 0;
      if (buf[p] === QUOTE) {
        start = ++p;
        for (;;) {
          const q = buf.indexOf(QUOTE, p);
          if (q < 0) {
            end = p = len;
            flag |= FIELD_MALFORMED;
            break;
          }
          if (buf[q + 1] === QUOTE) {
            flag |= FIELD_ESCAPED;
            p = q + 2;
            continue;
          }
          end = q;
          p = q + 1;
          break;
        }
        // Anything between the closing quote and the separator is malformed; skip it.
        while (p < len) {
          const c = buf[p];
          if (c === COMMA || c === LF || c === CR) break;
          flag |= FIELD_MALFORMED;
          p++;
        }
      } else {
        start = p;
        while (p < len) {
          const c = buf[p];
          // Digits and CJK bytes are all above ','; one comparison settles most bytes.
          if (c <= COMMA && (c === COMMA || c === LF || c === CR)) break;
          p++;
        }
        end = p;
      }
      this.starts[n] = start;
      this.ends[n] = end;
      this.flags[n] = flag;
      n++;
      if (p >= len) break;
      const c = buf[p++];
      if (c === COMMA) continue; // at the very end ("a,b,") the loop adds one empty field
      if (c === CR && buf[p] === LF) p++;
      break;
    }
    this.count = n;
    this.pos = p;
    return true;
  }

  /** The text of field i (quotes removed, "" → "). */
  text(i: number): string {
    const s = this.bytes.toString('utf8', this.starts[i], this.ends[i]);
    return this.flags[i] & FIELD_ESCAPED ? s.replaceAll('""', '"') : s;
  }

  private grow() {
    const size = this.starts.length * 2;
    const s = new Int32Array(size);
    s.set(this.starts);
    const e = new Int32Array(size);
    e.set(this.ends);
    const f = new Uint8Array(size);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }
}
