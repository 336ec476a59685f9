// The problems of an admissions input, each naming where it is (row and column of the file, when there is one) and
// why, in Chinese and English. The methods refuse an input with any problem: nothing is drawn from a bad list.

export interface InputProblem {
  /** The file's name, when the problem is in a file. */
  file?: string;
  /** 1-based row in the file (the header is row 1); absent for a parameter. */
  row?: number;
  /** The column's header, or the parameter's name. */
  column?: string;
  message: string;
}

export class AdmissionsInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map(describeProblem).join('\n'));
  }
}

export function describeProblem(p: InputProblem): string {
  const where = [p.file ?? '', p.row !== undefined ? `第 ${p.row} 行 / row ${p.row}` : '', p.column ? `列 ${p.column} / column ${p.column}` : ''].filter(Boolean).join('，');
  return where ? `${where}：${p.message}` : p.message;
}

/** Runs `work` on the rows of one file: its row problems then name that file. */
export async function inFile<T>(file: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AdmissionsInputError) throw new AdmissionsInputError(e.problems.map((p) => (p.row !== undefined && p.file === undefined ? { ...p, file } : p)));
    throw e;
  }
}
