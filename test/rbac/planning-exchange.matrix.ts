// RBAC rows of planning: exchange. Expectations written from the rules, by hand (not read from the policy):
//   - every route of the teacher-exchange plans (the list, a new plan from a teacher file or from the roster, one plan
//     with its teacher rows, editing the moves, re-solving, locking, deleting, the export and the teacher template):
//     the bureau (admin, analyst) and its personnel staff only — teacher rows are personal data; not inspectors,
//     viewers, school clerks or the health staff.
// The RBAC district's schools have no coordinates (the map's rows count on that), so a plan cannot be built here: the
// bureau passes the policy and meets the service's own answers (422: no school with a place and students, or no
// roster of the year; 404: no such plan), everyone else 403. The whole workflow is test/api/planning-exchange.test.ts.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { only, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const FILE = Buffer.from(`teacher_id,school_code,subject,backbone,years_at_school,age\nT1,${A},语文,1,8,40\nT2,${B},语文,0,9,41\n`);
const PLAN = '/api/planning/exchange/plans/2147483647';
const RULES = { rate: 0.1, backboneShare: 0.2, minYears: 6, maxAge: 55, maxKm: 30, pins: [] };

const noPlaces = (r: LightMyRequestResponse) => expect(r.json<{ error: { code: string } }>().error.code).toBe('no_schools');
const noPlan = (r: LightMyRequestResponse) => expect(r.json<{ error: { code: string } }>().error.code).toBe('not_found');
const noRoster = (r: LightMyRequestResponse) => expect(['no_roster', 'no_schools']).toContain(r.json<{ error: { code: string } }>().error.code);
const bureau = (check: (r: LightMyRequestResponse) => void) => ({ admin: check, analyst: check, personnel: check });

export function exchangeRows(): MatrixRow[] {
  return [
    {
      route: 'exchange.list',
      method: 'GET',
      url: '/api/planning/exchange/plans',
      expect: only('ok', 'admin', 'analyst', 'personnel'),
      scoped: bureau((r) => expect(r.json<{ plans: unknown[] }>().plans).toEqual([])),
    },
    {
      route: 'exchange.create',
      method: 'POST',
      url: '/api/planning/exchange/plans?name=RBAC&year=2024',
      file: { name: 'teachers.csv', content: FILE },
      expect: only(422, 'admin', 'analyst', 'personnel'),
      scoped: bureau(noPlaces),
    },
    {
      route: 'exchange.createFromRoster',
      method: 'POST',
      url: '/api/planning/exchange/plans/from-roster?name=RBAC&year=2024',
      expect: only(422, 'admin', 'analyst', 'personnel'),
      scoped: bureau(noRoster),
    },
    { route: 'exchange.get', method: 'GET', url: PLAN, expect: only(404, 'admin', 'analyst', 'personnel'), scoped: bureau(noPlan) },
    { route: 'exchange.editMoves', method: 'PUT', url: `${PLAN}/moves`, body: { moves: [{ teacherId: 'T1', to: B }] }, expect: only(404, 'admin', 'analyst', 'personnel'), scoped: bureau(noPlan) },
    { route: 'exchange.solve', method: 'POST', url: `${PLAN}/solve`, body: { rules: RULES }, expect: only(404, 'admin', 'analyst', 'personnel'), scoped: bureau(noPlan) },
    { route: 'exchange.lock', method: 'POST', url: `${PLAN}/lock`, expect: only(404, 'admin', 'analyst', 'personnel'), scoped: bureau(noPlan) },
    { route: 'exchange.remove', method: 'DELETE', url: PLAN, expect: only(404, 'admin', 'analyst', 'personnel'), scoped: bureau(noPlan) },
    { route: 'exchange.export', method: 'GET', url: `${PLAN}/export.xlsx`, expect: only(404, 'admin', 'analyst', 'personnel'), scoped: bureau(noPlan) },
    {
      route: 'exchange.template',
      method: 'GET',
      url: '/api/planning/exchange/template.xlsx',
      expect: only('ok', 'admin', 'analyst', 'personnel'),
      scoped: bureau((r) => expect(r.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')),
    },
  ];
}
