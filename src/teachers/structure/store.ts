// Structure's own reads: the school years that have a roster (the roster rows themselves come from the roster's store,
// src/teachers/roster/store.ts rosterOfYear).
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { teacherYears } from '../schema.js';

/** The years with at least one roster row in the district, newest first. */
export async function rosterYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: teacherYears.year }).from(teacherYears).where(eq(teacherYears.districtId, districtId)).orderBy(desc(teacherYears.year));
  return rows.map((r) => r.year);
}
