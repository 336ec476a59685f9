// PGlite survives kill -9. A child process (pglite-writer.ts) opens a data folder as the server does and writes
// transactions (small and big, with deletes and checkpoints); the test kills it with SIGKILL at a random moment —
// mostly during writes, sometimes while it opens the folder and recovers from the previous kill — and starts it
// again. Each start must open the folder, find it consistent (every batch complete, no orphan, totals and index
// agree, every page readable with data checksums on), and hold every transaction whose commit it had reported.
// A kill during the very first start (initdb) must leave a folder that the next start opens.
//
// CRASH_ITERATIONS (default 12) sets the number of kills; CRASH_SEED the random sequence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { events, sleep, startChild } from './child.js';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 12);
let seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000) >>> 0 || 1;
const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-crash-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const writer = (dir: string, mode?: string) => startChild(['--import', 'tsx', 'test/crash/pglite-writer.ts', dir, String(Math.floor(random() * 1e9)), ...(mode ? [mode] : [])]);

/** Starts the writer, waits for its check; returns the newest batch it found. */
async function verified(child: ReturnType<typeof writer>): Promise<number> {
  const line = await child.waitFor((l) => l.includes('"verified"') || l.includes('"inconsistent"'), 180_000);
  const e = JSON.parse(line);
  if (e.event === 'inconsistent') throw new Error(`inconsistent after a kill: ${e.problems.join('; ')}`);
  return e.maxBatch as number;
}

describe(`PGlite data folder under kill -9 (${ITERATIONS} kills, seed ${seed})`, () => {
  it('reopens consistent with every reported commit after each kill', { timeout: 60_000 + ITERATIONS * 30_000 }, async () => {
    const dir = tmp();
    let acked = 0;
    let killedDuringWrites = 0;
    let killedDuringOpen = 0;
    // What a start found: every commit the writer reported survived; at most the one in flight at the kill came too.
    const check = (found: number) => {
      expect(found).toBeGreaterThanOrEqual(acked);
      expect(found).toBeLessThanOrEqual(acked + 1);
      acked = found;
    };
    for (let k = 0; k < ITERATIONS; k++) {
      const child = writer(dir);
      // Kill mostly during writes; sometimes soon after the start, while it opens the folder and recovers.
      const early = k > 0 && random() < 0.25;
      if (early) await sleep(random() * 2000);
      else {
        check(await verified(child));
        await sleep(100 + random() * 1500);
      }
      await child.kill9();
      const seen = events(child.lines);
      const inconsistent = seen.find((e) => e.event === 'inconsistent');
      if (inconsistent) throw new Error(`inconsistent after a kill: ${(inconsistent.problems as string[]).join('; ')}`);
      const v = seen.find((e) => e.event === 'verified');
      if (early && v) check(v.maxBatch as number);
      if (early && !v) killedDuringOpen++;
      else killedDuringWrites++;
      acked = Math.max(acked, ...seen.filter((e) => e.event === 'committed').map((e) => e.batch as number));
    }
    const last = writer(dir, 'verify-only');
    check(await verified(last));
    expect((await last.exited).code).toBe(0);
    // Finally the B-tree indexes against their tables (amcheck), after a clean close.
    const pg = await PGlite.create(dir, { extensions: { amcheck } });
    try {
      await pg.exec('create extension if not exists amcheck');
      for (const index of ['crash_batches_pkey', 'crash_items_pkey', 'crash_items_v']) await pg.query(`select bt_index_check($1::regclass, true)`, [index]);
    } finally {
      await pg.close();
    }
    console.log(`PGlite crash loop: ${killedDuringWrites} kills during writes, ${killedDuringOpen} during start-up/recovery, ${acked} transactions`);
    expect(killedDuringWrites + killedDuringOpen).toBe(ITERATIONS);
  });

  it('a kill during the first start (initdb) leaves a folder the next start opens', { timeout: 300_000 }, async () => {
    const dir = tmp();
    const first = writer(dir);
    // Initialising takes seconds; die somewhere in it (or in the first writes when the machine is fast).
    await sleep(500 + random() * 2500);
    await first.kill9();
    const next = writer(dir, 'verify-only');
    await verified(next);
    expect((await next.exited).code).toBe(0);
  });

  it('a first start cut off while moving the new database into place is redone at the next start', { timeout: 300_000 }, async () => {
    // What initialiseFolder leaves when killed mid-move: some entries moved, no PG_VERSION, the sub-folder with the rest.
    const full = tmp();
    const made = writer(full, 'verify-only');
    await verified(made);
    await made.exited;
    const dir = tmp();
    const init = path.join(dir, '.junheng-init-999999');
    fs.mkdirSync(init);
    for (const e of fs.readdirSync(full)) fs.cpSync(path.join(full, e), path.join(['base', 'global', 'pg_wal'].includes(e) ? dir : init, e), { recursive: true });
    fs.rmSync(path.join(dir, 'global', 'pg_control'));
    const next = writer(dir, 'verify-only');
    expect(await verified(next)).toBe(0);
    expect((await next.exited).code).toBe(0);
    expect(fs.readdirSync(dir).filter((e) => e.startsWith('.junheng-init-'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
  });
});
