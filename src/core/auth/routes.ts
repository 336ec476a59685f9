// Sign-in, sign-out, the current user, passwords, and account administration (admin).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CSRF_COOKIE, requireUser, SESSION_COOKIE, type Services } from '../http/app.js';
import { forbidden } from '../http/errors.js';
import { ROLES } from './roles.js';
import { SESSION_HOURS } from './service.js';

const Login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const ChangePassword = z.object({ oldPassword: z.string().max(256), newPassword: z.string().min(1).max(256) });
const NewUser = z.object({
  username: z.string().min(2).max(64),
  displayName: z.string().max(100).default(''),
  role: z.enum(ROLES),
  schoolCode: z.string().nullish(),
  password: z.string().max(256).optional(),
  assignedSchools: z.array(z.string()).optional(),
});
const UserPatch = z.object({
  displayName: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
  schoolCode: z.string().nullish(),
  disabled: z.boolean().optional(),
  assignedSchools: z.array(z.string()).optional(),
});

export const authRoutes = (s: Services) => async (app: FastifyInstance) => {
  const cookieOpts = (req: { protocol: string }) => ({ path: '/', sameSite: 'lax' as const, secure: req.protocol === 'https', maxAge: SESSION_HOURS * 3600 });

  app.post('/auth/login', async (req, reply) => {
    const body = Login.parse(req.body);
    const r = await s.auth.login(body.username, body.password, req.ip);
    reply.setCookie(SESSION_COOKIE, r.cookie, { ...cookieOpts(req), httpOnly: true });
    reply.setCookie(CSRF_COOKIE, r.csrf, { ...cookieOpts(req), httpOnly: false });
    return { user: r.user };
  });

  app.post('/auth/logout', async (req, reply) => {
    await s.auth.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', async (req) => ({ user: requireUser(req) }));

  app.post('/auth/password', async (req) => {
    const body = ChangePassword.parse(req.body);
    await s.auth.changePassword(requireUser(req), body.oldPassword, body.newPassword);
    return { ok: true };
  });

  const requireAdmin = (req: Parameters<typeof requireUser>[0]) => {
    const u = requireUser(req);
    if (u.role !== 'admin') throw forbidden('只有管理员可以管理账号 / only an admin manages accounts');
    return u;
  };
  app.get('/users', async (req) => ({ users: await s.auth.listUsers(requireAdmin(req).districtId) }));
  app.post('/users', async (req) => s.auth.createUser(requireAdmin(req), NewUser.parse(req.body)));
  app.put<{ Params: { username: string } }>('/users/:username', async (req) => ({ user: await s.auth.updateUser(requireAdmin(req), req.params.username, UserPatch.parse(req.body)) }));
  app.post<{ Params: { username: string } }>('/users/:username/reset-password', async (req) => ({ password: await s.auth.resetPassword(requireAdmin(req), req.params.username) }));
};
