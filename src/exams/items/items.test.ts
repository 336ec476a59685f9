import { describe, expect, it } from 'vitest';
import { analyzeItems } from './analyze-items.js';
import { pearson } from './correlation.js';
import { difficulty, fullWeightedMean } from './difficulty.js';
import { discrimination } from './discrimination.js';
import { extremeGroups } from './extreme-groups.js';
import { alphaAcceptable, difficultyBand, discriminationBand } from './quality.js';
import { cronbachAlpha, kr20, reliability, spearmanBrown, standardError } from './reliability.js';

// standards.md §4.6 (新疆广播电视大学学报 2011 Vol.15 No.1), 10 persons × 8 items, rows = persons.
const KR20_TABLE = [
  [1, 0, 0, 0, 0, 0, 1, 1],
  [1, 0, 0, 1, 0, 0, 0, 1],
  [0, 0, 0, 0, 1, 1, 1, 0],
  [1, 1, 1, 0, 0, 0, 1, 0],
  [0, 1, 0, 0, 1, 1, 0, 1],
  [1, 1, 1, 0, 0, 0, 1, 1],
  [1, 1, 1, 0, 1, 0, 1, 1],
  [1, 1, 1, 1, 0, 1, 1, 1],
  [1, 1, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 1, 1, 1, 1],
];
const ALPHA_TABLE = [
  [4, 4, 1, 4, 4, 4, 1, 1],
  [2, 3, 4, 2, 1, 3, 4, 4],
  [3, 2, 3, 3, 1, 2, 2, 3],
  [3, 2, 2, 2, 1, 2, 1, 2],
  [3, 3, 2, 2, 1, 4, 2, 3],
  [4, 4, 4, 4, 1, 4, 1, 1],
  [3, 3, 3, 2, 1, 2, 1, 1],
  [1, 1, 1, 1, 2, 1, 1, 1],
  [1, 1, 1, 1, 2, 1, 1, 1],
  [2, 3, 2, 2, 4, 4, 4, 1],
];
const columns = (rows: number[][]) => rows[0].map((_, j) => Float64Array.from(rows, (r) => r[j]));
const totals = (rows: number[][]) => Float64Array.from(rows, (r) => r.reduce((a, b) => a + b, 0));
const r5 = (x: number | null) => (x === null ? null : Math.round(x * 1e5) / 1e5);
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

describe('standards.md §4.6 worked examples, as published', () => {
  it('KR-20: p = 0.8, 0.7, 0.6, 0.4, 0.5, 0.5, 0.8, 0.8; Σpq = 1.67; s_t² = 3.69; KR-20 = 0.62563', () => {
    const items = columns(KR20_TABLE);
    expect(Array.from(totals(KR20_TABLE))).toEqual([3, 3, 3, 4, 4, 5, 6, 7, 8, 8]); // the published Total column
    expect(items.map((c) => difficulty(c, 1, true))).toEqual([0.8, 0.7, 0.6, 0.4, 0.5, 0.5, 0.8, 0.8]);
    const rel = reliability(items);
    expect(rel.itemVariances.map(r2)).toEqual([0.16, 0.21, 0.24, 0.24, 0.25, 0.25, 0.16, 0.16]); // p·q
    expect(r2(rel.itemVariances.reduce((a, b) => a + b, 0))).toBe(1.67);
    expect(r2(rel.totalVariance)).toBe(3.69);
    expect(r5(rel.kr20)).toBe(0.62563);
    expect(r5(kr20(8, 1.67, 3.69))).toBe(0.62563); // from the published intermediate numbers
    expect(rel.kr20).toBeCloseTo(rel.alpha!, 14); // KR-20 is α for 0/1 items
  });
  it('Cronbach α: s_i² = 1.04, 1.04, 1.21, 1.01, 1.36, 1.41, 1.36, 1.16 (Σ 9.59); s_t² = 27.09; α = 0.73828', () => {
    const items = columns(ALPHA_TABLE);
    expect(Array.from(totals(ALPHA_TABLE))).toEqual([23, 23, 19, 15, 20, 23, 16, 9, 9, 22]);
    const rel = reliability(items);
    expect(rel.itemVariances.map(r2)).toEqual([1.04, 1.04, 1.21, 1.01, 1.36, 1.41, 1.36, 1.16]);
    expect(r2(rel.itemVariances.reduce((a, b) => a + b, 0))).toBe(9.59);
    expect(r2(rel.totalVariance)).toBe(27.09);
    expect(r5(rel.alpha)).toBe(0.73828);
    expect(r5(cronbachAlpha(8, 9.59, 27.09))).toBe(0.73828);
    expect(rel.kr20).toBeNull(); // not 0/1 items
    expect(rel.n).toBe(10);
  });
});

describe('reliability beyond α (numpy on the §4.6 tables)', () => {
  it('split-half (odd/even items) with Spearman–Brown, and SEM = S·√(1 − α)', () => {
    // numpy: r(odd, even) = 0.39393939393939387, SB 0.5652173913043478, SEM = std(total)·√(1 − α) = 1.175341895547237
    const a = reliability(columns(KR20_TABLE));
    expect(a.splitHalf).toBeCloseTo(0.39393939393939387, 14);
    expect(a.spearmanBrown).toBeCloseTo(0.5652173913043478, 14);
    expect(a.sem).toBeCloseTo(1.175341895547237, 13);
    // α table: r 0.8204579815596595, SB 0.9013753570480547, SEM 2.6627053911388687
    const b = reliability(columns(ALPHA_TABLE));
    expect(b.splitHalf).toBeCloseTo(0.8204579815596595, 14);
    expect(b.spearmanBrown).toBeCloseTo(0.9013753570480547, 14);
    expect(b.sem).toBeCloseTo(2.6627053911388687, 13);
  });
  it('listwise: a student missing an item leaves reliability; k < 2 or no spread → null', () => {
    const items = columns([...ALPHA_TABLE, [NaN, 4, 4, 4, 4, 4, 4, 4]]);
    expect(r5(reliability(items).alpha)).toBe(0.73828);
    expect(reliability(items).n).toBe(10);
    expect(reliability([Float64Array.of(1, 2, 3)]).alpha).toBeNull();
    expect(reliability([Float64Array.of(1, 1), Float64Array.of(2, 2)]).alpha).toBeNull();
    expect(reliability([Float64Array.of(NaN), Float64Array.of(1)])).toMatchObject({ n: 0, alpha: null, sem: null });
    expect(spearmanBrown(null)).toBeNull();
    expect(standardError(10, 0.75)).toBe(5);
  });
});

describe('difficulty and discrimination', () => {
  it('P: objective = share with full marks, subjective = mean / full; the paper weights by full marks', () => {
    const items = columns(ALPHA_TABLE);
    // numpy: means / 4 = 0.65, 0.65, 0.575, 0.575, 0.45, 0.675, 0.45, 0.45; share == 4: 0.2 … 0.4 … 0.1
    expect(items.map((c) => r5(difficulty(c, 4, false)))).toEqual([0.65, 0.65, 0.575, 0.575, 0.45, 0.675, 0.45, 0.45]);
    expect(items.map((c) => difficulty(c, 4, true))).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0.4, 0.2, 0.1]);
    expect(difficulty(Float64Array.of(NaN, 2, 1), 2, false)).toBe(0.75); // missing scores are left out
    expect(difficulty(Float64Array.of(NaN), 2, false)).toBeNull();
    expect(fullWeightedMean([0.5, 0.8, null], [10, 40, 50])).toBeCloseTo((5 + 32) / 50, 15);
  });
  it('27 % groups: k = round(0.27·N); ties at the boundary join the group', () => {
    const g = extremeGroups(totals(KR20_TABLE)); // totals 3,3,3,4,4,5,6,7,8,8: k = 3, high ≥ 7, low ≤ 3
    expect([g.k, g.highCut, g.lowCut]).toEqual([3, 7, 3]);
    expect(Array.from(g.high)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(g.low)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const t = extremeGroups(Float64Array.of(1, 2, 2, 2, 5, NaN)); // N = 5: k = round(1.35) = 1; low ≤ 1, high ≥ 5
    expect([t.n, t.k, Array.from(t.high), Array.from(t.low)]).toEqual([5, 1, [0, 0, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0]]);
    const ties = extremeGroups(Float64Array.of(1, 2, 2, 2, 5), 0.4); // k = 2: the 2nd lowest is 2 → all three 2s join
    expect(Array.from(ties.low)).toEqual([1, 1, 1, 1, 0]);
    expect(extremeGroups(Float64Array.of(13, 13, 13)).k).toBe(1); // all tied: both groups are everyone
    expect(Array.from(extremeGroups(Float64Array.of(13, 13, 13)).high)).toEqual([1, 1, 1]);
    expect(extremeGroups(new Float64Array(50)).k).toBe(14); // 13.5 rounds up
  });
  it('D: objective P_H − P_L, subjective (mean_H − mean_L)/full (numpy on the §4.6 tables)', () => {
    const kr = columns(KR20_TABLE);
    const g = extremeGroups(totals(KR20_TABLE));
    expect(kr.map((c) => r5(discrimination(c, 1, true, g)))).toEqual([0.33333, 1, 1, 0.66667, 0.33333, 0.66667, 0.33333, 0.33333]);
    const al = columns(ALPHA_TABLE);
    const h = extremeGroups(totals(ALPHA_TABLE)); // high 23, 23, 23; low 15, 9, 9
    expect(al.map((c) => r5(discrimination(c, 4, false, h)))).toEqual([0.41667, 0.58333, 0.41667, 0.5, 0.08333, 0.58333, 0.25, 0.16667]);
    // a group with nobody scored on the item → null
    expect(discrimination(Float64Array.of(NaN, 1, 1), 1, true, extremeGroups(Float64Array.of(0, 5, 10), 0.3))).toBeNull();
  });
  it('item–total and corrected item–rest correlations (numpy.corrcoef)', () => {
    const al = columns(ALPHA_TABLE);
    const t = totals(ALPHA_TABLE);
    expect(pearson(al[0], t)).toBeCloseTo(0.6895407124101123, 14);
    expect(pearson(al[4], t)).toBeCloseTo(0.16145523050576077, 14);
    expect(pearson(al[4], t, true)).toBeCloseTo(-0.06331012387553309, 14);
    expect(pearson(al[7], t, true)).toBeCloseTo(0.13508561653399925, 14);
    expect(pearson(Float64Array.of(1, 2, NaN, 4), Float64Array.of(2, 4, 5, 8))).toBeCloseTo(1, 15);
    expect(pearson(Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3))).toBeNull();
    expect(pearson(Float64Array.of(1), Float64Array.of(1))).toBeNull();
  });
});

describe('quality bands (standards.md §4.4)', () => {
  it('区分度: ≥ 0.40 / 0.30–0.39 / 0.20–0.29 / ≤ 0.19; binary fractions do not move a value across a line', () => {
    expect([0.4, 0.39, 0.3, 0.29, 0.2, 0.19, -0.1].map(discriminationBand)).toEqual(['very_good', 'good', 'good', 'passable', 'passable', 'poor', 'poor']);
    expect(discriminationBand(0.7 - 0.3)).toBe('very_good'); // 0.39999999999999997
    expect(discriminationBand(null)).toBeNull();
  });
  it('难度: < 0.2 too hard, 0.2–0.3 hard, 0.3–0.7 suitable, 0.7–0.8 easy, > 0.8 too easy; α > 0.7 acceptable', () => {
    expect([0.1, 0.2, 0.3, 0.7, 0.75, 0.8, 0.81].map(difficultyBand)).toEqual(['too_hard', 'hard', 'suitable', 'suitable', 'easy', 'easy', 'too_easy']);
    expect([alphaAcceptable(0.73828), alphaAcceptable(0.7), alphaAcceptable(null)]).toEqual([true, false, null]);
  });
});

describe('analyzeItems', () => {
  it('assembles items and the paper', () => {
    const a = analyzeItems(
      ALPHA_TABLE[0].map((_, j) => ({ name: `第${j + 1}题`, full: 4, objective: false })),
      columns(ALPHA_TABLE),
      totals(ALPHA_TABLE),
    );
    expect(a.groups).toEqual({ n: 10, k: 3, highCut: 23, lowCut: 15, share: 0.27 });
    expect(a.items[1]).toMatchObject({ name: '第2题', n: 10, difficulty: 0.65, difficultyBand: 'suitable', discriminationBand: 'very_good' });
    expect(a.items[1].itemTotal).toBeCloseTo(0.8967797243366488, 14);
    expect(a.items[1].itemRest).toBeCloseTo(0.8455768484717111, 14);
    expect(a.items[4].discriminationBand).toBe('poor');
    // equal full marks: the paper values are the plain means; numpy: P 0.559375, D 0.375
    expect(a.paper.difficulty).toBeCloseTo(0.559375, 14);
    expect(a.paper.discrimination).toBeCloseTo(0.375, 14);
    expect(r5(a.paper.reliability.alpha)).toBe(0.73828);
    expect(a.paper.alphaAcceptable).toBe(true);
  });
  it('rejects mismatched columns', () => {
    expect(() => analyzeItems([{ name: 'a', full: 1, objective: true }], [], new Float64Array(2))).toThrow(RangeError);
    expect(() => analyzeItems([{ name: 'a', full: 1, objective: true }], [new Float64Array(3)], new Float64Array(2))).toThrow(RangeError);
  });
});
