// Background jobs of this process (exam imports): an id, the phase, done/total counts, start and end, and the result
// or the problems. The HTTP request that starts a job answers 202 at once; the web app polls GET /api/jobs/:id for a
// progress bar. Jobs live in memory only: a restart forgets them (an import that was cut off wrote nothing, being
// one transaction). A job is visible only within its district.
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/http/errors.js';

export const JOB_PHASES = ['queued', 'reading', 'checking', 'analysing', 'writing', 'done', 'failed'] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

export interface JobState {
  id: string;
  kind: string;
  /** What the job works on, e.g. { examId: 3, fileName: '中考.xlsx' }. */
  subject: Record<string, unknown>;
  username: string;
  phase: JobPhase;
  /** Progress within the phase; total 0 = unknown (e.g. rows of an .xlsx while reading). */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  result: unknown;
  /** A failed job: the HTTP status it would have answered, the error, and for a bad file every problem. */
  error: { status: number; code: string; message: string } | null;
  problems: unknown[] | null;
}

export type ProgressFn = (phase: JobPhase, done?: number, total?: number) => void;

interface Job extends JobState {
  districtId: string;
  finished: Promise<void>;
}

/** Finished jobs are kept this long, and at most MAX_KEPT of them. */
const KEEP_MS = 60 * 60 * 1000;
const MAX_KEPT = 200;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  /** Starts `run` on the next tick; its progress calls update the state. */
  start(owner: { districtId: string; username: string }, kind: string, subject: Record<string, unknown>, run: (progress: ProgressFn) => Promise<unknown>): JobState {
    this.prune();
    const job = {
      id: randomUUID(),
      kind,
      subject,
      username: owner.username,
      districtId: owner.districtId,
      phase: 'queued',
      done: 0,
      total: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      result: null,
      error: null,
      problems: null,
    } as unknown as Job;
    const progress: ProgressFn = (phase, done = 0, total = 0) => {
      job.phase = phase;
      job.done = done;
      job.total = total;
    };
    job.finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(progress))
      .then(
        (result) => {
          job.result = result;
          job.phase = 'done';
          job.done = job.total;
        },
        (e: unknown) => {
          job.phase = 'failed';
          if (e instanceof AppError) {
            job.error = { status: e.status, code: e.code, message: e.message };
            job.problems = (e.extra?.problems as unknown[]) ?? null;
          } else {
            job.error = { status: 500, code: 'internal', message: `服务器内部错误 / internal error: ${(e as Error)?.message ?? e}` };
            console.error(`job ${job.id} (${kind}) failed:`, e);
          }
        },
      )
      .finally(() => {
        job.finishedAt = new Date().toISOString();
      });
    this.jobs.set(job.id, job);
    return this.view(job);
  }

  /** The state of a job of this district, or null. */
  get(districtId: string, id: string): JobState | null {
    const job = this.jobs.get(id);
    return job && job.districtId === districtId ? this.view(job) : null;
  }

  /** Waits for a job to finish, then its state. */
  async wait(districtId: string, id: string): Promise<JobState | null> {
    const job = this.jobs.get(id);
    if (!job || job.districtId !== districtId) return null;
    await job.finished;
    return this.view(job);
  }

  /** Unfinished jobs of a district matching `test`. */
  active(districtId: string, test: (j: JobState) => boolean): JobState[] {
    return [...this.jobs.values()].filter((j) => j.districtId === districtId && j.finishedAt === null && test(j)).map((j) => this.view(j));
  }

  private view(job: Job): JobState {
    const { districtId: _d, finished: _f, ...state } = job;
    return { ...state };
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== null);
    finished.forEach((j, k) => {
      if (now - Date.parse(j.finishedAt!) > KEEP_MS || finished.length - k > MAX_KEPT) this.jobs.delete(j.id);
    });
  }
}
