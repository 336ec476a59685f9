// Demo exams of 青溪县(演示): two cohorts of the junior-secondary schools (初中, 九年一贯制 and the 初中部 of the
// 完全中学) followed from grade 7 to grade 8, so that the growth pages (增值评价) have something real to show:
//
//   2022学年七年级期末 ──(cohort A)──▶ 2023学年八年级期末
//   2023学年七年级期末 ──(cohort B)──▶ 2024学年八年级期末
//
// Five subjects in every exam: 语文/数学/英语 (120 each), 物理 and 道德与法治 (100 each) — the same list in grade 7
// and grade 8 so that each subject has an entry and an exit score (in most provinces 物理 starts in grade 8; here
// the grade-7 paper stands for its 科学 part).
// Students per school, grade and class follow the registry's demo figures (enrolments and class sizes of that year).
//
// The story:
// - Intakes differ: the urban and private schools take stronger pupils (mean ability up to +0.6 SD), rural and
//   island schools weaker ones (down to −0.5 SD).
// - Most schools add the value the district's line predicts; a few clearly add more (横塘镇初级中学, 石门九年一贯制
//   学校, 青溪县第二初级中学) and a few clearly less (青溪博文初级中学(民办), 城关中学, 沙岗初级中学), in both cohorts.
// - About 2% of score cells are 缺考 (a student absent from the whole exam, or from one subject); about 1% of the
//   pupils move to another school of the district between the two years; 1–3% leave or arrive from outside, so
//   they appear in only one of the two exams.
// Seeded, own PRNG (never Math.random): the same seed gives byte-identical files.
import { hashString, mulberry32 } from '../registry/demo.js';
import type { Db } from '../core/db/index.js';
import type { CurrentUser } from '../core/auth/roles.js';
import type { DemoDistrict, SchoolYearData } from '../registry/types.js';
import { statKey } from '../registry/types.js';
import type { School } from '../registry/model.js';
import { ExamService } from './service.js';

export interface DemoExamSubject {
  subject: string;
  fullMarks: number;
}

export interface DemoExamSpec {
  /** Key within the demo: 'A7', 'A8', 'B7', 'B8'. */
  key: string;
  name: string;
  /** School year (2023 = 2023–2024学年). */
  year: number;
  date: string;
  term: string;
  grade: number;
  type: '期末';
  scope: string;
  subjects: DemoExamSubject[];
}

export interface DemoStudentRow {
  id: string;
  name: string;
  gender: '男' | '女';
  schoolCode: string;
  schoolName: string;
  className: string;
  /** One per subject; null = 缺考. */
  scores: (number | null)[];
}

export interface DemoExam {
  spec: DemoExamSpec;
  rows: DemoStudentRow[];
}

export const DEMO_SUBJECTS: readonly DemoExamSubject[] = [
  { subject: '语文', fullMarks: 120 },
  { subject: '数学', fullMarks: 120 },
  { subject: '英语', fullMarks: 120 },
  { subject: '物理', fullMarks: 100 },
  { subject: '道德与法治', fullMarks: 100 },
];

const GRADE_ZH: Record<number, string> = { 7: '七', 8: '八', 9: '九' };

function examSpec(key: string, year: number, grade: number): DemoExamSpec {
  return {
    key,
    name: `${year}学年${GRADE_ZH[grade]}年级期末`,
    year,
    date: `${year + 1}-06-${grade === 7 ? 27 : 26}`,
    term: '第二学期',
    grade,
    type: '期末',
    scope: '全县',
    subjects: DEMO_SUBJECTS.map((s) => ({ ...s })),
  };
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness (the registry demo's generator and string hash)

class Rng {
  private readonly u: () => number;
  private spare: number | null = null;
  constructor(seed: number, stream: string) {
    this.u = mulberry32(hashString(`${seed}|exams|${stream}`));
  }
  next(): number {
    return this.u();
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.u() * (b - a + 1));
  }
  /** Standard normal (Marsaglia polar). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const x = 2 * this.u() - 1;
      const y = 2 * this.u() - 1;
      const r = x * x + y * y;
      if (r > 0 && r < 1) {
        const f = Math.sqrt((-2 * Math.log(r)) / r);
        this.spare = y * f;
        return x * f;
      }
    }
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.u() * xs.length)];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.u() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

// ---------------------------------------------------------------------------------------------
// Schools: intake and value added

/** Mean ability of the intake (SD units of the district) and the value the school adds per year. */
const SCHOOL_PROFILE: Record<string, { intake: number; va?: number }> = {
  青溪县第一初级中学: { intake: 0.45, va: 0.06 },
  青溪县第二初级中学: { intake: 0.2, va: 0.2 },
  城关中学: { intake: 0.12, va: -0.22 },
  '青溪博文初级中学(民办)': { intake: 0.6, va: -0.3 },
  白沙镇初级中学: { intake: -0.1 },
  大溪镇初级中学: { intake: -0.2 },
  横塘镇初级中学: { intake: -0.28, va: 0.36 },
  上林初级中学: { intake: -0.4 },
  沙岗初级中学: { intake: -0.45, va: -0.32 },
  竹坑初级中学: { intake: -0.5 },
  '青溪外国语学校(民办)': { intake: 0.55 },
  石门九年一贯制学校: { intake: -0.2, va: 0.3 },
  龙泉九年一贯制学校: { intake: -0.38 },
  金峰九年一贯制学校: { intake: -0.42 },
  南岙岛九年一贯制学校: { intake: -0.5 },
  青溪中学: { intake: 0.3 },
};

const JUNIOR_LEVELS = new Set(['初中', '九年一贯制', '完全中学', '十二年一贯制']);

// ---------------------------------------------------------------------------------------------
// Names

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严';
const GIVEN_BOY = '浩宇轩子涵博文俊杰明辰睿泽一航昊天嘉豪晨阳思远铭瑞鹏飞皓然志强建国伟诚家乐宏宸逸凡梓煜锦程';
const GIVEN_GIRL = '欣怡梓涵雨桐诗琪佳怡思雨梦瑶紫萱雅琳可欣语嫣若曦晓婷静雯婉清一诺心妍子墨艺涵嘉琪悦彤舒雅';

function personName(rng: Rng, girl: boolean): string {
  const pool = girl ? GIVEN_GIRL : GIVEN_BOY;
  const given = rng.next() < 0.25 ? pool[rng.int(0, pool.length - 1)] : pool[rng.int(0, pool.length - 1)] + pool[rng.int(0, pool.length - 1)];
  return SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(SURNAMES.length * rng.next() ** 1.6))] + given;
}

// ---------------------------------------------------------------------------------------------
// Pupils

interface Pupil {
  id: string;
  name: string;
  girl: boolean;
  /** General ability at entry (district SD units). */
  ability: number;
  /** Persistent subject-specific strengths. */
  strengths: number[];
}

interface Placement {
  pupil: Pupil;
  school: string;
  classNo: number;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Subject difficulty (logit of the mean share) per exam key and subject. */
const DIFFICULTY: Record<string, number[]> = {
  A7: [0.95, 0.7, 0.8, 0.55, 1.05],
  A8: [0.85, 0.55, 0.7, 0.45, 1.0],
  B7: [0.9, 0.75, 0.85, 0.6, 1.1],
  B8: [0.8, 0.6, 0.65, 0.5, 0.95],
};

function scoreOf(rng: Rng, latent: number, subject: number, full: number, difficulty: number): number {
  // A share of full marks through a logistic curve (bounded, a slight ceiling at the top), integer marks
  // (语文 and 英语 in half points).
  const share = logistic(difficulty + 1.05 * latent);
  const raw = full * share;
  const half = subject === 0 || subject === 2;
  const v = half ? Math.round(raw * 2) / 2 : Math.round(raw);
  return Math.min(full, Math.max(0, v));
}

function classSizes(d: SchoolYearData | undefined, grade: number): number[] {
  if (!d) return [];
  return d.classes
    .filter((c) => c.grade === grade)
    .sort((a, b) => a.classNo - b.classNo)
    .map((c) => c.size);
}

const className = (grade: number, classNo: number) => `${GRADE_ZH[grade]}(${classNo})班`;

/** Fill classes of the given sizes in order from an ordered list (the same order keeps most classes together). */
function assignClasses<T>(list: T[], sizes: number[]): { item: T; classNo: number }[] {
  const out: { item: T; classNo: number }[] = [];
  let c = 0;
  let left = sizes[0] ?? list.length;
  for (const item of list) {
    while (left <= 0 && c < sizes.length - 1) left = sizes[++c];
    out.push({ item, classNo: c + 1 });
    left--;
  }
  return out;
}

function cohort(demo: DemoDistrict, schools: School[], seed: number, tag: 'A' | 'B', entryYear: number): { entry: Placement[]; exit: Placement[] } {
  const rng = new Rng(seed, `cohort-${tag}`);
  const birth = entryYear - 13;
  let seq = 0;
  const newPupil = (school: string): Pupil => {
    const girl = rng.next() < 0.49;
    const intake = SCHOOL_PROFILE[nameOf(schools, school)]?.intake ?? 0;
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    seq++;
    return {
      id: `G${demo.districtId}${birth}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(4, '0')}`,
      name: personName(rng, girl),
      girl,
      ability: intake + 0.92 * rng.normal(),
      strengths: DEMO_SUBJECTS.map(() => 0.42 * rng.normal()),
    };
  };

  // Grade 7: the registry's enrolment and class sizes of the entry year.
  const entry: Placement[] = [];
  for (const s of schools) {
    const sizes = classSizes(demo.stats.get(statKey(s.code, entryYear)), 7);
    const n = sizes.reduce((a, b) => a + b, 0);
    const pupils = Array.from({ length: n }, () => newPupil(s.code));
    for (const { item, classNo } of assignClasses(pupils, sizes)) entry.push({ pupil: item, school: s.code, classNo });
  }

  // Between the years: about 1% move to another junior school of the district, about 1% leave the district.
  const stay = new Map<string, Placement[]>(schools.map((s) => [s.code, []]));
  const codes = schools.map((s) => s.code);
  for (const p of entry) {
    const r = rng.next();
    if (r < 0.01) continue; // leaves the district
    const to = r < 0.02 ? rng.pick(codes.filter((c) => c !== p.school)) : p.school;
    stay.get(to)!.push({ pupil: p.pupil, school: to, classNo: to === p.school ? p.classNo : 99 });
  }

  // Grade 8: the registry's figures of the next year; fill up with arrivals from outside, or drop the surplus.
  const exit: Placement[] = [];
  for (const s of schools) {
    const sizes = classSizes(demo.stats.get(statKey(s.code, entryYear + 1)), 8);
    const n = sizes.reduce((a, b) => a + b, 0);
    const here = stay.get(s.code)!;
    const arrivals = Math.max(0, n - here.length);
    // Every school gets at least a few arrivals (transfers from outside the county) when it has room to drop.
    const extra = Math.min(here.length, Math.round(here.length * 0.008 * rng.next()));
    rng.shuffle(here);
    const kept = here.slice(0, Math.max(0, n - arrivals - extra));
    const list: Placement[] = [...kept];
    for (let i = 0; i < n - kept.length; i++) list.push({ pupil: newPupil(s.code), school: s.code, classNo: 99 });
    list.sort((a, b) => a.classNo - b.classNo || (a.pupil.id < b.pupil.id ? -1 : 1));
    for (const { item, classNo } of assignClasses(list, sizes)) exit.push({ pupil: item.pupil, school: s.code, classNo });
  }
  return { entry, exit };
}

const nameOf = (schools: School[], code: string) => schools.find((s) => s.code === code)?.name ?? code;

/** The demo's exams with every student row, in the order they should be imported (oldest first). */
export function generateDemoExams(demo: DemoDistrict, seed = 20241): DemoExam[] {
  const schools = demo.schools.filter((s) => JUNIOR_LEVELS.has(s.level) && demo.stats.has(statKey(s.code, 2022)));
  const names = new Map(schools.map((s) => [s.code, s.name]));
  const vaRng = new Rng(seed, 'va');
  const schoolVa = new Map(schools.map((s) => [s.code, SCHOOL_PROFILE[s.name]?.va ?? 0.07 * vaRng.normal()]));
  const exams: DemoExam[] = [];
  const cohorts: [tag: 'A' | 'B', entryYear: number][] = [
    ['A', 2022],
    ['B', 2023],
  ];
  const made = new Map<string, DemoExam>();
  for (const [tag, entryYear] of cohorts) {
    const { entry, exit } = cohort(demo, schools, seed, tag, entryYear);
    const rng = new Rng(seed, `scores-${tag}`);
    const classVa = new Map<string, number>();
    const classEffect = (school: string, classNo: number) => {
      const k = `${school}|${classNo}`;
      if (!classVa.has(k)) classVa.set(k, 0.1 * rng.normal());
      return classVa.get(k)!;
    };
    // Growth of each pupil over the year, at the school that taught them (the later one).
    const grown = new Map<string, number>();
    for (const p of exit) {
      const yearNoise = 0.04 * rng.normal();
      grown.set(p.pupil.id, p.pupil.ability + schoolVa.get(p.school)! + yearNoise + classEffect(p.school, p.classNo) + 0.32 * rng.normal());
    }
    const sheet = (key: string, year: number, grade: number, list: Placement[], latentOf: (p: Placement) => number): DemoExam => {
      const spec = examSpec(key, year, grade);
      const diff = DIFFICULTY[key];
      const rows = list.map((p): DemoStudentRow => {
        const latent = latentOf(p);
        const absentAll = rng.next() < 0.012;
        const absentOne = !absentAll && rng.next() < 0.02 ? rng.int(0, DEMO_SUBJECTS.length - 1) : -1;
        const scores = DEMO_SUBJECTS.map((s, k) => (absentAll || k === absentOne ? null : scoreOf(rng, latent + p.pupil.strengths[k] + 0.3 * rng.normal(), k, s.fullMarks, diff[k])));
        return { id: p.pupil.id, name: p.pupil.name, gender: p.pupil.girl ? '女' : '男', schoolCode: p.school, schoolName: names.get(p.school)!, className: className(grade, p.classNo), scores };
      });
      rows.sort((a, b) => (a.schoolCode < b.schoolCode ? -1 : a.schoolCode > b.schoolCode ? 1 : a.className < b.className ? -1 : a.className > b.className ? 1 : a.id < b.id ? -1 : 1));
      return { spec, rows };
    };
    made.set(
      `${tag}7`,
      sheet(`${tag}7`, entryYear, 7, entry, (p) => p.pupil.ability),
    );
    made.set(
      `${tag}8`,
      sheet(`${tag}8`, entryYear + 1, 8, exit, (p) => grown.get(p.pupil.id)!),
    );
  }
  for (const k of ['A7', 'B7', 'A8', 'B8']) exams.push(made.get(k)!);
  return exams.sort((a, b) => a.spec.date.localeCompare(b.spec.date) || a.spec.grade - b.spec.grade);
}

/** The exam as a wide UTF-8 CSV, as a bureau would upload it (缺考 written out). */
export function demoExamCsv(exam: DemoExam): Buffer {
  const head = ['学籍号', '姓名', '性别', '学校代码', '学校', '班级', ...exam.spec.subjects.map((s) => s.subject)];
  const lines = [head.join(',')];
  for (const r of exam.rows) lines.push([r.id, r.name, r.gender, r.schoolCode, r.schoolName, r.className, ...r.scores.map((v) => (v === null ? '缺考' : String(v)))].join(','));
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Loading: through the exam service, exactly as a bureau's upload (parse, check, analyse, ranks, report).

/** Creates and imports the demo exams (oldest first). Returns their ids and the time taken. */
export async function loadDemoExams(db: Db, demo: DemoDistrict, seed?: number): Promise<{ exams: { id: number; name: string; students: number }[]; ms: number }> {
  const t0 = performance.now();
  const service = new ExamService(db);
  const actor: CurrentUser = {
    districtId: demo.districtId,
    districtName: demo.name,
    username: 'demo',
    displayName: '演示数据',
    role: 'admin',
    schoolCode: null,
    mustChangePassword: false,
    assignedSchools: [],
  };
  const out: { id: number; name: string; students: number }[] = [];
  for (const exam of generateDemoExams(demo, seed)) {
    const s = exam.spec;
    const created = await service.create(actor, { name: s.name, date: s.date, term: s.term, grade: s.grade, type: s.type, scope: s.scope, subjects: s.subjects });
    const r = await service.importFile(actor, created.id, `${s.name}.csv`, demoExamCsv(exam));
    out.push({ id: created.id, name: s.name, students: r.students });
  }
  return { exams: out, ms: performance.now() - t0 };
}
