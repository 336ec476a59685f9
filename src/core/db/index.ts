// Opens the database: PGlite (PostgreSQL in WASM, in a worker thread, data in a local folder)
// when no DATABASE_URL is given, node-postgres otherwise. One drizzle schema serves both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteWorkerClient, SNAPSHOT_PREFIX } from './pglite-client.js';

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

/**
 * Runs `work`, a long write (e.g. one large transaction), so that on PGlite the reads of other requests meanwhile are
 * answered from a read-only copy of the database as it was before, instead of waiting for the write to end
 * (pglite-client.ts explains how). With PostgreSQL, or a transaction's handle, it just runs `work`.
 */
export function withReadSnapshot<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof PGliteWorkerClient ? client.withReadSnapshot(work) : work();
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
//
// The order of the steps matters (issue 10, items 2 and 8): everything before the lock only reads the folder (or
// creates it when it is missing), so a second process is refused without having touched a file; the modes are
// fixed and PGlite starts only under the lock.
async function openPglite(dataDir: string, relaxedDurability?: boolean): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    const dir = path.resolve(dataDir);
    createDataFolder(dir);
    checkDataFolder(dir);
    releaseLock = await acquireLock(dir);
    try {
      const fixed = fixDataFolderModes(dir);
      if (fixed && !process.env.VITEST) {
        process.stderr.write(`数据目录 ${dir}:已把 ${fixed} 个文件或目录的权限改为仅所有者可用 / data folder ${dir}: made ${fixed} files or folders private to their owner (0600/0700)\n`);
      }
      await initialiseFolder(dir);
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
  // Left by a process that stopped during a first start, or during an import (its read snapshot: pglite-client.ts).
  for (const e of fs.readdirSync(dataDir)) if (e.startsWith(INIT_PREFIX) || e.startsWith(SNAPSHOT_PREFIX)) fs.rmSync(path.join(dataDir, e), { recursive: true, force: true });
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const tmp = path.join(dataDir, `${INIT_PREFIX}${process.pid}`);
  fs.mkdirSync(tmp, { mode: 0o700 });
  fs.chmodSync(tmp, 0o700);
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

// ---- Permissions of the data folder (issue 10, item 2) ----
// PGlite's files used to be created 0666 (its NODEFS copies modes from the WASM file system, where umask is not
// applied), so any local account could read and rewrite the database. Now:
//   - a new folder is created 0700; the worker clamps every mode PGlite asks for to the owner (files 0600, folders
//     0700) whatever the umask (pglite-worker.mjs);
//   - at each start, under the lock, an existing folder's entries are made private (folders 0700, files 0600):
//     folders written by earlier versions are fixed without anyone's help;
//   - a folder that others could have written to is refused, not fixed: the folder itself with a group or other
//     write bit, or a parent folder with one (unless sticky, like /tmp, where others cannot rename our entries).
//     Its content may have been replaced or planted; making it private would hide that. The operator checks it and
//     runs the chmod the message gives.
//   - not the owner: like PostgreSQL ("data directory has wrong ownership"), the folder and every entry in it must
//     belong to the user that runs Junheng, root included. Another owner could change the modes back or swap the
//     files, and we could not fix the modes of its files; the message says which chown to run.
// Windows has no such mode bits (ACLs instead): these checks are skipped there.
const POSIX = process.platform !== 'win32';

function dataFolderError(zh: string, en: string) {
  return new Error(`${zh}\n${en}`);
}

/** Creates a missing data folder 0700 (its missing parents too), whatever the umask. Leaves an existing one alone. */
function createDataFolder(dir: string) {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) fs.chmodSync(dir, 0o700);
}

const octal = (mode: number | bigint) => (Number(mode) & 0o7777).toString(8).padStart(4, '0');

/** Refuses a data folder that is not ours or that others can write (see above). Only reads. */
export function checkDataFolder(dataDir: string): void {
  if (!POSIX) return;
  const dir = fs.realpathSync(dataDir);
  const st = fs.statSync(dir);
  if (!st.isDirectory()) throw dataFolderError(`数据目录 ${dir} 不是目录。`, `The data folder ${dir} is not a folder.`);
  const uid = process.geteuid!();
  if (st.uid !== uid) {
    throw dataFolderError(
      `数据目录 ${dir} 属于用户 ${st.uid},而 Junheng 以用户 ${uid} 运行;请以目录所有者运行,或执行 chown -R ${uid} ${dir}。`,
      `The data folder ${dir} belongs to user ${st.uid}, but Junheng runs as user ${uid}: run it as the folder's owner, or run chown -R ${uid} ${dir}.`,
    );
  }
  if (st.mode & 0o022) {
    throw dataFolderError(
      `数据目录 ${dir} 的权限为 ${octal(st.mode)},其他用户可以写入,拒绝启动。请确认其中的文件未被改动,然后执行 chmod 700 ${dir}。`,
      `The data folder ${dir} has mode ${octal(st.mode)}: other users can write to it, so Junheng will not start. Check that its files were not tampered with, then run chmod 700 ${dir}.`,
    );
  }
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    const ps = fs.statSync(p);
    if (ps.mode & 0o022 && !(ps.mode & 0o1000)) {
      throw dataFolderError(
        `数据目录 ${dir} 的上级目录 ${p} 权限为 ${octal(ps.mode)},其他用户可以改名或替换数据目录,拒绝启动。请执行 chmod go-w ${p},或把数据目录放到别处(--data)。`,
        `The data folder ${dir} is inside ${p}, which has mode ${octal(ps.mode)}: other users could rename or replace the data folder, so Junheng will not start. Run chmod go-w ${p}, or put the data folder elsewhere (--data).`,
      );
    }
    if (p === path.dirname(p)) break;
  }
}

/**
 * Makes every entry of the data folder private: folders 0700, files 0600 (symbolic links are not followed). Refuses
 * an entry that belongs to another user. Returns how many entries it changed. Runs under the lock.
 */
export function fixDataFolderModes(dataDir: string): number {
  if (!POSIX) return 0;
  const uid = process.geteuid!();
  let fixed = 0;
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.uid !== uid) {
      throw dataFolderError(
        `数据目录中的 ${p} 属于用户 ${st.uid},而 Junheng 以用户 ${uid} 运行;请执行 chown -R ${uid} ${dataDir}。`,
        `${p} in the data folder belongs to user ${st.uid}, but Junheng runs as user ${uid}: run chown -R ${uid} ${dataDir}.`,
      );
    }
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o7777) !== want) {
      fs.chmodSync(p, want);
      fixed++;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dataDir);
  return fixed;
}

// ---- The lock (issue 10, item 8) ----
// PGlite has no lock of its own: two processes on one folder corrupt it ("could not locate a valid checkpoint
// record"). The lock must be one that the OS releases when the process ends, however it ends (kill -9, OOM, a
// container stopped), so that no stale lock ever blocks a restart — a lock file with a PID cannot tell a dead
// holder from an unrelated process that got the same PID (PID 1 in a container, or any reuse).
// Node has no flock(2). The choices were: a native addon (fs-ext: a compiler at install time on every server, for
// one system call); a mkdir lock with an mtime heartbeat (proper-lockfile: stale only after a timeout, and a paused
// process loses its lock); or a listening UNIX socket, which is what this does. The kernel closes a process's
// sockets when it exits, and bind(2) on a name already bound fails atomically (EADDRINUSE): no stale state, no
// race between two starting processes. On Linux the socket is in the abstract namespace ('\0' + name: no file
// anywhere, gone with the process); on Windows a named pipe (also released by the OS). Elsewhere (macOS) it is a
// socket file in the temporary folder, taken over when nothing answers on it (connect: ECONNREFUSED).
// The name is derived from the folder's device and inode, so every path to one folder (symbolic links, bind
// mounts, relative paths) gives the same lock. The holder answers a connection with its PID, for the message of
// a refused opener; junheng.lock in the folder keeps the PID too, only as information (e.g. for an operator),
// and is never read to decide anything.
// Limits: the abstract namespace belongs to a network namespace, so two containers with separate networks that
// share one volume do not see each other's lock (run one Junheng per data folder); a local user who knows the
// name can hold it and keep Junheng from starting (a denial of service, not access: the folder is 0700).
export const LOCK_FILE = 'junheng.lock';

/** Lock endpoints this process holds. */
const held = new Set<string>();

function lockEndpoint(dir: string): string {
  const st = fs.statSync(dir, { bigint: true });
  const key = crypto.createHash('sha256').update(`junheng-data:${st.dev}:${st.ino}`).digest('hex').slice(0, 40);
  if (process.platform === 'linux') return `\0junheng-data-${key}`;
  if (process.platform === 'win32') return `\\\\?\\pipe\\junheng-data-${key}`;
  return path.join(os.tmpdir(), `junheng-data-${key}.sock`);
}

function listen(server: net.Server, endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ path: endpoint, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Asks the holder of a lock for its PID; `refused` when nothing listens (a stale socket file). */
function askHolder(endpoint: string): Promise<number | 'refused' | undefined> {
  return new Promise((resolve) => {
    let data = '';
    const c = net.connect(endpoint);
    const timer = setTimeout(() => {
      c.destroy();
      resolve(undefined);
    }, 2000);
    c.setEncoding('utf8');
    c.on('data', (d: string) => (data += d));
    c.on('end', () => {
      clearTimeout(timer);
      resolve(Number(data.trim()) || undefined);
    });
    c.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ECONNREFUSED' ? 'refused' : undefined);
    });
  });
}

function inUse(dir: string, pid: number | undefined) {
  const who = pid ? ` (PID ${pid})` : '';
  return new Error(
    `数据目录 ${dir} 正被另一个 Junheng 进程${who}使用;请先停止它,或用 --data 指定另一个目录。\n` +
      `The data folder ${dir} is in use by another Junheng process${who}; stop it first or choose another folder with --data.`,
  );
}

/**
 * Locks a data folder for this process, before anything in it is changed; refuses when another process (or this
 * one) has it open. Returns the release function (also run on exit; the OS releases the lock anyway).
 */
export async function acquireLock(dataDir: string): Promise<() => void> {
  const dir = path.resolve(dataDir);
  const endpoint = lockEndpoint(dir);
  if (held.has(endpoint)) throw new Error(`data folder ${dir} is already open in this process / 数据目录 ${dir} 已在本进程中打开`);
  held.add(endpoint);
  // The holder tells a refused opener its PID.
  const server = net.createServer((s) => {
    s.on('error', () => {});
    s.end(`${process.pid}\n`);
  });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await listen(server, endpoint);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        const holder = await askHolder(endpoint);
        // Only a socket file (macOS) can outlive its process: nothing answers on it, so it is stale.
        if (holder === 'refused' && !endpoint.startsWith('\0') && process.platform !== 'win32' && attempt === 0) {
          fs.rmSync(endpoint, { force: true });
          continue;
        }
        throw inUse(dir, typeof holder === 'number' ? holder : readLockPid(dir));
      }
    }
  } catch (e) {
    held.delete(endpoint);
    throw e;
  }
  server.unref();
  server.on('error', () => {});
  const lockPath = path.join(dir, LOCK_FILE);
  // Information only (see above): the PID of the process that has the folder open.
  fs.writeFileSync(lockPath, String(process.pid), { mode: 0o600 });
  if (POSIX) fs.chmodSync(lockPath, 0o600);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
    server.close();
    held.delete(endpoint);
  };
  process.on('exit', release);
  return release;
}

function readLockPid(dir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}
