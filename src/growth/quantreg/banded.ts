// Exact solution on a band of observations (Portnoy & Koenker 1997, "the Gaussian hare and the Laplacian tortoise",
// as in quantreg's rq.fit.pfn): rows whose standardised residual under a guess lies far below / above its τ-quantile
// are kept out as two "globs" that only add a fixed gradient (τ−1)·Σ_low x_i + τ·Σ_high x_i; the simplex solves the
// band; any globbed row found on the wrong side of the new fit is put back and the band re-solved. The result is the
// exact optimum of the whole problem. One solver serves a run of neighbouring τ and keeps its globs' sums up to date.
import { brSimplex, SimplexError } from './simplex.js';
import { kthSmallest } from './select.js';

export interface Vertex {
  beta: Float64Array;
  /** p row indices with zero residual defining β. */
  basis: Int32Array;
}

export interface BandedResult extends Vertex {
  /** y − Xβ on all rows (owned by the caller from now on). */
  residuals: Float64Array;
  pivots: number;
  /** Band solves needed (1 = the first band was right), and rows put back into the band after the first. */
  rounds: number;
  putBack: number;
  kept: number;
  /** Half-width finally used (doubled each time a direction was unbounded). */
  half: number;
}

export interface BandedProblem {
  /** Row-major n × p. */
  X: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  /** Residual scale per row (leverage.ts); the band is ranked by r_i / scale_i. */
  scale: Float64Array;
  /** Residuals this small are ties (zero). */
  rTol: number;
  /** X'X of all rows: the simplex's steepest-edge norms on a band use the whole problem's geometry. */
  gram: Float64Array;
}

export class BandSolver {
  /** −1: low glob (assumed below the fit), +1: high glob, 0: in the band. */
  private group: Int8Array;
  private sumLow: Float64Array;
  private sumHigh: Float64Array;
  private u: Float64Array;
  private work: Float64Array;
  private solves = 0;

  constructor(private readonly prob: BandedProblem) {
    this.group = new Int8Array(prob.n);
    this.sumLow = new Float64Array(prob.p);
    this.sumHigh = new Float64Array(prob.p);
    this.u = new Float64Array(prob.n);
    this.work = new Float64Array(prob.n);
  }

  /**
   * Solves at `tau` from the vertex `from`. `guess` = residuals y − Xβ̃ of a coefficient vector β̃ near the answer;
   * the band is about `half` rows either side of their τ-quantile (ranked by r/scale), widened to also span the
   * ranks from `tauFrom` (the τ of `guess`) to tau.
   */
  solve(tau: number, from: Vertex, guess: Float64Array, tauFrom: number, half: number, out?: Float64Array): BandedResult {
    const { X, y, n, p, rTol } = this.prob;
    this.regroup(guess, tau, tauFrom, half, from.basis);
    if (++this.solves % 16 === 0) this.resum();
    let start = from.basis;
    let pivots = 0;
    let putBack = 0;
    const r = out && out !== guess ? out : new Float64Array(n);
    for (let rounds = 1; ; rounds++) {
      const band = this.band(tau);
      const local = new Map<number, number>();
      band.rows.forEach((i, q) => local.set(i, q));
      let res;
      try {
        res = brSimplex(
          { X: band.X, y: band.y, m: band.rows.length, p, tau, g0: band.globbed ? band.g0 : null, gram: this.prob.gram },
          Int32Array.from(start, (i) => local.get(i)!),
        );
      } catch (e) {
        // A band too narrow can leave a direction unbounded (the globs' gradient wins): start again, twice as wide.
        if (!(e instanceof SimplexError) || e.kind !== 'unbounded' || band.globbed === 0) throw e;
        half *= 2;
        this.regroup(guess, tau, tauFrom, half, from.basis);
        start = from.basis;
        continue;
      }
      pivots += res.pivots;
      const basis = Int32Array.from(res.basis, (q) => band.rows[q]);
      residuals(X, y, n, p, res.beta, r);
      let wrong = 0;
      const g = this.group;
      for (let i = 0; i < n; i++) {
        if ((g[i] < 0 && r[i] > rTol) || (g[i] > 0 && r[i] < -rTol)) {
          this.move(i, 0);
          wrong++;
        }
      }
      if (wrong === 0) return { beta: res.beta, basis, residuals: r, pivots, rounds, putBack, kept: band.rows.length, half };
      putBack += wrong;
      start = basis;
    }
  }

  /** Globs every row whose standardised residual ranks more than `w` rows outside the band of τ and tauFrom. */
  private regroup(r: Float64Array, tau: number, tauFrom: number, w: number, keep: Int32Array): void {
    const { n, scale } = this.prob;
    const { u, work } = this;
    for (let i = 0; i < n; i++) u[i] = r[i] / scale[i];
    const lowRank = Math.floor(Math.min(tau, tauFrom) * n) - w;
    const highRank = Math.ceil(Math.max(tau, tauFrom) * n) + w;
    work.set(u);
    const lo = lowRank > 0 ? kthSmallest(work, lowRank) : -Infinity;
    const hi = highRank < n - 1 ? kthSmallest(work, highRank, lowRank > 0 ? lowRank + 1 : 0) : Infinity;
    for (let i = 0; i < n; i++) this.move(i, u[i] < lo ? -1 : u[i] > hi ? 1 : 0);
    for (const i of keep) this.move(i, 0);
  }

  /** Puts row i in group g, keeping the globs' column sums current. */
  private move(i: number, g: number): void {
    const old = this.group[i];
    if (old === g) return;
    const { X, p } = this.prob;
    const row = i * p;
    if (old !== 0) {
      const s = old < 0 ? this.sumLow : this.sumHigh;
      for (let k = 0; k < p; k++) s[k] -= X[row + k];
    }
    if (g !== 0) {
      const s = g < 0 ? this.sumLow : this.sumHigh;
      for (let k = 0; k < p; k++) s[k] += X[row + k];
    }
    this.group[i] = g;
  }

  /** Recomputes the globs' sums from scratch (bounds the drift of the incremental updates). */
  private resum(): void {
    const { X, n, p } = this.prob;
    this.sumLow.fill(0);
    this.sumHigh.fill(0);
    for (let i = 0; i < n; i++) {
      const g = this.group[i];
      if (g === 0) continue;
      const s = g < 0 ? this.sumLow : this.sumHigh;
      for (let k = 0; k < p; k++) s[k] += X[i * p + k];
    }
  }

  /** The band's rows copied out, and the globs' gradient. */
  private band(tau: number) {
    const { X, y, n, p } = this.prob;
    const g = this.group;
    let m = 0;
    for (let i = 0; i < n; i++) if (g[i] === 0) m++;
    const rows = new Int32Array(m);
    const Xb = new Float64Array(m * p);
    const yb = new Float64Array(m);
    for (let i = 0, q = 0; i < n; i++) {
      if (g[i] !== 0) continue;
      rows[q] = i;
      yb[q] = y[i];
      Xb.set(X.subarray(i * p, i * p + p), q * p);
      q++;
    }
    const g0 = new Float64Array(p);
    for (let k = 0; k < p; k++) g0[k] = (tau - 1) * this.sumLow[k] + tau * this.sumHigh[k];
    return { rows, X: Xb, y: yb, g0, globbed: n - m };
  }
}

export function residuals(X: Float64Array, y: Float64Array, n: number, p: number, beta: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let f = y[i];
    const row = i * p;
    for (let k = 0; k < p; k++) f -= X[row + k] * beta[k];
    out[i] = f;
  }
  return out;
}
