// Growth (增值评价) over the stored exams: the exam pairs that share students, the value-added of schools and classes
// between an entry and an exit exam, a school's or class's students, and next-assessment targets.
//
// Who sees what is the policy's (src/core/auth/policy.ts, enforced by the routes of contract.ts): this service is
// handed the scope — the schools whose rows a user may see ('all' or codes; the district model and figures are the
// same for everyone), and for student rows whether the user may see names at that school.
//
// Exam data comes only through the exams capability (src/exams/cohorts.ts), never from its tables.
//
// Models are computed on request for the whole district (linkage → z → REML fit: well under a second for 100,000
// students) and kept in memory per (exam pair, column, import time of both exams); a re-import changes the key.
import type { z } from 'zod';
import type { Capability } from '../core/auth/policy.js';
import { badRequest, forbidden, notFound } from '../core/http/errors.js';
import type { CohortExam, ExamCohorts } from '../exams/cohorts.js';
import { twoYearTargets, type SchoolTarget } from './targets/two-year.js';
import { QUADRANT_LABEL, type Quadrant } from './targets/quadrants.js';
import { vaMinNOf } from './min-n.js';
import { METHOD } from './method-text.js';
import {
  columnValues,
  computePair,
  PairError,
  TOTAL,
  type ClassVa,
  type ExamLinkageSummary,
  type ExamScores,
  type GroupVa,
  type ModelSummary,
  type PairModel,
  type SchoolVa,
  type SgpRunner,
} from './pair-model.js';
import type * as C from './contract.js';
import type { TOTAL as CONTRACT_TOTAL } from './contract.js';

export { TOTAL, vaMinNOf };

/** School year of an exam from its date: August–December → that year, January–July → the year before (2025-06 → 2024学年). */
export function schoolYearOf(date: string | null): number | null {
  const m = date ? /^(\d{4})-(\d{2})/.exec(date) : null;
  if (!m) return null;
  return Number(m[2]) >= 8 ? Number(m[1]) : Number(m[1]) - 1;
}

// The answers' types are the contract's schemas (contract.ts); the assertions at the end of this file check that the
// model's own types (pair-model.ts, targets/) agree with them.
export type ExamOption = z.output<typeof C.ExamOption>;
export type ExamPair = z.output<typeof C.ExamPair>;
export type ExamsResponse = z.output<typeof C.ExamsResponse>;
export type SchoolRow = z.output<typeof C.SchoolRow>;
export type ClassRow = z.output<typeof C.ClassRow>;
export type VaResponse = z.output<typeof C.VaResponse>;
export type StudentsResponse = z.output<typeof C.StudentsResponse>;
export type TargetsResponse = z.output<typeof C.TargetsResponse>;

/** What the service needs to know of the user: the district, the schools in the route's scope, other capabilities. */
export interface GrowthViewer {
  districtId: string;
  /** The schools whose rows this user may see under the route's capability: 'all' or codes. */
  schools: 'all' | string[];
  can(cap: Capability, school?: string | null): boolean;
}

/** The one school of a scope that holds exactly one (a clerk's own school), else undefined. */
const singleSchool = (schools: 'all' | string[]) => (schools !== 'all' && schools.length === 1 ? schools[0] : undefined);
const inScope = (schools: 'all' | string[]) => (code: string) => schools === 'all' || schools.includes(code);

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

const Z95 = 1.959963984540054;
const CACHE_SIZE = 8;

/** A school or class row without the figures of a group below the minimum n (what a user without pupil-level rights gets). */
function withhold<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of WITHHELD_KEYS) if (k in out) out[k] = null;
  return out as T;
}
const WITHHELD_KEYS = [
  'effect',
  'se',
  'lower',
  'upper',
  'label',
  'shrinkage',
  'meanResidual',
  'achievement',
  'entryMean',
  'gainMean',
  'gainSE',
  'zGain',
  'zGainSE',
  'rankChange',
  'rankChangeSE',
  'sgpMedian',
  'sgpMedianSE',
  'quadrant',
  'entryQuadrant',
] as const;

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
      for (let t = 0; t < 2; t++)
        for (let j = 0; j < n; j++)
          if (dup[t][j]) {
            score[t][j] = NaN;
            grade[t][j] = NaN;
          }
      const r = m.studentGrowthPercentiles({ ids, years: [1, 2], grade, score, school: [null, null] }, { maxOrder: 1, year: 2 });
      const skipped = r.cohorts.find((c) => c.skipped);
      if (skipped) throw new Error(skipped.skipped);
      return {
        sgp: new Map(r.students.map((s) => [s.id, s.sgp])),
        note: '一阶 SGP：以入口考试为唯一先验成绩（本对考试只有一个先验成绩）',
      };
    })
    .catch(() => null);
  return sgpModule;
}

const examOption = (e: CohortExam): ExamOption => ({
  id: e.id,
  name: e.name,
  date: e.date,
  schoolYear: schoolYearOf(e.date),
  grade: e.grade,
  type: e.type,
  students: e.students,
  subjects: e.subjects,
});

const byDate = (a: ExamOption, b: ExamOption) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id;

export class GrowthService {
  private readonly cache = new Map<string, Promise<PairModel>>();
  /** The value-added minimum n (vaMinNOf): below it, figures only for users with pupil-level rights. */
  readonly minNFloor: number;
  constructor(
    private readonly cohorts: ExamCohorts,
    opts: { minN?: number } = {},
  ) {
    this.minNFloor = opts.minN ?? vaMinNOf();
  }

  // ───────────────────────────── exams and pairs ─────────────────────────────

  private async readyExams(districtId: string): Promise<CohortExam[]> {
    return (await this.cohorts.list(districtId)).filter((e) => e.ready);
  }

  /** Imported exams, and the pairs (earlier → later) that share students. */
  async exams(districtId: string): Promise<ExamsResponse> {
    const exams = (await this.readyExams(districtId)).map(examOption).sort(byDate);
    const byId = new Map(exams.map((e) => [e.id, e]));
    const pairs: ExamPair[] = [];
    for (const { a, b, shared } of await this.cohorts.sharedStudents(districtId)) {
      const [x, y] = [byId.get(a), byId.get(b)];
      if (!x || !y) continue;
      const [from, to] = byDate(x, y) <= 0 ? [x, y] : [y, x];
      pairs.push({ from: from.id, to: to.id, shared, subjects: [...from.subjects.filter((s) => to.subjects.includes(s)), TOTAL] });
    }
    pairs.sort((p, q) => byDate(byId.get(q.to)!, byId.get(p.to)!) || byDate(byId.get(q.from)!, byId.get(p.from)!));
    return { exams, pairs };
  }

  private async exam(districtId: string, id: number): Promise<CohortExam> {
    const e = await this.cohorts.get(districtId, id);
    if (!e) throw notFound(`考试 ${id} 不存在 / no exam ${id}`);
    if (!e.ready) throw badRequest(`考试「${e.name}」尚未导入成绩 / no scores imported for ${e.name} yet`);
    return e;
  }

  private async scores(districtId: string, e: CohortExam, subject: string): Promise<ExamScores> {
    const subjects = e.subjects;
    if (subject !== TOTAL && !subjects.includes(subject)) throw badRequest(`考试「${e.name}」没有科目「${subject}」/ ${e.name} has no subject ${subject}`);
    const c = await this.cohorts.scoreColumns(districtId, e);
    return {
      exam: { id: e.id, name: e.name, date: e.date, grade: e.grade, type: e.type },
      ids: c.studentIds,
      school: c.schoolOf,
      klass: c.classOf,
      values: columnValues(subjects, c.scores, c.n, subject),
    };
  }

  /** The district-wide model of a pair (cached). */
  async pair(districtId: string, fromId: number, toId: number, subject: string): Promise<{ model: PairModel; from: CohortExam; to: CohortExam }> {
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

  /** The value-added of every school and class of the district; rows cut to the viewer's schools, the district figures whole. */
  async valueAdded(viewer: GrowthViewer, q: VaQuery): Promise<VaResponse> {
    const { model, from, to } = await this.pair(viewer.districtId, q.from, q.to, q.subject);
    // Pupil-level rights per school. Only a user who holds them for every school may lower minN below the floor.
    const rights = (code: string) => viewer.can('students.read', code);
    const floor = this.minNFloor;
    const minN = model.schools.every((s) => rights(s.school)) ? (q.minN ?? floor) : Math.max(q.minN ?? floor, floor);
    const names = await this.cohorts.schoolNames(viewer.districtId);
    const own = viewer.schools !== 'all';
    const visible = inScope(viewer.schools);
    const name = (code: string) => names.get(code) ?? code;
    const cut = <T extends { school: string; suppressed: boolean; withheld: boolean }>(r: T): T => (r.suppressed && !rights(r.school) ? withhold({ ...r, withheld: true }) : r);
    const schools: SchoolRow[] = model.schools.map((s) => ({
      ...s,
      name: name(s.school),
      suppressed: s.n < minN,
      withheld: false,
      linkRate: s.exitStudents ? s.linked / s.exitStudents : 0,
    }));
    const classes: ClassRow[] = model.classes.map((c) => ({ ...c, name: name(c.school), suppressed: c.n < minN, withheld: false }));
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
      minNFloor: floor,
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
      schools: schools.filter((s) => visible(s.school)).map(cut),
      classes: classes.filter((c) => visible(c.school)).map(cut),
      gain: model.schools
        .filter((s) => visible(s.school))
        .map((s) =>
          cut({
            school: s.school,
            name: name(s.school),
            n: s.n,
            zGain: s.gainMean,
            zGainSE: s.gainSE,
            lower: s.gainSE === null ? null : s.gainMean - Z95 * s.gainSE,
            upper: s.gainSE === null ? null : s.gainMean + Z95 * s.gainSE,
            rankChange: s.rankChange,
            rankChangeSE: s.rankChangeSE,
            suppressed: s.n < minN,
            withheld: false,
          }),
        ),
    };
  }

  // ───────────────────────────── students ─────────────────────────────

  /**
   * The linked students of a school (or one of its classes): scores, z, gains, the district line, SGP. The viewer's
   * scope is that of 'students.read'; without a school named, the one school of that scope (a clerk's own). Names
   * only where the viewer holds 'students.names' for the school.
   */
  async students(viewer: GrowthViewer, q: VaQuery & { school?: string; class?: string }): Promise<StudentsResponse> {
    const school = q.school ?? singleSchool(viewer.schools);
    if (!school) throw badRequest('请指定学校 school / give the school');
    if (!inScope(viewer.schools)(school) || !viewer.can('students.read', school)) throw forbidden('无权查看该校学生 / you may not see this school’s students');
    const { model } = await this.pair(viewer.districtId, q.from, q.to, q.subject);
    // Pupil-level rights for this school (checked above): the minimum n asked for, else the configured one.
    const minN = q.minN ?? this.minNFloor;
    const list = model.students.filter((s) => s.school === school && (q.class === undefined || s.class === q.class));
    const namesShown = viewer.can('students.names', school);
    const names = namesShown
      ? await this.cohorts.studentNames(
          viewer.districtId,
          list.map((s) => s.id),
        )
      : new Map<string, string | null>();
    const schoolNames = await this.cohorts.schoolNames(viewer.districtId);
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
  async targets(viewer: GrowthViewer, q: { school?: string }): Promise<TargetsResponse> {
    const visible = inScope(viewer.schools);
    if (q.school && !visible(q.school)) throw forbidden('无权查看该校 / not allowed for this school');
    const school = q.school ?? singleSchool(viewer.schools);
    const districtId = viewer.districtId;
    const names = await this.cohorts.schoolNames(districtId);
    const exams = (await this.readyExams(districtId)).map((e) => ({ e, o: examOption(e) })).filter((x) => x.o.schoolYear !== null);
    const latestPerYear = (list: typeof exams) => {
      const m = new Map<number, (typeof exams)[number]>();
      for (const x of [...list].sort((a, b) => byDate(a.o, b.o))) m.set(x.o.schoolYear!, x);
      return [...m.values()].sort((a, b) => a.o.schoolYear! - b.o.schoolYear!);
    };
    const seriesKeys = [...new Set(exams.map((x) => `${x.o.type}|${x.o.grade}`))].sort();
    const keep = (t: SchoolTarget) => (school ? t.school === school : visible(t.school));
    const row = (t: SchoolTarget) => ({ ...t, name: names.get(t.school) ?? t.school });
    const series: TargetsResponse['series'] = [];
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
        const stats = await this.cohorts.columnStats(districtId, x.e.id, TOTAL);
        if (!stats) continue;
        const d = stats.district;
        const year = x.o.schoolYear!;
        for (const s of stats.schools) {
          if (s.mean !== null && d.mean !== null && d.sd) hist.meanZ.push({ school: s.school, year, value: (s.mean - d.mean) / d.sd });
          if (s.excellentRate !== null) hist.excellentRate.push({ school: s.school, year, value: s.excellentRate });
          if (s.passRate !== null) hist.passRate.push({ school: s.school, year, value: s.passRate });
        }
      }
      const metrics = (['meanZ', 'excellentRate', 'passRate'] as const).map((metric) => ({
        metric,
        schools: twoYearTargets(hist[metric], { targetYear, cap: metric === 'meanZ' ? undefined : 1 })
          .filter(keep)
          .map(row),
      }));
      series.push({ kind: 'achievement' as const, key, type, grade, targetYear, exams: base.map((x) => ({ id: x.o.id, name: x.o.name, schoolYear: x.o.schoolYear })), metrics });

      // Value-added into this grade.
      const pairs: { from: ExamOption; to: ExamOption }[] = [];
      for (const x of list) {
        const candidates = exams
          .filter((y) => y.o.grade === grade - 1 && y.o.schoolYear === x.o.schoolYear! - 1)
          .sort((a, b) => Number(a.o.type === type) - Number(b.o.type === type) || byDate(a.o, b.o));
        const entry = candidates[candidates.length - 1];
        if (entry) pairs.push({ from: entry.o, to: x.o });
      }
      const vaBase = pairs.filter((p) => p.to.schoolYear! >= targetYear - 2);
      if (!vaBase.length) continue;
      const vaHist: { school: string; year: number; value: number }[] = [];
      // A school whose value-added in a base year rests on fewer students than the minimum n gets no target for a
      // user without pupil-level rights there (the target would carry the withheld figure).
      const small = new Set<string>();
      for (const p of vaBase) {
        try {
          const { model } = await this.pair(districtId, p.from.id, p.to.id, TOTAL);
          for (const s of model.schools) {
            if (s.n < this.minNFloor && !viewer.can('students.read', s.school)) small.add(s.school);
            vaHist.push({ school: s.school, year: p.to.schoolYear!, value: s.effect });
          }
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
        metrics: [
          {
            metric: 'effect' as const,
            schools: twoYearTargets(
              vaHist.filter((h) => !small.has(h.school)),
              { targetYear },
            )
              .filter(keep)
              .map(row),
            withheld: [...small]
              .filter((code) => (school ? code === school : visible(code)))
              .sort()
              .map((code) => ({ school: code, name: names.get(code) ?? code })),
          },
        ],
      });
    }
    return {
      rule: {
        zh: `目标 = 本校前两个学年同一系列考试（同类型、同年级）的平均值；只有一年时取该年的值（标注“仅一年”）。成绩目标用总分平均标准分、优秀率、合格率；增值目标用从低一年级上一学年考试到本考试的总分增值（${METHOD.va.zh}）。每学年每系列取日期最晚的一次考试。匹配学生少于 ${this.minNFloor} 人的学校，无学生级查看权限的用户不显示其增值目标。`,
        en: `Target = the mean of the school’s values in the previous two school years of the same exam series (same type and grade); with only one of the two years, that year’s value (flagged partial). Achievement: mean z of the total score, excellent and pass rates; value-added: the total-score value-added (${METHOD.va.en}) from the exam one grade lower in the previous school year. One exam per series and year: the latest by date. Schools with fewer than ${this.minNFloor} linked students have no value-added target for users without pupil-level rights there.`,
      },
      school: school ?? null,
      series,
    };
  }
}

// ───────────────────────────── compile-time agreement of the model's types with the contract ─────────────────────────────

/** true when A and B are assignable both ways and have the same keys. */
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
type Holds<T extends true> = T;
export type ContractAgreement = [
  Holds<Agree<GroupVa, z.output<typeof C.GroupVa>>>,
  Holds<Agree<SchoolVa, z.output<typeof C.SchoolVa>>>,
  Holds<Agree<ClassVa, z.output<typeof C.ClassVa>>>,
  Holds<Agree<ModelSummary, z.output<typeof C.ModelSummary>>>,
  Holds<Agree<ExamLinkageSummary, z.output<typeof C.ExamLinkage>>>,
  Holds<Agree<PairModel['linkage'], z.output<typeof C.Linkage>>>,
  Holds<Agree<PairModel['scales'], z.output<typeof C.Scales>>>,
  Holds<Agree<PairModel['sgp'], z.output<typeof C.SgpInfo>>>,
  Holds<Agree<Quadrant, z.output<typeof C.Quadrant>>>,
  Holds<Agree<SchoolTarget & { name: string }, z.output<typeof C.SchoolTarget>>>,
  Holds<Agree<typeof TOTAL, typeof CONTRACT_TOTAL>>,
];
