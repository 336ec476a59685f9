// The demo county's teachers over the school years: the first year's rosters built from each school's typed figures
// (demoSchoolRoster), then year by year the moves (planYearMoves, on the roster of the year before) and each school's
// roster one year on (carryOn) — every roster's counts equal its school's typed figures of that year. The latest
// roster gets the 梯队 tiers. Pure and seeded: the same county always gets the same teachers.
import type { StatValues } from '../../registry/fields.js';
import type { School } from '../../registry/model.js';
import type { RosterTeacher, Tier } from '../model.js';
import { teacherIdOf } from '../roster/store.js';
import { carryOn } from './carry.js';
import { planYearMoves, type DemoMove, type ExchangeProfile } from './moves.js';
import { rngOf } from './rng.js';
import { demoSchoolRoster, type DemoSchool } from './roster.js';
import { assignTiers } from './tiers.js';

export interface PanelInput {
  schools: readonly School[];
  /** Typed figures and enrolments by `${code}:${year}`. */
  figures: ReadonlyMap<string, { values: StatValues; enrolments: { grade: number; students: number }[] }>;
  /** The school years, oldest first (moves in every year but the first). */
  years: readonly number[];
  /** The first teacher number to use (T + 6 digits). */
  firstNumber: number;
}

export interface Panel {
  rosters: Map<number, RosterTeacher[]>;
  moves: DemoMove[];
  /** Urban schools' exchange profiles by `${code}:${year}`. */
  profiles: Map<string, ExchangeProfile>;
  tiers: Record<Tier, number>;
  /** Stayers who left (retired or left the county) per year. */
  left: Map<number, number>;
  promoted: number;
}

export const figureKey = (code: string, year: number) => `${code}:${year}`;

export function demoPanel(input: PanelInput): Panel {
  let number = input.firstNumber;
  const nextId = () => teacherIdOf(number++);
  const staffSeq = new Map<string, number>();
  const staffNo = (code: string) => {
    const k = (staffSeq.get(code) ?? 0) + 1;
    staffSeq.set(code, k);
    return `${code.slice(-4)}${String(k).padStart(3, '0')}`;
  };
  const demoSchool = (s: School, year: number): DemoSchool | null => {
    const f = input.figures.get(figureKey(s.code, year));
    return f ? { code: s.code, level: s.level, location: s.location, ownership: s.ownership, enrolments: f.enrolments, values: f.values } : null;
  };

  const [first, ...later] = input.years;
  const rosters = new Map<number, RosterTeacher[]>();
  rosters.set(
    first,
    input.schools.flatMap((s) => {
      const d = demoSchool(s, first);
      return d ? demoSchoolRoster(d, first, () => ({ teacherId: nextId(), staffNo: staffNo(s.code) })) : [];
    }),
  );

  const moves: DemoMove[] = [];
  const profiles = new Map<string, ExchangeProfile>();
  const left = new Map<number, number>();
  let kept = new Set<string>();
  let promoted = 0;
  for (const year of later) {
    const before = rosters.get(year - 1) ?? [];
    const figures = new Map(input.schools.flatMap((s) => (input.figures.has(figureKey(s.code, year)) ? [[s.code, input.figures.get(figureKey(s.code, year))!.values] as const] : [])));
    const planned = planYearMoves({ year, latest: input.years[input.years.length - 1], schools: input.schools, before, figures, kept, staffNo, rng: rngOf('moves', year) });
    moves.push(...planned.moves);
    for (const [code, p] of planned.profiles) profiles.set(figureKey(code, year), p);
    const movedNow = new Set(planned.moves.map((m) => m.teacherId));
    const keep = new Set([...kept, ...movedNow]);
    const rows: RosterTeacher[] = [];
    let gone = 0;
    for (const s of input.schools) {
      const d = demoSchool(s, year);
      if (!d) continue;
      const stayers = before.filter((t) => t.schoolCode === s.code && !movedNow.has(t.teacherId));
      const out = carryOn({
        school: d,
        year,
        stayers,
        arriving: planned.arriving.get(s.code) ?? [],
        kept: keep,
        id: () => ({ teacherId: nextId(), staffNo: staffNo(s.code) }),
        rng: rngOf('carry', s.code, year),
      });
      rows.push(...out.rows);
      gone += out.left.length;
      promoted += out.promoted;
    }
    rosters.set(year, rows);
    left.set(year, gone);
    kept = movedNow;
  }

  const latest = input.years[input.years.length - 1];
  const publicSchools = new Set(input.schools.filter((s) => s.ownership === '公办').map((s) => s.code));
  const tiers = assignTiers(rosters.get(latest) ?? [], latest, publicSchools);
  return { rosters, moves, profiles, tiers, left, promoted };
}
