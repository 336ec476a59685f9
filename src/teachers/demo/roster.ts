// One demo school's roster of a school year, built so that its counts are the school's typed teacher figures exactly
// (src/registry/fields.ts, topic 'teachers'; the counting rules of ../roster/derive.ts): 专任 total, 高于规定学历 by
// section, 研究生, 骨干 县/市/省, 体育/音乐/美术 by the main subject, 中级+ titles, 教师资格证 and the four age bands.
// Each count is met by choosing exactly that many rows by a plausible score (older teachers hold the higher titles,
// the 骨干 are experienced, the uncertified are young contract teachers …); a few 行政 / 工勤 rows are added, not
// counted. Pure and seeded.
//
// One constraint shapes the sections: in a 高中 section only 研究生 is above the required degree, so a school's 高于规定学历
// can be at most (its other sections' teachers + its 研究生). Where the typed figure is larger (the registry demo counts
// a 完全中学's 高中 teachers like 初中 ones), feasibleSections gives the lower section more of the teachers.
import type { StatValues } from '../../registry/fields.js';
import type { Location, Ownership, SchoolLevel } from '../../registry/model.js';
import { sectionsOfLevel } from '../roster/sections.js';
import { INTERMEDIATE_TITLES, type Qualification, type RosterTeacher, type Section, type Sex, type Title } from '../model.js';
import { teacherName } from './names.js';
import { rngOf, topK, type Rng } from './rng.js';

export interface DemoSchool {
  code: string;
  level: SchoolLevel;
  location: Location;
  ownership: Ownership;
  /** Students per grade of the year (to split a 一贯制 school's teachers by section). */
  enrolments: { grade: number; students: number }[];
  /** The school's typed figures of the year. */
  values: StatValues;
}

/** Staffing shares of the main subjects other than 体育 / 音乐 / 美术 (those are placed by the typed counts). */
const SUBJECTS: Record<Section, [string, number][]> = {
  小学: [
    ['语文', 0.36],
    ['数学', 0.29],
    ['英语', 0.12],
    ['科学', 0.09],
    ['道德与法治', 0.07],
    ['信息科技', 0.04],
    ['劳动', 0.03],
  ],
  初中: [
    ['语文', 0.17],
    ['数学', 0.17],
    ['英语', 0.16],
    ['物理', 0.08],
    ['化学', 0.06],
    ['生物', 0.06],
    ['道德与法治', 0.08],
    ['历史', 0.07],
    ['地理', 0.06],
    ['信息科技', 0.05],
  ],
  高中: [
    ['语文', 0.14],
    ['数学', 0.14],
    ['英语', 0.14],
    ['物理', 0.1],
    ['化学', 0.09],
    ['生物', 0.08],
    ['思想政治', 0.08],
    ['历史', 0.08],
    ['地理', 0.08],
    ['信息技术', 0.04],
    ['通用技术', 0.03],
  ],
};
/** A second subject small schools' teachers often take (主科 → 兼科). */
const SECOND: Record<string, string[]> = {
  语文: ['道德与法治', '音乐', '美术', '书法'],
  数学: ['科学', '信息科技', '体育'],
  英语: ['音乐', '美术'],
  科学: ['劳动', '信息科技'],
  道德与法治: ['历史', '劳动'],
  物理: ['信息科技'],
  历史: ['地理'],
};

/** Teachers per 100 students' worth of each section (students per teacher, as the registry demo staffs them). */
const STUDENTS_PER_TEACHER: Record<Section, number> = { 小学: 16, 初中: 11.5, 高中: 12 };
/** Share of women among the teachers of a section (rough county figures). */
const WOMEN: Record<Section, number> = { 小学: 0.76, 初中: 0.6, 高中: 0.5 };

const gradeSection = (grade: number): Section => (grade <= 6 ? '小学' : grade <= 9 ? '初中' : '高中');
const num = (v: StatValues, k: string) => Math.max(0, Math.round(v[k] ?? 0));

/** n split by weights into whole numbers that sum to n (largest remainder, ties to the earlier). */
export function apportion(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (n <= 0 || total <= 0) return weights.map((_, i) => (i === 0 ? Math.max(0, n) : 0));
  const exact = weights.map((w) => (n * w) / total);
  const out = exact.map(Math.floor);
  let left = n - out.reduce((s, x) => s + x, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k].i]++;
  return out;
}

/** A row while it is being built: the rule's section (the school's only one for a single-level school) and age. */
interface Draft {
  section: Section;
  age: number;
  sex: Sex;
  main: string;
  second: string | null;
  qualification: Qualification;
  title: Title;
  certified: boolean;
  backboneLevel: RosterTeacher['backboneLevel'];
  employment: RosterTeacher['employment'];
}

/** The plausible teachers per section: by students over the usual students per teacher (one section: all). */
export function plausibleSections(school: Pick<DemoSchool, 'level' | 'enrolments'>, n: number): Map<Section, number> {
  const sections = sectionsOfLevel(school.level);
  if (sections.length === 1) return new Map([[sections[0], n]]);
  const need = sections.map((s) => school.enrolments.filter((e) => gradeSection(e.grade) === s).reduce((t, e) => t + e.students, 0) / STUDENTS_PER_TEACHER[s]);
  const sizes = apportion(n, need);
  return new Map(sections.map((s, i) => [s, sizes[i]]));
}

/**
 * A 高中 section's teachers are above the required degree only as 研究生, so at most (n − above + postgraduate) of the n
 * rows can be in it for the counts to be met; a larger 高中 share gives its surplus to the lower sections.
 */
export function feasibleSections(sizes: Map<Section, number>, n: number, above: number, postgraduate: number): Map<Section, number> {
  const senior = sizes.get('高中');
  const cap = Math.max(0, n - above + postgraduate);
  if (senior === undefined || senior <= cap) return sizes;
  const out = new Map(sizes);
  out.set('高中', cap);
  const lower = [...out.keys()].filter((s) => s !== '高中');
  out.set(lower[lower.length - 1], (out.get(lower[lower.length - 1]) ?? 0) + senior - cap);
  return out;
}

/** Ages of the four bands (under 30, 30–39, 40–49, 50+), the counts exact; the young mostly 24–29, the old mostly under 56. */
function agesOf(rng: Rng, bands: number[]): number[] {
  const draw = [
    () =>
      rng.weighted([
        [rng.int(22, 23), 1],
        [rng.int(24, 29), 4],
      ]),
    () => rng.int(30, 39),
    () => rng.int(40, 49),
    () =>
      rng.weighted([
        [rng.int(50, 55), 5],
        [rng.int(56, 58), 1],
      ]),
  ];
  return rng.shuffle(bands.flatMap((k, b) => Array.from({ length: k }, () => draw[b]())));
}

/** 高于规定学历 from: 小学 专科, 初中 本科, 高中 研究生 (as ../roster/derive.ts). */
function qualificationOf(rng: Rng, section: Section, above: boolean, postgraduate: boolean, age: number): Qualification {
  if (postgraduate) return '研究生';
  if (section === '小学') return above ? (rng.chance(age < 35 ? 0.9 : age < 45 ? 0.6 : 0.35) ? '本科' : '专科') : '高中及以下';
  if (section === '初中') return above ? '本科' : age >= 45 && rng.chance(0.15) ? '高中及以下' : '专科';
  return rng.chance(0.95) ? '本科' : '专科';
}

/** Years from the start of a career to the first post, by the qualification (中师 19, 专科 20, 本科 22, 研究生 25). */
export const CAREER_START_AGE: Record<Qualification, number> = { 高中及以下: 19, 专科: 20, 本科: 22, 研究生: 25 };

/**
 * Choose exactly `k` rows for a count, by score. `eligible` limits the choice (those outside come last); returns the set
 * of chosen indices.
 */
function choose(drafts: readonly Draft[], k: number, score: (d: Draft) => number, eligible: (d: Draft) => boolean = () => true): Set<number> {
  const idx = drafts.map((_, i) => i);
  return new Set(topK(idx, k, (i) => (eligible(drafts[i]) ? 1000 : 0) + score(drafts[i])));
}

/** What a set of rows is built for: the school, the year, the counts to meet and how many rows per section. */
export interface ExactSpec {
  school: DemoSchool;
  year: number;
  /** The counts to meet (the statistics' teacher keys); teachersTotal is the number of rows. */
  targets: StatValues;
  sections: Map<Section, number>;
  /** Names the i-th row (0-based): teacher id and 工号. */
  id: (i: number) => { teacherId: string; staffNo: string | null };
  /** Years at the school: 'spread' (a school's first roster) or 'new' (arrivals: schoolSince = year). */
  since: 'spread' | 'new';
  rng: Rng;
}

/**
 * 专任 rows whose counts (as ../roster/derive.ts counts them) are exactly the targets, whenever 0 ≤ each count ≤ n,
 * 体育 + 音乐 + 美术 ≤ n, 县 + 市 + 省 ≤ n, 研究生 ≤ 高于规定学历 and the sections are feasibleSections.
 */
export function exactRows(spec: ExactSpec): RosterTeacher[] {
  const { school, year, targets: v, rng } = spec;
  const n = num(v, 'teachersTotal');
  if (n === 0) return [];
  const urban = school.location === '城区';
  const isPrivate = school.ownership === '民办';
  const multi = sectionsOfLevel(school.level).length > 1;

  // Sections and ages (the band counts exact), women by section (men past 55: women retire earlier).
  const sectionList = [...spec.sections].flatMap(([s, k]) => Array.from({ length: k }, () => s));
  const bands = ['teachersAgeUnder30', 'teachersAge30to39', 'teachersAge40to49', 'teachersAge50plus'].map((k) => num(v, k));
  // Bands that do not add up to the total (never in the demo): the rest in 30–39.
  bands[1] = Math.max(0, bands[1] + n - bands.reduce((s, x) => s + x, 0));
  const ages = agesOf(rng, bands);
  const drafts: Draft[] = sectionList.map((section, i) => ({
    section,
    age: ages[i] ?? 35,
    sex: '女',
    main: '',
    second: null,
    qualification: '本科',
    title: '二级',
    certified: true,
    backboneLevel: null,
    employment: '在编',
  }));

  // Main subjects: 体育 / 音乐 / 美术 exactly (PE teachers younger), the rest by the section's staffing shares.
  const noise = () => rng.next() * 4;
  const unset = (d: Draft) => d.main === '';
  for (const i of choose(drafts, num(v, 'peTeachers'), (d) => -d.age / 10 + noise())) drafts[i].main = drafts[i].section === '高中' ? '体育与健康' : '体育';
  for (const i of choose(drafts, num(v, 'musicTeachers'), noise, unset)) drafts[i].main = '音乐';
  for (const i of choose(drafts, num(v, 'artTeachers'), noise, unset)) drafts[i].main = '美术';
  for (const [section] of spec.sections) {
    const rest = rng.shuffle(drafts.filter((d) => d.section === section && unset(d)));
    const table = SUBJECTS[section];
    const counts = apportion(
      rest.length,
      table.map(([, w]) => w),
    );
    let k = 0;
    counts.forEach((c, j) => {
      for (let m = 0; m < c; m++) rest[k++].main = table[j][0];
    });
  }
  // Small and rural schools: many teach a second subject (counted by the main one only).
  const secondShare = school.level === '教学点' || school.location === '乡村' ? 0.45 : school.location === '镇区' ? 0.2 : 0.08;
  for (const d of drafts) if (SECOND[d.main] && rng.chance(secondShare)) d.second = rng.pick(SECOND[d.main]);
  for (const d of drafts) d.sex = d.age > 55 ? (rng.chance(0.1) ? '女' : '男') : rng.chance(d.main.startsWith('体育') ? 0.3 : WOMEN[d.section]) ? '女' : '男';

  // 研究生 among the younger; then 高于规定学历 (a 高中 row only as 研究生), the rows below the rule among the older.
  const above = Math.min(num(v, 'teachersAboveDegree'), n);
  const pg = Math.min(num(v, 'teachersPostgraduate'), above);
  const inSenior = drafts.filter((d) => d.section === '高中').length;
  const others = n - inSenior;
  const pgSenior = Math.min(Math.min(pg, inSenior), Math.max(above - others, Math.round((pg * inSenior) / n)));
  const youngish = (d: Draft) => -Math.abs(d.age - 33) / 4 + noise() + (urban ? 1 : 0);
  const isSenior = (d: Draft) => d.section === '高中';
  const pgRows = new Set([...choose(drafts, pgSenior, youngish, isSenior), ...choose(drafts, pg - pgSenior, youngish, (d) => !isSenior(d))]);
  const aboveRows = new Set([...pgRows].filter((i) => !isSenior(drafts[i])));
  const rest = drafts.map((d, i) => ({ d, i })).filter(({ d, i }) => !isSenior(d) && !pgRows.has(i));
  for (const { i } of topK(rest, above - pgSenior - aboveRows.size, ({ d }) => -d.age / 6 + noise())) aboveRows.add(i);
  drafts.forEach((d, i) => (d.qualification = qualificationOf(rng, d.section, aboveRows.has(i), pgRows.has(i), d.age)));

  // 中级及以上职称 among the older (一级 from about 28, 高级 mostly past 40, 正高级 rare); the rest 二级, 未定级 in the first year.
  const senior = choose(drafts, num(v, 'seniorTitleTeachers'), (d) => d.age + rng.next() * 8 + (d.qualification === '研究生' ? 3 : 0));
  let professors = 0;
  drafts.forEach((d, i) => {
    const service = d.age - CAREER_START_AGE[d.qualification];
    if (senior.has(i)) {
      const seniorChance = (d.section === '小学' ? 0.3 : 0.5) + (d.age >= 50 ? 0.25 : 0);
      if (urban && !isPrivate && d.age >= 48 && professors < Math.floor(n / 60) && rng.chance(0.3)) {
        d.title = '正高级';
        professors++;
      } else d.title = d.age >= 40 && rng.chance(seniorChance) ? '高级' : '一级';
    }
    // Not 中级+: 未定级 in the first year (a graduate arriving at 24 or younger too), 三级 for some 中师 graduates, else 二级.
    else d.title = service < 1 || (spec.since === 'new' && d.age <= 24) ? '未定级' : d.qualification === '高中及以下' && rng.chance(0.3) ? '三级' : '二级';
  });

  // 教师资格证: the uncertified are young (and in 民办 schools); they and a few young ones are on contract.
  const certified = choose(drafts, num(v, 'certifiedTeachers'), (d) => d.age / 8 + noise() + (d.title === '未定级' ? -3 : 0));
  drafts.forEach((d, i) => {
    d.certified = certified.has(i);
    d.employment = isPrivate || !d.certified || (d.age < 30 && rng.chance(0.06)) ? '合同' : '在编';
  });

  // 骨干: experienced teachers with 中级+ titles; 省 the most senior, then 市, then 县; a few 校级 (not counted).
  const merit = (d: Draft) => (INTERMEDIATE_TITLES.includes(d.title) ? 10 : 0) + (d.title === '高级' || d.title === '正高级' ? 4 : 0) - Math.abs(d.age - 44) / 4 + noise() - (d.age < 28 ? 20 : 0);
  const free = (d: Draft) => d.backboneLevel === null;
  for (const [key, level] of [
    ['backboneProvince', '省'],
    ['backboneCity', '市'],
    ['backboneCounty', '县'],
  ] as const)
    for (const i of choose(drafts, num(v, key), merit, free)) drafts[i].backboneLevel = level;
  for (const d of drafts) if (d.backboneLevel === null && d.age >= 27 && d.age < 46 && rng.chance(0.06)) d.backboneLevel = '校';

  return drafts.map((d, i) => {
    const birthYear = year - d.age;
    const service = Math.max(0, year - birthYear - CAREER_START_AGE[d.qualification]);
    // Years at this school: under half the experienced teachers 6 years or more (arrivals: none).
    const long = service >= 6 && rng.chance([0.12, 0.42, 0.5, 0.55][Math.min(3, Math.floor(Math.max(0, d.age - 20) / 10))]);
    const atSchool = spec.since === 'new' ? 0 : long ? rng.int(6, Math.min(service, 30)) : rng.int(0, Math.min(5, service));
    const backboneYear = d.backboneLevel && d.backboneLevel !== '校' ? year - rng.int(0, Math.min(6, Math.max(0, d.age - 30))) : d.backboneLevel === '校' ? year - rng.int(0, 2) : null;
    return {
      ...spec.id(i),
      name: teacherName(rng, d.sex, birthYear),
      sex: d.sex,
      birthYear,
      schoolCode: school.code,
      section: multi ? d.section : null,
      subjects: d.second ? [d.main, d.second] : [d.main],
      post: '专任',
      qualification: d.qualification,
      title: d.title,
      certified: d.certified,
      backboneLevel: d.backboneLevel,
      backboneYear,
      tier: null,
      schoolSince: year - atSchool,
      employment: d.employment,
    };
  });
}

/**
 * A school's first demo roster: 专任 rows whose counts are its typed figures of the year (sections split by students,
 * made feasible for a 高中 section), then its 行政 / 工勤 rows. `id(i)` names the i-th row.
 */
export function demoSchoolRoster(school: DemoSchool, year: number, id: (i: number) => { teacherId: string; staffNo: string | null }): RosterTeacher[] {
  const n = num(school.values, 'teachersTotal');
  if (n === 0) return [];
  const rng = rngOf('roster', school.code, year);
  const sections = feasibleSections(plausibleSections(school, n), n, num(school.values, 'teachersAboveDegree'), num(school.values, 'teachersPostgraduate'));
  const rows = exactRows({ school, year, targets: school.values, sections, id, since: 'spread', rng });
  return [...rows, ...staffRows(school, year, n, rng, (k) => id(n + k))];
}

/** 行政 and 工勤 rows (not counted by the statistics): one or two of each in the larger schools. */
function staffRows(school: DemoSchool, year: number, n: number, rng: Rng, id: (k: number) => { teacherId: string; staffNo: string | null }): RosterTeacher[] {
  const multi = sectionsOfLevel(school.level).length > 1;
  const posts: RosterTeacher['post'][] = [...Array(n >= 60 ? 2 : n >= 25 ? 1 : 0).fill('行政'), ...Array(n >= 40 ? 2 : n >= 15 ? 1 : 0).fill('工勤')];
  const section = multi ? sectionsOfLevel(school.level)[0] : null;
  return posts.map((post, k) => {
    const age = rng.int(32, 57);
    const sex: Sex = age > 55 || rng.chance(0.5) ? '男' : '女';
    const admin = post === '行政';
    return {
      ...id(k),
      name: teacherName(rng, sex, year - age),
      sex,
      birthYear: year - age,
      schoolCode: school.code,
      section,
      subjects: admin ? [rng.pick(['语文', '数学', '英语'])] : ['无'],
      post,
      qualification: admin ? '本科' : rng.pick(['高中及以下', '专科'] as const),
      title: admin ? '一级' : '未定级',
      certified: admin,
      backboneLevel: null,
      backboneYear: null,
      tier: null,
      schoolSince: year - rng.int(1, Math.min(20, age - 24)),
      employment: admin ? '在编' : '合同',
    };
  });
}
