// The REML random-intercept fit against lme4 1.1.31 on small hand-made data (R code in each comment), and its edge cases.
import { describe, expect, it } from 'vitest';
import { fitRandomIntercept, SingularDesign } from './fit.js';
import { groupSums } from './group-sums.js';
import { remlDeviance } from './reml.js';
import { remlSlope } from './reml-slope.js';
import { valueAdded } from './value-added.js';

const SCHOOLS_A = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C', 'C', 'D'];
const PRE_A = [10, 12, 14, 16, 11, 13, 15, 9, 12, 15, 18, 13];
const POST_A = [21, 24, 25, 30, 19, 24, 25, 22, 26, 27, 33, 30];

describe('fitRandomIntercept (REML, as lmer)', () => {
  it('four schools, one with a single student: τ², σ², β, effects and SEs as lme4', () => {
    // lmer(post ~ pre + (1|school), A); ranef(f, condVar = TRUE)
    const r = valueAdded({ post: POST_A, covariates: [PRE_A], group: SCHOOLS_A });
    expect(r.tau2).toBeCloseTo(7.86704687085319, 5);
    expect(r.sigma2).toBeCloseTo(1.63604497216098, 6);
    expect(r.theta).toBeCloseTo(2.1928465912725, 6);
    expect(r.beta[0]).toBeCloseTo(9.67717602247009, 6);
    expect(r.beta[1]).toBeCloseTo(1.24723228743047, 7);
    expect(r.remlCriterion).toBeCloseTo(47.8308810781607, 9);
    const want = { A: [-0.847151954613422, 0.623536277813564], B: [-3.01549331891765, 0.714139453574332], C: [0.461209606006879, 0.623536277813564], D: [3.40143566752422, 1.16378036152824] };
    expect(r.effects.map((e) => e.group)).toEqual(['A', 'B', 'C', 'D']);
    for (const e of r.effects) {
      expect(e.effect).toBeCloseTo(want[e.group as keyof typeof want][0], 5);
      expect(e.se).toBeCloseTo(want[e.group as keyof typeof want][1], 5);
    }
    const d = r.effects.find((e) => e.group === 'D')!;
    expect(d.n).toBe(1);
    expect(d.shrinkage).toBeCloseTo(r.tau2 / (r.tau2 + r.sigma2), 12); // λ = τ²/(τ² + σ²/1)
    expect(d.effect).toBeCloseTo(d.shrinkage * d.meanResidual, 12);
    expect(d.suppressed).toBe(true); // n = 1 < 20
  });

  it('τ² on the boundary 0 (lme4: "boundary (singular) fit"): OLS β, every effect and SE 0, label as expected', () => {
    // B: three schools with the same pre 1..4; lmer gives τ² = 0, σ² = 0.566666666666667, β = (1/6, 2), REMLcrit 27.8918871389243
    const r = valueAdded({ post: [2, 5, 5, 9, 3, 4, 6, 8, 1, 5, 6, 8], covariates: [[1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]], group: 'PPPPQQQQRRRR'.split('') });
    expect(r.boundary).toBe(true);
    expect(r.tau2).toBe(0);
    expect(r.sigma2).toBeCloseTo(0.566666666666667, 12);
    expect(r.beta[0]).toBeCloseTo(1 / 6, 12);
    expect(r.beta[1]).toBeCloseTo(2, 12);
    expect(r.remlCriterion).toBeCloseTo(27.8918871389243, 10);
    for (const e of r.effects) expect([e.effect, e.se, e.label]).toEqual([0, 0, 'expected']);
  });

  it('two covariates, β standard errors as vcov()', () => {
    // C: lmer(post ~ pre + pre2 + (1|school)) with tight tolerances: τ² 4.08943074739506, σ² 0.219649691889084
    const school = [...'AAAAABBBBBCCCCC'];
    const pre = [1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 1, 3, 5, 7, 9];
    const pre2 = [0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1];
    const post = [3, 4, 6, 7, 9, 8, 9, 11, 12, 13, 2, 5, 9, 12, 14];
    const r = valueAdded({ post, covariates: [pre, pre2], group: school });
    expect(r.tau2).toBeCloseTo(4.08943074739506, 6);
    expect(r.sigma2).toBeCloseTo(0.219649691889084, 8);
    expect(r.theta).toBeCloseTo(4.31485424398056, 6);
    [2.2736032387023, 1.5019493563105, -0.0276262448953277].forEach((b, k) => expect(r.beta[k]).toBeCloseTo(b, 8));
    [1.19958868843781, 0.0642946512452976, 0.26266249470629].forEach((se, k) => expect(r.betaSE[k]).toBeCloseTo(se, 6));
    [-0.958108510052276, 2.31035651472222, -1.35224800467009].forEach((u, k) => expect(r.effects[k].effect).toBeCloseTo(u, 6));
    for (const e of r.effects) expect(e.se).toBeCloseTo(0.208477923563124, 7);
  });

  it('a single school: τ² is not identifiable (lme4 refuses); τ² = 0, effect 0, β = OLS', () => {
    const r = valueAdded({ post: [3, 5, 4, 8], covariates: [[1, 2, 3, 4]], group: ['S', 'S', 'S', 'S'] });
    expect(r.unidentified).toBe(true);
    expect(r.tau2).toBe(0);
    expect(r.beta[1]).toBeCloseTo(1.4, 12); // OLS slope: Sxy/Sxx = 7/5
    expect(r.effects).toHaveLength(1);
    expect(r.effects[0].effect).toBe(0);
  });

  it('a constant covariate or too few students is a SingularDesign error', () => {
    expect(() => valueAdded({ post: [1, 2, 3, 4], covariates: [[5, 5, 5, 5]], group: ['a', 'a', 'b', 'b'] })).toThrow(SingularDesign);
    expect(() => valueAdded({ post: [1, 2], covariates: [[1, 2]], group: ['a', 'b'] })).toThrow(SingularDesign);
  });

  it('the analytic slope of the REML deviance matches a central difference', () => {
    const group = Int32Array.from(SCHOOLS_A.map((s) => 'ABCD'.indexOf(s)));
    const s = groupSums({ y: Float64Array.from(POST_A), x: [Float64Array.from(PRE_A)], group, groups: 4 });
    for (const t of [0.3, 1, 2.19, 5]) {
      const h = 1e-5;
      const fd = (remlDeviance(s, t + h).deviance - remlDeviance(s, t - h).deviance) / (2 * h);
      expect(remlSlope(s, remlDeviance(s, t)) * 2 * t).toBeCloseTo(fd, 5);
    }
  });

  it('is invariant to the order of the students and to a shift of the scores', () => {
    const a = fitRandomIntercept({ y: Float64Array.from(POST_A), x: [Float64Array.from(PRE_A)], group: Int32Array.from(SCHOOLS_A.map((s) => 'ABCD'.indexOf(s))), groups: 4 });
    const perm = [11, 3, 7, 0, 5, 9, 1, 10, 2, 6, 8, 4];
    const b = fitRandomIntercept({
      y: Float64Array.from(perm.map((i) => POST_A[i] + 1000)),
      x: [Float64Array.from(perm.map((i) => PRE_A[i] + 500))],
      group: Int32Array.from(perm.map((i) => 'ABCD'.indexOf(SCHOOLS_A[i]))),
      groups: 4,
    });
    expect(b.tau2).toBeCloseTo(a.tau2, 9);
    expect(b.beta[1]).toBeCloseTo(a.beta[1], 11);
    b.effects.forEach((e, g) => expect(e.effect).toBeCloseTo(a.effects[g].effect, 9));
  });
});
