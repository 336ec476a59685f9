// Shapes of the exam API (src/exams/routes.ts). The report itself is the analysis' own type.
import type { ExamAnalysis, GroupReport, ColumnShape, Stats } from '../../../../src/exams/analysis/analyze.js';

export type { GroupReport, ColumnShape, Stats };
export type ExamReport = ExamAnalysis['report'];
export type SchoolGroup = ExamReport['schools'][number];
export type ClassGroup = ExamReport['classes'][number];
export type BottomSchool = ExamReport['bottom']['schools'][number];

/** 总分: the key of the total in every per-column record. */
export const TOTAL = '总分';

export const EXAM_TYPES = ['期中', '期末', '学业水平', '中考', '联考', 'other'] as const;
export type ExamType = (typeof EXAM_TYPES)[number];

export interface ExamSubject {
  subject: string;
  fullMarks: number;
  /** Cut lines in effect, shares of full marks: the subject's own (custom) or else the exam's. */
  excellent: number;
  pass: number;
  low: number;
  custom: boolean;
}

export interface Exam {
  id: number;
  name: string;
  date: string | null;
  term: string | null;
  grade: number;
  type: string;
  scope: string | null;
  excellent: number;
  pass: number;
  low: number;
  bottomPercentile: number;
  subjects: ExamSubject[];
  studentCount: number;
  importedAt: string | null;
  status: string;
  sourceFile?: string | null;
  createdBy?: string;
  createdAt?: string;
}

export interface ExamInput {
  name: string;
  date: string | null;
  term: string | null;
  grade: number;
  type: string;
  scope: string | null;
  subjects: { subject: string; fullMarks: number; excellent?: number | null; pass?: number | null; low?: number | null }[];
  excellent: number;
  pass: number;
  low: number;
  bottomPercentile: number;
}

export type JobPhase = 'queued' | 'reading' | 'checking' | 'analysing' | 'writing' | 'done' | 'failed';

export interface JobProblem {
  file?: string;
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  header?: string | null;
  reason: string;
}

export interface Job {
  id: string;
  phase: JobPhase;
  done: number;
  total: number;
  result?: { students?: number; [k: string]: unknown } | null;
  problems?: JobProblem[];
  /** How many problems there were in all (the list may be cut). */
  problemCount?: number;
  error?: { status: number; code: string; message: string } | string | null;
  startedAt?: string;
  finishedAt?: string | null;
}

/** 0 normal, 1 缺考 absent, 2 作弊 voided, 3 免考 exempt. */
export type Mark = 0 | 1 | 2 | 3;

/** One student of a school list, normalised from whatever the server sends (see normStudent). */
export interface StudentRow {
  studentId: string;
  name: string | null;
  gender: string | null;
  school: string;
  class: string;
  scores: (number | null)[];
  marks: number[];
  total: number | null;
  rankDistrict: number | null;
  rankSchool: number | null;
  rankClass: number | null;
  z: number | null;
  t: number | null;
  subjectRankDistrict: (number | null)[];
  subjectRankSchool: (number | null)[];
  subjectRankClass: (number | null)[];
  subjectT: (number | null)[];
}

export interface CompareRow {
  school: string;
  n: number;
  rankChange: number | null;
  percentileChange: number | null;
  /** The school's rank (by 总分 mean) in each exam, when the server gives it. */
  rankBefore?: number | null;
  rankAfter?: number | null;
}
