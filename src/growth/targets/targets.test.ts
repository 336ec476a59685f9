import { describe, expect, it } from 'vitest';
import { median } from './median.js';
import { quadrants } from './quadrants.js';
import { schoolPoints } from './school-points.js';
import type { StudentGain } from '../gain/student-gain.js';
import type { EffectRow } from '../va/effects.js';
import { twoYearTargets } from './two-year.js';

describe('targets', () => {
  it('the mean of the previous two years, raised and capped; partial with one year', () => {
    const t = twoYearTargets(
      [
        { school: 'A', year: 2022, value: 0.6 },
        { school: 'A', year: 2023, value: 0.7 },
        { school: 'A', year: 2024, value: 0.9 },
        { school: 'B', year: 2024, value: 0.99 },
        { school: 'C', year: 2020, value: 0.5 },
      ],
      { targetYear: 2025, increment: 0.02, cap: 1 },
    );
    expect(t.map((x) => [x.school, x.years, x.partial])).toEqual([
      ['A', [2024, 2023], false],
      ['B', [2024], true],
    ]);
    expect(t[0].base).toBeCloseTo(0.8, 12);
    expect(t[0].target).toBeCloseTo(0.82, 12);
    expect(t[1].target).toBe(1);
    expect(() =>
      twoYearTargets(
        [
          { school: 'A', year: 2024, value: 1 },
          { school: 'A', year: 2024, value: 2 },
        ],
        { targetYear: 2025 },
      ),
    ).toThrow(RangeError);
  });

  it('quadrants by sign and by district medians', () => {
    const pts = [
      { school: 'A', achievement: 0.5, growth: 2 },
      { school: 'B', achievement: 0.2, growth: -1 },
      { school: 'C', achievement: -0.3, growth: 0.5 },
      { school: 'D', achievement: -0.6, growth: -3 },
    ];
    expect(quadrants(pts).schools.map((s) => s.quadrant)).toEqual(['high-achievement-high-growth', 'high-achievement-low-growth', 'low-achievement-high-growth', 'low-achievement-low-growth']);
    const m = quadrants(pts, 'median');
    expect(m.cuts.achievement).toBeCloseTo(-0.05, 12);
    expect(m.cuts.growth).toBe(-0.25);
    expect(m.schools.map((s) => s.quadrant)).toEqual(['high-achievement-high-growth', 'high-achievement-low-growth', 'low-achievement-high-growth', 'low-achievement-low-growth']);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });

  it('school points join mean exit z with the value-added effect', () => {
    const gains = [
      { school: 'A', exitZ: 1 },
      { school: 'A', exitZ: 0 },
      { school: 'B', exitZ: -1 },
      { school: 'C', exitZ: 2 },
    ] as StudentGain[];
    const effects = [
      { group: 'A', effect: 2, n: 2, suppressed: true },
      { group: 'B', effect: -1, n: 1, suppressed: true },
      { group: 'D', effect: 0, n: 5, suppressed: true },
    ] as EffectRow[];
    expect(schoolPoints(gains, effects)).toEqual([
      { school: 'A', achievement: 0.5, growth: 2, n: 2, suppressed: true },
      { school: 'B', achievement: -1, growth: -1, n: 1, suppressed: true },
    ]);
  });
});
