import { describe, expect, it } from 'vitest';
import { cvOfSchoolMeans } from './school-means-cv.js';

describe('student-weighted CV of school means', () => {
  it('weights each school mean by its students (by hand: X̄ = 76, S = √(300·16 + 100·144)/400 = 6.9282, CV = 0.091161)', () => {
    // X̄ = (300·80 + 100·64)/400 = 76; S² = (300·4² + 100·12²)/400 = 48
    expect(
      cvOfSchoolMeans([
        { n: 300, mean: 80 },
        { n: 100, mean: 64 },
      ]),
    ).toBeCloseTo(Math.sqrt(48) / 76, 15);
  });
  it('schools without students carry no weight; no students or a zero mean → null', () => {
    expect(
      cvOfSchoolMeans([
        { n: 300, mean: 80 },
        { n: 100, mean: 64 },
        { n: 0, mean: null },
      ]),
    ).toBeCloseTo(Math.sqrt(48) / 76, 15);
    expect(cvOfSchoolMeans([{ n: 0, mean: null }])).toBeNull();
    expect(cvOfSchoolMeans([{ n: 3, mean: 0 }])).toBeNull();
    expect(cvOfSchoolMeans([{ n: 3, mean: 50 }])).toBe(0);
  });
});
