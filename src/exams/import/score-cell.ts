// One score cell: a number of points (half points such as 87.5 allowed; full-width ０-９ and ． accepted),
// or a mark — 缺考 absent, 作弊 voided, 免考 exempt — or empty (absent). None of the marks has a score:
// all of them leave the student out of that subject's statistics and out of 总分.

export type ScoreCell = { kind: 'score'; value: number } | { kind: 'blank' | 'absent' | 'voided' | 'exempt' } | { kind: 'negative'; value: number } | { kind: 'invalid' };

export const MARKS = { 缺考: 'absent', 作弊: 'voided', 免考: 'exempt' } as const;

// Codes returned by the fast byte parser; a score is returned as itself (≥ 0).
export const CELL_BLANK = -1;
export const CELL_ABSENT = -2;
export const CELL_VOIDED = -3;
export const CELL_EXEMPT = -4;
/** The bytes need the text parser (a sign, an exponent, other spaces, more than 15 digits, anything else). */
export const CELL_SLOW = -5;
/** A negative number. */
export const CELL_NEGATIVE = -6;
/** Neither a number nor a mark. */
export const CELL_INVALID = -7;

const MARK_BYTES = [
  [Buffer.from('缺考'), CELL_ABSENT],
  [Buffer.from('作弊'), CELL_VOIDED],
  [Buffer.from('免考'), CELL_EXEMPT],
] as const;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Fast path over UTF-8 bytes [s, e): ASCII or full-width digits with at most one '.' or '．', surrounded by
 * spaces or tabs; the three marks; empty. digits / 10^k is correctly rounded, so it equals what strtod gives.
 */
export function scoreFromBytes(buf: Uint8Array, s: number, e: number): number {
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  if (s === e) return CELL_BLANK;
  const first = buf[s];
  if (first >= 0x80 && e - s === 6) {
    for (const [bytes, code] of MARK_BYTES) {
      let same = true;
      for (let k = 0; k < 6; k++) if (buf[s + k] !== bytes[k]) same = false;
      if (same) return code;
    }
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let dot = false;
  let p = s;
  while (p < e) {
    const c = buf[p];
    let d: number;
    if (c >= 48 && c <= 57) {
      d = c - 48;
      p++;
    } else if (c === 0xef && buf[p + 1] === 0xbc && p + 2 < e && buf[p + 2] >= 0x8e && buf[p + 2] <= 0x99 && buf[p + 2] !== 0x8f) {
      // U+FF0E ． and U+FF10–FF19 ０–９ are EF BC 8E and EF BC 90–99.
      const b = buf[p + 2];
      p += 3;
      if (b === 0x8e) {
        if (dot) return CELL_SLOW;
        dot = true;
        continue;
      }
      d = b - 0x90;
    } else if (c === 46) {
      if (dot) return CELL_SLOW;
      dot = true;
      p++;
      continue;
    } else return CELL_SLOW;
    mantissa = mantissa * 10 + d;
    digits++;
    if (dot) decimals++;
  }
  if (digits === 0 || digits > 15) return CELL_SLOW;
  return decimals === 0 ? mantissa : mantissa / POW10[decimals];
}

/** Slow path on text: Unicode NFKC turns full-width digits, ． and spaces into ASCII. */
export function scoreFromText(text: string): ScoreCell {
  const t = text.normalize('NFKC').trim();
  if (t === '') return { kind: 'blank' };
  const mark = MARKS[t as keyof typeof MARKS];
  if (mark) return { kind: mark };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return { kind: 'invalid' };
  const value = Number(t) + 0; // + 0 turns -0 into 0
  return value < 0 ? { kind: 'negative', value } : { kind: 'score', value };
}

/** The text parser: NFKC (full-width digits), 缺考/作弊/免考, blank; the same rules as the byte parser. */
export function scoreCodeFromText(text: string): number {
  const cell = scoreFromText(text);
  switch (cell.kind) {
    case 'score':
      return cell.value;
    case 'blank':
      return CELL_BLANK;
    case 'absent':
      return CELL_ABSENT;
    case 'voided':
      return CELL_VOIDED;
    case 'exempt':
      return CELL_EXEMPT;
    case 'negative':
      return CELL_NEGATIVE;
    default:
      return CELL_INVALID;
  }
}
