// Proxy trust (issue 10, item 3): no proxy is trusted unless JUNHENG_TRUSTED_PROXIES names it, so a client
// cannot forge its address (the per-address login limit, the audit log) or HTTPS (Secure cookies).
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/core/schema.js';
import { PASSWORD, testApp } from '../helpers.js';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T | null = null;
afterEach(async () => {
  delete process.env.JUNHENG_TRUSTED_PROXIES;
  await t?.close();
  t = null;
});

const login = (app: T['app'], username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

async function loginAudit(app: T, username: string) {
  return (
    await app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.username, username), eq(auditLog.action, 'login')))
  ).map((r) => r.detail);
}

describe('proxy trust', () => {
  it('by default a forged X-Forwarded-For changes neither the address nor the limit, and X-Forwarded-Proto sets no Secure cookie', async () => {
    t = await testApp();
    const codes: number[] = [];
    // Each attempt claims another address: the limit per address must still count them all as one.
    for (let i = 0; i < 40; i++) {
      const r = await login(t.app, `nobody${i}`, 'wrong-password-x', '10.1.1.1', { 'x-forwarded-for': `203.0.113.${i}` });
      codes.push(r.statusCode);
    }
    expect(codes).toContain(429);
    const ok = await login(t.app, 'analyst', PASSWORD, '10.2.2.2', { 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'jh_session')!.secure).toBeFalsy();
    expect(await loginAudit(t, 'analyst')).toEqual(['10.2.2.2']);
  });

  it('trusts X-Forwarded-For and -Proto from an address listed in JUNHENG_TRUSTED_PROXIES only', async () => {
    process.env.JUNHENG_TRUSTED_PROXIES = '127.0.0.1, 10.8.0.0/16';
    t = await testApp();
    const ok = await login(t.app, 'analyst', PASSWORD, '10.8.3.4', { 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'jh_session')!.secure).toBe(true);
    // From an address not on the list, the headers are ignored.
    const other = await login(t.app, 'analyst', PASSWORD, '10.9.0.1', { 'x-forwarded-for': '198.51.100.8', 'x-forwarded-proto': 'https' });
    expect(other.statusCode).toBe(200);
    expect(other.cookies.find((c) => c.name === 'jh_session')!.secure).toBeFalsy();
    expect((await loginAudit(t, 'analyst')).sort()).toEqual(['10.9.0.1', '198.51.100.7']);
  });
});
