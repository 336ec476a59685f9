// The demo county's moves of one school year Y, decided on the roster of Y − 1 (where the yearly rules count the eligible:
// src/teachers/moves/rules.ts) and placed into the schools' figures of Y:
// - 交流轮岗 from each urban public school to the town and rural ones (its 教共体 / 集团 first): the school's profile of the
//   year decides the count — 'both' meets the 10 % rule (movers ≥ 10 % of its eligible: years at the school ≥ 6, age
//   < 55) and the 20 % 骨干 rule, 'rate-only' only the 10 %, 'short' neither; the movers are eligible teachers;
// - two 支教 (teaching support) from schools meeting both rules to rural schools, until the summer after the latest
//   year (one or two years);
// - two 调动 (transfers) from town or rural schools into the town, and every teacher of a school closed in Y to a
//   school of the same town (or leaves when none has room).
// A mover is in the roster of Y at the destination with schoolSince = Y. A destination takes a mover only while its
// movers stay within its figures of Y (so that carryOn can meet them) and under 30 % of its teachers. Pure and seeded.
import type { StatValues } from '../../registry/fields.js';
import type { Location, Ownership, SchoolLevel } from '../../registry/model.js';
import { TEACHER_TARGETS } from '../targets.js';
import type { MoveKind, RosterTeacher, Section } from '../model.js';
import { deriveTeacherStats, TEACHER_STAT_KEYS } from '../roster/derive.js';
import { sectionOf, sectionsOfLevel } from '../roster/sections.js';
import { serviceOf } from './carry.js';
import type { Rng } from './rng.js';

export interface DemoMoveSchool {
  code: string;
  level: SchoolLevel;
  location: Location;
  ownership: Ownership;
  groupName: string | null;
  address: string | null;
  /** Closed schools (later) receive nobody. */
  isOpen: boolean;
}

export interface DemoMove {
  teacherId: string;
  fromSchool: string;
  toSchool: string;
  kind: MoveKind;
  /** YYYY-MM-DD: the first of September of the school year. */
  startDate: string;
  endDate: string | null;
  note: string | null;
}

/** What an urban school does about the yearly rules in a year. */
export type ExchangeProfile = 'both' | 'rate-only' | 'short';
/** The profiles handed out in turn over the urban schools (in a seeded order): both rules met by about half. */
const PROFILES: readonly ExchangeProfile[] = ['both', 'rate-only', 'both', 'short'];
/** At most this share of a receiving school's 专任 teachers are movers. */
const MAX_INCOMING_SHARE = 0.3;

export const isBackbone = (t: Pick<RosterTeacher, 'backboneLevel'>) => t.backboneLevel === '县' || t.backboneLevel === '市' || t.backboneLevel === '省';

/** Eligible in the roster of year `y` (the rules' definition): 专任, years at the school ≥ 6, age < 55. */
export function eligibleIn(t: Pick<RosterTeacher, 'post' | 'schoolSince' | 'birthYear'>, y: number): boolean {
  const rule = TEACHER_TARGETS.exchange;
  return t.post === '专任' && y - t.schoolSince >= rule.minYears && y - t.birthYear < rule.maxAge;
}

/** Movers of a profile for E eligible: ⌈10 % × E⌉ (+ one now and then) to meet the rate, ⌊5 % × E⌋ to miss it. */
export function moversFor(eligible: number, profile: ExchangeProfile, rng: Rng): number {
  const rate = TEACHER_TARGETS.exchange.rate;
  return profile === 'short' ? Math.floor(eligible * rate * 0.5) : Math.ceil(eligible * rate) + (rng.chance(0.3) ? 1 : 0);
}

/** 骨干 among m movers: ⌈20 % × m⌉ for 'both', none for 'rate-only', at most one for 'short'. */
export function backboneFor(m: number, profile: ExchangeProfile, rng: Rng): number {
  if (profile === 'both') return Math.min(m, Math.ceil(m * TEACHER_TARGETS.exchange.backboneShare));
  if (profile === 'rate-only') return 0;
  return Math.min(m, rng.int(0, 1));
}

export interface YearMoves {
  moves: DemoMove[];
  /** The movers' rows of Y at their destination, by destination. */
  arriving: Map<string, RosterTeacher[]>;
  /** The urban schools' profiles of Y. */
  profiles: Map<string, ExchangeProfile>;
}

export interface MovesInput {
  year: number;
  /** The latest year of the demo (a 支教 runs until the summer after it). */
  latest: number;
  schools: readonly DemoMoveSchool[];
  /** The roster of Y − 1 (every school). */
  before: readonly RosterTeacher[];
  /** The typed figures of Y by school (schools without figures in Y are closed). */
  figures: ReadonlyMap<string, StatValues>;
  /** Last year's movers, still at their destination (counted against its figures). */
  kept: ReadonlySet<string>;
  /** A new 工号 at a school. */
  staffNo: (school: string) => string;
  rng: Rng;
}

const townOf = (s: DemoMoveSchool) => /县(.+?[镇乡])/.exec(s.address ?? '')?.[1] ?? null;

export function planYearMoves(input: MovesInput): YearMoves {
  const { year: y, rng } = input;
  const byCode = new Map(input.schools.map((s) => [s.code, s]));
  const rosterOf = new Map<string, RosterTeacher[]>();
  for (const t of input.before) if (t.post === '专任') rosterOf.set(t.schoolCode, [...(rosterOf.get(t.schoolCode) ?? []), t]);
  const sectionOfRow = (t: RosterTeacher): Section => sectionOf(byCode.get(t.schoolCode)!.level, t.section);
  const taken = new Set<string>(input.kept);
  const moves: DemoMove[] = [];
  const arriving = new Map<string, RosterTeacher[]>();
  const profiles = new Map<string, ExchangeProfile>();

  // What a destination's movers (last year's, still there, and this year's) count in its figures of Y.
  const load = new Map<string, { n: number; sums: Record<string, number> }>();
  const loadOf = (code: string) => {
    let l = load.get(code);
    if (!l) {
      const level = byCode.get(code)!.level;
      const stay = (rosterOf.get(code) ?? []).filter((t) => input.kept.has(t.teacherId));
      l = { n: stay.length, sums: deriveTeacherStats(stay, level, y) as Record<string, number> };
      load.set(code, l);
    }
    return l;
  };
  /** The row at `to`, if its figures of Y leave room for it. */
  const placed = (t: RosterTeacher, to: DemoMoveSchool): RosterTeacher | null => {
    const fig = input.figures.get(to.code);
    if (!fig) return null;
    const multi = sectionsOfLevel(to.level).length > 1;
    const row: RosterTeacher = { ...t, schoolCode: to.code, section: multi ? sectionOfRow(t) : null, schoolSince: y, staffNo: null };
    const l = loadOf(to.code);
    if (l.n + 1 > Math.floor((fig.teachersTotal ?? 0) * MAX_INCOMING_SHARE)) return null;
    const c = deriveTeacherStats([row], to.level, y) as Record<string, number>;
    if (TEACHER_STAT_KEYS.some((k) => l.sums[k] + c[k] > (fig[k] ?? 0))) return null;
    return row;
  };
  /** Moves one of the candidates to one of the destinations (same group first); false when none fits. */
  const move = (from: DemoMoveSchool, candidates: RosterTeacher[], to: DemoMoveSchool[], kind: MoveKind, endDate: string | null, note: string): RosterTeacher | null => {
    const teachers = rng.shuffle(candidates.filter((t) => !taken.has(t.teacherId)));
    for (const t of teachers) {
      const options = to.filter((d) => d.code !== from.code && sectionsOfLevel(d.level).includes(sectionOfRow(t)));
      const order = rng.shuffle([...options]).sort((a, b) => Number(b.groupName !== null && b.groupName === from.groupName) - Number(a.groupName !== null && a.groupName === from.groupName));
      for (const d of order) {
        const row = placed(t, d);
        if (!row) continue;
        const l = loadOf(d.code);
        const c = deriveTeacherStats([row], d.level, y) as Record<string, number>;
        l.n++;
        for (const k of TEACHER_STAT_KEYS) l.sums[k] += c[k];
        taken.add(t.teacherId);
        row.staffNo = input.staffNo(d.code);
        arriving.set(d.code, [...(arriving.get(d.code) ?? []), row]);
        moves.push({ teacherId: t.teacherId, fromSchool: from.code, toSchool: d.code, kind, startDate: `${y}-09-01`, endDate, note });
        return row;
      }
    }
    return null;
  };

  const open = input.schools.filter((s) => s.ownership === '公办' && s.isOpen && input.figures.has(s.code));
  const urban = open.filter((s) => s.location === '城区');
  const outside = open.filter((s) => s.location !== '城区');
  const sending = (s: DemoMoveSchool): Section => (s.level === '小学' ? '小学' : '初中');
  const teachersAt = (code: string, section: Section) => (rosterOf.get(code) ?? []).filter((t) => sectionOfRow(t) === section);

  // Schools closed in Y: their teachers to schools of the same town (调动), else they leave.
  for (const s of input.schools.filter((x) => !input.figures.has(x.code) && rosterOf.has(x.code))) {
    const near = outside.filter((d) => townOf(d) === townOf(s));
    for (const t of rosterOf.get(s.code)!) if (y - t.birthYear < 55) move(s, [t], near.length ? near : outside, '调动', null, '学校撤并调动 / school closed');
  }
  // 调动: two transfers into the town.
  for (let k = 0; k < 2; k++) {
    const from = rng.pick(outside);
    const candidates = (rosterOf.get(from.code) ?? []).filter((t) => y - t.birthYear >= 28 && y - t.birthYear <= 50 && serviceOf(t, y) >= 4 && !isBackbone(t));
    move(from, candidates, urban, '调动', null, '个人申请调动 / transfer on request');
  }
  // 交流轮岗 by each urban school's profile of the year (the order and the profiles rotate with the year).
  const order = rng.shuffle([...urban]);
  order.forEach((from, i) => {
    const profile = PROFILES[(i + y) % PROFILES.length];
    profiles.set(from.code, profile);
    // The rule counts the school's eligible of every section; the movers come from the section the outside schools have.
    const eligible = (rosterOf.get(from.code) ?? []).filter((t) => eligibleIn(t, y - 1));
    const m = moversFor(eligible.length, profile, rng);
    const b = backboneFor(m, profile, rng);
    const note = from.groupName ? `${from.groupName}内交流 / within the group` : '县管校聘交流 / county rotation';
    const fit = (t: RosterTeacher) => t.certified && t.employment === '在编';
    for (let j = 0; j < m; j++)
      move(
        from,
        eligible.filter((t) => fit(t) && sectionOfRow(t) === sending(from) && isBackbone(t) === j < b),
        outside,
        '交流轮岗',
        null,
        note,
      );
  });
  // 支教: two from schools meeting both rules to rural schools, until the summer after the latest year.
  const length = input.latest - y + 1;
  const senders = order.filter((s) => profiles.get(s.code) === 'both');
  const rural = outside.filter((s) => s.location === '乡村');
  for (let k = 0; k < 2 && senders.length > 0; k++) {
    const from = rng.pick(senders);
    const candidates = teachersAt(from.code, sending(from)).filter(
      (t) => y - t.birthYear >= 26 && y - t.birthYear <= 45 && serviceOf(t, y) >= 3 && t.certified && t.employment === '在编' && !isBackbone(t),
    );
    move(from, candidates, rural, '支教', `${input.latest + 1}-07-10`, `乡村支教（${length}年）/ rural teaching support, ${length} year${length > 1 ? 's' : ''}`);
  }
  return { moves, arriving, profiles };
}
