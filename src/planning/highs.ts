// The one way Junheng runs HiGHS (npm `highs`, HiGHS 1.15 in WASM): an LP/MIP in CPLEX LP text, solved in a worker
// thread (highs-worker.mjs) so that the server's event loop never blocks — HiGHS is synchronous and a MIP may take a
// minute. A pool of one: one worker, one model at a time (callers queue), kept while solves follow each other so the
// WASM is loaded once, ended when idle for IDLE_MS or after a large model (HiGHS's WASM memory never shrinks). A crash
// of the worker, an unreadable model or a solve that overruns its time limit by far (the watchdog) rejects with a
// clear HighsError and ends the worker; the next solve starts a fresh one. An idle worker never keeps the process up.
import { Worker } from 'node:worker_threads';

export interface LpSolution {
  /** HiGHS model status, e.g. 'Optimal', 'Time limit reached', 'Infeasible'. */
  status: string;
  /** Objective of the best solution found, or null when there is none. */
  objective: number | null;
  /** HiGHS's relative MIP gap |primal − dual bound| / |primal bound| (a fraction) for a MIP with a solution; else null. */
  mipGap: number | null;
  /** Column values by name (empty when no solution was found). */
  columns: Map<string, number>;
  /** Wall-clock seconds of the call (waiting for the worker, parsing, solving). */
  seconds: number;
}

export interface LpOptions {
  /** HiGHS `time_limit`: stop with the best solution so far (status 'Time limit reached'). */
  timeLimitSeconds?: number;
  /** HiGHS `mip_rel_gap`: stop once the proven relative gap is at most this (HiGHS's default 1e-4). */
  mipRelGap?: number;
}

export class HighsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HighsError';
  }
}

/** Grace beyond the time limit before the watchdog ends the worker: parsing, presolve and reading the answer. */
const watchdogSeconds = (limit: number) => limit * 1.5 + 60;
/** An idle worker is ended after this long. */
const IDLE_MS = 30_000;
/** After a model this large (LP text characters) the worker is ended: its WASM memory stays grown otherwise. */
const LARGE_MODEL = 4_000_000;

interface WorkerAnswer {
  id: number;
  ok: boolean;
  message?: string;
  status?: string;
  objective?: number | null;
  mipGap?: number | null;
  names?: string[];
  values?: Float64Array;
}

class HighsWorker {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  private current: { id: number; resolve: (a: WorkerAnswer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private nextId = 1;

  constructor() {
    // The worker is plain JS; don't let tsx or test loaders of the parent slow it down.
    this.worker = new Worker(new URL('./highs-worker.mjs', import.meta.url), { execArgv: [] });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (m: { ready?: boolean }) => (m.ready ? resolve() : reject(new HighsError('HiGHS worker: unexpected first message'))));
      this.worker.once('error', reject);
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (m: WorkerAnswer & { ready?: boolean }) => {
      if (m.ready || !this.current || m.id !== this.current.id) return;
      const c = this.current;
      this.current = null;
      c.resolve(m);
    });
    this.worker.on('error', (e) => this.fail(new HighsError(`HiGHS 求解进程出错 / the HiGHS worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => this.fail(new HighsError(`HiGHS 求解进程意外退出 / the HiGHS worker exited (code ${code}) without an answer`)));
  }

  get broken(): boolean {
    return this.failure !== null;
  }

  private fail(e: Error) {
    this.failure ??= e;
    const c = this.current;
    this.current = null;
    c?.reject(e);
  }

  async run(job: { lp: string; timeLimitSeconds?: number; mipRelGap?: number }): Promise<WorkerAnswer> {
    try {
      await this.ready;
    } catch (e) {
      this.fail(new HighsError(`HiGHS 无法启动 / HiGHS could not start: ${(e as Error).message}`));
    }
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    this.worker.ref();
    try {
      return await new Promise<WorkerAnswer>((resolve, reject) => {
        this.current = { id, resolve, reject };
        this.worker.postMessage({ id, ...job });
      });
    } finally {
      this.worker.unref();
    }
  }

  /** Ends the worker (a solve in progress rejects). */
  async end(reason: Error): Promise<void> {
    this.fail(reason);
    await this.worker.terminate();
  }

  unref() {
    this.worker.unref();
  }
}

let pool: HighsWorker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idleTimer: NodeJS.Timeout | undefined;

function takeWorker(): HighsWorker {
  if (idleTimer) clearTimeout(idleTimer);
  if (!pool || pool.broken) pool = new HighsWorker();
  return pool;
}

function releaseWorker(w: HighsWorker, retire: boolean) {
  if (retire || w.broken) {
    if (pool === w) pool = null;
    void w.end(new HighsError('HiGHS worker retired'));
    return;
  }
  w.unref();
  idleTimer = setTimeout(() => {
    if (pool === w) pool = null;
    void w.end(new HighsError('HiGHS worker idle'));
  }, IDLE_MS);
  idleTimer.unref();
}

/** Solves one model in CPLEX LP format in the HiGHS worker; solves queue one behind the other. */
export function solveLp(lp: string, options: LpOptions = {}): Promise<LpSolution> {
  const { timeLimitSeconds, mipRelGap } = options;
  if (timeLimitSeconds !== undefined && !(timeLimitSeconds > 0)) return Promise.reject(new RangeError('timeLimitSeconds must be > 0'));
  if (mipRelGap !== undefined && !(mipRelGap >= 0)) return Promise.reject(new RangeError('mipRelGap must be ≥ 0'));
  const run = queue.then(() => solveNow(lp, timeLimitSeconds, mipRelGap));
  queue = run.catch(() => undefined);
  return run;
}

async function solveNow(lp: string, timeLimitSeconds: number | undefined, mipRelGap: number | undefined): Promise<LpSolution> {
  const started = performance.now();
  const worker = takeWorker();
  let timer: NodeJS.Timeout | undefined;
  let retire = lp.length > LARGE_MODEL;
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      if (timeLimitSeconds !== undefined) {
        const limit = watchdogSeconds(timeLimitSeconds);
        timer = setTimeout(() => {
          const e = new HighsError(`HiGHS 超时未响应 / HiGHS did not answer within ${Math.round(limit)} s (time limit ${timeLimitSeconds} s)`);
          retire = true;
          void worker.end(e);
          reject(e);
        }, limit * 1000);
      }
      worker.run({ lp, timeLimitSeconds, mipRelGap }).then(resolve, reject);
    });
    if (!answer.ok) {
      retire = true;
      throw new HighsError(`HiGHS 无法求解该模型 / HiGHS could not solve the model: ${answer.message}`);
    }
    const columns = new Map<string, number>();
    const names = answer.names ?? [];
    const values = answer.values ?? new Float64Array(0);
    for (let i = 0; i < names.length; i++) columns.set(names[i], values[i]);
    return {
      status: answer.status ?? 'Unknown',
      objective: answer.objective ?? null,
      mipGap: answer.mipGap ?? null,
      columns,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    if (timer) clearTimeout(timer);
    releaseWorker(worker, retire);
  }
}
