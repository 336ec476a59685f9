// `junheng exam import FILE --exam NAME [--create --grade 9 --type 中考 --full 语文=120,数学=120,… [--excellent 0.85
//  --pass 0.6 --low 0.4 --bottom 30 --date 2024-06-20 --term …]] [--district ID] [--data ./data] [--json]`
// Imports a score file into an exam of the database (DATABASE_URL, or PGlite in --data), acting as the district's
// administrator. Progress bar on stderr; a summary (or with --json the result) on stdout. A bad file: every problem
// on stderr, exit code 2, nothing written.
import fs from 'node:fs';
import path from 'node:path';
import type { CurrentUser } from '../core/auth/roles.js';
import { parseFullMarks } from './import/full-marks.js';
import type { JobPhase } from './jobs.js';
import type { ExamInput } from './service.js';
import { EXAM_TYPES, type ExamType } from './schema.js';

export const EXAM_IMPORT_USAGE =
  'usage: junheng exam import FILE --exam NAME [--create --grade 9 --type 中考|期中|期末|学业水平|联考|other --full 语文=120,数学=120,… [--date 2024-06-20] [--term T] [--excellent 0.85 --pass 0.6 --low 0.4 --bottom 30]] [--district ID] [--data ./data] [--json]';

export interface ExamImportOptions {
  file?: string;
  exam?: string;
  create?: boolean;
  grade?: string;
  type?: string;
  full?: string;
  date?: string;
  term?: string;
  excellent?: string;
  pass?: string;
  low?: string;
  bottom?: string;
  district?: string;
  data?: string;
  json?: boolean;
}

export interface ImportIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Raw text on stderr (the progress bar redraws its line with \r). */
  bar?: (s: string) => void;
}

const PHASE_ZH: Partial<Record<JobPhase, string>> = { reading: '读取', checking: '检查', analysing: '分析', writing: '写入' };

/** A one-line progress bar on stderr: phase, bar and percent (or a count when the total is unknown). */
export function progressBar(write: (s: string) => void) {
  let last = '';
  return (phase: JobPhase, done = 0, total = 0) => {
    const label = `${PHASE_ZH[phase] ?? phase} ${phase}`.padEnd(18);
    let line: string;
    if (total > 0) {
      const p = Math.min(1, done / total);
      const w = 30;
      const filled = Math.round(p * w);
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(w - filled)}] ${String(Math.floor(p * 100)).padStart(3)}%`;
    } else line = `${label} ${done ? `${done} rows` : ''}`;
    if (line === last) return;
    if (last && !last.startsWith(label)) write('\n'); // a new phase: keep the finished one on its own line
    write('\r' + line);
    last = line;
  };
}

export async function examImportCommand(opts: ExamImportOptions, io: ImportIo): Promise<number> {
  const bar = io.bar ?? ((s: string) => process.stderr.write(s));
  if (!opts.file || !opts.exam) return (io.err(EXAM_IMPORT_USAGE), 2);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(opts.file);
  } catch (e) {
    return (io.err(`${opts.file}: 无法读取 / cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`), 2);
  }
  const [{ openDatabase }, { ExamService }, { AppError }, { districts }] = await Promise.all([
    import('../core/db/index.js'),
    import('./service.js'),
    import('../core/http/errors.js'),
    import('../core/schema.js'),
  ]);
  let database;
  try {
    database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: opts.data ?? process.env.JUNHENG_DATA ?? './data' });
  } catch (e) {
    return (io.err((e as Error).message), 2);
  }
  try {
    await database.migrate();
    const rows = await database.db.select().from(districts).orderBy(districts.districtId);
    const d = opts.district ? rows.find((r) => r.districtId === opts.district) : rows[0];
    if (!d) return (io.err(opts.district ? `no district ${opts.district}` : 'the database has no district yet: run `junheng serve` or `junheng demo` first'), 2);
    const actor: CurrentUser = {
      districtId: d.districtId,
      districtName: d.name,
      username: 'cli',
      displayName: 'command line',
      role: 'admin',
      schoolCode: null,
      mustChangePassword: false,
      assignedSchools: [],
    };
    const service = new ExamService(database.db);
    let exam = await service.findByName(actor, opts.exam);
    if (!exam) {
      if (!opts.create) return (io.err(`没有名为「${opts.exam}」的考试；加 --create --grade … --type … --full … 新建 / no exam named ${opts.exam}: add --create to create it`), 2);
      const made = createInput(opts);
      if ('error' in made) return (io.err(made.error), 2);
      exam = await service.create(actor, made);
      io.err(`新建考试 / created exam「${exam.name}」(id ${exam.id}): ${exam.subjects.map((s) => `${s.subject}=${s.fullMarks}`).join(', ')}`);
    }
    const progress = progressBar(bar);
    try {
      const r = await service.importFile(actor, exam.id, path.basename(opts.file), buf, progress);
      bar('\n');
      if (opts.json) io.out(JSON.stringify(r));
      else {
        const m = r.marks;
        io.out(
          `已导入 / imported「${exam.name}」： ${r.students} 名学生 students, ${r.schools} 所学校 schools, ${r.classes} 个班 classes` +
            ` (${r.format}${r.encoding ? ` ${r.encoding}` : ''}, ${r.layout.join('+')}); 缺考 absent ${m.absent + m.blank + m.missing}, 作弊 voided ${m.voided}, 免考 exempt ${m.exempt}` +
            `${r.replaced ? `; replaced ${r.replaced} earlier results` : ''}; ${r.seconds} s (reading ${r.phases.reading} s, analysis ${r.phases.analysing} s, writing ${r.phases.writing} s)`,
        );
      }
      return 0;
    } catch (e) {
      bar('\n');
      if (e instanceof AppError) {
        const problems = (e.extra?.problems as { file: string; sheet: string; row: number; column: string; header: string; reason: string }[] | undefined) ?? [];
        const where = (p: (typeof problems)[number]) => `${p.file}${p.sheet ? `:${p.sheet}` : ''}${p.row ? `:${p.row}` : ''}${p.column ? `:${p.column}${p.header ? ` (${p.header})` : ''}` : ''}`;
        io.err([e.message, ...problems.map((p) => `${where(p)}: ${p.reason}`)].join('\n'));
        return 2;
      }
      throw e;
    }
  } finally {
    await database.close();
  }
}

function createInput(opts: ExamImportOptions): ExamInput | { error: string } {
  if (!opts.full || !opts.grade || !opts.type) return { error: `--create 需要 --grade、--type 和 --full / --create needs --grade, --type and --full\n${EXAM_IMPORT_USAGE}` };
  const full = parseFullMarks(opts.full);
  if ('error' in full) return { error: full.error };
  const grade = Number(opts.grade);
  if (!Number.isInteger(grade) || grade < 1 || grade > 12) return { error: `--grade ${opts.grade}: 应为 1–12 / a grade from 1 to 12` };
  if (!(EXAM_TYPES as readonly string[]).includes(opts.type)) return { error: `--type ${opts.type}: 应为 ${EXAM_TYPES.join(' | ')}` };
  for (const k of ['excellent', 'pass', 'low'] as const) {
    const v = opts[k];
    if (v !== undefined && !(Number(v) >= 0 && Number(v) <= 1)) return { error: `--${k} ${v}: 应为满分的比例 0–1 / a share of full marks from 0 to 1` };
  }
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) return { error: `--date ${opts.date}: YYYY-MM-DD` };
  const bottom = opts.bottom === undefined ? undefined : Number(opts.bottom);
  if (bottom !== undefined && !(bottom >= 1 && bottom <= 99)) return { error: `--bottom ${opts.bottom}: 应为 1–99 / a percentile from 1 to 99` };
  return {
    name: opts.exam!,
    grade,
    type: opts.type as ExamType,
    date: opts.date ?? null,
    term: opts.term ?? null,
    excellent: opts.excellent === undefined ? undefined : String(Number(opts.excellent)),
    pass: opts.pass === undefined ? undefined : String(Number(opts.pass)),
    low: opts.low === undefined ? undefined : String(Number(opts.low)),
    bottomPercentile: bottom,
    subjects: full.subjects.map((subject, i) => ({ subject, fullMarks: full.full[i] })),
  };
}
