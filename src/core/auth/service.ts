// Accounts and sessions. Passwords: scrypt. Sessions: a random token in an httpOnly cookie,
// stored only as its SHA-256; a per-session CSRF token the browser echoes in a header.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { districts, inspectorSchools, sessions, users } from '../schema.js';
import { recordAudit } from '../audit/store.js';
import { dataVersionsOf } from '../cache/versions.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { dummyHash, generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { LoginRateLimiter } from './rate-limit.js';
import { ROLES, type CurrentUser, type Role } from './roles.js';

export const SESSION_HOURS = 12;
/** A session ends after this many minutes without a request (JUNHENG_SESSION_IDLE_MINUTES), besides the 12 h limit. */
export const SESSION_IDLE_MINUTES = 120;
/** The last-seen time of a session is written at most this often. */
const LAST_SEEN_EVERY_MS = 60_000;
/** How long a session found is kept in memory when each use checks the accounts' version (PostgreSQL). */
const CHECKED_SESSION_MS = 30_000;
export const idleMinutesOf = (setting: string | undefined) => {
  const n = Number(setting);
  return setting && Number.isFinite(n) && n > 0 ? n : SESSION_IDLE_MINUTES;
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class AuthService {
  readonly limiter = new LoginRateLimiter();
  /**
   * Sessions found are kept in memory, so that a request does not look its session and account up each time.
   * - `cacheSessionsMs` > 0 (PGlite: one connection; the lock guarantees one process): kept that long without asking
   *   the database — a long import transaction would otherwise make every request wait, freezing even the progress
   *   bar. Every change to a session or an account in this process drops its entries at once, and no other process
   *   can change them.
   * - otherwise (PostgreSQL: possibly several server processes, and the CLI): kept up to 30 s, but each use checks the
   *   version of the district's accounts (core/cache/versions.ts: one small query, shared by concurrent requests),
   *   which the database's triggers step whenever any process ends a session or changes an account — a password
   *   change, sign-out or disabled account ends the session at once everywhere.
   */
  private readonly cache = new Map<string, { user: CurrentUser; csrf: string; until: number; version?: number }>();
  constructor(
    private readonly db: Db,
    /** Does a school exist? Accounts name schools (a clerk's, an inspector's); the registry answers. */
    private readonly schoolExists: (districtId: string, code: string) => Promise<boolean>,
    private readonly opts: { cacheSessionsMs?: number; idleMinutes?: number } = {},
  ) {}

  /** Milliseconds without a request after which a session ends. */
  get idleMs() {
    return (this.opts.idleMinutes ?? idleMinutesOf(process.env.JUNHENG_SESSION_IDLE_MINUTES)) * 60_000;
  }

  /** Drop cached sessions of one account (after its role, schools, password or status changed). */
  private forget(districtId: string, username: string) {
    for (const [k, v] of this.cache) if (v.user.districtId === districtId && v.user.username === username) this.cache.delete(k);
  }

  async login(usernameRaw: string, password: string, ip: string) {
    const username = usernameRaw.trim();
    const wait = this.limiter.retryAfter(username, ip);
    if (wait > 0)
      throw new AppError(429, 'too_many_attempts', `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试 / too many failed sign-ins, try again in ${Math.ceil(wait / 60)} min`, {
        retryAfter: wait,
      });
    const [u] = await this.db.select().from(users).where(eq(users.username, username));
    // An unknown user's password is checked against a dummy hash: the answer takes as long as for a known one.
    const matches = await verifyPassword(password, u?.passwordHash ?? (await dummyHash()));
    const ok = !!u && !u.disabled && matches;
    if (!ok) {
      this.limiter.fail(username, ip);
      if (u) await recordAudit(this.db, u.districtId, [{ username, action: 'login_failed', entity: 'user', entityKey: username, detail: ip }]);
      throw new AppError(401, 'bad_credentials', '用户名或密码错误 / wrong username or password');
    }
    this.limiter.succeed(username, ip);
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = Date.now();
    const expiresAt = new Date(now + SESSION_HOURS * 3600_000).toISOString();
    await this.db
      .delete(sessions)
      .where(and(eq(sessions.districtId, u.districtId), or(lt(sessions.expiresAt, new Date(now).toISOString()), lt(sessions.lastSeenAt, new Date(now - this.idleMs).toISOString()))));
    await this.db.insert(sessions).values({ districtId: u.districtId, tokenHash: sha256(token), username: u.username, csrfToken: csrf, expiresAt, lastSeenAt: new Date(now).toISOString() });
    await recordAudit(this.db, u.districtId, [{ username, action: 'login', entity: 'user', entityKey: username, detail: ip }]);
    const user = await this.loadUser(u.districtId, u.username);
    return { user: user!, cookie: `${u.districtId}.${token}`, csrf };
  }

  /** The signed-in user and the session's CSRF token, or null. */
  async fromCookie(cookie: string | undefined): Promise<{ user: CurrentUser; csrf: string } | null> {
    if (!cookie) return null;
    const dot = cookie.indexOf('.');
    if (dot <= 0) return null;
    const districtId = cookie.slice(0, dot);
    const trusted = this.opts.cacheSessionsMs ?? 0;
    const ttl = trusted > 0 ? trusted : CHECKED_SESSION_MS;
    const now = Date.now();
    // Read before the session, so that an entry is never older than the version it is kept under.
    const version = trusted > 0 ? undefined : ((await dataVersionsOf(this.db).read(districtId)).accounts ?? 0);
    const hit = this.cache.get(cookie);
    if (hit && hit.until > now && hit.version === version) return { user: hit.user, csrf: hit.csrf };
    const tokenHash = sha256(cookie.slice(dot + 1));
    const [s] = await this.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.districtId, districtId),
          eq(sessions.tokenHash, tokenHash),
          gt(sessions.expiresAt, new Date(now).toISOString()),
          gt(sessions.lastSeenAt, new Date(now - this.idleMs).toISOString()),
        ),
      );
    if (!s) return null;
    const user = await this.loadUser(districtId, s.username);
    if (!user) return null;
    // The idle timeout counts from the last request: written at most once a minute.
    let lastSeen = Date.parse(s.lastSeenAt);
    if (now - lastSeen >= LAST_SEEN_EVERY_MS) {
      lastSeen = now;
      // Waited for at most a moment: on PGlite a write waits for a running import's transaction (core/db:
      // withReadSnapshot), and the request need not (the write still lands after it).
      const seen = this.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now).toISOString() })
        .where(and(eq(sessions.districtId, districtId), eq(sessions.tokenHash, tokenHash)))
        .then(
          () => undefined,
          () => undefined,
        );
      await Promise.race([seen, new Promise((r) => setTimeout(r, 200).unref())]);
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cookie, { user, csrf: s.csrfToken, until: Math.min(now + ttl, Date.parse(s.expiresAt), lastSeen + this.idleMs), version });
    return { user, csrf: s.csrfToken };
  }

  async logout(cookie: string | undefined) {
    if (!cookie) return;
    this.cache.delete(cookie);
    const dot = cookie.indexOf('.');
    await this.db.delete(sessions).where(and(eq(sessions.districtId, cookie.slice(0, dot)), eq(sessions.tokenHash, sha256(cookie.slice(dot + 1)))));
  }

  async loadUser(districtId: string, username: string): Promise<CurrentUser | null> {
    const [row] = await this.db
      .select({ u: users, districtName: districts.name })
      .from(users)
      .innerJoin(districts, eq(districts.districtId, users.districtId))
      .where(and(eq(users.districtId, districtId), eq(users.username, username)));
    if (!row || row.u.disabled) return null;
    const assigned =
      row.u.role === 'inspector'
        ? (
            await this.db
              .select({ c: inspectorSchools.schoolCode })
              .from(inspectorSchools)
              .where(and(eq(inspectorSchools.districtId, districtId), eq(inspectorSchools.username, username)))
          ).map((r) => r.c)
        : [];
    return {
      districtId,
      districtName: row.districtName,
      username: row.u.username,
      displayName: row.u.displayName,
      role: row.u.role as Role,
      schoolCode: row.u.schoolCode,
      mustChangePassword: row.u.mustChangePassword,
      assignedSchools: assigned,
    };
  }

  /** Change one's own password: every other session of the account ends; the one given (the caller's) stays. */
  async changePassword(user: CurrentUser, oldPassword: string, newPassword: string, currentCookie?: string) {
    const [u] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.districtId, user.districtId), eq(users.username, user.username)));
    if (!u || !(await verifyPassword(oldPassword, u.passwordHash))) throw badRequest('原密码错误 / the current password is wrong');
    const p = passwordProblem(newPassword, { username: user.username, current: oldPassword });
    if (p) throw badRequest(p);
    await this.db
      .update(users)
      .set({ passwordHash: await hashPassword(newPassword), mustChangePassword: false })
      .where(and(eq(users.districtId, user.districtId), eq(users.username, user.username)));
    const dot = currentCookie?.indexOf('.') ?? -1;
    const keep = currentCookie && dot > 0 && currentCookie.slice(0, dot) === user.districtId ? sha256(currentCookie.slice(dot + 1)) : null;
    await this.db.delete(sessions).where(and(eq(sessions.districtId, user.districtId), eq(sessions.username, user.username), ...(keep ? [ne(sessions.tokenHash, keep)] : [])));
    this.forget(user.districtId, user.username);
    await recordAudit(this.db, user.districtId, [{ username: user.username, action: 'change_password', entity: 'user', entityKey: user.username }]);
  }

  async listUsers(districtId: string) {
    const rows = await this.db.select().from(users).where(eq(users.districtId, districtId)).orderBy(users.username);
    const assigned = await this.db.select().from(inspectorSchools).where(eq(inspectorSchools.districtId, districtId));
    return rows.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      role: u.role as Role,
      schoolCode: u.schoolCode,
      disabled: u.disabled,
      mustChangePassword: u.mustChangePassword,
      assignedSchools: assigned.filter((a) => a.username === u.username).map((a) => a.schoolCode),
    }));
  }

  private async checkUserInput(districtId: string, role: string, schoolCode: string | null | undefined, assigned: string[] | undefined) {
    if (!(ROLES as readonly string[]).includes(role)) throw badRequest(`未知角色 ${role} / unknown role`);
    const codes = [...(role === 'clerk' && schoolCode ? [schoolCode] : []), ...(role === 'inspector' ? (assigned ?? []) : [])];
    if (role === 'clerk' && !schoolCode) throw badRequest('学校填报员必须指定学校 / a school clerk needs a school');
    for (const c of codes) {
      if (!(await this.schoolExists(districtId, c))) throw badRequest(`学校 ${c} 不存在 / no school ${c}`);
    }
  }

  async createUser(
    actor: { districtId: string; username: string },
    input: { username: string; displayName: string; role: Role; schoolCode?: string | null; password?: string; assignedSchools?: string[]; mustChangePassword?: boolean },
  ) {
    const username = input.username.trim();
    if (!/^[\p{L}\p{N}_.@-]{2,64}$/u.test(username)) throw badRequest('用户名只能包含字母、数字和 _.@- / username may contain letters, digits and _.@-');
    await this.checkUserInput(actor.districtId, input.role, input.schoolCode, input.assignedSchools);
    const password = input.password ?? generatePassword();
    const p = passwordProblem(password, input.password === undefined ? {} : { username });
    if (p) throw badRequest(p);
    const [exists] = await this.db.select({ u: users.username }).from(users).where(eq(users.username, username));
    if (exists) throw conflict(`用户名 ${username} 已存在 / username ${username} is taken`);
    await this.db.transaction(async (tx) => {
      await tx.insert(users).values({
        districtId: actor.districtId,
        username,
        displayName: input.displayName || username,
        role: input.role,
        schoolCode: input.role === 'clerk' ? (input.schoolCode ?? null) : null,
        passwordHash: await hashPassword(password),
        mustChangePassword: input.mustChangePassword ?? !input.password,
      });
      if (input.role === 'inspector' && input.assignedSchools?.length)
        await tx.insert(inspectorSchools).values(input.assignedSchools.map((c) => ({ districtId: actor.districtId, username, schoolCode: c })));
      await recordAudit(tx, actor.districtId, [
        {
          username: actor.username,
          action: 'create',
          entity: 'user',
          entityKey: username,
          newValue: { role: input.role, schoolCode: input.schoolCode ?? null, assignedSchools: input.assignedSchools ?? [] },
        },
      ]);
    });
    return { user: (await this.listUsers(actor.districtId)).find((u) => u.username === username)!, password };
  }

  async updateUser(actor: CurrentUser, username: string, input: { displayName?: string; role?: Role; schoolCode?: string | null; disabled?: boolean; assignedSchools?: string[] }) {
    const [u] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.districtId, actor.districtId), eq(users.username, username)));
    if (!u) throw notFound(`用户 ${username} 不存在 / no user ${username}`);
    if (username === actor.username && (input.disabled || (input.role && input.role !== 'admin'))) throw forbidden('不能停用自己或取消自己的管理员角色 / you cannot disable or demote yourself');
    const role = input.role ?? (u.role as Role);
    const schoolCode = input.schoolCode !== undefined ? input.schoolCode : u.schoolCode;
    await this.checkUserInput(actor.districtId, role, schoolCode, input.assignedSchools);
    const before = (await this.listUsers(actor.districtId)).find((x) => x.username === username)!;
    await this.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ displayName: input.displayName ?? u.displayName, role, schoolCode: role === 'clerk' ? schoolCode : null, disabled: input.disabled ?? u.disabled })
        .where(and(eq(users.districtId, actor.districtId), eq(users.username, username)));
      if (input.assignedSchools || role !== 'inspector') {
        await tx.delete(inspectorSchools).where(and(eq(inspectorSchools.districtId, actor.districtId), eq(inspectorSchools.username, username)));
        if (role === 'inspector' && input.assignedSchools?.length)
          await tx.insert(inspectorSchools).values(input.assignedSchools.map((c) => ({ districtId: actor.districtId, username, schoolCode: c })));
      }
      if (input.disabled) await tx.delete(sessions).where(and(eq(sessions.districtId, actor.districtId), eq(sessions.username, username)));
    });
    this.forget(actor.districtId, username);
    const after = (await this.listUsers(actor.districtId)).find((x) => x.username === username)!;
    const entries = (['displayName', 'role', 'schoolCode', 'disabled', 'assignedSchools'] as const)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => ({ username: actor.username, action: 'update', entity: 'user', entityKey: username, field: k, oldValue: before[k], newValue: after[k] }));
    if (entries.length) await recordAudit(this.db, actor.districtId, entries);
    return after;
  }

  /** A new password (generated unless given) that must be changed at the next sign-in, unless mustChange is false (scripted setups). */
  async resetPassword(actor: { districtId: string; username: string }, username: string, password?: string, mustChange = true) {
    const [u] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.districtId, actor.districtId), eq(users.username, username)));
    if (!u) throw notFound(`用户 ${username} 不存在 / no user ${username}`);
    const pw = password ?? generatePassword();
    const p = passwordProblem(pw, password === undefined ? {} : { username });
    if (p) throw badRequest(p);
    await this.db
      .update(users)
      .set({ passwordHash: await hashPassword(pw), mustChangePassword: mustChange })
      .where(and(eq(users.districtId, actor.districtId), eq(users.username, username)));
    await this.db.delete(sessions).where(and(eq(sessions.districtId, actor.districtId), eq(sessions.username, username)));
    this.forget(actor.districtId, username);
    await recordAudit(this.db, actor.districtId, [{ username: actor.username, action: 'reset_password', entity: 'user', entityKey: username }]);
    return pw;
  }
}
