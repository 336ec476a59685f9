// The data folder's lock (issue 10, item 8): a lock the OS releases when its process ends, so that nothing left
// behind — a junheng.lock naming a PID that now belongs to another process, PID 1 in a container, a holder killed
// with kill -9 — blocks the next start; junheng.lock keeps the PID only as information. A second process is
// refused before it changes anything in the folder; a second open in one process is refused too.
import fs from 'node:fs';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, openDatabase } from '../../src/core/db/index.js';
import { ROOT, startChild } from './child.js';

const LOCK_FILE = 'junheng.lock';
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-lock-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const holder = (dir: string) => startChild(['--import', 'tsx', 'test/trust/hold-folder.ts', dir]);
const openedBy = async (child: ReturnType<typeof holder>) => JSON.parse(await child.waitFor((l) => l.includes('"open"'), 120_000)).pid as number;

/** Every entry of a folder: kind, size, mode, mtime, ctime and a hash of the content. */
function snapshot(dir: string) {
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    const hash = st.isFile() ? crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex') : '';
    out[path.relative(dir, p) || '.'] = [st.isDirectory() ? 'd' : 'f', st.size, (st.mode & 0o7777).toString(8), st.mtimeMs, st.ctimeMs, hash].join(' ');
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return out;
}

describe('data folder lock', () => {
  it('is taken over when junheng.lock names a live, unrelated process (a reused PID, PID 1 in a container)', async () => {
    const dir = tmp();
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      for (const pid of [sleeper.pid!, 1, process.pid, 999_999_999]) {
        fs.writeFileSync(path.join(dir, LOCK_FILE), String(pid));
        const d = await openDatabase({ dataDir: dir });
        expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
        await d.close();
        expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
      }
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('refuses a second open in this process, and is free again once released', async () => {
    const dir = tmp();
    const release = await acquireLock(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await expect(acquireLock(dir)).rejects.toThrow(/already open in this process/);
    // Another path to the same folder is the same lock.
    const link = path.join(tmp(), 'link');
    fs.symlinkSync(dir, link);
    await expect(acquireLock(link)).rejects.toThrow(/already open in this process/);
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    (await acquireLock(dir))();
  });

  it('refuses a second process before it touches the folder, naming the holder; after kill -9 of the holder the folder opens at once', { timeout: 300_000 }, async () => {
    const dir = tmp();
    const first = holder(dir);
    const pid = await openedBy(first);
    try {
      // The holder is idle now (no writes, its first checkpoint is 30 s away): nothing in the folder changes…
      const before = snapshot(dir);
      // …unless the second opener changes it. Also with a junheng.lock that names no live process.
      fs.writeFileSync(path.join(dir, LOCK_FILE), '999999999');
      const lockBefore = snapshot(dir);
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'test/trust/hold-folder.ts', dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(second.status, second.stderr).toBe(2);
      expect(second.stderr).toMatch(new RegExp(`in use by another Junheng process \\(PID ${pid}\\)`));
      expect(second.stderr).toMatch(/正被另一个 Junheng 进程/);
      expect(snapshot(dir)).toEqual(lockBefore);
      delete before[LOCK_FILE];
      const after = snapshot(dir);
      delete after[LOCK_FILE];
      expect(after).toEqual(before);
      // And in this process.
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(new RegExp(`PID ${pid}`));
      expect(snapshot(dir)).toEqual(lockBefore);
    } finally {
      await first.kill9();
    }
    // kill -9: junheng.lock is left behind with the dead PID; the OS has released the lock.
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe('999999999');
    const d = await openDatabase({ dataDir: dir });
    await d.close();
    // And a holder killed with kill -9 whose PID is then taken by a live process (here: the lock file names this one).
    const again = holder(dir);
    await openedBy(again);
    await again.kill9();
    fs.writeFileSync(path.join(dir, LOCK_FILE), '1');
    const next = holder(dir);
    await openedBy(next);
    next.proc.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
