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
import * as schema from './schema.js';
import { PGliteWorkerClient } from './pglite-client.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
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
  // Fail early with a readable message when the server is not there.
  const c = await pool.connect().catch((e: Error) => {
    throw new Error(`无法连接 PostgreSQL / cannot connect to PostgreSQL at ${redact(url)}: ${e.message}`);
  });
  c.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
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

async function openPglite(dataDir: string, relaxedDurability?: boolean): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireLock(dataDir);
  }
  const client = new PGliteWorkerClient(inMemory ? undefined : path.resolve(dataDir), { relaxedDurability });
  try {
    await client.ready;
  } catch (e) {
    releaseLock();
    throw e;
  }
  const db = drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Db;
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

/** PGlite has no lock of its own: two processes on one folder would corrupt it. */
export function acquireLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'junheng.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
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
        );
      }
      if (pid === process.pid) throw new Error(`data folder ${path.resolve(dataDir)} is already open in this process`);
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
