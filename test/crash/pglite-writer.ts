// Child process of pglite-kill.test.ts: opens a PGlite data folder the way the server does (openDatabase: the lock,
// the worker thread), checks that the database is consistent, then writes transactions until it is killed.
//
// Each transaction b inserts batch b (a row in crash_batches with the count and sum of its items) and its items,
// updates a running total in crash_totals, and deletes batch b-7 (so pages are reused); some transactions are big
// (tens of thousands of rows: many WAL segments, dirty buffers written mid-transaction), some are followed by a
// CHECKPOINT. Lines on stdout (JSON): {event:'verified', …} after the check, {event:'committed', batch} after each
// commit. A failed check prints {event:'inconsistent', …} and exits 3.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/core/db/index.js';

const dir = process.argv[2];
const say = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const rows = async <T>(db: Awaited<ReturnType<typeof openDatabase>>['db'], q: ReturnType<typeof sql>) => ((await db.execute(q)) as { rows: T[] }).rows;

const database = await openDatabase({ dataDir: dir });
const db = database.db;
await db.execute(sql`create table if not exists crash_batches (id int primary key, n int not null, total bigint not null)`);
await db.execute(sql`create table if not exists crash_items (batch int not null, k int not null, v text not null, primary key (batch, k))`);
await db.execute(sql`create index if not exists crash_items_v on crash_items (v)`);
await db.execute(sql`create table if not exists crash_totals (id int primary key, batches bigint not null, items bigint not null)`);
await db.execute(sql`insert into crash_totals values (1, 0, 0) on conflict do nothing`);

// The check: every batch has exactly its items, no item lacks its batch, the running totals agree, and every page
// of the tables and the index can be read (data checksums are on: a torn page fails here).
const problems: string[] = [];
const bad = await rows<{ id: number; n: number; count: number }>(
  db,
  sql`select b.id, b.n, count(i.k)::int as count from crash_batches b left join crash_items i on i.batch = b.id group by b.id, b.n, b.total
      having count(i.k) <> b.n or coalesce(sum(i.k), 0) <> b.total`,
);
if (bad.length) problems.push(`batches whose items do not match: ${JSON.stringify(bad.slice(0, 5))}`);
const orphans = await rows<{ n: number }>(db, sql`select count(*)::int as n from crash_items i where not exists (select 1 from crash_batches b where b.id = i.batch)`);
if (orphans[0].n) problems.push(`${orphans[0].n} items without their batch`);
const [state] = await rows<{ batches: number; items: number; max: number | null; present: number; stored: number }>(
  db,
  sql`select t.batches::int, t.items::int, (select max(id) from crash_batches) as max, (select count(*)::int from crash_batches) as present,
      (select count(*)::int from crash_items) as stored from crash_totals t where t.id = 1`,
);
// Batches 1..max were all committed; deletes keep the last 7.
const expectPresent = state.max === null ? 0 : Math.min(state.max, 7);
if (state.batches !== (state.max ?? 0)) problems.push(`running total says ${state.batches} batches, the newest is ${state.max}`);
if (state.present !== expectPresent) problems.push(`${state.present} batches present, expected ${expectPresent}`);
const [viaIndex] = await rows<{ n: number }>(db, sql`select count(*)::int as n from (select v from crash_items order by v) x`);
if (viaIndex.n !== state.stored) problems.push(`index scan finds ${viaIndex.n} items, the table ${state.stored}`);
if (problems.length) {
  say({ event: 'inconsistent', problems });
  await database.close();
  process.exit(3);
}
say({ event: 'verified', maxBatch: state.max ?? 0, items: state.stored });
if (process.argv[4] === 'verify-only') {
  await database.close();
  process.exit(0);
}

let rnd = Number(process.argv[3] ?? 1) >>> 0 || 1;
const random = () => (rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0) / 2 ** 32;
for (let b = (state.max ?? 0) + 1; ; b++) {
  const n = random() < 0.15 ? 20_000 + Math.floor(random() * 30_000) : 1 + Math.floor(random() * 3000);
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into crash_batches values (${b}, ${n}, ${(n * (n + 1)) / 2})`);
    await tx.execute(sql`insert into crash_items select ${b}, k, md5(${b}::text || ':' || k::text) || repeat('x', 40) from generate_series(1, ${n}) k`);
    await tx.execute(sql`update crash_totals set batches = batches + 1, items = items + ${n} where id = 1`);
    await tx.execute(sql`delete from crash_items where batch = ${b - 7}`);
    await tx.execute(sql`delete from crash_batches where id = ${b - 7}`);
  });
  say({ event: 'committed', batch: b });
  if (random() < 0.1) await db.execute(sql`checkpoint`);
}
