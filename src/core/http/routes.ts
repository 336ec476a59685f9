// Register a capability's contract (contract.ts) on Fastify with its handlers. One preHandler does,
// for every route: sign-in (401), the capability's role check (403), validation of params, query and
// body (400 with every problem named), and the school scope (403 when the request names a school
// outside the user's scope). Handlers receive typed input and an already-scoped Actor, and return
// data (checked against the response schema under test) or a file to send. A route whose contract declares
// `audit` (a read or export of pupil-level data) leaves one audit row per successful answer, written before
// the data is sent: when the row cannot be written, the data is not sent either. A route whose contract declares
// `cache` answers from the response cache (core/cache/response-cache.ts) while the data it reads is unchanged.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { z } from 'zod';
import { allows, scopeOf, schoolsOf, type Capability, type Scope } from '../auth/policy.js';
import type { CurrentUser } from '../auth/roles.js';
import type { AnyEndpoint, AuditAction, Contract, Endpoint } from './contract.js';
import { AppError, badRequest, forbidden, invalidRequest, unauthorized, zodProblems } from './errors.js';
import { sendPdf, sendXlsx } from './download.js';
import { responseCacheOf, type ResponseCache } from '../cache/response-cache.js';
import type { Db } from '../db/index.js';

/** The signed-in user as a route sees it: the scope in which they hold the route's capability, and a check for any other. */
export interface Actor extends CurrentUser {
  /** The scope of the route's capability for this user. */
  scope: Scope;
  /** The schools that scope covers: 'all' or codes. */
  schools: 'all' | string[];
  /** May this user use another capability (for that school)? */
  can(cap: Capability, school?: string | null): boolean;
}

export function actorOf(user: CurrentUser, cap: Capability): Actor {
  const scope = scopeOf(user.role, cap) ?? 'self';
  return { ...user, scope, schools: schoolsOf(user, scope), can: (c, school) => allows(user, c, school) };
}

/** A file answer: sent with its type and a UTF-8 file name. */
export interface FileAnswer {
  file: Buffer;
  name: string;
  /** The number of data rows in the file, for the audit log of an audited export. */
  rows?: number;
}

/** One audited read or export: written by the route wrapper after the handler answered successfully. */
export interface ReadAuditEntry {
  username: string;
  action: AuditAction;
  entity: string;
  entityKey: string;
  /** The route, e.g. `GET /api/exams/:id/students/:sid` (never the URL with its query values). */
  detail: string;
  rowCount: number | null;
}

/** Where audited reads go: the audit log's service (core/audit/service.ts), found among the routes' services as `audit`. */
export interface ReadAuditSink {
  recordRead(districtId: string, entry: ReadAuditEntry): Promise<void>;
}

export interface HandlerContext<E extends AnyEndpoint> {
  actor: Actor;
  /** The signed-in user on public routes (may be null there). */
  user: CurrentUser | null;
  params: z.output<E['params']>;
  query: z.output<E['query']>;
  body: z.output<E['body']>;
  /** The uploaded file of an `upload` route. */
  file: MultipartFile | null;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Answer<E extends AnyEndpoint> = E['produces'] extends 'json' ? z.input<E['response']> : FileAnswer;
export type Handler<E extends AnyEndpoint> = (ctx: HandlerContext<E>) => Promise<Answer<E> | z.input<E['response']> | FileAnswer>;
export type Handlers<C extends Contract> = { [K in keyof C]: Handler<C[K]> };

interface Parsed {
  actor: Actor | null;
  params: unknown;
  query: unknown;
  body: unknown;
  file: MultipartFile | null;
}
declare module 'fastify' {
  interface FastifyRequest {
    parsed: Parsed | null;
  }
}

/** Under test (or with JUNHENG_CHECK_RESPONSES=1) every JSON answer is checked against its declared schema. */
const checkResponses = () => !!process.env.VITEST || process.env.JUNHENG_CHECK_RESPONSES === '1';

function parsePart(schema: z.ZodType, value: unknown, where: string) {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalidRequest(r.error, where);
  return r.data;
}

const DENIED: Record<string, string> = {
  'users.manage': '只有管理员可以管理账号 / only an admin manages accounts',
  'audit.read': '只有教育局可以查看审计日志 / only the bureau reads the audit log',
  'schools.edit': '只有教育局可以维护学校名录 / only the bureau edits the registry',
  'stats.read': '无权查看学校统计数据 / you may not view schools’ figures',
  'stats.edit': '无权填报 / you may not report figures',
  'stats.review': '只有教育局可以审核 / only the bureau reviews',
  'balance.read': '只有教育局和督学可以查看均衡评估 / only the bureau and inspectors see the balance evaluation',
  'balance.save': '只有教育局可以保存评估 / only the bureau saves evaluations',
  'standards.edit': '只有管理员可以编辑评估标准 / only administrators edit standards packs',
  'exams.manage': '只有教育局可以管理考试和导入成绩 / only the bureau manages exams and imports scores',
  'exams.delete': '只有管理员可以删除考试 / only administrators delete exams',
  'exams.ranks': '本次考试不向学校和公众公布名次 / this exam does not publish ranks to schools and the public',
  'students.read': '无权查看学生数据 / you may not see students',
  'students.names': '无权查看学生姓名 / you may not see students’ names',
  'admissions.read': '只有教育局和督学可以查看招生派位 / only the bureau and inspectors see admission draws',
  'admissions.names': '只有教育局可以查看报名学生姓名 / only the bureau sees applicants’ names',
  'admissions.manage': '只有教育局可以组织派位 / only the bureau runs admission draws',
  'wellbeing.read': '无权查看学生健康数据 / you may not see student wellbeing figures',
  'wellbeing.manage': '只有教育局（含卫生健康专员）可以导入学生健康数据 / only the bureau (with its health staff) imports student health data',
  'wellbeing.pupils': '学生健康明细属敏感个人信息，仅限卫生健康专员和本校查看 / pupil-level health rows are sensitive personal data: the health staff and the pupil’s own school only',
  'surveys.read': '无权查看满意度调查结果 / you may not see survey results',
  'surveys.manage': '只有教育局可以管理满意度调查 / only the bureau manages surveys',
  'planning.read': '无权查看规划 / you may not see planning',
  'planning.manage': '只有教育局可以修改规划数据 / only the bureau changes planning data',
  'planning.exchange': '教师交流轮岗方案含教师个人信息，仅限教育局 / teacher-exchange plans hold teachers’ personal data: the bureau only',
  'teachers.read': '无权查看教师队伍统计 / you may not see the teaching staff’s figures',
  'teachers.roster': '教师个人信息仅限教育局人事专员和本校查看 / teachers’ personal data: the bureau’s personnel staff and the teacher’s own school only',
  'teachers.edit': '只有人事专员和本校可以修改教师名册 / only the personnel staff and the school change its roster',
  'teachers.manage': '只有教育局人事专员可以管理培训项目和调动记录 / only the bureau’s personnel staff manages courses and moves',
};

/** The audit row of a successful answer of an audited route, or null when the route or this answer records nothing. */
function auditEntryOf(e: Endpoint, p: Parsed, out: unknown): ReadAuditEntry | null {
  const a = e.audit;
  if (!a || !p.actor) return null;
  const input = { params: p.params, query: p.query, actor: p.actor, answer: out };
  const entityKey = a.key(input);
  if (entityKey === null) return null;
  const counted = a.count?.(input);
  const fileRows = (out as Partial<FileAnswer> | null)?.rows;
  const rowCount = typeof counted === 'number' ? counted : typeof fileRows === 'number' ? fileRows : null;
  return { username: p.actor.username, action: a.action, entity: a.entity, entityKey, detail: `${e.method} ${e.path}`, rowCount };
}

/** What an account that must change its password may still do (besides public routes such as sign-out). */
const DURING_PASSWORD_CHANGE = new Set(['GET /api/auth/me', 'POST /api/auth/password']);

/** Checks a JSON answer against its declared schema (under test): a mismatch is a 500. */
function checkResponse(e: Endpoint, out: unknown) {
  const r = e.response.safeParse(out);
  if (!r.success)
    throw new AppError(
      500,
      'response_contract',
      `response of ${e.method} ${e.path} breaks its schema: ${zodProblems(r.error, 'response')
        .map((x) => `${x.field}: ${x.reason}`)
        .join('; ')}`,
    );
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Register every route of a contract. Each handler key must match a contract key (checked by the types).
 * `audit` receives the rows of routes that declare `audit`; registering such a route without it is an error.
 * `cache` keeps the answers of routes that declare `cache` (none: they are computed each time).
 */
export function registerContract<C extends Contract>(app: FastifyInstance, contract: C, handlers: Handlers<C>, audit?: ReadAuditSink | null, cache?: ResponseCache | null) {
  for (const key of Object.keys(contract) as (keyof C & string)[]) {
    const e = contract[key] as Endpoint;
    const handler = handlers[key] as Handler<AnyEndpoint>;
    if (!handler) throw new Error(`no handler for ${key}`);
    if (e.audit && !audit) throw new Error(`${e.method} ${e.path} declares audit, but no audit log was given to record it`);
    app.route({
      method: e.method,
      url: e.path, // the same :param syntax as Fastify's
      ...(e.bodyLimit ? { bodyLimit: e.bodyLimit } : {}),
      config: { endpoint: e, key },
      preHandler: async (req) => {
        const cap = e.policy.capability;
        let actor: Actor | null = null;
        if (cap !== 'public') {
          if (!req.user) throw unauthorized();
          if (req.user.mustChangePassword && !DURING_PASSWORD_CHANGE.has(`${e.method} ${e.path}`)) throw new AppError(403, 'must_change_password', '请先修改密码 / change your password first');
          if (!scopeOf(req.user.role, cap)) throw forbidden(DENIED[cap]);
          actor = actorOf(req.user, cap);
        } else if (req.user) actor = actorOf(req.user, 'account.self');
        const params = parsePart(e.params, req.params, 'params');
        const query = parsePart(e.query, req.query, 'query');
        let body: unknown = {};
        let file: MultipartFile | null = null;
        if (e.upload) {
          file = (await req.file()) ?? null;
          if (!file) throw badRequest('请选择要上传的文件 / choose a file to upload');
        } else if (e.method !== 'GET') body = parsePart(e.body, req.body, 'body');
        const ref = e.policy.school;
        if (ref && actor && cap !== 'public') {
          const src = (ref.in === 'params' ? params : ref.in === 'query' ? query : body) as Record<string, unknown>;
          const school = src?.[ref.name];
          if (typeof school === 'string' && school !== '' && !allows(actor, cap, school)) throw forbidden('无权访问该校 / not allowed for this school');
        }
        req.parsed = { actor, params, query, body, file };
      },
      handler: async (req, reply) => {
        const p = req.parsed!;
        // An answer computed for the cache but not kept (an error status, or the handler answered itself).
        const own: { done: boolean; out?: unknown } = { done: false };
        if (cache && e.cache && e.produces === 'json' && p.actor) {
          // The key (with the data versions) is read before computing, so an answer is never older than its key.
          const a = p.actor;
          // Versions read since the request arrived (e.g. by its session check) see every write committed before.
          const arrived = performance.now() - reply.elapsedTime;
          const key = await cache.keyOf(`${e.method} ${e.path}`, p.params, p.query, a, e.cache.areas, arrived);
          const { answer, hit } = await cache.get(key, async () => {
            own.out = await handler({ actor: a, user: req.user, params: p.params, query: p.query, body: p.body, file: p.file, req, reply });
            own.done = true;
            if (reply.sent || reply.statusCode >= 300) return null;
            if (checkResponses()) checkResponse(e, own.out);
            return JSON.stringify(own.out);
          });
          if (answer !== null) {
            reply.header('x-cache', hit ? 'hit' : 'miss');
            if (e.audit && audit && reply.statusCode < 300) {
              const entry = auditEntryOf(e, p, JSON.parse(answer.json.toString()));
              if (entry) await audit.recordRead(a.districtId, entry);
            }
            reply.type(JSON_TYPE).header('vary', 'accept-encoding');
            const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? answer.gzip() : null;
            return gzip ? reply.header('content-encoding', 'gzip').send(gzip) : reply.send(answer.json);
          }
        }
        const out = own.done ? own.out : await handler({ actor: p.actor as Actor, user: req.user, params: p.params, query: p.query, body: p.body, file: p.file, req, reply });
        // An audited read: recorded once the answer is a success, before the data leaves (a handler that sent
        // its own answer is recorded after it).
        const record = async () => {
          if (reply.statusCode >= 300) return;
          const entry = auditEntryOf(e, p, out);
          if (entry && audit) await audit.recordRead(p.actor!.districtId, entry);
        };
        if (reply.sent) {
          await record();
          return reply;
        }
        if (e.produces === 'xlsx' || e.produces === 'pdf') {
          const f = out as FileAnswer;
          await record();
          return e.produces === 'xlsx' ? sendXlsx(reply, f.file, f.name) : sendPdf(reply, f.file, f.name);
        }
        if (e.produces === 'html') {
          await record();
          return reply.type('text/html; charset=utf-8').send(out);
        }
        if (checkResponses()) checkResponse(e, out);
        await record();
        return out;
      },
    });
  }
}

/** The audit log among a route plugin's services (server.ts passes them all): `audit`, when it records reads. */
function sinkOf(services: unknown): ReadAuditSink | null {
  const a = (services as { audit?: Partial<ReadAuditSink> } | null)?.audit;
  return a && typeof a.recordRead === 'function' ? (a as ReadAuditSink) : null;
}

/** The response cache of the database among a route plugin's services (server.ts passes them all as `database`). */
function cacheOf(contract: Contract, services: unknown): ResponseCache | null {
  if (!Object.values(contract).some((e) => e.cache)) return null;
  const db = (services as { database?: { db?: Db } } | null)?.database?.db;
  return db ? responseCacheOf(db) : null;
}

/** Define a capability's route plugin: its contract and handlers, given its service(s) (and the audit log as `audit`). */
export function routesOf<C extends Contract, S>(contract: C, handlers: (services: S) => Handlers<C>) {
  return (services: S) => async (app: FastifyInstance) => registerContract(app, contract, handlers(services), sinkOf(services), cacheOf(contract, services));
}
