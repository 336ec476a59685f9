// kill -9 during an import loses nothing, on PGlite and on PostgreSQL. The real server runs as a child process
// (bin/junheng.mjs serve); the test signs in, imports a baseline, stops the server (SIGTERM) and takes a snapshot of
// every data table; then, on a new server, it starts a large exam import and kills the server while the import's
// transaction is writing, restarts, and checks that the data equals the snapshot and that the job is 'interrupted'
// with its message; the same for the statistics workbook (registry) import; finally both imports succeed again.
//
// "While writing": on PostgreSQL a backend of the test database holds a transaction with a transaction id (it has
// written) for a while; on PGlite the tables' files have grown by 2 MB since the import started (a table grows on
// disk as rows are inserted, before the commit; the job's own progress rows are a few hundred bytes).
// PostgreSQL: CRASH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test; skipped (and
// named so) when no server answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/core/db/index.js';
import { createAuthService } from '../../src/server.js';
import { ensureDistrict, setCurrentYear } from '../../src/registry/store.js';
import { schools } from '../../src/registry/schema.js';
import { buildStatsWorkbook } from '../../src/registry/excel.js';
import { INTERRUPTED_MESSAGE } from '../../src/core/jobs/service.js';
import { sampleRecord, schoolFixture } from '../helpers.js';
import { sleep, startChild, type Child } from './child.js';

const PG_URL = process.env.CRASH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const DISTRICT = '990009';
const PASSWORD = 'crash-test-password-9';
/** Students in the large exam file, schools in the large statistics workbook. */
const STUDENTS = Number(process.env.CRASH_STUDENTS ?? 60_000);
const SCHOOLS = Number(process.env.CRASH_SCHOOLS ?? 1200);
const SUBJECTS = ['语文', '数学', '英语'];
const code = (k: number) => `21339${String(k).padStart(5, '0')}`;

async function postgresAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}
const havePostgres = await postgresAnswers();

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Where a target's data lives, and how to open it from the test. */
interface Target {
  env: Record<string, string>;
  args: string[];
  open(): Promise<Database>;
  /** Resolves when the import's transaction has written (see the header); throws when `stop()` or after 10 min. */
  writing(since: number, stop: () => boolean): Promise<void>;
  cleanup(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-crash-import-'));
  // Inserting rows extends the tables' files at once (the rows themselves wait in shared buffers).
  const tableBytes = (d = path.join(dir, 'base')): number =>
    fs.readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? tableBytes(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).size), 0);
  return {
    env: {},
    args: ['--data', dir],
    open: () => openDatabase({ dataDir: dir }),
    async writing(since, stop) {
      const start = tableBytes();
      for (;;) {
        if (stop() || Date.now() - since > 600_000) throw new Error('the import ended before it was seen writing');
        if (tableBytes() - start > 2 * 1024 * 1024) return;
        await sleep(20);
      }
    },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const name = `jh_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    env: { DATABASE_URL: url },
    args: [],
    open: () => openDatabase({ databaseUrl: url }),
    async writing(since, stop) {
      for (;;) {
        if (stop() || Date.now() - since > 600_000) throw new Error('the import ended before it was seen writing');
        const r = await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and backend_xid is not null and xact_start < now() - interval '300 milliseconds'`, [name]);
        if (r.rows[0].n > 0) return;
        await sleep(30);
      }
    },
    async cleanup() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The district, its schools and the bureau's account, written before the first start (no demo district then). */
async function prepare(t: Target) {
  const d = await t.open();
  try {
    await d.migrate();
    await ensureDistrict(d.db, DISTRICT, '崩溃测试县');
    await setCurrentYear(d.db, DISTRICT, 2024);
    const all = Array.from({ length: SCHOOLS }, (_, k) => schoolFixture(code(k), `测试学校${k}`, '小学', { districtId: DISTRICT }));
    for (let k = 0; k < all.length; k += 500) await d.db.insert(schools).values(all.slice(k, k + 500));
    await createAuthService(d.db).createUser({ districtId: DISTRICT, username: 'setup' }, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
  } finally {
    await d.close();
  }
}

const DATA_TABLES = [
  'exams',
  'exam_subjects',
  'exam_results',
  'exam_reports',
  'exam_item_scores',
  'students',
  'school_year_stats',
  'grade_enrolments',
  'school_classes',
  'academic_years',
  'schools',
  'audit_log',
];

/** Per data table: row count and a hash of every row. */
async function snapshot(t: Target): Promise<Record<string, string>> {
  const d = await t.open();
  try {
    const out: Record<string, string> = {};
    for (const table of DATA_TABLES) {
      // Signing in writes an audit row (action 'login'): not data of an import.
      const from = table === 'audit_log' ? `(select * from audit_log where action <> 'login')` : table;
      const r = (await d.db.execute(sql.raw(`select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${from} x`))) as {
        rows: { n: number; h: string }[];
      };
      out[table] = `${r.rows[0].n} ${r.rows[0].h}`;
    }
    return out;
  } finally {
    await d.close();
  }
}

async function jobRows(t: Target) {
  const d = await t.open();
  try {
    return ((await d.db.execute(sql`select id, kind, state, message from jobs order by started_at`)) as { rows: { id: string; kind: string; state: string; message: string | null }[] }).rows;
  } finally {
    await d.close();
  }
}

class Server {
  child!: Child;
  base = '';
  headers: Record<string, string> = {};
  constructor(private readonly t: Target) {}

  async start() {
    running.add(this);
    const port = await freePort();
    this.child = startChild(['--import', 'tsx', 'bin/junheng.mjs', 'serve', '--port', String(port), ...this.t.args], { ...this.t.env, JUNHENG_FROM_SOURCE: '1' });
    await this.child.waitFor((l) => l.includes('http://'), 180_000);
    this.base = `http://127.0.0.1:${port}`;
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
    this.headers = { cookie: `jh_session=${cookies.jh_session}; jh_csrf=${cookies.jh_csrf}`, 'x-csrf-token': cookies.jh_csrf };
    return this;
  }

  async call(method: string, url: string, body?: unknown) {
    const res = await fetch(this.base + url, {
      method,
      headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, any> };
  }

  async upload(url: string, buf: Buffer, name: string) {
    const form = new FormData();
    form.append('file', new Blob([buf]), name);
    const res = await fetch(this.base + url, { method: 'POST', headers: this.headers, body: form });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, any> };
  }

  async stop() {
    this.child.proc.kill('SIGTERM');
    const { code } = await this.child.exited;
    expect(code).toBe(0);
  }
}

function examCsv(n: number, seed: number): Buffer {
  const lines = [`学籍号,姓名,学校代码,班级,${SUBJECTS.join(',')}`];
  let x = seed;
  const r = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 101;
  for (let i = 0; i < n; i++) lines.push(`S${String(i).padStart(7, '0')},学生${i},${code(i % 40)},${(i % 12) + 1}班,${r()},${r()},${r()}`);
  return Buffer.from(lines.join('\n'));
}

const statsWorkbook = (count: number, name = (k: number) => `测试学校${k}`) =>
  buildStatsWorkbook({
    year: 2024,
    schools: Array.from({ length: count }, (_, k) => ({ code: code(k), name: name(k), level: '小学' as const })),
    data: new Map(Array.from({ length: count }, (_, k) => [code(k), sampleRecord()])),
  });

const TARGETS = [
  { name: 'PGlite', make: pgliteTarget, skip: false },
  { name: havePostgres ? 'PostgreSQL' : `PostgreSQL (skipped: no server answers at ${PG_URL.replace(/:[^:@/]*@/, ':***@')})`, make: postgresTarget, skip: !havePostgres },
];

const cleanups: (() => Promise<void>)[] = [];
const running = new Set<Server>();
afterAll(async () => {
  for (const s of running) await s.child?.kill9();
  for (const c of cleanups) await c().catch(() => undefined);
});

describe.each(TARGETS)('kill -9 during imports: $name', ({ make, skip }) => {
  it.skipIf(skip)('loses nothing, marks the jobs interrupted, and the imports succeed again', { timeout: 900_000 }, async () => {
    const started = Date.now();
    const t = await make();
    cleanups.push(() => t.cleanup());
    await prepare(t);

    // Baseline: an exam with a small import, the statistics of two schools.
    let server = await new Server(t).start();
    const exam = await server.call('POST', '/api/exams', { name: '期末统测', grade: 9, type: '期末', subjects: SUBJECTS.map((subject) => ({ subject, fullMarks: 100 })) });
    expect(exam.status).toBe(201);
    const examId = exam.json.exam.id as number;
    const small = await server.upload(`/api/exams/${examId}/import?wait=1`, examCsv(300, 1), '基线.csv');
    expect(small.status, JSON.stringify(small.json)).toBe(200);
    expect((await server.upload('/api/import?year=2024', await statsWorkbook(2), '基线统计.xlsx')).status).toBe(200);
    await server.stop();
    const before = await snapshot(t);
    expect(before.exam_results.startsWith('300 ')).toBe(true);

    // A large exam import, killed while its transaction writes.
    const bigExam = examCsv(STUDENTS, 2);
    const bigStats = await statsWorkbook(SCHOOLS);
    server = await new Server(t).start();
    const since = Date.now();
    const accepted = await server.upload(`/api/exams/${examId}/import`, bigExam, '全县.csv');
    expect(accepted.status).toBe(202);
    const examJob = accepted.json.jobId as string;
    // Ends the wait if the import finished (or the server died) before it was seen writing: the test then fails.
    let ended = false;
    void server.child.exited.then(() => (ended = true));
    const poll = setInterval(() => {
      void server.call('GET', `/api/jobs/${examJob}`).then(
        (r) => {
          if (r.json?.job?.finishedAt) ended = true;
        },
        () => undefined,
      );
    }, 1000);
    try {
      await t.writing(since, () => ended);
    } finally {
      clearInterval(poll);
    }
    const seen = await Promise.race([server.call('GET', `/api/jobs/${examJob}`), sleep(300).then(() => null)]);
    if (seen) expect(seen.json.job.state).not.toBe('done');
    await server.child.kill9();
    expect(await snapshot(t)).toEqual(before);

    // Restarted: the job says interrupted; a statistics import, killed while it writes.
    server = await new Server(t).start();
    const job = (await server.call('GET', `/api/jobs/${examJob}`)).json.job;
    expect(job).toMatchObject({ id: examJob, state: 'interrupted', phase: 'failed', message: INTERRUPTED_MESSAGE, error: { code: 'interrupted', message: INTERRUPTED_MESSAGE } });
    expect((await server.call('GET', '/api/exams/' + examId)).json.exam).toMatchObject({ studentCount: 300, sourceFile: '基线.csv' });
    const since2 = Date.now();
    let answered = false;
    const statsUpload = server.upload('/api/import?year=2024', bigStats, '全县统计.xlsx').then(
      (r) => ((answered = true), r),
      () => null,
    );
    await t.writing(since2, () => answered);
    await server.child.kill9();
    await statsUpload;
    expect(await snapshot(t)).toEqual(before);
    const jobs = await jobRows(t);
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([
      ['exam-import', 'done'],
      ['registry-import', 'done'],
      ['exam-import', 'interrupted'],
      ['registry-import', 'running'], // until the next start
    ]);

    // Restarted again: both interrupted; both imports succeed.
    server = await new Server(t).start();
    const statsJob = jobs[3].id;
    expect((await server.call('GET', `/api/jobs/${statsJob}`)).json.job).toMatchObject({ kind: 'registry-import', state: 'interrupted', message: INTERRUPTED_MESSAGE });
    const again = await server.upload(`/api/exams/${examId}/import?wait=1`, bigExam, '全县.csv');
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(again.json.result).toMatchObject({ students: STUDENTS, replaced: 300 });
    const stats = await server.upload('/api/import?year=2024', bigStats, '全县统计.xlsx');
    expect(stats.status, JSON.stringify(stats.json)).toBe(200);
    expect(stats.json).toMatchObject({ ok: true, schools: SCHOOLS, changedSchools: SCHOOLS - 2 });
    await server.stop();
    const after = await jobRows(t);
    expect(after.map((j) => j.state)).toEqual(['done', 'done', 'interrupted', 'interrupted', 'done', 'done']);
    console.log(`kill -9 during imports, ${t.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
