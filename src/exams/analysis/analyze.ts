// The exam analysis (issue 4): for the district, each school and each class, per subject and for 总分 (students
// with a score in every subject, against the sum of full marks), the statistics of stats.ts; per student 总分, Z, T
// and competition ranks; 后x%率 with the flagged schools; the student-weighted CV of the school 总分 means; the shape
// of each column (G1, G2, D'Agostino–Pearson K², histogram with normal curve); subject balance per school.
// The rates, the default cut lines and the name 总分 are those of ../rates.ts, shared with the import and the CLI.
// One column at a time: level codes (levels.ts) → grouped histograms (grouped-scores.ts) → everything else.
import { allPassRate, countFlags, totalsAndAllPass } from './all-pass.js';
import { subjectBalance } from './balance.js';
import { bandEdges } from './bands.js';
import { flagHighestRates } from './bottom-flags.js';
import { groupScores } from './grouped-scores.js';
import { makeGrouping } from './grouping.js';
import { codeLevels } from './levels.js';
import { moments, sampleKurtosis, sampleSkewness } from './moments.js';
import { normalHistogram, type NormalHistogram } from './normal-curve.js';
import { dagostinoPearson, type Normality } from './normality.js';
import { bottomRate, bottomThreshold, cutScores, meanScore, summedCutScores, TOTAL, type CutScores } from '../rates.js';
import { cvOfSchoolMeans } from './school-means-cv.js';
import { standardScores } from './standard-scores.js';
import { groupStats, type Stats } from './stats.js';

export type { Stats } from './stats.js';
export type { CutScores } from '../rates.js';
/** The key of the total in every per-column record (defined in ../rates.ts). */
export { TOTAL };

export interface ExamColumns {
  /** n, one per student (学籍号). */
  studentIds: readonly string[];
  /** Per student, the index into schoolCodes. */
  school: Int32Array;
  schoolCodes: string[];
  /** Per student, the index into classes; −1 = no class (the student counts in the school and the district only). */
  klass: Int32Array;
  /** Class index → its school (index into schoolCodes) and name. */
  classes: { school: number; name: string }[];
  /** Cut lines as shares of full marks, e.g. 0.85, 0.6, 0.4. */
  subjects: { name: string; full: number; excellent: number; pass: number; low: number }[];
  /** Per subject, one score per student; NaN = no score (缺考, 作弊, 免考, blank). */
  scores: Float64Array[];
}

export interface AnalysisSettings {
  /** x of 后x%率, 0–100 (usually 30). */
  bottomPercentile: number;
  /** Share of schools (0–1) flagged by 后x%率; default bottomPercentile / 100. */
  flagShare?: number;
  /** Band width in points per subject name or '总分'; default 10 for a subject, 10 % of the full total for 总分. */
  bandWidth?: Record<string, number>;
  /** Line for the CV of school means; default 0.15 (校际差异率 < 0.15, standards.md §1.4 #9). */
  cvLimit?: number;
  /** Cut lines of 总分 as shares of the full total; default Σ share_j·full_j / Σ full_j (the sum of the subject cut scores). */
  totalCuts?: { excellent: number; pass: number; low: number };
  /** Per-student Z, T and ranks (default true); false leaves those arrays empty (the CLI report needs none of them). */
  perStudent?: boolean;
}

export interface GroupReport {
  /** Students in the group (with or without scores). */
  n: number;
  /** 全科合格率: students passing every subject / students with a score in every subject (all-pass.ts). */
  allPassRate: number | null;
  /** Keyed by subject and '总分'. */
  stats: Record<string, Stats>;
}

export interface ColumnShape {
  /** Bias-corrected G1 (pandas .skew(), Excel SKEW); population g1 in moments.ts. */
  skewness: number | null;
  /** Bias-corrected excess kurtosis G2 (pandas .kurt(), Excel KURT); population g2 in moments.ts. */
  kurtosis: number | null;
  normality: Normality;
  histogram: NormalHistogram;
}

export interface ExamAnalysis {
  report: {
    /** The subjects, then '总分': the order of every per-column array. */
    subjects: string[];
    district: GroupReport;
    schools: (GroupReport & { school: string })[];
    classes: (GroupReport & { school: string; class: string })[];
    /** Student-weighted CV of the school 总分 means (weights: 总分 n); pass = cv < limit. */
    cvOfSchoolMeans: { cv: number | null; limit: number; pass: boolean | null };
    /** 后x%率: threshold = the district's x-th percentile of 总分 (type 7); per school n = students with a 总分, count = those ≤ threshold. */
    bottom: { percentile: number; threshold: number | null; schools: { school: string; n: number; count: number; rate: number | null; flagged: boolean }[] };
    shape: Record<string, ColumnShape>;
    /** Per school and subject: its mean Z in the subject minus its average mean Z over subjects (balance.ts). */
    balance: { school: string; subjects: Record<string, number | null> }[];
  };
  /**
   * Per subject then 总分 last; one entry per student. Z/T NaN and ranks 0 without a score; the class rank also 0 without a class. Z, T and ranks are empty
   * arrays with perStudent: false.
   * All are views on one ArrayBuffer (one allocation for the GC): keeping any of them keeps all.
   */
  students: { total: Float64Array; z: Float64Array[]; t: Float64Array[]; rankDistrict: Int32Array[]; rankSchool: Int32Array[]; rankClass: Int32Array[] };
}

const share = (x: number, what: string) => {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`${what} ${x}: a share of full marks from 0 to 1`);
  return x;
};

/** The 全科合格率 of a group before it is computed (typed so that it can be set later). */
const NO_RATE: number | null = null;
/** A group's per-column statistics, filled in below. */
const noStats = (): Record<string, Stats> => ({});

export function analyzeExam(columns: ExamColumns, settings: AnalysisSettings): ExamAnalysis {
  const { studentIds, subjects, scores } = columns;
  const n = studentIds.length;
  const S = subjects.length;
  if (S === 0) throw new RangeError('no subjects');
  if (scores.length !== S) throw new RangeError(`${scores.length} score columns for ${S} subjects`);
  if (columns.school.length !== n) throw new RangeError(`${columns.school.length} school indices for ${n} students`);
  scores.forEach((col, j) => {
    if (col.length !== n) throw new RangeError(`${subjects[j].name}: ${col.length} scores for ${n} students`);
  });
  const names = subjects.map((s) => s.name);
  if (new Set(names).size !== S || names.includes(TOTAL)) throw new RangeError(`subject names must be distinct and not ${TOTAL}: ${names.join(', ')}`);
  const x = settings.bottomPercentile;
  if (!(x >= 0 && x <= 100)) throw new RangeError(`bottomPercentile ${x} outside 0–100`);
  const flagShare = settings.flagShare ?? x / 100;
  const cvLimit = settings.cvLimit ?? 0.15;

  const grouping = makeGrouping(
    columns.school,
    columns.schoolCodes.length,
    columns.klass,
    columns.classes.map((c) => c.school),
    studentIds,
  );
  const G = grouping.schoolCount;
  const K = grouping.classCount;

  // Columns: the subjects, then 总分.
  const full: number[] = subjects.map((s) => {
    if (!(s.full > 0 && Number.isFinite(s.full))) throw new RangeError(`${s.name}: full marks ${s.full}`);
    return s.full;
  });
  const fullTotal = full.reduce((a, b) => a + b, 0);
  full.push(fullTotal);
  const shares = (c: { excellent: number; pass: number; low: number }, name: string) => ({
    excellent: share(c.excellent, `${name} excellent`),
    pass: share(c.pass, `${name} pass`),
    low: share(c.low, `${name} low`),
  });
  const cuts: CutScores[] = subjects.map((s) => cutScores(shares(s, s.name), s.full));
  const tc = settings.totalCuts;
  cuts.push(tc ? cutScores(shares(tc, TOTAL), fullTotal) : summedCutScores(cuts));
  const keys = [...names, TOTAL];
  const widths = keys.map((k, j) => settings.bandWidth?.[k] ?? (j < S ? 10 : fullTotal / 10));

  // Every per-student array in one allocation: one external-memory event for the GC instead of 51.
  const perStudent = settings.perStudent ?? true;
  const C = perStudent ? keys.length : 0;
  const slab = new ArrayBuffer(n * (8 + C * (8 + 8 + 4 + 4 + 4)));
  let offset = 0;
  const f64 = () => new Float64Array(slab, (offset += 8 * n) - 8 * n, n);
  const i32 = () => new Int32Array(slab, (offset += 4 * n) - 4 * n, n);
  const { total, allPass } = totalsAndAllPass(
    scores,
    cuts.slice(0, S).map((c) => c.pass),
    n,
    f64(),
  );
  const passed = countFlags(allPass, grouping);

  // Group sizes.
  const schoolSize = new Int32Array(G);
  const classSize = new Int32Array(K);
  for (let i = 0; i < n; i++) {
    schoolSize[columns.school[i]]++;
    const c = columns.klass[i];
    if (c >= 0) classSize[c]++;
  }
  const district: GroupReport = { n, allPassRate: null, stats: {} };
  const schools = columns.schoolCodes.map((school, g) => ({ school, n: schoolSize[g], allPassRate: NO_RATE, stats: noStats() }));
  const classes = columns.classes.map((c, k) => ({ school: columns.schoolCodes[c.school], class: c.name, n: classSize[k], allPassRate: NO_RATE, stats: noStats() }));

  const columnsOf = perStudent ? keys : [];
  const students = {
    total,
    z: columnsOf.map(f64),
    t: columnsOf.map(f64),
    rankDistrict: columnsOf.map(i32),
    rankSchool: columnsOf.map(i32),
    rankClass: columnsOf.map(i32),
  };
  const shape: Record<string, ColumnShape> = {};
  let bottom: ExamAnalysis['report']['bottom'] = { percentile: x, threshold: null, schools: [] };
  let cv: number | null = null;
  const codes = new Int32Array(n);

  keys.forEach((key, k) => {
    const values = k < S ? scores[k] : total;
    const grouped = groupScores(codeLevels(values, codes), grouping);
    const edges = bandEdges(full[k], widths[k]);
    const d = grouped.district;
    const ds = groupStats(d, full[k], cuts[k], edges, meanScore(d));
    district.stats[key] = ds;
    grouped.schools.forEach((s, g) => (schools[g].stats[key] = groupStats(s, full[k], cuts[k], edges, ds.mean)));
    grouped.classes.forEach((s, c) => (classes[c].stats[key] = groupStats(s, full[k], cuts[k], edges, ds.mean)));
    if (perStudent) {
      standardScores(values, ds.mean, ds.sd, students.z[k], students.t[k]);
      grouped.rank(students.rankDistrict[k], students.rankSchool[k], students.rankClass[k]);
    }
    const m = moments(d);
    shape[key] = { skewness: sampleSkewness(m), kurtosis: sampleKurtosis(m), normality: dagostinoPearson(m), histogram: normalHistogram(d, edges, ds.mean, ds.sd) };
    if (k < S) return;

    // 总分 only: 全科合格率, 后x%率, the CV of school means.
    district.allPassRate = allPassRate(passed.district, d.n);
    schools.forEach((s, g) => (s.allPassRate = allPassRate(passed.schools[g], grouped.schools[g].n)));
    classes.forEach((c, j) => (c.allPassRate = allPassRate(passed.classes[j], grouped.classes[j].n)));
    const threshold = bottomThreshold(d, x);
    const rows = grouped.schools.map((s, g) => ({ school: columns.schoolCodes[g], ...bottomRate(s, threshold) }));
    const flags = flagHighestRates(
      rows.map((r) => r.rate),
      flagShare,
    );
    bottom = { percentile: x, threshold, schools: rows.map((r, g) => ({ ...r, flagged: flags[g] })) };
    cv = cvOfSchoolMeans(schools.map((s) => s.stats[TOTAL]));
  });

  const balance = subjectBalance(
    names.map((name) => schools.map((s) => s.stats[name].mean)),
    names.map((name) => district.stats[name]),
  );
  return {
    report: {
      subjects: keys,
      district,
      schools,
      classes,
      cvOfSchoolMeans: { cv, limit: cvLimit, pass: cv === null ? null : cv < cvLimit },
      bottom,
      shape,
      balance: schools.map((s, g) => ({ school: s.school, subjects: Object.fromEntries(names.map((name, j) => [name, balance[g][j]])) })),
    },
    students,
  };
}
