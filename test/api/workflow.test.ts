// draft → submitted → approved (locked) | returned with a comment; only the bureau reopens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHOOL_A, SCHOOL_B, sampleRecord, signIn, testApp } from '../helpers.js';
import { allowedActions, rightsFor } from '../../src/registry/workflow.js';
import { allows } from '../../src/core/auth/policy.js';
import type { CurrentUser } from '../../src/core/auth/roles.js';
import type { StatStatus } from '../../src/registry/model.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());
const url = `/api/schools/${SCHOOL_A.code}/stats/2024`;

describe('yearly statistics workflow', () => {
  it('runs the whole cycle with the right status and audit trail', async () => {
    const clerk = await signIn(t.app, 'clerkA');
    const bureau = await signIn(t.app, 'analyst');
    // An empty draft before anything is saved.
    expect((await clerk.get(url)).json().record).toMatchObject({ status: 'draft', enrolments: [], classes: [] });
    expect((await clerk.put(url, sampleRecord())).json().record.status).toBe('draft');
    expect((await clerk.post(`${url}/submit`)).json().record).toMatchObject({ status: 'submitted', submittedBy: 'clerkA' });
    // Submitted data is frozen for the clerk.
    expect((await clerk.put(url, sampleRecord())).statusCode).toBe(409);
    // A return needs a comment.
    expect((await bureau.post(`${url}/return`, {})).statusCode).toBe(400);
    const ret = (await bureau.post(`${url}/return`, { comment: '一年级人数请核对' })).json().record;
    expect(ret).toMatchObject({ status: 'returned', reviewComment: '一年级人数请核对', reviewedBy: 'analyst' });
    const fix = sampleRecord();
    fix.values.books = 6500;
    expect((await clerk.put(url, fix)).json().record.status).toBe('returned');
    expect((await clerk.post(`${url}/submit`)).statusCode).toBe(200);
    expect((await bureau.post(`${url}/approve`)).json().record.status).toBe('approved');
    // Approved data is locked for everyone, until the bureau reopens it.
    expect((await clerk.put(url, fix)).statusCode).toBe(409);
    expect((await bureau.put(url, fix)).statusCode).toBe(409);
    expect((await clerk.post(`${url}/reopen`)).statusCode).toBe(403);
    expect((await bureau.post(`${url}/reopen`)).json().record.status).toBe('draft');

    const log = (await bureau.get(`/api/audit?key=${SCHOOL_A.code}/2024&pageSize=500`)).json();
    const actions = log.rows.filter((r: { field: string }) => r.field === 'status').map((r: { action: string; oldValue: string; newValue: string }) => `${r.action}:${r.oldValue}>${r.newValue}`);
    expect(actions.reverse()).toEqual(['submit:draft>submitted', 'return:submitted>returned', 'submit:returned>submitted', 'approve:submitted>approved', 'reopen:approved>draft']);
    const books = log.rows.find((r: { field: string; newValue: unknown }) => r.field === 'books' && r.newValue === 6500);
    expect(books).toMatchObject({ username: 'clerkA', oldValue: 6000, newValue: 6500, action: 'update' });
  });

  it('refuses figures that break the rules, naming each field, and saves nothing', async () => {
    const bureau = await signIn(t.app, 'analyst');
    const bad = sampleRecord();
    bad.values.teachersAboveDegree = 11; // > 10 teachers in all
    bad.values.books = -5;
    bad.classes[0].size = 50; // grade 1 classes now add up to 95, not 90
    const r = await bureau.put(`/api/schools/${SCHOOL_B.code}/stats/2024`, bad);
    expect(r.statusCode).toBe(400);
    const fields = r
      .json()
      .problems.map((p: { field: string }) => p.field)
      .sort();
    expect(fields).toEqual(['books', 'enrolments.1', 'teachersAboveDegree']);
    expect((await bureau.get(`/api/schools/${SCHOOL_B.code}/stats`)).json().records).toEqual([]);
  });

  it('a negative or non-numeric figure is a 400 naming the field, never a silent 0', async () => {
    const bureau = await signIn(t.app, 'analyst');
    const u = `/api/schools/${SCHOOL_B.code}/stats/2025`;
    const negative = sampleRecord();
    negative.values.teachersTotal = -5;
    const r1 = await bureau.put(u, negative);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.message).toContain('专任教师数不能为负数');
    expect(r1.json().problems).toContainEqual(expect.objectContaining({ field: 'teachersTotal' }));
    const text = { ...sampleRecord(), values: { ...sampleRecord().values, books: 'abc' } };
    const r2 = await bureau.put(u, text);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.message).toMatch(/values\.books.*应为数字/);
    const size = sampleRecord() as unknown as { classes: { size: unknown }[] };
    size.classes[0].size = 'abc';
    const r3 = await bureau.put(u, size);
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.message).toMatch(/classes\.0\.size.*应为数字/);
    expect((await bureau.get(`/api/schools/${SCHOOL_B.code}/stats/2025`)).json().record.updatedAt).toBeNull();
  });

  it('saving the same figures twice writes no second audit entry', async () => {
    const bureau = await signIn(t.app, 'admin');
    const u = `/api/schools/${SCHOOL_B.code}/stats/2024`;
    await bureau.put(u, sampleRecord());
    const n1 = (await bureau.get(`/api/audit?key=${SCHOOL_B.code}/2024`)).json().total;
    await bureau.put(u, sampleRecord());
    const n2 = (await bureau.get(`/api/audit?key=${SCHOOL_B.code}/2024`)).json().total;
    expect(n1).toBe(30); // 25 fields + 2 grades + 3 classes, each from empty
    expect(n2).toBe(n1);
  });
});

// The buttons the web shows (web/src/records.ts) come from the same rules: the user's capabilities for the
// school through allowedActions. Expected by hand from the workflow: a clerk fills in and submits draft or
// returned figures; the bureau also corrects and reviews submitted ones and reopens approved ones.
describe('actions offered per status (allowedActions, as the web shows them)', () => {
  const user = (role: CurrentUser['role'], schoolCode: string | null = null, assignedSchools: string[] = []) => ({ role, schoolCode, assignedSchools });
  const offered = (u: ReturnType<typeof user>, status: StatStatus) => {
    const a = allowedActions(
      rightsFor((cap, school) => allows(u, cap, school), SCHOOL_A.code),
      status,
    );
    return (Object.keys(a) as (keyof typeof a)[]).filter((k) => a[k]);
  };
  const statuses: StatStatus[] = ['draft', 'submitted', 'approved', 'returned'];
  it('the clerk of the school, the bureau, and those who only read or belong elsewhere', () => {
    const table = (u: ReturnType<typeof user>) => Object.fromEntries(statuses.map((s) => [s, offered(u, s)]));
    expect(table(user('clerk', SCHOOL_A.code))).toEqual({ draft: ['edit', 'submit'], submitted: [], approved: [], returned: ['edit', 'submit'] });
    for (const role of ['admin', 'analyst'] as const)
      expect(table(user(role))).toEqual({ draft: ['edit', 'submit'], submitted: ['edit', 'approve', 'return'], approved: ['reopen'], returned: ['edit', 'submit'] });
    const none = { draft: [], submitted: [], approved: [], returned: [] };
    expect(table(user('clerk', SCHOOL_B.code))).toEqual(none);
    expect(table(user('inspector', null, [SCHOOL_A.code]))).toEqual(none); // reads A's figures, never writes
    expect(table(user('viewer'))).toEqual(none);
  });
});
