import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './rate-limit.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('LoginRateLimiter: delays that grow per account + address', () => {
  it('after 5 failures waits 1 min, then 2, 4, 8 … up to 15 min — from that address only', () => {
    const l = new LoginRateLimiter();
    let now = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(l.retryAfter('zhang', '1.1.1.1', now)).toBe(0);
      l.fail('zhang', '1.1.1.1', now);
      now += 1000;
    }
    const last = now - 1000;
    expect(l.retryAfter('zhang', '1.1.1.1', last)).toBe(60);
    expect(l.retryAfter('ZHANG', '1.1.1.1', last)).toBe(60); // names compare case-insensitively
    // Someone else's failures cannot lock the user out: from another address there is no delay.
    expect(l.retryAfter('zhang', '2.2.2.2', last)).toBe(0);
    expect(l.retryAfter('li', '1.1.1.1', last)).toBe(0);
    // The delays grow, and end: never a lock for good.
    const waits: number[] = [];
    now = last;
    for (let i = 0; i < 6; i++) {
      now += l.retryAfter('zhang', '1.1.1.1', now) * 1000;
      expect(l.retryAfter('zhang', '1.1.1.1', now)).toBe(0);
      l.fail('zhang', '1.1.1.1', now);
      waits.push(l.retryAfter('zhang', '1.1.1.1', now));
    }
    expect(waits).toEqual([120, 240, 480, 900, 900, 900]);
    // A day without failures forgets them.
    expect(l.retryAfter('zhang', '1.1.1.1', now + 24 * 3600_000)).toBe(0);
    l.fail('zhang', '1.1.1.1', now + 24 * 3600_000);
    expect(l.retryAfter('zhang', '1.1.1.1', now + 24 * 3600_000)).toBe(0);
  });

  it('a success from the address clears the account’s failures there', () => {
    const l = new LoginRateLimiter({ free: 2 });
    l.fail('wang', 'a', 0);
    l.fail('wang', 'a', 0);
    expect(l.retryAfter('wang', 'a', 1)).toBe(60);
    l.succeed('wang', 'a');
    expect(l.retryAfter('wang', 'a', 1)).toBe(0);
  });

  it('slows one address trying many accounts, and forgets it after an hour', () => {
    const l = new LoginRateLimiter({ freePerAddress: 3 });
    for (const u of ['a', 'b', 'c']) l.fail(u, '9.9.9.9', 0);
    expect(l.retryAfter('d', '9.9.9.9', 1)).toBe(60);
    expect(l.retryAfter('d', '8.8.8.8', 1)).toBe(0);
    expect(l.retryAfter('d', '9.9.9.9', 3600_000)).toBe(0);
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
    expect(passwordProblem('correct-horse-9')).toBeNull();
  });

  it('refuses common passwords, the username in it and the current one, in Chinese and English', () => {
    for (const pw of ['12345678', '88888888', 'a12345678', 'woaini1314', 'Password', 'qwertyuiop', '1qaz2wsx', 'zzzzzzzzzz', 'abababab']) expect(passwordProblem(pw), pw).toMatch(/常见.* \/ .*common/);
    expect(passwordProblem('zhangwei-2024', { username: 'ZhangWei' })).toMatch(/用户名 \/ .*username/);
    expect(passwordProblem('correct-horse-9', { username: 'zhangwei' })).toBeNull();
    expect(passwordProblem('correct-horse-9', { current: 'correct-horse-9' })).toMatch(/当前密码.* \/ .*current/);
  });
});
