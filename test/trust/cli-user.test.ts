// `junheng user add` (issue 10, item 9): an account created on the command line must change its password at first
// sign-in, like one an admin creates in the web app; --no-must-change keeps the given password for scripted setups.
// A real process on a PGlite folder (or a throw-away PostgreSQL database when DATABASE_URL is set).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/core/db/index.js';
import { users } from '../../src/core/schema.js';
import { ensureDistrict } from '../../src/registry/store.js';
import { freshDatabase, DISTRICT } from '../helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-cli-user-'));
const dataDir = path.join(dir, 'data');
let pgDatabase: Database | null = null;
let env: NodeJS.ProcessEnv;

async function withDb<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  if (pgDatabase) return fn(pgDatabase);
  const d = await openDatabase({ dataDir });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

const mustChange = (username: string) => withDb(async (d) => (await d.db.select({ m: users.mustChangePassword }).from(users).where(eq(users.username, username)))[0]?.m);

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    pgDatabase = await freshDatabase();
    env = { ...process.env, DATABASE_URL: pgDatabase.location };
  } else {
    env = { ...process.env, DATABASE_URL: '' };
  }
  await withDb(async (d) => {
    await d.migrate();
    await ensureDistrict(d.db, DISTRICT, '测试县');
  });
});
afterAll(async () => {
  await pgDatabase?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'user', 'add', ...args, '--data', dataDir], { cwd: ROOT, encoding: 'utf8', env });

describe('junheng user add', () => {
  it('creates an account with a given password that must be changed at first sign-in, without echoing the password', async () => {
    const r = run('zhanghua', '--role', 'analyst', '--password', 'Given-pass-2024');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/user zhanghua \(analyst\) created; .*must be changed at first sign-in/);
    expect(r.stdout).not.toContain('Given-pass-2024');
    expect(await mustChange('zhanghua')).toBe(true);
  });

  it('a generated password is printed once and must be changed too', async () => {
    const r = run('lihua', '--role', 'viewer');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created; password: \S{8,} \(must be changed at first sign-in\)/);
    expect(await mustChange('lihua')).toBe(true);
  });

  it('--no-must-change keeps the given password as it is (scripted setups)', async () => {
    const r = run('wangfang', '--role', 'viewer', '--password', 'Scripted-pass-2024', '--no-must-change');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/must be changed/);
    expect(await mustChange('wangfang')).toBe(false);
  });

  it('documents --no-must-change in the help', () => {
    const r = spawnSync(process.execPath, ['bin/junheng.mjs', '--help'], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.stdout).toMatch(/user add NAME .*\[--no-must-change\]/);
  });
});
