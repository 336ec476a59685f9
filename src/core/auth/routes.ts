// Sign-in, sign-out, the current user, passwords, and account administration.
import type { FastifyRequest } from 'fastify';
import { routesOf } from '../http/routes.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/cookies.js';
import { authApi } from './contract.js';
import { capabilitiesOf } from './policy.js';
import type { CurrentUser } from './roles.js';
import { SESSION_HOURS, type AuthService } from './service.js';

const cookieOpts = (req: FastifyRequest) => ({ path: '/', sameSite: 'lax' as const, secure: req.protocol === 'https', maxAge: SESSION_HOURS * 3600 });
const withCapabilities = (u: CurrentUser) => ({ ...u, capabilities: capabilitiesOf(u.role) });

export const authRoutes = routesOf(authApi, (s: { auth: AuthService }) => ({
  login: async ({ body, req, reply }) => {
    const r = await s.auth.login(body.username, body.password, req.ip);
    reply.setCookie(SESSION_COOKIE, r.cookie, { ...cookieOpts(req), httpOnly: true });
    reply.setCookie(CSRF_COOKIE, r.csrf, { ...cookieOpts(req), httpOnly: false });
    return { user: withCapabilities(r.user) };
  },
  logout: async ({ req, reply }) => {
    await s.auth.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  },
  me: async ({ actor }) => {
    const { scope: _s, schools: _c, can: _f, ...user } = actor;
    return { user: withCapabilities(user) };
  },
  changePassword: async ({ actor, body }) => {
    await s.auth.changePassword(actor, body.oldPassword, body.newPassword);
    return { ok: true as const };
  },
  listUsers: async ({ actor }) => ({ users: await s.auth.listUsers(actor.districtId) }),
  createUser: async ({ actor, body }) => s.auth.createUser(actor, body),
  updateUser: async ({ actor, params, body }) => ({ user: await s.auth.updateUser(actor, params.username, body) }),
  resetPassword: async ({ actor, params }) => ({ password: await s.auth.resetPassword(actor, params.username) }),
}));
