// A deterministic synthetic county, 青溪县(演示), so every page of the app shows something real
// before a bureau has loaded its own data. Same seed → byte-identical output (own PRNG, never
// Math.random). School names, codes, levels, groups and addresses are fixed; the seed only moves
// the numbers (enrolments, class sizes, teachers, buildings, equipment) and the map jitter.
//
// The story the data tells:
// - 城区 schools are big and crowded (classes of 46–55 are common; a few 大班额 ≥56 and one
//   超大班额 ≥66 in 2022, fewer in 2023 and 2024); 镇区 classes 35–50; 乡村 classes 15–40.
// - Urban enrolment grows ~2% a year, rural shrinks ~5%; cohorts move up a grade each year.
// - On the 7 resource indicators of 教督〔2017〕6号 most schools meet the standards, but six rural or
//   town schools miss two or three (few backbone teachers, too few PE/art teachers, small sports
//   grounds, old equipment), and two crowded urban primary schools miss the area per student.
// - One rural school (石门镇五峰小学) closed in 2024: it has 2022–2023 data and none for 2024.
import { STAT_FIELDS, type StatValues } from './fields.js';
import { GRADES_OF_LEVEL, type Location, type Ownership, type School, type SchoolLevel } from './model.js';
import { statKey, type ClassSize, type DemoDistrict, type GradeEnrolment, type SchoolYearData } from './types.js';

export const DEMO_DISTRICT_ID = '999901';
export const DEMO_DISTRICT_NAME = '青溪县(演示)';
export const DEMO_YEARS: readonly number[] = [2022, 2023, 2024];
const FIRST_YEAR = 2022;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** FNV-1a hash of a string, used to give each school its own random stream. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
interface Rng {
  next: () => number;
  /** uniform in [a, b) */
  between: (a: number, b: number) => number;
  /** integer in [a, b] */
  int: (a: number, b: number) => number;
  /** 1 ± x, uniform */
  jitter: (x: number) => number;
}
function makeRng(seed: number, stream: string): Rng {
  const next = mulberry32(hashString(`${seed}|${stream}`));
  const between = (a: number, b: number) => a + (b - a) * next();
  return {
    next,
    between,
    int: (a, b) => a + Math.floor(next() * (b - a + 1)),
    jitter: (x) => 1 + between(-x, x),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---------------------------------------------------------------------------------------------
// The 2017 national resource standards (教督〔2017〕6号), per section of a school

type Section = 'P' | 'J' | 'S'; // 小学段 grades 1–6, 初中段 7–9, 高中段 10–12 (measured like 初中)
const sectionOf = (grade: number): Section => (grade <= 6 ? 'P' : grade <= 9 ? 'J' : 'S');
const SECTIONS: readonly Section[] = ['P', 'J', 'S'];

type Indicator = 'degree' | 'backbone' | 'peArt' | 'teachArea' | 'sportsArea' | 'equipment' | 'multimedia';
/** Per 100 students for the teacher and classroom indicators, per student for areas and equipment. */
const STANDARD: Record<Section, Record<Indicator, number>> = {
  P: { degree: 4.2, backbone: 1, peArt: 0.9, teachArea: 4.5, sportsArea: 7.5, equipment: 2000, multimedia: 2.3 },
  J: { degree: 5.3, backbone: 1, peArt: 0.9, teachArea: 5.8, sportsArea: 10.2, equipment: 2500, multimedia: 2.4 },
  S: { degree: 5.3, backbone: 1, peArt: 0.9, teachArea: 5.8, sportsArea: 10.2, equipment: 2500, multimedia: 2.4 },
};
const PER_100: ReadonlySet<Indicator> = new Set<Indicator>(['degree', 'backbone', 'peArt', 'multimedia']);

// ---------------------------------------------------------------------------------------------
// The schools

interface Spec {
  name: string;
  level: SchoolLevel;
  location: Location;
  private?: boolean;
  island?: boolean;
  boarding?: boolean;
  group?: string;
  address: string;
  /** [lat, lng] of the place and the jitter around it */
  at: [number, number, number];
  /** students per grade in 2022 for each section the school has */
  base: Partial<Record<Section, number>>;
  /** urban only: target mean class size in 2022 */
  mean?: number;
  /** indicators this school misses */
  weak?: Indicator[];
  /** a missed indicator fixed from this year on */
  fixed?: Partial<Record<Indicator, number>>;
  closedIn?: number;
}

// Places: the county seat 城关镇, six towns, and the islands off the east coast.
const CG: [number, number, number] = [30.0, 122.04, 0.014]; // 城关镇 (county seat)
const BS: [number, number] = [30.12, 121.96]; // 白沙镇
const DX: [number, number] = [29.87, 121.98]; // 大溪镇
const LQ: [number, number] = [30.11, 122.13]; // 龙泉镇
const SM: [number, number] = [29.9, 122.12]; // 石门镇
const HT: [number, number] = [30.05, 121.93]; // 横塘镇
const SG: [number, number] = [29.95, 122.18]; // 双港镇
const town = (p: [number, number]): [number, number, number] => [p[0], p[1], 0.008];
const village = (p: [number, number], dLat: number, dLng: number): [number, number, number] => [p[0] + dLat, p[1] + dLng, 0.006];

const G_SHIYAN = '实验小学教育集团';
const G_YIZHONG = '第一初级中学教育集团';
const G_JGT1 = '城乡教共体一';
const G_JGT2 = '城乡教共体二';
const G_JGT3 = '城乡教共体三';

const SPECS: readonly Spec[] = [
  // 小学 — 城区
  { name: '青溪县实验小学', level: '小学', location: '城区', group: G_SHIYAN, address: '青溪县城关镇解放路12号', at: CG, base: { P: 380 }, mean: 52, weak: ['teachArea', 'sportsArea'] },
  { name: '青溪县实验小学南湖校区', level: '小学', location: '城区', group: G_SHIYAN, address: '青溪县城关镇南湖路88号', at: CG, base: { P: 300 }, mean: 45 },
  { name: '城关第一小学', level: '小学', location: '城区', address: '青溪县城关镇人民路45号', at: CG, base: { P: 360 }, mean: 52, weak: ['sportsArea'] },
  { name: '城关第二小学', level: '小学', location: '城区', group: G_JGT1, address: '青溪县城关镇新华路7号', at: CG, base: { P: 260 }, mean: 47 },
  { name: '城关第三小学', level: '小学', location: '城区', group: G_JGT2, address: '青溪县城关镇文昌路30号', at: CG, base: { P: 220 }, mean: 45 },
  { name: '解放路小学', level: '小学', location: '城区', address: '青溪县城关镇解放路156号', at: CG, base: { P: 180 }, mean: 46 },
  { name: '滨江小学', level: '小学', location: '城区', address: '青溪县城关镇滨江路201号', at: CG, base: { P: 240 }, mean: 43 },
  { name: '青溪育才小学(民办)', level: '小学', location: '城区', private: true, address: '青溪县城关镇学府路9号', at: CG, base: { P: 120 }, mean: 40 },
  // 小学 — 镇区
  { name: '白沙镇中心小学', level: '小学', location: '镇区', address: '青溪县白沙镇白沙街88号', at: town(BS), base: { P: 150 } },
  { name: '大溪镇中心小学', level: '小学', location: '镇区', group: G_JGT1, address: '青溪县大溪镇溪滨路16号', at: town(DX), base: { P: 130 } },
  { name: '龙泉镇中心小学', level: '小学', location: '镇区', address: '青溪县龙泉镇龙泉路3号', at: town(LQ), base: { P: 110 } },
  { name: '石门镇中心小学', level: '小学', location: '镇区', address: '青溪县石门镇石门街21号', at: town(SM), base: { P: 120 } },
  {
    name: '横塘镇中心小学',
    level: '小学',
    location: '镇区',
    group: G_JGT2,
    address: '青溪县横塘镇塘前路5号',
    at: town(HT),
    base: { P: 95 },
    weak: ['peArt', 'multimedia', 'equipment'],
    fixed: { multimedia: 2024 },
  },
  { name: '双港镇中心小学', level: '小学', location: '镇区', address: '青溪县双港镇港城路60号', at: town(SG), base: { P: 140 } },
  // 小学 — 乡村
  { name: '白沙镇岭头小学', level: '小学', location: '乡村', group: G_SHIYAN, address: '青溪县白沙镇岭头村18号', at: village(BS, 0.04, -0.03), base: { P: 35 } },
  { name: '大溪镇上林小学', level: '小学', location: '乡村', group: G_JGT1, address: '青溪县大溪镇上林村2号', at: village(DX, -0.05, 0.02), base: { P: 30 } },
  { name: '横塘镇溪口小学', level: '小学', location: '乡村', group: G_JGT2, address: '青溪县横塘镇溪口村36号', at: village(HT, 0.03, -0.02), base: { P: 28 } },
  { name: '龙泉镇竹坑小学', level: '小学', location: '乡村', address: '青溪县龙泉镇竹坑村11号', at: village(LQ, 0.05, 0.03), base: { P: 32 }, weak: ['backbone', 'sportsArea'] },
  { name: '双港镇沙岗小学', level: '小学', location: '乡村', address: '青溪县双港镇沙岗村7号', at: village(SG, -0.04, 0.02), base: { P: 38 }, weak: ['backbone', 'peArt', 'equipment'] },
  { name: '石门镇五峰小学', level: '小学', location: '乡村', address: '青溪县石门镇五峰村1号', at: village(SM, -0.06, -0.04), base: { P: 24 }, closedIn: 2024 },
  { name: '东岙岛小学', level: '小学', location: '乡村', island: true, address: '青溪县东岙乡东岙村25号', at: [29.98, 122.27, 0.004], base: { P: 24 } },
  { name: '西屿岛小学', level: '小学', location: '乡村', island: true, boarding: true, group: G_JGT2, address: '青溪县东岙乡西屿村8号', at: [30.07, 122.255, 0.004], base: { P: 21 } },
  // 初中
  { name: '青溪县第一初级中学', level: '初中', location: '城区', group: G_YIZHONG, address: '青溪县城关镇青溪大道100号', at: CG, base: { J: 600 }, mean: 52 },
  { name: '青溪县第二初级中学', level: '初中', location: '城区', group: G_JGT3, address: '青溪县城关镇文昌路166号', at: CG, base: { J: 450 }, mean: 49 },
  { name: '城关中学', level: '初中', location: '城区', address: '青溪县城关镇人民路210号', at: CG, base: { J: 380 }, mean: 48 },
  { name: '青溪博文初级中学(民办)', level: '初中', location: '城区', private: true, address: '青溪县城关镇学府路58号', at: CG, base: { J: 200 }, mean: 44 },
  { name: '白沙镇初级中学', level: '初中', location: '镇区', boarding: true, group: G_YIZHONG, address: '青溪县白沙镇白沙街120号', at: town(BS), base: { J: 220 } },
  { name: '大溪镇初级中学', level: '初中', location: '镇区', address: '青溪县大溪镇溪滨路77号', at: town(DX), base: { J: 180 }, weak: ['backbone', 'teachArea'] },
  { name: '横塘镇初级中学', level: '初中', location: '镇区', address: '青溪县横塘镇塘前路40号', at: town(HT), base: { J: 160 } },
  { name: '上林初级中学', level: '初中', location: '乡村', boarding: true, group: G_JGT3, address: '青溪县大溪镇上林村50号', at: village(DX, -0.06, 0.04), base: { J: 76 } },
  { name: '沙岗初级中学', level: '初中', location: '乡村', boarding: true, address: '青溪县双港镇沙岗村66号', at: village(SG, -0.05, -0.01), base: { J: 66 } },
  {
    name: '竹坑初级中学',
    level: '初中',
    location: '乡村',
    boarding: true,
    address: '青溪县龙泉镇竹坑村90号',
    at: village(LQ, 0.06, 0.01),
    base: { J: 58 },
    weak: ['backbone', 'equipment', 'sportsArea'],
  },
  // 九年一贯制
  { name: '青溪外国语学校(民办)', level: '九年一贯制', location: '城区', private: true, address: '青溪县城关镇滨江路8号', at: CG, base: { P: 90, J: 120 }, mean: 42 },
  { name: '石门九年一贯制学校', level: '九年一贯制', location: '镇区', address: '青溪县石门镇石门街99号', at: town(SM), base: { P: 90, J: 110 } },
  { name: '龙泉九年一贯制学校', level: '九年一贯制', location: '乡村', boarding: true, address: '青溪县龙泉镇龙泉村12号', at: village(LQ, -0.04, 0.03), base: { P: 35, J: 50 } },
  {
    name: '金峰九年一贯制学校',
    level: '九年一贯制',
    location: '乡村',
    boarding: true,
    address: '青溪县大溪镇金峰村3号',
    at: village(DX, 0.02, -0.05),
    base: { P: 30, J: 45 },
    weak: ['peArt', 'sportsArea', 'equipment'],
  },
  {
    name: '南岙岛九年一贯制学校',
    level: '九年一贯制',
    location: '乡村',
    island: true,
    boarding: true,
    group: G_JGT3,
    address: '青溪县南岙乡南岙村1号',
    at: [29.86, 122.285, 0.004],
    base: { P: 22, J: 28 },
  },
  // 完全中学
  { name: '青溪中学', level: '完全中学', location: '城区', address: '青溪县城关镇学府路1号', at: CG, base: { J: 300, S: 350 }, mean: 49 },
  // 教学点 (grades 1–4 only)
  { name: '石门村教学点', level: '教学点', location: '乡村', address: '青溪县石门镇石门村41号', at: village(SM, -0.03, 0.05), base: { P: 8 } },
  { name: '上岭村教学点', level: '教学点', location: '乡村', address: '青溪县白沙镇上岭村6号', at: village(BS, 0.06, 0.03), base: { P: 17 } },
];

const CODE_BLOCK: Record<SchoolLevel, number> = { 小学: 1, 初中: 2, 九年一贯制: 3, 完全中学: 4, 十二年一贯制: 6, 教学点: 5 };

/** Planted 大班额 / 超大班额 classes: [school, year, grade, size]. Every other urban class stays ≤ 55. */
const BIG_CLASSES: readonly [string, number, number, number][] = [
  ['青溪县实验小学', 2022, 5, 67],
  ['青溪县实验小学', 2022, 2, 57],
  ['城关第一小学', 2022, 4, 58],
  ['城关第一小学', 2022, 1, 56],
  ['青溪县第一初级中学', 2022, 9, 59],
  ['青溪县实验小学', 2023, 6, 60],
  ['青溪县第一初级中学', 2023, 8, 57],
  ['城关第一小学', 2024, 6, 56],
];

const gradesOf = (level: SchoolLevel) => GRADES_OF_LEVEL[level].filter((g) => level !== '教学点' || g <= 4);

// ---------------------------------------------------------------------------------------------
// Enrolments and classes

/** Yearly drift of enrolment: urban grows, rural shrinks. */
function driftOf(spec: Spec): number {
  if (spec.closedIn) return 0.86;
  if (spec.private) return 1.0;
  return spec.location === '城区' ? 1.02 : spec.location === '镇区' ? 0.99 : 0.95;
}

function enrolmentsByYear(spec: Spec, rng: Rng, years: readonly number[]): Map<number, Map<number, number>> {
  const grades = gradesOf(spec.level);
  const drift = driftOf(spec);
  const out = new Map<number, Map<number, number>>();
  let prev: Map<number, number> | null = null;
  for (const year of years) {
    const cur = new Map<number, number>();
    for (const g of grades) {
      const base = spec.base[sectionOf(g)] ?? 0;
      const entry = !grades.includes(g - 1) || sectionOf(g) !== sectionOf(g - 1);
      let n: number;
      if (!prev) n = base * rng.jitter(0.07);
      else if (entry) n = (prev.get(g) ?? base) * drift * rng.jitter(0.04);
      else n = (prev.get(g - 1) ?? base) * drift * rng.jitter(0.025);
      cur.set(g, Math.max(1, Math.round(n)));
    }
    out.set(year, cur);
    prev = cur;
  }
  return out;
}

/** Split a grade's students into classes; sizes sum exactly to `students`. */
function splitIntoClasses(students: number, spec: Spec, year: number, rng: Rng): number[] {
  let k: number;
  let lo: number;
  let hi: number;
  if (spec.location === '城区') {
    const mean = (spec.mean ?? 46) - 1.5 * (year - FIRST_YEAR);
    hi = 55;
    lo = spec.private ? 34 : 38;
    k = Math.max(Math.ceil(students / hi), Math.round(students / mean), 1);
  } else if (spec.location === '镇区') {
    hi = 50;
    lo = 33;
    const kMin = Math.max(1, Math.ceil(students / 50));
    const kMax = Math.floor(students / 35);
    k = kMin <= kMax ? clamp(Math.round(students / 44), kMin, kMax) : kMin;
  } else {
    hi = 40;
    lo = 15;
    k = Math.max(1, Math.ceil(students / 40));
  }
  const q = Math.floor(students / k);
  const r = students % k;
  const sizes = Array.from({ length: k }, (_, i) => q + (i < r ? 1 : 0));
  lo = Math.min(lo, q);
  hi = Math.max(hi, q + (r > 0 ? 1 : 0));
  // Shuffle students between classes a little, staying in the band.
  for (let m = 0; m < k * 2; m++) {
    const i = rng.int(0, k - 1);
    const j = rng.int(0, k - 1);
    const d = rng.int(1, 3);
    if (i !== j && sizes[i] + d <= hi && sizes[j] - d >= lo) {
      sizes[i] += d;
      sizes[j] -= d;
    }
  }
  return sizes;
}

/** Make class `c` exactly `target` by moving students from (or to) the other classes of the grade. */
function plantClassSize(sizes: number[], c: number, target: number, lo: number, hi: number): void {
  if (sizes.length < 2) return;
  let delta = target - sizes[c];
  while (delta !== 0) {
    let best = -1;
    for (let i = 0; i < sizes.length; i++) {
      if (i === c) continue;
      const ok = delta > 0 ? sizes[i] > lo : sizes[i] < hi;
      if (!ok) continue;
      if (best < 0 || (delta > 0 ? sizes[i] > sizes[best] : sizes[i] < sizes[best])) best = i;
    }
    if (best < 0) return;
    const step = delta > 0 ? 1 : -1;
    sizes[best] -= step;
    sizes[c] += step;
    delta -= step;
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics

interface Profile {
  ratio: Record<Section, number>; // students per teacher
  minPerClass: Record<Section, number>; // small schools still need a teacher per subject
  degreeShare: number;
  pgShare: number;
  seniorShare: number;
  backboneFactor: number;
  provinceShare: number;
  cityShare: number;
  peArtFactor: number;
  ageShares: [number, number, number, number];
  areaFactor: number;
  sportsFactor: number;
  indoorBase: number;
  buildingRatio: number;
  equipFactor: number;
  equipGrowth: number;
  mmFactor: number;
  mmSpare: number;
  computerRate: number;
  bookRate: number;
  roomFactor: number;
  areaGrowth: [number, number, number];
}

function makeProfile(spec: Spec, rng: Rng, students2022: number): Profile {
  const urban = spec.location === '城区';
  const rural = spec.location === '乡村';
  const crowded = urban && (spec.mean ?? 0) >= 52;
  const weak = new Set(spec.weak ?? []);
  const pass = (ind: Indicator, good: [number, number], bad: [number, number]) => (weak.has(ind) ? rng.between(bad[0], bad[1]) : rng.between(good[0], good[1]));
  const isJunior = spec.level === '初中' || spec.level === '完全中学';
  const ratio: Record<Section, number> = spec.private
    ? { P: rng.between(14.5, 16), J: rng.between(10.5, 11.5), S: rng.between(11, 12) }
    : urban
      ? { P: crowded ? rng.between(19, 20) : rng.between(17.5, 18.8), J: rng.between(12.6, 13.4), S: rng.between(11.8, 12.6) }
      : spec.location === '镇区'
        ? { P: rng.between(15.5, 16.8), J: rng.between(11.2, 12.2), S: 12 }
        : { P: rng.between(11, 13), J: rng.between(9, 10.5), S: 12 };
  let age: [number, number, number, number] = urban
    ? [rng.between(0.14, 0.22), rng.between(0.27, 0.34), rng.between(0.26, 0.32), rng.between(0.16, 0.24)]
    : rural
      ? [rng.between(0.24, 0.34), rng.between(0.16, 0.22), rng.between(0.18, 0.24), rng.between(0.24, 0.32)]
      : [rng.between(0.18, 0.26), rng.between(0.22, 0.28), rng.between(0.24, 0.3), rng.between(0.2, 0.28)];
  const ageSum = age.reduce((s, x) => s + x, 0);
  age = age.map((x) => x / ageSum) as [number, number, number, number];
  const a1 = rng.between(0, 0.025);
  const a2 = rng.between(0, 0.025);
  return {
    ratio,
    minPerClass: { P: spec.level === '教学点' ? 1 : 1.8, J: 3.2, S: 3.2 },
    degreeShare: isJunior || spec.level === '九年一贯制' ? (rural ? rng.between(0.8, 0.9) : rng.between(0.88, 0.98)) : rural ? rng.between(0.88, 0.96) : rng.between(0.95, 1),
    pgShare: urban ? rng.between(0.03, 0.09) : rural ? rng.between(0, 0.02) : rng.between(0.01, 0.04),
    seniorShare: rng.between(0.45, 0.66),
    backboneFactor: pass('backbone', urban ? [1.6, 2.6] : [1.3, 2.1], [0.35, 0.7]),
    provinceShare: urban ? rng.between(0.05, 0.12) : rng.between(0, 0.05),
    cityShare: urban ? rng.between(0.25, 0.35) : rng.between(0.15, 0.3),
    peArtFactor: pass('peArt', [1.4, 2.1], [0.45, 0.75]),
    ageShares: age,
    areaFactor: pass('teachArea', crowded ? [1.08, 1.2] : [1.15, 1.7], [0.7, 0.84]),
    sportsFactor: pass('sportsArea', rural ? [1.4, 2.6] : [1.12, 1.6], crowded ? [0.55, 0.7] : [0.6, 0.78]),
    indoorBase: students2022 >= 1000 ? rng.between(1200, 2200) : students2022 >= 400 ? rng.between(450, 1000) : spec.location === '镇区' ? rng.between(0, 400) : rng.between(0, 120),
    buildingRatio: spec.boarding ? rng.between(0.44, 0.54) : rng.between(0.58, 0.7),
    equipFactor: pass('equipment', [1.15, 1.9], [0.5, 0.68]),
    equipGrowth: rng.between(0.035, 0.07),
    mmFactor: pass('multimedia', [1.1, 1.5], [0.62, 0.8]),
    mmSpare: students2022 < 100 ? rng.int(0, 1) : students2022 < 400 ? rng.int(1, 2) : rng.int(2, 5),
    computerRate: rng.between(0.1, 0.2),
    bookRate: sectionOf(gradesOf(spec.level)[0]) === 'P' ? rng.between(26, 40) : rng.between(36, 52),
    roomFactor: rng.between(0.9, 1.4),
    areaGrowth: [1, 1 + a1, 1 + a1 + a2],
  };
}

/** Integers proportional to `shares` that add up exactly to `total` (largest remainder). */
function apportion(total: number, shares: number[]): number[] {
  const raw = shares.map((s) => s * total);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) out[order[i][1]]++;
  return out;
}

interface YearInputs {
  year: number;
  yearIndex: number;
  students: Record<Section, number>;
  classes: Record<Section, number>;
  totalStudents: number;
  totalClasses: number;
}

/** What the standards require for this school's mix of sections (per-100 already divided). */
function needOf(ind: Indicator, students: Record<Section, number>): number {
  const n = SECTIONS.reduce((s, sec) => s + students[sec] * STANDARD[sec][ind], 0);
  return PER_100.has(ind) ? n / 100 : n;
}

function statValues(spec: Spec, p: Profile, y: YearInputs, first: YearInputs, rng: Rng): StatValues {
  const weakNow = (ind: Indicator) => (spec.weak ?? []).includes(ind) && !(spec.fixed?.[ind] && y.year >= spec.fixed[ind]);
  const need = (ind: Indicator) => needOf(ind, y.students);
  const t = y.yearIndex;

  // Teachers
  let total = 0;
  for (const sec of SECTIONS) {
    if (y.students[sec] === 0) continue;
    total += Math.max(Math.round(y.students[sec] / p.ratio[sec]), Math.ceil(y.classes[sec] * p.minPerClass[sec]));
  }
  let degree = Math.round(total * Math.min(1, p.degreeShare + 0.01 * t));
  if (!weakNow('degree')) degree = Math.min(total, Math.max(degree, Math.ceil(need('degree') * 1.04)));
  const postgraduate = Math.min(degree, Math.round(total * (p.pgShare + 0.004 * t)));

  // A weak school has few (but, where one still falls short, at least one) backbone or PE/art teachers.
  const short = (ind: Indicator, factor: number) => Math.min(Math.ceil(need(ind)) - 1, Math.max(1, Math.floor(need(ind) * factor)));
  let backbone = weakNow('backbone') ? short('backbone', p.backboneFactor + 0.03 * t) : Math.ceil(need('backbone') * p.backboneFactor * (1 + 0.04 * t));
  backbone = Math.min(backbone, Math.floor(total * 0.45));
  const province = Math.floor(backbone * p.provinceShare);
  const city = Math.floor(backbone * p.cityShare);
  const county = backbone - province - city;

  let peArt = weakNow('peArt') ? short('peArt', p.peArtFactor + 0.03 * t) : Math.ceil(need('peArt') * p.peArtFactor);
  peArt = Math.min(peArt, Math.floor(total * 0.4));
  const pe = Math.min(peArt, Math.max(peArt > 0 ? 1 : 0, Math.round(peArt * 0.45)));
  const music = Math.round((peArt - pe) * 0.5);
  const art = peArt - pe - music;

  const senior = Math.round(total * Math.min(0.9, p.seniorShare + 0.01 * t));
  const certified = spec.private ? Math.round(total * rng.between(0.9, 0.97)) : total - (rng.next() < 0.25 ? 1 : 0);
  const ages = apportion(total, p.ageShares);

  // Buildings and equipment: stocks built for the 2022 enrolment and growing a little; a school that
  // meets a standard keeps meeting it (it extends when enrolment grows) and a weak one stays weak.
  const growth = p.areaGrowth[Math.min(t, 2)];
  const keep = (stock: number, needNow: number, weak: boolean) => (weak ? Math.min(stock, needNow * 0.9) : Math.max(stock, needNow * 1.05));

  const sportsTotal = keep(needOf('sportsArea', first.students) * p.sportsFactor * growth, need('sportsArea'), weakNow('sportsArea'));
  const indoor = Math.min(p.indoorBase * growth, sportsTotal * 0.3);
  const ground = sportsTotal - indoor;
  // Passing schools meet the area standard even when indoor sports rooms are subtracted.
  const teachNeed = need('teachArea');
  const teachAux = weakNow('teachArea')
    ? Math.max(Math.min(needOf('teachArea', first.students) * p.areaFactor * growth, teachNeed * 0.9), indoor + teachNeed * 0.4)
    : Math.max(needOf('teachArea', first.students) * p.areaFactor * growth, teachNeed * 1.05) + indoor;
  const building = teachAux / p.buildingRatio;

  const equipment = keep(needOf('equipment', first.students) * p.equipFactor * Math.pow(1 + p.equipGrowth, t), need('equipment'), weakNow('equipment'));
  const mmNeed = need('multimedia');
  const multimedia = weakNow('multimedia')
    ? Math.max(1, Math.min(Math.floor(mmNeed * (p.mmFactor + 0.03 * t)), Math.ceil(mmNeed) - 1))
    : Math.max(y.totalClasses + p.mmSpare, Math.ceil(mmNeed * p.mmFactor * (1 + 0.02 * t)));
  const computers = Math.max(8, Math.round(y.totalStudents * p.computerRate * (1 + 0.05 * t)));
  const books = Math.max(1500, Math.round(first.totalStudents * p.bookRate * (1 + 0.03 * t)));
  const minRooms = spec.level === '教学点' ? 0 : 1;
  const musicRooms = Math.max(minRooms, Math.round((y.totalClasses / 12) * p.roomFactor));
  const artRooms = Math.max(minRooms, Math.round((y.totalClasses / 12) * (p.roomFactor - 0.1)));

  const v: Record<string, number> = {
    teachersTotal: total,
    teachersAboveDegree: degree,
    teachersPostgraduate: postgraduate,
    backboneCounty: county,
    backboneCity: city,
    backboneProvince: province,
    peTeachers: pe,
    musicTeachers: music,
    artTeachers: art,
    seniorTitleTeachers: senior,
    certifiedTeachers: certified,
    teachersAgeUnder30: ages[0],
    teachersAge30to39: ages[1],
    teachersAge40to49: ages[2],
    teachersAge50plus: ages[3],
    buildingAreaM2: round2(building),
    teachingAuxAreaM2: round2(teachAux),
    indoorSportsAreaM2: round2(indoor),
    sportsGroundAreaM2: round2(ground),
    equipmentValueYuan: Math.round(equipment),
    multimediaClassrooms: multimedia,
    computers,
    books,
    musicRooms,
    artRooms,
  };
  // Same key order as the field registry.
  const values: StatValues = {};
  for (const f of STAT_FIELDS) values[f.key] = v[f.key] ?? null;
  return values;
}

// ---------------------------------------------------------------------------------------------

export function generateDemoDistrict(seed = 20241): DemoDistrict {
  const years = [...DEMO_YEARS];
  const schools: School[] = [];
  const stats = new Map<string, SchoolYearData>();
  const codeCounters = new Map<SchoolLevel, number>();

  for (const spec of SPECS) {
    const nth = (codeCounters.get(spec.level) ?? 0) + 1;
    codeCounters.set(spec.level, nth);
    const code = `213399${String(CODE_BLOCK[spec.level]).padStart(2, '0')}${String(nth).padStart(2, '0')}`;
    const rng = makeRng(seed, code);
    const [lat0, lng0, spread] = spec.at;
    const ownership: Ownership = spec.private ? '民办' : '公办';
    schools.push({
      districtId: DEMO_DISTRICT_ID,
      code,
      name: spec.name,
      level: spec.level,
      ownership,
      location: spec.location,
      isIsland: spec.island ?? false,
      isBoarding: spec.boarding ?? false,
      address: spec.address,
      lat: Math.round((lat0 + rng.between(-spread, spread)) * 1e5) / 1e5,
      lng: Math.round((lng0 + rng.between(-spread, spread)) * 1e5) / 1e5,
      groupName: spec.group ?? null,
      isOpen: spec.closedIn === undefined,
    });

    const activeYears = years.filter((y) => spec.closedIn === undefined || y < spec.closedIn);
    const enrol = enrolmentsByYear(spec, rng, activeYears);
    let first: YearInputs | null = null;
    let profile: Profile | null = null;
    activeYears.forEach((year, yearIndex) => {
      const byGrade = enrol.get(year)!;
      const enrolments: GradeEnrolment[] = [];
      const classes: ClassSize[] = [];
      const students: Record<Section, number> = { P: 0, J: 0, S: 0 };
      const classCount: Record<Section, number> = { P: 0, J: 0, S: 0 };
      for (const [grade, n] of byGrade) {
        enrolments.push({ grade, students: n });
        const sizes = splitIntoClasses(n, spec, year, rng);
        const planted = BIG_CLASSES.find(([name, y, g]) => name === spec.name && y === year && g === grade);
        if (planted) plantClassSize(sizes, sizes.length - 1, planted[3], 38, 55);
        sizes.forEach((size, i) => classes.push({ grade, classNo: i + 1, size }));
        students[sectionOf(grade)] += n;
        classCount[sectionOf(grade)] += sizes.length;
      }
      const inputs: YearInputs = {
        year,
        yearIndex,
        students,
        classes: classCount,
        totalStudents: students.P + students.J + students.S,
        totalClasses: classes.length,
      };
      first ??= inputs;
      profile ??= makeProfile(spec, rng, inputs.totalStudents);
      stats.set(statKey(code, year), { values: statValues(spec, profile, inputs, first, rng), enrolments, classes });
    });
  }

  return { districtId: DEMO_DISTRICT_ID, name: DEMO_DISTRICT_NAME, years, schools, stats };
}
