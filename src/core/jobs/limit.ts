// How many imports may run at once: one per user and two in all (each holds its file and what it inflates to, and
// the embedded database writes one at a time anyway). One more is refused with 429 and a Retry-After, at once, rather
// than queued: eight uploads at once were what killed the server. JUNHENG_IMPORTS_PER_USER / JUNHENG_IMPORTS_TOTAL
// change the numbers. The registry import and the exam import both take their slot here.
import { AppError } from '../http/errors.js';

export interface ImportLimits {
  perUser: number;
  total: number;
}

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

export class ImportLimiter {
  private readonly running = new Map<string, number>();
  private count = 0;

  constructor(readonly limits: ImportLimits = { perUser: envNumber('JUNHENG_IMPORTS_PER_USER', 1), total: envNumber('JUNHENG_IMPORTS_TOTAL', 2) }) {}

  /** Imports running now. */
  get active(): number {
    return this.count;
  }

  /**
   * Takes a slot for the user or throws 429 (with retryAfter, seconds). Call the returned function once the import
   * is over (calling it again does nothing).
   */
  acquire(user: { districtId: string; username: string }): () => void {
    const key = `${user.districtId}/${user.username}`;
    const mine = this.running.get(key) ?? 0;
    if (mine >= this.limits.perUser)
      throw new AppError(429, 'import_busy', '您已有一个导入正在进行,请等它完成后再试 / you already have an import running; try again when it is done', { retryAfter: 10 });
    if (this.count >= this.limits.total) throw new AppError(429, 'import_busy', '服务器正忙于其他导入,请稍后再试 / the server is busy with other imports; try again in a moment', { retryAfter: 10 });
    this.running.set(key, mine + 1);
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.count--;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    };
  }

  /** Runs `work` in a slot of the user's (429 when there is none). */
  async run<T>(user: { districtId: string; username: string }, work: () => Promise<T>): Promise<T> {
    const release = this.acquire(user);
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** The process's one limiter, shared by every kind of import. */
export const importSlots = new ImportLimiter();
