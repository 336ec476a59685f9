// Structured logs (pino, the Fastify logger): JSON lines with a request id, the level from the
// environment, and no personal data. A request is logged as one line — method, the route *pattern*
// (never the raw URL: query strings and paths carry names, 学籍号 and 身份证 numbers), status and
// duration — without headers or bodies. Errors answered 5xx are logged with their stack, in which long
// digit runs (身份证, 学籍号, phone numbers) are masked; 4xx errors (bad files, import problems that quote
// the file's rows) are not logged at info. A database error is logged by its SQLSTATE code alone (its text quotes
// the query's parameters). Cookies, authorization and the CSRF header are redacted
// should anything log headers.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { databaseErrorCode } from './http/errors.js';

export const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** JUNHENG_LOG_LEVEL, else LOG_LEVEL, when it names a pino level. */
export function envLogLevel(env: NodeJS.ProcessEnv = process.env): LevelWithSilent | null {
  const v = (env.JUNHENG_LOG_LEVEL || env.LOG_LEVEL || '').trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LevelWithSilent) : null;
}

export interface LogOptions {
  /** A level; default: the environment's, else `fallback`. */
  level?: LevelWithSilent;
  /** Where the JSON lines go (tests capture them); default stdout. */
  stream?: DestinationStream;
}

/** Headers that hold credentials, wherever a request or response object is logged. */
export const REDACTED_PATHS = [
  // at the top, one level down (req.headers; @fastify/multipart logs busboyOptions.headers at trace)…
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["x-csrf-token"]',
  '*.headers["set-cookie"]',
  'body',
  'req.body',
  'query',
  'req.query',
];

/**
 * Masks what may identify a person in free text: runs of 8 or more digits (a 身份证 number is 17
 * digits and a check digit, 学籍号 are G/L + 身份证 or long digit codes, phone numbers 11 digits).
 * Names cannot be recognised in free text: they must not be put into messages that are logged.
 */
export function maskPersonalData(text: string): string {
  return text.replace(/[GLgl]?\d{8,}[\dXx]?/g, (m) => `[${m.length} digits masked]`);
}

/** Where a request went, without its query string or path parameters: the route pattern when one matched. */
export function routeOf(req: FastifyRequest): string {
  const pattern = req.routeOptions?.url;
  if (pattern) return pattern;
  // No route (404, the web app's client-side paths): the path without query, with anything that
  // is not plain ASCII letters, digits and punctuation (encoded Chinese names), and long digit runs, masked.
  const pathOnly = (req.raw.url ?? '').split(/[?#]/)[0];
  return maskPersonalData(pathOnly.replace(/(%[0-9A-Fa-f]{2})+|[^\x20-\x7e]+/g, '*'));
}

/** A stack's frames ("    at f (file:1:2)") without the message above them. */
const FRAME = /^\s+at .*(?:\(.*:\d+:\d+\)|:\d+:\d+)$/;

/**
 * An error as logged. A database driver's error (core/http/errors.ts databaseErrorCode) is logged by its SQLSTATE
 * code and its stack frames only: its message, detail, query and parameters quote the rows (学籍号, names) it was
 * reading or writing. Other errors: message and stack with long digit runs masked.
 */
export function serializeError(err: Error & { code?: string; statusCode?: number }) {
  const sqlState = databaseErrorCode(err);
  if (sqlState !== null) {
    const frames = (err?.stack ?? '').split('\n').filter((l) => FRAME.test(l));
    return { type: err?.constructor?.name ?? 'Error', message: `database error (SQLSTATE ${sqlState})`, stack: maskPersonalData(frames.join('\n')), code: sqlState };
  }
  return {
    type: err?.constructor?.name ?? 'Error',
    message: maskPersonalData(String(err?.message ?? err)),
    stack: err?.stack ? maskPersonalData(err.stack) : undefined,
    code: err?.code,
    statusCode: err?.statusCode,
  };
}

const serializers = {
  req: (req: FastifyRequest) => ({ method: req.method, route: routeOf(req) }),
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
  err: serializeError,
};

/** The process's logger. */
export function createLogger(opts: LogOptions = {}, fallback: LevelWithSilent = 'info'): Logger {
  return pino(
    {
      level: opts.level ?? envLogLevel() ?? fallback,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers,
    },
    opts.stream ?? pino.destination({ dest: 1, sync: true }),
  );
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,64}$/;

/** The request id: the caller's X-Request-Id when it is a plain token (a proxy's), else a new UUID. */
export function genReqId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Requests that are logged at debug rather than info: the web app's files and the health probe. */
const quiet = (req: FastifyRequest) => {
  const p = (req.raw.url ?? '').split(/[?#]/)[0];
  return !p.startsWith('/api/') || p === '/api/health';
};

/**
 * Fastify's request log lines, reduced to one line per request (at its end) with the route pattern,
 * the status and the time; 5xx lines at error level (the error itself is logged by the error handler).
 */
export class JunhengLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = { req, res: reply, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (reply.statusCode >= 500) reply.log.error(line, 'request failed');
    else if (quiet(req)) reply.log.debug(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }

  override defaultErrorLog(error: Error, req: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ req, err: error }, 'request error');
  }

  override routeNotFound(req: FastifyRequest): void {
    req.log.debug({ req }, 'route not found');
  }
}
