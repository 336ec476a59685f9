// Exterior-point simplex of Barrodale & Roberts (1973/74) for min_β Σ ρ_τ(y_i − x_i'β) + g0'β, as in quantreg's rq.fit.br:
// vertices are bases h of p observations with zero residual; an edge frees one of them (β += t·σ·X_h⁻¹e_j) and the
// step passes every breakpoint while the slope stays negative (line-search.ts). Optimality: −τ ≤ ξ_j ≤ 1−τ with
// ξ = X_h⁻ᵀ(Σ_{i∉h} ψ_τ(r_i) x_i + g0) (Koenker 2005, Theorem 2.1; ψ_τ(r) = τ − I(r < 0)). Pricing is steepest
// edge: the directional derivative per unit length of the residual change ‖Xδ‖ = √(δ'X'Xδ) (Goldfarb & Reid 1977).
import { invert } from './lu.js';
import { crossProduct } from './least-squares.js';
import { weightedBreakpoint } from './line-search.js';

export interface SimplexProblem {
  /** Row-major m×p design. */
  X: Float64Array;
  y: Float64Array;
  m: number;
  p: number;
  tau: number;
  /** Fixed gradient of observations kept out of the problem (globs, see banded.ts); null for none. */
  g0: Float64Array | null;
  /** X'X for the steepest-edge norms (of these rows or of the whole problem they come from); computed if absent. */
  gram?: Float64Array;
}

export interface SimplexResult {
  beta: Float64Array;
  /** Rows of the final basis (indices into X). */
  basis: Int32Array;
  pivots: number;
}

export class SimplexError extends Error {
  constructor(
    message: string,
    readonly kind: 'singular' | 'unbounded' | 'iterations',
  ) {
    super(message);
  }
}

const REFRESH_EVERY = 48;

/** Runs the simplex from the vertex given by `start` (p row indices with X_h non-singular) to an optimal vertex. */
export function brSimplex(prob: SimplexProblem, start: Int32Array, maxPivots = 20 * (prob.m + prob.p) + 1000): SimplexResult {
  const { X, y, m, p, tau, g0 } = prob;
  const basis = Int32Array.from(start);
  const sign = new Int8Array(m); // +1 / −1 for non-basic rows (side of the fit), 0 for basic rows
  const r = new Float64Array(m);
  const c = new Float64Array(p);
  const z = new Float64Array(m);
  const bt = new Float64Array(m);
  const bw = new Float64Array(m);
  const bIdx = new Int32Array(m);
  const order = new Int32Array(m);
  const u = new Float64Array(p);
  const dir = new Float64Array(p);
  const colMax = new Float64Array(p);
  let yMax = 1;
  for (let i = 0; i < m; i++) {
    yMax = Math.max(yMax, Math.abs(y[i]));
    for (let k = 0; k < p; k++) colMax[k] = Math.max(colMax[k], Math.abs(X[i * p + k]));
  }
  const rTol = 1e-11 * yMax;
  for (let i = 0; i < m; i++) sign[i] = 1;
  const G = prob.gram ?? crossProduct(X, m, p); // ‖Xδ‖² = δ'Gδ
  const W = new Float64Array(p * p); // G·X_h⁻¹, kept up to date with X_h⁻¹
  const gf = new Float64Array(p);
  let Binv: Float64Array = new Float64Array(p * p);
  let beta: Float64Array = new Float64Array(p);

  /** Re-factorises X_h, recomputes β, residuals and the gradient c from scratch (limits drift). */
  const refresh = () => {
    const Xh = new Float64Array(p * p);
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) Xh[j * p + k] = X[basis[j] * p + k];
    const inv = invert(Xh, p);
    if (!inv) throw new SimplexError('singular basis', 'singular');
    Binv = inv;
    for (let a = 0; a < p; a++)
      for (let j = 0; j < p; j++) {
        let sum = 0;
        for (let b = 0; b < p; b++) sum += G[a * p + b] * Binv[b * p + j];
        W[a * p + j] = sum;
      }
    beta = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += Binv[k * p + j] * y[basis[j]];
      beta[k] = s;
    }
    for (let j = 0; j < p; j++) sign[basis[j]] = 0;
    if (g0) c.set(g0);
    else c.fill(0);
    for (let i = 0; i < m; i++) {
      if (sign[i] === 0) {
        r[i] = 0; // basic
        continue;
      }
      const row = i * p;
      let f = y[i];
      for (let k = 0; k < p; k++) f -= X[row + k] * beta[k];
      if (Math.abs(f) <= rTol)
        f = 0; // a tie: keeps its side, either side satisfies the optimality conditions
      else sign[i] = f > 0 ? 1 : -1;
      r[i] = f;
      const psi = sign[i] > 0 ? tau : tau - 1;
      for (let k = 0; k < p; k++) c[k] += psi * X[row + k];
    }
  };
  refresh();

  let pivots = 0;
  let sinceRefresh = 0;
  let verified = false;
  for (;;) {
    // Pricing: directional derivatives D(j,+) = 1 − τ − ξ_j and D(j,−) = τ + ξ_j; take the most negative.
    let bestD = 0;
    let bestJ = -1;
    let bestS = 0;
    let bestScore = 0;
    for (let j = 0; j < p; j++) {
      let q = 0;
      for (let a = 0; a < p; a++) q += Binv[a * p + j] * W[a * p + j];
      const len = Math.sqrt(q > 1e-300 ? q : 1e-300);
      let xi = 0;
      let mag = 0;
      for (let k = 0; k < p; k++) {
        const v = c[k] * Binv[k * p + j];
        xi += v;
        mag += Math.abs(v);
      }
      const tol = 1e-10 * (1 + mag);
      const dPlus = 1 - tau - xi;
      const dMinus = tau + xi;
      if (dPlus < -tol && dPlus / len < bestScore) {
        bestScore = dPlus / len;
        bestD = dPlus;
        bestJ = j;
        bestS = 1;
      }
      if (dMinus < -tol && dMinus / len < bestScore) {
        bestScore = dMinus / len;
        bestD = dMinus;
        bestJ = j;
        bestS = -1;
      }
    }
    if (bestJ < 0) {
      if (verified || sinceRefresh === 0) break;
      refresh(); // confirm optimality on fresh numbers
      sinceRefresh = 0;
      verified = true;
      continue;
    }
    verified = false;
    if (pivots >= maxPivots) throw new SimplexError(`no optimum after ${pivots} pivots`, 'iterations');
    // Edge direction δ = σ·X_h⁻¹e_j; z_i = x_i'δ; breakpoints where a residual reaches zero.
    let dNorm = 0;
    for (let k = 0; k < p; k++) {
      const v = bestS * Binv[k * p + bestJ];
      dir[k] = v;
      dNorm += Math.abs(v) * colMax[k];
    }
    const zTol = 1e-11 * dNorm;
    let nb = 0;
    for (let i = 0, row = 0; i < m; i++, row += p) {
      const si = sign[i];
      if (si === 0) continue;
      let zi = 0;
      for (let k = 0; k < p; k++) zi += X[row + k] * dir[k];
      z[i] = zi;
      if (si > 0 ? zi > zTol : zi < -zTol) {
        const ti = r[i] / zi;
        bt[nb] = ti > 0 ? ti : 0;
        bw[nb] = si > 0 ? zi : -zi;
        bIdx[nb] = i;
        order[nb] = nb;
        nb++;
      }
    }
    const ls = weightedBreakpoint(bt, bw, order, nb, -bestD);
    if (!ls) throw new SimplexError('unbounded direction', 'unbounded');
    const step = ls.step;
    const enter = bIdx[order[ls.stop]];
    const leave = basis[bestJ];
    // Move: residuals of non-basic rows, flipped sides of the rows passed.
    for (let i = 0; i < m; i++) if (sign[i] !== 0) r[i] -= step * z[i];
    for (let q = 0; q < ls.stop; q++) {
      const i = bIdx[order[q]];
      const row = i * p;
      const flipToNeg = sign[i] > 0;
      sign[i] = flipToNeg ? -1 : 1;
      if (flipToNeg) for (let k = 0; k < p; k++) c[k] -= X[row + k];
      else for (let k = 0; k < p; k++) c[k] += X[row + k];
      if (flipToNeg ? r[i] > 0 : r[i] < 0) r[i] = 0;
    }
    for (let k = 0; k < p; k++) beta[k] += step * dir[k];
    // The entering row leaves the gradient, the leaving row joins it on side −σ.
    const psiE = sign[enter] > 0 ? tau : tau - 1;
    const psiL = bestS > 0 ? tau - 1 : tau;
    for (let k = 0; k < p; k++) c[k] += psiL * X[leave * p + k] - psiE * X[enter * p + k];
    sign[enter] = 0;
    r[enter] = 0;
    sign[leave] = bestS > 0 ? -1 : 1;
    r[leave] = -bestS * step;
    basis[bestJ] = enter;
    // Rank-one update of X_h⁻¹ for row j replaced by x_e (Sherman–Morrison).
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let q = 0; q < p; q++) s += X[enter * p + q] * Binv[q * p + k];
      u[k] = s;
    }
    const piv = u[bestJ];
    u[bestJ] -= 1;
    for (let a = 0; a < p; a++) {
      let sum = 0;
      for (let b = 0; b < p; b++) sum += G[a * p + b] * Binv[b * p + bestJ];
      gf[a] = sum / piv; // G·f with f = X_h⁻¹e_j / pivot
    }
    for (let q = 0; q < p; q++) {
      const f = Binv[q * p + bestJ] / piv;
      const g = gf[q];
      for (let k = 0; k < p; k++) {
        Binv[q * p + k] -= f * u[k];
        W[q * p + k] -= g * u[k];
      }
    }
    pivots++;
    if (++sinceRefresh >= REFRESH_EVERY) {
      refresh();
      sinceRefresh = 0;
    }
  }
  return { beta, basis, pivots };
}
