// The yearly exchange rules (教师〔2014〕4号) computed from facts: for school year Y, per school and for the district,
//   eligible  = 专任 teachers in the roster of Y−1 with (Y−1) − schoolSince ≥ minYears and (Y−1) − birthYear < maxAge
//   all movers = teachers with a 交流轮岗 move from the school whose start date falls in Y (schoolYearOf(start) = Y),
//                shown for information
//   movers    = those of them who were eligible on that school's roster of Y−1 (the only ones the rule counts)
//   rate      = movers / eligible, met when movers ≥ rate target × eligible (null when nobody is eligible)
//   骨干 share = 骨干 movers (eligible movers 县/市/省 in the roster of Y−1) / movers, met when ≥ share target × movers
//               (null: no eligible movers)
// Targets: TEACHER_TARGETS.exchange (teacher-targets-v1: 10 %, 20 %, 6 years, 55). Thresholds compared by
// cross-multiplication in whole millionths, so exactly 10 % meets 10 %. Pure.
import { schoolYearOf, type RosterTeacher, type TeacherMove } from '../model.js';
import type { TeacherTargets } from '../targets.js';

export interface ExchangeRuleRow {
  /** null: the district row. */
  schoolCode: string | null;
  /** The school has rows in the roster of Y−1 (the district row: any school has). */
  roster: boolean;
  eligible: number;
  /** Every 交流轮岗 mover from the school in Y (for information; not counted in the rule). */
  allMovers: number;
  /** Movers eligible on the school's roster of Y−1: the rule's count. */
  movers: number;
  /** 骨干 (县/市/省) among the eligible movers. */
  backboneMovers: number;
  /** movers / eligible; null when nobody is eligible. */
  rate: number | null;
  rateMet: boolean | null;
  /** 骨干 movers / movers (both eligible); null when no eligible teacher moved. */
  backboneShare: number | null;
  backboneMet: boolean | null;
}

export interface ExchangeRulesResult {
  year: number;
  /** The roster the eligible come from: Y − 1. */
  rosterYear: number;
  /** No roster of Y − 1 at all: nobody can be counted eligible. */
  rosterMissing: boolean;
  schools: ExchangeRuleRow[];
  district: ExchangeRuleRow;
}

/** part ≥ share × whole, exactly for shares of up to six decimals (0.1 → 100000 / 10⁶). */
export function shareMet(part: number, whole: number, share: number): boolean {
  return part * 1_000_000 >= Math.round(share * 1_000_000) * whole;
}

/** Is this roster row eligible for exchange in the roster's year (专任, long enough at the school, young enough)? */
export function eligibleIn(t: Pick<RosterTeacher, 'post' | 'schoolSince' | 'birthYear'>, rosterYear: number, rules: TeacherTargets['exchange']): boolean {
  return t.post === '专任' && rosterYear - t.schoolSince >= rules.minYears && rosterYear - t.birthYear < rules.maxAge;
}

function row(schoolCode: string | null, roster: boolean, eligible: number, allMovers: number, movers: number, backboneMovers: number, t: TeacherTargets['exchange']): ExchangeRuleRow {
  return {
    schoolCode,
    roster,
    eligible,
    allMovers,
    movers,
    backboneMovers,
    rate: eligible > 0 ? movers / eligible : null,
    rateMet: eligible > 0 ? shareMet(movers, eligible, t.rate) : null,
    backboneShare: movers > 0 ? backboneMovers / movers : null,
    backboneMet: movers > 0 ? shareMet(backboneMovers, movers, t.backboneShare) : null,
  };
}

/**
 * `rosterBefore`: the roster of Y − 1; `moves`: moves of any year and kind (filtered here); `schools`: the codes to list
 * besides those in the roster or with movers (e.g. the registry's open schools). Schools in code order.
 */
export function yearlyExchangeRules(year: number, rosterBefore: readonly RosterTeacher[], moves: readonly TeacherMove[], schools: readonly string[], targets: TeacherTargets): ExchangeRulesResult {
  const t = targets.exchange;
  const rosterYear = year - 1;
  const counted = new Set<string>(targets.backboneShare.levels);
  const byTeacher = new Map(rosterBefore.map((r) => [r.teacherId, r]));
  const eligible = new Map<string, number>();
  const inRoster = new Set<string>();
  for (const r of rosterBefore) {
    inRoster.add(r.schoolCode);
    if (eligibleIn(r, rosterYear, t)) eligible.set(r.schoolCode, (eligible.get(r.schoolCode) ?? 0) + 1);
  }
  // Movers: each teacher once per school they left this year.
  const movers = new Map<string, Set<string>>();
  for (const m of moves) {
    if (m.kind !== '交流轮岗' || schoolYearOf(m.startDate) !== year) continue;
    if (!movers.has(m.fromSchool)) movers.set(m.fromSchool, new Set());
    movers.get(m.fromSchool)!.add(m.teacherId);
  }
  // Eligible mover: on the roster of Y−1 at the school left, and eligible there.
  const eligibleAt = (id: string, code: string) => {
    const r = byTeacher.get(id);
    return r !== undefined && r.schoolCode === code && eligibleIn(r, rosterYear, t);
  };
  const isBackbone = (id: string) => {
    const level = byTeacher.get(id)?.backboneLevel;
    return level != null && counted.has(level);
  };
  const codes = [...new Set([...schools, ...inRoster, ...movers.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = codes.map((code) => {
    const all = [...(movers.get(code) ?? [])];
    const ids = all.filter((id) => eligibleAt(id, code));
    return row(code, inRoster.has(code), eligible.get(code) ?? 0, all.length, ids.length, ids.filter(isBackbone).length, t);
  });
  const sum = (f: (r: ExchangeRuleRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    year,
    rosterYear,
    rosterMissing: rosterBefore.length === 0,
    schools: rows,
    district: row(
      null,
      rosterBefore.length > 0,
      sum((r) => r.eligible),
      sum((r) => r.allMovers),
      sum((r) => r.movers),
      sum((r) => r.backboneMovers),
      t,
    ),
  };
}
