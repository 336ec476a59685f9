// Exam report (`junheng exam report`: the import's detection and builder, then analyzeExam) against the pandas peer
// (bench/peers/exam_report.py) on the same file, every number of the two JSONs compared (relative tolerance 1e-9):
// 200,000 students × 9 subjects, target at most 0.4 × pandas's wall time (median of 3 side-by-side runs), and
// 1,000,000 students, target ≤ 5 s and ≤ 2 GB peak RSS (2 cores). EXAM_BENCH_STUDENTS=200000 runs one size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAM_FULL_SPEC, generateExamCsv } from './gen-exam.js';
import { timed } from './timed.js';
import type { BenchResult } from './types.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STUDENTS = 1_000_000;
const PYTHON = '/usr/bin/python3';

const ENGINE_ONLY = `
const [file, full] = process.argv.slice(-2);
const { examCommand } = await import(${JSON.stringify(path.join(ROOT, 'src/exams/cli.ts'))});
const t = performance.now();
let bytes = 0;
const code = examCommand('report', { input: file, full, json: true }, { out: (s) => (bytes += s.length), err: () => {} });
process.stdout.write(String(code === 0 ? performance.now() - t : NaN));
`;

export interface Comparison {
  numbers: number;
  maxRelativeDifference: number;
  mismatches: string[];
}

/**
 * Compares every number, string and null of `peer` with `ours` (same paths). Numbers agree when
 * |a − b| ≤ 1e-9 · max(|a|, |b|) or both are below 1e-12 in size. Keys only in ours listed in `oursOnly` are skipped.
 */
export function compareReports(ours: unknown, peer: unknown, oursOnly: string[] = ['marks']): Comparison {
  const result: Comparison = { numbers: 0, maxRelativeDifference: 0, mismatches: [] };
  const walk = (a: unknown, b: unknown, at: string) => {
    if (typeof a === 'number' && typeof b === 'number') {
      result.numbers++;
      const diff = Math.abs(a - b);
      const scale = Math.max(Math.abs(a), Math.abs(b));
      const rel = scale === 0 ? 0 : diff / scale;
      if (!(diff <= 1e-12)) result.maxRelativeDifference = Math.max(result.maxRelativeDifference, rel);
      if (!(rel <= 1e-9 || diff <= 1e-12)) result.mismatches.push(`${at}: ${a} ≠ ${b}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) result.mismatches.push(`${at}: ${a.length} items ≠ ${b.length}`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${at}[${i}]`);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const ka = Object.keys(a).filter((k) => !(at === '' && oursOnly.includes(k)));
      const kb = Object.keys(b);
      for (const k of new Set([...ka, ...kb])) {
        if (!(k in a) || !(k in b)) result.mismatches.push(`${at}.${k}: only in ${k in a ? 'ours' : 'the peer'}`);
        else walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      }
      return;
    }
    if (a !== b) result.mismatches.push(`${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  };
  walk(ours, peer, '');
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One size: ours (bin/junheng.mjs, as a user runs it) and the pandas peer on the same file, alternated `runs` times
 * (the machine may be shared: medians), every number of the two JSONs compared.
 */
async function compareAt(students: number, runs: number, target: { seconds?: number; ratio?: number }): Promise<BenchResult[]> {
  const file = path.join(ROOT, '.tmp', 'bench', `exam-${students}.csv`);
  if (!fs.existsSync(file)) generateExamCsv(file, students);
  const sizeMb = fs.statSync(file).size / 1e6;
  const label = `exam report ${students.toLocaleString('en-US')}`;
  const load = os.loadavg()[0];
  const peerOk = fs.existsSync(PYTHON);
  const oursRuns: Awaited<ReturnType<typeof timed>>[] = [];
  const peerRuns: Awaited<ReturnType<typeof timed>>[] = [];
  for (let r = 0; r < runs; r++) {
    const ours = await timed(process.execPath, ['bin/junheng.mjs', 'exam', 'report', '--input', file, '--full', EXAM_FULL_SPEC, '--json']);
    if (ours.code !== 0) throw new Error(`junheng exam report failed (${ours.code}): ${ours.stderr.slice(0, 2000)}`);
    oursRuns.push(ours);
    if (!peerOk) continue;
    const peer = await timed(PYTHON, ['bench/peers/exam_report.py', file, '--full', EXAM_FULL_SPEC]);
    if (peer.code !== 0) return [{ name: `${label}: pandas peer`, value: NaN, unit: '', note: `failed: ${peer.stderr.trim().split('\n').pop()}` }];
    peerRuns.push(peer);
  }
  const ours = median(oursRuns.map((r) => r.seconds));
  const results: BenchResult[] = [
    {
      name: `${label} students × 9 subjects (${sizeMb.toFixed(0)} MB CSV), wall time`,
      value: ours,
      unit: 's',
      target: target.seconds,
      note: `median of ${runs}; load average ${load.toFixed(1)} on ${os.cpus().length} cores at the start`,
    },
  ];
  const peaks = oursRuns.map((r) => r.peakMb).filter((x): x is number => x !== null);
  if (peaks.length) results.push({ name: `${label}: peak RSS`, value: Math.max(...peaks), unit: 'MB', target: 2048 });
  if (!peerOk) return [...results, { name: `${label}: pandas peer`, value: NaN, unit: '', note: `${PYTHON} not found (apt install python3-pandas)` }];
  const peer = median(peerRuns.map((r) => r.seconds));
  const ratios = oursRuns.map((r, k) => r.seconds / peerRuns[k].seconds);
  const cmp = compareReports(JSON.parse(oursRuns[0].stdout), JSON.parse(peerRuns[0].stdout));
  const peerPeaks = peerRuns.map((r) => r.peakMb).filter((x): x is number => x !== null);
  results.push(
    { name: `${label}: pandas peer wall time`, value: peer, unit: 's', note: `median of ${runs}` },
    ...(peerPeaks.length ? [{ name: `${label}: pandas peer peak RSS`, value: Math.max(...peerPeaks), unit: 'MB' }] : []),
    {
      name: `${label}: time ratio ours / pandas`,
      value: median(ratios),
      unit: '×',
      target: target.ratio,
      note: `median of ${runs} runs side by side (${ratios.map((x) => x.toFixed(2)).join(', ')}); pandas / ours ${(peer / ours).toFixed(1)}×`,
    },
    {
      name: `${label}: max relative difference vs pandas`,
      value: cmp.maxRelativeDifference,
      unit: '',
      target: 1e-9,
      pass: cmp.mismatches.length === 0,
      note: cmp.mismatches.length ? `${cmp.mismatches.length} of ${cmp.numbers} numbers differ, e.g. ${cmp.mismatches.slice(0, 3).join('; ')}` : `${cmp.numbers} numbers agree`,
    },
  );
  return results;
}

export default async function examBench(): Promise<BenchResult[]> {
  // The figure: the 200,000-student report in at most 0.4 × pandas's wall time; then the city-size file.
  const sizes = (process.env.EXAM_BENCH_STUDENTS ?? `200000,${STUDENTS}`).split(',').map(Number);
  const results: BenchResult[] = [];
  for (const n of sizes) results.push(...(await compareAt(n, n <= 200_000 ? 3 : 1, n <= 200_000 ? { ratio: 0.4 } : { seconds: 5 })));
  // Where the time goes: the engine alone (read, parse, report, JSON) in a process that loads only src/exams,
  // and the start-up of the junheng command line itself.
  const big = path.join(ROOT, '.tmp', 'bench', `exam-${sizes[sizes.length - 1]}.csv`);
  const engine = await timed(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENGINE_ONLY, big, EXAM_FULL_SPEC]);
  if (engine.code === 0)
    results.push({
      name: `exam report ${sizes[sizes.length - 1].toLocaleString('en-US')}: engine only (in-process)`,
      value: Number(engine.stdout) / 1000,
      unit: 's',
      note: engine.peakMb === null ? undefined : `peak RSS ${engine.peakMb.toFixed(0)} MB`,
    });
  const startup = await timed(process.execPath, ['bin/junheng.mjs', '--version']);
  results.push({ name: 'junheng CLI start-up (--version)', value: startup.seconds, unit: 's' });
  return results;
}
