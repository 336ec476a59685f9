// An uploaded exam file (.xlsx, or .csv in UTF-8 or GBK; wide or long layout) → typed columns, or every problem.
import { ExamBuilder, type BuilderContext, type ParsedExam } from './builder.js';
import { readCsvInto, type Progress } from './csv-rows.js';
import { ExamProblems } from './problems-list.js';
import { readXlsxInto } from './xlsx.js';

export type { ParsedExam } from './builder.js';
export type { ImportProblem } from './problems-list.js';

export interface ParsedFile {
  data: ParsedExam | null;
  problems: ExamProblems;
  format: 'xlsx' | 'csv';
  encoding?: 'utf-8' | 'gbk';
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export async function parseExamFile(buf: Buffer, fileName: string, ctx: BuilderContext, progress?: Progress): Promise<ParsedFile> {
  const problems = new ExamProblems(fileName);
  const builder = new ExamBuilder(ctx, problems);
  const subjects = ctx.subjects.map((s) => s.name);
  const items = ctx.subjects.flatMap((s) => (s.items ?? []).map((it) => ({ subject: s.name, label: it.label })));
  if (isOle(buf) || /\.xls$/i.test(fileName)) {
    problems.add('', 0, undefined, '', '不支持旧版 .xls 文件,请另存为 .xlsx 或 CSV / old .xls files are not supported: save as .xlsx or CSV');
    return { data: null, problems, format: 'xlsx' };
  }
  if (/\.xlsx$/i.test(fileName) || isZip(buf)) {
    await readXlsxInto(buf, builder, subjects, problems, progress, items);
    return { data: builder.finish(), problems, format: 'xlsx' };
  }
  const { encoding } = await readCsvInto(buf, builder, subjects, problems, progress, items);
  return { data: builder.finish(), problems, format: 'csv', encoding };
}
