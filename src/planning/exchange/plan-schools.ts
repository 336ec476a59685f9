// The schools of an exchange plan, from the registry: the schools the teacher file names, each with its students (Σ
// enrolments of the plan's year) and its place in km (places.ts, projected about the mean latitude of every school of
// the district that has coordinates). A school without coordinates or without students cannot be weighed or reached:
// it is left out of the moves — its teachers stay, nobody moves there — and the plan lists it with the reason. Pure.
import type { ExchangeSchool } from './model.js';
import type { ExchangeExcludedWire } from './contract.js';
import { projectKm } from './places.js';

export interface RegistrySite {
  code: string;
  name: string;
  lat: number | null;
  lng: number | null;
}

export interface PlanSchools {
  included: ExchangeSchool[];
  excluded: Omit<ExchangeExcludedWire, 'teachers'>[];
}

/**
 * `sites`: every school of the district; `students`: code → students of the plan's year; `named`: the codes the teacher
 * file uses (all of them in `sites`). Both lists in code order.
 */
export function planSchools(sites: readonly RegistrySite[], students: ReadonlyMap<string, number>, named: ReadonlySet<string>): PlanSchools {
  const placed = sites.filter((s): s is RegistrySite & { lat: number; lng: number } => s.lat !== null && s.lng !== null && Number.isFinite(s.lat) && Number.isFinite(s.lng));
  const km = new Map(projectKm(placed).map((p, i) => [placed[i].code, p]));
  const included: ExchangeSchool[] = [];
  const excluded: PlanSchools['excluded'] = [];
  for (const s of [...sites].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    if (!named.has(s.code)) continue;
    const p = km.get(s.code);
    const n = students.get(s.code) ?? 0;
    if (p && n > 0) included.push({ schoolCode: s.code, schoolName: s.name, students: n, xKm: p.xKm, yKm: p.yKm });
    else excluded.push({ schoolCode: s.code, schoolName: s.name, reason: !p && n <= 0 ? 'no_place_no_students' : !p ? 'no_place' : 'no_students' });
  }
  return { included, excluded };
}

/** Students per school in one school year: Σ over its grades of the registry's enrolment records. */
export function studentsOfYear(records: readonly { schoolCode: string; year: number; students: number }[], year: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) if (r.year === year) out.set(r.schoolCode, (out.get(r.schoolCode) ?? 0) + r.students);
  return out;
}
