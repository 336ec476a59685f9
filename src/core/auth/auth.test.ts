import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './rate-limit.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('LoginRateLimiter', () => {
  it('blocks the 6th attempt within 15 minutes and lets it through after the window', () => {
    const l = new LoginRateLimiter(5, 15 * 60_000, 30);
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(l.retryAfter('zhang', '1.1.1.1', t0 + i)).toBe(0);
      l.fail('zhang', '1.1.1.1', t0 + i);
    }
    // The oldest of the last 5 failures was at t0; it expires at t0 + 900,000 ms → 900 s from t0 + 4 ms, rounded up.
    expect(l.retryAfter('zhang', '2.2.2.2', t0 + 4)).toBe(900);
    expect(l.retryAfter('ZHANG', '2.2.2.2', t0 + 4)).toBe(900); // names compare case-insensitively
    expect(l.retryAfter('li', '3.3.3.3', t0 + 4)).toBe(0); // other accounts are not affected
    expect(l.retryAfter('zhang', '2.2.2.2', t0 + 15 * 60_000)).toBe(0);
  });

  it('a success clears the account counter', () => {
    const l = new LoginRateLimiter(2);
    l.fail('wang', 'a');
    l.succeed('wang');
    l.fail('wang', 'a');
    expect(l.retryAfter('wang', 'b')).toBe(0);
  });

  it('limits one address trying many accounts', () => {
    const l = new LoginRateLimiter(5, 60_000, 3);
    for (const u of ['a', 'b', 'c']) l.fail(u, '9.9.9.9', 0);
    expect(l.retryAfter('d', '9.9.9.9', 1)).toBe(60);
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const h = await hashPassword('密码 with 中文 1');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('密码 with 中文 1', h)).toBe(true);
    expect(await verifyPassword('密码 with 中文 2', h)).toBe(false);
    expect(await hashPassword('x-long-enough')).not.toBe(await hashPassword('x-long-enough')); // salted
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });

  it('generates readable passwords and enforces a minimum length', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(p).not.toMatch(/[01OIl]/);
    expect(passwordProblem('1234567')).not.toBeNull();
    expect(passwordProblem('12345678')).toBeNull();
  });
});
