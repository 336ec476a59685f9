// RBAC rows of planning: pairing. Expectations written from the rules, by hand (not read from the policy):
//   - the suggestions (each school's strength and the suggested pairs) and the confirmed pairings with the share
//     against the target (school aggregates, no pupil rows): the bureau (admin, analyst), inspectors (every school:
//     pairing is the district's) and viewers (aggregates) — not school clerks, not the health or the personnel
//     staff;
//   - confirming and removing a pairing: the bureau only (a second confirmation of the same member is refused by the
//     rules, 409, which is still "allowed"; removing a pairing that does not exist answers 404).
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { only, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const READERS = ['admin', 'analyst', 'inspector', 'viewer'] as const;

/** Every reader sees the pairing the bureau confirmed above (A leads B in 2024): no per-school scope in planning. */
const seesPairing = (r: LightMyRequestResponse) => {
  const p = r.json<{ pairings: { leadCode: string; memberCode: string }[] }>().pairings;
  expect(p.map((x) => `${x.leadCode}-${x.memberCode}`)).toEqual([`${A}-${B}`]);
};

export function pairingRows(): MatrixRow[] {
  return [
    { route: 'pairing.suggestions', method: 'GET', url: '/api/planning/pairing/suggestions?year=2024', expect: only('ok', ...READERS) },
    {
      route: 'pairing.confirm',
      method: 'POST',
      url: '/api/planning/pairing/pairings',
      body: { year: 2024, leadCode: A, memberCode: B, type: '共建型', note: 'RBAC' },
      expect: only('allowed', 'admin', 'analyst'),
    },
    {
      route: 'pairing.pairings',
      method: 'GET',
      url: '/api/planning/pairing/pairings?year=2024',
      expect: only('ok', ...READERS),
      scoped: { admin: seesPairing, analyst: seesPairing, inspector: seesPairing, viewer: seesPairing },
    },
    { route: 'pairing.remove', method: 'DELETE', url: '/api/planning/pairing/pairings/2147483647', expect: only('allowed', 'admin', 'analyst') },
  ];
}
