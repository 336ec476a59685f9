// `junheng exam report --input FILE.csv --full 语文=120,… [--excellent 0.85 --pass 0.6 --low 0.4 --bottom 30] [--json]`.
// Needs no database. Any input problem: exit code 2, every problem (up to 50) on stderr, nothing on stdout.
// One pipeline with the server import: the file is read by import/wide-csv.ts (header detection and row checks of
// import/detect.ts and import/builder.ts), the numbers are analyzeExam's (report.ts), cut lines and rates rates.ts's.
import { formatNumber } from '../core/format.js';
import { figure, FIGURES } from './figures.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseFullMarks } from './import/full-marks.js';
import { readWideCsv } from './import/wide-csv.js';
import type { ExamImportOptions } from './import-cli.js';
import { DEFAULT_OPTIONS, examReport, TOTAL, type ExamReport, type ReportOptions } from './report.js';

export const EXAM_IMPORT_USAGE = 'usage: junheng exam import FILE --exam NAME [--create --grade 9 --type 中考 --full 语文=120,数学=120,…] [--district ID] [--data ./data] [--json]';
export const EXAM_USAGE = 'usage: junheng exam report --input FILE.csv --full 语文=120,数学=120,… [--excellent 0.85] [--pass 0.6] [--low 0.4] [--bottom 30] [--json]';

export interface ExamCliOptions {
  input?: string;
  full?: string;
  excellent?: string;
  pass?: string;
  low?: string;
  bottom?: string;
  json?: boolean;
}

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Output = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** Runs the command; returns the exit code (`exam import` needs the database: a promise of it). */
export function examCommand(sub: string | undefined, opts: ExamCliOptions & ExamImportOptions, io: Output = stdio): number | Promise<number> {
  if (sub === 'import') return import('./import-cli.js').then((m) => m.examImportCommand(opts, io));
  if (sub !== 'report' || !opts.input || !opts.full) return (io.err(sub === 'report' ? EXAM_USAGE : `${EXAM_USAGE}\n${EXAM_IMPORT_USAGE}`), 2);
  const fullMarks = parseFullMarks(opts.full);
  if ('error' in fullMarks) return (io.err(fullMarks.error), 2);
  const options = { ...DEFAULT_OPTIONS };
  for (const key of ['excellent', 'pass', 'low', 'bottom'] as const) {
    const raw = opts[key];
    if (raw === undefined) continue;
    const value = Number(raw);
    const ok = key === 'bottom' ? value >= 0 && value <= 100 : value > 0 && value <= 1;
    if (raw.trim() === '' || !ok)
      return (io.err(`--${key} ${raw}: ${key === 'bottom' ? '应为 0–100 的百分位 / a percentile from 0 to 100' : '应为满分的比例 (0, 1] / a share of full marks in (0, 1]'}`), 2);
    options[key] = value;
  }
  const file = opts.input;
  const name = path.basename(file);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return (io.err(`${file}: 无法读取 / cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`), 2);
  }
  let read;
  try {
    read = readWideCsv(buf, fullMarks);
  } catch (e) {
    if (e instanceof RangeError) return (io.err(`${name}: ${e.message}`), 2); // e.g. a CSV over 2 GiB
    throw e;
  }
  const { data, problems } = read;
  if (!data) return (io.err([`${name}: ${problems.count} 个问题，未生成报告 / ${problems.count} problem(s), no report`, ...problems.lines(name)].join('\n')), 2);
  const report = examReport(data, options);
  const voided = data.cellMarks.voided;
  if (voided) io.err(`注意：${voided} 个作弊成绩按缺考处理，不计入人数与总分 / ${voided} voided (作弊) scores counted as absent`);
  io.out(opts.json ? JSON.stringify(report) : text(report, options));
  return 0;
}

// Figures as on the page, in the PDF and the workbook (figures.ts); no thousands separators in the aligned columns.
const pct = (x: number | null) => figure('rate', x);
const num = (x: number | null) => formatNumber(x, { ...FIGURES.score, grouping: false });

function text(r: ExamReport, o: ReportOptions): string {
  const lines = [`${r.students} 名学生 / students；优秀 ≥ ${o.excellent}，及格 ≥ ${o.pass}，低分 < ${o.low} × 满分`, '', '科目         满分   人数    平均分  标准差  中位数  优秀率  及格率  低分率'];
  for (const [s, x] of Object.entries(r.subjects)) {
    const d = x.district;
    lines.push(
      `${s.padEnd(10 - [...s].length)} ${String(x.full).padStart(6)} ${String(d.n).padStart(7)} ${num(d.mean).padStart(8)} ${num(d.sd).padStart(7)} ${num(d.median).padStart(7)} ${pct(d.excellent_rate).padStart(7)} ${pct(d.pass_rate).padStart(7)} ${pct(d.low_rate).padStart(7)}`,
    );
  }
  lines.push(
    '',
    `校际${TOTAL}均分差异系数 / CV of school means: ${figure('cv', r.cv_of_school_means)}`,
    `后${r.bottom.percentile}%分数线 / threshold: ${num(r.bottom.threshold)}`,
    '',
    `学校        ${TOTAL}人数  ${TOTAL}均分  后${r.bottom.percentile}%率`,
  );
  const totals = r.subjects[TOTAL].schools;
  r.bottom.schools.forEach((b, i) => lines.push(`${b.school_code.padEnd(12)} ${String(totals[i].n).padStart(7)} ${num(totals[i].mean).padStart(8)} ${pct(b.rate).padStart(8)}`));
  return lines.join('\n');
}
