// One data row of an upload, whatever the file type: CSV rows read from bytes, .xlsx rows from the streaming reader.
// The builders (wide and long layouts) only see this interface.
import { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_INVALID, CELL_NEGATIVE, CELL_VOIDED, scoreCodeFromText } from './score-cell.js';

export { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_INVALID, CELL_NEGATIVE, CELL_VOIDED, scoreCodeFromText };

/** A CSV record as byte ranges of its buffer (csv-records.ts): cell c is bytes[starts[c], ends[c]), flags[c] ≠ 0 when it needs decoding. */
export interface RawCells {
  readonly bytes: Buffer;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  readonly count: number;
}

export interface RowCells {
  /** 1-based row number as the spreadsheet shows it. */
  readonly row: number;
  /** Rows read from bytes (CSV): the cells as byte ranges, for the builder's fast paths; undefined for .xlsx rows. */
  readonly raw?: RawCells;
  /** The cell's text, trimmed ('' when missing). */
  text(col: number): string;
  /** A score ≥ 0, or one of the CELL_* codes. */
  score(col: number): number;
  /** Whether the row has any non-empty cell. */
  readonly empty: boolean;
}

/** Text as written in a cell: NFKC only when there is something beyond ASCII (full-width digits in a 学籍号), trimmed. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return (/[^\x00-\x7f]/.test(s) ? s.normalize('NFKC') : s).trim();
}
