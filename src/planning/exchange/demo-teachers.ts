// The demo county's teachers for the exchange plan, generated deterministically from the registry's yearly figures of
// one school year (the registry keeps counts, not a roster): per school its 专任教师 (teachersTotal), its 骨干 (county +
// city + provincial), its age bands (under 30, 30–39, 40–49, 50 and over). Subjects follow the usual staffing shares of
// a 小学, 初中 or 高中 section (the sections split by their students), named with the section ("小学数学", "初中数学") so
// that a primary teacher only replaces a primary one. 骨干 go to teachers of 30 and over first. Years at the school are
// spread so that roughly a third of the teachers are eligible under the default rules (≥ 6 years, under 55). Pure.
import { hashString, mulberry32 } from '../../registry/demo.js';
import type { ExchangeTeacher } from './model.js';

type Section = '小学' | '初中' | '高中';
const sectionOf = (grade: number): Section => (grade <= 6 ? '小学' : grade <= 9 ? '初中' : '高中');

/** Staffing shares per subject of a section (sum 1): plausible for a county's primary, junior and senior sections. */
const SUBJECTS: Record<Section, [string, number][]> = {
  小学: [
    ['语文', 0.3],
    ['数学', 0.24],
    ['英语', 0.1],
    ['科学', 0.07],
    ['体育', 0.09],
    ['音乐', 0.06],
    ['美术', 0.06],
    ['道德与法治', 0.05],
    ['信息科技', 0.03],
  ],
  初中: [
    ['语文', 0.15],
    ['数学', 0.15],
    ['英语', 0.14],
    ['物理', 0.07],
    ['化学', 0.05],
    ['生物', 0.05],
    ['道德与法治', 0.07],
    ['历史', 0.06],
    ['地理', 0.05],
    ['体育', 0.1],
    ['音乐', 0.03],
    ['美术', 0.03],
    ['信息科技', 0.05],
  ],
  高中: [
    ['语文', 0.13],
    ['数学', 0.13],
    ['英语', 0.13],
    ['物理', 0.09],
    ['化学', 0.08],
    ['生物', 0.07],
    ['思想政治', 0.07],
    ['历史', 0.07],
    ['地理', 0.07],
    ['体育', 0.08],
    ['艺术', 0.04],
    ['信息技术', 0.04],
  ],
};

/** n split by weights into whole numbers that sum to n (largest remainder; ties to the earlier weight). */
export function largestRemainder(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (n <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (n * w) / total);
  const out = exact.map(Math.floor);
  let left = n - out.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k].i]++;
  return out;
}

/** What the generator reads of one school's year. */
export interface DemoSchoolYear {
  code: string;
  /** Students per grade. */
  enrolments: { grade: number; students: number }[];
  teachersTotal: number;
  backbone: number;
  /** under 30, 30–39, 40–49, 50+ (null: not reported). */
  ageBands: [number | null, number | null, number | null, number | null];
}

/** Ages a band spans (inclusive). */
const BAND_AGES: [number, number][] = [
  [23, 29],
  [30, 39],
  [40, 49],
  [50, 59],
];
/** Chance that a teacher of the band has been 6 years or more at the school. */
const LONG_STAY: number[] = [0.12, 0.45, 0.52, 0.55];

export function demoTeachers(schools: readonly DemoSchoolYear[], year: number): ExchangeTeacher[] {
  const out: ExchangeTeacher[] = [];
  for (const s of schools) {
    const n = Math.max(0, Math.floor(s.teachersTotal));
    if (n === 0) continue;
    const rnd = mulberry32(hashString(`exchange|${s.code}|${year}`));
    const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));

    // Subjects: the sections by their students, each section's teachers by the staffing shares.
    const bySection = new Map<Section, number>();
    for (const e of s.enrolments) bySection.set(sectionOf(e.grade), (bySection.get(sectionOf(e.grade)) ?? 0) + e.students);
    const sections = [...bySection.keys()];
    const perSection = sections.length
      ? largestRemainder(
          n,
          sections.map((k) => bySection.get(k)!),
        )
      : [n];
    const subjects: string[] = [];
    (sections.length ? sections : (['小学'] as Section[])).forEach((sec, i) => {
      const table = SUBJECTS[sec];
      largestRemainder(
        perSection[i],
        table.map(([, w]) => w),
      ).forEach((k, j) => {
        for (let c = 0; c < k; c++) subjects.push(`${sec}${table[j][0]}`);
      });
    });

    // Ages: the reported bands (scaled to the total when they do not add up to it), uniform within a band.
    const bands = s.ageBands.map((b) => b ?? 0);
    const counts = bands.some((b) => b > 0) ? largestRemainder(n, bands) : largestRemainder(n, [0.25, 0.3, 0.27, 0.18]);
    const ages: { age: number; band: number }[] = [];
    counts.forEach((k, band) => {
      for (let c = 0; c < k; c++) ages.push({ age: int(BAND_AGES[band][0], BAND_AGES[band][1]), band });
    });
    // Shuffle the ages over the subject slots (Fisher–Yates on the school's own stream).
    for (let i = ages.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [ages[i], ages[j]] = [ages[j], ages[i]];
    }

    const teachers = subjects.map((subject, i) => {
      const { age, band } = ages[i];
      const career = Math.max(0, age - 22);
      const long = career >= 6 && rnd() < LONG_STAY[band];
      const yearsAtSchool = long ? int(6, Math.min(career, 24)) : int(0, Math.min(5, career));
      return { teacherId: `T${s.code.slice(-4)}${String(i + 1).padStart(3, '0')}`, schoolCode: s.code, subject, backbone: false, yearsAtSchool, age };
    });

    // 骨干: teachers of 30 and over first, at random among them, then the younger.
    const b = Math.min(n, Math.max(0, Math.floor(s.backbone)));
    const order = teachers.map((t, i) => ({ i, senior: t.age >= 30 ? 0 : 1, r: rnd() })).sort((x, y) => x.senior - y.senior || x.r - y.r);
    for (let k = 0; k < b; k++) teachers[order[k].i].backbone = true;
    out.push(...teachers);
  }
  return out;
}
