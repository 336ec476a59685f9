import { describe, expect, it } from 'vitest';
import { studentWeightedCv } from './weighted-cv.js';
import { splitStock, SPLIT_WEIGHTS } from './split.js';

describe('studentWeightedCv', () => {
  // Published five-school example, 生均图书册数 (standards.md §3.1): Σ差异情况 = 10.65, √ = 3.26, CV = 0.52.
  // Recomputed independently (python): X̄ = 1913/302 = 6.33444, S = 3.26386, CV = 0.51526.
  const books = [
    { students: 45, numerator: 279 },
    { students: 37, numerator: 137 },
    { students: 89, numerator: 935 },
    { students: 76, numerator: 160 },
    { students: 55, numerator: 402 },
  ];
  it('reproduces the published books example', () => {
    const r = studentWeightedCv(books);
    expect(r.n).toBe(5);
    expect(r.students).toBe(302);
    expect(r.mean).toBeCloseTo(6.33444, 5);
    expect(r.sd * r.sd).toBeCloseTo(10.6528, 4); // Σ (P_i/P)(X_i − X̄)²
    expect(r.sd).toBeCloseTo(3.26386, 5);
    expect(r.cv!).toBeCloseTo(0.51526, 5);
    expect(Math.round(r.cv! * 100) / 100).toBe(0.52);
  });
  it('is not the unweighted CV (population 0.4888, sample 0.5465)', () => {
    const r = studentWeightedCv(books);
    expect(Math.abs(r.cv! - 0.4888)).toBeGreaterThan(0.02);
    expect(Math.abs(r.cv! - 0.5465)).toBeGreaterThan(0.02);
  });
  it('scale multiplies mean and sd, not the CV', () => {
    const a = studentWeightedCv(books);
    const b = studentWeightedCv(books, 100);
    expect(b.mean).toBeCloseTo(a.mean * 100, 8);
    expect(b.cv!).toBeCloseTo(a.cv!, 12);
  });
  it('edge cases: no schools, zero students, zero mean, identical schools', () => {
    expect(studentWeightedCv([])).toEqual({ n: 0, students: 0, mean: 0, sd: 0, cv: null });
    expect(studentWeightedCv([{ students: 0, numerator: 5 }]).cv).toBeNull();
    expect(
      studentWeightedCv([
        { students: 10, numerator: 0 },
        { students: 20, numerator: 0 },
      ]).cv,
    ).toBeNull();
    const same = studentWeightedCv([
      { students: 10, numerator: 45 },
      { students: 30, numerator: 135 },
    ]);
    expect(same.cv).toBe(0);
    expect(same.mean).toBe(4.5);
    // An empty school is left out and does not change the result.
    expect(studentWeightedCv([...books, { students: 0, numerator: 100 }]).cv).toBe(studentWeightedCv(books).cv);
  });
});

describe('splitStock', () => {
  // Published 一贯制 example (standards.md §2.4): 376 students (166 小学, 210 初中), 23226 books, 1 : 1.1.
  // Weighted students 166 + 1.1 × 210 = 397; exact shares 23226 × 166 / 397 = 3855516 / 397 = 9711.6272 (397 × 9711 = 3855267, remainder 249) and 23226 − 9711.6272 = 13514.3728.
  it('reproduces the published 九年一贯制 split', () => {
    const s = splitStock(23226, { primary: 166, junior: 210, senior: 0 }, SPLIT_WEIGHTS['九年一贯制']);
    expect(s.primary).toBeCloseTo(9711.6272, 4);
    expect(s.junior).toBeCloseTo(13514.3728, 4);
    expect(s.primary + s.junior).toBeCloseTo(23226, 9);
    // The source rounds the per-weighted-student figure to 58.5 first: 58.5 × 166 = 9711, remainder 13515.
    const per = Math.round((23226 / 397) * 10) / 10;
    expect(per).toBe(58.5);
    expect(per * 166).toBe(9711);
    expect(23226 - per * 166).toBe(13515);
  });
  it('完全中学 and 十二年一贯制 weights; empty school', () => {
    // 完全中学: 初中 B/(B + 1.2C) with B = 600, C = 500 → 600/1200 = 0.5.
    expect(splitStock(1000, { primary: 0, junior: 600, senior: 500 }, SPLIT_WEIGHTS['完全中学']).junior).toBeCloseTo(500, 9);
    // 十二年一贯制: A + 1.1B + 1.32C with A = 100, B = 100, C = 100 → 342; 小学 100/342 of 3420 = 1000.
    const t = splitStock(3420, { primary: 100, junior: 100, senior: 100 }, SPLIT_WEIGHTS['十二年一贯制']);
    expect(t.primary).toBeCloseTo(1000, 9);
    expect(t.junior).toBeCloseTo(1100, 9);
    expect(t.senior).toBeCloseTo(1320, 9);
    expect(splitStock(500, { primary: 0, junior: 0, senior: 0 }, SPLIT_WEIGHTS['九年一贯制'])).toEqual({ primary: 0, junior: 0, senior: 0 });
  });
});
