// Durable jobs (core/jobs): rows with state and progress that outlive the process; abandoned jobs are settled at
// start (interrupted, or done when the import's audit rows show it committed); close() interrupts what is left.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/index.js';
import { COMMITTED_MESSAGE, INTERRUPTED_MESSAGE, JobService, isoTime } from '../../src/core/jobs/service.js';
import { insertJob } from '../../src/core/jobs/store.js';
import { recordAudit } from '../../src/core/audit/store.js';
import { AppError } from '../../src/core/http/errors.js';
import { JobRegistry } from '../../src/exams/jobs.js';
import { freshDatabase } from '../helpers.js';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database?.close());

const owner = { districtId: 'd1', username: 'analyst' };
const row = async (id: string) =>
  ((await database.db.execute(sql`select state, phase, done, total, message, result, error, problem_count, finished_at from jobs where id = ${id}`)) as { rows: Record<string, unknown>[] }).rows[0];
const gate = () => {
  let open = () => {};
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};
const until = async (test: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('durable jobs', () => {
  it('a background job: row queued at once, progress saved while it runs, result saved at the end, read back by another process', async () => {
    const jobs = new JobService(database.db, { progressMs: 20 });
    const g = gate();
    const job = await jobs.start(owner, 'exam-import', { examId: 1, fileName: 'a.csv' }, async (progress) => {
      progress('reading', 5, 10);
      await g.p;
      return { students: 10 };
    });
    expect(job).toMatchObject({ state: 'queued', kind: 'exam-import', username: 'analyst', finishedAt: null });
    expect(await row(job.id)).toMatchObject({ state: 'queued' });
    await until(async () => (await row(job.id)).phase === 'reading');
    expect(await row(job.id)).toMatchObject({ state: 'running', phase: 'reading', done: 5, total: 10, finished_at: null });
    expect(jobs.active('d1').map((j) => j.id)).toEqual([job.id]);
    expect(jobs.active('d2')).toEqual([]);
    g.open();
    const done = await jobs.wait('d1', job.id);
    expect(done).toMatchObject({ state: 'done', phase: 'done', result: { students: 10 } });
    expect(await row(job.id)).toMatchObject({ state: 'done', result: { students: 10 }, error: null });
    // Another process (a restarted server) reads the row; other districts see nothing.
    const later = new JobService(database.db);
    expect(await later.get('d1', job.id)).toMatchObject({ id: job.id, state: 'done', result: { students: 10 }, startedAt: job.startedAt });
    expect(await later.get('d2', job.id)).toBeNull();
    expect(Date.parse((await later.get('d1', job.id))!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));
  });

  it('a failed import keeps its problems in memory and only their count in the row', async () => {
    const jobs = new JobService(database.db);
    const problems = [{ row: 2, reason: '学籍号 S1 重复' }];
    const job = await jobs.start(owner, 'exam-import', { examId: 2, fileName: 'bad.csv' }, async () => {
      throw new AppError(422, 'import_failed', '文件有 1 处问题 / 1 problem', { problems });
    });
    expect(await jobs.wait('d1', job.id)).toMatchObject({ state: 'failed', problems, problemCount: 1, error: { status: 422, code: 'import_failed' } });
    expect(await row(job.id)).toMatchObject({ state: 'failed', problem_count: 1, error: { status: 422, code: 'import_failed' }, message: '文件有 1 处问题 / 1 problem' });
    expect(JSON.stringify(await row(job.id))).not.toContain('S1');
    expect(await new JobService(database.db).get('d1', job.id)).toMatchObject({ state: 'failed', problems: null, problemCount: 1 });
  });

  it('track(): a job within the request, running → done or failed, answering or throwing what the work does', async () => {
    const jobs = new JobService(database.db);
    let seen: unknown;
    const r = await jobs.track(owner, 'registry-import', { year: 2024, fileName: 's.xlsx' }, async () => {
      seen = await database.db.execute(sql`select state from jobs where kind = 'registry-import' and subject->>'fileName' = 's.xlsx'`);
      return { ok: true, schools: 3 };
    });
    expect(r).toEqual({ ok: true, schools: 3 });
    expect((seen as { rows: unknown[] }).rows).toEqual([{ state: 'running' }]);
    await expect(jobs.track(owner, 'registry-import', { year: 2024, fileName: 't.xlsx' }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const rows = (
      (await database.db.execute(sql`select subject->>'fileName' as f, state, result, error from jobs where kind = 'registry-import' order by started_at`)) as {
        rows: Record<string, unknown>[];
      }
    ).rows;
    expect(rows).toMatchObject([
      { f: 's.xlsx', state: 'done', result: { ok: true, schools: 3 } },
      { f: 't.xlsx', state: 'failed', error: { status: 500, code: 'internal' } },
    ]);
  });

  it('recover(): jobs of dead processes become interrupted (or done when their import committed); live ones stay', async () => {
    const host = os.hostname();
    const mk = (id: string, ownerText: string, fileName: string) =>
      insertJob(database.db, { districtId: 'd3', id, kind: 'exam-import', state: 'running', phase: 'writing', username: 'analyst', subject: { examId: 9, fileName }, owner: ownerText });
    await mk('dead', `${host}/999999999/x`, 'dead.csv');
    await mk('self', `${host}/${process.pid}/old`, 'self.csv'); // an earlier life of this pid
    await mk('alive', `${host}/${process.ppid}/x`, 'alive.csv');
    await mk('far-fresh', 'other-host/1/x', 'far.csv');
    await mk('far-stale', 'other-host/1/x', 'far2.csv');
    await database.db.execute(sql`update jobs set updated_at = now() - interval '10 minutes' where id = 'far-stale'`);
    await mk('committed', `${host}/999999999/x`, '中考.xlsx');
    await recordAudit(database.db, 'd3', [{ username: 'analyst', action: 'import', entity: 'exam', entityKey: '9', detail: '期末 ← 中考.xlsx' }]);
    const jobs = new JobService(database.db);
    const settled = await jobs.recover();
    expect(settled.map((j) => j.id).sort()).toEqual(['committed', 'dead', 'far-stale', 'self']);
    for (const id of ['dead', 'self', 'far-stale'])
      expect(await jobs.get('d3', id)).toMatchObject({ state: 'interrupted', message: INTERRUPTED_MESSAGE, error: { status: 503, code: 'interrupted', message: INTERRUPTED_MESSAGE } });
    expect(await jobs.get('d3', 'committed')).toMatchObject({ state: 'done', message: COMMITTED_MESSAGE });
    expect((await row('alive')).state).toBe('running');
    expect((await row('far-fresh')).state).toBe('running');
    // A stale job of another host seen later is settled when asked for.
    await database.db.execute(sql`update jobs set updated_at = now() - interval '10 minutes' where id = 'far-fresh'`);
    expect(await jobs.get('d3', 'far-fresh')).toMatchObject({ state: 'interrupted', message: INTERRUPTED_MESSAGE });
    expect(await jobs.recover()).toEqual([]);
  });

  it('close(): running jobs get the grace period, then are marked interrupted; no new job starts', async () => {
    const jobs = new JobService(database.db);
    const quick = await jobs.start(owner, 'exam-import', { examId: 3 }, async () => new Promise((r) => setTimeout(() => r({ n: 1 }), 50)));
    const stuck = await jobs.start(owner, 'exam-import', { examId: 4 }, () => new Promise(() => {}));
    await jobs.close(500);
    expect(await row(quick.id)).toMatchObject({ state: 'done' });
    expect(await row(stuck.id)).toMatchObject({ state: 'interrupted', message: INTERRUPTED_MESSAGE });
    expect(await jobs.get('d1', stuck.id)).toMatchObject({ state: 'interrupted', phase: 'failed' });
    await expect(jobs.start(owner, 'exam-import', {}, async () => 1)).rejects.toMatchObject({ status: 503 });
  });

  it("the exam service's view: phase failed for an interrupted job, the state and message with it", async () => {
    await insertJob(database.db, {
      districtId: 'd4',
      id: 'x1',
      kind: 'exam-import',
      state: 'running',
      phase: 'writing',
      username: 'analyst',
      subject: { examId: 1, fileName: 'x.csv' },
      owner: `${os.hostname()}/999999999/x`,
    });
    const reg = new JobRegistry(database.db);
    await reg.service.recover();
    expect(await reg.get('d4', 'x1')).toMatchObject({ phase: 'failed', state: 'interrupted', message: INTERRUPTED_MESSAGE, error: { code: 'interrupted' }, problems: null });
  });

  it('timestamps of either driver read as ISO 8601', () => {
    expect(isoTime('2026-05-01 10:00:00.123+00')).toBe('2026-05-01T10:00:00.123Z');
    expect(isoTime('2026-05-01 12:00:00+02')).toBe('2026-05-01T10:00:00.000Z');
    expect(isoTime('2026-05-01 12:00:00+05:30')).toBe('2026-05-01T06:30:00.000Z');
    expect(isoTime(null)).toBeNull();
  });
});
