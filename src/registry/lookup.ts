// Small reads of the registry that other capabilities need (given to them by src/server.ts), over the
// registry's own store.
import type { Db } from '../core/db/index.js';
import { allSchools, classCountHistory, enrolmentHistory, getDistrict, getSchool, gradeEnrolment } from './store.js';

/** Is there a school with this code in the district? */
export async function schoolExists(db: Db, districtId: string, code: string): Promise<boolean> {
  return (await getSchool(db, districtId, code)) !== null;
}

/** The district's schools: code → name, in code order. */
export async function schoolNames(db: Db, districtId: string): Promise<Map<string, string>> {
  return new Map((await allSchools(db, districtId)).map((s) => [s.code, s.name]));
}

/** The district's name (null when there is no such district): public pages show it. */
export async function districtName(db: Db, districtId: string): Promise<string | null> {
  return (await getDistrict(db, districtId))?.name ?? null;
}

/** The district's schools with their registry facts (name, level, location, ownership), in code order. */
export async function registrySchools(db: Db, districtId: string) {
  return (await allSchools(db, districtId)).map((s) => ({ code: s.code, name: s.name, level: s.level, location: s.location, ownership: s.ownership }));
}

/** Students of one grade per school in a school year (registry enrolments): code → students. */
export const enrolmentOfGrade = (db: Db, districtId: string, year: number, grade: number): Promise<Map<string, number>> => gradeEnrolment(db, districtId, year, grade);

/** The district's schools with their place (lat/lng, null when not recorded) and whether they are open, in code order. */
export async function schoolSites(db: Db, districtId: string) {
  return (await allSchools(db, districtId)).map((s) => ({
    code: s.code,
    name: s.name,
    level: s.level,
    location: s.location,
    isIsland: s.isIsland,
    isOpen: s.isOpen,
    lat: s.lat ?? null,
    lng: s.lng ?? null,
  }));
}

/** Every enrolment record (school × year × grade → students) of the district, ordered by school, year, grade. */
export const enrolmentRecords = (db: Db, districtId: string) => enrolmentHistory(db, districtId);

/** Classes per school × year × grade with the largest class size, ordered by school, year, grade. */
export const classCounts = (db: Db, districtId: string) => classCountHistory(db, districtId);
