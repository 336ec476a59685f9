// RBAC rows of surveys (student wellbeing). Expectations written from the rules, by hand (not read from the policy):
//   - building questionnaires, surveys, plans and codes: the bureau (admin, analyst) only;
//   - the survey list, one survey and its results (aggregates, small cells withheld): every signed-in role but
//     the personnel staff (人事专员: teachers only) — a clerk
//     sees the district and the own school, the inspector the assigned school (B), viewer and health staff every school;
//   - the public answering routes: anyone, signed in or not (a made-up code: 404 for all).
// Rows run in order on one app: admin creates survey 1 and analyst survey 2 (serial ids of a fresh database).
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { IDENTITIES, everyone, only, type Expect, type Identity, type MatrixRow } from './matrix.js';

/** Those holding surveys.read: every signed-in role but the personnel staff (人事专员: teachers only). */
const readers = (): Record<Identity, Expect> => ({ ...everyone(), personnel: 403 });

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';

const bureau = (ok: Expect = 'ok') => only(ok, 'admin', 'analyst');
const anyone = (ok: Expect): Record<Identity, Expect> => Object.fromEntries(IDENTITIES.map((id) => [id, ok])) as Record<Identity, Expect>;

const schoolsSeen = (want: (string | null)[]) => (r: LightMyRequestResponse) => expect(r.json<{ units: { school: string | null }[] }>().units.map((u) => u.school)).toEqual(want);

const QUESTIONS = [
  { id: 'overall', text: { zh: '总体满意吗？' }, type: 'scale', dimension: 'overall', counts: true },
  {
    id: 'stage',
    text: { zh: '学段' },
    type: 'choice',
    options: [
      { value: 'p', label: { zh: '小学' } },
      { value: 'j', label: { zh: '初中' } },
    ],
    dimension: 'background',
  },
];

export function surveysRows(): MatrixRow[] {
  return [
    { route: 'surveys.templates', method: 'GET', url: '/api/surveys/templates', expect: bureau() },
    {
      route: 'surveys.questionnaireCreate',
      note: 'admin creates, analyst meets the existing key (409)',
      method: 'POST',
      url: '/api/surveys/questionnaires',
      body: { key: 'rbac-parents', template: 'parents' },
      expect: bureau('allowed'),
    },
    { route: 'surveys.questionnaires', method: 'GET', url: '/api/surveys/questionnaires', expect: bureau() },
    { route: 'surveys.questionnaire', method: 'GET', url: '/api/surveys/questionnaires/rbac-parents?version=1', expect: bureau() },
    { route: 'surveys.questionnaireUpdate', method: 'PUT', url: '/api/surveys/questionnaires/rbac-parents', body: { title: '家长卷', audience: 'parent', questions: QUESTIONS }, expect: bureau() },
    { route: 'surveys.create', method: 'POST', url: '/api/surveys', body: { year: 2024, title: 'RBAC 调查', questionnaireKey: 'rbac-parents', questionnaireVersion: 1 }, expect: bureau() },
    { route: 'surveys.list', method: 'GET', url: '/api/surveys', expect: readers() },
    { route: 'surveys.get', method: 'GET', url: '/api/surveys/1', expect: readers() },
    { route: 'surveys.update', method: 'PUT', url: '/api/surveys/2', body: { title: 'RBAC 调查（改）' }, expect: bureau() },
    { route: 'surveys.planDefaults', method: 'GET', url: '/api/surveys/1/plan/defaults', expect: bureau() },
    { route: 'surveys.planPreview', method: 'POST', url: '/api/surveys/1/plan/preview', body: { schools: [{ schoolCode: A, population: 400 }] }, expect: bureau() },
    {
      route: 'surveys.planSave',
      method: 'PUT',
      url: '/api/surveys/1/plan',
      body: {
        schools: [
          { schoolCode: A, population: 400 },
          { schoolCode: B, population: 100 },
          { schoolCode: C, population: 300 },
        ],
      },
      expect: bureau(),
    },
    { route: 'surveys.codesIssue', method: 'POST', url: '/api/surveys/1/codes', body: { schools: [{ schoolCode: A, count: 10 }] }, expect: bureau() },
    { route: 'surveys.batches', method: 'GET', url: '/api/surveys/1/batches', expect: bureau() },
    { route: 'surveys.batchVoid', method: 'POST', url: '/api/surveys/1/batches/1/void', expect: bureau() },
    { route: 'surveys.status', note: 'admin opens, analyst finds it open (409)', method: 'POST', url: '/api/surveys/1/status', body: { status: 'open' }, expect: bureau('allowed') },
    { route: 'surveys.publicStart', note: 'a made-up code', method: 'POST', url: '/api/public/surveys/start', body: { code: 'ZZZZZ-ZZZZZ' }, expect: anyone(404) },
    { route: 'surveys.publicAnswer', note: 'a made-up code', method: 'POST', url: '/api/public/surveys/answer', body: { code: 'ZZZZZ-ZZZZZ', answers: {} }, expect: anyone(404) },
    {
      route: 'surveys.results',
      method: 'GET',
      url: '/api/surveys/1/results',
      expect: readers(),
      scoped: {
        admin: schoolsSeen([null, A, B, C]),
        clerkA: schoolsSeen([null, A]),
        clerkB: schoolsSeen([null, B]),
        inspector: schoolsSeen([null, B]),
        viewer: schoolsSeen([null, A, B, C]),
        health: schoolsSeen([null, A, B, C]),
      },
    },
    { route: 'surveys.resultsXlsx', method: 'GET', url: '/api/surveys/1/results.xlsx', expect: readers() },
    { route: 'surveys.remove', note: 'admin deletes draft 2, analyst finds it gone (404)', method: 'DELETE', url: '/api/surveys/2', expect: bureau('allowed') },
  ];
}
