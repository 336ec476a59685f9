// The exam report of the issue (4): per subject and for 总分, the district's and each school's 三率一分
// (n, mean, population sd, median, 优秀/及格/低分率), the student-weighted CV of the schools' 总分 means, and 后x%率.
// 总分 counts the students with a score in every subject, against the sum of full marks.
import { bottomRates } from './analysis/bottom-rate.js';
import { groupDistributions } from './analysis/distribution.js';
import { cvOfSchoolMeans } from './analysis/school-means-cv.js';
import { summarize, type Cutoffs, type GroupStats } from './analysis/summary.js';
import type { CellMarks, WideScores } from './import/wide-csv.js';

export const TOTAL = '总分';

export interface ReportOptions extends Cutoffs {
  /** x of 后x%, 0–100. */
  bottom: number;
}

export const DEFAULT_OPTIONS: ReportOptions = { excellent: 0.85, pass: 0.6, low: 0.4, bottom: 30 };

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

export function examReport(data: WideScores, options: ReportOptions = DEFAULT_OPTIONS): ExamReport {
  const G = data.schoolCodes.length;
  // Schools sorted by code (code-unit order, as Python sorts ASCII/BMP text).
  const order = Array.from({ length: G }, (_, g) => g).sort((a, b) => (data.schoolCodes[a] < data.schoolCodes[b] ? -1 : data.schoolCodes[a] > data.schoolCodes[b] ? 1 : 0));
  const subjects: Record<string, SubjectReport> = {};
  const one = (values: Float64Array, full: number, halfPoints: boolean) => {
    const d = groupDistributions(values, data.school, G, halfPoints ? full : null);
    const report: SubjectReport = {
      full,
      district: summarize(d.all, full, options),
      schools: order.map((g) => ({ school_code: data.schoolCodes[g], ...summarize(d.groups[g], full, options) })),
    };
    return { d, report };
  };
  data.subjects.forEach((s, i) => {
    subjects[s] = one(data.scores[i], data.full[i], data.halfPoints[i]).report;
  });

  // 总分: NaN in any subject makes the sum NaN, which leaves the student out.
  const total = new Float64Array(data.students);
  for (const col of data.scores) for (let i = 0; i < total.length; i++) total[i] += col[i];
  const fullTotal = data.full.reduce((a, b) => a + b, 0);
  const t = one(total, fullTotal, data.halfPoints.every(Boolean));
  subjects[TOTAL] = t.report;

  const bottom = bottomRates(t.d.all, order.map((g) => t.d.groups[g]), options.bottom);
  return {
    students: data.students,
    subjects,
    cv_of_school_means: cvOfSchoolMeans(t.report.schools),
    bottom: { percentile: bottom.percentile, threshold: bottom.threshold, schools: order.map((g, k) => ({ school_code: data.schoolCodes[g], rate: bottom.rates[k] })) },
    cutoffs: { excellent: options.excellent, pass: options.pass, low: options.low },
    marks: data.marks,
  };
}
