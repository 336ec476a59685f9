// Small reads of the registry that other capabilities need (given to them by src/server.ts), over the
// registry's own store.
import type { Db } from '../core/db/index.js';
import { allSchools, getSchool } from './store.js';

/** Is there a school with this code in the district? */
export async function schoolExists(db: Db, districtId: string, code: string): Promise<boolean> {
  return (await getSchool(db, districtId, code)) !== null;
}

/** The district's schools: code → name, in code order. */
export async function schoolNames(db: Db, districtId: string): Promise<Map<string, string>> {
  return new Map((await allSchools(db, districtId)).map((s) => [s.code, s.name]));
}
