// Admission within quotas on small cases worked by hand.
import { describe, expect, it } from 'vitest';
import { admitWithinQuotas, type QuotaCandidate } from './quota-admission.js';

const c = (studentId: string, school: string, total: number | null, ...tieScores: (number | null)[]): QuotaCandidate => ({ studentId, school, total, tieScores });

describe('admission within quotas', () => {
  it('admits the highest totals at or above the line, up to the quota, and returns unfilled places', () => {
    const r = admitWithinQuotas(
      [c('s1', 'A', 650), c('s2', 'A', 640), c('s3', 'A', 600), c('s4', 'A', 599.5), c('t1', 'B', 610), c('t2', 'B', 590), c('u1', 'C', null), c('x', 'Z', 700)],
      new Map([
        ['A', 2],
        ['B', 3],
        ['C', 1],
      ]),
      600,
    );
    // A: 650, 640 admitted (600 is eligible but beyond the quota of 2); B: only 610 ≥ 600 → 1 admitted, 2 unfilled;
    // C: its one student has no score → nobody; Z has no quota → ignored.
    expect(r.map((x) => [x.school, x.sat, x.eligible, x.admitted, x.lowestAdmitted, x.unfilled, x.tiedBeyond])).toEqual([
      ['A', 4, 3, 2, 640, 0, 0],
      ['B', 2, 1, 1, 610, 2, 0],
      ['C', 0, 0, 0, null, 1, 0],
    ]);
  });

  it('a total exactly at the line is eligible (compared at 0.01, no float drift)', () => {
    const r = admitWithinQuotas([c('s1', 'A', 0.1 + 0.2 + 599.7)], new Map([['A', 1]]), 600);
    expect(r[0].admitted).toBe(1);
  });

  it('breaks ties by the stated subjects, and admits everyone still tied with the last place', () => {
    // Quota 2. Totals 620, 610, 610, 610; subjects 语文 then 数学: (100, 90), (100, 95), (100, 95).
    // s1 first; among the 610s s3 and s4 (数学 95) rank above s2 (90): s3 and s4 are tied on every criterion, so both
    // are admitted → 3 admitted, 1 beyond the quota; s2 is not.
    const r = admitWithinQuotas([c('s1', 'A', 620, 110, 100), c('s2', 'A', 610, 100, 90), c('s3', 'A', 610, 100, 95), c('s4', 'A', 610, 100, 95)], new Map([['A', 2]]), 500);
    expect(r[0].students.map((s) => [s.studentId, s.rank])).toEqual([
      ['s1', 1],
      ['s3', 2],
      ['s4', 2],
    ]);
    expect([r[0].admitted, r[0].tiedBeyond, r[0].unfilled]).toEqual([3, 1, 0]);
  });

  it('a missing tie-break score ranks below any score', () => {
    const r = admitWithinQuotas([c('s1', 'A', 600, null), c('s2', 'A', 600, 0)], new Map([['A', 1]]), 0);
    expect(r[0].students.map((s) => s.studentId)).toEqual(['s2']);
  });
});
