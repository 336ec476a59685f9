// One school's roster one year on (the demo's 结转): the stayers of the year before (a year older; women past 55 and
// men past 59 retire, a few leave the county), the movers who arrive, and new teachers — chosen so that the counts are
// the school's typed figures of the new year exactly. When the stayers and movers alone make a count impossible (too many
// of them hold a title the figures do not have, or too few …), a stayer is promoted (二级 → 一级, a 教师资格证, a 骨干
// award or a higher one, a degree one step up, the second subject 体育 / 音乐 / 美术 taken as the main one) or leaves the
// county, whichever repairs the most; the rest is met by new teachers (exactRows). Movers never leave. Pure and seeded.
import type { StatValues } from '../../registry/fields.js';
import { deriveTeacherStats, TEACHER_STAT_KEYS } from '../roster/derive.js';
import { sectionOf } from '../roster/sections.js';
import { INTERMEDIATE_TITLES, QUALIFICATIONS, type RosterTeacher, type Section } from '../model.js';
import { CAREER_START_AGE, apportion, exactRows, feasibleSections, plausibleSections, type DemoSchool } from './roster.js';
import type { Rng } from './rng.js';

export interface CarrySpec {
  /** The school with its typed figures of `year`. */
  school: DemoSchool;
  year: number;
  /** Its rows of the year before that stay (the person and post as they were). */
  stayers: readonly RosterTeacher[];
  /** Rows already placed here for `year` (movers: section, schoolSince and 工号 set). */
  arriving: readonly RosterTeacher[];
  /** Teachers who may not leave (this year's and last year's movers). */
  kept: ReadonlySet<string>;
  id: () => { teacherId: string; staffNo: string | null };
  rng: Rng;
}

export interface Carried {
  rows: RosterTeacher[];
  /** Stayers who left (retired or left the county). */
  left: RosterTeacher[];
  /** Promotions made to meet the figures. */
  promoted: number;
}

type Vec = Record<string, number>;
const keys = TEACHER_STAT_KEYS.filter((k) => k !== 'teachersTotal');
const retires = (t: RosterTeacher, year: number) => year - t.birthYear >= (t.sex === '女' ? 56 : 60);

/** How far the counts still to meet (g) are from what n new teachers can meet: 0 when exactRows can meet them. */
export function shortfall(g: Vec, n: number): number {
  let v = n < 0 ? -10 * n : 0;
  const m = Math.max(0, n);
  for (const k of keys) v += Math.max(0, -g[k]) + Math.max(0, g[k] - m);
  v += Math.max(0, g.peTeachers + g.musicTeachers + g.artTeachers - m);
  v += Math.max(0, g.backboneCounty + g.backboneCity + g.backboneProvince - m);
  v += Math.max(0, g.teachersPostgraduate - g.teachersAboveDegree);
  return v;
}

/** The promotions a row could have had during the year (each one change). */
function promotions(t: RosterTeacher, year: number, rng: Rng): RosterTeacher[] {
  const age = year - t.birthYear;
  const out: RosterTeacher[] = [];
  if ((t.title === '二级' || t.title === '三级') && age >= 27) out.push({ ...t, title: '一级' });
  if (!t.certified) out.push({ ...t, certified: true });
  if ((t.backboneLevel === null || t.backboneLevel === '校') && INTERMEDIATE_TITLES.includes(t.title) && age >= 30) out.push({ ...t, backboneLevel: '县', backboneYear: year });
  if (t.backboneLevel === '县' && age >= 33) out.push({ ...t, backboneLevel: '市', backboneYear: year });
  if (t.backboneLevel === '市' && age >= 38 && (t.title === '高级' || t.title === '正高级')) out.push({ ...t, backboneLevel: '省', backboneYear: year });
  const q = QUALIFICATIONS.indexOf(t.qualification);
  if (q < QUALIFICATIONS.length - 1 && age <= 50) out.push({ ...t, qualification: QUALIFICATIONS[q + 1] });
  const [main, second] = t.subjects;
  if (second && ['体育', '音乐', '美术'].includes(second)) out.push({ ...t, subjects: [second, main] });
  return rng.shuffle(out);
}

export function carryOn(spec: CarrySpec): Carried {
  const { school, year, rng } = spec;
  const T = school.values;
  const N = Math.max(0, Math.round(T.teachersTotal ?? 0));
  const contrib = (t: RosterTeacher): Vec => deriveTeacherStats([t], school.level, year) as Vec;
  const left: RosterTeacher[] = [];

  // A year on: 未定级 becomes 二级 after the first year; retirements; a few leave the county.
  const moved = new Set(spec.arriving.map((t) => t.teacherId));
  const staff: RosterTeacher[] = [];
  let rows: RosterTeacher[] = [...spec.arriving];
  for (const s of spec.stayers) {
    const t = s.title === '未定级' ? { ...s, title: '二级' as const } : { ...s };
    const free = !spec.kept.has(t.teacherId);
    if (free && (retires(t, year) || (t.post === '专任' && rng.chance(0.02)))) left.push(t);
    else if (t.post === '专任') rows.push(t);
    else staff.push(t);
  }
  if (N === 0) return { rows: [], left: [...left, ...rows.filter((t) => !moved.has(t.teacherId)), ...staff], promoted: 0 };

  // Repair, one change at a time, until new teachers can meet what is left.
  let c = rows.map(contrib);
  const gap = (): Vec => Object.fromEntries(keys.map((k) => [k, (T[k] ?? 0) - c.reduce((s, x) => s + x[k], 0)]));
  let promoted = 0;
  for (let guard = 0; guard <= rows.length + 4 * N; guard++) {
    const g = gap();
    const n = N - rows.length;
    const now = shortfall(g, n);
    if (now === 0) break;
    const step = bestRepair(rows, c, g, n, now, spec.kept, (t) => promotions(t, year, rng), contrib, year);
    if (!step) break;
    if (step.promoted) {
      rows[step.index] = step.promoted;
      c[step.index] = contrib(step.promoted);
      promoted++;
    } else {
      left.push(rows[step.index]);
      rows = rows.filter((_, j) => j !== step.index);
      c = c.filter((_, j) => j !== step.index);
    }
  }
  if (shortfall(gap(), N - rows.length) !== 0) throw new Error(`demo roster ${school.code} ${year}: the movers alone exceed the figures`);

  // New teachers for the rest, in the sections the school still lacks.
  const g = gap();
  const n = N - rows.length;
  const targets: StatValues = { ...g, teachersTotal: n };
  const have = new Map<Section, number>();
  for (const t of rows) have.set(sectionOf(school.level, t.section), (have.get(sectionOf(school.level, t.section)) ?? 0) + 1);
  const want = plausibleSections(school, N);
  const lack = [...want].map(([s, k]) => Math.max(0, k - (have.get(s) ?? 0)));
  const split = apportion(n, lack.some((x) => x > 0) ? lack : [...want.values()]);
  const sections = feasibleSections(new Map([...want.keys()].map((s, i) => [s, split[i]])), n, g.teachersAboveDegree, g.teachersPostgraduate);
  const ids = Array.from({ length: n }, () => spec.id());
  const arrivals = exactRows({ school, year, targets, sections, id: (i) => ids[i], since: 'new', rng });
  // Staff (行政 / 工勤) stay as they are; none are hired in the demo.
  return { rows: [...rows, ...arrivals, ...staff], left, promoted };
}

/**
 * The change that leaves the smallest shortfall: a stayer leaving (not one kept; the older a little more readily) or
 * promoted (only when that lowers the shortfall). null when no row can change.
 */
function bestRepair(
  rows: readonly RosterTeacher[],
  c: readonly Vec[],
  g: Vec,
  n: number,
  now: number,
  kept: ReadonlySet<string>,
  promotionsOf: (t: RosterTeacher) => RosterTeacher[],
  contrib: (t: RosterTeacher) => Vec,
  year: number,
): { index: number; promoted?: RosterTeacher } | null {
  let best: { v: number; index: number; promoted?: RosterTeacher } | null = null;
  rows.forEach((t, index) => {
    const options: { v: number; promoted?: RosterTeacher }[] = [];
    if (!kept.has(t.teacherId)) options.push({ v: shortfall(addVec(g, c[index], 1), n + 1) + 0.3 - (year - t.birthYear) / 500 });
    for (const p of promotionsOf(t)) {
      const v = shortfall(addVec(addVec(g, c[index], 1), contrib(p), -1), n) + 0.2;
      if (v < now) options.push({ v, promoted: p });
    }
    for (const o of options) if (!best || o.v < best.v) best = { ...o, index };
  });
  return best;
}

function addVec(a: Vec, b: Vec, sign: 1 | -1): Vec {
  const out: Vec = { ...a };
  for (const k of keys) out[k] = (a[k] ?? 0) + sign * (b[k] ?? 0);
  return out;
}

/** Years of service by the row's qualification (for the moves' and the training's plausibility). */
export const serviceOf = (t: Pick<RosterTeacher, 'birthYear' | 'qualification'>, year: number) => year - t.birthYear - CAREER_START_AGE[t.qualification];
