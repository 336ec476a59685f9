// Schools flagged by 后x%率 (standards.md §4.3, the third-party 优质均衡国测 script): rank the schools by their rate,
// highest first, ties sharing the higher rank (rank = 1 + #schools with a strictly higher rate); a school is flagged
// when rank ≤ share × m. Difference from the script: m counts the schools with a rate (students with a 总分),
// where the script counts every school listed.

/** @param share of schools, 0–1 (the script: 0.3 with x = 30) */
export function flagHighestRates(rates: readonly (number | null)[], share: number): boolean[] {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`flag share ${share} outside 0–1`);
  const ranked = rates.filter((r): r is number => r !== null);
  const limit = share * ranked.length + 1e-9; // 0.3 × 10 is 3.0000000000000004 in binary
  return rates.map((r) => {
    if (r === null) return false;
    let above = 0;
    for (const q of ranked) if (q > r) above++;
    return 1 + above <= limit;
  });
}
