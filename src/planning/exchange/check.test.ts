// The independent checker on the hand-worked district (test/fixtures/planning/exchange-small.ts): every measure of a
// valid plan worked out by hand, then one broken rule at a time, each named with its teacher, school and subject.
import { describe, expect, it } from 'vitest';
import { SMALL_SCHOOLS as SCHOOLS, SMALL_TEACHERS as TEACHERS } from '../../../test/fixtures/planning/exchange-small.js';
import { checkMoves, percentText, schoolNamesOf } from './check.js';
import { DEFAULT_EXCHANGE_RULES as RULES, type ExchangeRules } from './model.js';

const rulesOf = (v: ReturnType<typeof checkMoves>) => v.violations.map((x) => x.rule);

describe('checkMoves', () => {
  it('a valid plan: all measures by hand', () => {
    // a1 → C, c1 → A (数学 swap), a2 → B, b1 → A (数学 swap): 骨干 (A, B, C) = (1, 1, 1).
    // D: |1 − 1.5| + |1 − 0.75| + |1 − 0.75| = 1. CV: per 100 students x = (0.1, 0.2, 0.2), X̄ = 0.15,
    // S² = (1000 × 0.05² + 2 × 500 × 0.05²) / 2000 = 0.0025, S = 0.05, CV = 1/3. Before: x = (0.3, 0, 0), S = 0.15, CV = 1.
    const r = checkMoves(TEACHERS, SCHOOLS, RULES, [
      { teacherId: 'a1', to: 'C' },
      { teacherId: 'c1', to: 'A' },
      { teacherId: 'a2', to: 'B' },
      { teacherId: 'b1', to: 'A' },
    ]);
    expect(r.violations).toEqual([]);
    expect(r.metrics).toMatchObject({ teachers: 8, eligible: 6, required: 1, movers: 4, backboneMovers: 2, requiredBackbone: 1 });
    expect(r.metrics.dBefore).toBeCloseTo(3, 12);
    expect(r.metrics.dAfter).toBeCloseTo(1, 12);
    expect(r.metrics.cvBefore).toBeCloseTo(1, 12);
    expect(r.metrics.cvAfter).toBeCloseTo(1 / 3, 12);
    expect(r.moves.find((m) => m.teacherId === 'a1')).toMatchObject({ from: 'A', to: 'C', subject: '数学', backbone: true, km: 20 });
    expect(r.moves.find((m) => m.teacherId === 'a2')!.km).toBe(10);
  });

  it('no moves: the rate is broken (1 required), D and CV unchanged', () => {
    const r = checkMoves(TEACHERS, SCHOOLS, RULES, []);
    expect(rulesOf(r)).toEqual(['rate']);
    expect(r.metrics.dAfter).toBe(r.metrics.dBefore);
    expect(checkMoves(TEACHERS, SCHOOLS, { ...RULES, rate: 0 }, []).violations).toEqual([]);
  });

  it('ineligible, twice, own school, unknown teacher or school', () => {
    // a4 (2 years) and c2 (56) are not eligible; the 语文 head counts of A and C stay level.
    const r = checkMoves(TEACHERS, SCHOOLS, RULES, [
      { teacherId: 'a4', to: 'C' },
      { teacherId: 'c2', to: 'A' },
    ]);
    expect(rulesOf(r).sort()).toEqual(['backbone_share', 'eligible', 'eligible']);
    expect(r.violations.filter((v) => v.rule === 'eligible').map((v) => v.teacherId)).toEqual(['a4', 'c2']);
    const twice = checkMoves(TEACHERS, SCHOOLS, RULES, [
      { teacherId: 'a1', to: 'B' },
      { teacherId: 'a1', to: 'C' },
      { teacherId: 'b1', to: 'A' },
    ]);
    expect(rulesOf(twice)).toEqual(['once']);
    const odd = checkMoves(TEACHERS, SCHOOLS, { ...RULES, rate: 0 }, [
      { teacherId: 'zz', to: 'B' },
      { teacherId: 'a1', to: 'Q' },
      { teacherId: 'a2', to: 'A' },
    ]);
    expect(rulesOf(odd)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(odd.moves).toEqual([]);
  });

  it('head count per school × subject: each unbalanced pair named', () => {
    const r = checkMoves(TEACHERS, SCHOOLS, RULES, [{ teacherId: 'a1', to: 'B' }]);
    expect(r.violations).toEqual([expect.objectContaining({ rule: 'balance', schoolCode: 'A', subject: '数学' }), expect.objectContaining({ rule: 'balance', schoolCode: 'B', subject: '数学' })]);
  });

  it('骨干 share: a swap of two non-骨干 breaks it (0 of 2 < 20 %)', () => {
    const r = checkMoves(TEACHERS, SCHOOLS, RULES, [
      { teacherId: 'b1', to: 'C' },
      { teacherId: 'c1', to: 'B' },
    ]);
    expect(rulesOf(r)).toEqual(['backbone_share']);
    expect(r.metrics.requiredBackbone).toBe(1);
  });

  it('max km: A–C is 20 km, beyond 15', () => {
    const r = checkMoves(TEACHERS, SCHOOLS, { ...RULES, maxKm: 15 }, [
      { teacherId: 'a1', to: 'C' },
      { teacherId: 'c1', to: 'A' },
    ]);
    expect(r.violations.map((v) => [v.rule, v.teacherId])).toEqual([
      ['max_km', 'a1'],
      ['max_km', 'c1'],
    ]);
  });

  it('pins: stay, move, move to a school, not to a school', () => {
    const plan = [
      { teacherId: 'a1', to: 'C' },
      { teacherId: 'c1', to: 'A' },
    ];
    const pinned = (pins: ExchangeRules['pins']) => checkMoves(TEACHERS, SCHOOLS, { ...RULES, pins }, plan).violations;
    expect(pinned([{ teacherId: 'a1', kind: 'stay' }])).toEqual([expect.objectContaining({ rule: 'pin', teacherId: 'a1' })]);
    expect(pinned([{ teacherId: 'b2', kind: 'move' }])).toEqual([expect.objectContaining({ rule: 'pin', teacherId: 'b2' })]);
    expect(pinned([{ teacherId: 'a1', kind: 'move', schoolCode: 'B' }])).toEqual([expect.objectContaining({ rule: 'pin', teacherId: 'a1', schoolCode: 'C' })]);
    expect(pinned([{ teacherId: 'c1', kind: 'not_to', schoolCode: 'A' }])).toEqual([expect.objectContaining({ rule: 'pin', teacherId: 'c1', schoolCode: 'A' })]);
    expect(
      pinned([
        { teacherId: 'a1', kind: 'move', schoolCode: 'C' },
        { teacherId: 'c1', kind: 'not_to', schoolCode: 'B' },
      ]),
    ).toEqual([]);
    expect(pinned([{ teacherId: 'nobody', kind: 'stay' }])).toEqual([expect.objectContaining({ rule: 'unknown' })]);
  });

  it('writes the rate and the 骨干 share as the exact percentages given', () => {
    // 0.07 × 100 = 7.000000000000001 and 0.14 × 100 = 14.000000000000002 in floating point; the decimals are 7/100 and 14/100.
    expect([0.07, 0.14, 0.1, 0.125, 0.333, 1, 0, 0.0005, 0.29].map(percentText)).toEqual(['7', '14', '10', '12.5', '33.3', '100', '0', '0.05', '29']);
    // No moves at rate 0.07: 6 eligible, ⌈0.07 × 6⌉ = ⌈0.42⌉ = 1 required.
    const rate = checkMoves(TEACHERS, SCHOOLS, { ...RULES, rate: 0.07 }, []).violations[0];
    expect(rate.message).toBe('交流 0 人，少于应交流的 1 人（6 名符合条件教师的 7%）/ 0 movers, fewer than the 1 required (7 % of 6 eligible)');
    // Two non-骨干 swap at a 14 % share: 0 of 2.
    const share = checkMoves(TEACHERS, SCHOOLS, { ...RULES, backboneShare: 0.14 }, [
      { teacherId: 'b1', to: 'C' },
      { teacherId: 'c1', to: 'B' },
    ]).violations[0];
    expect(share.message).toBe('骨干教师交流 0 人，少于交流人数 2 的 14% / 0 骨干 movers, fewer than 14 % of 2 movers');
  });

  it('names the schools in its messages when given their names, the codes staying in schoolCode', () => {
    const names = schoolNamesOf(SCHOOLS);
    const r = checkMoves(TEACHERS, SCHOOLS, { ...RULES, pins: [{ teacherId: 'a1', kind: 'not_to', schoolCode: 'B' }] }, [{ teacherId: 'a1', to: 'B' }], names);
    expect(r.violations.map((v) => [v.rule, v.schoolCode, v.message])).toEqual([
      ['pin', 'B', '教师 a1 不得调往 东乡小学（B） / teacher a1 must not move to 东乡小学（B）'],
      ['balance', 'A', '城关小学（A） 的数学教师调出比调入多 1 人 / 城关小学（A） 数学: 1 more departures than arrivals'],
      ['balance', 'B', '东乡小学（B） 的数学教师调入比调出多 1 人 / 东乡小学（B） 数学: 1 more arrivals than departures'],
    ]);
    // An unknown destination has no name: its code as it is. Without names, codes only.
    expect(checkMoves(TEACHERS, SCHOOLS, { ...RULES, rate: 0 }, [{ teacherId: 'a1', to: 'Q' }], names).violations[0].message).toBe(
      '调入学校 Q 不在学校名单中 / destination Q is not in the schools list',
    );
    expect(checkMoves(TEACHERS, SCHOOLS, RULES, [{ teacherId: 'a1', to: 'B' }]).violations[0].message).toMatch(/^A 的数学教师/);
  });

  it('empty district; a school without students', () => {
    const r = checkMoves([], [], RULES, []);
    expect(r.violations).toEqual([]);
    expect(r.metrics).toMatchObject({ teachers: 0, eligible: 0, required: 0, movers: 0, dBefore: 0, dAfter: 0, cvBefore: 0, cvAfter: 0 });
    // C has no students: μ = 3 / 1500, shares (2, 1, 0); D = 1 + 1 + 0 = 2. The CV leaves C out: x = (0.3, 0) per 100,
    // X̄ = 0.2, S² = (1000 × 0.01 + 500 × 0.04) / 1500 = 0.02, CV = √0.02 / 0.2 = 0.7071…
    const noC = SCHOOLS.map((s) => (s.schoolCode === 'C' ? { ...s, students: 0 } : s));
    const m = checkMoves(TEACHERS, noC, { ...RULES, rate: 0 }, []).metrics;
    expect(m.dBefore).toBeCloseTo(2, 12);
    expect(m.cvBefore).toBeCloseTo(Math.sqrt(0.02) / 0.2, 12);
  });
});
