// Which roster a calendar year's training shares are counted over: the roster of school year Y (Y–Y+1, taken in the
// autumn of Y) when the district has one, else that of Y − 1 (the school year that ran in the spring of Y); null when
// neither exists. The result says which (fallback: true for Y − 1). Pure module.

export interface RosterChoice {
  rosterYear: number;
  /** true: the roster of the year before the calendar year was used (none of that year yet). */
  fallback: boolean;
}

/** rosterYear = Y if a roster of Y exists, else Y − 1 if one exists, else null. */
export function rosterYearFor(calendarYear: number, rosterYears: ReadonlySet<number>): RosterChoice | null {
  if (rosterYears.has(calendarYear)) return { rosterYear: calendarYear, fallback: false };
  if (rosterYears.has(calendarYear - 1)) return { rosterYear: calendarYear - 1, fallback: true };
  return null;
}
