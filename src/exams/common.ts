// What the parts of the exam service share: the input types, the exam as the API answers it (ExamDto), the exam's
// analysis settings, and who sees which schools — read from the one permission table (core/auth/policy.ts):
// the aggregates of the schools in the user's 'exams.read' scope, student rows by 'students.read', names by
// 'students.names'.
import type { Db } from '../core/db/index.js';
import { allows, schoolsOf, scopeOf, type Capability } from '../core/auth/policy.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { forbidden, notFound } from '../core/http/errors.js';
import type { AnalysisSettings, ExamColumns } from './analysis/analyze.js';
import type { ExamDto, Report } from './contract.js';
import { MARK_ABSENT, MARK_EXEMPT, MARK_VOIDED, type ExamType } from './schema.js';
import { privacySettings, suppressSmallCells } from './privacy.js';
import * as store from './store.js';

export type { ExamDto, Report } from './contract.js';

export interface ItemInput {
  label: string;
  fullMarks: number;
  /** 客观题 (right or wrong); default false. */
  objective?: boolean;
}

export interface SubjectInput {
  subject: string;
  fullMarks: number;
  excellent?: string | null;
  pass?: string | null;
  low?: string | null;
  /** Items (小题) whose scores may come in columns such as 数学.1 or 数学第1题. */
  items?: ItemInput[];
}

export interface ExamInput {
  name: string;
  date?: string | null;
  term?: string | null;
  grade: number;
  type: ExamType;
  scope?: string | null;
  excellent?: string;
  pass?: string;
  low?: string;
  bottomPercentile?: number;
  subjects: SubjectInput[];
}

export type ExamUpdate = Partial<Omit<ExamInput, 'subjects'>> & { subjects?: SubjectInput[]; hideRanks?: boolean };

/** Stored marks → their names on the wire (0 = a normal score: null). */
export const MARK_NAMES: Record<number, 'absent' | 'voided' | 'exempt' | null> = { 0: null, [MARK_ABSENT]: 'absent', [MARK_VOIDED]: 'voided', [MARK_EXEMPT]: 'exempt' };

export async function loadExam(db: Db, user: Pick<CurrentUser, 'districtId'>, id: number): Promise<store.ExamWithSubjects> {
  const e = await store.getExam(db, user.districtId, id);
  if (!e) throw notFound(`考试 ${id} 不存在 / no exam ${id}`);
  return e;
}

export function toDto(e: store.ExamWithSubjects): ExamDto {
  return {
    id: e.id,
    name: e.name,
    date: e.date,
    term: e.term,
    grade: e.grade,
    type: e.type as ExamType, // written only through the create/update schemas (EXAM_TYPES)
    scope: e.scope,
    excellent: e.excellent,
    pass: e.pass,
    low: e.low,
    bottomPercentile: Number(e.bottomPercentile),
    hideRanks: e.hideRanks ?? privacySettings().hideRanks,
    subjects: e.subjects.map((s) => ({
      subject: s.subject,
      fullMarks: Number(s.fullMarks),
      excellent: s.excellent ?? e.excellent,
      pass: s.pass ?? e.pass,
      low: s.low ?? e.low,
      custom: s.excellent !== null || s.pass !== null || s.low !== null,
      items: e.items.filter((it) => it.position === s.position).map((it) => ({ label: it.label, fullMarks: Number(it.fullMarks), objective: it.objective })),
    })),
    studentCount: e.studentCount,
    importedAt: e.importedAt,
    status: e.status === 'ready' ? 'ready' : 'empty',
    sourceFile: e.sourceFile,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
  };
}

/** The analysis settings and subject definitions of an exam as stored. */
export function analysisOf(e: store.ExamWithSubjects): { subjects: ExamColumns['subjects']; settings: AnalysisSettings } {
  return {
    subjects: e.subjects.map((s) => ({
      name: s.subject,
      full: Number(s.fullMarks),
      excellent: Number(s.excellent ?? e.excellent),
      pass: Number(s.pass ?? e.pass),
      low: Number(s.low ?? e.low),
    })),
    settings: { bottomPercentile: Number(e.bottomPercentile) },
  };
}

// ───────────────────────────── who sees what ─────────────────────────────

type Who = Pick<CurrentUser, 'role' | 'schoolCode' | 'assignedSchools'>;

/** The schools whose aggregates the user sees in a report: 'all', or the codes of their 'exams.read' scope. */
export function reportSchools(user: Who): 'all' | string[] {
  const scope = scopeOf(user.role, 'exams.read');
  return scope ? schoolsOf(user, scope) : [];
}

/** May the user see this school's student rows ('students.read'), and their names ('students.names')? */
const DENIED: Partial<Record<Capability, string>> = {
  'exams.manage': '只有教育局可以管理考试和导入成绩 / only the bureau manages exams and imports scores',
  'exams.delete': '只有管理员可以删除考试 / only administrators delete exams',
};

/** The capability, from the permission table: the routes' policy checked it; this is for other callers (CLI, demo). */
export function need(user: Pick<CurrentUser, 'role' | 'schoolCode' | 'assignedSchools'>, cap: Capability): void {
  if (!allows(user, cap)) throw forbidden(DENIED[cap] ?? '无权操作 / not allowed');
}

export const seesStudents = (user: Who, school: string) => allows(user, 'students.read', school);
/** Are ranks (名次) withheld from this user in this exam? (the exam's option, and the user lacks 'exams.ranks') */
export const ranksHidden = (user: Who, exam: Pick<store.ExamWithSubjects, 'hideRanks'>) => (exam.hideRanks ?? privacySettings().hideRanks) && !allows(user, 'exams.ranks');
export const seesNames = (user: Who, school: string) => allows(user, 'students.names', school);

/**
 * The report as the user may see it: small cells withheld where the user has no pupil-level rights (privacy.ts),
 * then the district aggregates and of the groups only the schools of their scope.
 */
export function visibleReport(user: Who, full: Report, minCellSize?: number): Report {
  const report = suppressSmallCells(user, full, minCellSize);
  const schools = reportSchools(user);
  if (schools === 'all') return report;
  const mine = (code: string) => schools.includes(code);
  return {
    ...report,
    schools: report.schools.filter((s) => mine(s.school)),
    classes: report.classes.filter((c) => mine(c.school)),
    bottom: { ...report.bottom, schools: report.bottom.schools.filter((s) => mine(s.school)) },
    balance: report.balance.filter((b) => mine(b.school)),
  };
}

/** One student row as the API answers it; the name only where the user may see names; no ranks when `noRanks`. */
export function studentRow(user: Who, r: store.StudentResultRow, noRanks = false) {
  return {
    studentId: r.student_id,
    name: seesNames(user, r.school_code) ? r.name : null,
    gender: r.gender,
    schoolCode: r.school_code,
    className: r.class_name,
    scores: r.scores,
    marks: r.marks.map((m) => MARK_NAMES[m] ?? null),
    total: r.total,
    rankDistrict: noRanks ? null : r.rank_district,
    rankSchool: noRanks ? null : r.rank_school,
    rankClass: noRanks ? null : r.rank_class,
    z: r.z_total,
    t: r.t_total,
  };
}

export const secs = (ms: number) => Math.round(ms / 10) / 100;
