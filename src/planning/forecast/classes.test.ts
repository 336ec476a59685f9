// Classes needed = ⌈students / standard⌉ on the unrounded forecast, with floating noise (≤ 1e-9 relative) ignored.
import { describe, expect, it } from 'vitest';
import { classesNeeded, standardClassSize } from './classes.js';

describe('classes needed', () => {
  it('⌈students / size⌉', () => {
    expect(classesNeeded(0, 45)).toBe(0);
    expect(classesNeeded(1, 45)).toBe(1);
    expect(classesNeeded(45, 45)).toBe(1);
    expect(classesNeeded(45.5, 45)).toBe(2);
    expect(classesNeeded(90, 45)).toBe(2);
    expect(classesNeeded(91, 45)).toBe(3);
    expect(classesNeeded(100, 50)).toBe(2);
  });

  it('ignores floating noise at a multiple of the size, not a real excess', () => {
    expect(classesNeeded(90.0000000001, 45)).toBe(2); // |90.0000000001 − 90| = 1e-10 ≤ 1e-9 × 90
    expect(classesNeeded(0.1 * 3 * 300, 45)).toBe(2); // 0.1 × 3 × 300 = 90.00000000000001 in floating point
    expect(0.1 * 3 * 300).toBeGreaterThan(90); // (so a plain ⌈x / 45⌉ would say 3)
    expect(classesNeeded(89.9999999999, 45)).toBe(2);
    expect(classesNeeded(90.00001, 45)).toBe(3); // 1e-5 > 9e-8: a real excess
    expect(classesNeeded(44.9999, 45)).toBe(1);
    expect(classesNeeded(1e-12, 45)).toBe(0); // noise around 0
    expect(classesNeeded(1e-6, 45)).toBe(1);
  });

  it('standards per grade and bad input', () => {
    expect([1, 6, 7, 9].map(standardClassSize)).toEqual([45, 45, 50, 50]);
    expect(() => classesNeeded(10, 0)).toThrow(/class-size standard/);
    expect(() => classesNeeded(10, 45.5)).toThrow(/class-size standard/);
    expect(() => classesNeeded(-1, 45)).toThrow(/students must be/);
    expect(() => classesNeeded(Number.NaN, 45)).toThrow(/students must be/);
  });
});
