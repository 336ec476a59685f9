// Login rate limiting: after `max` failures for the same account or the same address within
// `windowMs`, further attempts are refused (HTTP 429) until the window has passed.
export class LoginRateLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxPerAddress = 30,
  ) {}

  private recent(key: string, now: number) {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(username: string, ip: string, now = Date.now()): number {
    const a = this.recent(`u:${username.toLowerCase()}`, now);
    const b = this.recent(`ip:${ip}`, now);
    const blocked = (list: number[], max: number) => (list.length >= max ? list[list.length - max] + this.windowMs - now : 0);
    return Math.ceil(Math.max(blocked(a, this.max), blocked(b, this.maxPerAddress), 0) / 1000);
  }

  fail(username: string, ip: string, now = Date.now()) {
    for (const key of [`u:${username.toLowerCase()}`, `ip:${ip}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  succeed(username: string) {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }
}
