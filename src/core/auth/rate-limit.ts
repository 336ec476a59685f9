// Sign-in delays that grow, per account + address and per address, instead of a hard lock.
//
// A lock per account alone lets anyone lock any user out by guessing from anywhere. Here the failures of one
// account from one address count together: after `free` of them each further attempt from that address waits,
// 1 min, then 2, 4, 8 … up to `maxDelayMs`, and a success from that address clears them. The same user signing
// in from another address is not delayed. One address trying many accounts is slowed the same way after
// `freePerAddress` failures within an hour. Nothing is locked for good: counters are forgotten a day after their
// last failure (an hour for the per-address one), and a delay never exceeds `maxDelayMs`.
export interface LoginDelayOptions {
  /** Failures of one account from one address before delays start. */
  free?: number;
  /** Failures from one address (any accounts) before delays start. */
  freePerAddress?: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs?: number;
  /** The longest delay. */
  maxDelayMs?: number;
}

interface Counter {
  n: number;
  last: number;
}

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

export class LoginRateLimiter {
  private counters = new Map<string, Counter>();
  private readonly free: number;
  private readonly freePerAddress: number;
  private readonly base: number;
  private readonly max: number;
  constructor(o: LoginDelayOptions = {}) {
    this.free = o.free ?? 5;
    this.freePerAddress = o.freePerAddress ?? 30;
    this.base = o.baseDelayMs ?? 60_000;
    this.max = o.maxDelayMs ?? 15 * 60_000;
  }

  private keys(username: string, ip: string) {
    return [
      { key: `ua:${username.trim().toLowerCase()}\u0000${ip}`, free: this.free, forget: DAY },
      { key: `ip:${ip}`, free: this.freePerAddress, forget: HOUR },
    ];
  }

  private counter(key: string, forget: number, now: number): Counter | null {
    const c = this.counters.get(key);
    if (c && now - c.last >= forget) {
      this.counters.delete(key);
      return null;
    }
    return c ?? null;
  }

  /** Seconds to wait before another attempt of this account from this address is allowed, or 0. */
  retryAfter(username: string, ip: string, now = Date.now()): number {
    let wait = 0;
    for (const k of this.keys(username, ip)) {
      const c = this.counter(k.key, k.forget, now);
      if (!c || c.n < k.free) continue;
      const delay = Math.min(this.base * 2 ** (c.n - k.free), this.max);
      wait = Math.max(wait, c.last + delay - now);
    }
    return Math.ceil(Math.max(wait, 0) / 1000);
  }

  fail(username: string, ip: string, now = Date.now()) {
    if (this.counters.size > 100_000) this.sweep(now);
    for (const k of this.keys(username, ip)) {
      const c = this.counter(k.key, k.forget, now);
      this.counters.set(k.key, { n: (c?.n ?? 0) + 1, last: now });
    }
  }

  /** A successful sign-in clears the account's failures from that address. */
  succeed(username: string, ip: string) {
    this.counters.delete(this.keys(username, ip)[0].key);
  }

  private sweep(now: number) {
    for (const [key, c] of this.counters) if (now - c.last >= (key.startsWith('ip:') ? HOUR : DAY)) this.counters.delete(key);
  }
}
