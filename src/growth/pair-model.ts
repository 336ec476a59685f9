// Growth between an entry exam and an exit exam (入口 → 出口) for one subject or 总分, for the whole district:
// linkage by 学籍号, z within each exam, the plain gain model (z-gain, percentile-rank change), the regression
// value-added of schools and of classes (REML random intercept on the z-scores: post_z ~ pre_z + (1 | school)),
// achievement × growth quadrants and, when the SGP module runs, order-1 student growth percentiles.
// Pure: the service loads the two exams and scopes the result per user.
//
// Why z first: the value-added is then in standard deviations of the exit exam, so subjects and exams with different
// full marks (120 vs 100, 总分 of five subjects) read the same way, and β is the correlation-like slope of the pair.
// z uses the population SD over every scored student of the exam (as the exam reports: standards.md §5).
import { groupMeans, type GroupMean } from './gain/aggregate.js';
import { studentGains, type StudentGain } from './gain/student-gain.js';
import { linkExams, type Exam, type ExamRecord } from './linkage/link.js';
import { quadrants, type Quadrant } from './targets/quadrants.js';
import { schoolPoints } from './targets/school-points.js';
import { classKey, splitClassKey } from './va/class-key.js';
import type { EffectLabel, EffectRow } from './va/effects.js';
import { standardizer } from './gain/standardize.js';
import { valueAdded, type VaResult } from './va/value-added.js';

export { TOTAL } from '../exams/defaults.js';
import { TOTAL } from '../exams/defaults.js';

/** One exam's scores of the chosen column, one entry per stored student row. */
export interface ExamScores {
  exam: { id: number; name: string; date: string | null; grade: number; type: string };
  ids: readonly string[];
  school: readonly string[];
  klass: readonly string[];
  /** NaN = no score (缺考, 作弊, 免考, or for 总分 a missing subject). */
  values: Float64Array;
}

/** Order-1 SGPs of the linked students, from the SGP module (null when it is missing or fails). */
export type SgpRunner = (entry: ExamScores, exit: ExamScores) => { sgp: Map<string, number>; note: string } | null;

export interface StudentGrowth extends Omit<StudentGain, 'class'> {
  class: string;
  entrySchool: string;
  entryClass: string;
  /** The district line at this student's entry z: β₀ + β₁·z_entry (exit z units). */
  expectedZ: number;
  /** exitZ − expectedZ. */
  residualZ: number;
  /** expectedZ in exit-exam points: mean + SD·expectedZ. */
  expected: number;
  sgp: number | null;
}

export interface GroupVa {
  n: number;
  effect: number;
  se: number;
  lower: number;
  upper: number;
  label: EffectLabel;
  shrinkage: number;
  meanResidual: number;
  /** Mean exit z of the group's linked students. */
  achievement: number;
  /** Mean entry z. */
  entryMean: number;
  /** Mean z-gain (exit z − entry z) and its SE. */
  gainMean: number;
  gainSE: number | null;
  /** Mean change of the percentile rank (exit PR − entry PR) and its SE. */
  rankChange: number;
  rankChangeSE: number | null;
  /** Median order-1 SGP and its SE (1.253·sd/√n), when SGPs are available. */
  sgpMedian: number | null;
  sgpMedianSE: number | null;
}

export interface SchoolVa extends GroupVa {
  school: string;
  quadrant: Quadrant;
  /** Entry × growth: 高起点/低起点 × 高增长/低增长. */
  entryQuadrant: Quadrant;
  /** Scored students of this school in the exit exam, and how many of them are linked (counted here). */
  exitStudents: number;
  linked: number;
  /** Linked students counted here who sat the entry exam at another school. */
  moversIn: number;
}

export interface ClassVa extends GroupVa {
  school: string;
  class: string;
}

export interface ExamLinkageSummary {
  exam: number;
  name: string;
  /** Distinct 学籍号 with a score. */
  students: number;
  linked: number;
  rate: number;
  unmatched: number;
  duplicates: number;
  /** Rows without a score (缺考 …). */
  absent: number;
}

export interface PairModel {
  subject: string;
  entry: ExamScores['exam'];
  exit: ExamScores['exam'];
  linkage: { entry: ExamLinkageSummary; exit: ExamLinkageSummary; linked: number; rate: number; movers: number; moverPolicy: 'later' };
  scales: { entry: { mean: number; sd: number; n: number }; exit: { mean: number; sd: number; n: number } };
  model: ModelSummary;
  classModel: ModelSummary | null;
  schools: SchoolVa[];
  classes: ClassVa[];
  quadrants: { split: 'sign'; cuts: { achievement: number; growth: number } };
  sgp: { available: boolean; order: 1; note: string };
  students: StudentGrowth[];
}

export interface ModelSummary {
  method: 'REML';
  formula: string;
  n: number;
  groups: number;
  beta: { intercept: number; pre: number };
  betaSE: { intercept: number; pre: number };
  tau2: number;
  sigma2: number;
  /** τ²/(τ² + σ²): share of the residual variance between groups. */
  icc: number;
  boundary: boolean;
  unidentified: boolean;
  remlCriterion: number;
}

export class PairError extends Error {}

function examInput(s: ExamScores): Exam {
  const records: ExamRecord[] = new Array(s.ids.length);
  for (let i = 0; i < s.ids.length; i++) records[i] = { id: s.ids[i], school: s.school[i], class: s.klass[i], score: Number.isNaN(s.values[i]) ? null : s.values[i] };
  return { name: s.exam.name, records };
}

function summary(r: VaResult, formula: string): ModelSummary {
  return {
    method: 'REML',
    formula,
    n: r.n,
    groups: r.groups,
    beta: { intercept: r.beta[0], pre: r.beta[1] },
    betaSE: { intercept: r.betaSE[0], pre: r.betaSE[1] },
    tau2: r.tau2,
    sigma2: r.sigma2,
    icc: r.tau2 + r.sigma2 > 0 ? r.tau2 / (r.tau2 + r.sigma2) : 0,
    boundary: r.boundary,
    unidentified: r.unidentified,
    remlCriterion: r.remlCriterion,
  };
}

const byKey = <T extends { group: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.group, r]));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Median SGP and its SE per group (the SGP package's summarizeSGP: 1.253·sd/√n, sd with n − 1). */
function sgpSummary(students: readonly StudentGrowth[], key: (s: StudentGrowth) => string): Map<string, { median: number; se: number | null }> {
  const by = new Map<string, number[]>();
  for (const s of students) {
    if (s.sgp === null) continue;
    const k = key(s);
    let l = by.get(k);
    if (!l) by.set(k, (l = []));
    l.push(s.sgp);
  }
  const out = new Map<string, { median: number; se: number | null }>();
  for (const [k, v] of by) {
    const n = v.length;
    const mean = v.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
    out.set(k, { median: median(v), se: sd === null ? null : (1.253 * sd) / Math.sqrt(n) });
  }
  return out;
}

function groupVa(e: EffectRow, students: readonly StudentGrowth[], gain: GroupMean | undefined, rank: GroupMean | undefined, sgp: { median: number; se: number | null } | undefined): GroupVa {
  let exitZ = 0;
  let entryZ = 0;
  for (const s of students) {
    exitZ += s.exitZ;
    entryZ += s.entryZ;
  }
  const n = students.length || 1;
  return {
    n: e.n,
    effect: e.effect,
    se: e.se,
    lower: e.lower,
    upper: e.upper,
    label: e.label,
    shrinkage: e.shrinkage,
    meanResidual: e.meanResidual,
    achievement: exitZ / n,
    entryMean: entryZ / n,
    gainMean: gain?.mean ?? NaN,
    gainSE: gain?.se ?? null,
    rankChange: rank?.mean ?? NaN,
    rankChangeSE: rank?.se ?? null,
    sgpMedian: sgp?.median ?? null,
    sgpMedianSE: sgp?.se ?? null,
  };
}

/** Everything the growth pages show for one exam pair and column, for every school and class of the district. */
export function computePair(entry: ExamScores, exit: ExamScores, subject: string, sgpRunner?: SgpRunner): PairModel {
  const exams = [examInput(entry), examInput(exit)];
  const link = linkExams(exams, { movers: 'later' });
  if (link.students.length < 3)
    throw new PairError(`两次考试只有 ${link.students.length} 名学生能按学籍号匹配，无法计算增值 / only ${link.students.length} students link the two exams: too few for value-added`);
  const gains = studentGains(link, exams, 'all');
  const scored = (s: ExamScores) => Float64Array.from(Array.from(s.values).filter((v) => !Number.isNaN(v)));
  const [zIn, zOut] = [standardizer(scored(entry)), standardizer(scored(exit))];

  // Value-added of schools (the later school: movers count where they sat the exit exam) and of classes.
  const pre = Float64Array.from(gains, (g) => g.entryZ);
  const post = Float64Array.from(gains, (g) => g.exitZ);
  const schoolFit = valueAdded({ post, covariates: [pre], group: gains.map((g) => g.school) }, { minN: 0 });
  const classGroups = gains.map((g) => classKey(g.school, g.class ?? ''));
  let classFit: VaResult | null;
  try {
    classFit = valueAdded({ post, covariates: [pre], group: classGroups }, { minN: 0 });
  } catch {
    classFit = null; // e.g. a single class: nothing to compare
  }
  const [b0, b1] = schoolFit.beta;
  const entryOf = new Map<string, { school: string; class: string }>();
  for (const s of link.students) entryOf.set(s.id, { school: s.records[0].school, class: s.records[0].class ?? '' });

  let sgp: ReturnType<SgpRunner> = null;
  let sgpNote = '本次未计算 SGP';
  if (sgpRunner) {
    try {
      sgp = sgpRunner(entry, exit);
      if (sgp) sgpNote = sgp.note;
    } catch (e) {
      sgpNote = `SGP 无法计算：${(e as Error).message}`;
    }
  }
  const students: StudentGrowth[] = gains.map((g) => {
    const expectedZ = b0 + b1 * g.entryZ;
    const from = entryOf.get(g.id)!;
    // Listed field by field: an object spread of 100,000 records is ten times slower.
    return {
      id: g.id,
      school: g.school,
      class: g.class ?? '',
      moved: g.moved,
      entry: g.entry,
      exit: g.exit,
      entryZ: g.entryZ,
      exitZ: g.exitZ,
      zGain: g.zGain,
      entryPR: g.entryPR,
      exitPR: g.exitPR,
      rankChange: g.rankChange,
      entrySchool: from.school,
      entryClass: from.class,
      expectedZ,
      residualZ: g.exitZ - expectedZ,
      expected: zOut.mean + zOut.sd * expectedZ,
      sgp: sgp?.sgp.get(g.id) ?? null,
    };
  });

  const bySchool = new Map<string, StudentGrowth[]>();
  const byClass = new Map<string, StudentGrowth[]>();
  for (const s of students) {
    (bySchool.get(s.school) ?? bySchool.set(s.school, []).get(s.school)!).push(s);
    const k = classKey(s.school, s.class);
    (byClass.get(k) ?? byClass.set(k, []).get(k)!).push(s);
  }
  const gainSchool = byKey(
    groupMeans(
      students,
      (s) => s.school,
      (s) => s.zGain,
      0,
    ),
  );
  const rankSchool = byKey(
    groupMeans(
      students,
      (s) => s.school,
      (s) => s.rankChange,
      0,
    ),
  );
  const gainClass = byKey(
    groupMeans(
      students,
      (s) => classKey(s.school, s.class),
      (s) => s.zGain,
      0,
    ),
  );
  const rankClass = byKey(
    groupMeans(
      students,
      (s) => classKey(s.school, s.class),
      (s) => s.rankChange,
      0,
    ),
  );
  const sgpSchool = sgpSummary(students, (s) => s.school);
  const sgpClass = sgpSummary(students, (s) => classKey(s.school, s.class));

  // Quadrants: achievement (mean exit z) × growth (effect), and entry (mean entry z) × growth; cut at 0 (the district).
  const points = schoolPoints(gains, schoolFit.effects);
  const q = quadrants(points, 'sign');
  const quadrantOf = new Map(q.schools.map((s) => [s.school, s.quadrant]));
  const entryQuadrantOf = new Map(
    quadrants(
      schoolFit.effects.map((e) => {
        const list = bySchool.get(e.group) ?? [];
        return { school: e.group, achievement: list.reduce((a, s) => a + s.entryZ, 0) / (list.length || 1), growth: e.effect };
      }),
      'sign',
    ).schools.map((s) => [s.school, s.quadrant]),
  );

  // Linkage per school of the exit exam.
  const exitScored = new Map<string, number>();
  for (let i = 0; i < exit.ids.length; i++) if (!Number.isNaN(exit.values[i])) exitScored.set(exit.school[i], (exitScored.get(exit.school[i]) ?? 0) + 1);

  const schools: SchoolVa[] = schoolFit.effects.map((e) => {
    const list = bySchool.get(e.group) ?? [];
    return {
      school: e.group,
      ...groupVa(e, list, gainSchool.get(e.group), rankSchool.get(e.group), sgpSchool.get(e.group)),
      quadrant: quadrantOf.get(e.group)!,
      entryQuadrant: entryQuadrantOf.get(e.group)!,
      exitStudents: exitScored.get(e.group) ?? 0,
      linked: list.length,
      moversIn: list.filter((s) => s.moved).length,
    };
  });
  const classes: ClassVa[] = (classFit?.effects ?? []).map((e) => {
    const { school, class: klass } = splitClassKey(e.group);
    return { school, class: klass, ...groupVa(e, byClass.get(e.group) ?? [], gainClass.get(e.group), rankClass.get(e.group), sgpClass.get(e.group)) };
  });

  const examLink = (k: 0 | 1, s: ExamScores): ExamLinkageSummary => {
    const l = link.exams[k];
    return { exam: s.exam.id, name: s.exam.name, students: l.students, linked: l.linked, rate: l.rate, unmatched: l.unmatched.length, duplicates: l.duplicates.length, absent: l.absent };
  };
  return {
    subject,
    entry: entry.exam,
    exit: exit.exam,
    linkage: { entry: examLink(0, entry), exit: examLink(1, exit), linked: link.students.length, rate: link.rate, movers: link.movers, moverPolicy: 'later' },
    scales: { entry: { mean: zIn.mean, sd: zIn.sd, n: scored(entry).length }, exit: { mean: zOut.mean, sd: zOut.sd, n: scored(exit).length } },
    model: summary(schoolFit, 'post_z ~ pre_z + (1 | school)'),
    classModel: classFit ? summary(classFit, 'post_z ~ pre_z + (1 | class)') : null,
    schools,
    classes,
    quadrants: { split: 'sign', cuts: q.cuts },
    sgp: { available: !!sgp, order: 1, note: sgpNote },
    students,
  };
}

/** The column of an exam: a subject's scores, or 总分 = the sum when every subject has a score (as the exam report). */
export function columnValues(subjects: readonly string[], scores: readonly Float64Array[], n: number, subject: string): Float64Array {
  if (subject !== TOTAL) {
    const k = subjects.indexOf(subject);
    if (k < 0) throw new PairError(`考试没有科目「${subject}」/ the exam has no subject ${subject}`);
    return scores[k].subarray(0, n);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const col of scores) s += col[i];
    out[i] = s; // NaN when any subject is missing
  }
  return out;
}
