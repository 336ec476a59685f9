// The demo county's forecast inputs, so that /planning shows a forecast with its backtest, births and housing:
//   - every school's township (乡镇), read from its address ("青溪县白沙镇白沙街88号" → 白沙镇), else from its name
//     ("白沙镇岭头小学" → 白沙镇);
//   - the classroom stock of most schools: the year's classes plus a few spare rooms (none or one in the crowded
//     城区, more in shrinking rural schools); three schools left unrecorded (the report then uses their classes);
//   - a births table per township for the calendar years the forecast and its entry ratios read (year − 16 … year):
//     the national births of each year (国家统计局, 万人: 1,786 in 2016 down to 902 in 2023) scaled to the township's
//     entry grades, so that births × the entry ratio reproduce them — and births decline as they do nationally;
//   - one new housing project in the county seat, moving in two years after the year.
// Deterministic (hashes of the codes, no Math.random); loading it again changes nothing.
import type { Db } from '../../core/db/index.js';
import { classCounts, enrolmentRecords } from '../../registry/lookup.js';
import { hashString } from '../../registry/demo.js';
import type { PlanningDeps } from '../deps.js';
import { birthLag, entryGrades } from './entry-inputs.js';
import * as store from './store.js';

/** China's births per calendar year, 万人 (国家统计局 国民经济和社会发展统计公报). */
export const NATIONAL_BIRTHS: Readonly<Record<number, number>> = {
  2006: 1584,
  2007: 1594,
  2008: 1608,
  2009: 1591,
  2010: 1592,
  2011: 1604,
  2012: 1635,
  2013: 1640,
  2014: 1687,
  2015: 1655,
  2016: 1786,
  2017: 1723,
  2018: 1523,
  2019: 1465,
  2020: 1202,
  2021: 1062,
  2022: 956,
  2023: 902,
  2024: 954,
};
const nationalBirths = (y: number) => NATIONAL_BIRTHS[Math.min(2024, Math.max(2006, y))];

/** Share of a township's births that enter its own schools' entry grade (some families move away or go elsewhere). */
const ENTRY_SHARE = 0.93;
/** How many schools keep no classroom record (the report then uses their classes). */
const UNRECORDED = 3;

export const DEMO_HOUSING = { name: '滨江新城·锦绣华府', school: '滨江小学', units: 1200, childrenPerUnit: 0.04 } as const;

/** The township of a school: from its address (…县X镇…, …县X乡…, …X街道…), else from the start of its name; null if neither says. */
export function townshipOf(s: { name: string; address: string | null }): string | null {
  const fromAddress = s.address ? /(?:省|市|县|区|旗)([^省市县区旗\d]{1,6}?(?:街道|镇|乡))/.exec(s.address) : null;
  if (fromAddress) return fromAddress[1];
  const fromName = /^([^\d]{1,4}?(?:街道|镇|乡))/.exec(s.name);
  return fromName ? fromName[1] : null;
}

/** A whole number in [lo, hi] from a hash of the key. */
const pick = (key: string, lo: number, hi: number) => lo + (hashString(key) % (hi - lo + 1));

export async function loadDemoForecast(db: Db, deps: PlanningDeps, districtId: string, year: number): Promise<void> {
  const schools = await deps.registry.districtSchools(districtId);
  const [records, classes] = await Promise.all([enrolmentRecords(db, districtId), classCounts(db, districtId)]);
  const classesNow = new Map<string, number>();
  for (const c of classes) if (c.year === year) classesNow.set(c.schoolCode, (classesNow.get(c.schoolCode) ?? 0) + c.classes);
  const open = schools.filter((s) => classesNow.has(s.code)).sort((a, b) => a.code.localeCompare(b.code));
  const unrecorded = new Set(
    [...open]
      .sort((a, b) => hashString(`${a.code}|classrooms`) - hashString(`${b.code}|classrooms`))
      .slice(0, UNRECORDED)
      .map((s) => s.code),
  );
  const spare = (code: string, location: string) => (location === '城区' ? pick(`${code}|spare`, 0, 1) : location === '镇区' ? pick(`${code}|spare`, 1, 3) : pick(`${code}|spare`, 2, 5));
  const township = new Map(schools.map((s) => [s.code, townshipOf(s)]));
  await store.saveSchoolInputs(
    db,
    districtId,
    'demo',
    schools.map((s) => ({
      schoolCode: s.code,
      township: township.get(s.code) ?? null,
      classrooms: classesNow.has(s.code) && !unrecorded.has(s.code) ? classesNow.get(s.code)! + spare(s.code, s.location) : null,
    })),
    [],
  );

  // Births: per township, scale = mean over its grade-1 intakes (a township without a primary school: its entry grades)
  // of entrants ÷ national births lag years before, ÷ the entry share; births(y) = scale × national(y) × (1 ± 3 %).
  const entry = entryGrades(records);
  const intakes = new Map<string, { grade: number; born: number; students: number }[]>();
  for (const r of records) {
    const t = township.get(r.schoolCode);
    if (!t || r.grade !== entry.get(r.schoolCode)) continue;
    const list = intakes.get(t) ?? [];
    list.push({ grade: r.grade, born: r.year - birthLag(r.grade), students: r.students });
    intakes.set(t, list);
  }
  const births: store.BirthsRow[] = [];
  for (const [t, all] of [...intakes].sort(([a], [b]) => a.localeCompare(b))) {
    const primary = all.filter((x) => x.grade === 1);
    const used = primary.length ? primary : all;
    const byBirthYear = new Map<number, number>();
    for (const x of used) byBirthYear.set(x.born, (byBirthYear.get(x.born) ?? 0) + x.students);
    const scale = [...byBirthYear].reduce((s, [y, n]) => s + n / nationalBirths(y), 0) / byBirthYear.size / ENTRY_SHARE;
    for (let y = year - 16; y <= year; y++) births.push({ township: t, year: y, births: Math.round(scale * nationalBirths(y) * (1 + (pick(`${t}|${y}`, 0, 60) - 30) / 1000)) });
  }
  await store.replaceBirths(db, districtId, births, () => []);

  const existing = await store.housing(db, districtId);
  const school = schools.find((s) => s.name === DEMO_HOUSING.school) ?? open.find((s) => s.location === '城区' && s.level === '小学');
  if (school && !existing.some((h) => h.name === DEMO_HOUSING.name))
    await store.insertHousing(
      db,
      districtId,
      'demo',
      { schoolCode: school.code, name: DEMO_HOUSING.name, units: DEMO_HOUSING.units, childrenPerUnit: DEMO_HOUSING.childrenPerUnit, moveInYear: year + 2 },
      () => [],
    );
}
