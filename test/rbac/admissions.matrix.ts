// RBAC rows of admissions (阳光招生). Expectations written from the rules, by hand (not read from the policy):
//   - draws, their applicants and the 公民同招 report: the bureau (admin, analyst) and inspectors (who monitor the
//     enrolment process); clerks and viewers none;
//   - applicants' names in full: the bureau only; an inspector sees them masked (张*三);
//   - the workflow (create, import, publish the list, run, publish the result, delete a draft): the bureau only;
//   - the public routes: anyone, signed in or not — published draws only, names masked, no result before it is published.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { signIn } from '../helpers.js';
import { IDENTITIES, only, type Expect, type Identity, type MatrixRow, type TestApp } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const applicants = (n: number) => Buffer.from(['applicant_id,priority,姓名', ...Array.from({ length: n }, (_, i) => `M${String(i + 1).padStart(3, '0')},1,学生${'甲乙丙丁戊'[i % 5]}${i}`)].join('\n'));

/** A drawn and published lottery (M-PUB), a draft with applicants (M-LOT), drafts to import into and to delete. */
export async function setupAdmissions(t: TestApp): Promise<void> {
  const c = await signIn(t.app, 'analyst');
  const draw = async (code: string, extra: Record<string, unknown> = {}) => {
    const r = await c.post('/api/admissions/draws', { code, name: `矩阵 ${code}`, year: 2026, method: 'junheng-lottery-v1', stage: 'private', schoolCode: A, seats: 2, ...extra });
    expect(r.statusCode, r.body).toBe(201);
  };
  await draw('M-PUB');
  expect((await c.upload('/api/admissions/draws/M-PUB/applicants', applicants(5), 'm.csv')).statusCode).toBe(200);
  expect((await c.post('/api/admissions/draws/M-PUB/publish-list', {})).statusCode).toBe(200);
  expect((await c.post('/api/admissions/draws/M-PUB/run', { entropy: ['1,2,3'] })).statusCode).toBe(200);
  expect((await c.post('/api/admissions/draws/M-PUB/publish-result', {})).statusCode).toBe(200);
  await draw('M-LOT');
  expect((await c.upload('/api/admissions/draws/M-LOT/applicants', applicants(3), 'm.csv')).statusCode).toBe(200);
  await draw('M-IMP', {
    method: 'junheng-assign-v1',
    stage: 'public',
    schoolCode: null,
    seats: null,
    capacities: [
      { schoolCode: A, seats: 1 },
      { schoolCode: B, seats: 1 },
    ],
  });
  await draw('M-DEL');
}

const anyone = (ok: Expect = 'ok'): Record<Identity, Expect> => Object.fromEntries(IDENTITIES.map((id) => [id, ok])) as Record<Identity, Expect>;
const bureau = (ok: Expect = 'ok') => only(ok, 'admin', 'analyst');
const readers = (ok: Expect = 'ok') => only(ok, 'admin', 'analyst', 'inspector');

const names = (r: LightMyRequestResponse) => r.json<{ applicants: { name: string | null }[] }>().applicants.map((a) => a.name);
const fullNames = (r: LightMyRequestResponse) => expect(names(r)).toEqual(['学生甲0', '学生乙1', '学生丙2']);
const masked = (r: LightMyRequestResponse) => {
  expect(names(r)).toEqual(['学**0', '学**1', '学**2']);
  expect(r.body).not.toContain('学生甲0');
};
const publicMasked = (r: LightMyRequestResponse) => {
  const d = r.json<{ applicants: { applicantId: string; name: string | null }[]; result: { method: string } | null }>();
  expect(d.applicants).toHaveLength(5);
  expect(d.result?.method).toBe('junheng-lottery-v1');
  expect(r.body).not.toContain('学生');
};

export function admissionsRows(): MatrixRow[] {
  const assignApplicants = Buffer.from(`applicant_id,choices\nQ1,${A}|${B}\nQ2,${B}\n`);
  return [
    { route: 'admissions.list', method: 'GET', url: '/api/admissions/draws', expect: readers() },
    {
      route: 'admissions.create',
      method: 'POST',
      url: '/api/admissions/draws',
      body: { code: 'M-NEW', name: '矩阵 新建', year: 2026, method: 'junheng-lottery-v1', stage: 'private', schoolCode: A, seats: 1 },
      expect: bureau('allowed'),
    },
    {
      route: 'admissions.get',
      note: 'names in full for the bureau, masked for an inspector',
      method: 'GET',
      url: '/api/admissions/draws/M-LOT',
      expect: readers(),
      scoped: { admin: fullNames, analyst: fullNames, inspector: masked },
    },
    { route: 'admissions.resultXlsx', note: 'masked names', method: 'GET', url: '/api/admissions/draws/M-PUB/list.xlsx', expect: readers() },
    { route: 'admissions.resultXlsx', note: 'full names: the bureau only', method: 'GET', url: '/api/admissions/draws/M-PUB/list.xlsx?names=full', expect: { ...readers(), inspector: 403 } },
    { route: 'admissions.importApplicants', method: 'POST', url: '/api/admissions/draws/M-IMP/applicants', file: { name: 'q.csv', content: assignApplicants }, expect: bureau() },
    { route: 'admissions.publishList', method: 'POST', url: '/api/admissions/draws/M-IMP/publish-list', expect: bureau('allowed') },
    { route: 'admissions.run', method: 'POST', url: '/api/admissions/draws/M-IMP/run', body: { entropy: ['9'] }, expect: bureau('allowed') },
    { route: 'admissions.publishResult', method: 'POST', url: '/api/admissions/draws/M-IMP/publish-result', expect: bureau('allowed') },
    { route: 'admissions.remove', method: 'DELETE', url: '/api/admissions/draws/M-DEL', expect: bureau('allowed') },
    { route: 'admissions.remove', note: 'a published draw is never deleted', method: 'DELETE', url: '/api/admissions/draws/M-PUB', expect: { ...bureau(409) } },
    {
      route: 'admissions.quotaCreate',
      method: 'POST',
      url: '/api/admissions/quotas',
      body: { year: 2024, highSchool: '矩阵高中', places: 5, minPerSchool: 1, ruralWeight: '1.2' },
      expect: bureau('allowed'),
    },
    { route: 'admissions.quotaList', method: 'GET', url: '/api/admissions/quotas', expect: readers() },
    { route: 'admissions.quotaGet', note: 'an unknown plan', method: 'GET', url: '/api/admissions/quotas/999999', expect: { ...readers(404) } },
    { route: 'admissions.stageReport', method: 'GET', url: '/api/admissions/report?year=2026', expect: readers() },
    {
      route: 'admissions.publicList',
      method: 'GET',
      url: '/api/public/draws',
      expect: anyone(),
      scoped: { anonymous: (r) => expect(r.json<{ draws: { code: string }[] }>().draws.map((d) => d.code)).not.toContain('M-LOT') },
    },
    {
      route: 'admissions.publicGet',
      note: 'published: names masked',
      method: 'GET',
      url: '/api/public/draws/990001/M-PUB',
      expect: anyone(),
      scoped: { anonymous: publicMasked, viewer: publicMasked },
    },
    { route: 'admissions.publicVerifier', method: 'GET', url: '/api/public/verifier.html', expect: anyone() },
    { route: 'admissions.publicGet', note: 'a draft is not public', method: 'GET', url: '/api/public/draws/990001/M-LOT', expect: anyone(404) },
  ];
}
