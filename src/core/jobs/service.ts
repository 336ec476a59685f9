// Durable jobs: every import is a row of the jobs table (schema.ts) with its state and progress, so that a job
// outlives the process that ran it.
//
//   start()  a background job (the exam import): the row is written before the work begins, progress goes to the
//            row at most every `progressMs` (and to memory at once, for GET /api/jobs/:id), the end state last.
//   track()  a job run within the request (the registry import): running → done | failed.
//   recover() at server start: a job left queued/running by a process that is gone is marked interrupted — its work
//            was one transaction, so nothing of it was written — unless the import's audit rows show it committed
//            just before the stop (then done).
//   close()  at shutdown: waits a little for running jobs, then marks the rest interrupted.
//
// Live state (progress, and a failed import's list of problems, which may quote cells and so is never stored) is
// kept in memory for the jobs of this process; the row is what survives. On PGlite a write waits while another
// transaction is open (one connection), so progress rows written during an import's transaction land after it.
import os from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import { AppError, databaseErrorCode, INTERNAL_MESSAGE } from '../http/errors.js';
import { maskPersonalData } from '../log.js';
import type { JobKind, JobStatus } from './schema.js';
import * as store from './store.js';

export { JOB_KINDS, JOB_STATES, type JobKind, type JobStatus } from './schema.js';

export const INTERRUPTED_MESSAGE = '服务器在导入过程中停止,未写入任何数据,请重新导入 / the server stopped during the import; nothing was written; import again';
export const COMMITTED_MESSAGE = '服务器在导入完成后、记录任务结果前停止;数据已写入 / the server stopped after the import was saved, before the job was recorded; the data was written';

/** A job as the services see it. */
export interface Job {
  id: string;
  districtId: string;
  kind: JobKind;
  state: JobStatus;
  phase: string;
  done: number;
  total: number;
  message: string | null;
  username: string;
  subject: Record<string, unknown>;
  result: unknown;
  error: { status: number; code: string; message: string } | null;
  /** A failed import's problems: only while the process that ran it keeps the job in memory. */
  problems: unknown[] | null;
  problemCount: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export type JobProgress = (phase: string, done?: number, total?: number) => void;

export interface JobOptions<T> {
  /** The summary stored as the job's result (no personal data); default: the result itself. */
  summary?: (result: T) => unknown;
}

interface Live {
  job: Job;
  finished: Promise<void>;
  dirty: boolean;
  writing: Promise<void> | null;
  timer: NodeJS.Timeout | null;
  lastWrite: number;
}

export interface JobServiceOptions {
  /** Least interval between two progress writes of one job. */
  progressMs?: number;
  /** Keep-alive of running jobs, so that another server can tell a live job from an abandoned one. */
  heartbeatMs?: number;
  /** A job of another host whose heartbeat is older than this is abandoned. */
  staleMs?: number;
  /** Finished jobs stay in memory (with their problems) this long, at most `keep` of them. */
  keepMs?: number;
  keep?: number;
}

/** timestamptz text from either driver ("2026-05-01 10:00:00.123+00") → ISO 8601. */
export function isoTime(v: string | null): string | null {
  if (v === null) return null;
  const d = new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

function fromRow(r: store.JobRow): Job {
  return {
    id: r.id,
    districtId: r.districtId,
    kind: r.kind as JobKind,
    state: r.state as JobStatus,
    phase: r.phase,
    done: r.done,
    total: r.total,
    message: r.message,
    username: r.username,
    subject: (r.subject ?? {}) as Record<string, unknown>,
    result: r.result ?? null,
    error: (r.error as Job['error']) ?? null,
    problems: null,
    problemCount: r.problemCount,
    startedAt: isoTime(r.startedAt)!,
    finishedAt: isoTime(r.finishedAt),
  };
}

/** What a thrown error becomes in the job: the HTTP answer it stands for, and for a bad file its problems. */
function failure(e: unknown): Pick<Job, 'error' | 'problems' | 'problemCount' | 'message'> {
  if (e instanceof AppError) {
    const problems = (e.extra?.problems as unknown[] | undefined) ?? null;
    return { error: { status: e.status, code: e.code, message: e.message }, problems, problemCount: problems?.length ?? null, message: e.message };
  }
  // Anything else is a bug or a database error, whose text may quote the rows it was writing (学籍号, names): it is
  // neither stored nor answered — the job's id is the reference to the log line (errorLine).
  return { error: { status: 500, code: 'internal', message: INTERNAL_MESSAGE }, problems: null, problemCount: null, message: INTERNAL_MESSAGE };
}

/** An unexpected error as a line for the log: a database error by its SQLSTATE code only, else its stack with long digit runs masked. */
function errorLine(e: unknown): string {
  const sqlState = databaseErrorCode(e);
  if (sqlState !== null) return `database error (SQLSTATE ${sqlState})`;
  return maskPersonalData(String((e as Error)?.stack ?? (e as Error)?.message ?? e));
}

export class JobService {
  /** This process: host/pid/nonce. */
  readonly owner = `${os.hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  private readonly live = new Map<string, Live>();
  private readonly opts: Required<JobServiceOptions>;
  private heartbeat: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    private readonly db: Db,
    opts: JobServiceOptions = {},
  ) {
    this.opts = { progressMs: 500, heartbeatMs: 15_000, staleMs: 120_000, keepMs: 3_600_000, keep: 200, ...opts };
  }

  /** Starts `run` as a background job after its row is written; its progress calls update the job. */
  async start<T>(owner: { districtId: string; username: string }, kind: JobKind, subject: Record<string, unknown>, run: (progress: JobProgress) => Promise<T>, opts: JobOptions<T> = {}): Promise<Job> {
    this.prune();
    const live = await this.create(owner, kind, subject, 'queued');
    const progress: JobProgress = (phase, done = 0, total = 0) => {
      if (live.job.finishedAt !== null) return;
      Object.assign(live.job, { state: 'running', phase, done, total });
      this.persist(live);
    };
    live.finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(progress))
      .then(
        (result) => this.finish(live, { state: 'done', phase: 'done', done: live.job.total, result: opts.summary ? opts.summary(result) : result }),
        (e: unknown) => {
          if (!(e instanceof AppError)) console.error(`job ${live.job.id} (${kind}) failed: ${errorLine(e)}`);
          return this.finish(live, { state: 'failed', phase: 'failed', ...failure(e) });
        },
      );
    return this.view(live.job);
  }

  /** Runs `run` now, recorded as a job (running → done | failed); answers or throws what `run` does. */
  async track<T>(owner: { districtId: string; username: string }, kind: JobKind, subject: Record<string, unknown>, run: (progress: JobProgress) => Promise<T>, opts: JobOptions<T> = {}): Promise<T> {
    this.prune();
    const live = await this.create(owner, kind, subject, 'running');
    let settle = () => {};
    live.finished = new Promise<void>((resolve) => (settle = resolve));
    const progress: JobProgress = (phase, done = 0, total = 0) => {
      if (live.job.finishedAt !== null) return;
      Object.assign(live.job, { phase, done, total });
      this.persist(live);
    };
    try {
      const result = await run(progress);
      await this.finish(live, { state: 'done', phase: 'done', done: live.job.total, result: opts.summary ? opts.summary(result) : result });
      return result;
    } catch (e) {
      await this.finish(live, { state: 'failed', phase: 'failed', ...failure(e) });
      throw e;
    } finally {
      settle();
    }
  }

  /** A job of the district: from memory while this process knows it, else its row. */
  async get(districtId: string, id: string): Promise<Job | null> {
    const l = this.live.get(id);
    if (l) return l.job.districtId === districtId ? this.view(l.job) : null;
    const row = await store.getJob(this.db, districtId, id);
    if (!row) return null;
    // Unfinished, not ours, and silent for too long: its process is gone.
    if ((row.state === 'queued' || row.state === 'running') && row.owner !== this.owner) {
      const [idle] = (await store.unfinishedJobs(this.db)).filter((j) => j.id === id && j.districtId === districtId);
      if (idle && idle.idleSeconds * 1000 > this.opts.staleMs) {
        await this.settleAbandoned(row);
        return this.get(districtId, id);
      }
    }
    return fromRow(row);
  }

  /** Waits for a job of this process to finish, then its state; other jobs as they are. */
  async wait(districtId: string, id: string): Promise<Job | null> {
    const l = this.live.get(id);
    if (l && l.job.districtId === districtId) await l.finished;
    return this.get(districtId, id);
  }

  /** Unfinished jobs of this process in a district matching `test`. */
  active(districtId: string, test: (j: Job) => boolean = () => true): Job[] {
    return [...this.live.values()].filter((l) => l.job.districtId === districtId && l.job.finishedAt === null && test(l.job)).map((l) => this.view(l.job));
  }

  /**
   * At server start: every job left queued or running by a process that is gone becomes interrupted (or done, when
   * its import committed just before). Gone: on this host, its pid is not alive (or is ours: a previous life of this
   * process id); elsewhere, no heartbeat for `staleMs`. Returns the jobs settled.
   */
  async recover(): Promise<Job[]> {
    const host = os.hostname();
    const settled: Job[] = [];
    for (const row of await store.unfinishedJobs(this.db)) {
      if (row.owner === this.owner) continue;
      const [h, p] = row.owner.split('/');
      const pid = Number(p);
      const stale = row.idleSeconds * 1000 > this.opts.staleMs;
      const gone = h === host ? pid === process.pid || !alive(pid) || stale : stale;
      if (!gone) continue;
      const job = await this.settleAbandoned(row);
      if (job) settled.push(job);
    }
    return settled;
  }

  /** At shutdown: lets running jobs finish for up to `graceMs`, then marks the rest interrupted. */
  async close(graceMs = 10_000): Promise<void> {
    this.closing = true;
    const running = [...this.live.values()].filter((l) => l.job.finishedAt === null);
    if (running.length) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(running.map((l) => l.finished)), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
    }
    for (const l of this.live.values()) {
      if (l.job.finishedAt !== null) continue;
      if (l.timer) clearTimeout(l.timer);
      l.timer = null;
      Object.assign(l.job, {
        state: 'interrupted',
        phase: 'failed',
        finishedAt: new Date().toISOString(),
        message: INTERRUPTED_MESSAGE,
        error: { status: 503, code: 'interrupted', message: INTERRUPTED_MESSAGE },
      });
      await l.writing;
      await store.finishJob(this.db, l.job.districtId, l.job.id, { state: 'interrupted', phase: 'failed', message: INTERRUPTED_MESSAGE, error: l.job.error }).catch(() => undefined);
    }
    this.stopHeartbeat();
  }

  // ───────────────────────────── internals ─────────────────────────────

  private async create(owner: { districtId: string; username: string }, kind: JobKind, subject: Record<string, unknown>, state: JobStatus): Promise<Live> {
    if (this.closing) throw new AppError(503, 'shutting_down', '服务器正在停止,请稍后再试 / the server is stopping; try again shortly');
    const id = randomUUID();
    const row = await store.insertJob(this.db, { districtId: owner.districtId, id, kind, state, phase: 'queued', username: owner.username, subject, owner: this.owner });
    const live: Live = { job: fromRow(row), finished: Promise.resolve(), dirty: false, writing: null, timer: null, lastWrite: Date.now() };
    this.live.set(id, live);
    this.startHeartbeat();
    return live;
  }

  /** Schedules a progress write: at most one in flight per job and one every `progressMs`. */
  private persist(l: Live): void {
    l.dirty = true;
    if (l.writing || l.timer) return;
    const wait = Math.max(0, l.lastWrite + this.opts.progressMs - Date.now());
    l.timer = setTimeout(() => {
      l.timer = null;
      this.flush(l);
    }, wait);
  }

  private flush(l: Live): void {
    if (!l.dirty || l.writing || l.job.finishedAt !== null) return;
    l.dirty = false;
    l.lastWrite = Date.now();
    const { state, phase, done, total } = l.job;
    l.writing = store
      .updateProgress(this.db, l.job.districtId, l.job.id, { state, phase, done, total })
      .catch((e: unknown) => console.error(`job ${l.job.id}: progress not saved: ${errorLine(e)}`))
      .finally(() => {
        l.writing = null;
        if (l.dirty && l.job.finishedAt === null) this.persist(l);
      });
  }

  private async finish(l: Live, end: Partial<Job> & { state: JobStatus }): Promise<void> {
    if (l.timer) clearTimeout(l.timer);
    l.timer = null;
    if (l.job.finishedAt !== null) return; // already marked interrupted by close()
    Object.assign(l.job, end, { finishedAt: new Date().toISOString() });
    await l.writing;
    const j = l.job;
    await store
      .finishJob(this.db, j.districtId, j.id, {
        state: j.state,
        phase: j.phase,
        done: j.done,
        total: j.total,
        message: j.message,
        result: j.result ?? null,
        error: j.error,
        problemCount: j.problemCount,
      })
      .catch((e: unknown) => console.error(`job ${j.id}: end state not saved: ${errorLine(e)}`));
    if (![...this.live.values()].some((x) => x.job.finishedAt === null)) this.stopHeartbeat();
  }

  private async settleAbandoned(row: store.JobRow): Promise<Job | null> {
    const committed = await store.importCommitted(this.db, row);
    const message = committed ? COMMITTED_MESSAGE : INTERRUPTED_MESSAGE;
    const ok = committed
      ? await store.finishJob(this.db, row.districtId, row.id, { state: 'done', phase: 'done', message })
      : await store.finishJob(this.db, row.districtId, row.id, { state: 'interrupted', phase: 'failed', message, error: { status: 503, code: 'interrupted', message } });
    if (!ok) return null;
    const after = await store.getJob(this.db, row.districtId, row.id);
    return after && fromRow(after);
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const keys = [...this.live.values()].filter((l) => l.job.finishedAt === null).map((l) => ({ districtId: l.job.districtId, id: l.job.id }));
      store.touchJobs(this.db, keys).catch(() => undefined);
    }, this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private view(job: Job): Job {
    return { ...job };
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.live.values()].filter((l) => l.job.finishedAt !== null);
    finished.forEach((l, k) => {
      if (now - Date.parse(l.job.finishedAt!) > this.opts.keepMs || finished.length - k > this.opts.keep) this.live.delete(l.job.id);
    });
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
