// Small reads of the registry that other capabilities need (given to them by src/server.ts).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { schools } from './schema.js';

/** Is there a school with this code in the district? */
export async function schoolExists(db: Db, districtId: string, code: string): Promise<boolean> {
  const [s] = await db
    .select({ c: schools.code })
    .from(schools)
    .where(and(eq(schools.districtId, districtId), eq(schools.code, code)));
  return !!s;
}

/** The district's schools: code → name, in code order. */
export async function schoolNames(db: Db, districtId: string): Promise<Map<string, string>> {
  const list = await db.select({ code: schools.code, name: schools.name }).from(schools).where(eq(schools.districtId, districtId)).orderBy(schools.code);
  return new Map(list.map((r) => [r.code, r.name]));
}
