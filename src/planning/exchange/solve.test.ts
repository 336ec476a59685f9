// The exchange optimiser against numbers found independently: a 3-school, 8-teacher district whose optimum is found
// by enumerating every plan (a brute force written here from the rules' text, sharing no code with the model), and a
// seeded 300-teacher × 12-school district whose plan is re-checked rule by rule, with D and the CV recomputed from the
// moves by the formulas (not through metrics.ts). Then infeasible rules (each named), pins and max_km.
import { describe, expect, it } from 'vitest';
import { syntheticDistrict } from '../../../test/fixtures/planning/exchange-district.js';
import { SMALL_SCHOOLS, SMALL_TEACHERS, teacher } from '../../../test/fixtures/planning/exchange-small.js';
import { DEFAULT_EXCHANGE_RULES, ExchangeInfeasible, type ExchangeRules, type ExchangeSchool, type ExchangeSolution, type ExchangeTeacher } from './model.js';
import { solveExchange } from './solve.js';

const T = teacher;
const SCHOOLS = SMALL_SCHOOLS;
const TEACHERS = SMALL_TEACHERS;
const RULES: ExchangeRules = { ...DEFAULT_EXCHANGE_RULES, mipGap: 0 };

/** Every plan (each teacher stays or goes to another school), kept when it obeys the rules; the best D, then fewest moves. */
function bruteForce(teachers: ExchangeTeacher[], schools: ExchangeSchool[], r: ExchangeRules) {
  const codes = schools.map((s) => s.schoolCode);
  const at = new Map(schools.map((s) => [s.schoolCode, s]));
  const km = (a: string, b: string) => Math.sqrt((at.get(a)!.xKm - at.get(b)!.xKm) ** 2 + (at.get(a)!.yKm - at.get(b)!.yKm) ** 2);
  const eligible = teachers.filter((t) => t.yearsAtSchool >= r.minYears && t.age < r.maxAge).length;
  const rateTenths = Math.round(r.rate * 100); // rate in hundredths, exact for the rates used here
  const shareHundredths = Math.round(r.backboneShare * 100);
  const totalBackbone = teachers.filter((t) => t.backbone).length;
  const totalStudents = schools.reduce((a, s) => a + s.students, 0);
  let best: { d: number; moves: number; plan: string[] } | null = null;
  const plan: string[] = teachers.map((t) => t.schoolCode);
  const visit = (i: number) => {
    if (i < teachers.length) {
      for (const c of codes) {
        plan[i] = c;
        visit(i + 1);
      }
      plan[i] = teachers[i].schoolCode;
      return;
    }
    let movers = 0;
    let bbMovers = 0;
    const net = new Map<string, number>();
    for (let k = 0; k < teachers.length; k++) {
      const t = teachers[k];
      if (plan[k] === t.schoolCode) continue;
      if (!(t.yearsAtSchool >= r.minYears && t.age < r.maxAge)) return;
      if (km(t.schoolCode, plan[k]) > r.maxKm) return;
      movers++;
      if (t.backbone) bbMovers++;
      net.set(`${plan[k]}|${t.subject}`, (net.get(`${plan[k]}|${t.subject}`) ?? 0) + 1);
      net.set(`${t.schoolCode}|${t.subject}`, (net.get(`${t.schoolCode}|${t.subject}`) ?? 0) - 1);
    }
    if (movers * 100 < rateTenths * eligible) return;
    if (bbMovers * 100 < shareHundredths * movers) return;
    if ([...net.values()].some((v) => v !== 0)) return;
    let d = 0;
    for (const s of schools) {
      const b = teachers.filter((t, k) => t.backbone && plan[k] === s.schoolCode).length;
      d += Math.abs(b - (totalBackbone * s.students) / totalStudents);
    }
    if (!best || d < best.d - 1e-9 || (Math.abs(d - best.d) <= 1e-9 && movers < best.moves)) best = { d, moves: movers, plan: [...plan] };
  };
  visit(0);
  return best as { d: number; moves: number; plan: string[] } | null;
}

/** The student-weighted CV of 骨干 per 100 students, from its definition: X̄ = 100ΣB/ΣP, S² = ΣP(x − X̄)²/ΣP, CV = S/X̄. */
function cvOf(backbone: Map<string, number>, schools: ExchangeSchool[]): number {
  const P = schools.reduce((a, s) => a + s.students, 0);
  const mean = (100 * schools.reduce((a, s) => a + (backbone.get(s.schoolCode) ?? 0), 0)) / P;
  const ss = schools.reduce((a, s) => a + s.students * ((100 * (backbone.get(s.schoolCode) ?? 0)) / s.students - mean) ** 2, 0);
  return Math.sqrt(ss / P) / mean;
}

function backboneAfter(teachers: ExchangeTeacher[], moves: { teacherId: string; to: string }[]): Map<string, number> {
  const to = new Map(moves.map((m) => [m.teacherId, m.to]));
  const b = new Map<string, number>();
  for (const t of teachers) if (t.backbone) b.set(to.get(t.teacherId) ?? t.schoolCode, (b.get(to.get(t.teacherId) ?? t.schoolCode) ?? 0) + 1);
  return b;
}

describe('solveExchange on a district worked by hand', () => {
  it('finds the enumerated optimum: D 3 → 1, CV 1 → 1/3, in the fewest moves (4)', async () => {
    // μ = 3 骨干 / 2000 students; fair shares A 1.5, B 0.75, C 0.75. Before: B = (3, 0, 0), D = 1.5 + 0.75 + 0.75 = 3.
    // Best: one 骨干 to B and one to C, B = (1, 1, 1): D = 0.5 + 0.25 + 0.25 = 1. Each needs a same-subject partner
    // back (C has only 数学 c1 eligible), so 4 moves. Eligible: a1 a2 a3 b1 b2 c1 = 6; required ⌈0.1 × 6⌉ = 1.
    // CV before: x = (0.3, 0, 0) per 100, X̄ = 0.15, S = 0.15 → 1. After: x = (0.1, 0.2, 0.2), S = 0.05 → 1/3.
    const brute = bruteForce(TEACHERS, SCHOOLS, RULES)!;
    expect(brute.d).toBeCloseTo(1, 12);
    expect(brute.moves).toBe(4);
    const r = await solveExchange(TEACHERS, SCHOOLS, RULES);
    expect(r).toMatchObject({ method: 'junheng-exchange-v1', teachers: 8, eligible: 6, required: 1, movers: 4, status: 'optimal' });
    expect(r.dBefore).toBeCloseTo(3, 12);
    expect(r.dAfter).toBeCloseTo(1, 12);
    expect(r.cvBefore).toBeCloseTo(1, 12);
    expect(r.cvAfter).toBeCloseTo(1 / 3, 12);
    expect(r.mipGap).toBeLessThanOrEqual(1e-6);
    const after = backboneAfter(TEACHERS, r.moves);
    expect(['A', 'B', 'C'].map((s) => after.get(s) ?? 0)).toEqual([1, 1, 1]);
  });

  it('matches the enumeration under other rules: rate 1 (everyone eligible moves), 50 % 骨干, and max 15 km', async () => {
    for (const rules of [
      { ...RULES, rate: 1 },
      { ...RULES, rate: 0.5, backboneShare: 0.5 },
      { ...RULES, maxKm: 15 }, // only A–B: the best is one 骨干 to B, D = 0.5 + 0.25 + 0.75 = 1.5
      { ...RULES, rate: 0 },
    ]) {
      const brute = bruteForce(TEACHERS, SCHOOLS, rules)!;
      const r = await solveExchange(TEACHERS, SCHOOLS, rules);
      expect(r.dAfter).toBeCloseTo(brute.d, 9);
      expect(r.movers).toBe(brute.moves);
    }
    expect(bruteForce(TEACHERS, SCHOOLS, { ...RULES, maxKm: 15 })!.d).toBeCloseTo(1.5, 12);
  });

  it('orders the teachers of a class: the longest at the school moves first', async () => {
    // a1 (10 years) and a2 (8 years) are both eligible 数学 骨干 at A; with max 15 km only one 骨干 goes (to B), and
    // with the 语文 骨干 a3 pinned to stay it is a 数学 one, swapped with b1.
    const r = await solveExchange(TEACHERS, SCHOOLS, { ...RULES, maxKm: 15, pins: [{ teacherId: 'a3', kind: 'stay' }] });
    expect(r.moves.map((m) => `${m.teacherId}→${m.to}`).sort()).toEqual(['a1→B', 'b1→A']);
  });

  it('names the binding rule when the rules cannot all hold', async () => {
    const fail = (rules: ExchangeRules) =>
      solveExchange(TEACHERS, SCHOOLS, rules).then(
        () => null,
        (e: unknown) => e as ExchangeInfeasible,
      );
    // 5 km: nobody has a partner, and 1 mover is required (⌈0.07 × 6⌉ = 1); without the limit all 6 eligible have
    // one (a1 a2 b1 c1 数学, a3 b2 语文): the distance is named, and the rate beside it, written exactly (7, not 7.000000000000001).
    let e = await fail({ ...RULES, rate: 0.07, maxKm: 5 });
    expect(e).toBeInstanceOf(ExchangeInfeasible);
    expect(e).toMatchObject({ rule: 'max_km' });
    expect(e!.message).toContain('最远距离 5 km 内只有 0 名');
    expect(e!.message).toContain('（6 名符合条件教师的 7%）；不限距离时有 6 人');
    expect(e!.message).toContain('(7 % of 6 eligible); without the distance limit 6 would: relax the max km or lower the rate');
    // Everyone eligible must move (rate 1): the district can. Add x, an eligible 音乐 teacher with no same-subject
    // partner at any distance: 6 of 7 can move within 30 km and also without the limit, < 7 required: the rate is named.
    e = await fail({ ...RULES, rate: 1 });
    expect(e).toBeNull(); // the district itself can move all 6
    const withX = await solveExchange([...TEACHERS, T('x', 'A', '音乐', false, 9, 40)], SCHOOLS, { ...RULES, rate: 1 }).catch((x: unknown) => x as ExchangeInfeasible);
    expect(withX).toMatchObject({ rule: 'rate' });
    expect((withX as Error).message).toBe(
      '交流比例要求至少 7 人交流（7 名符合条件教师的 100%），但只有 6 名符合条件的教师在 30 km 内有同学科的交换对象 / the rate needs at least 7 movers (100 % of 7 eligible), but only 6 eligible teachers have a same-subject partner within 30 km',
    );
    // All 6 eligible must move and all of them be 骨干: only 3 are.
    e = await fail({ ...RULES, rate: 1, backboneShare: 1 });
    expect(e).toMatchObject({ rule: 'backbone_share' });
    // c1 must move but may go neither to A nor to B.
    e = await fail({
      ...RULES,
      pins: [
        { teacherId: 'c1', kind: 'move' },
        { teacherId: 'c1', kind: 'not_to', schoolCode: 'A' },
        { teacherId: 'c1', kind: 'not_to', schoolCode: 'B' },
      ],
    });
    expect(e).toMatchObject({ rule: 'pin' });
    expect(e!.message).toContain('c1');
    // a4 is not eligible.
    e = await fail({ ...RULES, pins: [{ teacherId: 'a4', kind: 'move' }] });
    expect(e).toMatchObject({ rule: 'pin' });
    expect(e!.message).toContain('a4');
    // stay and move at once; an unknown teacher; an unknown school.
    expect(
      await fail({
        ...RULES,
        pins: [
          { teacherId: 'a1', kind: 'move' },
          { teacherId: 'a1', kind: 'stay' },
        ],
      }),
    ).toMatchObject({ rule: 'pin' });
    expect(await fail({ ...RULES, pins: [{ teacherId: 'zz', kind: 'stay' }] })).toMatchObject({ rule: 'unknown' });
    expect(await fail({ ...RULES, pins: [{ teacherId: 'a1', kind: 'not_to', schoolCode: 'Q' }] })).toMatchObject({ rule: 'unknown' });
    // A teacher at a school missing from the schools list.
    const e2 = await solveExchange([...TEACHERS, T('x1', 'Z', '数学', false, 9, 40)], SCHOOLS, RULES).catch((x: unknown) => x);
    expect(e2).toMatchObject({ rule: 'unknown' });
  });

  it('names max_km when the distance limit alone blocks the rate (found by relaxing each rule in turn)', async () => {
    // A line of three schools 10 km apart, one eligible 数学 teacher each, everyone must move (rate 1), max 15 km.
    // Each teacher has a partner in reach, so the cheap checks pass; but moving all three needs the cycle A→B→C→A
    // and C→A is 20 km. Relaxing the pins (none) or the 骨干 share does not help; relaxing max_km does.
    const schools: ExchangeSchool[] = ['P', 'Q', 'R'].map((c, i) => ({ schoolCode: c, schoolName: c, students: 300, xKm: 10 * i, yKm: 0 }));
    const teachers = [T('p', 'P', '数学', true, 9, 40), T('q', 'Q', '数学', false, 9, 40), T('r', 'R', '数学', false, 9, 40)];
    const e = await solveExchange(teachers, schools, { ...RULES, rate: 1, backboneShare: 0, maxKm: 15 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExchangeInfeasible);
    expect(e).toMatchObject({ rule: 'max_km' });
    expect((e as Error).message).toMatch(/rate/); // relaxing the rate would also do
    // With 25 km the cycle is allowed: 3 moves.
    const r = await solveExchange(teachers, schools, { ...RULES, rate: 1, backboneShare: 0, maxKm: 25 });
    expect(r.movers).toBe(3);
  });

  it('honours pins: stay, move to a school, not to a school', async () => {
    // Without pins a1 goes (longest at A). Pin a1 to stay: a2 goes instead, and D is still the optimum 1.
    const r1 = await solveExchange(TEACHERS, SCHOOLS, { ...RULES, pins: [{ teacherId: 'a1', kind: 'stay' }] });
    expect(r1.moves.some((m) => m.teacherId === 'a1')).toBe(false);
    expect(r1.dAfter).toBeCloseTo(1, 12);
    // b2 must move to A (语文 swap with a3) even though it does not change D here.
    const r2 = await solveExchange(TEACHERS, SCHOOLS, { ...RULES, maxKm: 15, pins: [{ teacherId: 'b2', kind: 'move', schoolCode: 'A' }] });
    expect(r2.moves.find((m) => m.teacherId === 'b2')).toMatchObject({ to: 'A' });
    expect(r2.moves.find((m) => m.teacherId === 'a3')).toMatchObject({ to: 'B' });
    // a1 not to C: a2 goes to C.
    const r3 = await solveExchange(TEACHERS, SCHOOLS, { ...RULES, pins: [{ teacherId: 'a1', kind: 'not_to', schoolCode: 'C' }] });
    expect(r3.moves.find((m) => m.teacherId === 'a1')?.to).not.toBe('C');
    expect(r3.dAfter).toBeCloseTo(1, 12);
  });

  it('empty and trivial districts: no teachers, nobody eligible, no students', async () => {
    const none = await solveExchange([], SCHOOLS, RULES);
    expect(none).toMatchObject({ teachers: 0, eligible: 0, required: 0, movers: 0, dBefore: 0, dAfter: 0, cvBefore: 0, cvAfter: 0, status: 'optimal', mipGap: 0 });
    const young = TEACHERS.map((t) => ({ ...t, yearsAtSchool: 1 }));
    const r = await solveExchange(young, SCHOOLS, RULES);
    expect(r).toMatchObject({ eligible: 0, required: 0, movers: 0 });
    expect(r.dAfter).toBeCloseTo(3, 12);
    // No students anywhere: μ = 0, D = Σ B_s = 3 whatever the moves, the CV is undefined and shown as 0.
    const empty = SCHOOLS.map((s) => ({ ...s, students: 0 }));
    const z = await solveExchange(TEACHERS, empty, RULES);
    expect(z.dBefore).toBe(3);
    expect(z.dAfter).toBe(3);
    expect(z.cvAfter).toBe(0);
    expect(z.movers).toBe(1 + 1); // the required mover and a same-subject partner back
  });
});

describe('solveExchange on a seeded district of 300 teachers and 12 schools', () => {
  const { teachers, schools } = syntheticDistrict({ teachers: 300, schools: 12, seed: 16 });
  let solved: ExchangeSolution;

  it('obeys every rule, checked from the moves alone', async () => {
    solved = await solveExchange(teachers, schools, DEFAULT_EXCHANGE_RULES);
    const byId = new Map(teachers.map((t) => [t.teacherId, t]));
    const at = new Map(schools.map((s) => [s.schoolCode, s]));
    const eligible = teachers.filter((t) => t.yearsAtSchool >= 6 && t.age < 55).length;
    expect(solved.eligible).toBe(eligible);
    const ids = solved.moves.map((m) => m.teacherId);
    expect(new Set(ids).size).toBe(ids.length); // each at most once
    const net = new Map<string, number>();
    for (const m of solved.moves) {
      const t = byId.get(m.teacherId)!;
      expect(t.yearsAtSchool >= 6 && t.age < 55).toBe(true);
      expect(m.from).toBe(t.schoolCode);
      expect(m.to).not.toBe(t.schoolCode);
      const a = at.get(m.from)!;
      const b = at.get(m.to)!;
      expect(Math.hypot(a.xKm - b.xKm, a.yKm - b.yKm)).toBeLessThanOrEqual(30);
      net.set(`${m.to}|${t.subject}`, (net.get(`${m.to}|${t.subject}`) ?? 0) + 1);
      net.set(`${m.from}|${t.subject}`, (net.get(`${m.from}|${t.subject}`) ?? 0) - 1);
    }
    expect([...net.values()].every((v) => v === 0)).toBe(true);
    expect(solved.moves.length * 10).toBeGreaterThanOrEqual(eligible); // ≥ 10 % of the eligible
    expect(solved.moves.filter((m) => byId.get(m.teacherId)!.backbone).length * 5).toBeGreaterThanOrEqual(solved.moves.length); // ≥ 20 % 骨干
    expect(solved.mipGap).toBeLessThanOrEqual(0.01);
    expect(['optimal', 'gap_reached']).toContain(solved.status);
  });

  it('reports D and the CV as recomputed from the moves by their formulas', () => {
    const P = schools.reduce((a, s) => a + s.students, 0);
    const B = teachers.filter((t) => t.backbone).length;
    const before = backboneAfter(teachers, []);
    const after = backboneAfter(teachers, solved.moves);
    const D = (b: Map<string, number>) => schools.reduce((a, s) => a + Math.abs((b.get(s.schoolCode) ?? 0) - (B * s.students) / P), 0);
    expect(solved.dBefore).toBeCloseTo(D(before), 9);
    expect(solved.dAfter).toBeCloseTo(D(after), 9);
    expect(solved.cvBefore).toBeCloseTo(cvOf(before, schools), 12);
    expect(solved.cvAfter).toBeCloseTo(cvOf(after, schools), 12);
    expect(solved.dAfter).toBeLessThan(solved.dBefore / 2);
    expect(solved.cvAfter).toBeLessThan(solved.cvBefore);
  });

  it('gives the same plan for the same input', async () => {
    const again = await solveExchange(teachers, schools, DEFAULT_EXCHANGE_RULES);
    expect(again.moves).toEqual(solved.moves);
  });
});
