// Knots and boundaries per grade as SGP's createKnotsBoundaries() makes them on its first run: from the prior-year
// panels of the students who have a current score, grouped by the grade in that panel — knots = type-7 quantiles
// 0.2/0.4/0.6/0.8, boundaries = extendrange(f = 0.1), loss/hoss = extendrange(f = 0), all rounded to 3 decimals.
// The previous year's panel comes first (the rule, and what reproduces the oracle: there the first run,
// progression 3:4, sees only the 2024 panel and fixes every grade in it); a grade absent from it takes the most recent
// earlier panel where it occurs (sgp_oracle.R would take the earliest; the package pools the panels). So a grade seen
// in the previous year only among a few repeaters gets its knots from those few.
import { extendRange, quantile7, roundDigits } from './r-stats.js';
import type { WideData } from './wide.js';

export interface GradeKnots {
  grade: number;
  knots: [number, number, number, number];
  boundary: [number, number];
  lossHoss: [number, number];
  /** Year of the panel the values come from, and its number of scores. */
  year: number;
  n: number;
}

export const KNOT_PERCENTILES = [0.2, 0.4, 0.6, 0.8] as const;

export function knotsByGrade(data: WideData, finalYear: number): Map<number, GradeKnots> {
  const f = data.years.indexOf(finalYear);
  if (f < 0) throw new Error(`no year ${finalYear} in the data`);
  const hasFinal = data.score[f];
  const out = new Map<number, GradeKnots>();
  for (let t = f - 1; t >= 0; t--) {
    const byGrade = new Map<number, number[]>();
    const g = data.grade[t];
    const s = data.score[t];
    for (let i = 0; i < data.ids.length; i++) {
      if (Number.isNaN(hasFinal[i]) || Number.isNaN(g[i]) || Number.isNaN(s[i])) continue;
      let list = byGrade.get(g[i]);
      if (!list) byGrade.set(g[i], (list = []));
      list.push(s[i]);
    }
    for (const [grade, xs] of [...byGrade].sort((a, b) => a[0] - b[0])) {
      if (out.has(grade)) continue;
      const r3 = (v: number) => roundDigits(v, 3);
      const q = quantile7(xs, KNOT_PERCENTILES).map(r3);
      const b = extendRange(xs, 0.1).map(r3);
      const lh = extendRange(xs, 0).map(r3);
      out.set(grade, { grade, knots: [q[0], q[1], q[2], q[3]], boundary: [b[0], b[1]], lossHoss: [lh[0], lh[1]], year: data.years[t], n: xs.length });
    }
  }
  return out;
}
