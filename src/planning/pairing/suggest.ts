// Who may pair with whom (junheng-pairing-v1): within each level group, the leads are the top third by strength and
// the members the bottom half; a lead and a member are a candidate pair when the lead is stronger, both have
// coordinates and they are at most maxKm apart (straight line). Each candidate's weight is its complementarity: the
// strength gap plus the 城乡结对 bonus when an urban or town lead takes a rural member. The choice among the
// candidates is the assignment MIP (assignment.ts). Schools in a confirmed pairing of the year: a member is left out;
// a lead keeps its remaining places and does not become a member.
import type { Location } from '../../registry/model.js';
import type { PairingGroup, SuggestedPair } from './contract.js';
import { haversineKm } from '../geo.js';
import { solveAssignment, type AssignmentArc, type AssignmentSolution } from './assignment.js';

export type Role = 'lead' | 'member' | 'middle';
export type Exclusion = 'no-strength' | 'no-coordinates' | 'confirmed-member' | 'confirmed-lead-full' | 'confirmed-lead';

export interface SuggestParams {
  maxKm: number;
  maxPartners: number;
  ruralBonus: number;
}

/** One school in one group with its strength and place. */
export interface SuggestUnit {
  code: string;
  name: string;
  group: PairingGroup;
  location: Location;
  lat: number | null;
  lng: number | null;
  strength: number | null;
}

/** Confirmed pairings of the year (any group). */
export interface ConfirmedPair {
  leadCode: string;
  memberCode: string;
}

/**
 * Roles within one group by strength, ties sharing a position: a lead when fewer than a third of the group is
 * stronger (3·stronger < n: the first ⌈n/3⌉ places), a member when it is among the last ⌊n/2⌋ places
 * (2·(weaker + 1) ≤ n), else middle. Integer comparisons: no rounding at the boundaries.
 */
export function rolesInGroup(units: readonly { code: string; strength: number }[]): Map<string, Role> {
  const n = units.length;
  const out = new Map<string, Role>();
  for (const u of units) {
    let stronger = 0;
    let weaker = 0;
    for (const v of units) {
      if (v.strength > u.strength) stronger++;
      else if (v.strength < u.strength) weaker++;
    }
    out.set(u.code, 3 * stronger < n ? 'lead' : 2 * (weaker + 1) <= n ? 'member' : 'middle');
  }
  return out;
}

/** Is the pair a 城乡结对 (an urban or town lead with a rural member)? */
export const isUrbanRural = (lead: Location, member: Location) => (lead === '城区' || lead === '镇区') && member === '乡村';

export interface Candidates {
  /** Role per `${code}|${group}` (units with a strength). */
  roles: Map<string, Role>;
  /** Why a unit takes no part, per `${code}|${group}`. */
  excluded: Map<string, Exclusion>;
  /** Remaining places of each lead school (maxPartners − its confirmed members). */
  capacity: Map<string, number>;
  pairs: Omit<SuggestedPair, 'leadName' | 'memberName'>[];
}

export const unitKey = (code: string, group: PairingGroup) => `${code}|${group}`;

/** The candidate pairs of a year's units under the parameters, with each unit's role and exclusion. */
export function candidatePairs(units: readonly SuggestUnit[], confirmed: readonly ConfirmedPair[], p: SuggestParams): Candidates {
  const confirmedMembers = new Set(confirmed.map((c) => c.memberCode));
  const confirmedLeads = new Map<string, number>();
  for (const c of confirmed) confirmedLeads.set(c.leadCode, (confirmedLeads.get(c.leadCode) ?? 0) + 1);
  const roles = new Map<string, Role>();
  const excluded = new Map<string, Exclusion>();
  const capacity = new Map<string, number>();
  const pairs: Candidates['pairs'] = [];
  const groups = [...new Set(units.map((u) => u.group))];
  for (const g of groups) {
    const ranked = units.filter((u): u is SuggestUnit & { strength: number } => u.group === g && u.strength !== null);
    for (const [code, role] of rolesInGroup(ranked)) roles.set(unitKey(code, g), role);
    for (const u of units.filter((x) => x.group === g)) {
      const key = unitKey(u.code, g);
      const left = p.maxPartners - (confirmedLeads.get(u.code) ?? 0);
      if (u.strength === null) excluded.set(key, 'no-strength');
      else if (confirmedMembers.has(u.code)) excluded.set(key, 'confirmed-member');
      else if (roles.get(key) === 'lead' && left <= 0) excluded.set(key, 'confirmed-lead-full');
      // A school that already leads a confirmed pairing does not become a member.
      else if (roles.get(key) === 'member' && confirmedLeads.has(u.code)) excluded.set(key, 'confirmed-lead');
      else if (u.lat === null || u.lng === null) excluded.set(key, 'no-coordinates');
      if (roles.get(key) === 'lead') capacity.set(u.code, Math.max(0, left));
    }
    const takes = (u: SuggestUnit) => !excluded.has(unitKey(u.code, g));
    const leads = ranked.filter((u) => roles.get(unitKey(u.code, g)) === 'lead' && takes(u));
    const members = ranked.filter((u) => roles.get(unitKey(u.code, g)) === 'member' && takes(u));
    for (const l of leads)
      for (const m of members) {
        if (l.code === m.code || !(l.strength > m.strength)) continue;
        const km = haversineKm({ lat: l.lat!, lng: l.lng! }, { lat: m.lat!, lng: m.lng! });
        if (km > p.maxKm) continue;
        const gap = l.strength - m.strength;
        const bonus = isUrbanRural(l.location, m.location) ? p.ruralBonus : 0;
        pairs.push({ group: g, leadCode: l.code, memberCode: m.code, km, leadStrength: l.strength, memberStrength: m.strength, gap, bonus, complementarity: gap + bonus });
      }
  }
  return { roles, excluded, capacity, pairs };
}

/**
 * The near-tie breaker: a pair's weight in the MIP is its complementarity shortened by the relative distance,
 * complementarity × (1 − 0.001·km/maxKm) (at most 0.1 % of the pair's own complementarity). Σ(s_l − s_m) over the
 * chosen pairs depends only on which schools take part, not on who pairs with whom, so many assignments tie; among
 * them the shorter journeys win. Relative, not subtracted: km ≤ maxKm, so the factor is ≥ 0.999 and every candidate
 * keeps a positive weight however small its strength gap (a gap of 0.0004 SD less 0.001·11/15 would be negative, and
 * the MIP would leave the pair out).
 */
export const DISTANCE_TIE_BREAK = 0.001;
export const mipWeight = (pair: { complementarity: number; km: number }, maxKm: number) => pair.complementarity * (1 - (DISTANCE_TIE_BREAK * pair.km) / maxKm);

/** The candidates and the pairs the assignment MIP chooses among them. */
export async function suggestPairs(
  units: readonly SuggestUnit[],
  confirmed: readonly ConfirmedPair[],
  p: SuggestParams,
): Promise<Candidates & { chosen: Candidates['pairs']; solution: AssignmentSolution | null }> {
  const c = candidatePairs(units, confirmed, p);
  if (c.pairs.length === 0) return { ...c, chosen: [], solution: null };
  const arcs: AssignmentArc[] = c.pairs.map((x) => ({ lead: x.leadCode, member: x.memberCode, weight: mipWeight(x, p.maxKm) }));
  const solution = await solveAssignment(arcs, c.capacity);
  return { ...c, chosen: solution.chosen.map((i) => c.pairs[i]), solution };
}
