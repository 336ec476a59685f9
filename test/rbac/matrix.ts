// The RBAC matrix: for every route × every identity the suite calls the server and checks the answer
// against an expectations table written here, by hand, for the test — never read from the policy
// module it checks (src/core/auth/policy.ts). Each capability has its own table file
// (test/rbac/*.matrix.ts); coverage.test.ts checks that together they name every route.
//
// Identities (test/helpers.ts testApp): school A = 2133000001, B = 2133000002, C = 2133000003.
//   anonymous  no session
//   admin      管理员
//   analyst    局科室
//   clerkA     学校填报员 of school A (the own school in most rows)
//   clerkB     学校填报员 of school B (a clerk of another school when a row is about A)
//   inspector  责任督学 assigned to school B only (an inspector on an unassigned school when a row is about A)
//   viewer     访客, aggregates only
//   health     卫生健康专员: the bureau's health staff (pupil-level health rows of every school), aggregates elsewhere
//   personnel  人事专员: the bureau's personnel staff — teachers' rows of every school (teachers.*), the teacher-exchange
//              plans (planning.exchange), the school list and overview as aggregates (schools.read), its own account;
//              403 everywhere else (no exams, growth, balance, admissions, wellbeing, surveys, other planning, stats)
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { multipartFile, signIn, testApp } from '../helpers.js';

export const IDENTITIES = ['anonymous', 'admin', 'analyst', 'clerkA', 'clerkB', 'inspector', 'viewer', 'health', 'personnel'] as const;
export type Identity = (typeof IDENTITIES)[number];

/**
 * An expected answer: a status code; 'ok' (any 2xx); or 'allowed' (the policy let it through: not 401,
 * not 403, not 5xx — for state-changing calls whose business rules may still refuse, e.g. 409).
 */
export type Expect = number | 'ok' | 'allowed';

export interface MatrixRow {
  /** The route's id: area.key of src/contracts.ts (e.g. 'registry.listSchools'). */
  route: string;
  /** What this row shows (e.g. 'school A'). */
  note?: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  /** A multipart upload: the file's bytes and name. */
  file?: { name: string; content: Buffer };
  expect: Record<Identity, Expect>;
  /** Checks of what an allowed identity saw (its scope): lists cut to the own school, names hidden …. */
  scoped?: Partial<Record<Identity, (res: LightMyRequestResponse) => void | Promise<void>>>;
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>> | null;

export async function clients(t: TestApp): Promise<Record<Identity, Client>> {
  const out = { anonymous: null } as Record<Identity, Client>;
  for (const id of IDENTITIES) if (id !== 'anonymous') out[id] = await signIn(t.app, id);
  return out;
}

export async function callAs(t: TestApp, c: Client, row: MatrixRow): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(c?.headers ?? {}) };
  let payload: unknown = row.body;
  if (row.file) {
    const m = multipartFile(row.file.name, row.file.content);
    payload = m.payload;
    Object.assign(headers, m.headers);
  } else if (row.method !== 'GET' && payload === undefined) payload = {};
  return t.app.inject({ method: row.method, url: row.url, payload: payload as never, headers });
}

export async function check(row: MatrixRow, id: Identity, res: LightMyRequestResponse) {
  const want = row.expect[id];
  const where = `${row.route}${row.note ? ` (${row.note})` : ''} ${row.method} ${row.url} as ${id}: ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (want === 'ok') expect(res.statusCode >= 200 && res.statusCode < 300, where).toBe(true);
  else if (want === 'allowed') expect(res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500, where).toBe(true);
  else expect(res.statusCode, where).toBe(want);
  const s = row.scoped?.[id];
  if (s) await s(res);
}

/** Run a table: each row for every identity, in order (rows may change state; later rows see it). */
export async function runMatrix(t: TestApp, rows: MatrixRow[]) {
  const cs = await clients(t);
  for (const row of rows) for (const id of IDENTITIES) await check(row, id, await callAs(t, cs[id], row));
}

/** Shorthands for the common shapes of a row's expectations. */
export const everyone = (ok: Expect = 'ok'): Record<Identity, Expect> => ({ anonymous: 401, admin: ok, analyst: ok, clerkA: ok, clerkB: ok, inspector: ok, viewer: ok, health: ok, personnel: ok });
export const only = (ok: Expect, ...who: Identity[]): Record<Identity, Expect> =>
  Object.fromEntries(IDENTITIES.map((id) => [id, id === 'anonymous' ? 401 : who.includes(id) ? ok : 403])) as Record<Identity, Expect>;
