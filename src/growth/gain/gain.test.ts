import { describe, expect, it } from 'vitest';
import { linkExams, type Exam } from '../linkage/link.js';
import { groupMeans } from './aggregate.js';
import { percentileRanker } from './percentile-rank.js';
import { standardizer } from './standardize.js';
import { studentGains } from './student-gain.js';

describe('gain in standard scores and rank change', () => {
  it('z with the population SD; a constant exam gives 0', () => {
    const s = standardizer([2, 4, 4, 4, 5, 5, 7, 9]); // mean 5, population sd 2
    expect([s.mean, s.sd, s.z(9), s.z(3)]).toEqual([5, 2, 2, -1]);
    expect(standardizer([3, 3]).z(3)).toBe(0);
  });

  it('percentile rank with mid-ranks for ties', () => {
    const pr = percentileRanker([10, 20, 20, 30]);
    expect([pr(10), pr(20), pr(30), pr(5), pr(25)]).toEqual([12.5, 50, 87.5, 0, 75]);
  });

  it('per student and per school, entry → exit', () => {
    const entry: Exam = {
      name: 'in',
      records: [
        { id: 'a', school: 'S', score: 60 },
        { id: 'b', school: 'S', score: 80 },
        { id: 'c', school: 'T', score: 100 },
        { id: 'd', school: 'T', score: 40 },
        { id: 'x', school: 'T', score: 100 },
      ],
    };
    const exit: Exam = {
      name: 'out',
      records: [
        { id: 'a', school: 'S', score: 90 },
        { id: 'b', school: 'S', score: 70 },
        { id: 'c', school: 'T', score: 80 },
        { id: 'd', school: 'T', score: 60 },
      ],
    };
    const link = linkExams([entry, exit]);
    // common sample: entry 60, 80, 100, 40 (mean 70, sd √500); exit 90, 70, 80, 60 (mean 75, sd √125)
    const g = studentGains(link, [entry, exit], 'linked');
    const a = g.find((s) => s.id === 'a')!;
    expect(a.entryZ).toBeCloseTo(-10 / Math.sqrt(500), 12);
    expect(a.exitZ).toBeCloseTo(15 / Math.sqrt(125), 12);
    expect(a.zGain).toBeCloseTo(15 / Math.sqrt(125) + 10 / Math.sqrt(500), 12);
    expect([a.entryPR, a.exitPR, a.rankChange]).toEqual([37.5, 87.5, 50]);
    expect(g.reduce((s, x) => s + x.zGain, 0)).toBeCloseTo(0, 12); // common sample: district mean gain 0
    // all takers: the entry exam also has x (100), so its mean is 76
    const all = studentGains(link, [entry, exit]);
    expect(all.find((s) => s.id === 'a')!.entryZ).toBeCloseTo((60 - 76) / Math.sqrt((16 ** 2 + 4 ** 2 + 24 ** 2 + 36 ** 2 + 24 ** 2) / 5), 12);
    const schools = groupMeans(
      g,
      (s) => s.school,
      (s) => s.rankChange,
      2,
    );
    expect(schools.map((s) => [s.group, s.n, s.mean, s.suppressed])).toEqual([
      ['S', 2, 12.5, false],
      ['T', 2, -12.5, false],
    ]);
    // S: rank changes 50 and −25 → sd = √((37.5² + 37.5²)/1) = 53.033, SE = sd/√2 = 37.5
    expect(schools[0].se).toBeCloseTo(37.5, 12);
    const one = groupMeans(
      [{ k: 'z', v: 3 }],
      (t) => t.k,
      (t) => t.v,
    );
    expect(one[0]).toMatchObject({ n: 1, mean: 3, sd: null, se: null, suppressed: true });
  });
});
