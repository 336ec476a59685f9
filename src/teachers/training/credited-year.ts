// The calendar year in which a course's hours count (学时计入年度): the year of the course's end date (结业日期), so a
// course from 28 Dec 2024 to 2 Jan 2025 counts in 2025 and one ending on 31 Dec 2024 in 2024. Pure module.

/** creditedYear = the year of endDate (YYYY-MM-DD). */
export function creditedYear(endDate: string): number {
  return Number(endDate.slice(0, 4));
}

/** The calendar years of the window ending in `year`: [year − n + 1, year] (n = 5: this year and the four before it). */
export function windowYears(year: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => year - n + 1 + i);
}
