// Candidates and the assignment MIP of junheng-pairing-v1: roles by hand, the distance limit and capacities, the
// 城乡结对 bonus, confirmed pairings, and the MIP's choice against a brute-force enumeration written here on its own
// (every subset of the candidate pairs, the rules checked pair by pair).
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../geo.js';
import { assignmentLp, solveAssignment } from './assignment.js';
import { candidatePairs, mipWeight, rolesInGroup, suggestPairs, type SuggestUnit } from './suggest.js';
import type { Location } from '../../registry/model.js';
import type { PairingGroup } from './contract.js';
import { mulberry32 } from '../../registry/demo.js';

// One degree of latitude on the sphere of radius 6,371.0088 km: 2π·6371.0088/360 = 111.19508 km; 0.1° = 11.1195 km.
const KM_PER_DEG = (2 * Math.PI * 6371.0088) / 360;

const unit = (code: string, strength: number | null, lat: number | null, location: Location = '城区', group: PairingGroup = 'primary', lng: number | null = 120): SuggestUnit => ({
  code,
  name: code,
  group,
  location,
  lat,
  lng,
  strength,
});

describe('haversineKm', () => {
  it('measures along a meridian and is symmetric', () => {
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111.19508, 4);
    expect(haversineKm({ lat: 30, lng: 122 }, { lat: 30.1, lng: 122 })).toBeCloseTo(KM_PER_DEG * 0.1, 6);
    // Along the equator one degree of longitude is the same length.
    expect(haversineKm({ lat: 0, lng: 10 }, { lat: 0, lng: 11 })).toBeCloseTo(KM_PER_DEG, 6);
    expect(haversineKm({ lat: 29.9, lng: 122.1 }, { lat: 30.05, lng: 121.93 })).toBeCloseTo(haversineKm({ lat: 30.05, lng: 121.93 }, { lat: 29.9, lng: 122.1 }), 12);
  });
});

describe('rolesInGroup', () => {
  const roles = (s: number[]) => [...rolesInGroup(s.map((x, i) => ({ code: String(i), strength: x }))).values()];
  it('takes the top third as leads and the bottom half as members', () => {
    expect(roles([1])).toEqual(['lead']); // 3·0 < 1; a lone school has nobody to pair with anyway
    expect(roles([2, 1])).toEqual(['lead', 'member']); // ⌈2/3⌉ = 1 lead, ⌊2/2⌋ = 1 member
    expect(roles([3, 2, 1])).toEqual(['lead', 'middle', 'member']); // ⌈3/3⌉ = 1, ⌊3/2⌋ = 1
    expect(roles([6, 5, 4, 3, 2, 1])).toEqual(['lead', 'lead', 'middle', 'member', 'member', 'member']); // 2 and 3
    expect(roles([7, 6, 5, 4, 3, 2, 1])).toEqual(['lead', 'lead', 'lead', 'middle', 'member', 'member', 'member']); // ⌈7/3⌉ = 3, ⌊7/2⌋ = 3
  });
  it('lets tied schools share a place', () => {
    // 5, 5, 1, 0: the two 5s both have nobody stronger (leads); 1 has one weaker: 2·2 ≤ 4 → member; 0 member.
    expect(roles([5, 5, 1, 0])).toEqual(['lead', 'lead', 'member', 'member']);
    expect(roles([1, 1, 1])).toEqual(['lead', 'lead', 'lead']);
  });
});

describe('candidatePairs', () => {
  const p = { maxKm: 15, maxPartners: 3, ruralBonus: 0.5 };
  it('pairs only within the distance limit and the group, the lead stronger', () => {
    // L at 30.0; M1 0.1° north (11.12 km), M2 0.2° north (22.24 km); X, the other lead, 100 km away; J and J2
    // junior schools beside L.
    const units = [unit('L', 2, 30), unit('X', 0.5, 31), unit('M1', -1, 30.1, '乡村'), unit('M2', -1.5, 30.2), unit('J', -2, 30, '乡村', 'junior'), unit('J2', 1, 30, '城区', 'junior')];
    const c = candidatePairs(units, [], p);
    expect(c.pairs.map((x) => `${x.leadCode}-${x.memberCode}`).sort()).toEqual(['J2-J', 'L-M1']);
    const lm1 = c.pairs.find((x) => x.memberCode === 'M1')!;
    expect(lm1.km).toBeCloseTo(KM_PER_DEG * 0.1, 6);
    // Gap 2 − (−1) = 3; 城区 lead, 乡村 member: + 0.5.
    expect([lm1.gap, lm1.bonus, lm1.complementarity]).toEqual([3, 0.5, 3.5]);
    // At 11 km the pair is out; at 11.2 km in.
    expect(candidatePairs(units, [], { ...p, maxKm: 11 }).pairs.some((x) => x.memberCode === 'M1')).toBe(false);
    expect(candidatePairs(units, [], { ...p, maxKm: 11.2 }).pairs.some((x) => x.memberCode === 'M1')).toBe(true);
    expect(candidatePairs(units, [], { ...p, maxKm: 30 }).pairs.some((x) => x.memberCode === 'M2')).toBe(true);
  });

  it('says who is left out and why', () => {
    const units = [unit('L', 2, 30), unit('N', null, 30), unit('Q', -1, null), unit('M', -2, 30.01), unit('M0', -3, 30.02)];
    const c = candidatePairs(units, [], p);
    expect(c.excluded.get('N|primary')).toBe('no-strength');
    expect(c.excluded.get('Q|primary')).toBe('no-coordinates');
    expect(c.pairs.some((x) => x.memberCode === 'Q')).toBe(false);
  });

  it('leaves confirmed members out and keeps a confirmed lead’s remaining places', () => {
    const units = [unit('L', 2, 30), unit('K', 1.5, 30), unit('A', -1, 30.01), unit('B', -2, 30.02), unit('C', -3, 30.03), unit('D', -4, 30.04), unit('E', 0, 30)];
    // n = 7, strengths 2, 1.5, 0, −1, −2, −3, −4 → leads the first ⌈7/3⌉ = 3: L, K, E; members the last 3: B, C, D.
    const c = candidatePairs(units, [{ leadCode: 'L', memberCode: 'B' }], { ...p, maxPartners: 2 });
    expect(c.excluded.get('B|primary')).toBe('confirmed-member');
    expect(c.capacity.get('L')).toBe(1);
    expect(c.capacity.get('K')).toBe(2);
    expect(c.pairs.some((x) => x.memberCode === 'B')).toBe(false);
    // L full after a second confirmed member.
    const full = candidatePairs(
      units,
      [
        { leadCode: 'L', memberCode: 'B' },
        { leadCode: 'L', memberCode: 'C' },
      ],
      { ...p, maxPartners: 2 },
    );
    expect(full.excluded.get('L|primary')).toBe('confirmed-lead-full');
    expect(full.pairs.some((x) => x.leadCode === 'L')).toBe(false);
  });
});

// ───────────────────────── the MIP against brute force ─────────────────────────

interface Arc {
  lead: string;
  member: string;
  weight: number;
}

/** The best objective over every subset of arcs meeting the rules, checked directly. */
function bruteForce(arcs: Arc[], capacity: Map<string, number>): number {
  let best = 0;
  for (let mask = 0; mask < 1 << arcs.length; mask++) {
    const chosen = arcs.filter((_, i) => mask & (1 << i));
    if (feasible(chosen, capacity))
      best = Math.max(
        best,
        chosen.reduce((a, x) => a + x.weight, 0),
      );
  }
  return best;
}

function feasible(chosen: Arc[], capacity: Map<string, number>): boolean {
  const members = chosen.map((a) => a.member);
  if (new Set(members).size !== members.length) return false; // a member twice
  const leads = new Map<string, number>();
  for (const a of chosen) leads.set(a.lead, (leads.get(a.lead) ?? 0) + 1);
  for (const [l, n] of leads) if (n > (capacity.get(l) ?? 0)) return false; // over capacity
  for (const l of leads.keys()) if (members.includes(l)) return false; // both a lead and a member
  return true;
}

describe('solveAssignment', () => {
  it('writes the model HiGHS reads', () => {
    const lp = assignmentLp(
      [
        { lead: 'L', member: 'A', weight: 1.5 },
        { lead: 'L', member: 'B', weight: 0.25 },
      ],
      new Map([['L', 1]]),
    );
    expect(lp).toContain('Maximize');
    expect(lp).toContain('1.500000000 x0');
    expect(lp).toMatch(/l0:\n\s+x0 \+ x1\n\s+<= 1/);
    expect(lp).toMatch(/Binary\n\s+x0 x1/);
  });

  it('breaks the tie of equal complementarity by distance', async () => {
    // L (2) and K (1.5) one place each; M1 (−1) beside L, M2 (−1.2) beside K, 0.1° of longitude (9.6 km) apart.
    // L–M1 + K–M2 = (3 + 2.7) = L–M2 + K–M1 = (3.2 + 2.5) = 5.7: the same; the short journeys win.
    const units = [
      unit('L', 2, 30, '城区', 'primary', 122),
      unit('K', 1.5, 30, '城区', 'primary', 122.1),
      unit('X', 1, null),
      unit('M1', -1, 30, '城区', 'primary', 122.005),
      unit('M2', -1.2, 30, '城区', 'primary', 122.095),
      unit('Y', -2, null),
    ];
    const r = await suggestPairs(units, [], { maxKm: 15, maxPartners: 1, ruralBonus: 0.5 });
    expect(r.chosen.map((x) => `${x.leadCode}-${x.memberCode}`).sort()).toEqual(['K-M2', 'L-M1']);
  });

  it('pairs schools whose strength gap is smaller than the distance tie breaker', async () => {
    // A (0.0002) and B (−0.0002), both 城区, 0.1° of latitude apart (11.12 km), maxKm 15. Two schools: A the lead
    // (⌈2/3⌉ = 1), B the member (⌊2/2⌋ = 1). Gap 0.0004, no bonus. A subtracted tie breaker would give the weight
    // 0.0004 − 0.001·11.1195/15 = 0.0004 − 0.000741 = −0.000341 < 0 and no pair; the factor gives
    // 0.0004 × (1 − 0.000741) = 0.000399703 > 0, and the one admissible pair is chosen.
    const units = [unit('A', 0.0002, 30), unit('B', -0.0002, 30.1)];
    const p = { maxKm: 15, maxPartners: 3, ruralBonus: 0.5 };
    const r = await suggestPairs(units, [], p);
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0].km).toBeCloseTo(KM_PER_DEG * 0.1, 6);
    expect(mipWeight(r.pairs[0], p.maxKm)).toBeCloseTo(0.0004 * (1 - (0.001 * KM_PER_DEG * 0.1) / 15), 15);
    expect(mipWeight(r.pairs[0], p.maxKm)).toBeGreaterThan(0);
    expect(r.chosen.map((x) => `${x.leadCode}-${x.memberCode}`)).toEqual(['A-B']);
  });

  it('takes the rural member when the bonus outweighs a larger gap, and not without it', async () => {
    // Lead L (城区) with one place: U (城区) gap 1.3, R (乡村) gap 1.0. With the bonus 0.5: R (1.5 > 1.3); with 0: U.
    // (Z, the other lead of the four, has no coordinates.)
    const units = [unit('L', 1.3, 30), unit('U', 0, 30.01), unit('R', 0.3, 30.02, '乡村'), unit('Z', 0.5, null)];
    const withBonus = await suggestPairs(units, [], { maxKm: 15, maxPartners: 1, ruralBonus: 0.5 });
    expect(withBonus.chosen.map((x) => x.memberCode)).toEqual(['R']);
    expect(withBonus.solution!.status).toBe('Optimal');
    const without = await suggestPairs(units, [], { maxKm: 15, maxPartners: 1, ruralBonus: 0 });
    expect(without.chosen.map((x) => x.memberCode)).toEqual(['U']);
  });

  it('a 一贯制 school is not a lead and a member at once', async () => {
    // S leads in the primary group (strong) and is a junior member (weak); J leads the junior group.
    const arcs = [
      { lead: 'S', member: 'P1', weight: 1 },
      { lead: 'S', member: 'P2', weight: 1 },
      { lead: 'J', member: 'S', weight: 1.5 },
    ];
    const cap = new Map([
      ['S', 2],
      ['J', 1],
    ]);
    // Best: S leads P1 and P2 (2) rather than joining J (1.5).
    expect(bruteForce(arcs, cap)).toBe(2);
    const s = await solveAssignment(arcs, cap);
    expect(s.chosen).toEqual([0, 1]);
  });

  it('matches a brute-force enumeration on small random instances, within distance and capacity', async () => {
    const next = mulberry32(20240916);
    let arcsSeen = 0;
    for (let round = 0; round < 6; round++) {
      const units: SuggestUnit[] = [];
      const n = 8 + Math.floor(next() * 3);
      for (let i = 0; i < n; i++) units.push(unit(`S${i}`, Math.round((next() * 4 - 2) * 100) / 100, 30 + next() * 0.2, next() < 0.5 ? '乡村' : '城区', 'primary', 122 + next() * 0.2));
      const p = { maxKm: 12, maxPartners: 1 + Math.floor(next() * 2), ruralBonus: 0.5 };
      const r = await suggestPairs(units, [], p);
      expect(r.pairs.length).toBeLessThanOrEqual(16);
      arcsSeen += r.pairs.length;
      // The MIP's weight: complementarity × (1 − 0.001·km/maxKm) (suggest.ts), written out again here.
      const w = (x: { complementarity: number; km: number }) => x.complementarity * (1 - (0.001 * x.km) / p.maxKm);
      const arcs = r.pairs.map((x) => ({ lead: x.leadCode, member: x.memberCode, weight: w(x) }));
      const best = bruteForce(arcs, r.capacity);
      const got = r.chosen.reduce((a, x) => a + w(x), 0);
      expect(got, `round ${round}`).toBeCloseTo(best, 6);
      const chosenArcs = r.chosen.map((x) => ({ lead: x.leadCode, member: x.memberCode, weight: w(x) }));
      expect(feasible(chosenArcs, r.capacity)).toBe(true);
      for (const x of r.chosen) {
        const [l, m] = [units.find((u) => u.code === x.leadCode)!, units.find((u) => u.code === x.memberCode)!];
        expect(haversineKm({ lat: l.lat!, lng: l.lng! }, { lat: m.lat!, lng: m.lng! })).toBeLessThanOrEqual(p.maxKm);
        expect(l.strength!).toBeGreaterThan(m.strength!);
      }
      const perLead = new Map<string, number>();
      for (const x of r.chosen) perLead.set(x.leadCode, (perLead.get(x.leadCode) ?? 0) + 1);
      for (const k of perLead.values()) expect(k).toBeLessThanOrEqual(p.maxPartners);
    }
    // The instances are not trivial: candidates to choose among in most rounds.
    expect(arcsSeen).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('answers nothing to choose without candidates', async () => {
    const r = await suggestPairs([unit('L', 1, 30), unit('M', -1, 31)], [], { maxKm: 15, maxPartners: 3, ruralBonus: 0.5 });
    expect(r.pairs).toEqual([]);
    expect(r.chosen).toEqual([]);
    expect(r.solution).toBeNull();
    const empty = await suggestPairs([], [], { maxKm: 15, maxPartners: 3, ruralBonus: 0.5 });
    expect(empty.chosen).toEqual([]);
  });
});
