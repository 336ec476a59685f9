// The HTTP contract of sign-in, the current user and account administration.
import { z } from 'zod';
import { endpoint, Ok } from '../http/contract.js';
import { CAPABILITY_NAMES, type Capability } from './policy.js';
import { ROLES } from './roles.js';

const RoleEnum = z.enum(ROLES);
const ScopeEnum = z.enum(['all', 'assigned', 'own', 'aggregates', 'self']);

export const CurrentUserSchema = z.object({
  districtId: z.string(),
  districtName: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleEnum,
  schoolCode: z.string().nullable(),
  mustChangePassword: z.boolean(),
  assignedSchools: z.array(z.string()),
});
/** The user with every capability they hold and its scope (core/auth/policy.ts): the web shows actions from it. */
export const MeSchema = CurrentUserSchema.extend({
  capabilities: z.partialRecord(z.enum(CAPABILITY_NAMES as [Capability, ...Capability[]]), ScopeEnum),
});
export const UserRow = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleEnum,
  schoolCode: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  assignedSchools: z.array(z.string()),
});

const Username = z.object({ username: z.string().min(1).max(64) });
const tags = ['账号 / accounts'];

export const authApi = {
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    summary: '登录 / sign in (sets the session and CSRF cookies)',
    tags,
    policy: { capability: 'public' },
    body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    response: z.object({ user: MeSchema }),
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    summary: '退出 / sign out',
    tags,
    policy: { capability: 'public' },
    response: Ok,
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/auth/me',
    summary: '当前用户及其权限 / the signed-in user and their capabilities',
    tags,
    policy: { capability: 'account.self' },
    response: z.object({ user: MeSchema }),
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/auth/password',
    summary: '修改本人密码 / change one’s own password',
    tags,
    policy: { capability: 'account.self' },
    body: z.object({ oldPassword: z.string().max(256), newPassword: z.string().min(1).max(256) }),
    response: Ok,
  }),
  listUsers: endpoint({
    method: 'GET',
    path: '/api/users',
    summary: '账号列表 / accounts of the district',
    tags,
    policy: { capability: 'users.manage' },
    response: z.object({ users: z.array(UserRow) }),
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/users',
    summary: '新建账号（返回一次性密码） / create an account (answers its one-time password)',
    tags,
    policy: { capability: 'users.manage' },
    body: z.object({
      username: z.string().min(2).max(64),
      displayName: z.string().max(100).default(''),
      role: RoleEnum,
      schoolCode: z.string().nullish(),
      password: z.string().max(256).optional(),
      assignedSchools: z.array(z.string()).optional(),
    }),
    response: z.object({ user: UserRow, password: z.string() }),
  }),
  updateUser: endpoint({
    method: 'PUT',
    path: '/api/users/:username',
    summary: '修改账号 / change an account',
    tags,
    policy: { capability: 'users.manage' },
    params: Username,
    body: z.object({
      displayName: z.string().max(100).optional(),
      role: RoleEnum.optional(),
      schoolCode: z.string().nullish(),
      disabled: z.boolean().optional(),
      assignedSchools: z.array(z.string()).optional(),
    }),
    response: z.object({ user: UserRow }),
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/users/:username/reset-password',
    summary: '重置密码（返回一次性密码） / reset a password (answers the one-time password)',
    tags,
    policy: { capability: 'users.manage' },
    params: Username,
    response: z.object({ password: z.string() }),
  }),
};
