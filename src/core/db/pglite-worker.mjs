// PGlite runs here, off the main thread: its WASM engine blocks the event loop for the
// whole of a query (measured: 0 timer ticks during a 1.9 s aggregate), so HTTP stays
// responsive only if the database lives in a worker. Plain JS so that it loads the same
// way under tsx, vitest and node.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

// Private files (issue 10, item 2). PGlite's NODEFS creates and chmods files with the modes of its WASM file system
// (0666 files, 0755 folders: no umask applies there), and a worker thread cannot set the process's umask. So, in
// this worker only, every mode given to Node's fs is clamped to the owner: files come out 0600, folders 0700,
// whatever the umask. NODEFS looks fs's functions up at each call, so replacing them here is enough. Only a worker
// with a data folder does this: the worker touches nothing else but PGlite's own package files (read only).
if (workerData.dataDir) {
  const own = (mode) => (typeof mode === 'number' ? mode & ~0o077 : mode);
  const { mkdirSync, writeFileSync, openSync, chmodSync, fchmodSync } = fs;
  fs.mkdirSync = (p, o) => mkdirSync(p, typeof o === 'object' && o !== null ? { ...o, mode: own(o.mode ?? 0o700) } : own(o ?? 0o700));
  fs.writeFileSync = (p, d, o) => writeFileSync(p, d, typeof o === 'string' ? { encoding: o, mode: 0o600 } : { ...(o ?? {}), mode: own(o?.mode ?? 0o600) });
  fs.openSync = (p, flags, mode) => openSync(p, flags, own(mode ?? 0o600));
  fs.chmodSync = (p, mode) => chmodSync(p, own(mode));
  fs.fchmodSync = (fd, mode) => fchmodSync(fd, own(mode));
  syncBuiltinESMExports();
}

// Keep dates, timestamps, intervals and their arrays as strings, as drizzle's pglite driver asks.
const identity = (v) => v;
const PARSERS = {
  [types.TIMESTAMP]: identity,
  [types.TIMESTAMPTZ]: identity,
  [types.INTERVAL]: identity,
  [types.DATE]: identity,
  1231: identity,
  1115: identity,
  1185: identity,
  1187: identity,
  1182: identity,
};

const pg = await PGlite.create(workerData.dataDir ?? 'memory://', { relaxedDurability: workerData.relaxedDurability ?? false });
const txs = new Map(); // txId -> { tx, finish: (commit:boolean) => void }
let nextTx = 1;

// Single-user PostgreSQL has no checkpointer: without this the WAL would grow to max_wal_size before a checkpoint,
// and a crash would mean replaying all of it at the next open. When WAL was written since the last checkpoint and no
// transaction is open, checkpoint.
let checkpointedAt = null; // the WAL insert position after our last checkpoint
let checkpointing = false;
const walPosition = async () => (await pg.query('select pg_current_wal_insert_lsn()::text as lsn')).rows[0].lsn;
if (workerData.checkpointMs > 0) {
  setInterval(async () => {
    if (checkpointing || txs.size) return;
    checkpointing = true;
    try {
      if ((await walPosition()) === checkpointedAt) return;
      await pg.exec('checkpoint');
      checkpointedAt = await walPosition();
    } catch {
      // closed meanwhile, or busy: the next round tries again
    } finally {
      checkpointing = false;
    }
  }, workerData.checkpointMs).unref();
}

function reply(id, result, error) {
  if (error) {
    const e = { message: error.message, code: error.code, detail: error.detail, constraint: error.constraint, table: error.table, column: error.column, stack: error.stack };
    parentPort.postMessage({ id, error: e });
  } else parentPort.postMessage({ id, result });
}

function pick(r) {
  return { rows: r.rows, affectedRows: r.affectedRows, fields: r.fields };
}

parentPort.on('message', async (m) => {
  try {
    switch (m.op) {
      case 'query': {
        const target = m.tx ? txs.get(m.tx)?.tx : pg;
        if (!target) throw new Error(`transaction ${m.tx} is closed`);
        const r = await target.query(m.sql, m.params ?? [], { rowMode: m.rowMode ?? 'object', parsers: PARSERS });
        reply(m.id, pick(r));
        break;
      }
      case 'exec': {
        const target = m.tx ? txs.get(m.tx)?.tx : pg;
        if (!target) throw new Error(`transaction ${m.tx} is closed`);
        const rs = await target.exec(m.sql);
        reply(m.id, rs.map(pick));
        break;
      }
      case 'begin': {
        const txId = nextTx++;
        // pg.transaction waits for any open transaction, then runs BEGIN; the callback holds
        // the transaction open until the main thread says commit or rollback.
        pg.transaction(
          (tx) =>
            new Promise((resolve, reject) => {
              txs.set(txId, { tx, finish: (commit) => (commit ? resolve() : reject(new Error('rollback'))) });
              reply(m.id, txId);
            }),
        )
          .then(() => txs.get(txId)?.done?.(null))
          .catch((e) => txs.get(txId)?.done?.(e.message === 'rollback' ? null : e))
          .finally(() => txs.delete(txId));
        break;
      }
      case 'end': {
        const t = txs.get(m.tx);
        if (!t) throw new Error(`transaction ${m.tx} is closed`);
        t.done = (err) => reply(m.id, true, err);
        t.finish(m.commit);
        break;
      }
      case 'close': {
        await pg.close();
        reply(m.id, true);
        break;
      }
      default:
        throw new Error(`unknown op ${m.op}`);
    }
  } catch (e) {
    reply(m.id, null, e);
  }
});
parentPort.postMessage({ ready: true });
