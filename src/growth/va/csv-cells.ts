// Reading one cell of the current CSV record (exams/import/csv-records.ts) without building a Buffer per cell:
// text straight from the bytes (trimmed of spaces), numbers parsed from the bytes when they are plain decimals
// ([-]digits[.digits]) and through Number() otherwise. '' and NA are no value (null); anything else non-numeric is NaN.
import { CsvRecordReader, FIELD_ESCAPED } from '../../exams/import/csv-records.js';

const SPACE = 32;
const TAB = 9;

function bounds(buf: Buffer, rd: CsvRecordReader, i: number): [number, number] {
  if (i < 0 || i >= rd.count) return [0, 0];
  let s = rd.starts[i];
  let e = rd.ends[i];
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  return [s, e];
}

export function cellText(buf: Buffer, rd: CsvRecordReader, i: number): string {
  const [s, e] = bounds(buf, rd, i);
  if (s === e) return '';
  const t = buf.toString('utf8', s, e);
  return rd.flags[i] & FIELD_ESCAPED ? t.replaceAll('""', '"') : t;
}

export function cellNumber(buf: Buffer, rd: CsvRecordReader, i: number): number | null {
  const [s, e] = bounds(buf, rd, i);
  if (s === e) return null;
  let p = s;
  const negative = buf[p] === 45; // '-'
  if (negative) p++;
  let v = 0;
  let digits = 0;
  while (p < e && buf[p] >= 48 && buf[p] <= 57) {
    v = v * 10 + (buf[p++] - 48);
    digits++;
  }
  if (p < e && buf[p] === 46) {
    // '.': keep exact decimal rounding by dividing once
    p++;
    let scale = 1;
    while (p < e && buf[p] >= 48 && buf[p] <= 57 && scale < 1e15) {
      v = v * 10 + (buf[p++] - 48);
      scale *= 10;
      digits++;
    }
    if (p === e && digits > 0 && digits <= 15) return (negative ? -v : v) / scale;
  } else if (p === e && digits > 0 && digits <= 15) return negative ? -v : v;
  const text = buf.toString('utf8', s, e);
  if (text === 'NA') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}
