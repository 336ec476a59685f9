// Low items of issue 10: the admin password only when generated and never on stdout (a log stream);
// RFC 6266 file names in Content-Disposition; a cross-origin sign-in is refused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { contentDisposition, sendPdf, sendXlsx } from '../../src/core/http/download.js';
import { freshDatabase, PASSWORD, testApp } from '../helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('Content-Disposition (RFC 6266)', () => {
  it('quotes the ASCII fallback with " and \\ escaped and gives the UTF-8 name as filename*', async () => {
    expect(contentDisposition('attachment', '成绩 "期中" a\\b.xlsx')).toBe(
      `attachment; filename="__ \\"__\\" a\\\\b.xlsx"; filename*=UTF-8''%E6%88%90%E7%BB%A9%20%22%E6%9C%9F%E4%B8%AD%22%20a%5Cb.xlsx`,
    );
    expect(contentDisposition('attachment', "it's (1)*.xlsx")).toBe(`attachment; filename="it's (1)*.xlsx"; filename*=UTF-8''it%27s%20%281%29%2A.xlsx`);
    const app = Fastify();
    app.get('/x', (_req, reply) => sendXlsx(reply, Buffer.from('x'), 'a"b\r\nc.xlsx'));
    app.get('/p', (_req, reply) => sendPdf(reply, Buffer.from('x'), '报告 "一".pdf'));
    const x = await app.inject({ url: '/x' });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toBe(`attachment; filename="a\\"b__c.xlsx"; filename*=UTF-8''a%22b__c.xlsx`);
    const p = await app.inject({ url: '/p' });
    expect(p.headers['content-disposition']).toMatch(/^inline; filename="__ _.*_\.pdf"; filename\*=UTF-8''/);
    await app.close();
  });
});

describe('sign-in origin check', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());
  const login = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer', password: PASSWORD }, headers });

  it('refuses a cross-origin POST /api/auth/login with 403 and accepts the own origin or none', async () => {
    const evil = await login({ host: 'junheng.example.gov.cn', origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('cross_origin');
    expect((await login({ host: 'junheng.example.gov.cn', origin: 'null' })).statusCode).toBe(403);
    expect((await login({ host: 'junheng.example.gov.cn', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await login({ host: 'junheng.example.gov.cn', origin: 'https://junheng.example.gov.cn' })).statusCode).toBe(200);
    expect((await login({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' })).statusCode).toBe(200);
    expect((await login({ host: 'localhost:80', origin: 'http://localhost' })).statusCode).toBe(200);
    expect((await login({})).statusCode).toBe(200); // no Origin: not a browser's cross-site form
  });
});

describe('the first admin password', () => {
  it('is not returned when it came from JUNHENG_ADMIN_PASSWORD', async () => {
    const d = await freshDatabase();
    try {
      const boot = await bootstrap(d, { demo: 'never', adminPassword: 'chosen-boss-pass-1' });
      expect(boot.adminPassword).toBeNull();
      expect(boot.adminCreated).toBe(true);
    } finally {
      await d.close();
    }
  });

  it('when generated, is printed once to stderr and never to stdout (the log stream)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-admin-'));
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const env: NodeJS.ProcessEnv = { ...process.env, JUNHENG_LOG_LEVEL: 'info', DATABASE_URL: '', JUNHENG_DISTRICT_ID: '990009' };
    delete env.JUNHENG_ADMIN_PASSWORD;
    delete env.VITEST;
    const child = spawn(process.execPath, ['bin/junheng.mjs', 'serve', '--port', String(port), '--data', dataDir], { cwd: ROOT, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    try {
      const deadline = Date.now() + 150_000;
      while (!out.includes(`:${port}/`)) {
        if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}:\n${out}\n${err}`);
        if (Date.now() > deadline) throw new Error(`serve did not get ready:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
      const m = /password = (\S+)/.exec(err);
      expect(m, err).not.toBeNull();
      expect(err.split(m![1]).length - 1).toBe(1);
      expect(out).not.toContain(m![1]);
      expect(out).not.toMatch(/password = /);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
