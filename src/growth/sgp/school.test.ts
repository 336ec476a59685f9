import { describe, expect, it } from 'vitest';
import { median, schoolSgpSummary } from './school.js';

describe('school median SGP and its standard error (summarizeSGP)', () => {
  it('median, mean, sd/√n and 1.253·sd/√n by hand', () => {
    const rows = [10, 20, 30, 40, 90].map((sgp) => ({ school: 'A', sgp })).concat([{ school: 'B', sgp: 50 }]);
    const [a, b] = schoolSgpSummary(rows);
    // A: median 30, mean 38, sd = √((28² + 18² + 8² + 2² + 52²)/4) = √(3880/4) = 31.1448…
    expect(a).toMatchObject({ school: 'A', n: 5, medianSgp: 30, meanSgp: 38 });
    expect(a.meanSgpSe).toBeCloseTo(Math.sqrt(970) / Math.sqrt(5), 12);
    expect(a.medianSgpSe).toBeCloseTo((1.253 * Math.sqrt(970)) / Math.sqrt(5), 12);
    expect(b).toMatchObject({ school: 'B', n: 1, medianSgp: 50, medianSgpSe: null, meanSgpSe: null });
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
