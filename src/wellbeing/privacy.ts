// Who sees what of pupils' health data (个人信息保护法: minors' health data is sensitive personal information).
// Pupil-level rows: 'wellbeing.pupils' in scope for the school (the bureau's health staff, the pupil's own school).
// Everyone else sees aggregates, and a cell of fewer than minCellSize pupils (src/exams/privacy.json, one local
// setting for every report) keeps its count but loses its figures, with the exams' complementary rule among siblings
// (the schools of one grade and sex; the grades of a school; the sexes of a grade) so that no withheld figure can be
// recovered by subtraction. Every wellbeing report (fitness, vision, homework and sleep) withholds through here.
import { allows, scopeOf } from '../core/auth/policy.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { cellsToWithhold } from '../exams/privacy.js';

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
 * The indexes of the cells to withhold for this caller: cells of fewer than `min` pupils (by `count`), and the
 * complementary siblings, unless the caller reads the school's pupil rows. The district cell is never withheld for
 * its own smallness alone unless it is small itself.
 */
export function cellsToSuppress<T extends CellKey>(user: Who, cells: readonly T[], min: number, count: (c: T) => number): Set<number> {
  if (seesAllHealthPupils(user)) return new Set();
  const open = (c: T) => (c.school === null ? false : seesHealthPupils(user, c.school));
  const out = new Set<number>();
  const sets = new Map<string, number[]>();
  const add = (k: string, i: number) => sets.set(k, [...(sets.get(k) ?? []), i]);
  cells.forEach((c, i) => {
    if (c.school !== null) add(`schools|${c.grade ?? '*'}|${c.sex ?? '*'}`, i);
    if (c.grade !== null && c.sex === null) add(`grades|${c.school ?? '*'}`, i);
    if (c.sex !== null) add(`sexes|${c.school ?? '*'}|${c.grade}`, i);
    // The district as a set of its own (its siblings are none).
    if (c.school === null && c.grade === null && c.sex === null) add('district', i);
  });
  for (const idx of sets.values()) {
    const hit = cellsToWithhold(
      idx.map((i) => ({ n: count(cells[i]), open: open(cells[i]) })),
      min,
    );
    for (const h of hit) out.add(idx[h]);
  }
  return out;
}
