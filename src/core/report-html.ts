// Shared pieces of the HTML that headless Chromium prints to PDF (balance, exam and growth reports):
// escaping, the CJK font stack, the palette, fixed-decimal numbers and the base print style sheet.

export const FONT = `'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif`;
export const RED = '#c62828';
export const GREEN = '#2e7d32';
export const BLUE = '#3b6fb6';

/** Every text from the data (school, exam and pack names) goes through this. */
export const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Fixed decimals with a real minus sign; a value that rounds to 0 is written without a sign ("0.000", not "−0.000"). */
export function fixed(v: number | null | undefined, d: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = v.toFixed(d);
  return Number(s) === 0 ? (0).toFixed(d) : s.replace(/^-/, '−');
}

/** A4 page, headings, muted text and bordered tables with a repeating header; reports append their own rules. */
export const BASE_CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT}; font-size: 9.5pt; color: #222; margin: 0; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 4px; color: #1f3864; }
h2 { font-size: 12.5pt; margin: 18px 0 6px; padding-bottom: 3px; border-bottom: 2px solid #1f3864; color: #1f3864; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10px 0 4px; color: #333; page-break-after: avoid; }
.sub { color: #555; margin: 0 0 2px; }
.muted { color: #888; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 8.3pt; }
th, td { border: 1px solid #c9d3e0; padding: 2px 4px; vertical-align: middle; }
th { background: #ddebf7; font-weight: bold; text-align: center; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.c { text-align: center; white-space: nowrap; }
`;
