// The contract of one HTTP route: method, path, the zod schemas of its params, query, body and
// response, and its permission policy — declared once, in the capability's contract.ts. From it come
// the server's validation and permission check (core/http/routes.ts), the OpenAPI 3.1 description
// (core/http/openapi.ts), the web's typed client (web/src/api/client.ts) and a row of the RBAC matrix test.
// Pure module (zod only): the web imports the contracts too.
import { z } from 'zod';
import type { Capability } from '../auth/policy.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Where the school a request is about is named, so that the policy can check it against the user's scope. */
export type SchoolRef = { in: 'params' | 'query' | 'body'; name: string };

export interface Policy {
  /** The capability of core/auth/policy.ts the route needs; 'public' needs no sign-in (health, sign-in, the API description). */
  capability: Capability | 'public';
  /** The request names one school here: a user whose scope lacks it gets 403 before the handler runs. */
  school?: SchoolRef;
}

/** What a route answers: JSON described by a schema, or a file. */
export type Produces = 'json' | 'xlsx' | 'pdf' | 'html';

/** Reading a data set ('read': shown on a page) or taking it away as a file ('export'). */
export type AuditAction = 'read' | 'export';

/**
 * Which data set of pupil-level (or otherwise sensitive) data a route hands out, recorded in the audit log
 * after a successful answer by the one route wrapper (core/http/routes.ts): one row with the user, the action,
 * the entity, its key, the route and the number of rows. Declare it on a route and it is audited; failures
 * (4xx, 5xx) are not recorded. A key is made of ids (exam, school, class, 学籍号) — never a name.
 */
export interface ReadAudit<P = unknown, Q = unknown, R = unknown> {
  action: AuditAction;
  /** What was read: 'students' (a list of pupils), 'student' (one pupil's card), 'school-report', 'audit' … */
  entity: string;
  /**
   * The entity key, e.g. `exam:12/school:2133000001`; null when this request hands out nothing to record
   * (e.g. an export without pupil rows). `answer` is the JSON answer, or the file ({file, name, rows?}).
   */
  key(input: AuditInput<P, Q, R>): string | null;
  /** The number of rows read (JSON answers); files may carry `rows` themselves. */
  count?(input: AuditInput<P, Q, R>): number | null;
}

/** What an audit key sees: the validated input, the user (and the schools of the route's scope) and the answer. */
export interface AuditInput<P, Q, R> {
  params: P;
  query: Q;
  actor: { username: string; schools: 'all' | string[] };
  answer: R;
}

/**
 * The areas of a district's data (each a set of tables, recorded by the triggers of migration
 * 0005_data_versions.sql): registry (the district, its years, schools, yearly figures, enrolments, classes),
 * standards (local standards packs), balance (saved evaluations), exams (exams, pupils, scores, stored reports),
 * accounts (sessions ended, accounts and inspectors' schools changed: what cached sessions are checked against).
 */
export type DataArea = 'registry' | 'standards' | 'balance' | 'exams' | 'accounts';

/**
 * Keep this route's JSON answers in the response cache (core/cache/response-cache.ts), filed under the versions of
 * the data areas it reads, the route's input and the caller's district, role, own school and assigned schools.
 * Name every area the answer is computed from: a write elsewhere would not refresh it.
 */
export interface CachePolicy {
  areas: DataArea[];
}

export interface Endpoint<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: Method;
  /** Full path with :params, e.g. /api/schools/:code. */
  path: string;
  /** One line for the API description (中文 / English). */
  summary: string;
  tags: string[];
  policy: Policy;
  params: P;
  query: Q;
  body: B;
  response: R;
  produces: Produces;
  /** multipart/form-data with one file field named "file" (the body schema then covers the other fields: none). */
  upload?: boolean;
  /** The largest request body in bytes (default the server's, 10 MB): public routes keep it small (413 beyond). */
  bodyLimit?: number;
  /** Record each successful answer in the audit log as a read or an export of this data set. */
  audit?: ReadAudit<z.output<P>, z.output<Q>, z.output<R>>;
  /** Serve computed answers from the response cache while the data they are computed from is unchanged. */
  cache?: CachePolicy;
}

const Empty = z.object({});
type EmptyObj = typeof Empty;

/** Declare a route. Missing schemas are empty objects; `produces` defaults to JSON. */
export function endpoint<P extends z.ZodType = EmptyObj, Q extends z.ZodType = EmptyObj, B extends z.ZodType = EmptyObj, R extends z.ZodType = z.ZodType>(e: {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  policy: Policy;
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  produces?: Produces;
  upload?: boolean;
  bodyLimit?: number;
  audit?: ReadAudit<z.output<P>, z.output<Q>, z.output<R>>;
  cache?: CachePolicy;
}): Endpoint<P, Q, B, R> {
  return {
    ...e,
    params: (e.params ?? Empty) as P,
    query: (e.query ?? Empty) as Q,
    body: (e.body ?? Empty) as B,
    response: (e.response ?? z.unknown()) as R,
    produces: e.produces ?? 'json',
  };
}

export type AnyEndpoint = Endpoint<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;
export type Contract = Record<string, AnyEndpoint>;

/** What a caller sends (before coercion and defaults) and what a handler receives (after). */
export type ParamsIn<E extends AnyEndpoint> = z.input<E['params']>;
export type QueryIn<E extends AnyEndpoint> = z.input<E['query']>;
export type BodyIn<E extends AnyEndpoint> = z.input<E['body']>;
export type ResponseOf<E extends AnyEndpoint> = z.output<E['response']>;

/** Fill a path's :params: pathOf('/api/schools/:code', { code: 'x' }) → /api/schools/x. */
export function pathOf(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, k: string) => {
    const v = params?.[k];
    if (v === undefined || v === null || v === '') throw new Error(`missing path parameter ${k} for ${path}`);
    return encodeURIComponent(String(v));
  });
}

/** A query string from an object, leaving out empty values. */
export function queryString(q: Record<string, unknown> | undefined): string {
  if (!q) return '';
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) u.set(k, v.join(','));
    else u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

// ---------- shared wire pieces ----------

/** A school year as the start year (2024 = 2024–2025学年); query strings carry it as text. */
export const YearParam = z.coerce.number().int().min(1990).max(2100);
/** A calendar date YYYY-MM-DD that exists (no 2024-13-45, no 2023-02-29), years 1900–2100: never an invalid date for the database. */
export const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2100 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, '不是有效日期(YYYY-MM-DD,1900–2100 年) / not a real date (YYYY-MM-DD, years 1900–2100)');
/** {ok: true} for actions that answer nothing else. */
export const Ok = z.object({ ok: z.literal(true) });
/** The error body every 4xx/5xx answer carries. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  problems: z.array(z.unknown()).optional(),
});
