// A teacher's school at a point in time, from their roster rows (teacher_years): the row of the latest school year
// ≤ the given one, else (a teacher who joined the rosters later) the earliest row after it; null with no row at all.
// Decides whose clerk may record a teacher's attendance (the school year of the course's end date) and whose may read
// their hours. Pure module.

export interface RosterPlace {
  year: number;
  schoolCode: string;
}

/** The school of the row with the largest year ≤ schoolYear, else of the row with the smallest year > schoolYear. */
export function schoolOfTeacher(rows: readonly RosterPlace[], schoolYear: number): string | null {
  let before: RosterPlace | null = null;
  let after: RosterPlace | null = null;
  for (const r of rows) {
    if (r.year <= schoolYear) {
      if (!before || r.year > before.year) before = r;
    } else if (!after || r.year < after.year) after = r;
  }
  return (before ?? after)?.schoolCode ?? null;
}
