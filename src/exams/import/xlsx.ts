// .xlsx score sheets through exceljs' STREAMING reader (openXlsxReader: a whole-workbook read needs ~8× the memory).
// Every sheet whose header (within its first ten rows) names a student-id column is read; other sheets (说明, 封面)
// are skipped. A title row above the header (e.g. "2024年中考成绩") is allowed.
//
// exceljs' streaming-reader bugs are guarded in src/core/xlsx/reader.ts.
import { scalarOf, type Scalar } from '../../core/xlsx/cells.js';
import { looksLikeZip, openXlsxReader, xlsxInReadingOrder } from '../../core/xlsx/reader.js';
import { AppError } from '../../core/http/errors.js';
export { xlsxInReadingOrder };
import { CELL_BLANK, CELL_INVALID, CELL_NEGATIVE, scoreCodeFromText, type RowCells } from './cells.js';
import { detectLayout, isHeaderRow, type ItemHeader } from './detect.js';
import type { ExamBuilder } from './builder.js';
import type { ExamProblems } from './problems-list.js';
import type { Progress } from './csv-rows.js';

function textOf(s: Scalar): string {
  if (s === null) return '';
  if (typeof s === 'string') return s.trim();
  if (typeof s === 'number') return Number.isInteger(s) && Math.abs(s) < 1e21 ? s.toFixed(0) : String(s);
  if (typeof s === 'boolean') return String(s);
  if (s instanceof Date) return Number.isNaN(s.getTime()) ? '' : s.toISOString().slice(0, 10);
  if ('error' in s) return s.error;
  return '#公式无结果';
}

class XlsxRow implements RowCells {
  row = 0;
  empty = true;
  private values: unknown[] = [];
  load(row: number, values: unknown[]): void {
    this.row = row;
    this.values = values;
    this.empty = true;
    for (let i = 1; i < values.length; i++) {
      const v = values[i];
      if (v !== undefined && v !== null && textOf(scalarOf(v)) !== '') {
        this.empty = false;
        break;
      }
    }
  }
  text(col: number): string {
    return textOf(scalarOf(this.values[col + 1]));
  }
  score(col: number): number {
    const s = scalarOf(this.values[col + 1]);
    if (s === null) return CELL_BLANK;
    if (typeof s === 'number') return Number.isNaN(s) ? CELL_INVALID : s < 0 ? CELL_NEGATIVE : s + 0;
    if (typeof s === 'string') return scoreCodeFromText(s);
    return CELL_INVALID;
  }
}

interface StreamSheet extends AsyncIterable<{ number: number; values: unknown }> {
  name?: string;
}

export async function readXlsxInto(buf: Buffer, builder: ExamBuilder, subjects: readonly string[], problems: ExamProblems, progress?: Progress, items: readonly ItemHeader[] = []): Promise<void> {
  const invalid = () => problems.add('', 0, undefined, '', '不是有效的 .xlsx 文件(.xls 请另存为 .xlsx 或 CSV) / not a valid .xlsx file (save an .xls as .xlsx or CSV)');
  if (!looksLikeZip(buf)) return invalid();
  let sheets = 0;
  let dataSheets = 0;
  let rows = 0;
  const row = new XlsxRow();
  const reader = openXlsxReader(buf, { fileName: problems.file });
  try {
    for await (const ws of reader as unknown as AsyncIterable<StreamSheet>) {
      sheets++;
      const name = ws.name ?? `Sheet${sheets}`;
      let header: string[] | null = null;
      let skip = false;
      let seen = 0;
      for await (const r of ws) {
        if (skip) continue; // drain: the zip stream must move on
        const values = Array.isArray(r.values) ? (r.values as unknown[]) : [];
        if (header === null) {
          row.load(r.number, values);
          if (row.empty) continue;
          const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => row.text(i));
          if (isHeaderRow(cells)) {
            header = cells;
            const { layout, problems: hp } = detectLayout(cells, subjects, items);
            for (const p of hp) problems.add(name, r.number, p.col, p.col === undefined ? '' : cells[p.col], p.reason);
            if (!layout) skip = true;
            else {
              builder.beginSheet(name, cells, layout);
              dataSheets++;
            }
          } else if (++seen >= 10) skip = true; // not a score sheet
          continue;
        }
        row.load(r.number, values);
        if (row.empty) continue;
        builder.addRow(row);
        if (++rows % 20000 === 0) progress?.(rows, 0);
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e; // a limit of what an upload may expand to (413/422)
    return invalid();
  }
  if (sheets === 0) return invalid();
  if (dataSheets === 0 && problems.count === 0)
    problems.add('', 0, undefined, '', '没有找到成绩表:前 10 行中需要有「学籍号」列的表头 / no score sheet: a header with a student id column (学籍号) is needed within the first 10 rows');
  progress?.(rows, rows);
}
