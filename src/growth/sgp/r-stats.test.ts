// quantile type 7, extendrange and round against R 4.2.2.
import { describe, expect, it } from 'vitest';
import { extendRange, quantile7, roundDigits } from './r-stats.js';
import { roundR } from './round.js';

describe('R helpers', () => {
  it('quantile(x, c(.2, .4, .6, .8)) (type 7)', () => {
    expect(quantile7([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], [0.2, 0.4, 0.6, 0.8])).toEqual([2, 3, 5, 5]);
    quantile7([617, 604, 631, 598, 700, 512, 650], [0.2, 0.4, 0.6, 0.8]).forEach((q, k) => expect(roundDigits(q, 3)).toBe([599.2, 609.2, 625.4, 646.2][k]));
  });

  it('extendrange(c(150, 795), f = 0.1) = 85.5 859.5', () => {
    expect(extendRange([795, 300, 150], 0.1)).toEqual([85.5, 859.5]);
    expect(extendRange([795, 300, 150], 0)).toEqual([150, 795]);
  });

  it('round(x, 5) as R ≥ 4.0 (R: round(c(0.15, 2.675, 534.999995, 1.000005, 123.456785, 0.000015, 599.9999949999), 5))', () => {
    const R = [0.15, 2.675, 535, 1, 123.45678, 0.00001, 599.99999];
    [0.15, 2.675, 534.999995, 1.000005, 123.456785, 0.000015, 599.9999949999].forEach((x, k) => expect(roundR(x, 5)).toBe(R[k]));
    expect(roundR(-534.999995, 5)).toBe(-535);
    expect(roundR(0.0625, 3)).toBe(0.062); // R: round(0.0625, 3) = 0.062
    expect(roundDigits(617.4000000000001, 3)).toBe(617.4);
  });
});
