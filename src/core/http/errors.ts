// Errors that map onto HTTP answers. Messages are "中文 / English".
import type { ZodError } from 'zod';
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}
export const badRequest = (message: string, extra?: Record<string, unknown>) => new AppError(400, 'bad_request', message, extra);

/** At most this many problems are named (a body of thousands of bad keys must not answer with thousands of lines). */
const MAX_PROBLEMS = 50;

/** Every problem of a failed zod parse as {field, reason} (the first 50); `where` (params, query, body …) prefixes the field. */
export const zodProblems = (err: ZodError, where?: string) => err.issues.slice(0, MAX_PROBLEMS).map((i) => ({ field: [...(where ? [where] : []), ...i.path].join('.'), reason: i.message }));

/** 400 naming every bad field of a request (the route's validation, or a service's own parse). */
export function invalidRequest(err: ZodError, where?: string): AppError {
  const problems = zodProblems(err, where);
  return badRequest(`请求数据有误 / invalid request: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, { problems });
}
export const unauthorized = () => new AppError(401, 'unauthorized', '请先登录 / please sign in');
export const forbidden = (message = '无权访问 / not allowed') => new AppError(403, 'forbidden', message);
export const notFound = (message = '未找到 / not found') => new AppError(404, 'not_found', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);

/** What a caller sees of an unexpected failure (a bug, a database error): never the error's own text. */
export const INTERNAL_MESSAGE = '服务器内部错误 / internal server error';

type ErrorLike = { name?: unknown; code?: unknown; severity?: unknown; query?: unknown; params?: unknown; cause?: unknown; constructor?: { name?: string } };

/**
 * The SQLSTATE code of a database driver's error (pg, PGlite, drizzle's DrizzleQueryError wrapping either), searched
 * through its `cause`s; 'unknown' for a database error without one; null when it is no database error. Such an
 * error's message, detail, query and parameters may hold the rows it was writing (学籍号, names): they must not be
 * answered, stored or logged — only this code.
 */
export function databaseErrorCode(e: unknown): string | null {
  let found = false;
  for (let x = e as ErrorLike | undefined, depth = 0; x && typeof x === 'object' && depth < 8; x = x.cause as ErrorLike | undefined, depth++) {
    const names = [x.name, x.constructor?.name];
    const sql = names.includes('DatabaseError') || names.includes('DrizzleQueryError') || 'severity' in x || ('query' in x && 'params' in x);
    if (!sql) continue;
    found = true;
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) return x.code;
  }
  return found ? 'unknown' : null;
}
