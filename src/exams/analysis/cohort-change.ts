// Change against an earlier exam of the same cohort, students linked by 学籍号. Per student: rank change
// = earlier rank − later rank (> 0: moved up) and percentile change = later P − earlier P, where by default
// P = 100·(N − r + 1)/N, the share of the exam's N ranked students scoring at or below the student (r the
// competition rank). Per school of the later exam: the mean of each change over its linked students, with n.

export interface RankedExam {
  studentIds: readonly string[];
  /** District rank per student (e.g. of 总分); 0 = no rank. */
  rank: Int32Array;
  /** Optional percentile per student (0–100, NaN = none) instead of the one derived from the ranks. */
  percentile?: Float64Array;
}

export interface CohortChange {
  /** Per student of the later exam; NaN when not linked or unranked in either exam. */
  rankChange: Float64Array;
  percentileChange: Float64Array;
  /** Students ranked in both exams. */
  linked: number;
  /** Later students whose id is not in the earlier exam. */
  onlyLater: number;
  /** Per school of the later exam, in index order. */
  schools: { school: string; n: number; rankChange: number | null; percentileChange: number | null }[];
}

/** P = 100·(N − r + 1)/N for ranked students (N = #ranked), NaN otherwise. */
export function rankPercentiles(rank: Int32Array): Float64Array {
  let ranked = 0;
  for (let i = 0; i < rank.length; i++) if (rank[i] > 0) ranked++;
  const p = new Float64Array(rank.length);
  for (let i = 0; i < rank.length; i++) p[i] = rank[i] > 0 ? (100 * (ranked - rank[i] + 1)) / ranked : NaN;
  return p;
}

export function cohortChange(earlier: RankedExam, later: RankedExam & { school: Int32Array; schoolCodes: readonly string[] }): CohortChange {
  for (const e of [earlier, later]) {
    if (e.rank.length !== e.studentIds.length) throw new RangeError(`${e.rank.length} ranks for ${e.studentIds.length} students`);
    if (e.percentile && e.percentile.length !== e.studentIds.length) throw new RangeError(`${e.percentile.length} percentiles for ${e.studentIds.length} students`);
  }
  if (later.school.length !== later.studentIds.length) throw new RangeError(`${later.school.length} schools for ${later.studentIds.length} students`);
  const index = new Map<string, number>();
  earlier.studentIds.forEach((id, i) => {
    if (index.has(id)) throw new RangeError(`duplicate 学籍号 ${id} in the earlier exam`);
    index.set(id, i);
  });
  const pEarlier = earlier.percentile ?? rankPercentiles(earlier.rank);
  const pLater = later.percentile ?? rankPercentiles(later.rank);
  const n = later.studentIds.length;
  const G = later.schoolCodes.length;
  const rankChange = new Float64Array(n).fill(NaN);
  const percentileChange = new Float64Array(n).fill(NaN);
  const count = new Float64Array(G);
  const sumRank = new Float64Array(G);
  const countP = new Float64Array(G);
  const sumP = new Float64Array(G);
  let linked = 0;
  let onlyLater = 0;
  for (let i = 0; i < n; i++) {
    const j = index.get(later.studentIds[i]);
    if (j === undefined) {
      onlyLater++;
      continue;
    }
    const g = later.school[i];
    if (!(g >= 0 && g < G)) throw new RangeError(`student ${later.studentIds[i]}: school ${g} out of range 0–${G - 1}`);
    if (earlier.rank[j] > 0 && later.rank[i] > 0) {
      linked++;
      rankChange[i] = earlier.rank[j] - later.rank[i];
      count[g]++;
      sumRank[g] += rankChange[i];
    }
    const dp = pLater[i] - pEarlier[j];
    if (dp === dp) {
      percentileChange[i] = dp;
      countP[g]++;
      sumP[g] += dp;
    }
  }
  return {
    rankChange,
    percentileChange,
    linked,
    onlyLater,
    schools: later.schoolCodes.map((school, g) => ({
      school,
      n: count[g],
      rankChange: count[g] ? sumRank[g] / count[g] : null,
      percentileChange: countP[g] ? sumP[g] / countP[g] : null,
    })),
  };
}
