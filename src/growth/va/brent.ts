// Brent's one-dimensional minimiser without derivatives (Brent 1973, "Algorithms for Minimization without
// Derivatives", ch. 5, procedure localmin — the algorithm behind R's optimize()): golden section + parabolic steps.

export interface Minimum {
  x: number;
  fx: number;
  evaluations: number;
}

const GOLDEN = (3 - Math.sqrt(5)) / 2;

/** Minimum of f on [a, b] to within tol (absolute) + 2·eps·|x| (relative). */
export function brentMinimize(f: (x: number) => number, a: number, b: number, tol = 1e-12, maxIter = 500): Minimum {
  const eps = Math.sqrt(Number.EPSILON);
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let evaluations = 1;
  for (let iter = 0; iter < maxIter; iter++) {
    const m = (a + b) / 2;
    const tol1 = eps * Math.abs(x) + tol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - (b - a) / 2) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // Fit a parabola through x, w, v.
      let r = (x - w) * (fx - fv);
      let qq = (x - v) * (fx - fw);
      let pp = (x - v) * qq - (x - w) * r;
      qq = 2 * (qq - r);
      if (qq > 0) pp = -pp;
      else qq = -qq;
      r = e;
      e = d;
      if (Math.abs(pp) < Math.abs(0.5 * qq * r) && pp > qq * (a - x) && pp < qq * (b - x)) {
        d = pp / qq;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = (x < m ? b : a) - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, evaluations };
}
