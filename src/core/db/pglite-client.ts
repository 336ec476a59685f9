// Main-thread stand-in for a PGlite instance that lives in a worker thread (pglite-worker.mjs).
// It implements the part of PGlite's interface that drizzle's pglite driver and our own code use:
// query(sql, params, {rowMode}), exec(sql) and transaction(fn).
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

export class PGliteWorkerClient implements WorkerQueryable {
  private worker: Worker;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  readonly ready: Promise<void>;
  private closed = false;

  /**
   * `checkpointMs`: how often the worker checkpoints after writes, when no transaction is open (default 30 s; 0 =
   * never), which bounds the WAL to replay after a crash.
   */
  constructor(dataDir: string | undefined, opts: { relaxedDurability?: boolean; checkpointMs?: number } = {}) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir, relaxedDurability: opts.relaxedDurability, checkpointMs: opts.checkpointMs ?? (dataDir ? 30_000 : 0) },
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

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], opts: { rowMode?: 'array' | 'object' } = {}) {
    return this.call<QueryResult<T>>({ op: 'query', sql, params, rowMode: opts.rowMode });
  }

  exec(sql: string) {
    return this.call<QueryResult[]>({ op: 'exec', sql });
  }

  async transaction<T>(fn: (tx: WorkerQueryable) => Promise<T>): Promise<T> {
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

  async close() {
    if (this.closed) return;
    await this.call({ op: 'close' }).catch(() => undefined);
    this.closed = true;
    await this.worker.terminate();
  }
}
