// Speed under load (issue 10, item 16): `junheng serve` on the demo district, signed in as the admin, and three
// computed pages driven by N keep-alive connections for a few seconds each: the overview, the balance evaluation
// and an exam's district report. Target: ≥ 200 req/s with p99 < 250 ms each, on PGlite and (when DATABASE_URL is
// set or 127.0.0.1:5432 answers) on PostgreSQL. Each is measured twice in the same run: with the response cache
// (src/core/cache) and without it (JUNHENG_CACHE=0, the figures before the cache), and the note gives the ratio.
// No autocannon in the dependencies: the load comes from a small generator here (node:http, one keep-alive
// Agent, N connections each sending its next request when the previous answer has arrived — a closed loop, as
// autocannon does by default), asking for gzip as a browser does. The server runs from the sources (node --import tsx src/cli.ts serve) in its own
// process; the generator runs in this one.
// Settings: LOAD_SECONDS (default 10, the uncached runs half of it), LOAD_CONNECTIONS (default 10), LOAD_DB
// (pglite,postgresql).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { freePort, ROOT } from './production.js';
import type { BenchResult } from './types.js';

const SECONDS = Number(process.env.LOAD_SECONDS) || 10;
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS) || 10;
const PASSWORD = 'bench-password-1';
const TARGET_RPS = 200;
const TARGET_P99_MS = 250;

interface Server {
  url: string;
  stop(): Promise<number | null>;
}

/** `junheng serve` from the sources on a PGlite folder or a PostgreSQL database; resolves once it listens. */
export async function serve(env: Record<string, string>, data: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', String(port), '--data', data], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', JUNHENG_LOG_LEVEL: 'warn', JUNHENG_ADMIN_PASSWORD: PASSWORD, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const t = performance.now();
  while (!out.includes(`open: ${url}/`)) {
    if (child.exitCode !== null) throw new Error(`junheng serve exited ${child.exitCode}:\n${out.slice(-3000)}`);
    if (performance.now() - t > 600_000) {
      child.kill('SIGKILL');
      throw new Error(`junheng serve did not start:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function request(
  agent: http.Agent,
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; keep?: boolean } = {},
): Promise<{ status: number; body: string; bytes: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      let bytes = 0;
      res.on('data', (b: Buffer) => {
        bytes += b.length;
        if (opts.keep !== false) parts.push(b);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), bytes, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);

/** N connections, each sending its next request when the previous answer has arrived, for `seconds`. */
export async function load(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let hits = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const r = await request(agent, url, { headers: { ...headers, 'accept-encoding': 'gzip, deflate, br' }, keep: false });
          if (r.status !== 200) errors++;
          else {
            latencies.push(performance.now() - t);
            bytes += r.bytes;
            if (r.headers['x-cache'] === 'hit') hits++;
          }
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), n: latencies.length, errors, kb: bytes / Math.max(1, latencies.length) / 1024, hits };
}

export async function signIn(base: string): Promise<Record<string, string>> {
  const agent = new http.Agent({ keepAlive: false });
  const r = await request(agent, `${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`sign-in: ${r.status} ${r.body}`);
  const cookies = [r.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; ') };
}

/** The routes: the overview, the evaluation, the district report of the first exam with scores. */
async function routes(base: string, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: false });
  const exams = JSON.parse((await request(agent, `${base}/api/exams`, { headers })).body) as { exams: { id: number; studentCount: number; name: string }[] };
  const exam = exams.exams.find((e) => e.studentCount > 0);
  if (!exam) throw new Error('the demo district has no exam with scores');
  return [
    { name: 'GET /api/overview', path: '/api/overview' },
    { name: 'GET /api/balance/evaluation', path: '/api/balance/evaluation' },
    { name: 'GET /api/exams/:id/report (district)', path: `/api/exams/${exam.id}/report`, note: `${exam.name}, ${exam.studentCount} pupils` },
  ];
}

function postgresAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(5432, '127.0.0.1');
    s.setTimeout(1000);
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

interface Target {
  kind: 'pglite' | 'postgresql';
  env: Record<string, string>;
  data: string;
  cleanup(): Promise<void>;
}

async function targets(): Promise<{ list: Target[]; skipped: string | null }> {
  const wanted = (process.env.LOAD_DB ?? 'pglite,postgresql').split(',');
  const list: Target[] = [];
  let skipped: string | null = null;
  if (wanted.includes('pglite')) {
    // Kept between runs: the demo district is loaded on the first start only.
    const data = path.join(ROOT, '.tmp', 'bench', 'load-data');
    fs.mkdirSync(path.dirname(data), { recursive: true });
    list.push({ kind: 'pglite', env: {}, data, cleanup: async () => {} });
  }
  if (wanted.includes('postgresql')) {
    const url = process.env.DATABASE_URL || ((await postgresAnswers()) ? 'postgres://postgres@127.0.0.1:5432/postgres' : '');
    if (!url) skipped = 'PostgreSQL: skipped (no DATABASE_URL, nothing on 127.0.0.1:5432)';
    else {
      // A database of its own, dropped afterwards.
      const name = `jh_bench_load_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      // `junheng serve` loads the demo district by itself only into PGlite: `junheng demo` first.
      const demo = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: u.toString(), JUNHENG_ADMIN_PASSWORD: PASSWORD },
        encoding: 'utf8',
      });
      if (demo.status !== 0) throw new Error(`junheng demo failed:\n${(demo.stdout + demo.stderr).slice(-3000)}`);
      list.push({
        kind: 'postgresql',
        env: { DATABASE_URL: u.toString() },
        data: path.join(ROOT, '.tmp', 'bench', 'load-unused'),
        cleanup: async () => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      });
    }
  }
  return { list, skipped };
}

export default async function (): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const { list, skipped } = await targets();
  if (skipped) results.push({ name: skipped, value: NaN, unit: '' });
  for (const target of list) {
    try {
      const measured: Record<string, Record<'off' | 'on', Awaited<ReturnType<typeof load>>>> = {};
      let notes: Record<string, string | undefined> = {};
      for (const mode of ['off', 'on'] as const) {
        const server = await serve({ ...target.env, JUNHENG_CACHE: mode === 'off' ? '0' : '1' }, target.data);
        try {
          const headers = await signIn(server.url);
          const rs = await routes(server.url, headers);
          notes = Object.fromEntries(rs.map((r) => [r.name, r.note]));
          for (const r of rs) {
            const url = server.url + r.path;
            await load(url, headers, 3, CONNECTIONS); // warm-up: the first computation, and a server just started settling
            (measured[r.name] ??= {} as never)[mode] = await load(url, headers, mode === 'off' ? Math.max(2, SECONDS / 2) : SECONDS, CONNECTIONS);
          }
        } finally {
          await server.stop();
        }
      }
      for (const [name, m] of Object.entries(measured)) {
        const { on, off } = m;
        const label = `${target.kind}: ${name}`;
        const ratio = on.rps / off.rps;
        results.push({
          name: `${label} — throughput`,
          value: on.rps,
          unit: 'req/s',
          target: TARGET_RPS,
          better: 'higher',
          pass: on.rps >= TARGET_RPS && on.p99 < TARGET_P99_MS && on.errors === 0,
          note: `${CONNECTIONS} connections × ${SECONDS} s, ${on.n} answers, ${on.errors} errors, ${on.hits} from the cache, ${on.kb.toFixed(0)} KB each on the wire (${off.kb.toFixed(0)} KB without the cache); without the cache ${off.rps.toFixed(0)} req/s (×${ratio.toFixed(1)})${notes[name] ? `; ${notes[name]}` : ''}`,
        });
        results.push({
          name: `${label} — p99`,
          value: on.p99,
          unit: 'ms',
          target: TARGET_P99_MS,
          note: `p50 ${on.p50.toFixed(1)} ms; without the cache p50 ${off.p50.toFixed(0)} ms, p99 ${off.p99.toFixed(0)} ms`,
        });
      }
    } finally {
      await target.cleanup();
    }
  }
  return results;
}
