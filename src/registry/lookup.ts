// Small reads of the registry that other capabilities need (given to them by src/server.ts).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { schools } from './schema.js';

/** Is there a school with this code in the district? */
export async function schoolExists(db: Db, districtId: string, code: string): Promise<boolean> {
  const [s] = await db.select({ c: schools.code }).from(schools).where(and(eq(schools.districtId, districtId), eq(schools.code, code)));
  return !!s;
}
