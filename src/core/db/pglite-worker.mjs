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

// A read snapshot (pglite-client.ts, `snapshot` below) of an in-memory database is loaded from the primary's dump.
const pg = workerData.loadDataDir
  ? await PGlite.create({ loadDataDir: new Blob([workerData.loadDataDir]), relaxedDurability: true })
  : await PGlite.create(workerData.dataDir ?? 'memory://', { relaxedDurability: workerData.relaxedDurability ?? false });
// A read snapshot refuses every write (SQLSTATE 25006), so that nothing can be written where it would be lost.
if (workerData.readOnly) await pg.exec('set default_transaction_read_only = on');
const txs = new Map(); // txId -> { tx, finish: (commit:boolean) => void }
let nextTx = 1;

// Single-user PostgreSQL has no checkpointer: without this the WAL would grow to max_wal_size before a checkpoint,
// and a crash would mean replaying all of it at the next open. When WAL was written since the last checkpoint and no
// transaction is open, checkpoint.
let checkpointedAt = null; // the WAL insert position after our last checkpoint
let checkpointing = false;
let snapshotting = false; // a read snapshot is being copied: no checkpoint meanwhile
const walPosition = async () => (await pg.query('select pg_current_wal_insert_lsn()::text as lsn')).rows[0].lsn;
if (workerData.checkpointMs > 0) {
  setInterval(async () => {
    if (checkpointing || snapshotting || txs.size) return;
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

// The copy of a data folder for a read snapshot (pglite-client.ts) is made like a base backup, so that the primary
// keeps answering while the files are copied; only the last step holds it, for a few milliseconds:
//   1. checkpoints pause (the timer above, and no write reaches the primary meanwhile: the client holds them back,
//      except those already under way); the last checkpoint's redo point is noted and global/pg_control copied first;
//   2. every other file is copied while the primary runs (a data page may be copied half-written, or newer than the
//      WAL copied so far): of pg_wal only the segments from the redo point to the current one;
//   3. then, with no statement running (PGlite's transaction lock), the WAL segments written since step 2 began and
//      any file that appeared meanwhile are copied. If a checkpoint ran after all, the copy is refused.
// The copy then starts like the folder after a crash: it replays the WAL from the redo point to the end, and the full
// page images that PostgreSQL writes for the first change of a page after a checkpoint repair any page copied half
// written (full_page_writes is on). Junheng's own entries (the lock, other copies) are left out.
const WAL_SEGMENT = /^[0-9A-F]{24}$/;
const skipped = (rel) => rel.startsWith('.junheng-') || rel === 'junheng.lock' || rel === 'postmaster.pid' || rel === 'global/pg_control';

async function copyTree(from, to, rel, walFrom, walTo) {
  fs.mkdirSync(rel ? `${to}/${rel}` : to, { recursive: true, mode: 0o700 });
  let entries;
  try {
    entries = await fs.promises.readdir(rel ? `${from}/${rel}` : from, { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOENT') return;
    throw e;
  }
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (skipped(r)) continue;
    if (e.isDirectory()) await copyTree(from, to, r, walFrom, walTo);
    else if (e.isFile()) {
      if (rel === 'pg_wal' && WAL_SEGMENT.test(e.name) && (e.name < walFrom || e.name > walTo)) continue;
      // A copy-on-write clone where the file system can (btrfs, XFS): instant; else a plain copy.
      await fs.promises.copyFile(`${from}/${r}`, `${to}/${r}`, fs.constants.COPYFILE_FICLONE).catch((err) => {
        if (err.code !== 'ENOENT') throw err; // a file removed meanwhile (a temporary one)
      });
    }
  }
}

/** Step 3: files that are not in the copy yet (created during step 2), synchronously. */
function copyMissing(from, to, rel = '') {
  for (const e of fs.readdirSync(rel ? `${from}/${rel}` : from, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (skipped(r) || r === 'pg_wal') continue;
    if (e.isDirectory()) {
      fs.mkdirSync(`${to}/${r}`, { recursive: true, mode: 0o700 });
      copyMissing(from, to, r);
    } else if (e.isFile() && !fs.existsSync(`${to}/${r}`)) fs.copyFileSync(`${from}/${r}`, `${to}/${r}`);
  }
}

const WAL_POINTS = `select pg_walfile_name(redo_lsn) as "from", pg_walfile_name(pg_current_wal_insert_lsn()) as "to" from pg_control_checkpoint()`;

async function snapshotFolder(dir) {
  const from = workerData.dataDir;
  while (checkpointing) await new Promise((r) => setTimeout(r, 5));
  snapshotting = true;
  try {
    const w0 = (await pg.query(WAL_POINTS)).rows[0];
    fs.mkdirSync(`${dir}/global`, { recursive: true, mode: 0o700 });
    fs.copyFileSync(`${from}/global/pg_control`, `${dir}/global/pg_control`);
    await copyTree(from, dir, '', w0.from, w0.to);
    await pg.transaction(async (tx) => {
      const w1 = (await tx.query(WAL_POINTS)).rows[0];
      if (w1.from !== w0.from) throw new Error('a checkpoint ran during the copy');
      for (const name of fs.readdirSync(`${from}/pg_wal`).sort()) if (WAL_SEGMENT.test(name) && name >= w0.to && name <= w1.to) fs.copyFileSync(`${from}/pg_wal/${name}`, `${dir}/pg_wal/${name}`);
      copyMissing(from, dir);
    });
  } finally {
    snapshotting = false;
  }
  return { dir };
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
      case 'snapshot': {
        // A data folder: copied to m.dir (above). An in-memory database: its dump (a tar, transferred), taken when
        // no transaction is open and no statement runs (PGlite's transaction lock; a dump takes its query lock).
        if (workerData.dataDir) {
          reply(m.id, await snapshotFolder(m.dir));
          break;
        }
        const dump = await pg.transaction(async () => (await pg.dumpDataDir('none')).arrayBuffer());
        parentPort.postMessage({ id: m.id, result: { dump } }, [dump]);
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
