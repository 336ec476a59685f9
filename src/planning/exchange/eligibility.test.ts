// The rule thresholds in exact arithmetic: eligibility at its boundaries, ⌈rate × eligible⌉ without float drift,
// the 骨干 share by cross-multiplication, distances.
import { describe, expect, it } from 'vitest';
import { backboneShareMet, ceilShare, decimalFraction, distanceKm, isEligible, requiredMovers, ruleProblems, withinKm } from './eligibility.js';
import { DEFAULT_EXCHANGE_RULES } from './model.js';

const t = (yearsAtSchool: number, age: number) => ({ teacherId: 'x', schoolCode: 'S', subject: '数学', backbone: false, yearsAtSchool, age });
const s = (xKm: number, yKm: number) => ({ schoolCode: 'S', schoolName: 'S', students: 1, xKm, yKm });

describe('exchange eligibility and thresholds', () => {
  it('eligible: at least minYears at the school and strictly below maxAge', () => {
    const r = DEFAULT_EXCHANGE_RULES; // 6 years, 55
    expect(isEligible(t(6, 54), r)).toBe(true);
    expect(isEligible(t(5.9, 40), r)).toBe(false);
    expect(isEligible(t(6, 55), r)).toBe(false);
    expect(isEligible(t(30, 54.9), r)).toBe(true);
  });

  it('decimals as exact fractions', () => {
    expect(decimalFraction(0.1)).toEqual({ num: 1n, den: 10n });
    expect(decimalFraction(0.25)).toEqual({ num: 1n, den: 4n });
    expect(decimalFraction(0.2)).toEqual({ num: 1n, den: 5n });
    expect(decimalFraction(1)).toEqual({ num: 1n, den: 1n });
    expect(decimalFraction(0)).toEqual({ num: 0n, den: 1n });
    expect(decimalFraction(1.5e-7)).toEqual({ num: 3n, den: 20000000n });
    expect(() => decimalFraction(-0.1)).toThrow(RangeError);
  });

  it('⌈rate × eligible⌉ exactly: 7 % of 100 is 7, where floating point gives ⌈7.000000000000001⌉ = 8', () => {
    expect(Math.ceil(0.07 * 100)).toBe(8); // the drift this avoids
    expect(requiredMovers(0.07, 100)).toBe(7);
    expect(requiredMovers(0.1, 30)).toBe(3);
    expect(requiredMovers(0.1, 31)).toBe(4);
    expect(requiredMovers(0.1, 0)).toBe(0);
    expect(requiredMovers(0.15, 20)).toBe(3);
    expect(ceilShare(0.2, 15)).toBe(3);
    expect(ceilShare(0.2, 16)).toBe(4);
    expect(ceilShare(0.1, 3)).toBe(1);
  });

  it('骨干 share by cross-multiplication: 1 of 5 is 20 %, 1 of 6 is not', () => {
    expect(backboneShareMet(0.2, 1, 5)).toBe(true);
    expect(backboneShareMet(0.2, 1, 6)).toBe(false);
    expect(backboneShareMet(0.2, 0, 0)).toBe(true);
    expect(7 >= 0.07 * 100).toBe(false); // the drift this avoids
    expect(backboneShareMet(0.07, 7, 100)).toBe(true);
    expect(backboneShareMet(0.07, 6, 100)).toBe(false);
  });

  it('straight-line km; a move of exactly max km is allowed', () => {
    expect(distanceKm(s(0, 0), s(3, 4))).toBe(5);
    expect(distanceKm(s(1, 1), s(19, 25))).toBe(30);
    expect(withinKm(distanceKm(s(1, 1), s(19, 25)), 30)).toBe(true);
    expect(withinKm(30.001, 30)).toBe(false);
    expect(withinKm(Math.hypot(0.1, 0.2), Math.sqrt(0.05))).toBe(true);
  });

  it('names bad rule parameters', () => {
    expect(ruleProblems(DEFAULT_EXCHANGE_RULES)).toEqual([]);
    const p = ruleProblems({ ...DEFAULT_EXCHANGE_RULES, rate: 1.5, maxKm: -1, mipGap: 1 });
    expect(p).toHaveLength(3);
    expect(p[0]).toContain('rate');
  });
});
