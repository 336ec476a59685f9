// The independent checker of an exchange plan: from the teachers, the schools, the rules and the moves alone (no
// solver state) it recomputes every measure and lists every broken rule. The optimiser's answer goes through it
// before it is returned, and so does a plan the bureau edited by hand.
import { backboneShareMet, ceilShare, decimalFraction, distanceKm, isEligible, requiredMovers, withinKm } from './eligibility.js';
import { backboneCv, backboneDeviation } from './metrics.js';
import type { ExchangeMetrics, ExchangeMove, ExchangeRules, ExchangeSchool, ExchangeTeacher, ExchangeViolation } from './model.js';
import { gatherPins } from './pins.js';

/** A share as the exact percentage it stands for, from its decimal fraction (0.07 → "7", 0.125 → "12.5"): no float drift. */
export function percentText(share: number): string {
  const { num, den } = decimalFraction(share);
  let rem = num * 100n;
  let text = String(rem / den);
  rem %= den;
  if (rem) text += '.';
  // den is a power of ten reduced, so the digits end.
  while (rem) {
    rem *= 10n;
    text += String(rem / den);
    rem %= den;
  }
  return text;
}

/** School code → name, for the messages; a code without a name (or with none given) is written as it is. */
export type SchoolNames = ReadonlyMap<string, string>;

/** The names of the schools of a plan, for checkMoves' messages. */
export const schoolNamesOf = (schools: readonly ExchangeSchool[]): SchoolNames => new Map(schools.map((s) => [s.schoolCode, s.schoolName]));

/** "青溪县实验小学（2133000001）" when the name is known and differs from the code, else the code. */
export function schoolLabel(code: string, names?: SchoolNames): string {
  const name = names?.get(code);
  return name && name !== code ? `${name}（${code}）` : code;
}

/** Inconsistent inputs: repeated teacher IDs or school codes, a teacher at a school missing from the schools list. */
export function inputProblems(teachers: readonly ExchangeTeacher[], schools: readonly ExchangeSchool[], names?: SchoolNames): ExchangeViolation[] {
  const out: ExchangeViolation[] = [];
  const label = (code: string) => schoolLabel(code, names);
  const codes = new Set<string>();
  for (const s of schools) {
    if (codes.has(s.schoolCode)) out.push({ rule: 'unknown', schoolCode: s.schoolCode, message: `学校代码 ${label(s.schoolCode)} 重复 / school code ${label(s.schoolCode)} appears twice` });
    codes.add(s.schoolCode);
  }
  const ids = new Set<string>();
  for (const t of teachers) {
    if (ids.has(t.teacherId)) out.push({ rule: 'unknown', teacherId: t.teacherId, message: `教师编号 ${t.teacherId} 重复 / teacher ${t.teacherId} appears twice` });
    ids.add(t.teacherId);
    if (!codes.has(t.schoolCode))
      out.push({
        rule: 'unknown',
        teacherId: t.teacherId,
        schoolCode: t.schoolCode,
        message: `教师 ${t.teacherId} 的学校 ${label(t.schoolCode)} 不在学校名单中 / the school ${label(t.schoolCode)} of teacher ${t.teacherId} is not in the schools list`,
      });
  }
  return out;
}

/** 骨干 per school from the teachers' schools, after applying `to` (teacher → new school). */
export function backboneBySchool(teachers: readonly ExchangeTeacher[], to: ReadonlyMap<string, string> = new Map()): Map<string, number> {
  const b = new Map<string, number>();
  for (const t of teachers) {
    if (!t.backbone) continue;
    const s = to.get(t.teacherId) ?? t.schoolCode;
    b.set(s, (b.get(s) ?? 0) + 1);
  }
  return b;
}

export function checkMoves(
  teachers: readonly ExchangeTeacher[],
  schools: readonly ExchangeSchool[],
  rules: ExchangeRules,
  moves: readonly { teacherId: string; to: string }[],
  /** With names, messages write a school as "name（code）" (the .xlsx export and the API show them as they are). */
  names?: SchoolNames,
): { metrics: ExchangeMetrics; violations: ExchangeViolation[]; moves: ExchangeMove[] } {
  const violations = inputProblems(teachers, schools, names);
  const label = (code: string) => schoolLabel(code, names);
  const teacherById = new Map(teachers.map((t) => [t.teacherId, t]));
  const schoolByCode = new Map(schools.map((s) => [s.schoolCode, s]));

  // Each move: a known teacher, a known other school, once, eligible, within maxKm.
  const out: ExchangeMove[] = [];
  const to = new Map<string, string>();
  for (const m of moves) {
    const t = teacherById.get(m.teacherId);
    const dest = schoolByCode.get(m.to);
    if (!t) {
      violations.push({ rule: 'unknown', teacherId: m.teacherId, message: `教师 ${m.teacherId} 不在教师名单中 / teacher ${m.teacherId} is not in the teachers list` });
      continue;
    }
    if (!dest) {
      violations.push({ rule: 'unknown', teacherId: m.teacherId, schoolCode: m.to, message: `调入学校 ${label(m.to)} 不在学校名单中 / destination ${label(m.to)} is not in the schools list` });
      continue;
    }
    if (m.to === t.schoolCode) {
      violations.push({ rule: 'unknown', teacherId: m.teacherId, schoolCode: m.to, message: `教师 ${m.teacherId} 调往本校 / teacher ${m.teacherId} is moved to their own school` });
      continue;
    }
    if (to.has(m.teacherId)) {
      violations.push({ rule: 'once', teacherId: m.teacherId, message: `教师 ${m.teacherId} 被安排交流不止一次 / teacher ${m.teacherId} is moved more than once` });
      continue;
    }
    const from = schoolByCode.get(t.schoolCode);
    const km = from ? distanceKm(from, dest) : NaN;
    if (!isEligible(t, rules))
      violations.push({
        rule: 'eligible',
        teacherId: t.teacherId,
        message: `教师 ${t.teacherId} 不符合交流条件（本校任教 ${t.yearsAtSchool} 年，${t.age} 岁）/ teacher ${t.teacherId} is not eligible (${t.yearsAtSchool} years at the school, age ${t.age})`,
      });
    if (from && !withinKm(km, rules.maxKm))
      violations.push({
        rule: 'max_km',
        teacherId: t.teacherId,
        schoolCode: m.to,
        message: `教师 ${t.teacherId} 调动距离 ${km.toFixed(1)} km，超过 ${rules.maxKm} km / teacher ${t.teacherId} moves ${km.toFixed(1)} km, beyond ${rules.maxKm} km`,
      });
    to.set(m.teacherId, m.to);
    out.push({ teacherId: t.teacherId, from: t.schoolCode, to: m.to, subject: t.subject, backbone: t.backbone, km });
  }

  // Pins.
  const pins = gatherPins(rules.pins, new Set(teacherById.keys()), new Set(schoolByCode.keys()));
  violations.push(...pins.problems);
  for (const [id, p] of pins.byTeacher) {
    const dest = to.get(id);
    if (p.stay && dest) violations.push({ rule: 'pin', teacherId: id, message: `教师 ${id} 被锁定留任，却被安排交流 / teacher ${id} is pinned to stay but moves` });
    if (p.mustMove && !dest) violations.push({ rule: 'pin', teacherId: id, message: `教师 ${id} 被锁定交流，却未安排 / teacher ${id} is pinned to move but does not` });
    if (p.mustTo && dest && dest !== p.mustTo)
      violations.push({
        rule: 'pin',
        teacherId: id,
        schoolCode: dest,
        message: `教师 ${id} 被锁定调往 ${label(p.mustTo)}，却调往 ${label(dest)} / teacher ${id} is pinned to ${label(p.mustTo)} but moves to ${label(dest)}`,
      });
    if (dest && p.notTo.has(dest)) violations.push({ rule: 'pin', teacherId: id, schoolCode: dest, message: `教师 ${id} 不得调往 ${label(dest)} / teacher ${id} must not move to ${label(dest)}` });
  }

  // Head count per school × subject: arrivals = departures.
  const net = new Map<string, { school: string; subject: string; n: number }>();
  const bump = (school: string, subject: string, d: number) => {
    const k = `${school}\u0000${subject}`;
    const e = net.get(k) ?? { school, subject, n: 0 };
    e.n += d;
    net.set(k, e);
  };
  for (const m of out) {
    bump(m.from, m.subject, -1);
    bump(m.to, m.subject, +1);
  }
  for (const e of [...net.values()].sort((a, b) => (a.school === b.school ? (a.subject < b.subject ? -1 : 1) : a.school < b.school ? -1 : 1))) {
    if (e.n !== 0)
      violations.push({
        rule: 'balance',
        schoolCode: e.school,
        subject: e.subject,
        message: `${label(e.school)} 的${e.subject}教师${e.n > 0 ? `调入比调出多 ${e.n} 人` : `调出比调入多 ${-e.n} 人`} / ${label(e.school)} ${e.subject}: ${Math.abs(e.n)} more ${e.n > 0 ? 'arrivals than departures' : 'departures than arrivals'}`,
      });
  }

  // Counts: the rate and the 骨干 share.
  const eligible = teachers.filter((t) => isEligible(t, rules)).length;
  const required = requiredMovers(rules.rate, eligible);
  const movers = out.length;
  const backboneMovers = out.filter((m) => m.backbone).length;
  if (movers < required)
    violations.push({
      rule: 'rate',
      message: `交流 ${movers} 人，少于应交流的 ${required} 人（${eligible} 名符合条件教师的 ${percentText(rules.rate)}%）/ ${movers} movers, fewer than the ${required} required (${percentText(rules.rate)} % of ${eligible} eligible)`,
    });
  if (!backboneShareMet(rules.backboneShare, backboneMovers, movers))
    violations.push({
      rule: 'backbone_share',
      message: `骨干教师交流 ${backboneMovers} 人，少于交流人数 ${movers} 的 ${percentText(rules.backboneShare)}% / ${backboneMovers} 骨干 movers, fewer than ${percentText(rules.backboneShare)} % of ${movers} movers`,
    });

  const before = backboneBySchool(teachers);
  const after = backboneBySchool(teachers, to);
  return {
    metrics: {
      teachers: teachers.length,
      eligible,
      required,
      movers,
      backboneMovers,
      requiredBackbone: ceilShare(rules.backboneShare, movers),
      dBefore: backboneDeviation(schools, before),
      dAfter: backboneDeviation(schools, after),
      cvBefore: backboneCv(schools, before),
      cvAfter: backboneCv(schools, after),
    },
    violations,
    moves: out,
  };
}
