import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { acquireLock, openDatabase } from './index.js';
import { districts } from '../schema.js';

describe('PGlite data folder', () => {
  it('persists across reopening, and a second opener of the folder is refused with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-db-'));
    const a = await openDatabase({ dataDir: dir });
    await a.migrate();
    await a.db.insert(districts).values({ districtId: '330902', name: '定海区' });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in this process/);
    await a.close();
    // junheng.lock is information only: a live foreign PID in it (a reused PID) does not block the folder.
    const child = fork('-e', ['setTimeout(()=>{}, 20000)'], { execArgv: [] });
    fs.writeFileSync(path.join(dir, 'junheng.lock'), String(child.pid));
    const b = await openDatabase({ dataDir: dir });
    child.kill();
    await new Promise((r) => child.once('exit', r));
    await b.migrate();
    expect(await b.db.select().from(districts)).toEqual([expect.objectContaining({ districtId: '330902', name: '定海区' })]);
    await b.close();
    expect(fs.existsSync(path.join(dir, 'junheng.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lock file holds the pid (0600) and is released', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-lock-'));
    const release = await acquireLock(dir);
    expect(fs.readFileSync(path.join(dir, 'junheng.lock'), 'utf8')).toBe(String(process.pid));
    expect(fs.statSync(path.join(dir, 'junheng.lock')).mode & 0o777).toBe(0o600);
    release();
    expect(fs.existsSync(path.join(dir, 'junheng.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('queries off the main thread', () => {
  it('keeps the event loop turning during a long PGlite query, and transactions roll back', async () => {
    const d = await openDatabase({ dataDir: 'memory://' });
    await d.migrate();
    let ticks = 0;
    const iv = setInterval(() => ticks++, 10);
    const r = (await d.db.execute(sql`select count(*)::int as n from generate_series(1, 2000000) g, generate_series(1,2) h`)) as { rows: { n: number }[] };
    clearInterval(iv);
    expect(r.rows[0].n).toBe(4_000_000);
    expect(ticks).toBeGreaterThan(5); // on the main thread PGlite would allow 0 ticks
    await expect(
      d.db.transaction(async (tx) => {
        await tx.insert(districts).values({ districtId: 'x', name: 'y' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await d.db.select().from(districts)).toEqual([]);
    // Concurrent queries during an open transaction wait for it instead of seeing its rows.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = d.db.transaction(async (t) => {
      await t.insert(districts).values({ districtId: 'a', name: 'A' });
      await gate;
    });
    await new Promise((r) => setTimeout(r, 50));
    const outside = d.db.select().from(districts);
    release();
    await tx;
    expect((await outside).map((x) => x.districtId)).toEqual(['a']);
    await d.close();
  });
});

describe.runIf(!!process.env.DATABASE_URL)('PostgreSQL connection pool', () => {
  it('survives the server ending its idle connections (no uncaught error), and the next query reconnects', async () => {
    const d = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    try {
      const pidOf = async () => ((await d.db.execute(sql`select pg_backend_pid() as pid`)) as { rows: { pid: number }[] }).rows[0].pid;
      const pid = await pidOf();
      const killer = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
      await killer.db.execute(sql`select pg_terminate_backend(${pid})`);
      await killer.close();
      await new Promise((r) => setTimeout(r, 200)); // the idle client receives the termination now
      expect(await pidOf()).not.toBe(pid);
    } finally {
      await d.close();
    }
  });
});
