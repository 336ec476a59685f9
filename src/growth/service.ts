// Growth (增值评价) over the stored exams: the exam pairs that share students, the value-added of schools and classes
// between an entry and an exit exam, a school's or class's students, and next-assessment targets.
//
// Who sees what (as the exam API, src/exams/service.ts): school and class aggregates for the bureau (admin, analyst),
// inspectors and viewers (all schools); a clerk gets the district aggregates and their own school's rows. Student
// rows: the bureau (any school), a clerk (own school), an inspector (assigned schools); names only for the bureau and
// the student's own school's clerk (the school the student is counted at: the later one); viewers get no students.
//
// Models are computed on request for the whole district (linkage → z → REML fit: well under a second for 100,000
// students) and kept in memory per (exam pair, column, import time of both exams); a re-import changes the key.
import type { Db } from '../core/db/index.js';
import { canSeeStudentNames, canSeeStudents, type CurrentUser } from '../core/auth/roles.js';
import { badRequest, forbidden, notFound } from '../core/http/errors.js';
import { twoYearTargets, type SchoolTarget } from './targets/two-year.js';
import { QUADRANT_LABEL, type Quadrant } from './targets/quadrants.js';
import { DEFAULT_MIN_N } from './va/effects.js';
import { columnValues, computePair, PairError, TOTAL, type ClassVa, type ExamScores, type PairModel, type SchoolVa, type SgpRunner } from './pair-model.js';
import * as store from './store.js';

export { TOTAL };

/** School year of an exam from its date: August–December → that year, January–July → the year before (2025-06 → 2024学年). */
export function schoolYearOf(date: string | null): number | null {
  const m = date ? /^(\d{4})-(\d{2})/.exec(date) : null;
  if (!m) return null;
  return Number(m[2]) >= 8 ? Number(m[1]) : Number(m[1]) - 1;
}

export interface ExamOption {
  id: number;
  name: string;
  date: string | null;
  schoolYear: number | null;
  grade: number;
  type: string;
  students: number;
  subjects: string[];
}

export interface ExamPair {
  from: number;
  to: number;
  /** 学籍号 in both exams. */
  shared: number;
  /** Subjects in both exams, then 总分. */
  subjects: string[];
}

/** 高起点/低起点 × 高增长/低增长 (entry × growth), the names bureaus use. */
export const ENTRY_QUADRANT_LABEL: Record<Quadrant, string> = {
  'high-achievement-high-growth': '高起点·高增长',
  'high-achievement-low-growth': '高起点·低增长',
  'low-achievement-high-growth': '低起点·高增长',
  'low-achievement-low-growth': '低起点·低增长',
};
export const QUADRANT_EN: Record<Quadrant, string> = {
  'high-achievement-high-growth': 'high achievement, high growth',
  'high-achievement-low-growth': 'high achievement, low growth',
  'low-achievement-high-growth': 'low achievement, high growth',
  'low-achievement-low-growth': 'low achievement, low growth',
};
export const ENTRY_QUADRANT_EN: Record<Quadrant, string> = {
  'high-achievement-high-growth': 'high start, high growth',
  'high-achievement-low-growth': 'high start, low growth',
  'low-achievement-high-growth': 'low start, high growth',
  'low-achievement-low-growth': 'low start, low growth',
};
export const LABEL_ZH = { above: '高于预期', expected: '符合预期', below: '低于预期' } as const;

export interface VaQuery {
  from: number;
  to: number;
  subject: string;
  minN?: number;
}

/** Rows carry the numbers of suppressed groups too (so they can be checked); views show n only. */
export type SchoolRow = SchoolVa & { name: string; suppressed: boolean; linkRate: number };
export type ClassRow = ClassVa & { name: string; suppressed: boolean };

export interface VaResponse {
  from: ExamOption;
  to: ExamOption;
  subject: string;
  subjects: string[];
  minN: number;
  /** 'all' schools, or 'own' (a clerk: the own school's rows only; the district figures are for everyone). */
  scope: 'all' | 'own';
  linkage: PairModel['linkage'];
  scales: PairModel['scales'];
  model: PairModel['model'];
  classModel: PairModel['classModel'];
  district: { linked: number; gainMean: number; rankChangeMean: number; schools: number; above: number; expected: number; below: number; suppressed: number; classes: number };
  quadrants: PairModel['quadrants'] & { labels: Record<Quadrant, { zh: string; en: string }>; entryLabels: Record<Quadrant, { zh: string; en: string }> };
  sgp: PairModel['sgp'];
  schools: SchoolRow[];
  classes: ClassRow[];
  /** The plain gain model per school, for comparison: mean z-gain and percentile-rank change with SE. */
  gain: { school: string; name: string; n: number; zGain: number; zGainSE: number | null; lower: number | null; upper: number | null; rankChange: number; rankChangeSE: number | null; suppressed: boolean }[];
}

const Z95 = 1.959963984540054;
const CACHE_SIZE = 8;

/** Order-1 SGPs through the SGP module (src/growth/sgp), loaded when first needed; null when it is not there. */
let sgpModule: Promise<SgpRunner | null> | null = null;
function sgpRunner(): Promise<SgpRunner | null> {
  sgpModule ??= import('./sgp/sgp.js')
    .then((m): SgpRunner => (entry, exit) => {
      // One prior: the entry exam as "year 1, grade 1", the exit exam as "year 2, grade 2" (SGP's cohort rule needs
      // consecutive grades; the exams' own grades may repeat, e.g. 期中 → 期末 of one grade).
      const index = new Map<string, number>();
      const ids: string[] = [];
      const at = (id: string) => index.get(id) ?? (index.set(id, ids.push(id) - 1), ids.length - 1);
      for (const id of entry.ids) at(id);
      for (const id of exit.ids) at(id);
      const n = ids.length;
      const grade = [new Float64Array(n).fill(NaN), new Float64Array(n).fill(NaN)];
      const score = [new Float64Array(n).fill(NaN), new Float64Array(n).fill(NaN)];
      const dup = [new Uint8Array(n), new Uint8Array(n)];
      [entry, exit].forEach((s, t) => {
        for (let i = 0; i < s.ids.length; i++) {
          const j = index.get(s.ids[i])!;
          if (Number.isNaN(s.values[i])) continue;
          if (!Number.isNaN(score[t][j])) dup[t][j] = 1;
          score[t][j] = s.values[i];
          grade[t][j] = t + 1;
        }
      });
      for (let t = 0; t < 2; t++) for (let j = 0; j < n; j++) if (dup[t][j]) (score[t][j] = NaN), (grade[t][j] = NaN);
      const r = m.studentGrowthPercentiles({ ids, years: [1, 2], grade, score, school: [null, null] }, { maxOrder: 1, year: 2 });
      const skipped = r.cohorts.find((c) => c.skipped);
      if (skipped) throw new Error(skipped.skipped);
      return {
        sgp: new Map(r.students.map((s) => [s.id, s.sgp])),
        note: '一阶 SGP:以入口考试为唯一先验成绩(本对考试只有一个先验)/ order-1 SGP: the entry exam is the only prior score (this pair has one prior)',
      };
    })
    .catch(() => null);
  return sgpModule;
}

const examOption = (e: store.ExamWithSubjects): ExamOption => ({
  id: e.id,
  name: e.name,
  date: e.date,
  schoolYear: schoolYearOf(e.date),
  grade: e.grade,
  type: e.type,
  students: e.studentCount,
  subjects: e.subjects.map((s) => s.subject),
});

const byDate = (a: ExamOption, b: ExamOption) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id;

export class GrowthService {
  private readonly cache = new Map<string, Promise<PairModel>>();
  constructor(private readonly db: Db) {}

  // ───────────────────────────── exams and pairs ─────────────────────────────

  private async readyExams(districtId: string): Promise<store.ExamWithSubjects[]> {
    return (await store.listExams(this.db, districtId)).filter((e) => e.status === 'ready');
  }

  /** Imported exams, and the pairs (earlier → later) that share students. Everyone signed in may list them. */
  async exams(user: CurrentUser): Promise<{ exams: ExamOption[]; pairs: ExamPair[] }> {
    const exams = (await this.readyExams(user.districtId)).map(examOption).sort(byDate);
    const byId = new Map(exams.map((e) => [e.id, e]));
    const pairs: ExamPair[] = [];
    for (const { a, b, shared } of await store.sharedStudents(this.db, user.districtId)) {
      const [x, y] = [byId.get(a), byId.get(b)];
      if (!x || !y) continue;
      const [from, to] = byDate(x, y) <= 0 ? [x, y] : [y, x];
      pairs.push({ from: from.id, to: to.id, shared, subjects: [...from.subjects.filter((s) => to.subjects.includes(s)), TOTAL] });
    }
    pairs.sort((p, q) => byDate(byId.get(q.to)!, byId.get(p.to)!) || byDate(byId.get(q.from)!, byId.get(p.from)!));
    return { exams, pairs };
  }

  private async exam(districtId: string, id: number): Promise<store.ExamWithSubjects> {
    const e = await store.getExam(this.db, districtId, id);
    if (!e) throw notFound(`考试 ${id} 不存在 / no exam ${id}`);
    if (e.status !== 'ready') throw badRequest(`考试「${e.name}」尚未导入成绩 / no scores imported for ${e.name} yet`);
    return e;
  }

  private async scores(districtId: string, e: store.ExamWithSubjects, subject: string): Promise<ExamScores> {
    const subjects = e.subjects.map((s) => s.subject);
    if (subject !== TOTAL && !subjects.includes(subject)) throw badRequest(`考试「${e.name}」没有科目「${subject}」/ ${e.name} has no subject ${subject}`);
    const c = await store.loadScoreColumns(this.db, districtId, e.id, subjects.length);
    return {
      exam: { id: e.id, name: e.name, date: e.date, grade: e.grade, type: e.type },
      ids: c.studentIds,
      school: c.schoolOf,
      klass: c.classOf,
      values: columnValues(subjects, c.scores, c.n, subject),
    };
  }

  /** The district-wide model of a pair (cached). */
  async pair(districtId: string, fromId: number, toId: number, subject: string): Promise<{ model: PairModel; from: store.ExamWithSubjects; to: store.ExamWithSubjects }> {
    if (fromId === toId) throw badRequest('入口和出口考试不能相同 / choose two different exams');
    const [from, to] = await Promise.all([this.exam(districtId, fromId), this.exam(districtId, toId)]);
    if (from.date && to.date && from.date > to.date) throw badRequest(`入口考试「${from.name}」晚于出口考试「${to.name}」/ the entry exam is later than the exit exam`);
    const key = [districtId, fromId, toId, subject, from.importedAt, to.importedAt].join('|');
    let p = this.cache.get(key);
    if (p) {
      this.cache.delete(key);
      this.cache.set(key, p); // most recently used last
    } else {
      p = (async () => {
        const [a, b, runner] = await Promise.all([this.scores(districtId, from, subject), this.scores(districtId, to, subject), sgpRunner()]);
        try {
          return computePair(a, b, subject, runner ?? undefined);
        } catch (e) {
          if (e instanceof PairError) throw badRequest(e.message);
          throw e;
        }
      })();
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
      while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return { model: await p, from, to };
  }

  // ───────────────────────────── value-added ─────────────────────────────

  async valueAdded(user: CurrentUser, q: VaQuery): Promise<VaResponse> {
    const minN = q.minN ?? DEFAULT_MIN_N;
    const { model, from, to } = await this.pair(user.districtId, q.from, q.to, q.subject);
    const names = await store.schoolNames(this.db, user.districtId);
    const own = user.role === 'clerk';
    const visible = (school: string) => !own || school === user.schoolCode;
    const name = (code: string) => names.get(code) ?? code;
    const schools: SchoolRow[] = model.schools.map((s) => ({ ...s, name: name(s.school), suppressed: s.n < minN, linkRate: s.exitStudents ? s.linked / s.exitStudents : 0 }));
    const classes: ClassRow[] = model.classes.map((c) => ({ ...c, name: name(c.school), suppressed: c.n < minN }));
    const shown = schools.filter((s) => !s.suppressed);
    const students = model.students;
    const mean = (f: (s: (typeof students)[number]) => number) => students.reduce((a, s) => a + f(s), 0) / (students.length || 1);
    const label = (m: Record<Quadrant, string>, en: Record<Quadrant, string>) =>
      Object.fromEntries((Object.keys(m) as Quadrant[]).map((k) => [k, { zh: m[k], en: en[k] }])) as Record<Quadrant, { zh: string; en: string }>;
    const fo = examOption(from);
    const too = examOption(to);
    return {
      from: fo,
      to: too,
      subject: model.subject,
      subjects: [...fo.subjects.filter((s) => too.subjects.includes(s)), TOTAL],
      minN,
      scope: own ? 'own' : 'all',
      linkage: model.linkage,
      scales: model.scales,
      model: model.model,
      classModel: model.classModel,
      district: {
        linked: students.length,
        gainMean: mean((s) => s.zGain),
        rankChangeMean: mean((s) => s.rankChange),
        schools: schools.length,
        above: shown.filter((s) => s.label === 'above').length,
        expected: shown.filter((s) => s.label === 'expected').length,
        below: shown.filter((s) => s.label === 'below').length,
        suppressed: schools.length - shown.length,
        classes: classes.length,
      },
      quadrants: { ...model.quadrants, labels: label(QUADRANT_LABEL, QUADRANT_EN), entryLabels: label(ENTRY_QUADRANT_LABEL, ENTRY_QUADRANT_EN) },
      sgp: model.sgp,
      schools: schools.filter((s) => visible(s.school)),
      classes: classes.filter((c) => visible(c.school)),
      gain: schools
        .filter((s) => visible(s.school))
        .map((s) => ({
          school: s.school,
          name: s.name,
          n: s.n,
          zGain: s.gainMean,
          zGainSE: s.gainSE,
          lower: s.gainSE === null ? null : s.gainMean - Z95 * s.gainSE,
          upper: s.gainSE === null ? null : s.gainMean + Z95 * s.gainSE,
          rankChange: s.rankChange,
          rankChangeSE: s.rankChangeSE,
          suppressed: s.suppressed,
        })),
    };
  }

  // ───────────────────────────── students ─────────────────────────────


  /** The linked students of a school (or one of its classes): scores, z, gains, the district line, SGP. */
  async students(user: CurrentUser, q: VaQuery & { school?: string; class?: string }) {
    if (user.role === 'viewer') throw forbidden('访客不能查看学生成绩 / viewers do not see students');
    const school = q.school ?? (user.role === 'clerk' ? (user.schoolCode ?? undefined) : undefined);
    if (!school) throw badRequest('请指定学校 school / give the school');
    if (!canSeeStudents(user, school)) throw forbidden('无权查看该校学生 / you may not see this school’s students');
    const { model } = await this.pair(user.districtId, q.from, q.to, q.subject);
    const minN = q.minN ?? DEFAULT_MIN_N;
    const list = model.students.filter((s) => s.school === school && (q.class === undefined || s.class === q.class));
    const namesShown = canSeeStudentNames(user, school);
    const names = namesShown ? await store.studentNames(this.db, user.districtId, list.map((s) => s.id)) : new Map<string, string | null>();
    const schoolNames = await store.schoolNames(this.db, user.districtId);
    const sch = model.schools.find((s) => s.school === school);
    const klass = q.class === undefined ? undefined : model.classes.find((c) => c.school === school && c.class === q.class);
    const { entry: si, exit: so } = model.scales;
    const { intercept: b0, pre: b1 } = model.model.beta;
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const r4 = (x: number) => Math.round(x * 10000) / 10000;
    return {
      from: { id: model.entry.id, name: model.entry.name },
      to: { id: model.exit.id, name: model.exit.name },
      subject: model.subject,
      school,
      schoolName: schoolNames.get(school) ?? school,
      class: q.class ?? null,
      namesShown,
      minN,
      sgp: model.sgp,
      scales: model.scales,
      /** The district line in z (exitZ = intercept + slope·entryZ) and in points (exit = a + b·entry). */
      line: { z: { intercept: b0, slope: b1 }, points: { intercept: so.mean + so.sd * (b0 - (b1 * si.mean) / (si.sd || 1)), slope: si.sd > 0 ? (so.sd * b1) / si.sd : 0 } },
      schoolEffect: sch ? { n: sch.n, effect: sch.effect, se: sch.se, lower: sch.lower, upper: sch.upper, label: sch.label, suppressed: sch.n < minN } : null,
      classEffect: klass ? { n: klass.n, effect: klass.effect, se: klass.se, lower: klass.lower, upper: klass.upper, label: klass.label, suppressed: klass.n < minN } : null,
      classes: model.classes.filter((c) => c.school === school).map((c) => ({ class: c.class, n: c.n })),
      students: list.map((s) => ({
        studentId: s.id,
        name: namesShown ? (names.get(s.id) ?? null) : null,
        class: s.class,
        moved: s.moved,
        entrySchool: s.moved ? s.entrySchool : null,
        entrySchoolName: s.moved ? (schoolNames.get(s.entrySchool) ?? s.entrySchool) : null,
        entryClass: s.entryClass,
        pre: s.entry,
        post: s.exit,
        preZ: r4(s.entryZ),
        postZ: r4(s.exitZ),
        zGain: r4(s.zGain),
        prePR: r2(s.entryPR),
        postPR: r2(s.exitPR),
        rankChange: r2(s.rankChange),
        expectedZ: r4(s.expectedZ),
        expected: r2(s.expected),
        residualZ: r4(s.residualZ),
        sgp: s.sgp,
      })),
    };
  }

  // ───────────────────────────── targets ─────────────────────────────

  /**
   * Next-assessment targets from the mean of the previous two years (twoYearTargets, the 初中崛起 rule).
   * - Achievement series: exams of the same type and grade (e.g. 八年级期末) in successive school years; per school
   *   the mean z of 总分 ((school mean − district mean)/district SD of the exam), 优秀率 and 合格率 of 总分. The target
   *   is for the series' next school year (last year + 1), from that year's two predecessors.
   * - Value-added series: for each exam of a type and grade, the entry exam is the latest exam one grade lower in the
   *   previous school year (prefer the same type); per school the value-added of 总分 (z). Target likewise.
   * One exam per series and school year: the latest by date. Exams without a date have no school year and are left out.
   */
  async targets(user: CurrentUser, q: { school?: string }) {
    let school = q.school;
    if (user.role === 'clerk') {
      if (school && school !== user.schoolCode) throw forbidden('只能查看本校 / your own school only');
      school = user.schoolCode ?? '';
    }
    const names = await store.schoolNames(this.db, user.districtId);
    const exams = (await this.readyExams(user.districtId)).map((e) => ({ e, o: examOption(e) })).filter((x) => x.o.schoolYear !== null);
    const latestPerYear = (list: typeof exams) => {
      const m = new Map<number, (typeof exams)[number]>();
      for (const x of [...list].sort((a, b) => byDate(a.o, b.o))) m.set(x.o.schoolYear!, x);
      return [...m.values()].sort((a, b) => a.o.schoolYear! - b.o.schoolYear!);
    };
    const seriesKeys = [...new Set(exams.map((x) => `${x.o.type}|${x.o.grade}`))].sort();
    const keep = (t: SchoolTarget) => !school || t.school === school;
    const row = (t: SchoolTarget) => ({ ...t, name: names.get(t.school) ?? t.school });
    const series = [];
    for (const key of seriesKeys) {
      const [type, g] = key.split('|');
      const grade = Number(g);
      const list = latestPerYear(exams.filter((x) => x.o.type === type && x.o.grade === grade));
      if (!list.length) continue;
      const targetYear = list[list.length - 1].o.schoolYear! + 1;
      const base = list.filter((x) => x.o.schoolYear! >= targetYear - 2);
      // Achievement, from the stored reports.
      const hist: Record<'meanZ' | 'excellentRate' | 'passRate', { school: string; year: number; value: number }[]> = { meanZ: [], excellentRate: [], passRate: [] };
      for (const x of base) {
        const r = await store.loadReport(this.db, user.districtId, x.e.id);
        const report = r?.report as { district: { stats: Record<string, { mean: number | null; sd: number | null }> }; schools: { school: string; stats: Record<string, { mean: number | null; excellent_rate: number | null; pass_rate: number | null }> }[] } | undefined;
        if (!report) continue;
        const d = report.district.stats[TOTAL];
        for (const s of report.schools) {
          const st = s.stats[TOTAL];
          if (!st) continue;
          const year = x.o.schoolYear!;
          if (st.mean !== null && d?.mean !== null && d?.sd) hist.meanZ.push({ school: s.school, year, value: (st.mean - d.mean!) / d.sd });
          if (st.excellent_rate !== null) hist.excellentRate.push({ school: s.school, year, value: st.excellent_rate });
          if (st.pass_rate !== null) hist.passRate.push({ school: s.school, year, value: st.pass_rate });
        }
      }
      const metrics = (['meanZ', 'excellentRate', 'passRate'] as const).map((metric) => ({
        metric,
        schools: twoYearTargets(hist[metric], { targetYear, cap: metric === 'meanZ' ? undefined : 1 }).filter(keep).map(row),
      }));
      series.push({ kind: 'achievement' as const, key, type, grade, targetYear, exams: base.map((x) => ({ id: x.o.id, name: x.o.name, schoolYear: x.o.schoolYear })), metrics });

      // Value-added into this grade.
      const pairs: { from: ExamOption; to: ExamOption }[] = [];
      for (const x of list) {
        const candidates = exams.filter((y) => y.o.grade === grade - 1 && y.o.schoolYear === x.o.schoolYear! - 1).sort((a, b) => Number(a.o.type === type) - Number(b.o.type === type) || byDate(a.o, b.o));
        const entry = candidates[candidates.length - 1];
        if (entry) pairs.push({ from: entry.o, to: x.o });
      }
      const vaBase = pairs.filter((p) => p.to.schoolYear! >= targetYear - 2);
      if (!vaBase.length) continue;
      const vaHist: { school: string; year: number; value: number }[] = [];
      for (const p of vaBase) {
        try {
          const { model } = await this.pair(user.districtId, p.from.id, p.to.id, TOTAL);
          for (const s of model.schools) vaHist.push({ school: s.school, year: p.to.schoolYear!, value: s.effect });
        } catch {
          // a pair without linked students has no value-added
        }
      }
      series.push({
        kind: 'valueAdded' as const,
        key: `va|${key}`,
        type,
        grade,
        targetYear,
        exams: vaBase.map((p) => ({ id: p.to.id, name: p.to.name, schoolYear: p.to.schoolYear, from: { id: p.from.id, name: p.from.name } })),
        metrics: [{ metric: 'effect' as const, schools: twoYearTargets(vaHist, { targetYear }).filter(keep).map(row) }],
      });
    }
    return {
      rule: {
        zh: '目标 = 本校前两个学年同一系列考试(同类型、同年级)的平均值;只有一年时取该年的值(标注“仅一年”)。成绩目标用总分平均标准分、优秀率、合格率;增值目标用从低一年级上一学年考试到本考试的总分增值。每学年每系列取日期最晚的一次考试。',
        en: 'Target = the mean of the school’s values in the previous two school years of the same exam series (same type and grade); with only one of the two years, that year’s value (flagged partial). Achievement: mean z of 总分, excellent and pass rates; value-added: the 总分 value-added from the exam one grade lower in the previous school year. One exam per series and year: the latest by date.',
      },
      school: school ?? null,
      series,
    };
  }
}
