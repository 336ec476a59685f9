// Student growth percentiles for the final year (SGP package studentGrowthPercentiles(), anchors §3.1): per current
// grade and order k = 1…maxOrder, 100 quantile regressions of the score on B-splines of the k prior scores, each
// student's SGP read off the predictions; the reported SGP is the highest order available to the student.
// As in testSGP and the oracle, sgp.loss.hoss.adjustment is off: priors are not clipped and predictions not bounded
// to loss/hoss (which are only reported with the knots); no minimum cohort size (sgp.cohort.size = 0), but a cohort
// with no more students than coefficients gets no SGPs.
import { rqProcess, RqError } from '../quantreg/rq.js';
import { selectCohort } from './cohort.js';
import { sgpDesign } from './design.js';
import { knotsByGrade, type GradeKnots } from './knots.js';
import { readOffSgp, SGP_TAUS } from './read-off.js';
import type { WideData } from './wide.js';

export interface SgpOptions {
  /** Highest number of priors (the package's max.order.for.percentile); default 3. */
  maxOrder?: number;
  /** Year to compute SGPs for; default the last year of the data. */
  year?: number;
}

export interface StudentSgp {
  /** Index of the student in the WideData. */
  index: number;
  id: string;
  grade: number;
  /** Highest order with an SGP, and that SGP. */
  order: number;
  sgp: number;
  /** SGP by order: byOrder[k − 1], null where the student has no order-k SGP. */
  byOrder: (number | null)[];
}

export interface CohortRun {
  grade: number;
  order: number;
  n: number;
  coefficients: number;
  /** Why no SGPs came from this cohort (too few students for the coefficients, singular design). */
  skipped?: string;
  ms: number;
  pivots: number;
  /** The (1 + 7k) × 100 coefficient matrix, column t for τ_t (SGP_TAUS); null if skipped. */
  coef: Float64Array | null;
}

export interface SgpResult {
  year: number;
  knots: Map<number, GradeKnots>;
  students: StudentSgp[];
  cohorts: CohortRun[];
}

export function studentGrowthPercentiles(data: WideData, options: SgpOptions = {}): SgpResult {
  const maxOrder = options.maxOrder ?? 3;
  const year = options.year ?? data.years[data.years.length - 1];
  const f = data.years.indexOf(year);
  if (f < 1) throw new Error(`no prior year before ${year} in the data`);
  const knots = knotsByGrade(data, year);
  const fg = data.grade[f];
  const fs = data.score[f];
  const grades = [...new Set(Array.from(fg).filter((g, i) => !Number.isNaN(g) && !Number.isNaN(fs[i])))].sort((a, b) => a - b);
  const byStudent = new Map<number, (number | null)[]>();
  const cohorts: CohortRun[] = [];
  for (const grade of grades) {
    for (let order = 1; order <= maxOrder; order++) {
      const specs = Array.from({ length: order }, (_, j) => knots.get(grade - 1 - j));
      if (specs.some((s) => !s)) break; // no scores ever in that prior grade
      const cohort = selectCohort(data, f, grade, order);
      if (!cohort) continue;
      const t0 = performance.now();
      const { X, n, p } = sgpDesign(cohort.priors, specs as GradeKnots[]);
      const run: CohortRun = { grade, order, n, coefficients: p, ms: 0, pivots: 0, coef: null };
      cohorts.push(run);
      let fit;
      try {
        if (n <= p) throw new RqError(`${n} students for ${p} coefficients`);
        fit = rqProcess(X, cohort.y, n, p, SGP_TAUS);
      } catch (e) {
        if (!(e instanceof RqError)) throw e;
        run.skipped = e.message;
        continue;
      }
      run.pivots = fit.pivots;
      run.coef = fit.coef;
      for (let q = 0; q < n; q++) {
        const i = cohort.rows[q];
        let list = byStudent.get(i);
        if (!list) byStudent.set(i, (list = new Array<number | null>(maxOrder).fill(null)));
        list[order - 1] = readOffSgp(X, p, q, fit.coef, SGP_TAUS.length, cohort.y[q]);
      }
      run.ms = performance.now() - t0;
    }
  }
  const students: StudentSgp[] = [...byStudent]
    .sort((a, b) => a[0] - b[0])
    .map(([index, byOrder]) => {
      let order = 0;
      byOrder.forEach((v, k) => v !== null && (order = k + 1));
      return { index, id: data.ids[index], grade: fg[index], order, sgp: byOrder[order - 1]!, byOrder };
    });
  return { year, knots, students, cohorts };
}
