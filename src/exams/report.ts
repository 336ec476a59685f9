// The report of `junheng exam report` (issue 4): per subject and for 总分, the district's and each school's 三率一分
// (n, mean, population sd, median, 优秀/及格/低分率), the student-weighted CV of the schools' 总分 means, and 后x%率.
// It is a view of analyzeExam (analysis/analyze.ts) over the columns the import builder made (import/wide-csv.ts):
// the numbers are those the server stores, written in the CLI's snake_case JSON. 总分 counts the students with a
// score in every subject, against the sum of full marks; its cut lines are the shares × that sum.
import { analyzeExam } from './analysis/analyze.js';
import { examColumns } from './analysis/columns.js';
import type { Stats } from './analysis/stats.js';
import type { CellMarks } from './import/wide-csv.js';
import { DEFAULT_BOTTOM_PERCENTILE, DEFAULT_CUTS, TOTAL, type CutShares } from './rates.js';

export { TOTAL };

/** Cut lines as shares of full marks, e.g. 0.85, 0.6, 0.4. */
export type Cutoffs = CutShares;

export interface ReportOptions extends Cutoffs {
  /** x of 后x%, 0–100. */
  bottom: number;
}

export const DEFAULT_OPTIONS: Readonly<ReportOptions> = Object.freeze({ ...DEFAULT_CUTS, bottom: DEFAULT_BOTTOM_PERCENTILE });

/** 三率一分 of one group, as the CLI's JSON writes them. */
export interface GroupStats {
  n: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  excellent_rate: number | null;
  pass_rate: number | null;
  low_rate: number | null;
}

export interface SubjectReport {
  full: number;
  district: GroupStats;
  schools: ({ school_code: string } & GroupStats)[];
}

export interface ExamReport {
  students: number;
  subjects: Record<string, SubjectReport>;
  cv_of_school_means: number | null;
  bottom: { percentile: number; threshold: number | null; schools: { school_code: string; rate: number | null }[] };
  cutoffs: Cutoffs;
  /** Cells without a score. 作弊 (voided) counts as absent: out of n and out of 总分. */
  marks: CellMarks;
}

/** What the report reads: the builder's columns (ParsedExam) and the marks counted on the way. */
export interface ReportInput {
  studentIds: readonly string[];
  subjects: readonly { name: string; full: number }[];
  /** Per subject, one score per student (NaN = none). */
  scores: Float64Array[];
  /** Per student, the index into schoolCodes. */
  school: Int32Array;
  schoolCodes: readonly string[];
  cellMarks: CellMarks;
}

const groupStats = (s: Stats): GroupStats => ({ n: s.n, mean: s.mean, sd: s.sd, median: s.median, excellent_rate: s.excellent_rate, pass_rate: s.pass_rate, low_rate: s.low_rate });

export function examReport(data: ReportInput, options: ReportOptions = DEFAULT_OPTIONS): ExamReport {
  const n = data.studentIds.length;
  const cutoffs: Cutoffs = { excellent: options.excellent, pass: options.pass, low: options.low };
  // Schools only: the report has no classes (every student is in a school's "no class" cell).
  const columns = examColumns(
    data.studentIds,
    data.school,
    data.schoolCodes,
    new Int32Array(n).fill(-1),
    [],
    data.scores,
    data.subjects.map((s) => ({ name: s.name, full: s.full, ...cutoffs })),
  );
  const { report } = analyzeExam(columns, { bottomPercentile: options.bottom, totalCuts: cutoffs, perStudent: false });
  const subjects: Record<string, SubjectReport> = {};
  const fullTotal = data.subjects.reduce((a, s) => a + s.full, 0);
  for (const key of report.subjects) {
    subjects[key] = {
      full: key === TOTAL ? fullTotal : data.subjects.find((s) => s.name === key)!.full,
      district: groupStats(report.district.stats[key]),
      schools: report.schools.map((s) => ({ school_code: s.school, ...groupStats(s.stats[key]) })),
    };
  }
  return {
    students: n,
    subjects,
    cv_of_school_means: report.cvOfSchoolMeans.cv,
    bottom: { percentile: report.bottom.percentile, threshold: report.bottom.threshold, schools: report.bottom.schools.map((s) => ({ school_code: s.school, rate: s.rate })) },
    cutoffs,
    marks: data.cellMarks,
  };
}
