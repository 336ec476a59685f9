// The small numerical pieces: Cholesky, Brent, Φ⁻¹, group sums, effect labels.
import { describe, expect, it } from 'vitest';
import { brentMinimize } from './brent.js';
import { cholesky, inverseFromCholesky, NotPositiveDefinite } from './cholesky.js';
import { effectRows } from './effects.js';
import type { MixedFit } from './fit.js';
import { groupSums } from './group-sums.js';
import { normalQuantile } from './normal-quantile.js';

describe('numerics', () => {
  it('Cholesky and the inverse of its leading block', () => {
    const a = Float64Array.from([4, 2, 2, 2, 5, 3, 2, 3, 6]);
    const l = cholesky(a, 3);
    expect(Array.from(l)).toEqual([2, 0, 0, 1, 2, 0, 1, 1, 2]);
    const inv = inverseFromCholesky(l, 3, 2); // [[4,2],[2,5]]⁻¹ = [[5,−2],[−2,4]]/16
    [5 / 16, -2 / 16, -2 / 16, 4 / 16].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 15));
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(NotPositiveDefinite);
  });

  it('Brent finds a minimum inside and at the edge of the interval', () => {
    expect(brentMinimize((x) => (x - 0.7) ** 2 + 1, 0, 3).x).toBeCloseTo(0.7, 7);
    expect(brentMinimize((x) => x * x, 0, 1, 1e-14).x).toBeLessThan(1e-7);
    expect(brentMinimize((x) => Math.cos(x), 2, 4).x).toBeCloseTo(Math.PI, 8);
  });

  it('Φ⁻¹ as R qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829303548901, 8);
  });

  it('group sums: means and pooled within cross-products as by hand', () => {
    // groups {x: 1, 3; y: 2, 6} and {x: 5; y: 4}; centred by x̄ = 3, ȳ = 4
    const s = groupSums({ y: Float64Array.from([2, 6, 4]), x: [Float64Array.from([1, 3, 5])], group: Int32Array.from([0, 0, 1]), groups: 3 });
    expect([s.n, s.p, s.q, s.occupied]).toEqual([3, 2, 3, 2]);
    expect(Array.from(s.means.subarray(0, 6))).toEqual([1, -1, 0, 1, 2, 0]);
    expect(Array.from(s.within)).toEqual([0, 0, 0, 0, 2, 4, 0, 4, 8]); // Σ(x−x̄_j)² = 2, Σ(x−x̄_j)(y−ȳ_j) = 4, Σ(y−ȳ_j)² = 8
    expect(s.counts[2]).toBe(0);
  });

  it('labels by the 95% interval, suppresses n < minN, skips empty groups', () => {
    const fit = {
      effects: [
        { n: 30, meanResidual: 5, shrinkage: 0.8, effect: 4, condVar: 1 },
        { n: 30, meanResidual: 1, shrinkage: 0.8, effect: 1.9, condVar: 1 },
        { n: 19, meanResidual: -5, shrinkage: 0.8, effect: -4, condVar: 1 },
        { n: 0, meanResidual: NaN, shrinkage: 0, effect: 0, condVar: 2 },
      ],
    } as unknown as MixedFit;
    const rows = effectRows(fit, ['a', 'b', 'c', 'd']);
    expect(rows.map((r) => [r.group, r.label, r.suppressed])).toEqual([
      ['a', 'above', false],
      ['b', 'expected', false],
      ['c', 'below', true],
    ]);
    expect(rows[0].lower).toBeCloseTo(4 - 1.959963985, 8);
    expect(effectRows(fit, ['a', 'b', 'c', 'd'], { minN: 10 })[2].suppressed).toBe(false);
  });
});
