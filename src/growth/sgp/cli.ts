// `junheng growth sgp --input WIDE.csv[.gz] [--max-order 3] [--json]`: SGPs for the last year of a WIDE file
// (ID, GRADE_<year>…, SS_<year>…, optional SCHOOL_<year>). Needs no database. Any input problem: exit code 2,
// every problem (up to 50, each with its line and column) on stderr, nothing on stdout.
import fs from 'node:fs';
import { schoolSgpSummary } from './school.js';
import { studentGrowthPercentiles, type SgpResult } from './sgp.js';
import { describeProblem, parseWide, wideText, WideInputError, type WideData } from './wide.js';

export const SGP_USAGE =
  '用法 / usage: junheng growth sgp --input WIDE.csv[.gz] [--max-order 3] [--json]\n' +
  '学生成长百分位 SGP（分位数回归，Betebenner 2009）/ student growth percentiles, SGP (quantile regression, Betebenner 2009)';

export interface SgpCliOptions {
  input?: string;
  'max-order'?: string;
  json?: boolean;
}

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Output = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** Runs the command; returns the exit code. */
export function sgpCommand(opts: SgpCliOptions, io: Output = stdio): number {
  if (!opts.input) return (io.err(SGP_USAGE), 2);
  const raw = opts['max-order'] ?? '3';
  const maxOrder = Number(raw);
  if (!Number.isInteger(maxOrder) || maxOrder < 1 || maxOrder > 10) return (io.err(`--max-order ${raw}：应为 1–10 的整数 / must be an integer from 1 to 10`), 2);
  if (!fs.existsSync(opts.input)) return (io.err(`${opts.input}：找不到文件 / no such file`), 2);
  let data: WideData;
  try {
    data = parseWide(wideText(fs.readFileSync(opts.input)));
  } catch (e) {
    if (e instanceof WideInputError) return (io.err([`${opts.input}:`, ...e.problems.map(describeProblem)].join('\n')), 2);
    if (e instanceof Error && /incorrect header check|unexpected end of file/.test(e.message)) return (io.err(`${opts.input}：不是有效的 gzip 文件 / not a valid gzip file`), 2);
    throw e;
  }
  const result = studentGrowthPercentiles(data, { maxOrder });
  for (const c of result.cohorts) if (c.skipped) io.err(`${c.grade} 年级 ${c.order} 阶（n = ${c.n}）：未计算 SGP / grade ${c.grade}, order ${c.order} (n = ${c.n}): no SGPs — ${c.skipped}`);
  if (opts.json) io.out(JSON.stringify(sgpJson(data, result)));
  else io.out(sgpText(result));
  return 0;
}

/** {"year", "students": [{id, grade, order, sgp}]} and, with a SCHOOL_<year> column, "schools" (median SGP, SE). */
export function sgpJson(data: WideData, result: SgpResult) {
  const students = result.students.map((s) => ({ id: s.id, grade: s.grade, order: s.order, sgp: s.sgp }));
  const schools = data.school[data.years.indexOf(result.year)];
  if (!schools) return { year: result.year, students };
  const rows = result.students.filter((s) => schools[s.index] !== '').map((s) => ({ school: schools[s.index], sgp: s.sgp }));
  return { year: result.year, students, schools: schoolSgpSummary(rows) };
}

function sgpText(result: SgpResult): string {
  const lines = [`SGP ${result.year}: ${result.students.length} students`];
  lines.push('grade  order       n  coefficients');
  for (const c of result.cohorts)
    lines.push(`${String(c.grade).padStart(5)}  ${String(c.order).padStart(5)}  ${String(c.n).padStart(6)}  ${String(c.coefficients).padStart(12)}${c.skipped ? `  skipped: ${c.skipped}` : ''}`);
  lines.push('knots / boundaries / loss–hoss by prior grade:');
  for (const k of [...result.knots.values()].sort((a, b) => a.grade - b.grade))
    lines.push(`  grade ${k.grade} (${k.year}, n = ${k.n}): knots ${k.knots.join(' ')} | boundaries ${k.boundary.join(' ')} | loss/hoss ${k.lossHoss.join(' ')}`);
  const byOrder = new Map<number, number>();
  for (const s of result.students) byOrder.set(s.order, (byOrder.get(s.order) ?? 0) + 1);
  lines.push(
    `reported order: ${[...byOrder]
      .sort((a, b) => a[0] - b[0])
      .map(([o, n]) => `${o}: ${n}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}
