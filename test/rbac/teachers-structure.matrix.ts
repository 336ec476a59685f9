// RBAC rows of teachers: structure and pipeline. Expectations written from the rules, by hand (not read from the policy):
//   - the structure report, its .xlsx and the years with a roster are aggregates ('teachers.read'): the bureau (admin,
//     analyst) and its personnel staff every school, a clerk the own school's row, an inspector the assigned schools'
//     rows, a viewer every school's aggregates — not the health staff;
//   - whoever reads it gets the district figures; the school rows (with a roster or listed without one) stay within
//     the caller's schools. The rows hold whatever rosters earlier rows imported: the checks ask only for the scope.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { everyone, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';

/** The school codes of a report: with a roster and listed without one. */
const codes = (r: LightMyRequestResponse) => {
  const j = r.json<{ schools: { code: string }[]; withoutRoster: { code: string }[]; district: { schools: number } }>();
  expect(typeof j.district.schools).toBe('number');
  return [...j.schools, ...j.withoutRoster].map((s) => s.code).sort();
};
const within = (allowed: string[]) => (r: LightMyRequestResponse) => expect(codes(r).every((c) => allowed.includes(c))).toBe(true);
const every = (r: LightMyRequestResponse) => expect(codes(r)).toEqual(expect.arrayContaining([A, B, C]));
const READERS = { ...everyone(), health: 403 } as const;

export function structureRows(): MatrixRow[] {
  return [
    {
      route: 'structure.report',
      method: 'GET',
      url: '/api/teachers/structure?year=2024',
      expect: READERS,
      scoped: { admin: every, analyst: every, personnel: every, viewer: every, clerkA: within([A]), clerkB: within([B]), inspector: within([B]) },
    },
    { route: 'structure.export', method: 'GET', url: '/api/teachers/structure.xlsx?year=2024', expect: READERS },
    { route: 'structure.years', method: 'GET', url: '/api/teachers/structure/years', expect: READERS },
  ];
}
