// RBAC rows of teachers: moves. Expectations written from the rules, by hand (not read from the policy):
//   - the list of moves names teachers ('teachers.roster'): the personnel staff (every school) and a school's clerk (the
//     moves from or to the own school; naming another school is 403) — not the bureau's admin and analysts, inspectors,
//     viewers or the health staff;
//   - recording a move by hand, deleting one and the teachers to choose from ('teachers.manage'): the personnel staff
//     only;
//   - the yearly exchange rules ('teachers.read', aggregates by school): the bureau (admin, analyst, personnel) every
//     school, a clerk the own school, the inspector the assigned school (B), the viewer every school's aggregates; not
//     the health staff.
// The RBAC district has no teacher in the person table: a hand-entered move is refused by the service (422 naming the
// teacher) once the policy let it through, and no move 2147483647 exists (404).
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { only, type Identity, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const MOVE = { teacherId: 'T999999', fromSchool: A, toSchool: B, kind: '交流轮岗', startDate: '2024-09-01' };

const moves = (r: LightMyRequestResponse) => r.json<{ moves: { fromSchool: string; toSchool: string }[] }>().moves;
const ruleSchools = (r: LightMyRequestResponse) => r.json<{ schools: { schoolCode: string }[]; district: { schoolCode: null } }>();
const sees = (codes: string[], exact: boolean) => (r: LightMyRequestResponse) => {
  const x = ruleSchools(r);
  const got = x.schools.map((s) => s.schoolCode);
  if (exact) expect(got).toEqual(codes);
  else expect(got).toEqual(expect.arrayContaining(codes));
  expect(x.district.schoolCode).toBeNull();
};
const allSchools: Partial<Record<Identity, (r: LightMyRequestResponse) => void>> = Object.fromEntries((['admin', 'analyst', 'personnel', 'viewer'] as const).map((id) => [id, sees([A, B, C], false)]));

export function movesRows(): MatrixRow[] {
  return [
    {
      route: 'moves.list',
      method: 'GET',
      url: '/api/teachers/moves',
      expect: only('ok', 'clerkA', 'clerkB', 'personnel'),
      scoped: {
        clerkA: (r) => expect(moves(r).every((m) => m.fromSchool === A || m.toSchool === A)).toBe(true),
        clerkB: (r) => expect(moves(r).every((m) => m.fromSchool === B || m.toSchool === B)).toBe(true),
        personnel: (r) => expect(Array.isArray(moves(r))).toBe(true),
      },
    },
    { route: 'moves.list', note: 'school A', method: 'GET', url: `/api/teachers/moves?school=${A}&year=2024`, expect: only('ok', 'clerkA', 'personnel') },
    {
      route: 'moves.create',
      method: 'POST',
      url: '/api/teachers/moves',
      body: MOVE,
      expect: only(422, 'personnel'),
      scoped: { personnel: (r) => expect(r.json<{ problems: { field: string }[] }>().problems.map((p) => p.field)).toContain('body.teacherId') },
    },
    { route: 'moves.remove', method: 'DELETE', url: '/api/teachers/moves/2147483647', expect: only(404, 'personnel') },
    {
      route: 'moves.teachers',
      method: 'GET',
      url: `/api/teachers/moves/teachers?school=${A}&year=2024`,
      expect: only('ok', 'personnel'),
      scoped: { personnel: (r) => expect(Array.isArray(r.json<{ teachers: unknown[] }>().teachers)).toBe(true) },
    },
    {
      route: 'moves.rules',
      method: 'GET',
      url: '/api/teachers/moves/rules?year=2025',
      expect: only('ok', 'admin', 'analyst', 'personnel', 'clerkA', 'clerkB', 'inspector', 'viewer'),
      scoped: { ...allSchools, clerkA: sees([A], true), clerkB: sees([B], true), inspector: sees([B], true) },
    },
  ];
}
