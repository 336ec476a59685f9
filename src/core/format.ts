// One formatter for every figure Junheng shows: the web pages, the PDF reports and the .xlsx workbooks all write a
// number through these functions (or, in a workbook, through the Excel number format excelFormat() returns for the same
// style), so a figure reads the same on screen, on paper and in Excel. Pure: the web imports it.

export type Lang = 'zh' | 'en';

/** How a figure is written: its decimals, whether it is a share shown in per cent, thousands grouping, a sign. */
export interface NumberStyle {
  decimals: number;
  /** The value is a share (0.275) written as a percentage (27.5%). */
  percent?: boolean;
  /** Thousands separators (1,234); on by default. */
  grouping?: boolean;
  /** A leading "+" on positive values (changes, value-added). */
  signed?: boolean;
}

export const MISSING = '—';
/** The minus sign of every figure (U+2212), as typeset; Excel writes its own hyphen-minus. */
export const MINUS = '−';

/**
 * v rounded to d decimals, half away from zero, on the decimal value Excel would display: the binary value is first
 * read to 15 significant digits (Excel's precision), so 1.005 → 1.01 and 107.20000000000002 → 107.2, as in Excel.
 */
export function roundTo(v: number, d: number): number {
  if (!Number.isFinite(v)) return v;
  const x = Number(Math.abs(v).toPrecision(15));
  const r = Number(`${Math.round(Number(`${x}e${d}`))}e-${d}`);
  return v < 0 && r !== 0 ? -r : r;
}

function digits(abs: number, d: number, grouping: boolean): string {
  const s = abs.toFixed(d); // abs is already rounded to d decimals: toFixed only pads
  if (!grouping) return s;
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A figure in its style: "1,234.50", "27.5%", "+0.123", "−3"; "—" for a missing value. A value that rounds to 0 has no sign. */
export function formatNumber(v: number | null | undefined, style: NumberStyle | number): string {
  const s: NumberStyle = typeof style === 'number' ? { decimals: style } : style;
  if (v === null || v === undefined || !Number.isFinite(v)) return MISSING;
  const scaled = s.percent ? v * 100 : v;
  const r = roundTo(scaled, s.decimals);
  const body = digits(Math.abs(r), s.decimals, s.grouping ?? true) + (s.percent ? '%' : '');
  if (r === 0) return body;
  if (r < 0) return MINUS + body;
  return s.signed ? `+${body}` : body;
}

/** A share as a percentage with one decimal by default: 0.2753 → "27.5%". */
export const formatPercent = (v: number | null | undefined, decimals = 1): string => formatNumber(v, { decimals, percent: true });

/** The Excel number format that shows a cell's full-precision value exactly as formatNumber writes it (minus sign aside). */
export function excelFormat(style: NumberStyle | number): string {
  const s: NumberStyle = typeof style === 'number' ? { decimals: style } : style;
  const int = (s.grouping ?? true) ? '#,##0' : '0';
  const body = s.decimals > 0 ? `${int}.${'0'.repeat(s.decimals)}` : int;
  const pos = s.percent ? `${body}%` : body;
  return s.signed ? `+${pos};-${pos};${pos}` : pos;
}

/** A p-value as statistics reports write it: "p < 0.001", else three decimals ("p = 0.042"). */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  return p < 0.001 ? 'p < 0.001' : `p = ${formatNumber(p, { decimals: 3, grouping: false })}`;
}

/**
 * A shortfall of whole things (teachers, rooms, classes): the smallest whole number that covers it, 4.46 → 5.
 * The 1e-9 absorbs float noise from a product such as 0.07 × 100 (7.000000000000001 → 7, not 8). Never negative.
 */
export function wholeShortfall(v: number): number {
  if (!Number.isFinite(v) || v <= 0) return 0;
  return Math.ceil(v - 1e-9);
}

/** A run time in seconds as minutes and seconds the way results sheets write it: 230 → 3'50", 9.5 → 9.5" (under a minute), to 0.1 s. */
export function formatRunTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return MISSING;
  const r = roundTo(seconds, 1);
  const secs = (v: number) => (v % 1 === 0 ? String(v) : v.toFixed(1));
  if (r < 60) return `${secs(r)}"`;
  const m = Math.floor(r / 60);
  const s = roundTo(r - m * 60, 1);
  return `${m}'${secs(s).padStart(s % 1 === 0 ? 2 : 4, '0')}"`;
}
