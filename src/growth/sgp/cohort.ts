// Cohort of an exact grade progression (studentGrowthPercentiles.R .get_cohort_data / na_omit): students in grade g
// with a score in the final year whose last k years were grades g−1, …, g−k, each with a score.
import type { WideData } from './wide.js';

export interface Cohort {
  grade: number;
  order: number;
  /** Student indices into the WideData. */
  rows: Int32Array;
  y: Float64Array;
  /** priors[j][q]: score in year final−1−j of rows[q]. */
  priors: Float64Array[];
  /** Grade of each prior (g−1, …, g−k). */
  priorGrades: number[];
}

export function selectCohort(data: WideData, finalIndex: number, grade: number, order: number): Cohort | null {
  if (finalIndex - order < 0) return null;
  const priorGrades = Array.from({ length: order }, (_, j) => grade - 1 - j);
  const fg = data.grade[finalIndex];
  const fs = data.score[finalIndex];
  const rows: number[] = [];
  for (let i = 0; i < data.ids.length; i++) {
    if (fg[i] !== grade || Number.isNaN(fs[i])) continue;
    let ok = true;
    for (let j = 0; j < order && ok; j++) {
      const t = finalIndex - 1 - j;
      ok = data.grade[t][i] === priorGrades[j] && !Number.isNaN(data.score[t][i]);
    }
    if (ok) rows.push(i);
  }
  if (rows.length === 0) return null;
  const r = Int32Array.from(rows);
  return {
    grade,
    order,
    rows: r,
    y: Float64Array.from(r, (i) => fs[i]),
    priors: priorGrades.map((_, j) => Float64Array.from(r, (i) => data.score[finalIndex - 1 - j][i])),
    priorGrades,
  };
}
