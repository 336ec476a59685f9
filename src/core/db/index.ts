// Opens the database: PGlite (PostgreSQL in WASM, in a worker thread, data in a local folder)
// when no DATABASE_URL is given, node-postgres otherwise. One drizzle schema serves both.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteWorkerClient } from './pglite-client.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives: a folder for PGlite, the URL without password for PostgreSQL. */
  location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

// bigint (count(*)) as a JS number, as PGlite returns it; numeric stays a string in both drivers.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data folder; 'memory://' for a throw-away database. */
  dataDir?: string;
  /** Tests: skip fsync in PGlite. */
  relaxedDurability?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir ?? './data', opts.relaxedDurability);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, a terminated backend, a dropped database) must not end the
  // process: node-postgres reports it on the pool and opens a new connection for the next query.
  pool.on('error', (e) => {
    if (process.env.VITEST) return;
    process.stderr.write(`PostgreSQL: an idle connection was closed (${(e as { code?: string }).code ?? e.message}); the next query opens a new one\n`);
  });
  // Fail early with a readable message when the server is not there.
  const c = await pool.connect().catch((e: Error) => {
    throw new Error(`无法连接 PostgreSQL / cannot connect to PostgreSQL at ${redact(url)}: ${e.message}`);
  });
  c.release();
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgresql',
    location: redact(url),
    migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pool.end(),
  };
}

function redact(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

// Crash safety of a PGlite folder (issue 9; proved by test/crash/pglite-kill.test.ts, many kill -9 in a loop).
// PGlite runs PostgreSQL (single-user, fsync=off) on Emscripten's NODEFS, whose writes are plain write(2) calls
// (fs.writeSync) and whose fsync is a no-op. A killed process loses nothing the kernel has: every commit wrote its
// WAL before it returned (synchronous_commit=on), full_page_writes and data checksums are on, so the next open
// replays the WAL from the last checkpoint like any PostgreSQL after a crash. `relaxedDurability` only concerns
// file systems that sync asynchronously (IndexedDB/OPFS in browsers); with NODEFS it changes nothing. Two things
// remain, and are handled here:
//   - the first start: PGlite runs initdb in memory, then unpacks the files into the folder, PG_VERSION among the
//     first; a kill in between leaves a folder that looks initialised and cannot start. So a new folder is created
//     in a sub-folder and its entries moved in, PG_VERSION last (initialiseFolder).
//   - replay time: single-user PostgreSQL has no checkpointer, so WAL would pile up to max_wal_size (1 GB) before a
//     checkpoint; the worker checkpoints when writes have happened and no transaction is open (pglite-worker.mjs).
// What this cannot give is durability across a power failure or an OS crash (nothing is fsynced); use PostgreSQL
// (DATABASE_URL) where that matters.
async function openPglite(dataDir: string, relaxedDurability?: boolean): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireLock(dataDir);
    try {
      await initialiseFolder(path.resolve(dataDir));
    } catch (e) {
      releaseLock();
      throw e;
    }
  }
  const client = new PGliteWorkerClient(inMemory ? undefined : path.resolve(dataDir), { relaxedDurability, checkpointMs: inMemory ? 0 : undefined });
  try {
    await client.ready;
  } catch (e) {
    releaseLock();
    throw e;
  }
  const db = drizzlePglite({ client: client as unknown as PGlite }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: inMemory ? 'memory' : path.resolve(dataDir),
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

const INIT_PREFIX = '.junheng-init-';

/**
 * A folder without PG_VERSION gets a new database: initdb in a sub-folder, cleanly closed, then its entries moved
 * into the folder with PG_VERSION last, so that PG_VERSION is there only when everything else is. A kill in between
 * leaves no PG_VERSION, and the next start does it again (replacing the entries moved so far). Runs under the lock.
 */
export async function initialiseFolder(dataDir: string): Promise<void> {
  for (const e of fs.readdirSync(dataDir)) if (e.startsWith(INIT_PREFIX)) fs.rmSync(path.join(dataDir, e), { recursive: true, force: true });
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const tmp = path.join(dataDir, `${INIT_PREFIX}${process.pid}`);
  fs.mkdirSync(tmp);
  const client = new PGliteWorkerClient(tmp, { checkpointMs: 0 });
  await client.ready;
  await client.close();
  const entries = fs.readdirSync(tmp).filter((e) => e !== 'PG_VERSION');
  if (!fs.existsSync(path.join(tmp, 'PG_VERSION'))) throw new Error(`PGlite did not initialise ${dataDir}`);
  for (const e of [...entries, 'PG_VERSION']) {
    fs.rmSync(path.join(dataDir, e), { recursive: true, force: true });
    fs.renameSync(path.join(tmp, e), path.join(dataDir, e));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** Lock files this process holds. */
const held = new Set<string>();

/** PGlite has no lock of its own: two processes on one folder would corrupt it. */
export function acquireLock(dataDir: string): () => void {
  const lockPath = path.join(path.resolve(dataDir), 'junheng.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      held.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `数据目录 ${path.resolve(dataDir)} 正被另一个 Junheng 进程 (PID ${pid}) 使用;请先停止它,或用 --data 指定另一个目录。\n` +
            `The data folder ${path.resolve(dataDir)} is in use by another Junheng process (PID ${pid}); stop it first or choose another folder with --data.`,
          { cause: e },
        );
      }
      // Our own pid: open in this process, or left by an earlier process that had the same pid (a container
      // restarted after a crash often gets the same one) — stale.
      if (pid === process.pid && held.has(lockPath)) throw new Error(`data folder ${path.resolve(dataDir)} is already open in this process`, { cause: e });
      fs.unlinkSync(lockPath); // stale lock from a process that died
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
