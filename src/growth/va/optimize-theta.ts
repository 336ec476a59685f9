// REML estimate of θ = τ/σ ≥ 0: bracket the minimum of the profiled deviance on a log-spaced grid that starts at the
// boundary θ = 0, then solve d_R'(θ) = 0 inside the bracket by bisection on the analytic slope (reml-slope.ts), which
// is exact to ~1e−12 where the deviance itself is too flat to resolve (Brent on the deviance is the fallback).
// θ̂ = 0 when the slope at 0 is ≥ 0. With fewer than two occupied groups τ² is not identifiable (the deviance is flat
// in θ), so θ = 0 is returned and flagged.
import { brentMinimize } from './brent.js';
import type { GroupSums } from './group-sums.js';
import { remlDeviance, type RemlPoint } from './reml.js';
import { remlSlope } from './reml-slope.js';

export interface ThetaEstimate {
  point: RemlPoint;
  /** θ̂ = 0: the estimate sits on the boundary (no detectable between-group variance). */
  boundary: boolean;
  /** Set when τ² could not be estimated (fewer than two occupied groups). */
  unidentified: boolean;
  evaluations: number;
}

/** 0, then e^(k/4) for k = −56 … 24, i.e. θ from 8e−7 to 403 (τ² from ~1e−12·σ² to 1.6e5·σ²). */
const GRID = [0, ...Array.from({ length: 81 }, (_, i) => Math.exp((i - 56) / 4))];

export function optimizeTheta(s: GroupSums): ThetaEstimate {
  const zero = remlDeviance(s, 0);
  if (s.occupied < 2) return { point: zero, boundary: true, unidentified: true, evaluations: 1 };
  const values = GRID.map((t, i) => (i === 0 ? zero.deviance : remlDeviance(s, t).deviance));
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  const lo = GRID[Math.max(0, best - 1)];
  const hi = GRID[Math.min(GRID.length - 1, best + 1)];
  const slope = (t: number) => remlSlope(s, remlDeviance(s, t));
  if (lo === 0 && slope(0) >= 0) return { point: zero, boundary: true, unidentified: false, evaluations: GRID.length + 1 };
  const root = bisectRoot(slope, lo, hi);
  let point: RemlPoint;
  let evaluations = GRID.length + (root?.evaluations ?? 0);
  if (root) point = remlDeviance(s, root.x);
  else {
    const m = brentMinimize((t) => remlDeviance(s, t).deviance, lo, hi, hi * 1e-12);
    point = remlDeviance(s, m.x);
    evaluations += m.evaluations;
  }
  if (zero.deviance < point.deviance) point = zero;
  return { point, boundary: point.theta === 0, unidentified: false, evaluations };
}

/** The sign change of f in [a, b] (f(a) < 0 < f(b)) to 1e−15 relative, or null when f does not change sign there. */
function bisectRoot(f: (x: number) => number, a: number, b: number): { x: number; evaluations: number } | null {
  const fa = f(a);
  const fb = f(b);
  if (!(fa < 0 && fb > 0)) return null;
  let evaluations = 2;
  while (b - a > 1e-15 * b && evaluations < 200) {
    const m = (a + b) / 2;
    if (m <= a || m >= b) break;
    const fm = f(m);
    evaluations++;
    if (fm < 0) a = m;
    else b = m;
  }
  return { x: (a + b) / 2, evaluations };
}
