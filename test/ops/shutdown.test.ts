// `junheng serve` as an operator runs it: the first start prints its progress (migrations, the demo
// district's steps, ready with the URL); SIGTERM stops accepting, closes the database and exits 0;
// the data folder then opens again (the lock was released, the data is there), and SIGINT does the same.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/index.js';
import { districts } from '../../src/registry/schema.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-serve-'));
const running = new Set<ChildProcessWithoutNullStreams>();
// A failed test must not leave its server running (it would hold the data folder).
afterEach(() => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  running.clear();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Server {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url: string;
}

async function serve(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/junheng.mjs', 'serve', '--port', String(port), '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, JUNHENG_ADMIN_PASSWORD: 'ops-test-password-1', JUNHENG_LOG_LEVEL: 'warn', DATABASE_URL: '' },
  });
  running.add(child);
  let text = '';
  child.stdout.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr.on('data', (b: Buffer) => (text += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 150_000;
  while (!text.includes(`open: ${url}`)) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}:\n${text}`);
    if (Date.now() > deadline) throw new Error(`serve did not get ready:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, out: () => text, exited, url };
}

describe('junheng serve', () => {
  it('prints its first start step by step, and on SIGTERM closes the database and exits 0', async () => {
    const s = await serve();
    const steps = s
      .out()
      .split('\n')
      .filter((l) => /^\[\s*\d+\.\d s\]/.test(l));
    // Each step: [  1.2 s] 中文 / English — the English halves, in order.
    expect(steps.map((l) => l.replace(/^\[\s*\d+\.\d s\] [^/]+ \/ /, ''))).toEqual([
      'applying database migrations',
      'first start: loading the demo district',
      'generating the demo district',
      expect.stringMatching(/^writing \d+ schools × \d+ years of statistics$/),
      'importing the demo exams’ scores',
      'loading the demo admission draws',
      'loading the demo fitness results',
      'loading the demo vision screening',
      'loading the demo homework and sleep survey',
      'loading the demo satisfaction survey',
      'loading the demo teachers (roster, training, moves)',
      'loading the demo seat-forecast inputs',
      'loading the demo county outline',
      'building the demo teacher-exchange plan',
      'loading the demo pairings',
      'starting the web server',
      expect.stringMatching(/^ready — 打开 \/ open: http:\/\/127\.0\.0\.1:\d+\/$/),
    ]);
    const health = await fetch(`${s.url}api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBeTruthy();
    expect(fs.existsSync(path.join(dataDir, 'junheng.lock'))).toBe(true);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.out()).toMatch(/SIGTERM: 正在停止 \/ stopping/);
    expect(s.out()).toMatch(/已停止 \/ stopped/);
    // The port is free and the data folder is unlocked: it opens here, with the demo district in it.
    await expect(fetch(`${s.url}api/health`)).rejects.toThrow();
    expect(fs.existsSync(path.join(dataDir, 'junheng.lock'))).toBe(false);
    const d = await openDatabase({ dataDir });
    try {
      expect((await d.db.select().from(districts)).length).toBe(1);
    } finally {
      await d.close();
    }
  }, 240_000);

  it('starts again on the same folder without reloading the demo; users are added through the API meanwhile; stops on SIGINT', async () => {
    const s = await serve();
    expect(s.out()).not.toMatch(/demo district/);
    expect(s.out()).toMatch(/admin exists/);
    expect((await fetch(`${s.url}api/health`)).status).toBe(200);
    // The command line cannot open the folder the server holds, and says how to add a user instead…
    const cli = spawnSync(process.execPath, ['bin/junheng.mjs', 'user', 'add', 'li', '--role', 'viewer', '--data', dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/in use by another Junheng process/);
    expect(cli.stderr).toMatch(/POST \/api\/users/);
    // …which works: the admin adds the user through the API of the running server.
    const login = await fetch(`${s.url}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'ops-test-password-1' }),
    });
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
    const csrf = cookies.find((c) => c.startsWith('jh_csrf='))!.slice('jh_csrf='.length);
    const add = await fetch(`${s.url}api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
      body: JSON.stringify({ username: 'li', displayName: '李老师', role: 'viewer', password: 'li-password-123' }),
    });
    expect(add.status, await add.clone().text()).toBe(200);
    s.child.kill('SIGINT');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, 'junheng.lock'))).toBe(false);
    // Stopped, the folder is the command line's again.
    const reset = spawnSync(process.execPath, ['bin/junheng.mjs', 'user', 'reset-password', 'li', '--data', dataDir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/new password for li/);
  }, 240_000);
});
