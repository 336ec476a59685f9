// Subject balance of a school (学科均衡): for subject s, the school's standardized mean gap
// d_s = (school mean_s − district mean_s) / district sd_s (the mean Z of its students), minus the school's average
// of d over its subjects: b_s = d_s − mean_j d_j. b_s > 0: the subject is stronger than the school's own level,
// b_s < 0: weaker; Σ_s b_s = 0. Standardizing (not 超均率) keeps subjects of different difficulty comparable.

/**
 * @param schoolMeans [subject][school] the school's mean, null without students
 * @param district per subject, the district mean and population sd
 * @returns [school][subject]; null where the school has no mean or the district no spread
 */
export function subjectBalance(schoolMeans: readonly (readonly (number | null)[])[], district: readonly { mean: number | null; sd: number | null }[]): (number | null)[][] {
  const subjects = schoolMeans.length;
  const schools = subjects ? schoolMeans[0].length : 0;
  return Array.from({ length: schools }, (_, g) => {
    const gaps = Array.from({ length: subjects }, (_, s) => {
      const m = schoolMeans[s][g];
      const { mean, sd } = district[s];
      return m === null || mean === null || sd === null || !(sd > 0) ? null : (m - mean) / sd;
    });
    const known = gaps.filter((x): x is number => x !== null);
    if (known.length === 0) return gaps;
    const avg = known.reduce((a, b) => a + b, 0) / known.length;
    return gaps.map((x) => (x === null ? null : x - avg));
  });
}
