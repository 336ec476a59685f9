// The problems of an import file (fitness results, vision screening, homework and sleep records) and the one error a
// refused file answers: 422 invalid_file listing every problem with its file, row, column and reason; nothing is
// written when there is one.
import { AppError } from '../core/http/errors.js';

/** One bad cell (or a missing column, row 1; or the whole file, row and column null). */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** 422 invalid_file naming every problem; `what` is what was not imported, in Chinese (成绩, 筛查记录, 记录). */
export function invalidFile(fileName: string, problems: ImportProblem[], what: string): AppError {
  const where = (p: ImportProblem) => [fileName, p.row !== null ? `第 ${p.row} 行 / row ${p.row}` : '', p.column ? `列 ${p.column} / column ${p.column}` : ''].filter(Boolean).join('，');
  return new AppError(422, 'invalid_file', `${fileName}：${problems.length} 处问题，${what}未导入 / ${fileName}: ${problems.length} problems, nothing was imported`, {
    problems: problems.map((p) => ({ file: fileName, row: p.row, column: p.column, message: p.message, text: `${where(p)}：${p.message}` })),
  });
}
