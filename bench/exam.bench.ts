// Exam report at the scale: 1,000,000 students × 9 subjects → the full JSON report, target ≤ 5 s and ≤ 2 GB
// peak RSS (2 cores). Times our CLI as a child process and the pandas peer (bench/peers/exam_report.py) on the same
// file, and compares every number of the two JSONs (relative tolerance 1e-9).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAM_FULL_SPEC, generateExamCsv } from './gen-exam.js';
import { timed } from './timed.js';
import type { BenchResult } from './types.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STUDENTS = 1_000_000;
const FILE = path.join(ROOT, '.tmp', 'bench', `exam-${STUDENTS}.csv`);
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

export default async function examBench(): Promise<BenchResult[]> {
  if (!fs.existsSync(FILE)) generateExamCsv(FILE, STUDENTS);
  const sizeMb = fs.statSync(FILE).size / 1e6;
  const load = os.loadavg()[0];
  const ours = await timed(process.execPath, ['bin/junheng.mjs', 'exam', 'report', '--input', FILE, '--full', EXAM_FULL_SPEC, '--json']);
  if (ours.code !== 0) throw new Error(`junheng exam report failed (${ours.code}): ${ours.stderr.slice(0, 2000)}`);
  const results: BenchResult[] = [
    { name: `exam report: ${STUDENTS.toLocaleString('en-US')} students × 9 subjects (${sizeMb.toFixed(0)} MB CSV), wall time`, value: ours.seconds, unit: 's', target: 5, note: `load average ${load.toFixed(1)} on ${os.cpus().length} cores at the start` },
  ];
  if (ours.peakMb !== null) results.push({ name: 'exam report: peak RSS', value: ours.peakMb, unit: 'MB', target: 2048 });
  // Where the time goes: the engine alone (read, parse, report, JSON) in a process that loads only src/exams,
  // and the start-up of the junheng command line itself (src/cli.ts loads the whole app before dispatching).
  const engine = await timed(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENGINE_ONLY, FILE, EXAM_FULL_SPEC]);
  if (engine.code === 0) results.push({ name: 'exam report: engine only (in-process)', value: Number(engine.stdout) / 1000, unit: 's', note: engine.peakMb === null ? undefined : `peak RSS ${engine.peakMb.toFixed(0)} MB` });
  const startup = await timed(process.execPath, ['bin/junheng.mjs', '--version']);
  results.push({ name: 'junheng CLI start-up (--version)', value: startup.seconds, unit: 's' });
  if (!fs.existsSync(PYTHON)) return [...results, { name: 'pandas peer', value: NaN, unit: '', note: `${PYTHON} not found` }];
  const peer = await timed(PYTHON, ['bench/peers/exam_report.py', FILE, '--full', EXAM_FULL_SPEC]);
  if (peer.code !== 0) return [...results, { name: 'pandas peer', value: NaN, unit: '', note: `failed: ${peer.stderr.trim().split('\n').pop()}` }];
  const cmp = compareReports(JSON.parse(ours.stdout), JSON.parse(peer.stdout));
  results.push(
    { name: 'pandas peer: wall time', value: peer.seconds, unit: 's' },
    ...(peer.peakMb !== null ? [{ name: 'pandas peer: peak RSS', value: peer.peakMb, unit: 'MB' }] : []),
    { name: 'time ratio pandas / ours', value: peer.seconds / ours.seconds, unit: '×', better: 'higher' as const },
    {
      name: 'max relative difference vs pandas',
      value: cmp.maxRelativeDifference,
      unit: '',
      target: 1e-9,
      pass: cmp.mismatches.length === 0,
      note: cmp.mismatches.length ? `${cmp.mismatches.length} of ${cmp.numbers} numbers differ, e.g. ${cmp.mismatches.slice(0, 3).join('; ')}` : `${cmp.numbers} numbers agree`,
    },
  );
  return results;
}
