// Transitional: the hand-written routes' sign-in check, until every route is declared by a contract.
import type { FastifyRequest } from 'fastify';
import type { CurrentUser } from '../auth/roles.js';
import { unauthorized } from './errors.js';

export function requireUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw unauthorized();
  return req.user;
}
