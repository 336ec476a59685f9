// The embedded data folder is private (issue 10, item 2): created 0700 with files 0600 whatever the umask (PGlite
// made its files 0666), an existing folder's modes are fixed at start, and a folder that others can write to — or
// that belongs to another user — is refused with a 中文 / English message, without being changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/core/db/index.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-trust-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Entries of a folder whose mode is not private (folders 0700, files 0600), as 'path mode'. */
function notPrivate(dir: string): string[] {
  const bad: string[] = [];
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o7777) !== want) bad.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o7777).toString(8)}`);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return bad;
}

/** Writes enough to create new relation files and WAL segments after the open, and checkpoints. */
async function write(d: Awaited<ReturnType<typeof openDatabase>>) {
  await d.db.execute(sql`create table trust_t (k int primary key, v text)`);
  await d.db.execute(sql`insert into trust_t select g, repeat(md5(g::text), 8) from generate_series(1, 60000) g`);
  await d.db.execute(sql`create index trust_t_v on trust_t (v)`);
  await d.db.execute(sql`checkpoint`);
}

const POSIX = process.platform !== 'win32';

describe.runIf(POSIX)('embedded data folder permissions', () => {
  it('creates the folder 0700 and every file 0600, also with umask 000, after opening and writing', { timeout: 180_000 }, async () => {
    const old = process.umask(0);
    try {
      const dir = path.join(tmp(), 'new', 'data');
      const d = await openDatabase({ dataDir: dir });
      await d.migrate();
      await write(d);
      expect(notPrivate(dir)).toEqual([]);
      await d.close();
      expect(notPrivate(dir)).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'pg_wal')).length).toBeGreaterThan(1);
    } finally {
      process.umask(old);
    }
  });

  it('makes an existing folder private at start (folder 0755 and files 0666, as earlier versions left them)', { timeout: 180_000 }, async () => {
    const dir = path.join(tmp(), 'data');
    const a = await openDatabase({ dataDir: dir });
    await a.close();
    const loosen = (p: string) => {
      const st = fs.lstatSync(p);
      fs.chmodSync(p, st.isDirectory() ? 0o755 : 0o666);
      if (st.isDirectory()) for (const e of fs.readdirSync(p)) loosen(path.join(p, e));
    };
    loosen(dir);
    expect(notPrivate(dir).length).toBeGreaterThan(100);
    const b = await openDatabase({ dataDir: dir });
    expect(notPrivate(dir)).toEqual([]);
    await b.close();
  });

  it('refuses a folder that others can write to, or inside a folder others can write to, and leaves it as it was', { timeout: 180_000 }, async () => {
    const root = tmp();
    const dir = path.join(root, 'data');
    const a = await openDatabase({ dataDir: dir });
    await a.close();
    for (const mode of [0o777, 0o770, 0o702]) {
      fs.chmodSync(dir, mode);
      const before = fs.readdirSync(dir).sort();
      const e = await openDatabase({ dataDir: dir }).then(
        () => null,
        (x: Error) => x,
      );
      expect(e?.message).toMatch(/其他用户可以写入/);
      expect(e?.message).toMatch(new RegExp(`other users can write to it.*chmod 700 ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(fs.statSync(dir).mode & 0o7777).toBe(mode);
      expect(fs.readdirSync(dir).sort()).toEqual(before); // no junheng.lock: refused before the lock
    }
    fs.chmodSync(dir, 0o700);
    // A parent others can write to (without the sticky bit of /tmp) lets them rename the folder and plant another.
    fs.chmodSync(root, 0o777);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/上级目录.*\n.*could rename or replace the data folder/);
    // Sticky, like /tmp: others cannot rename our entries.
    fs.chmodSync(root, 0o1777);
    const b = await openDatabase({ dataDir: dir });
    await b.close();
    fs.chmodSync(root, 0o700);
  });

  it.runIf(process.geteuid?.() === 0)('refuses a folder, or an entry in it, that belongs to another user (also when run as root)', { timeout: 180_000 }, async () => {
    const dir = path.join(tmp(), 'data');
    const a = await openDatabase({ dataDir: dir });
    await a.close();
    fs.chownSync(dir, 4321, 4321);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/belongs to user 4321.*chown -R 0/);
    fs.chownSync(dir, 0, 0);
    fs.chownSync(path.join(dir, 'PG_VERSION'), 4321, 4321);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/PG_VERSION in the data folder belongs to user 4321/);
    expect(fs.existsSync(path.join(dir, 'junheng.lock'))).toBe(false); // released after the refusal
    fs.chownSync(path.join(dir, 'PG_VERSION'), 0, 0);
    const b = await openDatabase({ dataDir: dir });
    await b.close();
  });
});
