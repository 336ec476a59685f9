// A one-sheet .xlsx of rows (audit log, lists) through exceljs' streaming WorkbookWriter, so 100k
// rows stay cheap: each row is committed and its XML written out at once.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { HEADER_FILL, headerWidth } from './style.js';

export interface ExportColumn {
  header: string;
  key: string;
  width?: number;
}

/** Excel's longest cell text. */
const MAX_CELL_TEXT = 32767;

export async function exportRowsWorkbook(sheetName: string, columns: ExportColumn[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c)); // consume while writing, or the zip stream stalls on back-pressure
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? headerWidth(c.header) }));
  const header = ws.getRow(1);
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
  });
  header.commit();
  for (const r of rows) ws.addRow(columns.map((c) => toCellValue(r[c.key]))).commit();
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, '_')
    .slice(0, 31)
    .trim();
  return s || 'Sheet1';
}

function toCellValue(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const text = typeof v === 'string' ? v : safeJson(v);
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
