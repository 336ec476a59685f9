// Problems of an exam upload, each naming the file, the sheet (.xlsx; '' for CSV), the row (as the spreadsheet
// shows it, header included), the column (letter and header text) and the reason ("中文 / English").
// The first `limit` are kept and the rest counted, so a wholly wrong million-row file stays cheap.
import { columnLetter } from './problems.js';

export interface ImportProblem {
  file: string;
  sheet: string;
  row: number;
  column: string;
  header: string;
  reason: string;
}

export class ExamProblems {
  readonly items: ImportProblem[] = [];
  count = 0;
  constructor(
    readonly file: string,
    readonly limit = 200,
  ) {}

  add(sheet: string, row: number, col: number | undefined, header: string, reason: string): void {
    if (this.count++ < this.limit) this.items.push({ file: this.file, sheet, row, column: col === undefined || col < 0 ? '' : columnLetter(col), header, reason });
  }

  /** The kept problems, then one line for those left out. */
  list(): ImportProblem[] {
    const more = this.count - this.items.length;
    return more > 0 ? [...this.items, { file: this.file, sheet: '', row: 0, column: '', header: '', reason: `另有 ${more} 个问题未列出 / ${more} more problems not listed` }] : this.items;
  }

  /** list() as lines for a terminal: "a.csv: 第3行 E列 (语文): reason" (the sheet in 「」 for .xlsx). */
  lines(fileName = this.file): string[] {
    return this.list().map((p) => {
      const at = `${p.sheet ? ` 「${p.sheet}」` : ''}${p.row ? ` 第${p.row}行` : ''}${p.column ? ` ${p.column}列${p.header ? ` (${p.header})` : ''}` : ''}`;
      return `${fileName}:${at}${at ? ':' : ''} ${p.reason}`;
    });
  }
}
