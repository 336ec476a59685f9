// Who sees what of pupils' health data (个人信息保护法: minors' health data is sensitive personal information).
// Pupil-level rows: 'wellbeing.pupils' in scope for the school (the bureau's health staff, the pupil's own school).
// Everyone else sees aggregates, and a cell of fewer than minCellSize pupils (src/exams/privacy.json, one local
// setting for every report) keeps its count but loses its figures, with complementary cells withheld so that no
// withheld figure can be recovered by subtraction (cellsToSuppress). Every wellbeing report (fitness, vision, homework and sleep) withholds through here.
import { allows, scopeOf } from '../core/auth/policy.js';
import type { CurrentUser } from '../core/auth/roles.js';

export type Who = Pick<CurrentUser, 'role' | 'schoolCode' | 'assignedSchools'>;

/** May this user read the pupil-level health rows of the school? */
export const seesHealthPupils = (user: Who, school: string) => allows(user, 'wellbeing.pupils', school);

/** Does the user read every school's pupil-level health rows (nothing to withhold)? */
export const seesAllHealthPupils = (user: Who) => scopeOf(user.role, 'wellbeing.pupils') === 'all';

/** A report cell: null school = the district, null grade = every grade, null sex = both. */
export interface CellKey {
  school: string | null;
  grade: number | null;
  sex: 'M' | 'F' | null;
}

/**
 * The indexes of the cells to withhold for this caller: cells of fewer than `min` pupils (by `count`) the caller may
 * not read at pupil level, and complementary cells so that no withheld figure can be recovered by subtraction.
 * Each parent is the sum of its children — the district of its schools (per grade and sex), a school of its grades,
 * a grade of its sexes — and in no such equation may exactly one term be withheld: then the smallest other child the
 * caller cannot read is withheld too, or, when there is none (the caller reads every other child, e.g. a clerk and
 * the one other school), the parent. A cell withheld for one equation counts as withheld in every other, so the rule
 * is applied until nothing changes.
 */
export function cellsToSuppress<T extends CellKey>(user: Who, cells: readonly T[], min: number, count: (c: T) => number): Set<number> {
  if (seesAllHealthPupils(user)) return new Set();
  const open = (c: T) => (c.school === null ? false : seesHealthPupils(user, c.school));
  const key = (school: string | null, grade: number | null, sex: string | null) => `${school ?? '*'}|${grade ?? '*'}|${sex ?? '*'}`;
  const index = new Map(cells.map((c, i) => [key(c.school, c.grade, c.sex), i]));
  // The equations, one per parent and family (the district cell is both the sum of the schools and of its grades).
  const equations = new Map<string, { parent: number; children: number[] }>();
  const addChild = (family: string, parent: string, child: number) => {
    const p = index.get(parent);
    if (p === undefined) return;
    const e = equations.get(`${family}|${parent}`) ?? { parent: p, children: [] };
    e.children.push(child);
    equations.set(`${family}|${parent}`, e);
  };
  cells.forEach((c, i) => {
    if (c.school !== null) addChild('schools', key(null, c.grade, c.sex), i);
    if (c.grade !== null && c.sex === null) addChild('grades', key(c.school, null, null), i);
    if (c.sex !== null) addChild('sexes', key(c.school, c.grade, null), i);
  });
  const n = (i: number) => count(cells[i]);
  const hideable = (i: number) => !open(cells[i]) && n(i) > 0;
  const out = new Set<number>();
  cells.forEach((c, i) => {
    if (hideable(i) && n(i) < min) out.add(i);
  });
  for (let changed = true; changed;) {
    changed = false;
    for (const { parent, children } of equations.values()) {
      const terms = [parent, ...children];
      if (terms.filter((t) => out.has(t)).length !== 1) continue;
      const partner = children.filter((t) => !out.has(t) && hideable(t)).sort((a, b) => n(a) - n(b))[0] ?? (!out.has(parent) && hideable(parent) ? parent : undefined);
      if (partner === undefined) continue;
      out.add(partner);
      changed = true;
    }
  }
  return out;
}
