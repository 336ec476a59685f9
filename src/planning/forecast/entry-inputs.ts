// Entry inputs of seat forecast v1 (入学预测的外部输入) — "better entry forecasts replace the mean where the data
// exist: births six years earlier × an entry ratio, new housing × children per household" (admissions-planning
// methods, "Seat forecast v1"; docs/methods/planning-forecast.md).
//   births: E(s,entry,t) = births(key(s), t − lag) × entry ratio(s), lag = entry grade + 5 (6 for grade 1);
//           entry ratio(s) = mean over the window years t of E(s,entry,t) / births(key(s), t − lag), where both
//           exist and births > 0; null (→ the window mean) where the births or the ratio are missing.
//   housing: units × children per unit added to the entry intake of every year ≥ the move-in year.
import type { EnrolmentRecord, EntryInput } from './forecast-v1.js';

/** Births of a year in an area: key = township (web) or school_code (CLI, the school's catchment). */
export interface BirthsRecord {
  key: string;
  year: number;
  births: number;
}
/** A new housing project in a school's catchment (新建住宅小区). */
export interface HousingProject {
  schoolCode: string;
  name: string;
  units: number;
  childrenPerUnit: number;
  moveInYear: number;
}

/** Years between birth and entering a grade: 6 for grade 1 (入学年龄 6 周岁), 12 for grade 7. */
export const birthLag = (entryGrade: number): number => entryGrade + 5;

/** The entry grade of every school: the lowest grade it ever reported (as forecast v1). */
export function entryGrades(records: readonly EnrolmentRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    const g = out.get(r.schoolCode);
    if (g === undefined || r.grade < g) out.set(r.schoolCode, r.grade);
  }
  return out;
}

/** Births per (key, year); a repeated key-year throws. */
function birthsIndex(births: readonly BirthsRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  births.forEach((b, i) => {
    if (!Number.isInteger(b.year)) throw new Error(`出生数第 ${i + 1} 条 / births record ${i + 1}: 年份无效 / invalid year ${String(b.year)}`);
    if (!Number.isFinite(b.births) || b.births < 0) throw new Error(`出生数第 ${i + 1} 条 / births record ${i + 1}: 出生数须为非负数 / births must be ≥ 0 (got ${String(b.births)})`);
    const k = `${b.year}\u0000${b.key}`;
    if (out.has(k)) throw new Error(`出生数重复：${b.key} ${b.year} 年 / duplicate births for ${b.key}, year ${b.year}`);
    out.set(k, b.births);
  });
  return out;
}

/** The entry ratios (school → ratio) the births input uses; schools without a computable ratio are absent. */
export function entryRatios(records: readonly EnrolmentRecord[], births: readonly BirthsRecord[], keyOf: (schoolCode: string) => string | null, baseYear: number, window: number): Map<string, number> {
  const b = birthsIndex(births);
  const entry = entryGrades(records);
  const acc = new Map<string, { sum: number; n: number }>();
  for (const r of records) {
    if (r.grade !== entry.get(r.schoolCode) || r.year > baseYear || r.year < baseYear - window + 1) continue;
    const key = keyOf(r.schoolCode);
    if (key === null) continue;
    const born = b.get(`${r.year - birthLag(r.grade)}\u0000${key}`);
    if (born === undefined || !(born > 0)) continue;
    const a = acc.get(r.schoolCode) ?? { sum: 0, n: 0 };
    a.sum += r.students / born;
    a.n++;
    acc.set(r.schoolCode, a);
  }
  return new Map([...acc].map(([s, a]) => [s, a.sum / a.n]));
}

/** E(s,entry,t) = births(key(s), t − lag) × entry ratio(s); null where either is missing (v1 then uses the window mean). */
export function entryFromBirths(records: readonly EnrolmentRecord[], births: readonly BirthsRecord[], keyOf: (schoolCode: string) => string | null, baseYear: number, window: number): EntryInput {
  const ratios = entryRatios(records, births, keyOf, baseYear, window);
  const b = birthsIndex(births);
  const entry = entryGrades(records);
  return (schoolCode, year) => {
    const ratio = ratios.get(schoolCode);
    const key = keyOf(schoolCode);
    const g = entry.get(schoolCode);
    if (ratio === undefined || key === null || g === undefined) return null;
    const born = b.get(`${year - birthLag(g)}\u0000${key}`);
    return born === undefined ? null : born * ratio;
  };
}

/** Σ units × children per unit of the school's projects with moveInYear ≤ year (0 where none). */
export function housingAddition(projects: readonly HousingProject[]): (schoolCode: string, year: number) => number {
  const bySchool = new Map<string, { from: number; children: number }[]>();
  projects.forEach((p, i) => {
    if (!(Number.isFinite(p.units) && p.units >= 0 && Number.isFinite(p.childrenPerUnit) && p.childrenPerUnit >= 0 && Number.isInteger(p.moveInYear)))
      throw new Error(`住宅项目第 ${i + 1} 条（${p.name}）数据无效 / housing project ${i + 1} (${p.name}): units and children per unit must be ≥ 0 and the move-in year a whole year`);
    const list = bySchool.get(p.schoolCode) ?? [];
    list.push({ from: p.moveInYear, children: p.units * p.childrenPerUnit });
    bySchool.set(p.schoolCode, list);
  });
  return (schoolCode, year) => {
    let sum = 0;
    for (const p of bySchool.get(schoolCode) ?? []) if (year >= p.from) sum += p.children;
    return sum;
  };
}
