// The exam import's jobs: an id, the phase, done/total counts, start and end, and the result or the problems. The HTTP
// request that starts a job answers 202 at once; the web app polls GET /api/jobs/:id for a progress bar. Jobs are rows
// of the jobs table (core/jobs): a restart finds a job that was cut off marked interrupted (the import is one
// transaction, so nothing of it was written). A job is visible only within its district. The list of a bad file's
// problems is answered by the process that read the file (it may quote cells), the row keeps their count.
import type { Db } from '../core/db/index.js';
import { JobService, type Job, type JobStatus } from '../core/jobs/service.js';

export const JOB_PHASES = ['queued', 'reading', 'checking', 'analysing', 'writing', 'done', 'failed'] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

export interface JobState {
  id: string;
  kind: string;
  /** What the job works on, e.g. { examId: 3, fileName: '中考.xlsx' }. */
  subject: Record<string, unknown>;
  username: string;
  /** The step; a job that failed or was interrupted is 'failed' (see state). */
  phase: JobPhase;
  /** queued, running, done, failed, or interrupted (the server stopped during the job: nothing was written). */
  state: JobStatus;
  /** Progress within the phase; total 0 = unknown (e.g. rows of an .xlsx while reading). */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  result: unknown;
  /** Why it failed or was interrupted, '中文 / English'. */
  message: string | null;
  /** A failed job: the HTTP status it would have answered, the error, and for a bad file every problem. */
  error: { status: number; code: string; message: string } | null;
  problems: unknown[] | null;
}

export type ProgressFn = (phase: JobPhase, done?: number, total?: number) => void;

function toState(j: Job): JobState {
  const phase: JobPhase =
    j.state === 'done' ? 'done' : j.state === 'failed' || j.state === 'interrupted' ? 'failed' : (JOB_PHASES as readonly string[]).includes(j.phase) ? (j.phase as JobPhase) : 'queued';
  return {
    id: j.id,
    kind: j.kind,
    subject: j.subject,
    username: j.username,
    phase,
    state: j.state,
    done: j.done,
    total: j.total,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    result: j.result,
    message: j.message,
    error: j.error,
    problems: j.problems,
  };
}

/** The exam service's view of the durable jobs (core/jobs/service.ts). */
export class JobRegistry {
  readonly service: JobService;

  constructor(jobs: JobService | Db) {
    this.service = jobs instanceof JobService ? jobs : new JobService(jobs);
  }

  /** Writes the job's row, then starts `run` on the next tick; its progress calls update the job. The result (an
   * ImportResult: counts and timings, no personal data) is stored with the job. */
  async start(owner: { districtId: string; username: string }, kind: 'exam-import', subject: Record<string, unknown>, run: (progress: ProgressFn) => Promise<unknown>): Promise<JobState> {
    return toState(await this.service.start(owner, kind, subject, (progress) => run(progress)));
  }

  /** The state of a job of this district, or null. */
  async get(districtId: string, id: string): Promise<JobState | null> {
    const j = await this.service.get(districtId, id);
    return j && toState(j);
  }

  /** Waits for a job to finish, then its state. */
  async wait(districtId: string, id: string): Promise<JobState | null> {
    const j = await this.service.wait(districtId, id);
    return j && toState(j);
  }

  /** Unfinished jobs of this process in a district matching `test`. */
  active(districtId: string, test: (j: JobState) => boolean): JobState[] {
    return this.service.active(districtId).map(toState).filter(test);
  }
}
