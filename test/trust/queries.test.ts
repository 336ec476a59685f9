// Query and path parameters (issue 10, item 10): a year out of range or a date that does not exist is a 400 naming
// the parameter, not a 500 from the database; absurd values in every parameter of every GET route of the API
// (src/contracts.ts) never give a 5xx; and a pupil of another school answers as a pupil that does not exist (404),
// so that the answer does not tell that the 学籍号 exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API } from '../../src/contracts.js';
import { SCHOOL_A, signIn, testApp } from '../helpers.js';
import { setupExams, type ExamSeed } from '../rbac/exams.matrix.js';

let t: Awaited<ReturnType<typeof testApp>>;
let seed: ExamSeed;
let admin: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await testApp();
  seed = await setupExams(t);
  admin = await signIn(t.app, 'admin');
});
afterAll(async () => t.close());

const problemsOf = (body: string) => (JSON.parse(body) as { problems?: { field: string }[] }).problems?.map((p) => p.field) ?? [];

describe('years and dates', () => {
  it.each([
    ['/api/overview?year=2147483648', 'query.year'],
    ['/api/overview?year=1989', 'query.year'],
    ['/api/schools?year=-1', 'query.year'],
    ['/api/balance/evaluation?year=99999999999999999999', 'query.year'],
    ['/api/audit?from=2024-13-45', 'query.from'],
    ['/api/audit?to=2024-02-30', 'query.to'],
    ['/api/audit?from=2023-02-29', 'query.from'],
    ['/api/audit?from=0000-01-01', 'query.from'],
    ['/api/audit/export?to=2024-04-31', 'query.to'],
  ])('%s → 400 naming %s', async (url, field) => {
    const r = await admin.get(url);
    expect(r.statusCode, r.body).toBe(400);
    expect(new Set(problemsOf(r.body))).toEqual(new Set([field]));
  });

  it('real dates and years in range are accepted', async () => {
    for (const url of ['/api/overview?year=2024', '/api/audit?from=2024-02-29&to=2024-12-31', '/api/audit?from=2025-01-01&to=2025-01-31']) {
      const r = await admin.get(url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    }
  });
});

// ── every GET route × absurd values ──

const ABSURD = [
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '99999999999999999999999',
  '1e308',
  '-1',
  '0',
  '1.5',
  'abc',
  'NaN',
  'Infinity',
  '2024-02-30',
  '2024-13-45',
  '0000-01-01',
  '',
  ' ',
  "'; drop table exams; --",
  '%',
  '\u0000',
  '\u0000' + 'x'.repeat(5),
  'x'.repeat(2000),
];

function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { shape?: Record<string, unknown>; _zod?: { def?: { shape?: Record<string, unknown>; in?: { shape?: Record<string, unknown> } } } }) ?? {};
  return Object.keys(def.shape ?? def._zod?.def?.shape ?? def._zod?.def?.in?.shape ?? {});
}

describe('absurd parameters', () => {
  it('never give a 5xx on any GET route', async () => {
    // A local pack's id that does not exist: looked up in the database with the version (an integer column).
    const standardId = 'local-none';
    // A valid value for each path parameter and for the query parameters a route needs, so that the absurd value
    // reaches as deep as it can.
    const pathValue = (route: string, p: string): string =>
      p === 'code'
        ? SCHOOL_A.code
        : p === 'sid'
          ? 'A01'
          : p === 'year'
            ? '2024'
            : route.startsWith('/api/jobs')
              ? seed.jobId
              : route.startsWith('/api/balance/standards')
                ? String(standardId)
                : String(seed.examId);
    const baseQuery: Record<string, string> = { from: String(seed.earlierId), to: String(seed.examId), with: String(seed.earlierId), subject: '数学' };
    const failures: string[] = [];
    let calls = 0;
    for (const [area, contract] of Object.entries(API))
      for (const [key, e] of Object.entries(contract as Record<string, { method: string; path: string; params: z.ZodType; query: z.ZodType; produces: string }>)) {
        if (e.method !== 'GET') continue;
        const pkeys = keysOf(e.params);
        const qkeys = keysOf(e.query);
        const base = Object.fromEntries(qkeys.filter((k) => k in baseQuery).map((k) => [k, baseQuery[k]]));
        const url = (path: Record<string, string>, query: Record<string, string>) =>
          e.path.replace(/:(\w+)/g, (_: string, p: string) => encodeURIComponent(path[p] ?? pathValue(e.path, p))) + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
        const urls: string[] = [];
        for (const v of ABSURD) {
          // PDFs take a second each to render: their query parameters get the values the schema refuses or the database sees.
          for (const p of pkeys) if (v !== '') urls.push(url({ [p]: v }, base));
          for (const q of qkeys) if (e.produces !== 'pdf' || !/^(x+|abc| |'.*|%)$/.test(v)) urls.push(url({}, { ...base, [q]: v }));
          if (qkeys.includes('standard') && qkeys.includes('version')) urls.push(url({}, { ...base, standard: standardId, version: v }));
        }
        for (const u of urls) {
          calls++;
          const r = await admin.get(u);
          if (r.statusCode >= 500) failures.push(`${area}.${key} GET ${u.slice(0, 160)} → ${r.statusCode} ${r.body.slice(0, 200)}`);
        }
      }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(calls).toBeGreaterThan(500);
  });
});

// ── a pupil of another school ──

describe('a report card outside the scope', () => {
  it('answers 404 exactly as for a 学籍号 that does not exist', async () => {
    const clerkB = await signIn(t.app, 'clerkB');
    const inspector = await signIn(t.app, 'inspector'); // assigned to school B only
    const card = (c: typeof clerkB, sid: string) => c.get(`/api/exams/${seed.examId}/students/${sid}`);
    for (const c of [clerkB, inspector]) {
      const other = await card(c, 'A01'); // exists, at school A
      const none = await card(c, 'Z99'); // does not exist
      expect(other.statusCode, other.body).toBe(404);
      expect(none.statusCode).toBe(404);
      expect(other.body.replaceAll('A01', 'Z99')).toBe(none.body);
      expect((await card(c, 'B01')).statusCode).toBe(200); // their own school's pupil
    }
    expect((await card(admin, 'A01')).statusCode).toBe(200);
  });
});
