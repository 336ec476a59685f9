// Reads during a long import on the embedded database (issue 10, item 7; core/db/pglite-client.ts: read snapshots).
// PGlite is one session: without a snapshot, a read issued while an import's transaction is open waits for its
// commit (and then sees the import), so each test below checks that such a read is answered *before* the write ends,
// with the data as it was before it (never a part of it), and that a write of someone else waits for the import and
// lands after it; and that an import failing after several batches leaves nothing, also in what readers saw. Each
// runs on a PGlite data folder (the copy of the folder) and on the suite's database (an in-memory PGlite: the
// copy is its dump; or PostgreSQL with DATABASE_URL, where reads never wait and no snapshot is taken).
// The expected counts are the rows the test itself wrote: 300 baseline students, then 25,000 (more than
// SNAPSHOT_MIN_STUDENTS, so the import takes a snapshot); 100 rows, then 3 × 1,000 more in the bare-table test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, withReadSnapshot, type Database, type Db } from '../../src/core/db/index.js';
import { SNAPSHOT_PREFIX } from '../../src/core/db/pglite-client.js';
import { importScores, SNAPSHOT_MIN_STUDENTS } from '../../src/exams/import-scores.js';
import { createExam } from '../../src/exams/exam-crud.js';
import { insertSchool } from '../../src/registry/store.js';
import type { CurrentUser } from '../../src/core/auth/roles.js';
import { ensureDistrict, setCurrentYear } from '../../src/registry/store.js';
import { DISTRICT, freshDatabase, SCHOOL_A, SCHOOL_B } from '../helpers.js';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const count = async (db: Db, query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await db.execute(query))[0].n);
/** The answer, or 'still waiting' after `ms` (without the snapshot, a read waits for the transaction's end). */
const within = <T>(ms: number, p: Promise<T>) => Promise.race([p, new Promise<string>((r) => setTimeout(() => r('still waiting'), ms))]);
const gate = () => {
  let open = () => {};
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};

const admin: CurrentUser = {
  districtId: DISTRICT,
  districtName: '测试县',
  username: 'admin',
  displayName: '管理员',
  role: 'admin',
  schoolCode: null,
  mustChangePassword: false,
  assignedSchools: [],
};
const SUBJECTS = ['语文', '数学', '英语'];
const BIG = SNAPSHOT_MIN_STUDENTS + 5000;

function examCsv(n: number, seed: number): Buffer {
  const lines = [`学籍号,姓名,学校代码,班级,${SUBJECTS.join(',')}`];
  let x = seed;
  const r = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 101;
  for (let i = 0; i < n; i++) lines.push(`S${String(i).padStart(7, '0')},学生${i},${i % 2 ? SCHOOL_A.code : SCHOOL_B.code},${(i % 12) + 1}班,${r()},${r()},${r()}`);
  return Buffer.from(lines.join('\n'));
}

/** Every row of the exam tables, hashed: what an import may change. */
async function examData(db: Db) {
  const out: Record<string, string> = {};
  for (const table of ['exams', 'exam_subjects', 'exam_results', 'exam_reports', 'exam_item_scores', 'students']) {
    const [r] = rowsOf<{ n: number; h: string }>(await db.execute(sql.raw(`select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${table} x`)));
    out[table] = `${r.n} ${r.h}`;
  }
  out.audit = String(await count(db, sql`select count(*)::int as n from audit_log where action = 'import'`));
  return out;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const TARGETS = [
  {
    name: 'a PGlite data folder',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-import-reads-'));
      dirs.push(dir);
      const d = await openDatabase({ dataDir: dir });
      await d.migrate();
      return { d, dir };
    },
  },
  { name: process.env.DATABASE_URL ? 'PostgreSQL' : 'an in-memory PGlite', open: async () => ({ d: await freshDatabase(), dir: null as string | null }) },
];

describe.each(TARGETS)('reads during a long write: $name', ({ open }) => {
  let database: Database;
  let dir: string | null;
  let db: Db;
  let examId: number;
  beforeAll(async () => {
    ({ d: database, dir } = await open());
    db = database.db;
    await ensureDistrict(db, DISTRICT, '测试县');
    await setCurrentYear(db, DISTRICT, 2024);
    for (const s of [SCHOOL_A, SCHOOL_B]) await insertSchool(db, s);
    examId = await createExam(db, admin, { name: '期末统测', grade: 9, type: '期末', subjects: SUBJECTS.map((subject) => ({ subject, fullMarks: 100 })) } as never);
    // The baseline: a small import (no snapshot).
    await importScores(db, admin, examId, '基线.csv', examCsv(300, 1));
  }, 120_000);
  afterAll(async () => database?.close());

  const snapshotFolders = () => (dir ? fs.readdirSync(dir).filter((e) => e.startsWith(SNAPSHOT_PREFIX)) : []);

  it('a read is answered from the data before the write, while its transaction is open; a write of another waits and lands after', async () => {
    await db.execute(sql`create table reads_t (id int primary key)`);
    await db.execute(sql`insert into reads_t select generate_series(1, 100)`);
    const written = gate();
    const finish = gate();
    let committed = false;
    const work = withReadSnapshot(db, () =>
      db.transaction(async (tx) => {
        for (let b = 0; b < 3; b++) await tx.execute(sql`insert into reads_t select generate_series(${1000 + b * 1000}::int, ${1999 + b * 1000}::int)`);
        written.open();
        await finish.p;
      }),
    ).then(() => (committed = true));
    await written.p;
    // The transaction has written 3,000 rows and is still open: a read sees the 100 rows of before, at once.
    expect(await within(10_000, count(db, sql`select count(*)::int as n from reads_t`))).toBe(100);
    expect(await within(10_000, count(db, sql`select count(*)::int as n from reads_t where id >= 1000`))).toBe(0);
    // Another's write waits for the write to end on PGlite (one session; on PostgreSQL it need not).
    let inserted = false;
    const other = db.execute(sql`insert into reads_t values (5000)`).then(() => (inserted = true));
    await new Promise((r) => setTimeout(r, 200));
    expect({ inserted, committed }).toEqual({ inserted: database.kind === 'postgresql', committed: false });
    if (dir) expect(snapshotFolders()).toHaveLength(1);
    finish.open();
    await work;
    await other;
    expect(await count(db, sql`select count(*)::int as n from reads_t`)).toBe(100 + 3000 + 1);
    expect(snapshotFolders()).toEqual([]);
  });

  it('an exam import: reads issued during its transaction are answered before it commits, with the data of before', async () => {
    const before = await examData(db);
    const inTransaction = gate();
    let importDone = 0;
    const imported = importScores(db, admin, examId, '全县.csv', examCsv(BIG, 2), (phase, done) => {
      // Called after each batch written in the transaction: the first means the transaction is open and has written.
      if (phase === 'writing' && done! > 0) inTransaction.open();
    }).then((r) => ((importDone = performance.now()), r));
    await inTransaction.p;
    const seen = [];
    let readDone = 0;
    for (let k = 0; k < 3; k++) {
      seen.push(await count(db, sql`select count(*)::int as n from exam_results where exam_id = ${examId}`));
      seen.push(await count(db, sql`select student_count as n from exams where id = ${examId}`));
      readDone = performance.now();
    }
    const during = await examData(db);
    const result = await imported;
    expect(result).toMatchObject({ students: BIG, replaced: 300 });
    // Never a part of the import: the 300 of before, every time, and every table as it was.
    expect(seen).toEqual([300, 300, 300, 300, 300, 300]);
    expect(during).toEqual(before);
    expect(readDone).toBeLessThan(importDone);
    // Committed: all of it.
    expect(await count(db, sql`select count(*)::int as n from exam_results where exam_id = ${examId}`)).toBe(BIG);
    expect(await count(db, sql`select count(*)::int as n from students`)).toBe(BIG);
    expect(snapshotFolders()).toEqual([]);
  }, 120_000);

  it('an import that fails after several batches leaves nothing, and readers meanwhile saw nothing of it', async () => {
    const before = await examData(db);
    // The report is written after every batch of results and pupils: a failure there undoes all of them.
    await db.execute(sql`create function reads_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
    await db.execute(sql`create trigger reads_fail before insert or update on exam_reports for each row execute function reads_fail()`);
    try {
      const inTransaction = gate();
      let batches = 0;
      const imported = importScores(db, admin, examId, '失败.csv', examCsv(BIG + 1000, 3), (phase, done) => {
        if (phase === 'writing' && done! > 0) {
          batches++;
          inTransaction.open();
        }
      }).then(
        () => null,
        (e: unknown) => e,
      );
      await inTransaction.p;
      const during = await examData(db);
      const error = await imported;
      expect(error).toBeInstanceOf(Error);
      expect(String(((error as Error).cause as Error | undefined)?.message ?? (error as Error).message)).toContain('injected failure');
      expect(batches).toBeGreaterThanOrEqual(4); // results and pupils, in batches of 10,000, before the report failed
      expect(during).toEqual(before);
      expect(await examData(db)).toEqual(before);
      expect(snapshotFolders()).toEqual([]);
    } finally {
      await db.execute(sql`drop trigger reads_fail on exam_reports`);
      await db.execute(sql`drop function reads_fail()`);
    }
  }, 120_000);
});
