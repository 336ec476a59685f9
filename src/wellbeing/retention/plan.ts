// Which school years of pupil-level health rows a retention of N school years removes. The current school year
// counts as one (schema.ts): with the reference year R, rows of years R − N + 1 … R are kept and every year up to
// R − N is purged; null keeps everything. The reference is the later of the registry's current school year (when
// known) and the latest year of any kind's data (pupil rows or stored tallies), so that the count never starts
// before data already imported.

/** The reference school year: the later of the registry's current year (null when unknown) and the data's latest year; null when neither. */
export function referenceYear(current: number | null, dataYears: readonly number[]): number | null {
  const all = current === null ? [...dataYears] : [current, ...dataYears];
  return all.length ? Math.max(...all) : null;
}

/** The first school year whose pupil rows are kept; null when everything is kept. */
export function keepFrom(reference: number | null, retentionYears: number | null): number | null {
  if (reference === null || retentionYears === null) return null;
  return reference - retentionYears + 1;
}

/** The years of `years` to purge (older than keepFrom), latest first. */
export function yearsToPurge(years: readonly number[], reference: number | null, retentionYears: number | null): number[] {
  const from = keepFrom(reference, retentionYears);
  if (from === null) return [];
  return years.filter((y) => y < from).sort((a, b) => b - a);
}
