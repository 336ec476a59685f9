import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from './demo.js';
import { STAT_FIELDS, checkConsistency, validateFieldValue } from './fields.js';
import { GRADES_OF_LEVEL, LOCATIONS, SCHOOL_CODE_PATTERN, type School } from './model.js';
import { statKey, studentsOf, type SchoolYearData } from './types.js';

const demo = generateDemoDistrict();
const byCode = new Map(demo.schools.map((s) => [s.code, s]));

function records(year?: number): { school: School; year: number; data: SchoolYearData }[] {
  const out: { school: School; year: number; data: SchoolYearData }[] = [];
  for (const [key, data] of demo.stats) {
    const [code, y] = key.split(':');
    if (year !== undefined && Number(y) !== year) continue;
    out.push({ school: byCode.get(code)!, year: Number(y), data });
  }
  return out;
}

// The 7 resource indicators of 教督〔2017〕6号, computed independently of the generator.
// A 九年一贯制 school is held to the student-weighted mix of the 小学 and 初中 standards; grades 10–12 of a
// 完全中学 are measured like 初中.
const STD = {
  primary: [4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3],
  junior: [5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4],
};
const INDICATORS = ['高于规定学历教师', '县级以上骨干教师', '体育艺术教师', '生均教学及辅助用房', '生均体育运动场馆', '生均教学仪器设备值', '网络多媒体教室'];

function indicators(data: SchoolYearData): { value: number; standard: number }[] {
  const v = data.values as Record<string, number>;
  const n = studentsOf(data);
  const primary = data.enrolments.filter((e) => e.grade <= 6).reduce((s, e) => s + e.students, 0);
  const std = STD.primary.map((p, i) => (p * primary + STD.junior[i] * (n - primary)) / n);
  const values = [
    (v.teachersAboveDegree / n) * 100,
    ((v.backboneCounty + v.backboneCity + v.backboneProvince) / n) * 100,
    ((v.peTeachers + v.musicTeachers + v.artTeachers) / n) * 100,
    v.teachingAuxAreaM2 / n,
    (v.sportsGroundAreaM2 + v.indoorSportsAreaM2) / n,
    v.equipmentValueYuan / n,
    (v.multimediaClassrooms / n) * 100,
  ];
  return values.map((value, i) => ({ value, standard: std[i] }));
}
/** Schools in the 资源配置 assessment: not 教学点 with fewer than 50 students. */
const assessed = (r: { school: School; data: SchoolYearData }) => !(r.school.level === '教学点' && studentsOf(r.data) < 50);

describe('generateDemoDistrict', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateDemoDistrict();
    expect(again).toEqual(demo);
    const json = (d: typeof demo) => JSON.stringify({ ...d, stats: [...d.stats] });
    expect(json(again)).toBe(json(demo));
    expect(json(generateDemoDistrict(7))).not.toBe(json(demo));
  });

  it('describes the county', () => {
    expect(demo.districtId).toBe('999901');
    expect(demo.name).toBe('青溪县(演示)');
    expect(demo.years).toEqual([2022, 2023, 2024]);
  });

  it('has a realistic mix of schools', () => {
    const { schools } = demo;
    expect(schools.length).toBeGreaterThanOrEqual(35);
    expect(schools.length).toBeLessThanOrEqual(45);
    for (const level of ['小学', '初中', '九年一贯制', '完全中学', '教学点'] as const) {
      expect(
        schools.some((s) => s.level === level),
        level,
      ).toBe(true);
    }
    for (const loc of LOCATIONS)
      expect(
        schools.some((s) => s.location === loc),
        loc,
      ).toBe(true);
    const islands = schools.filter((s) => s.isIsland);
    expect(islands.length).toBeGreaterThanOrEqual(2);
    expect(islands.every((s) => s.location === '乡村')).toBe(true);
    expect(islands.some((s) => s.isBoarding)).toBe(true);
    const priv = schools.filter((s) => s.ownership === '民办');
    expect(priv.length).toBe(3);
    expect(priv.every((s) => s.location === '城区')).toBe(true);
    expect(schools.filter((s) => s.level === '初中' && s.location === '乡村' && s.isBoarding).length).toBeGreaterThanOrEqual(2);
    expect(schools.some((s) => s.groupName?.includes('集团'))).toBe(true);
    expect(schools.some((s) => s.groupName?.includes('教共体'))).toBe(true);

    expect(new Set(schools.map((s) => s.code)).size).toBe(schools.length);
    expect(new Set(schools.map((s) => s.name)).size).toBe(schools.length);
    for (const s of schools) {
      expect(s.code).toMatch(SCHOOL_CODE_PATTERN);
      expect(s.districtId).toBe('999901');
      expect(s.address).toMatch(/^青溪县/);
      expect(Math.abs(s.lat! - 30)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(s.lng! - 122.1)).toBeLessThanOrEqual(0.2);
    }
    const mainlandMaxLng = Math.max(...schools.filter((s) => !s.isIsland).map((s) => s.lng!));
    for (const s of islands) expect(s.lng!).toBeGreaterThan(mainlandMaxLng);
  });

  it('has one closed school with data up to 2023 only; every open school reports every year', () => {
    const closed = demo.schools.filter((s) => !s.isOpen);
    expect(closed).toHaveLength(1);
    expect(closed[0].location).toBe('乡村');
    expect(demo.stats.has(statKey(closed[0].code, 2022))).toBe(true);
    expect(demo.stats.has(statKey(closed[0].code, 2023))).toBe(true);
    expect(demo.stats.has(statKey(closed[0].code, 2024))).toBe(false);
    for (const s of demo.schools.filter((x) => x.isOpen)) {
      for (const y of demo.years) expect(demo.stats.has(statKey(s.code, y)), `${s.name} ${y}`).toBe(true);
    }
    expect(demo.stats.size).toBe(demo.schools.length * 3 - 1);
  });

  it('gives every school-year consistent enrolments, classes and values', () => {
    for (const { school, year, data } of records()) {
      const where = `${school.name} ${year}`;
      const grades = GRADES_OF_LEVEL[school.level].filter((g) => school.level !== '教学点' || g <= 4);
      expect(
        data.enrolments.map((e) => e.grade),
        where,
      ).toEqual(grades);
      for (const e of data.enrolments) {
        expect(Number.isInteger(e.students) && e.students > 0, where).toBe(true);
        const cls = data.classes.filter((c) => c.grade === e.grade);
        expect(cls.length, where).toBeGreaterThan(0);
        expect(cls.map((c) => c.classNo)).toEqual(cls.map((_, i) => i + 1));
        expect(
          cls.reduce((s, c) => s + c.size, 0),
          `${where} grade ${e.grade}`,
        ).toBe(e.students);
        for (const c of cls) {
          expect(Number.isInteger(c.size) && c.size > 0, where).toBe(true);
          if (school.location === '乡村') expect(c.size, where).toBeLessThanOrEqual(40);
          if (school.location === '镇区') expect(c.size, where).toBeLessThanOrEqual(50);
          if (school.location === '城区') expect(c.size, where).toBeGreaterThanOrEqual(30);
        }
      }
      expect(Object.keys(data.values)).toEqual(STAT_FIELDS.map((f) => f.key));
      for (const f of STAT_FIELDS) {
        const v = data.values[f.key];
        expect(typeof v, `${where} ${f.key}`).toBe('number');
        expect(validateFieldValue(f, v!), `${where} ${f.key}=${v}`).toBeNull();
        if (f.type === 'decimal') expect(Math.round(v! * 100) / 100, `${where} ${f.key}`).toBe(v);
      }
      expect(Number.isInteger(data.values.equipmentValueYuan)).toBe(true);
      expect(
        checkConsistency(data.values).map((r) => r.id),
        where,
      ).toEqual([]);
      expect(data.values.teachersTotal!, where).toBeGreaterThan(0);
    }
  });

  it('has realistic teacher–student ratios and school sizes', () => {
    const ratio = (level: string, loc?: string) => {
      const rs = records(2024).filter((r) => r.school.level === level && (!loc || r.school.location === loc));
      const students = rs.reduce((s, r) => s + studentsOf(r.data), 0);
      return students / rs.reduce((s, r) => s + r.data.values.teachersTotal!, 0);
    };
    expect(ratio('小学')).toBeGreaterThan(15);
    expect(ratio('小学')).toBeLessThan(19);
    expect(ratio('初中')).toBeGreaterThan(11);
    expect(ratio('初中')).toBeLessThan(14);
    expect(ratio('小学', '乡村')).toBeLessThan(ratio('小学', '城区'));
    const small = records(2024)
      .filter((r) => r.school.level === '教学点')
      .map((r) => studentsOf(r.data));
    expect(small.some((n) => n < 50)).toBe(true);
    expect(small.some((n) => n >= 50)).toBe(true);
  });

  it('moves cohorts up a grade and drifts urban up, rural down', () => {
    const total = (year: number, loc: string) =>
      records(year)
        .filter((r) => r.school.location === loc && r.school.isOpen)
        .reduce((s, r) => s + studentsOf(r.data), 0);
    expect(total(2024, '城区')).toBeGreaterThan(total(2022, '城区'));
    expect(total(2024, '乡村')).toBeLessThan(total(2022, '乡村'));
    const shiyan = demo.schools.find((s) => s.name === '青溪县实验小学')!;
    const g = (year: number, grade: number) => demo.stats.get(statKey(shiyan.code, year))!.enrolments.find((e) => e.grade === grade)!.students;
    expect(Math.abs(g(2023, 4) / g(2022, 3) - 1)).toBeLessThan(0.1);
  });

  it('spreads class sizes: large urban classes in 2022, fewer in 2024', () => {
    const count = (year: number, min: number) =>
      records(year)
        .flatMap((r) => r.data.classes)
        .filter((c) => c.size >= min).length;
    expect(count(2022, 46)).toBeGreaterThanOrEqual(5);
    expect(count(2022, 51)).toBeGreaterThanOrEqual(5);
    expect(count(2022, 56)).toBeGreaterThanOrEqual(3);
    expect(count(2022, 66)).toBeGreaterThanOrEqual(1);
    expect(count(2024, 56)).toBeLessThan(count(2022, 56));
    expect(count(2024, 66)).toBeLessThan(count(2022, 66));
    for (const r of records()) {
      if (r.school.location !== '城区') expect(Math.max(...r.data.classes.map((c) => c.size))).toBeLessThan(56);
    }
  });

  it('mostly meets the 2017 resource standards, with a few weak schools', () => {
    const rs = records(2024).filter(assessed);
    const failing = rs.map((r) => ({
      r,
      missed: indicators(r.data).flatMap((x, i) => (x.value < x.standard ? [INDICATORS[i]] : [])),
    }));
    const weak = failing.filter((f) => f.missed.length > 0);
    expect(weak.length).toBeGreaterThanOrEqual(5);
    expect(weak.length).toBeLessThanOrEqual(12);
    // most schools meet at least 6 of the 7
    expect(failing.filter((f) => f.missed.length <= 1).length / rs.length).toBeGreaterThan(0.75);
    // crowded urban schools fall short on area, rural or town schools on teachers and equipment
    expect(weak.filter((f) => f.r.school.location === '城区' && f.missed.some((m) => m.startsWith('生均体育') || m.startsWith('生均教学及'))).length).toBeGreaterThanOrEqual(2);
    expect(weak.filter((f) => f.r.school.location !== '城区' && f.missed.length >= 2).length).toBeGreaterThanOrEqual(4);
    // every indicator is met by most schools
    for (let i = 0; i < INDICATORS.length; i++) {
      const met = rs.filter((r) => {
        const x = indicators(r.data)[i];
        return x.value >= x.standard;
      }).length;
      expect(met / rs.length, INDICATORS[i]).toBeGreaterThan(0.8);
    }
  });

  it('improves resources year by year', () => {
    const sum = (year: number, key: string) =>
      records(year)
        .filter((r) => r.school.isOpen)
        .reduce((s, r) => s + r.data.values[key]!, 0);
    expect(sum(2024, 'equipmentValueYuan')).toBeGreaterThan(sum(2022, 'equipmentValueYuan'));
    expect(sum(2024, 'buildingAreaM2')).toBeGreaterThanOrEqual(sum(2022, 'buildingAreaM2'));
    expect(sum(2024, 'books')).toBeGreaterThan(sum(2022, 'books'));
  });
});
