// Main-thread stand-in for a PGlite instance that lives in a worker thread (pglite-worker.mjs).
// It implements the part of PGlite's interface that drizzle's pglite driver and our own code use:
// query(sql, params, {rowMode}), exec(sql) and transaction(fn).
//
// Read snapshots (issue 10, item 7). PGlite is one PostgreSQL session: while a transaction is open, every other
// statement waits for its end (PGlite's transaction lock), so a 300,000-pupil exam import (10–20 s of INSERTs in one
// transaction) froze every page and the progress bar for as long. Splitting the import into several transactions
// would let readers in, but then they could see half an import; running readers inside the open transaction would
// show them its uncommitted rows. Instead withReadSnapshot(work) gives the long write a read-only second instance:
//   1. the primary's worker copies the data folder the way a base backup is taken, answering meanwhile except for a
//      few milliseconds at the end (pglite-worker.mjs; an in-memory database: its dump), and a second worker opens
//      the copy read-only (default_transaction_read_only: a write there fails, SQLSTATE 25006);
//   2. during `work`, plain reads (a SELECT that names no writing keyword) from everyone else are answered by the copy:
//      the data as it was before the write, never a part of it. Writes from everyone else wait until `work` is over
//      (they would have waited for the transaction anyway); so no write lands on the primary that the copy lacks,
//      and a user never reads a state older than their own write. A read the copy refuses (25006) waits like a write.
//   3. the calls of `work` itself (recognised by an AsyncLocalStorage scope) go to the primary as before;
//   4. at the end new reads go to the primary again, the waiting writes are sent, the copy is closed and removed.
// The cost: copying the folder (disk I/O, ~1 s per 300 MB on ext4; instant where the file system clones files) and
// opening the copy (~1–2 s; writes of others wait from the start of the copy), a second PGlite in memory while the
// write runs, and the copy's disk space. So only writes expected to be long ask for it (the exam import above a
// size: exams/import-scores.ts). A copy left by a crash is
// removed at the next start (index.ts). With PostgreSQL (DATABASE_URL) none of this is needed: readers use other
// connections and see the last committed state.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

export class DatabaseError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  constructor(e: { message: string; code?: string; detail?: string; constraint?: string }) {
    super(e.message);
    this.name = 'DatabaseError';
    Object.assign(this, { code: e.code, detail: e.detail, constraint: e.constraint });
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface WorkerQueryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: { rowMode?: 'array' | 'object' }): Promise<QueryResult<T>>;
  exec(sql: string): Promise<QueryResult[]>;
}

/** Entries of a data folder holding read snapshots (removed at start when a crash left one). */
export const SNAPSHOT_PREFIX = '.junheng-snapshot-';

/** A statement that only reads: SELECT/WITH/… naming no writing keyword (a false "write" only waits; see above). */
const READ_START = /^\s*(select|with|values|table|show)\b/i;
const WRITE_WORD = /\b(insert|update|delete|merge|into|nextval|setval|lock|for\s+(update|share|no\s+key|key)|copy|call|create|alter|drop|truncate|refresh|notify|vacuum|analyze|checkpoint)\b/i;
export const isPlainRead = (sql: string) => READ_START.test(sql) && !WRITE_WORD.test(sql);

interface Snapshot {
  /** The read-only copy, once it is open. */
  reader: PGliteWorkerClient | null;
  /** Resolves when the write is over and the gate opens. */
  released: Promise<void>;
  release: () => void;
  reading: Set<Promise<unknown>>;
}

/** The write that owns the current snapshot: its calls go to the primary, past the gate. */
const owner = new AsyncLocalStorage<Snapshot>();
let snapshotSeq = 0;

const READ_ONLY = '25006';

export class PGliteWorkerClient implements WorkerQueryable {
  private worker: Worker;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  readonly ready: Promise<void>;
  private closed = false;
  private readonly dataDir: string | undefined;
  private snapshot: Snapshot | null = null;
  /** Snapshots are taken one at a time: a second long write waits for the first. */
  private snapshots: Promise<void> = Promise.resolve();

  /**
   * `checkpointMs`: how often the worker checkpoints after writes, when no transaction is open (default 30 s; 0 =
   * never), which bounds the WAL to replay after a crash. `readOnly` and `loadDataDir` open a read snapshot.
   */
  constructor(dataDir: string | undefined, opts: { relaxedDurability?: boolean; checkpointMs?: number; readOnly?: boolean; loadDataDir?: ArrayBuffer } = {}) {
    this.dataDir = dataDir;
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir, relaxedDurability: opts.relaxedDurability, checkpointMs: opts.checkpointMs ?? (dataDir ? 30_000 : 0), readOnly: opts.readOnly, loadDataDir: opts.loadDataDir },
      transferList: opts.loadDataDir ? [opts.loadDataDir] : [],
      // The worker is plain JS; don't let tsx or test loaders of the parent slow it down.
      execArgv: [],
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (m.ready) {
          this.worker.off('message', onMessage);
          this.worker.on('message', (msg) => this.onMessage(msg));
          resolve();
        }
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  private onMessage(m: { id: number; result?: unknown; error?: { message: string } }) {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.error) p.reject(new DatabaseError(m.error));
    else p.resolve(m.result);
  }

  call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], opts: { rowMode?: 'array' | 'object' } = {}): Promise<QueryResult<T>> {
    const snap = this.snapshot;
    const read = isPlainRead(sql);
    if (snap?.reader && owner.getStore() !== snap && read) {
      const answer = snap.reader.query<T>(sql, params, opts);
      snap.reading.add(answer);
      try {
        return await answer;
      } catch (e) {
        if ((e as DatabaseError).code !== READ_ONLY) throw e;
      } finally {
        snap.reading.delete(answer);
      }
    }
    // A read while the copy is being made goes to the primary: it is answered before the write begins, or waits for
    // its end (PGlite's transaction lock), never inside it.
    if (!read || snap?.reader) await this.gate();
    return this.call<QueryResult<T>>({ op: 'query', sql, params, rowMode: opts.rowMode });
  }

  async exec(sql: string) {
    await this.gate();
    return this.call<QueryResult[]>({ op: 'exec', sql });
  }

  /** While another call's write holds a snapshot, writes (and reads the copy cannot answer) wait for its end. */
  private async gate(): Promise<void> {
    while (this.snapshot && owner.getStore() !== this.snapshot) await this.snapshot.released;
  }

  /**
   * Runs `work` (a long write, e.g. one large transaction) while the reads of everyone else are answered by a
   * read-only copy of the database as it was before (see the top of this file). If the copy cannot be made, `work`
   * runs anyway (the reads then wait for it, as without a snapshot).
   */
  async withReadSnapshot<T>(work: () => Promise<T>): Promise<T> {
    const before = this.snapshots;
    let done = () => {};
    this.snapshots = new Promise<void>((r) => (done = r));
    await before;
    let release = () => {};
    const snap: Snapshot = { reader: null, released: new Promise<void>((r) => (release = r)), release, reading: new Set() };
    const dir = this.dataDir ? path.join(this.dataDir, `${SNAPSHOT_PREFIX}${process.pid}-${++snapshotSeq}`) : undefined;
    // From here on, writes of others wait: the copy must hold every write the primary has when `work` starts.
    this.snapshot = snap;
    let reader: PGliteWorkerClient | null = null;
    try {
      try {
        const out = await this.call<{ dir?: string; dump?: ArrayBuffer }>({ op: 'snapshot', dir });
        reader = new PGliteWorkerClient(out.dir, { checkpointMs: 0, readOnly: true, loadDataDir: out.dump });
        await reader.ready;
        snap.reader = reader;
      } catch (e) {
        if (!process.env.VITEST) process.stderr.write(`read snapshot not made (${(e as Error).message}); reads wait for the import\n`);
      }
      return await owner.run(snap, work);
    } finally {
      this.snapshot = null;
      snap.release();
      await Promise.allSettled([...snap.reading]);
      await reader?.discard();
      if (dir) await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      done();
    }
  }

  async transaction<T>(fn: (tx: WorkerQueryable) => Promise<T>): Promise<T> {
    await this.gate();
    const txId = await this.call<number>({ op: 'begin' });
    const tx: WorkerQueryable = {
      query: <R>(sql: string, params: unknown[] = [], opts: { rowMode?: 'array' | 'object' } = {}) => this.call<QueryResult<R>>({ op: 'query', sql, params, rowMode: opts.rowMode, tx: txId }),
      exec: (sql: string) => this.call<QueryResult[]>({ op: 'exec', sql, tx: txId }),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      await this.call({ op: 'end', tx: txId, commit: false });
      throw e;
    }
    await this.call({ op: 'end', tx: txId, commit: true });
    return result;
  }

  /** Ends a read snapshot's worker at once: its folder is removed next, so nothing of it needs to be saved. */
  async discard() {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('database is closed'));
    this.pending.clear();
    await this.worker.terminate();
  }

  async close() {
    if (this.closed) return;
    await this.call({ op: 'close' }).catch(() => undefined);
    this.closed = true;
    await this.worker.terminate();
  }
}
