// `junheng planning forecast --enrolments FILE --horizon H --window K [--births FILE] [--json]`: seat forecast v1
// (forecast-v1.ts) on a file, with no database. The enrolments file has school_code, year, grade, students (or
// 学校代码, 年份/学年, 年级, 学生数/在校生数); the optional births file has school_code, year, births (births in the
// school's catchment in that calendar year): the entry grade is then births(t − 6) × the school's entry ratio where
// both exist (t − 12 for a school entered at grade 7) (entry-inputs.ts), the window mean elsewhere. --json prints
// {"method","base_year","horizon","window","entry_input","closed_schools","forecast":[{school_code,year,grade,students}]}
// with unrounded students; without it a table per school and year. Bad input or options: exit 2, each problem as
// "FILE row R column C: reason" (or the usage) on stderr, nothing on stdout.
import fs from 'node:fs';
import { formatNumber } from '../../core/format.js';
import { PLANNING_USAGE, type PlanningCliOptions } from '../cli-options.js';
import { entryFromBirths } from './entry-inputs.js';
import { FORECAST_METHOD, forecastV1, MAX_HORIZON, MAX_WINDOW, type ForecastResult } from './forecast-v1.js';
import { ForecastFileError, problemLine, readBirthsFile, readEnrolmentFile } from './read-files.js';
import { stdio, type Output } from '../../core/cli-io.js';

/** A whole-number option within 1…max, or null. */
function wholeOption(text: string | undefined, max: number): number | null {
  if (text === undefined || !/^\d+$/.test(text.trim())) return null;
  const v = Number(text.trim());
  return v >= 1 && v <= max ? v : null;
}

/** The JSON of the command (students unrounded). */
export function forecastJson(r: ForecastResult, entryInput: 'window-mean' | 'births') {
  return {
    method: r.method,
    base_year: r.baseYear,
    horizon: r.horizon,
    window: r.window,
    entry_input: entryInput,
    closed_schools: r.closedSchools,
    forecast: r.cells.map((c) => ({ school_code: c.schoolCode, year: c.year, grade: c.grade, students: c.students })),
  };
}

/** One line per school and forecast year: students per grade (one decimal) and the total. */
export function forecastTable(r: ForecastResult): string[] {
  const grades = [...new Set(r.cells.map((c) => c.grade))].sort((a, b) => a - b);
  const head = ['学校代码 school', '年份 year', ...grades.map((g) => `${g}年级`), '合计 total'];
  const rows: string[][] = [];
  let cur: { code: string; year: number; by: Map<number, number> } | null = null;
  const flush = () => {
    if (!cur) return;
    const { by } = cur;
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    rows.push([cur.code, String(cur.year), ...grades.map((g) => (by.has(g) ? formatNumber(by.get(g), 1) : '')), formatNumber(total, 1)]);
  };
  for (const c of r.cells) {
    if (!cur || cur.code !== c.schoolCode || cur.year !== c.year) {
      flush();
      cur = { code: c.schoolCode, year: c.year, by: new Map() };
    }
    cur.by.set(c.grade, c.students);
  }
  flush();
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]))));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c + ' '.repeat(widths[i] - width(c)) : ' '.repeat(widths[i] - width(c)) + c)).join('  ');
  return [
    `${FORECAST_METHOD}: 基年 base year ${r.baseYear}, 预测 ${r.horizon} 年 horizon ${r.horizon}, 窗口 ${r.window} 年 window ${r.window}; ${r.schools.length} 所学校 schools` +
      (r.closedSchools.length ? `, ${r.closedSchools.length} 所已停办 closed (no record in ${r.baseYear}): ${r.closedSchools.join(' ')}` : ''),
    line(head),
    ...rows.map(line),
  ];
}

/** Runs the command; resolves to the exit code (0, or 2 for bad options or input). */
export async function forecastCommand(opts: PlanningCliOptions, io: Output = stdio): Promise<number> {
  const horizon = wholeOption(opts.horizon, MAX_HORIZON);
  const window = wholeOption(opts.window, MAX_WINDOW);
  const usage = (why: string) => {
    io.err(why);
    io.err(PLANNING_USAGE);
    return 2;
  };
  if (!opts.enrolments) return usage('缺少 --enrolments / --enrolments FILE is required');
  if (horizon === null) return usage(`--horizon 须为 1–${MAX_HORIZON} 的整数 / --horizon must be a whole number from 1 to ${MAX_HORIZON}`);
  if (window === null) return usage(`--window 须为 1–${MAX_WINDOW} 的整数 / --window must be a whole number from 1 to ${MAX_WINDOW}`);

  const read = (file: string): Buffer | null => {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      io.err(`${file}: 无法读取 / cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return null;
    }
  };
  const enrolBuf = read(opts.enrolments);
  const birthsBuf = opts.births ? read(opts.births) : undefined;
  if (!enrolBuf || birthsBuf === null) return 2;

  // Both files are read (and all their problems reported) before anything is printed.
  let failed = false;
  const report = (e: unknown) => {
    if (!(e instanceof ForecastFileError)) throw e;
    for (const p of e.problems) io.err(problemLine(e.file, p));
    failed = true;
  };
  const records = await readEnrolmentFile(opts.enrolments, enrolBuf).catch((e: unknown) => report(e));
  const births = birthsBuf && opts.births ? await readBirthsFile(opts.births, birthsBuf, 'school_code').catch((e: unknown) => report(e)) : undefined;
  if (failed || !records) return 2;

  let result: ForecastResult;
  try {
    const baseYear = records.reduce((m, r) => Math.max(m, r.year), -Infinity);
    const entry = births ? entryFromBirths(records, births, (code) => code, baseYear, window) : undefined;
    result = forecastV1(records, { horizon, window, entry });
  } catch (e) {
    io.err(`${opts.enrolments}: ${(e as Error).message}`);
    return 2;
  }
  if (opts.json) io.out(JSON.stringify(forecastJson(result, births ? 'births' : 'window-mean')));
  else for (const l of forecastTable(result)) io.out(l);
  return 0;
}
