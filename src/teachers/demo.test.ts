// The demo county's teachers (demo.ts): every roster's counts are its school's typed figures (counted here by hand from
// the stored rows, by the rules of issue 13), the statistics therefore unchanged but now from the roster; the moves agree
// with the rosters and the yearly rules are met by some schools and not others; the training leaves a minority short of
// hours; a second load adds nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers.js';
import type { Database } from '../core/db/index.js';
import { DEMO_DISTRICT_ID } from '../registry/demo.js';
import { loadDemoDistrict } from '../registry/demo-load.js';
import type { StatValues } from '../registry/fields.js';
import type { School } from '../registry/model.js';
import { RegistryService } from '../registry/service.js';
import { ensureDistrict } from '../registry/store.js';
import { loadDemoTeachers, type DemoTeachersResult } from './demo.js';
import { exactRows } from './demo/roster.js';
import { rngOf } from './demo/rng.js';
import { deriveTeacherStats } from './roster/derive.js';
import { TIERS, type RosterTeacher } from './model.js';

const D = DEMO_DISTRICT_ID;
const YEAR = 2024;
const YEARS = [2022, 2023, 2024];
const TEACHER_KEYS = [
  'teachersTotal',
  'teachersAboveDegree',
  'teachersPostgraduate',
  'backboneCounty',
  'backboneCity',
  'backboneProvince',
  'peTeachers',
  'musicTeachers',
  'artTeachers',
  'seniorTitleTeachers',
  'certifiedTeachers',
  'teachersAgeUnder30',
  'teachersAge30to39',
  'teachersAge40to49',
  'teachersAge50plus',
];

interface Row {
  year: number;
  teacher_id: string;
  name: string;
  sex: string;
  birth_year: number;
  school_code: string;
  section: string | null;
  subjects: string;
  post: string;
  qualification: string;
  title: string;
  certified: boolean;
  backbone_level: string | null;
  tier: string | null;
  school_since: number;
  employment: string;
}

/** The statistics' teacher figures counted from a school's rows, straight from the rules (issue 13). */
function countByHand(rows: Row[], level: School['level'], year: number): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(TEACHER_KEYS.map((k) => [k, 0]));
  for (const r of rows) {
    if (r.post !== '专任') continue;
    // A single-level school's rows have no section: 小学 / 教学点 → 小学, 初中 → 初中.
    const section = r.section ?? (level === '初中' ? '初中' : '小学');
    const q = r.qualification;
    const above = section === '小学' ? q === '专科' || q === '本科' || q === '研究生' : section === '初中' ? q === '本科' || q === '研究生' : q === '研究生';
    const main = r.subjects.split('、')[0];
    const age = year - r.birth_year;
    out.teachersTotal += 1;
    if (above) out.teachersAboveDegree += 1;
    if (q === '研究生') out.teachersPostgraduate += 1;
    if (r.backbone_level === '县') out.backboneCounty += 1;
    if (r.backbone_level === '市') out.backboneCity += 1;
    if (r.backbone_level === '省') out.backboneProvince += 1;
    if (main === '体育' || main === '体育与健康') out.peTeachers += 1;
    if (main === '音乐') out.musicTeachers += 1;
    if (main === '美术') out.artTeachers += 1;
    if (r.title === '一级' || r.title === '高级' || r.title === '正高级') out.seniorTitleTeachers += 1;
    if (r.certified) out.certifiedTeachers += 1;
    if (age < 30) out.teachersAgeUnder30 += 1;
    else if (age < 40) out.teachersAge30to39 += 1;
    else if (age < 50) out.teachersAge40to49 += 1;
    else out.teachersAge50plus += 1;
  }
  return out;
}

const teacherFigures = (v: StatValues) => Object.fromEntries(TEACHER_KEYS.map((k) => [k, v[k] ?? 0]));

describe('the demo county’s teachers', () => {
  let database: Database;
  let registry: RegistryService;
  let schools: School[];
  /** The typed figures before the teachers were loaded, by `${code}:${year}`. */
  const typed = new Map<string, Record<string, number>>();
  let result: DemoTeachersResult;
  let ms = 0;
  let rows: Row[];
  let moves: { teacher_id: string; from_school: string; to_school: string; kind: string; start_date: string; end_date: string | null }[];
  const q = async <T>(query: ReturnType<typeof sql>): Promise<{ rows: T[] }> => {
    const got: unknown = await database.db.execute(query);
    return got as { rows: T[] };
  };

  beforeAll(async () => {
    database = await freshDatabase();
    await loadDemoDistrict(database.db);
    registry = new RegistryService(database.db);
    schools = await registry.districtSchools(D);
    for (const r of await registry.districtRecords(
      D,
      schools.map((s) => s.code),
    ))
      typed.set(`${r.schoolCode}:${r.year}`, teacherFigures(r.values));
    const started = performance.now();
    result = await loadDemoTeachers(database.db, registry, D, YEAR);
    ms = performance.now() - started;
    rows = (
      await q<Row>(sql`select y.year, y.teacher_id, t.name, t.sex, t.birth_year, y.school_code, y.section, y.subjects, y.post, y.qualification, y.title,
        y.certified, y.backbone_level, y.tier, y.school_since, y.employment
        from teacher_years y join teachers t on t.district_id = y.district_id and t.teacher_id = y.teacher_id where y.district_id = ${D}`)
    ).rows;
    moves = (await q<(typeof moves)[number]>(sql`select teacher_id, from_school, to_school, kind, start_date, end_date from teacher_moves where district_id = ${D}`)).rows;
  }, 900_000);
  afterAll(async () => database?.close());

  const rowsOf = (code: string, year: number) => rows.filter((r) => r.school_code === code && r.year === year);

  it('gives every school with figures a roster of each of the three years whose counts are its typed figures', async () => {
    console.info(`loadDemoTeachers: ${Math.round(ms)} ms`, result);
    let checked = 0;
    for (const year of YEARS)
      for (const s of schools) {
        const want = typed.get(`${s.code}:${year}`);
        const mine = rowsOf(s.code, year);
        if (!want) {
          // 石门镇五峰小学 closed in 2024: no figures, no roster.
          expect(mine, `${s.name} ${year}`).toEqual([]);
          continue;
        }
        const counted = countByHand(mine, s.level, year);
        expect(counted, `${s.name} ${year}`).toEqual(want);
        // The roster's own counting (derive.ts) says the same.
        const asTeachers = mine.map((r) => ({
          birthYear: r.birth_year,
          section: r.section as RosterTeacher['section'],
          post: r.post as RosterTeacher['post'],
          qualification: r.qualification as RosterTeacher['qualification'],
          title: r.title as RosterTeacher['title'],
          certified: r.certified,
          backboneLevel: r.backbone_level as RosterTeacher['backboneLevel'],
          subjects: r.subjects.split('、'),
        }));
        expect(deriveTeacherStats(asTeachers, s.level, year), `${s.name} ${year}`).toEqual(counted);
        checked++;
      }
    // 40 schools (22 小学, 10 初中, 5 九年一贯制, 1 完全中学, 2 教学点) in 2022 and 2023, 39 in 2024 (one closed).
    expect(checked).toBe(40 + 40 + 39);
    expect(new Set(rows.map((r) => r.teacher_id)).size).toBe(result.teachers);
  });

  it('leaves the statistics as they were, now following the roster', async () => {
    for (const year of YEARS) {
      const figures = await registry.teacherFigures(
        D,
        schools.map((s) => s.code),
        year,
      );
      expect(figures.length).toBe(year === 2024 ? 39 : 40);
      for (const f of figures) {
        expect(f.teachersSource, `${f.schoolCode} ${year}`).toBe('roster');
        expect(teacherFigures(f.figures), `${f.schoolCode} ${year}`).toEqual(typed.get(`${f.schoolCode}:${year}`));
        expect(teacherFigures(f.typed), `${f.schoolCode} ${year}`).toEqual(typed.get(`${f.schoolCode}:${year}`));
      }
    }
  });

  it('looks like a county’s teachers: sections, names, ages, titles, posts, employment, tiers', () => {
    const latest = rows.filter((r) => r.year === YEAR);
    const byCode = new Map(schools.map((s) => [s.code, s]));
    const SECTIONS: Record<string, (string | null)[]> = { 小学: [null], 教学点: [null], 初中: [null], 九年一贯制: ['小学', '初中'], 完全中学: ['初中', '高中'] };
    const PRIMARY = ['语文', '数学', '英语', '科学', '道德与法治', '信息科技', '劳动', '体育', '音乐', '美术'];
    for (const r of rows) {
      const s = byCode.get(r.school_code)!;
      expect(SECTIONS[s.level], `${r.teacher_id} ${s.name}`).toContain(r.section);
      expect(r.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(r.school_since).toBeLessThanOrEqual(r.year);
      expect(r.school_since).toBeGreaterThanOrEqual(r.birth_year + 18);
      const age = r.year - r.birth_year;
      expect(age).toBeGreaterThanOrEqual(21);
      expect(age).toBeLessThan(60);
      if (r.title === '高级' || r.title === '正高级') expect(age, r.teacher_id).toBeGreaterThanOrEqual(30);
      if (r.title === '未定级' && r.post === '专任') expect(age, r.teacher_id).toBeLessThan(30);
      if (r.post === '专任' && (r.section ?? (s.level === '初中' ? '初中' : '小学')) === '小学') expect(PRIMARY, r.subjects).toContain(r.subjects.split('、')[0]);
    }
    const teachers = latest.filter((r) => r.post === '专任');
    // 行政 and 工勤 rows besides, not counted.
    expect(latest.filter((r) => r.post === '行政').length).toBeGreaterThan(10);
    expect(latest.filter((r) => r.post === '工勤').length).toBeGreaterThan(10);
    // Mostly 在编; the 民办 schools' teachers on contract.
    expect(teachers.filter((r) => r.employment === '在编').length / teachers.length).toBeGreaterThan(0.8);
    for (const r of teachers) if (byCode.get(r.school_code)!.ownership === '民办') expect(r.employment).toBe('合同');
    // Both sexes; more women than men (primary schools).
    const women = teachers.filter((r) => r.sex === '女').length / teachers.length;
    expect(women).toBeGreaterThan(0.55);
    expect(women).toBeLessThan(0.8);
    // The 梯队 of the latest year: every tier held, each below its target (TIERS highest first: 3 / 9 / 90 / 120 / 300).
    const targets = [3, 9, 90, 120, 300];
    TIERS.forEach((tier, i) => {
      const n = latest.filter((r) => r.tier === tier).length;
      expect(n, tier).toBeGreaterThan(0);
      expect(n, tier).toBeLessThan(targets[i]);
    });
    expect(rows.filter((r) => r.year < YEAR && r.tier !== null)).toEqual([]);
  });

  it('records two years of moves that agree with the rosters', () => {
    const year = (m: (typeof moves)[number]) => Number(m.start_date.slice(0, 4));
    const byKind = (kind: string, y: number) => moves.filter((m) => m.kind === kind && year(m) === y).length;
    expect(moves.length).toBe(result.moves);
    for (const y of [2023, 2024]) {
      expect(byKind('交流轮岗', y)).toBeGreaterThan(30);
      expect(byKind('支教', y)).toBe(2);
      expect(byKind('调动', y)).toBeGreaterThanOrEqual(2);
    }
    expect(moves.every((m) => year(m) === 2023 || year(m) === 2024)).toBe(true);
    const byCode = new Map(schools.map((s) => [s.code, s]));
    for (const m of moves) {
      const y = year(m);
      // In the latest roster at the destination since the move's school year; the year before at the origin.
      const now = rows.find((r) => r.year === YEAR && r.teacher_id === m.teacher_id);
      expect(now, m.teacher_id).toMatchObject({ school_code: m.to_school, school_since: y });
      expect(rows.find((r) => r.year === y - 1 && r.teacher_id === m.teacher_id)?.school_code, m.teacher_id).toBe(m.from_school);
      expect(m.start_date).toBe(`${y}-09-01`);
      if (m.kind === '交流轮岗') {
        expect(byCode.get(m.from_school)!.location).toBe('城区');
        expect(byCode.get(m.to_school)!.location).not.toBe('城区');
      }
      // 支教 with an end date (the summer after the latest year); the others open.
      expect(m.end_date).toBe(m.kind === '支教' ? '2025-07-10' : null);
    }
    // The closed school's teachers were moved (调动) in 2024, or left.
    const closed = schools.find((s) => !s.isOpen)!;
    expect(moves.filter((m) => m.from_school === closed.code && m.kind === '调动').length).toBeGreaterThan(0);
  });

  it('meets the yearly exchange rules at some urban schools and not at others', () => {
    // The rules (教师〔2014〕4号 as targets v1): eligible = 专任 in the roster of Y − 1 with (Y−1) − since ≥ 6 and age < 55;
    // movers = 交流轮岗 from the school starting in school year Y; 10 % of the eligible, 20 % of the movers 骨干 (县/市/省).
    const outcomes = new Set<string>();
    for (const y of [2023, 2024])
      for (const s of schools.filter((x) => x.location === '城区' && x.ownership === '公办')) {
        const before = rowsOf(s.code, y - 1).filter((r) => r.post === '专任');
        const eligible = before.filter((r) => y - 1 - r.school_since >= 6 && y - 1 - r.birth_year < 55).length;
        const movers = moves.filter((m) => m.kind === '交流轮岗' && m.from_school === s.code && m.start_date.startsWith(`${y}-`));
        const backbone = movers.filter((m) => ['县', '市', '省'].includes(before.find((r) => r.teacher_id === m.teacher_id)?.backbone_level ?? '')).length;
        // In whole numbers: movers ≥ eligible / 10, 骨干 ≥ movers / 5.
        const rate = movers.length * 10 >= eligible;
        const share = movers.length > 0 && backbone * 5 >= movers.length;
        outcomes.add(rate && share ? 'both' : rate ? 'rate only' : 'below the rate');
      }
    expect([...outcomes].sort()).toEqual(['below the rate', 'both', 'rate only']);
  });

  it('has five years of courses and leaves a visible minority short of the training hours', async () => {
    const courses = (
      await q<{ id: number; level: string; hours: number; start_date: string; end_date: string }>(sql`select id, level, hours, start_date, end_date from teacher_courses where district_id = ${D}`)
    ).rows;
    expect(courses.length).toBe(16);
    expect(new Set(courses.map((c) => c.level))).toEqual(new Set(['校本', '县级', '市级', '省级', '国家级']));
    for (const c of courses) {
      expect(c.hours).toBeGreaterThanOrEqual(6);
      expect(c.hours).toBeLessThanOrEqual(120);
      expect(c.start_date <= c.end_date).toBe(true);
      expect(Number(c.end_date.slice(0, 4))).toBeGreaterThanOrEqual(2020);
      expect(Number(c.end_date.slice(0, 4))).toBeLessThanOrEqual(2024);
    }
    const attendance = (await q<{ course_id: number; teacher_id: string; hours: number }>(sql`select course_id, teacher_id, hours from teacher_training where district_id = ${D}`)).rows;
    expect(attendance.length).toBe(result.attendance);
    // Hours count in the calendar year of the course's end; the window is 2020–2024.
    const endYear = new Map(courses.map((c) => [c.id, Number(c.end_date.slice(0, 4))]));
    const year = new Map<string, number>();
    const window = new Map<string, number>();
    for (const a of attendance) {
      const y = endYear.get(a.course_id)!;
      if (y === YEAR) year.set(a.teacher_id, (year.get(a.teacher_id) ?? 0) + a.hours);
      window.set(a.teacher_id, (window.get(a.teacher_id) ?? 0) + a.hours);
    }
    const teachers = rows.filter((r) => r.year === YEAR && r.post === '专任');
    const meetYear = teachers.filter((r) => (year.get(r.teacher_id) ?? 0) >= 96).length / teachers.length;
    const meetWindow = teachers.filter((r) => (window.get(r.teacher_id) ?? 0) >= 360).length / teachers.length;
    expect(meetYear).toBeGreaterThan(0.8);
    expect(meetYear).toBeLessThan(0.9);
    expect(meetWindow).toBeGreaterThan(0.8);
    expect(meetWindow).toBeLessThan(0.92);
    // The share meeting this year's hours varies by school (schools of 20 teachers or more).
    const shares = schools
      .map((s) => teachers.filter((r) => r.school_code === s.code))
      .filter((t) => t.length >= 20)
      .map((t) => t.filter((r) => (year.get(r.teacher_id) ?? 0) >= 96).length / t.length);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.15);
  });

  it('adds nothing when loaded again', async () => {
    const tally = async () =>
      (
        await q<{ n: string }>(
          sql`select (select count(*) from teacher_years) + (select count(*) from teachers) + (select count(*) from teacher_courses) + (select count(*) from teacher_training) + (select count(*) from teacher_moves) as n`,
        )
      ).rows[0].n;
    const before = await tally();
    expect(await loadDemoTeachers(database.db, registry, D, YEAR)).toEqual({ teachers: 0, courses: 0, attendance: 0, moves: 0 });
    expect(await tally()).toBe(before);
  });

  it('adds nothing to a district without statistics of the year', async () => {
    await ensureDistrict(database.db, '990077', '空县');
    expect(await loadDemoTeachers(database.db, registry, '990077', YEAR)).toEqual({ teachers: 0, courses: 0, attendance: 0, moves: 0 });
  });
});

describe('exactRows', () => {
  const school = { code: '2133990999', level: '小学' as const, location: '乡村' as const, ownership: '公办' as const, enrolments: [{ grade: 1, students: 20 }], values: {} };
  const id = (i: number) => ({ teacherId: `T9${String(i).padStart(5, '0')}`, staffNo: null });
  const spec = (targets: StatValues, sections = new Map([['小学' as const, Number(targets.teachersTotal ?? 0)]])) => ({
    school,
    year: 2024,
    targets,
    sections,
    id,
    since: 'new' as const,
    rng: rngOf('test'),
  });

  it('builds nothing for no teachers', () => {
    expect(exactRows(spec({ teachersTotal: 0 }))).toEqual([]);
  });

  it('meets the counts of a one-teacher 教学点 and of a small school with every figure at its limits', () => {
    // One teacher: 专科 (above the 小学 rule), 45, 县级骨干, PE, 一级, certified.
    const one = { teachersTotal: 1, teachersAboveDegree: 1, backboneCounty: 1, peTeachers: 1, seniorTitleTeachers: 1, certifiedTeachers: 1, teachersAge40to49: 1 };
    const [t] = exactRows(spec(one));
    expect(t).toMatchObject({ post: '专任', backboneLevel: '县', certified: true, schoolSince: 2024, section: null });
    expect(2024 - t.birthYear).toBeGreaterThanOrEqual(40);
    expect(2024 - t.birthYear).toBeLessThan(50);
    expect(['体育', '体育与健康']).toContain(t.subjects[0]);
    expect(['一级', '高级', '正高级']).toContain(t.title);
    expect(t.qualification).not.toBe('高中及以下');
    // Four teachers, all 研究生, all 骨干 (1 each level + 1 county), music 2 art 2, nobody certified, all under 30.
    const four = {
      teachersTotal: 4,
      teachersAboveDegree: 4,
      teachersPostgraduate: 4,
      backboneCounty: 2,
      backboneCity: 1,
      backboneProvince: 1,
      musicTeachers: 2,
      artTeachers: 2,
      teachersAgeUnder30: 4,
    };
    const rows = exactRows(spec(four));
    expect(rows.map((r) => r.qualification)).toEqual(['研究生', '研究生', '研究生', '研究生']);
    expect(rows.map((r) => r.backboneLevel).sort()).toEqual(['县', '县', '市', '省'].sort());
    expect(rows.map((r) => r.subjects[0]).sort()).toEqual(['美术', '美术', '音乐', '音乐'].sort());
    expect(rows.every((r) => !r.certified && r.employment === '合同' && 2024 - r.birthYear < 30)).toBe(true);
  });
});
