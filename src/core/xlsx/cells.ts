// A spreadsheet cell reduced to a plain value, and numbers typed as text (full-width digits, thousands separators).

/** A cell reduced to a plain value: formulas give their cached result, rich text its joined text. */
export type Scalar = string | number | boolean | Date | null | { error: string } | { noResult: true };

export function scalarOf(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return o.richText.map((r) => (r && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : '')).join('');
  if ('formula' in o || 'sharedFormula' in o) {
    if (!('result' in o) || o.result === undefined) return { noResult: true };
    const r = scalarOf(o.result);
    // The streaming reader parses an error result (t="e") with parseFloat, giving NaN.
    return typeof r === 'number' && Number.isNaN(r) ? { error: '#VALUE!' } : r;
  }
  if (typeof o.error === 'string') return { error: o.error };
  if (typeof o.text === 'string') return o.text; // hyperlink
  return { error: '?' };
}

/** Full-width → half-width (NFKC: ０-９ ． － ， （ ） and the ideographic space), minus sign variants, trimmed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\u2014\uFE63]/g, '-')
    .trim();
}

export const isBlank = (s: Scalar): boolean => s === null || (typeof s === 'string' && normalizeText(s) === '');

/** The text of a cell, trimmed. */
export function textOf(s: Scalar): string {
  if (s === null) return '';
  if (s instanceof Date) return s.toISOString().slice(0, 10);
  if (typeof s === 'object') return 'error' in s ? s.error : '';
  return String(s).trim();
}

/** The text of a cell as quoted in a problem's reason: at most 30 characters. */
export function displayOf(s: Scalar): string {
  const t = textOf(s);
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

/** Number typed as text: `１２３` `45.5` ` 1,234 ` `－3`. Returns null when it is not a plain number. */
export function parseNumberText(text: string): number | null {
  let t = normalizeText(text);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, ''); // thousands separators
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** Excel column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
