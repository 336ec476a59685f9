// Issue 10 item 6: reads and exports of pupil-level data leave an audit row. Each audited route (declared by
// `audit` in its contract, recorded by core/http/routes.ts) leaves exactly one row with the user, the action
// (read / export), the entity and its key (ids only, never a name) and the number of rows after a success, and
// none after a 403 or 404; the audit list filters by action; the audit export is recorded too. The exams are the
// small growth pair of test/api/growth-fixture.ts.
import fs from 'node:fs';
import Fastify from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRecord, SCHOOL_A, SCHOOL_B, signIn, testApp } from '../helpers.js';
import { csvOf, ENTRY_NAME, EXIT_NAME, growthFixture, SUBJECTS } from '../api/growth-fixture.js';
import { closePdfRenderer } from '../../src/core/pdf.js';
import { endpoint } from '../../src/core/http/contract.js';
import { registerContract, type ReadAuditEntry } from '../../src/core/http/routes.js';
import type { CurrentUser } from '../../src/core/auth/roles.js';

const A = SCHOOL_A.code;
const B = SCHOOL_B.code;
const hasChromium = fs.existsSync('/usr/bin/chromium');

let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let bureau: Client;
let clerkA: Client;
let clerkB: Client;
let inspector: Client;
let viewer: Client;
let entryId: number;
let exitId: number;

interface Row {
  id: number;
  username: string;
  action: string;
  entity: string;
  entityKey: string;
  detail: string | null;
  rowCount: number | null;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
}

const upload = (c: Client, url: string, buf: Buffer, name: string) => c.upload(url, buf, name);

async function importExam(name: string, date: string, grade: number, csv: Buffer): Promise<number> {
  const r = await bureau.post('/api/exams', { name, date, term: '第二学期', grade, type: '期末', scope: '全县', subjects: SUBJECTS });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().exam.id as number;
  const imp = await upload(bureau, `/api/exams/${id}/import?wait=1`, csv, `${name}.csv`);
  expect(imp.statusCode, imp.body).toBe(200);
  return id;
}

let seen = 0;
/** The read and export rows written since the last call (the audit list itself is not audited). */
async function newReads(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const action of ['read', 'export']) {
    const r = await bureau.get(`/api/audit?action=${action}&pageSize=500`);
    expect(r.statusCode, r.body).toBe(200);
    rows.push(...(r.json().rows as Row[]).filter((x) => x.id > seen));
  }
  seen = Math.max(seen, ...rows.map((x) => x.id));
  return rows.sort((a, b) => a.id - b.id);
}

/** Call, check the status, and answer the audit rows the call left. */
async function after(c: Client, url: string, status: number | number[]): Promise<Row[]> {
  await newReads();
  const r = await c.get(url);
  expect([status].flat(), `${url}: ${r.statusCode} ${r.body.slice(0, 300)}`).toContain(r.statusCode);
  return newReads();
}

const one = (rows: Row[]) => {
  expect(rows).toHaveLength(1);
  return rows[0];
};

beforeAll(async () => {
  t = await testApp();
  bureau = await signIn(t.app, 'analyst');
  clerkA = await signIn(t.app, 'clerkA');
  clerkB = await signIn(t.app, 'clerkB');
  inspector = await signIn(t.app, 'inspector'); // assigned to B
  viewer = await signIn(t.app, 'viewer');
  const f = growthFixture();
  entryId = await importExam(ENTRY_NAME, '2024-06-27', 7, csvOf(f.entry));
  exitId = await importExam(EXIT_NAME, '2025-06-26', 8, csvOf(f.exit));
  const admin = await signIn(t.app, 'admin');
  for (const code of [A, B]) expect((await admin.put(`/api/schools/${code}/stats/2024`, sampleRecord())).statusCode).toBe(200);
  await newReads();
});
afterAll(async () => {
  await closePdfRenderer();
  await t.close();
});

describe('reads of pupil-level data are audited', () => {
  it('a school’s student list: one read row with the exam, the school and the number of rows', async () => {
    const url = `/api/exams/${exitId}/schools/${A}/students`;
    const n = (await bureau.get(url)).json().students.length as number;
    expect(n).toBeGreaterThan(10);
    const row = one(await after(bureau, url, 200));
    expect(row).toMatchObject({
      username: 'analyst',
      action: 'read',
      entity: 'students',
      entityKey: `exam:${exitId}/school:${A}`,
      rowCount: n,
      detail: 'GET /api/exams/:id/schools/:code/students',
      field: null,
      oldValue: null,
      newValue: null,
    });
    // One class: the class is part of the key.
    const klass = one(await after(clerkA, `${url}?class=${encodeURIComponent('八(1)班')}`, 200));
    expect(klass).toMatchObject({ username: 'clerkA', action: 'read', entity: 'students', entityKey: `exam:${exitId}/school:${A}/class:八(1)班` });
    expect(klass.rowCount).toBeGreaterThan(0);
    expect(klass.rowCount).toBeLessThan(n);
    // Refused: nothing recorded.
    expect(await after(clerkB, url, 403)).toEqual([]);
    expect(await after(viewer, url, 403)).toEqual([]);
    expect(await after(inspector, url, 403)).toEqual([]);
    expect(await after(bureau, `/api/exams/999999/schools/${A}/students`, 404)).toEqual([]);
  });

  it('a report card: one read row keyed by exam, school and 学籍号 — never the name', async () => {
    const url = `/api/exams/${exitId}/students/G0001`;
    const card = (await clerkA.get(url)).json();
    expect(card.student.name).toBe('学生1');
    const row = one(await after(clerkA, url, 200));
    expect(row).toMatchObject({ username: 'clerkA', action: 'read', entity: 'student', entityKey: `exam:${exitId}/school:${A}/student:G0001`, rowCount: 1 });
    expect(JSON.stringify(row)).not.toContain('学生1');
    // Another school's pupil: 403 or 404 (indistinguishable on purpose), either way nothing recorded.
    expect(await after(clerkB, url, [403, 404])).toEqual([]);
    expect(await after(viewer, url, 403)).toEqual([]);
    expect(await after(bureau, `/api/exams/${exitId}/students/NOPE`, 404)).toEqual([]);
  });

  it('an exam export is audited when it holds a school’s pupils, not when it holds aggregates only', async () => {
    const url = `/api/exams/${exitId}/export.xlsx`;
    const named = one(await after(bureau, `${url}?school=${A}`, 200));
    expect(named).toMatchObject({ username: 'analyst', action: 'export', entity: 'students', entityKey: `exam:${exitId}/school:${A}`, detail: 'GET /api/exams/:id/export.xlsx' });
    // A clerk's export holds the own school's pupils without naming it.
    expect(one(await after(clerkA, url, 200))).toMatchObject({ username: 'clerkA', action: 'export', entity: 'students', entityKey: `exam:${exitId}/school:${A}` });
    // The district workbook (no pupil rows) and a viewer's aggregates: no row.
    expect(await after(bureau, url, 200)).toEqual([]);
    expect(await after(viewer, url, 200)).toEqual([]);
    // Refused.
    expect(await after(clerkB, `${url}?school=${A}`, 403)).toEqual([]);
    expect(await after(inspector, `${url}?school=${A}`, 403)).toEqual([]);
  });

  it('a school’s growth students: one read row with the exam pair, the school and the number of rows', async () => {
    const url = `/api/growth/students?from=${entryId}&to=${exitId}&school=${A}`;
    const n = (await bureau.get(url)).json().students.length as number;
    expect(n).toBeGreaterThan(10);
    const row = one(await after(bureau, url, 200));
    expect(row).toMatchObject({ username: 'analyst', action: 'read', entity: 'students', entityKey: `growth:${entryId}-${exitId}/school:${A}`, rowCount: n, detail: 'GET /api/growth/students' });
    // The clerk may leave the school out: the key names it all the same.
    expect(one(await after(clerkA, `/api/growth/students?from=${entryId}&to=${exitId}`, 200))).toMatchObject({
      username: 'clerkA',
      entityKey: `growth:${entryId}-${exitId}/school:${A}`,
    });
    expect(await after(clerkB, url, 403)).toEqual([]);
    expect(await after(viewer, url, 403)).toEqual([]);
  });

  it('aggregate reads are not audited', async () => {
    expect(await after(bureau, `/api/exams/${exitId}/report`, 200)).toEqual([]);
    expect(await after(bureau, `/api/growth/value-added?from=${entryId}&to=${exitId}`, 200)).toEqual([]);
  });

  it.skipIf(!hasChromium)(
    'school PDFs: one export row each (an exam’s school report, a school’s balance report)',
    async () => {
      const exam = one(await after(clerkA, `/api/exams/${exitId}/report.pdf?school=${A}`, 200));
      expect(exam).toMatchObject({ username: 'clerkA', action: 'export', entity: 'school-report', entityKey: `exam:${exitId}/school:${A}` });
      expect(await after(clerkB, `/api/exams/${exitId}/report.pdf?school=${A}`, 403)).toEqual([]);
      const balance = one(await after(bureau, `/api/balance/schools/${A}/report.pdf?year=2024`, 200));
      expect(balance).toMatchObject({ username: 'analyst', action: 'export', entity: 'school-report', entityKey: `balance/school:${A}/year:2024` });
      expect(await after(bureau, `/api/balance/schools/9999999999/report.pdf?year=2024`, 404)).toEqual([]);
      expect(await after(inspector, `/api/balance/schools/${A}/report.pdf?year=2024`, 403)).toEqual([]); // not assigned (item 14)
      expect(await after(clerkA, `/api/balance/schools/${A}/report.pdf?year=2024`, 403)).toEqual([]);
    },
    120_000,
  );
});

describe('the audit log', () => {
  it('filters by action read', async () => {
    await bureau.get(`/api/exams/${exitId}/schools/${B}/students`);
    const r = (await bureau.get('/api/audit?action=read&pageSize=500')).json();
    expect(r.total).toBeGreaterThan(0);
    expect(r.rows.length).toBe(r.total);
    expect(new Set(r.rows.map((x: Row) => x.action))).toEqual(new Set(['read']));
    expect(r.rows[0]).toMatchObject({ action: 'read', entity: 'students', entityKey: `exam:${exitId}/school:${B}` });
    // Combined with the key prefix: one school's reads of one exam.
    const a = (await bureau.get(`/api/audit?action=read&key=${encodeURIComponent(`exam:${exitId}/school:${A}`)}&pageSize=500`)).json();
    expect(a.total).toBeGreaterThan(0);
    expect(a.rows.every((x: Row) => x.entityKey.startsWith(`exam:${exitId}/school:${A}`))).toBe(true);
    const exports = (await bureau.get('/api/audit?action=export&pageSize=500')).json();
    expect(exports.total).toBeGreaterThan(0);
    expect(exports.rows.every((x: Row) => x.action === 'export')).toBe(true);
  });

  it('records its own export, with the filter and the number of rows exported', async () => {
    const reads = (await bureau.get('/api/audit?action=read&pageSize=1')).json().total as number;
    const row = one(await after(bureau, '/api/audit/export?action=read', 200));
    expect(row).toMatchObject({ username: 'analyst', action: 'export', entity: 'audit', entityKey: 'audit/action:read', rowCount: reads, detail: 'GET /api/audit/export' });
    expect(await after(clerkA, '/api/audit/export', 403)).toEqual([]);
    expect(await after(viewer, '/api/audit/export', 403)).toEqual([]);
  });
});

describe('the route wrapper', () => {
  const user: CurrentUser = {
    districtId: '990001',
    districtName: '测试县',
    username: 'u',
    displayName: 'u',
    role: 'analyst',
    schoolCode: null,
    assignedSchools: [],
    mustChangePassword: false,
  } as unknown as CurrentUser;
  const contract = {
    list: endpoint({
      method: 'GET',
      path: '/x/:code',
      summary: 'x',
      tags: [],
      policy: { capability: 'students.read' },
      params: z.object({ code: z.string() }),
      response: z.object({ rows: z.array(z.number()) }),
      audit: { action: 'read', entity: 'students', key: ({ params }) => `school:${params.code}`, count: ({ answer }) => answer.rows.length },
    }),
  };
  const handlers = { list: async ({ params }: { params: { code: string } }) => (params.code === 'bad' ? Promise.reject(new Error('boom')) : { rows: [1, 2, 3] }) };

  async function appWith(sink: ((e: ReadAuditEntry) => Promise<void>) | null) {
    const app = Fastify();
    app.decorateRequest('user', null);
    app.decorateRequest('parsed', null);
    app.addHook('onRequest', async (req) => {
      req.user = user;
    });
    registerContract(app, contract, handlers, sink && { recordRead: async (_d, e) => sink(e) });
    await app.ready();
    return app;
  }

  it('refuses to register an audited route without an audit log', async () => {
    expect(() => registerContract(Fastify(), contract, handlers)).toThrow(/declares audit/);
  });

  it('records after a success only, and sends no data when the row cannot be written', async () => {
    const got: ReadAuditEntry[] = [];
    const app = await appWith(async (e) => void got.push(e));
    expect((await app.inject({ method: 'GET', url: '/x/S1' })).statusCode).toBe(200);
    expect(got).toEqual([{ username: 'u', action: 'read', entity: 'students', entityKey: 'school:S1', detail: 'GET /x/:code', rowCount: 3 }]);
    expect((await app.inject({ method: 'GET', url: '/x/bad' })).statusCode).toBe(500);
    expect(got).toHaveLength(1);
    await app.close();

    const failing = await appWith(async () => Promise.reject(new Error('audit log down')));
    const r = await failing.inject({ method: 'GET', url: '/x/S1' });
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toContain('[1,2,3]');
    await failing.close();
  });
});
