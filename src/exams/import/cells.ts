// One data row of an upload, whatever the file type: CSV rows read from bytes, .xlsx rows from the streaming reader.
// The builders (wide and long layouts) only see this interface.
import { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_INVALID, CELL_NEGATIVE, CELL_VOIDED, scoreCodeFromText } from './score-cell.js';

export { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_INVALID, CELL_NEGATIVE, CELL_VOIDED, scoreCodeFromText };

export interface RowCells {
  /** 1-based row number as the spreadsheet shows it. */
  readonly row: number;
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
