// Small cells and ranks (issue 10, items 5 and 15). A report cell — the district, a school, a class, per subject and
// 总分 — with fewer than `minCellSize` students is withheld from a caller without pupil-level rights for it
// ('students.read' in scope for the school; for the district: for every school), so that a one-pupil class does not
// show that pupil's score as its mean. Counts stay (a head count is no score); every figure of the cell is null
// and the cell says `suppressed: true`. Complementary suppression: when exactly one cell of a set of siblings
// (the schools of the district, the classes of one school) is withheld, the next-smallest sibling the caller may
// not see at pupil level is withheld too, so the withheld cell cannot be recovered from the parent's total by
// subtraction. The threshold and the default rank rule are data (privacy.json, a local choice), not code.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { allows, schoolsOf, scopeOf } from '../core/auth/policy.js';
import type { CurrentUser } from '../core/auth/roles.js';
import type { Report } from './contract.js';
import { TOTAL } from './defaults.js';

type Who = Pick<CurrentUser, 'role' | 'schoolCode' | 'assignedSchools'>;

const PrivacySchema = z.object({ minCellSize: z.number().int().min(1).max(1000), hideRanks: z.boolean() });
export type PrivacySettings = z.infer<typeof PrivacySchema>;

let loaded: PrivacySettings | null = null;

/** The exam privacy settings of this installation (src/exams/privacy.json), read and checked once. */
export function privacySettings(): PrivacySettings {
  if (!loaded) loaded = PrivacySchema.parse(JSON.parse(fs.readFileSync(fileURLToPath(new URL('./privacy.json', import.meta.url)), 'utf8')));
  return loaded;
}

/** May the user see pupil-level data of every school (the district cell)? */
export const seesAllPupils = (user: Who) => {
  const scope = scopeOf(user.role, 'students.read');
  return !!scope && schoolsOf(user, scope) === 'all';
};

type Stats = Report['district']['stats'][string];
type Group = Report['district'];

/** A statistics cell with its figures withheld: the count stays, every figure is null, the bands have no counts. */
export function withheldStats(s: Stats): Stats {
  return {
    n: s.n,
    mean: null,
    sd: null,
    median: null,
    q1: null,
    q3: null,
    min: null,
    max: null,
    excellent_rate: null,
    pass_rate: null,
    low_rate: null,
    score_rate: null,
    over_mean_rate: null,
    bands: { edges: s.bands.edges, counts: [] },
    suppressed: true,
  };
}

/** Is a cell of this size withheld? (0 students: nothing to withhold, every figure is null anyway.) */
const small = (n: number, min: number) => n > 0 && n < min;

/**
 * Which of a set of sibling cells to withhold: those under `min` the caller may not see at pupil level, and, when
 * that is exactly one, the next-smallest other such sibling with students (complementary suppression).
 * @param cells the siblings: size and whether the caller sees its pupils
 * @returns indexes into cells
 */
export function cellsToWithhold(cells: readonly { n: number; open: boolean }[], min: number): Set<number> {
  const out = new Set<number>();
  cells.forEach((c, i) => {
    if (!c.open && small(c.n, min)) out.add(i);
  });
  if (out.size === 1) {
    let best = -1;
    cells.forEach((c, i) => {
      if (out.has(i) || c.open || c.n <= 0) return;
      if (best < 0 || c.n < cells[best].n) best = i;
    });
    if (best >= 0) out.add(best);
  }
  return out;
}

/**
 * The report with the small cells withheld for this caller (see the head of this file). Callers with pupil-level
 * rights for every school get it unchanged. Applied before the report is cut to the caller's schools.
 */
export function suppressSmallCells(user: Who, report: Report, min = privacySettings().minCellSize): Report {
  if (seesAllPupils(user)) return report;
  const open = (school: string) => allows(user, 'students.read', school);
  const keys = report.subjects;
  const withhold = <G extends Group>(groups: G[], isOpen: (g: G) => boolean): G[] => {
    const out = groups.map((g) => ({ ...g, stats: { ...g.stats } }));
    for (const key of keys) {
      const set = cellsToWithhold(
        groups.map((g) => ({ n: g.stats[key]?.n ?? 0, open: isOpen(g) })),
        min,
      );
      for (const i of set) if (out[i].stats[key]) out[i].stats[key] = withheldStats(out[i].stats[key]);
    }
    // A group whose 总分 cell is withheld loses its 全科合格率 (the same students).
    for (const g of out) if (g.stats[TOTAL]?.suppressed) g.allPassRate = null;
    return out;
  };
  const district = withhold([report.district], () => false)[0];
  const schools = withhold(report.schools, (s) => open(s.school));
  // Classes: siblings within their school.
  const classes = [...report.classes];
  const bySchool = new Map<string, number[]>();
  report.classes.forEach((c, i) => bySchool.set(c.school, [...(bySchool.get(c.school) ?? []), i]));
  for (const [school, idx] of bySchool) {
    const done = withhold(
      idx.map((i) => report.classes[i]),
      () => open(school),
    );
    idx.forEach((i, k) => (classes[i] = done[k]));
  }
  const total = TOTAL;
  const withheldSchool = new Set(schools.filter((s) => s.stats[total]?.suppressed).map((s) => s.school));
  const districtWithheld = !!district.stats[total]?.suppressed;
  return {
    ...report,
    district,
    schools,
    classes,
    bottom: {
      ...report.bottom,
      threshold: districtWithheld ? null : report.bottom.threshold,
      schools: report.bottom.schools.map((b) => (withheldSchool.has(b.school) ? { ...b, count: null, rate: null, flagged: false, suppressed: true } : b)),
    },
    shape: districtWithheld ? {} : report.shape,
    balance: report.balance.map((b) => {
      const s = schools.find((x) => x.school === b.school);
      return { ...b, subjects: Object.fromEntries(Object.entries(b.subjects).map(([k, v]) => [k, s?.stats[k]?.suppressed ? null : v])) };
    }),
    minCellSize: min,
  };
}
