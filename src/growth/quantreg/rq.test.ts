// Quantile regression against hand-solved problems and against R's quantreg 5.94, rq.fit(method = "br") (R 4.2.2).
import { describe, expect, it } from 'vitest';
import { rq, rqProcess, RqError } from './rq.js';
import { weightedBreakpoint } from './line-search.js';
import { independentColumns } from './column-rank.js';
import { kthSmallest } from './select.js';

const design = (rows: number[][]) => ({ X: Float64Array.from(rows.flat()), n: rows.length, p: rows[0].length });
const close = (got: ArrayLike<number>, want: number[], tol = 1e-9) => want.forEach((w, k) => expect(got[k]).toBeCloseTo(w, -Math.log10(tol)));

// R: data(stackloss); X <- cbind(1, as.matrix(stackloss[, 1:3])); y <- stackloss$stack.loss
const STACK = [
  [80, 27, 89, 42],
  [80, 27, 88, 37],
  [75, 25, 90, 37],
  [62, 24, 87, 28],
  [62, 22, 87, 18],
  [62, 23, 87, 18],
  [62, 24, 93, 19],
  [62, 24, 93, 20],
  [58, 23, 87, 15],
  [58, 18, 80, 14],
  [58, 18, 89, 14],
  [58, 17, 88, 13],
  [58, 18, 82, 11],
  [58, 19, 93, 12],
  [50, 18, 89, 8],
  [50, 18, 86, 7],
  [50, 19, 72, 8],
  [50, 19, 79, 8],
  [50, 20, 80, 9],
  [56, 20, 82, 15],
  [70, 20, 91, 15],
];

describe('rq (exact quantile regression)', () => {
  it('an intercept alone is the sample quantile y_(⌈nτ⌉) when nτ is not an integer (by hand)', () => {
    const { X, n, p } = design(Array.from({ length: 10 }, () => [1]));
    const y = Float64Array.from([7, 3, 9, 1, 4, 10, 2, 8, 6, 5]);
    expect(rq(X, y, n, p, 0.35)[0]).toBeCloseTo(4, 12); // 3.5 → 4th smallest
    expect(rq(X, y, n, p, 0.05)[0]).toBeCloseTo(1, 12);
    expect(rq(X, y, n, p, 0.95)[0]).toBeCloseTo(10, 12);
  });

  it('median regression passes through the four collinear points and ignores the outlier (by hand)', () => {
    const { X, n, p } = design([1, 2, 3, 4, 5].map((x) => [1, x]));
    close(rq(X, Float64Array.from([1, 2, 3, 4, 10]), n, p, 0.5), [0, 1], 1e-12);
  });

  it('stackloss at five τ equals rq.fit(X, y, tau, method = "br")', () => {
    const { X, n, p } = design(STACK.map((r) => [1, r[0], r[1], r[2]]));
    const y = Float64Array.from(STACK.map((r) => r[3]));
    const res = rqProcess(X, y, n, p, [0.1, 0.25, 0.5, 0.75, 0.9]);
    const R = [
      [-29.0140186915888165, 0.3154205607476646, 1.2242990654205634, -0.0280373831775709],
      [-36, 0.5, 1, 0],
      [-39.6898550724637929, 0.8318840579710135, 0.5739130434782647, -0.0608695652173913],
      [-54.1896551724138, 0.870689655172414, 0.982758620689655, 0],
      [-58.5433186490455313, 0.7929515418502204, 1.3054331864904538, 0.0381791483113074],
    ];
    R.forEach((want, t) => close(res.coef.subarray(t * p, t * p + p), want));
  });

  it('a 4,000-row problem (the banded path) equals R at τ = 0.05, 0.5, 0.95', () => {
    // R: n <- 4000; i <- 1:n; x1 <- ((i * 7919) %% 1000) / 10; x2 <- ((i * 104729) %% 613) / 61.3
    //    y <- round(20 + 0.8 * x1 + 3 * x2 + ((i * 15485863) %% 997) / 20 - 25); X <- cbind(1, x1, x2, x1 * x2 / 100)
    //    for (t in c(0.05, 0.5, 0.95)) print(rq.fit(X, y, tau = t, method = "br")$coefficients, digits = 15)
    const n = 4000;
    const p = 4;
    const X = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 1; i <= n; i++) {
      const x1 = ((i * 7919) % 1000) / 10;
      const x2 = ((i * 104729) % 613) / 61.3;
      X.set([1, x1, x2, (x1 * x2) / 100], (i - 1) * p);
      y[i - 1] = Math.round(20 + 0.8 * x1 + 3 * x2 + ((i * 15485863) % 997) / 20 - 25);
    }
    const res = rqProcess(X, y, n, p, [0.05, 0.5, 0.95]);
    const R = [
      [-2.347862388891995, 0.787720538610364, 2.978622487327186, 0.225594607202526],
      [21.073641762684844, 0.790819472455896, 2.782987519952627, 0.155524641097961],
      [42.7714290776038766, 0.7977982418363526, 2.9496712538923506, -0.0636374349018238],
    ];
    R.forEach((want, t) => close(res.coef.subarray(t * p, t * p + p), want, 1e-8));
  });

  it('a non-unique optimum: an optimal vertex, not necessarily the one R picks (same objective)', () => {
    // R: set.seed(3); g <- c(rep(0, 20), rep(1, 30)); y <- round(100 + 10 * g + rnorm(50, 0, 10))
    //    rq.fit(cbind(1, g), y, tau = 0.5, method = "br") → 100, 8 with "Solution may be nonunique": 20·0.5 and
    //    30·0.5 are integers, so any group median in [97, 100] and [108, 109] is optimal. Here: 97, 12.
    const y = Float64Array.from([
      90, 97, 103, 88, 102, 100, 101, 111, 88, 113, 93, 89, 93, 103, 102, 97, 90, 94, 112, 102, 104, 101, 108, 93, 105, 103, 122, 120, 109, 99, 119, 119, 117, 117, 106, 117, 123, 110, 100, 118, 118,
      107, 127, 102, 113, 87, 108, 121, 105, 101,
    ]);
    const { X, n, p } = design(Array.from({ length: 50 }, (_, i) => [1, i < 20 ? 0 : 1]));
    const loss = (b: ArrayLike<number>) => Array.from(y).reduce((a, v, i) => a + Math.abs(v - b[0] - (i < 20 ? 0 : b[1])), 0) / 2;
    const ours = rq(X, y, n, p, 0.5);
    expect(loss(ours)).toBeCloseTo(loss([100, 8]), 12);
    expect([ours[0], ours[0] + ours[1]]).toEqual([97, 109]);
  });

  it('a column that is all zero gets coefficient 0 and is reported as dropped', () => {
    const { X, n, p } = design([1, 2, 3, 4, 5].map((x) => [1, 0, x]));
    const res = rqProcess(X, Float64Array.from([1, 2, 3, 4, 10]), n, p, [0.5]);
    expect(res.dropped).toEqual([1]);
    close(res.coef, [0, 0, 1], 1e-12);
    expect(independentColumns(Float64Array.from([1, 2, 2, 4, 3, 6]), 3, 2)).toEqual([0]);
  });

  it('refuses τ outside (0, 1) and a design without a non-zero column', () => {
    const { X, n, p } = design([
      [1, 1],
      [1, 2],
      [1, 4],
    ]);
    expect(() => rq(X, Float64Array.from([1, 2, 3]), n, p, 1)).toThrow(RqError);
    expect(() => rq(X, Float64Array.from([1, 2, 3]), n, p, 0)).toThrow(RqError);
    expect(() => rq(new Float64Array(6), Float64Array.from([1, 2, 3]), 3, 2, 0.5)).toThrow(RqError);
  });
});

describe('weightedBreakpoint (the Barrodale–Roberts line search)', () => {
  it('stops at the first breakpoint where the accumulated slope reaches the need (by hand)', () => {
    const t = Float64Array.from([5, 1, 3, 2, 4]);
    const w = Float64Array.from([1, 1, 1, 1, 1]);
    const order = Int32Array.from([0, 1, 2, 3, 4]);
    const r = weightedBreakpoint(t, w, order, 5, 2.5)!; // slopes after t = 1, 2, 3: −1.5, −0.5, +0.5
    expect(r.step).toBe(3);
    expect([...order.slice(0, r.stop)].sort()).toEqual([1, 3]);
    expect(weightedBreakpoint(t, w, Int32Array.from([0, 1, 2, 3, 4]), 5, 6)).toBeNull();
  });

  it('agrees with a sort on 10,000 random breakpoints', () => {
    let s = 7;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const m = 10_000;
    const t = Float64Array.from({ length: m }, () => Math.floor(rnd() * 500) / 7);
    const w = Float64Array.from({ length: m }, () => rnd());
    for (const need of [0.3, 17, 1234.5]) {
      const r = weightedBreakpoint(
        t,
        w,
        Int32Array.from({ length: m }, (_, k) => k),
        m,
        need,
      )!;
      const sorted = Array.from({ length: m }, (_, k) => k).sort((a, b) => t[a] - t[b]);
      let acc = 0;
      let want = NaN;
      for (const k of sorted)
        if ((acc += w[k]) >= need) {
          want = t[k];
          break;
        }
      expect(r.step).toBe(want);
    }
  });
});

describe('kthSmallest', () => {
  it('finds two ranks, the second searched after the first, as a sort would', () => {
    let s = 11;
    const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const a = Float64Array.from({ length: 5001 }, () => Math.round(rnd() * 300));
    const sorted = Float64Array.from(a).sort();
    expect(kthSmallest(a, 1200)).toBe(sorted[1200]);
    expect(kthSmallest(a, 3800, 1201)).toBe(sorted[3800]);
  });
});
