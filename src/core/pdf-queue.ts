// A fair queue for the PDF renderer (one Chromium, one render at a time): requests are taken round-robin by user,
// so one user's many reports cannot make everybody else wait — a request waits behind at most one render of each
// other user with work queued (the render under way and one more, whoever asked first). Each user may have a few
// renders pending (waiting or under way, default 4, JUNHENG_PDF_PER_USER); one more is refused at once with 429 and
// a Retry-After rather than queued. Renders without an owner (internal callers) share one lane and have no per-user
// limit. All owners together may have at most `total` renders pending (default 32, JUNHENG_PDF_TOTAL): beyond that
// every new request, whoever asks, is refused at once with 429 — the queue's memory and waiting time stay bounded.
//
// Round-robin by start-time fair queueing: each request gets the start tag max(now, the tag after its owner's
// previous request), where "now" is the tag of the render under way; the smallest tag goes next, the earlier
// request on a tie. A user arriving while another has sixteen queued gets the tag of the render under way and goes
// next; two users with many each alternate.
import { AppError } from './http/errors.js';

/** Who asked for a render: a signed-in user (the limit is per district and user name) or a plain key. */
export type PdfOwner = { districtId: string; username: string } | string;

export interface FairQueueOptions {
  /** Renders a user may have pending (waiting or under way); one more is refused with 429. */
  perUser: number;
  /** Renders pending (waiting or under way) over all owners; one more is refused with 429. Default: no cap. */
  total?: number;
  /** Renders run at once (default 1: one browser page at a time). */
  concurrency?: number;
}

interface Job<I, O> {
  owner: string | null;
  input: I;
  tag: number;
  seq: number;
  resolve: (v: O) => void;
  reject: (e: unknown) => void;
}

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

export const defaultPdfLimits = (): FairQueueOptions => ({ perUser: envNumber('JUNHENG_PDF_PER_USER', 4), total: envNumber('JUNHENG_PDF_TOTAL', 32) });

const ownerKey = (o: PdfOwner | undefined): string | null => (o === undefined ? null : typeof o === 'string' ? o : `${o.districtId}/${o.username}`);

export class FairQueue<I, O> {
  private readonly waiting: Job<I, O>[] = [];
  /** Pending (waiting or running) per owner; the owner's next start tag. */
  private readonly owners = new Map<string | null, { pending: number; next: number }>();
  private running = 0;
  private now = 0;
  private seq = 0;
  /** Mean render time (exponentially weighted), for the Retry-After. */
  private meanMs = 1000;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (input: I, owner: string | null) => Promise<O>,
    readonly options: FairQueueOptions = defaultPdfLimits(),
  ) {}

  /** Requests waiting or under way. */
  get size(): number {
    return this.waiting.length + this.running;
  }

  /** Queue `input` for `owner`; rejects with 429 (retryAfter, seconds) when the owner already has the limit pending. */
  submit(input: I, owner?: PdfOwner): Promise<O> {
    const key = ownerKey(owner);
    const o = this.owners.get(key) ?? { pending: 0, next: 0 };
    if (key !== null && o.pending >= this.options.perUser) {
      const lanes = new Set(this.waiting.map((j) => j.owner)).size + this.running;
      const retryAfter = Math.min(60, Math.max(1, Math.ceil((this.meanMs * Math.max(1, lanes)) / 1000)));
      return Promise.reject(
        new AppError(429, 'pdf_busy', `您已有 ${o.pending} 份 PDF 正在生成，请等它们完成后再试 / you already have ${o.pending} PDFs being rendered; try again when they are done`, { retryAfter }),
      );
    }
    if (this.options.total !== undefined && this.size >= this.options.total) {
      const retryAfter = Math.min(60, Math.max(1, Math.ceil((this.meanMs * this.size) / 1000 / (this.options.concurrency ?? 1))));
      return Promise.reject(new AppError(429, 'pdf_busy', `PDF 生成任务已满（${this.size} 份），请稍后再试 / the PDF renderer is full (${this.size} pending); try again later`, { retryAfter }));
    }
    const tag = Math.max(this.now, o.next);
    o.next = tag + 1;
    o.pending++;
    this.owners.set(key, o);
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ owner: key, input, tag, seq: this.seq++, resolve, reject });
      this.pump();
    });
  }

  /** Resolves when nothing is waiting or running (at once when idle). */
  onIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < (this.options.concurrency ?? 1) && this.waiting.length) {
      let best = 0;
      for (let i = 1; i < this.waiting.length; i++) {
        const a = this.waiting[i];
        const b = this.waiting[best];
        if (a.tag < b.tag || (a.tag === b.tag && a.seq < b.seq)) best = i;
      }
      const [job] = this.waiting.splice(best, 1);
      this.now = job.tag;
      this.running++;
      const started = Date.now();
      // (A renderer that throws instead of rejecting still answers its request and frees the slot.)
      Promise.resolve()
        .then(() => this.work(job.input, job.owner))
        .then(job.resolve, job.reject)
        .finally(() => {
          this.meanMs = 0.8 * this.meanMs + 0.2 * (Date.now() - started);
          this.running--;
          const o = this.owners.get(job.owner);
          if (o && --o.pending <= 0) this.owners.delete(job.owner);
          this.pump();
          if (this.size === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }
}
