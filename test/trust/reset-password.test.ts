// An administrator who sets a user's password (junheng user reset-password NAME --password P) knows it: the user
// must still change it at the next sign-in, unless the administrator says otherwise (--no-must-change, for scripted
// setups). Issue 10, item 9 and the low items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DISTRICT, signIn, testApp } from '../helpers.js';
import { createAuthService } from '../../src/server.js';
import { users } from '../../src/core/schema.js';

describe('reset-password with a chosen password', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => (t = await testApp()));
  afterAll(async () => t.close());

  const mustChange = async (username: string) =>
    (
      await t.database.db
        .select({ m: users.mustChangePassword })
        .from(users)
        .where(and(eq(users.districtId, DISTRICT), eq(users.username, username)))
    )[0].m;

  it('keeps the user bound to change it at the next sign-in', async () => {
    const auth = createAuthService(t.database.db);
    await auth.resetPassword({ districtId: DISTRICT, username: 'admin' }, 'viewer', 'Quiet-river-2718');
    expect(await mustChange('viewer')).toBe(true);
    const viewer = await signIn(t.app, 'viewer', 'Quiet-river-2718');
    expect((await viewer.get('/api/overview')).statusCode).toBe(403); // only the change-password route until done
  });

  it('lets a scripted setup keep the password as it is', async () => {
    const auth = createAuthService(t.database.db);
    await auth.resetPassword({ districtId: DISTRICT, username: 'admin' }, 'analyst', 'Steady-lake-3141', false);
    expect(await mustChange('analyst')).toBe(false);
  });

  it('a generated password must always be changed', async () => {
    const auth = createAuthService(t.database.db);
    const pw = await auth.resetPassword({ districtId: DISTRICT, username: 'admin' }, 'clerkB');
    expect(pw.length).toBeGreaterThanOrEqual(12);
    expect(await mustChange('clerkB')).toBe(true);
  });
});
