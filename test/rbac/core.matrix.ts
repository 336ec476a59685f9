// RBAC rows of the core routes: system, sign-in, accounts, audit.
import { expect } from 'vitest';
import { everyone, only, type MatrixRow } from './matrix.js';
import { PASSWORD } from '../helpers.js';

/** Every identity, anonymous included: the public routes. */
const anyone = (v: number) => ({ anonymous: v, admin: v, analyst: v, clerkA: v, clerkB: v, inspector: v, viewer: v, health: v, personnel: v });

export const coreRows: MatrixRow[] = [
  { route: 'system.health', method: 'GET', url: '/api/health', expect: anyone(200) },
  { route: 'system.openapi', method: 'GET', url: '/api/openapi.json', expect: anyone(200) },
  { route: 'system.docs', method: 'GET', url: '/api/docs', expect: anyone(200) },
  // Public: anyone may sign in (here as the viewer, with the right password).
  { route: 'auth.login', method: 'POST', url: '/api/auth/login', body: { username: 'viewer', password: PASSWORD }, expect: anyone(200) },
  {
    route: 'auth.me',
    method: 'GET',
    url: '/api/auth/me',
    expect: everyone(),
    scoped: {
      clerkA: (r) => expect(r.json().user.capabilities).toMatchObject({ 'stats.edit': 'own', 'stats.read': 'own' }),
      viewer: (r) => {
        expect(r.json().user.capabilities['students.read']).toBeUndefined();
        expect(r.json().user.capabilities['schools.read']).toBe('aggregates');
      },
      inspector: (r) => expect(r.json().user.capabilities['stats.read']).toBe('assigned'),
      analyst: (r) => expect(r.json().user.capabilities['users.manage']).toBeUndefined(),
      // The personnel staff: every school's teachers, the exchange plans, the school list as aggregates — no figures.
      personnel: (r) => {
        const caps = r.json().user.capabilities;
        expect(caps).toMatchObject({ 'teachers.roster': 'all', 'teachers.manage': 'all', 'planning.exchange': 'all', 'schools.read': 'aggregates' });
        expect(caps['stats.read']).toBeUndefined();
        expect(caps['exams.read']).toBeUndefined();
      },
    },
  },
  // A wrong old password: 400 for every signed-in user (the route is theirs), 401 anonymous.
  { route: 'auth.changePassword', method: 'POST', url: '/api/auth/password', body: { oldPassword: 'not-it', newPassword: 'another-horse-77' }, expect: { ...everyone(400) } },
  { route: 'auth.listUsers', method: 'GET', url: '/api/users', expect: only('ok', 'admin') },
  { route: 'auth.createUser', method: 'POST', url: '/api/users', body: { username: 'matrix1', displayName: 'M', role: 'viewer' }, expect: { ...only('ok', 'admin') } },
  { route: 'auth.updateUser', method: 'PUT', url: '/api/users/matrix1', body: { displayName: 'M2' }, expect: only('ok', 'admin') },
  { route: 'auth.resetPassword', method: 'POST', url: '/api/users/matrix1/reset-password', expect: only('ok', 'admin') },
  { route: 'audit.list', method: 'GET', url: '/api/audit?page=1', expect: only('ok', 'admin', 'analyst') },
  { route: 'audit.export', method: 'GET', url: '/api/audit/export', expect: only('ok', 'admin', 'analyst') },
  // Sign-out last: it ends the sessions the table uses (anonymous signs out of nothing: 200).
  { route: 'auth.logout', method: 'POST', url: '/api/auth/logout', expect: anyone(200) },
];
