// `npm run bench [-- FILTER…]`: runs every bench/*.bench.ts (sorted; with filters, only the files
// whose name contains one of them), prints one aligned table per file and a summary, and writes
// everything to .tmp/bench/results.json. A missed target or a failing bench file is reported,
// never turned into a non-zero exit code: this is a report, not a test.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';

export type { BenchResult } from './types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const OUT = path.join(ROOT, '.tmp', 'bench', 'results.json');

/** Terminal columns of a string: CJK and full-width characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

/** Enough digits to read a figure, not more. */
function fmt(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  const digits = a === 0 || a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function judged(r: BenchResult): BenchResult {
  if (r.pass !== undefined || r.target === undefined) return r;
  return { ...r, pass: r.better === 'higher' ? r.value > r.target : r.value < r.target };
}

function table(rows: BenchResult[]): string {
  const cells = rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    r.target === undefined ? '' : `${r.better === 'higher' ? '>' : '<'} ${Number.isInteger(r.target) ? r.target.toLocaleString('en-US') : fmt(r.target)}`,
    r.pass === undefined ? '' : r.pass ? '✓' : '✗',
    r.note ?? '',
  ]);
  const head = ['name', 'value', 'unit', 'target', '', 'note'];
  const w = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
  const right = new Set([1, 3]);
  const line = (c: string[]) =>
    c
      .map((s, i) => (i === c.length - 1 ? s : right.has(i) ? padStart(s, w[i]) : padEnd(s, w[i])))
      .join('  ')
      .trimEnd();
  return [line(head), line(w.map((n, i) => (i === w.length - 1 ? '-'.repeat(Math.max(4, n)) : '-'.repeat(n)))), ...cells.map(line)].map((l) => `  ${l}`).join('\n');
}

function machine() {
  const cpus = os.cpus();
  let commit: string | null = null;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty =
      execSync('git status --porcelain', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() !== '';
    if (dirty) commit += '+dirty';
  } catch {
    /* not a git checkout */
  }
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    commit,
  };
}

interface FileReport {
  file: string;
  seconds: number;
  results: BenchResult[];
  error?: string;
}

async function main() {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const files = fs
    .readdirSync(HERE)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    // A filter that names a file exactly (`load` → load.bench.ts) picks that file only, not page-load.bench.ts too.
    .filter((f, _, all) => filters.length === 0 || filters.some((x) => (all.includes(`${x}.bench.ts`) ? f === `${x}.bench.ts` : f.includes(x))));

  const m = machine();
  const startedAt = new Date().toISOString();
  console.log(`Junheng benchmarks — ${startedAt}`);
  console.log(`node ${m.node} · ${m.platform} · ${m.cpu} × ${m.cpus} · ${m.memoryGiB} GiB RAM${m.commit ? ` · ${m.commit}` : ''}`);
  if (files.length === 0) console.log(`\nno bench files${filters.length ? ` matching ${filters.join(', ')}` : ''} in bench/`);

  const reports: FileReport[] = [];
  for (const file of files) {
    console.log(`\n${file}`);
    const t0 = performance.now();
    try {
      const mod = (await import(pathToFileURL(path.join(HERE, file)).href)) as { default?: unknown };
      if (typeof mod.default !== 'function') throw new Error('no default export: expected `export default async function (): Promise<BenchResult[]>`');
      const out = await (mod.default as () => Promise<unknown>)();
      if (!Array.isArray(out)) throw new Error('the default export did not return an array of BenchResult');
      const results = (out as BenchResult[]).map(judged);
      const seconds = (performance.now() - t0) / 1000;
      console.log(results.length ? table(results) : '  (no results)');
      console.log(`  (${seconds.toFixed(1)} s)`);
      reports.push({ file, seconds, results });
    } catch (e) {
      const seconds = (performance.now() - t0) / 1000;
      const err = e instanceof Error ? (e.stack ?? e.message) : String(e);
      console.log(
        `  ✗ failed after ${seconds.toFixed(1)} s:\n${err
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}`,
      );
      reports.push({ file, seconds, results: [], error: err });
    }
  }

  const all = reports.flatMap((r) => r.results);
  const met = all.filter((r) => r.pass === true).length;
  const missed = all.filter((r) => r.pass === false).length;
  const failed = reports.filter((r) => r.error).length;
  console.log(
    `\n${met} targets met, ${missed} missed${
      failed
        ? `; ${failed} bench file${failed > 1 ? 's' : ''} failed: ${reports
            .filter((r) => r.error)
            .map((r) => r.file)
            .join(', ')}`
        : ''
    }`,
  );

  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify({ startedAt, machine: m, filters, summary: { met, missed, failedFiles: failed }, files: reports }, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), OUT) || OUT}`);
}

// A bench that leaves a worker or socket open must not keep the report from finishing. Only the
// runner's own failure (e.g. cannot write the results) exits non-zero.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
