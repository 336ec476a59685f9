// Input problems, each naming the file, the row (1-based as Excel shows it, header = row 1) and the column
// (letter and header). The list keeps the first `limit` and counts the rest, so a wholly wrong file stays cheap.

export interface Problem {
  row?: number;
  /** 0-based column index. */
  col?: number;
  header?: string;
  reason: string;
}

/** 0 → A, 25 → Z, 26 → AA (Excel column letters). */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function formatProblem(fileName: string, p: Problem): string {
  const row = p.row === undefined ? '' : ` 第${p.row}行`;
  const col = p.col === undefined ? '' : ` ${columnLetter(p.col)}列${p.header !== undefined ? ` (${p.header})` : ''}`;
  return `${fileName}:${row}${col}${row || col ? ':' : ''} ${p.reason}`;
}

export class ProblemList {
  readonly items: Problem[] = [];
  count = 0;
  constructor(readonly limit = 50) {}
  add(p: Problem) {
    if (this.count++ < this.limit) this.items.push(p);
  }
  /** Every kept problem as a line, then how many were left out. */
  lines(fileName: string): string[] {
    const out = this.items.map((p) => formatProblem(fileName, p));
    if (this.count > this.items.length) out.push(`… 另有 ${this.count - this.items.length} 个问题 / ${this.count - this.items.length} more problems not listed`);
    return out;
  }
}
