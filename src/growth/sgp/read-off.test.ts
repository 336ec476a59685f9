import { describe, expect, it } from 'vitest';
import { readOffSgp, SGP_TAUS } from './read-off.js';

describe('reading off an SGP (by hand)', () => {
  // One student, intercept-only design: the 100 predictions are the coefficients themselves.
  const X = Float64Array.from([1]);
  const coef = Float64Array.from({ length: 100 }, (_, t) => 401 + t); // 401 … 500

  it('counts the predictions strictly below the score and clips to 1…99', () => {
    expect(SGP_TAUS[0]).toBeCloseTo(0.005, 15);
    expect(SGP_TAUS[99]).toBeCloseTo(0.995, 15);
    expect(readOffSgp(X, 1, 0, coef, 100, 450.5)).toBe(50);
    expect(readOffSgp(X, 1, 0, coef, 100, 450)).toBe(49); // 450 itself is not below
    expect(readOffSgp(X, 1, 0, coef, 100, 100)).toBe(1); // 0 → 1
    expect(readOffSgp(X, 1, 0, coef, 100, 900)).toBe(99); // 100 → 99
  });

  it('rounds predictions to 5 decimals first, so floating-point noise at the score does not count', () => {
    const noisy = Float64Array.from(coef, (v) => (v === 450 ? 450 - 1e-9 : v));
    expect(readOffSgp(X, 1, 0, noisy, 100, 450)).toBe(49);
    const below = Float64Array.from(coef, (v) => (v === 450 ? 450 - 1e-5 : v));
    expect(readOffSgp(X, 1, 0, below, 100, 450)).toBe(50);
  });
});
