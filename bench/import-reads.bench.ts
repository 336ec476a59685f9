// Reads during a large exam import on the embedded database (issue 10, item 7): `junheng serve` on a fresh PGlite
// folder (the demo district, loaded at its first start), a 300,000 students × 9 subjects exam (bench/gen-exam.ts,
// its 60 school codes mapped onto the demo district's schools) uploaded through POST /api/exams/:id/import, and,
// while the job runs, GET /api/overview fired every 200 ms and GET /api/jobs/:id every 250 ms (open loop: a request
// is sent on time whether or not the previous one has answered, so a stall counts once per request it delays, as
// users polling a page would see it). Reported: p50/p95/max of both during the import (target: overview p95 < 1 s),
// the longest time without any answer from the job poll, the same reads with no import (the floor), and the import's
// wall time and phases. The server runs from the TypeScript sources (JUNHENG_FROM_SOURCE=1): no build needed.
// IMPORT_READS_STUDENTS changes the size; IMPORT_READS_KEEP=1 keeps the data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXAM_SUBJECTS, generateExamCsv } from './gen-exam.js';
import { freePort } from './production.js';
import type { BenchResult } from './types.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STUDENTS = Number(process.env.IMPORT_READS_STUDENTS ?? 300_000);
const PASSWORD = 'bench-password-1';
const OVERVIEW_EVERY_MS = 200;
const JOB_EVERY_MS = 250;

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

interface Sample {
  at: number;
  ms: number;
  status: number;
}

/** Fires `fn` every `everyMs` until stopped, without waiting for earlier calls; keeps each call's latency. */
function openLoop(everyMs: number, fn: () => Promise<number>) {
  const samples: Sample[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    if (pending.size >= 200) return; // a dead server: do not pile up sockets
    const at = performance.now();
    const p = fn().then(
      (status) => void samples.push({ at, ms: performance.now() - at, status }),
      () => void samples.push({ at, ms: performance.now() - at, status: 0 }),
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }, everyMs);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return samples;
    },
  };
}

/** The longest stretch between two consecutive answers (answers in the order they came), from `from` to `to`. */
function longestSilence(samples: Sample[], from: number, to: number): number {
  const ends = samples
    .filter((s) => s.status === 200)
    .map((s) => s.at + s.ms)
    .sort((a, b) => a - b);
  let prev = from;
  let worst = 0;
  for (const e of [...ends, to]) {
    worst = Math.max(worst, e - prev);
    prev = Math.max(prev, e);
  }
  return worst;
}

async function startServer(dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/junheng.mjs', 'serve', '--port', String(port), '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', JUNHENG_FROM_SOURCE: '1', JUNHENG_LOG_LEVEL: 'warn', JUNHENG_ADMIN_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const t = performance.now();
  const url = `http://127.0.0.1:${port}`;
  while (!out.includes(`${url}/`)) {
    if (child.exitCode !== null) throw new Error(`junheng serve exited ${child.exitCode}:\n${out.slice(-3000)}`);
    if (performance.now() - t > 300_000) {
      child.kill('SIGKILL');
      throw new Error(`junheng serve did not start:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    startSeconds: (performance.now() - t) / 1000,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The parts of the API's answers the bench reads. */
interface JobAnswer {
  state: string;
  finishedAt: string | null;
  result?: { phases?: Record<string, number> };
}
interface Answer {
  schools?: { code: string; level: string }[];
  exam?: { id: number };
  jobId?: string;
  job?: JobAnswer;
}

async function signIn(url: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
  const headers = { cookie: `jh_session=${cookies.jh_session}; jh_csrf=${cookies.jh_csrf}`, 'x-csrf-token': cookies.jh_csrf };
  const call = async (method: string, p: string, body?: unknown) => {
    const r = await fetch(url + p, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: ((await r.json().catch(() => null)) ?? {}) as Answer };
  };
  const status = async (p: string) => {
    const r = await fetch(url + p, { headers });
    await r.arrayBuffer();
    return r.status;
  };
  const upload = async (p: string, buf: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([buf]), name);
    const r = await fetch(url + p, { method: 'POST', headers, body: form });
    return { status: r.status, json: ((await r.json().catch(() => null)) ?? {}) as Answer };
  };
  return { call, status, upload };
}

/** The generated file with its 60 school codes replaced by the district's schools (round robin). */
function examFile(codes: string[]): Buffer {
  const file = path.join(ROOT, '.tmp', 'bench', `exam-${STUDENTS}.csv`);
  if (!fs.existsSync(file)) generateExamCsv(file, STUDENTS);
  const map = new Map<string, string>();
  const text = fs.readFileSync(file, 'utf8').replace(/,(3309021\d{3}),/g, (_, c: string) => {
    if (!map.has(c)) map.set(c, codes[map.size % codes.length]);
    return `,${map.get(c)},`;
  });
  return Buffer.from(text);
}

const ms = (x: number) => x / 1000;

export default async function importReadsBench(): Promise<BenchResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-bench-import-reads-'));
  const server = await startServer(dataDir);
  try {
    const api = await signIn(server.url);
    const schools = (await api.call('GET', '/api/schools')).json.schools as { code: string; level: string }[];
    const junior = schools.filter((s) => s.level === '初中' || s.level === '九年一贯制' || s.level === '完全中学').map((s) => s.code);
    const buf = examFile(junior.length ? junior : schools.map((s) => s.code));
    const created = await api.call('POST', '/api/exams', {
      name: `导入期间读取基准 ${new Date().toISOString().slice(0, 19)}`,
      grade: 9,
      type: '期末',
      subjects: EXAM_SUBJECTS.map(([subject, fullMarks]) => ({ subject, fullMarks })),
    });
    if (created.status !== 201) throw new Error(`create exam: ${created.status} ${JSON.stringify(created.json)}`);
    const examId = created.json.exam!.id;

    // The floor: the same reads with nothing else going on (after a warm-up).
    for (let k = 0; k < 5; k++) await api.status('/api/overview');
    const idle = openLoop(OVERVIEW_EVERY_MS, () => api.status('/api/overview'));
    await new Promise((r) => setTimeout(r, 4000));
    const idleSamples = await idle.stop();

    // The import, with the reads going on.
    const t0 = performance.now();
    const accepted = await api.upload(`/api/exams/${examId}/import`, buf, `全县${STUDENTS}.csv`);
    if (accepted.status !== 202) throw new Error(`import: ${accepted.status} ${JSON.stringify(accepted.json).slice(0, 2000)}`);
    const jobId = accepted.json.jobId!;
    const tAccepted = performance.now();
    let finished: JobAnswer | null = null;
    const overview = openLoop(OVERVIEW_EVERY_MS, () => api.status('/api/overview'));
    const jobPoll = openLoop(JOB_EVERY_MS, async () => {
      const r = await api.call('GET', `/api/jobs/${jobId}`);
      if (r.json?.job?.finishedAt) finished ??= r.json.job;
      return r.status;
    });
    while (!finished) {
      if (performance.now() - t0 > 900_000) throw new Error('the import did not finish within 15 min');
      await new Promise((r) => setTimeout(r, 100));
    }
    const tDone = performance.now();
    const [ov, jp] = await Promise.all([overview.stop(), jobPoll.stop()]);
    const job = finished as JobAnswer;
    if (job.state !== 'done') throw new Error(`the import failed: ${JSON.stringify(job).slice(0, 2000)}`);
    // Only requests sent while the import ran.
    const during = (xs: Sample[]) => xs.filter((s) => s.at >= tAccepted && s.at <= tDone);
    const ovMs = during(ov).map((s) => s.ms);
    const jpMs = during(jp).map((s) => s.ms);
    const bad = [...during(ov), ...during(jp)].filter((s) => s.status !== 200).length;
    const phases = job.result?.phases ?? {};
    const label = `${STUDENTS.toLocaleString('en-US')} × 9 import`;
    return [
      {
        name: `${label}: wall time (upload → done)`,
        value: ms(tDone - t0),
        unit: 's',
        note: `phases: reading ${phases.reading} s, analysing ${phases.analysing} s, writing ${phases.writing} s; server start ${server.startSeconds.toFixed(0)} s`,
      },
      {
        name: 'GET /api/overview, no import: p50',
        value: quantile(
          idleSamples.map((s) => s.ms),
          0.5,
        ),
        unit: 'ms',
        note: `${idleSamples.length} requests`,
      },
      { name: `GET /api/overview during the ${label}: p50`, value: quantile(ovMs, 0.5), unit: 'ms', note: `${ovMs.length} requests, one every ${OVERVIEW_EVERY_MS} ms` },
      { name: `GET /api/overview during the ${label}: p95`, value: quantile(ovMs, 0.95), unit: 'ms', target: 1000 },
      { name: `GET /api/overview during the ${label}: max`, value: Math.max(...ovMs), unit: 'ms' },
      { name: `GET /api/jobs/:id during the ${label}: p50`, value: quantile(jpMs, 0.5), unit: 'ms', note: `${jpMs.length} requests, one every ${JOB_EVERY_MS} ms` },
      { name: `GET /api/jobs/:id during the ${label}: p95`, value: quantile(jpMs, 0.95), unit: 'ms', target: 1000 },
      { name: `GET /api/jobs/:id during the ${label}: max`, value: Math.max(...jpMs), unit: 'ms' },
      {
        name: `GET /api/jobs/:id during the ${label}: longest time without an answer`,
        value: longestSilence(during(jp), tAccepted, tDone),
        unit: 'ms',
        target: 2000,
        note: bad ? `${bad} requests failed` : 'every request answered 200',
      },
    ];
  } finally {
    await server.stop();
    if (process.env.IMPORT_READS_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
