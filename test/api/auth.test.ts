import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signIn, testApp } from '../helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

describe('health', () => {
  it('answers 200 with the version and database kind without signing in', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', version: '0.1.0', database: process.env.DATABASE_URL ? 'postgresql' : 'pglite' });
  });
});

describe('sign-in and sessions', () => {
  it('rejects API calls without a session', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/schools' });
    expect(r.statusCode).toBe(401);
  });

  it('signs in with an httpOnly session cookie and a readable CSRF cookie', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'analyst', password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const session = r.cookies.find((c) => c.name === 'jh_session')!;
    const csrf = r.cookies.find((c) => c.name === 'jh_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
    expect(r.json().user).toMatchObject({ username: 'analyst', role: 'analyst', districtName: '测试县' });
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer', password: 'wrong-password' }, remoteAddress: '10.9.9.1' });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password' }, remoteAddress: '10.9.9.1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it('delays repeated failed sign-ins (after 5 per account and address) with 429 and Retry-After', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: 'nope-nope' }, remoteAddress: '10.0.0.7' });
      codes.push(r.statusCode);
      if (r.statusCode === 429) expect(Number(r.headers['retry-after'])).toBe(60);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right password is refused from that address while the delay runs …
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: PASSWORD }, remoteAddress: '10.0.0.7' });
    expect(blocked.statusCode).toBe(429);
    // … but not from another: failures elsewhere cannot lock a user out.
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: PASSWORD }, remoteAddress: '10.0.0.8' });
    expect(ok.statusCode).toBe(200);
  });

  it('requires the CSRF header on state-changing requests', async () => {
    const c = await signIn(t.app, 'admin');
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.headers.cookie } });
    expect(without.statusCode).toBe(403);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.headers.cookie, 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes a password: the old one stops working', async () => {
    const c = await signIn(t.app, 'viewer');
    expect((await c.post('/api/auth/password', { oldPassword: 'bad', newPassword: 'another-secret-1' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'short' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'another-secret-1' })).statusCode).toBe(200);
    await expect(signIn(t.app, 'viewer')).rejects.toThrow(/401/);
    await signIn(t.app, 'viewer', 'another-secret-1');
  });
});

describe('accounts (admin only)', () => {
  it('creates a clerk with a one-time password that must be changed', async () => {
    const admin = await signIn(t.app, 'admin');
    const r = await admin.post('/api/users', { username: 'clerkC', displayName: '初中填报员', role: 'clerk', schoolCode: '2133000003' });
    expect(r.statusCode).toBe(200);
    const { password, user } = r.json();
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(user).toMatchObject({ username: 'clerkC', role: 'clerk', schoolCode: '2133000003', mustChangePassword: true });
    const me = await signIn(t.app, 'clerkC', password);
    expect((await me.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('refuses a clerk without a school, an unknown school, and non-admins', async () => {
    const admin = await signIn(t.app, 'admin');
    expect((await admin.post('/api/users', { username: 'x1', role: 'clerk' })).statusCode).toBe(400);
    expect((await admin.post('/api/users', { username: 'x2', role: 'clerk', schoolCode: '9999999999' })).statusCode).toBe(400);
    const analyst = await signIn(t.app, 'analyst');
    expect((await analyst.post('/api/users', { username: 'x3', role: 'viewer' })).statusCode).toBe(403);
    expect((await analyst.get('/api/users')).statusCode).toBe(403);
  });

  it('a disabled account can no longer sign in and loses its sessions', async () => {
    const admin = await signIn(t.app, 'admin');
    await admin.post('/api/users', { username: 'temp', role: 'viewer', password: 'disable-me-123' });
    const temp = await signIn(t.app, 'temp', 'disable-me-123');
    expect((await temp.get('/api/auth/me')).statusCode).toBe(200); // the session is now cached (PGlite) …
    expect((await admin.put('/api/users/temp', { disabled: true })).statusCode).toBe(200);
    expect((await temp.get('/api/auth/me')).statusCode).toBe(401);
    await expect(signIn(t.app, 'temp', 'disable-me-123')).rejects.toThrow(/401/);
  });

  it('a changed role takes effect on the next request, and sign-out ends the session at once', async () => {
    const admin = await signIn(t.app, 'admin');
    await admin.post('/api/users', { username: 'temp2', role: 'analyst', password: 'temp-password-2' });
    const temp = await signIn(t.app, 'temp2', 'temp-password-2');
    expect((await temp.get('/api/audit')).statusCode).toBe(403); // an admin-made account changes its password first
    expect((await temp.post('/api/auth/password', { oldPassword: 'temp-password-2', newPassword: 'temp-password-2b' })).statusCode).toBe(200);
    expect((await temp.get('/api/audit')).statusCode).toBe(200);
    expect((await admin.put('/api/users/temp2', { role: 'viewer' })).statusCode).toBe(200);
    expect((await temp.get('/api/audit')).statusCode).toBe(403);
    expect((await temp.get('/api/auth/me')).json().user.role).toBe('viewer');
    expect((await temp.post('/api/auth/logout', {})).statusCode).toBeLessThan(300);
    expect((await temp.get('/api/auth/me')).statusCode).toBe(401);
  });
});
