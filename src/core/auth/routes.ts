// Sign-in, sign-out, the current user, passwords, and account administration.
import type { FastifyRequest } from 'fastify';
import { routesOf } from '../http/routes.js';
import { AppError } from '../http/errors.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/cookies.js';
import { authApi } from './contract.js';
import { capabilitiesOf } from './policy.js';
import type { CurrentUser } from './roles.js';
import { SESSION_HOURS, type AuthService } from './service.js';

const cookieOpts = (req: FastifyRequest) => ({ path: '/', sameSite: 'lax' as const, secure: req.protocol === 'https', maxAge: SESSION_HOURS * 3600 });
const withCapabilities = (u: CurrentUser) => ({ ...u, capabilities: capabilitiesOf(u.role) });

/**
 * Login CSRF: a browser's sign-in form on another site must not sign the user in here. Refused: an Origin that is
 * not this server's host (Host, or X-Forwarded-Host from a trusted proxy), unless the browser itself says the request
 * is same-origin (Sec-Fetch-Site, for a proxy that rewrites Host), and any request the browser marks cross-site.
 */
export function loginOriginProblem(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined || site === 'same-origin') return false;
  try {
    const o = new URL(origin);
    return o.host !== new URL(`${o.protocol}//${req.host}`).host;
  } catch {
    return true; // 'null' (a sandboxed or file page) or garbage
  }
}

export const authRoutes = routesOf(authApi, (s: { auth: AuthService }) => ({
  login: async ({ body, req, reply }) => {
    if (loginOriginProblem(req)) throw new AppError(403, 'cross_origin', '不接受来自其他网站的登录请求 / sign-in from another site is refused');
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
  changePassword: async ({ actor, body, req }) => {
    await s.auth.changePassword(actor, body.oldPassword, body.newPassword, req.cookies[SESSION_COOKIE]);
    return { ok: true as const };
  },
  listUsers: async ({ actor }) => ({ users: await s.auth.listUsers(actor.districtId) }),
  // An account created here must change its password at the first sign-in, whether the admin chose it or not.
  createUser: async ({ actor, body }) => s.auth.createUser(actor, { ...body, mustChangePassword: true }),
  updateUser: async ({ actor, params, body }) => ({ user: await s.auth.updateUser(actor, params.username, body) }),
  resetPassword: async ({ actor, params }) => ({ password: await s.auth.resetPassword(actor, params.username) }),
}));
