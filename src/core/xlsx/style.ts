// The look every workbook Junheng writes shares: header fill and column widths.
import type ExcelJS from 'exceljs';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** Column width from the header text: CJK characters count double; wrapped beyond 22. */
export function headerWidth(text: string): number {
  const visual = [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(22, Math.max(10, Math.ceil(visual / (visual > 22 ? 2 : 1)) + 2));
}
