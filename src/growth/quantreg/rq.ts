// Quantile regression β(τ) = argmin_β Σ ρ_τ(y_i − x_i'β), ρ_τ(u) = u(τ − I(u < 0)) (Koenker & Bassett 1978), for a
// grid of τ, with the exact vertex solutions rq.fit(method = "br") gives: the τ nearest ½ from a rough start, then
// outwards, each τ warm-started at its neighbour's optimal vertex and solved on a band of rows (banded.ts, simplex.ts).
import { BandSolver, residuals, type BandedProblem, type BandedResult, type Vertex } from './banded.js';
import { brSimplex, SimplexError } from './simplex.js';
import { independentColumns } from './column-rank.js';
import { crossProduct, leastSquares } from './least-squares.js';
import { leverageScale } from './leverage.js';
import { independentRows, rowsByResidual } from './start-basis.js';

export interface RqProcess {
  /** p × T coefficients, column t (τ_t, in the order given) at coef[t·p … t·p + p). Dependent columns of X get 0. */
  coef: Float64Array;
  p: number;
  taus: number[];
  /** Simplex pivots over all τ (diagnostics). */
  pivots: number;
  /** Columns dropped as linearly dependent on earlier ones. */
  dropped: number[];
}

export class RqError extends Error {}

/** Problems up to this many rows are solved whole; larger ones on a band of rows around the quantile. */
const WHOLE_ROWS = 1500;

/** Rows kept either side of the quantile: 10 per coefficient plus 0.3 % of n (tuned on sgpData and the 200k bench). */
const bandHalfWidth = (n: number, p: number) => (n <= WHOLE_ROWS ? n : Math.ceil(10 * p + 0.003 * n));

export function rqProcess(X: Float64Array, y: Float64Array, n: number, p: number, taus: readonly number[]): RqProcess {
  for (const t of taus) if (!(t > 0 && t < 1)) throw new RqError(`tau ${t} outside (0, 1)`);
  const cols = independentColumns(X, n, p);
  const q = cols.length;
  if (q === 0) throw new RqError('the design has no non-zero column');
  const dropped = Array.from({ length: p }, (_, j) => j).filter((j) => !cols.includes(j));
  const prob = bandedProblem(q === p ? X : selectColumns(X, n, p, cols), y, n, q);
  const coef = new Float64Array(p * taus.length);
  if (taus.length === 0) return { coef, p, taus: [], pivots: 0, dropped };
  const order = taus.map((_, t) => t).sort((a, b) => taus[a] - taus[b]);
  const sorted = order.map((t) => taus[t]);
  const store = (s: number, v: Vertex) => cols.forEach((c, k) => (coef[order[s] * p + c] = v.beta[k]));
  let pivots = 0;
  try {
    const mid = nearestIndex(sorted, 0.5);
    const solver = new BandSolver(prob);
    const first = startVertex(prob, solver, sorted[mid]);
    pivots += first.pivots;
    store(mid, first);
    const minHalf = bandHalfWidth(n, q);
    for (const dir of [-1, 1]) {
      let prev: BandedResult = first;
      let before: Float64Array | null = null; // residuals of the solution before prev
      const guess = new Float64Array(n);
      let half = minHalf;
      for (let s = mid + dir; s >= 0 && s < sorted.length; s += dir) {
        // Guess β(τ_s) by extrapolating the last two solutions linearly in τ; its residuals are the same
        // combination of theirs, r̃ = r_prev + f·(r_prev − r_before), so no pass over X is needed.
        let tauFrom = sorted[s - dir];
        if (before) {
          const f = (sorted[s] - sorted[s - dir]) / (sorted[s - dir] - sorted[s - 2 * dir]);
          const rp = prev.residuals;
          for (let i = 0; i < n; i++) guess[i] = rp[i] + f * (rp[i] - before[i]);
          tauFrom = sorted[s];
        }
        const res = solver.solve(sorted[s], prev, before ? guess : prev.residuals, tauFrom, half, before && before !== first.residuals ? before : undefined);
        pivots += res.pivots;
        // Wider after a real miss (a few rows put back are cheap), back towards the minimum otherwise.
        half = res.putBack > 0.01 * res.kept ? Math.ceil(res.half * 1.5) : Math.max(minHalf, Math.floor(res.half * 0.9));
        store(s, res);
        before = prev.residuals;
        prev = res;
      }
    }
  } catch (e) {
    if (e instanceof SimplexError) throw new RqError(`quantile regression failed: ${e.message}`);
    throw e;
  }
  return { coef, p, taus: [...taus], pivots, dropped };
}

/** One τ. */
export function rq(X: Float64Array, y: Float64Array, n: number, p: number, tau: number): Float64Array {
  return rqProcess(X, y, n, p, [tau]).coef;
}

function bandedProblem(X: Float64Array, y: Float64Array, n: number, p: number): BandedProblem {
  const gram = crossProduct(X, n, p);
  const scale = n > WHOLE_ROWS ? leverageScale(X, n, p, gram) : new Float64Array(n).fill(1);
  let yMax = 1;
  for (let i = 0; i < n; i++) yMax = Math.max(yMax, Math.abs(y[i]));
  return { X, y, n, p, scale, rTol: 1e-11 * yMax, gram };
}

/** Optimal vertex at τ from scratch: for large n on an evenly spaced subsample first (m ≈ √p·n^⅔, as rq.fit.pfn). */
function startVertex(prob: BandedProblem, solver: BandSolver, tau: number): BandedResult {
  const { X, y, n, p } = prob;
  if (n <= WHOLE_ROWS) {
    const v = fromRoughFit(X, y, n, p, tau);
    return { ...v, residuals: residuals(X, y, n, p, v.beta, new Float64Array(n)), rounds: 1, putBack: 0, kept: n, half: n };
  }
  const m = Math.min(n, Math.max(WHOLE_ROWS, Math.ceil(Math.sqrt(p) * n ** (2 / 3))));
  const rows = Int32Array.from({ length: m }, (_, k) => Math.floor((k * n) / m));
  const Xs = new Float64Array(m * p);
  const ys = new Float64Array(m);
  rows.forEach((i, k) => {
    Xs.set(X.subarray(i * p, i * p + p), k * p);
    ys[k] = y[i];
  });
  const sub = fromRoughFit(Xs, ys, m, p, tau);
  const from: Vertex = { beta: sub.beta, basis: Int32Array.from(sub.basis, (k) => rows[k]) };
  const guess = residuals(X, y, n, p, sub.beta, new Float64Array(n));
  const res = solver.solve(tau, from, guess, tau, Math.ceil(Math.max(4 * bandHalfWidth(n, p), 3 * Math.sqrt(n * p))));
  return { ...res, pivots: res.pivots + sub.pivots };
}

/** The simplex on all rows from the vertex of the rows nearest the least-squares fit. */
function fromRoughFit(X: Float64Array, y: Float64Array, n: number, p: number, tau: number): Vertex & { pivots: number } {
  const ls = leastSquares(X, y, n, p);
  const start = ls && independentRows(X, p, rowsByResidual(X, y, n, p, ls));
  if (!start) throw new RqError('singular design');
  return brSimplex({ X, y, m: n, p, tau, g0: null }, start);
}

function nearestIndex(sorted: readonly number[], x: number): number {
  let best = 0;
  for (let t = 1; t < sorted.length; t++) if (Math.abs(sorted[t] - x) < Math.abs(sorted[best] - x)) best = t;
  return best;
}

function selectColumns(X: Float64Array, n: number, p: number, cols: number[]): Float64Array {
  const q = cols.length;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) for (let k = 0; k < q; k++) out[i * q + k] = X[i * p + cols[k]];
  return out;
}
