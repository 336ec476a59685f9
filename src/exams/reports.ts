// Reading an exam: the report (JSON, printable PDF, .xlsx), a school's students, a student's report card, the
// comparison with an earlier exam, the item analysis. Who sees what comes from the permission table through
// common.ts: a report's groups are cut to the schools of the user's 'exams.read' scope; student rows need
// 'students.read' for the student's school, names 'students.names'.
import type { Db } from '../core/db/index.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { badRequest, forbidden, notFound } from '../core/http/errors.js';
import { allows } from '../core/auth/policy.js';
import { renderPdf } from '../core/pdf.js';
import { TOTAL } from './analysis/analyze.js';
import { cohortChange } from './analysis/cohort-change.js';
import { analyzeItems } from './items/analyze-items.js';
import { buildExamWorkbook } from './export-xlsx.js';
import { examReportHtml, examReportTitle } from './report-html.js';
import { loadExam, MARK_NAMES, ranksHidden, reportSchools, seesNames, seesStudents, studentRow, toDto, visibleReport, type Report } from './common.js';
import { cellsToWithhold, privacySettings } from './privacy.js';
import { comparable } from './cohort-rule.js';
import * as store from './store.js';

/** A file to send: its bytes and its name. */
export interface ExamFile {
  file: Buffer;
  name: string;
}

async function storedReport(db: Db, user: CurrentUser, exam: store.ExamWithSubjects) {
  const r = await store.loadReport(db, user.districtId, exam.id);
  if (!r) throw notFound(`考试「${exam.name}」尚未导入成绩 / no scores imported for this exam yet`);
  return {
    report: r.report as Report,
    computedAt: r.computedAt,
    settings: r.settings as { bottomPercentile: number; subjects: { name: string; full: number; excellent: number; pass: number; low: number }[] },
  };
}

/** The report as the user may see it: the district aggregates, and the schools of their 'exams.read' scope. */
export async function examReport(db: Db, user: CurrentUser, id: number, school?: string) {
  const own = reportSchools(user);
  if (school && own !== 'all' && !own.includes(school)) throw forbidden('无权查看该校的成绩 / you may not see this school’s results');
  const exam = await loadExam(db, user, id);
  const r = await storedReport(db, user, exam);
  const report = visibleReport(user, r.report);
  if (school && !report.schools.some((s) => s.school === school)) throw notFound(`本次考试没有该校的成绩 / no results of school ${school} in this exam`);
  return { exam: toDto(exam), computedAt: r.computedAt, settings: r.settings, report };
}

/** The printable report: the district's (a clerk's has only their own school among the schools), or one school's. */
export async function examReportPdf(db: Db, user: CurrentUser, id: number, school?: string): Promise<ExamFile> {
  const own = reportSchools(user);
  if (school && own !== 'all' && !own.includes(school)) throw forbidden('只能查看本校报告 / you may see your own school’s report only');
  const { exam, report } = await examReport(db, user, id);
  if (school && !report.schools.some((r) => r.school === school)) throw notFound(`本次考试没有学校 ${school} / no school ${school} in this exam`);
  const hideRanks = exam.hideRanks && !allows(user, 'exams.ranks');
  const ctx = { districtName: user.districtName, schoolNames: await store.schoolNames(db, user.districtId), school: school || undefined, ownOnly: own !== 'all', hideRanks };
  const title = examReportTitle(exam, ctx);
  const file = await renderPdf(examReportHtml(exam, report, ctx), { headerTitle: `${ctx.districtName} · ${title}` }, user);
  return { file, name: `${title}.pdf` };
}

/** A school's students (optionally one class) with scores, marks, 总分, ranks, Z and T; names per the rule. */
export async function schoolStudents(db: Db, user: CurrentUser, id: number, code: string, className?: string) {
  if (!seesStudents(user, code)) throw forbidden('无权查看该校学生 / you may not see this school’s students');
  const exam = await loadExam(db, user, id);
  const rows = await store.schoolResults(db, user.districtId, id, code, className);
  return {
    exam: { id: exam.id, name: exam.name },
    subjects: exam.subjects.map((s) => ({ subject: s.subject, fullMarks: Number(s.fullMarks) })),
    schoolCode: code,
    namesShown: seesNames(user, code),
    students: rows.map((r) => studentRow(user, r, ranksHidden(user, exam))),
  };
}

/** A student's report card: per subject score, mark, ranks, T and the class/school/district means; 总分 likewise. */
export async function studentCard(db: Db, user: CurrentUser, id: number, studentId: string) {
  const exam = await loadExam(db, user, id);
  const r = await store.studentResult(db, user.districtId, id, studentId);
  // A pupil of a school outside the user's scope answers as one that does not exist: a 403 would tell that the 学籍号 exists.
  if (!r || !seesStudents(user, r.school_code)) throw notFound(`本次考试没有学籍号 ${studentId} / no student ${studentId} in this exam`);
  const { report } = await storedReport(db, user, exam);
  const school = report.schools.find((s) => s.school === r.school_code);
  const klass = r.class_name === '' ? undefined : report.classes.find((c) => c.school === r.school_code && c.class === r.class_name);
  const mine = r.scores.map((v) => (v === null ? NaN : v));
  const ranks = await store.subjectRanks(db, user.districtId, id, r.school_code, r.class_name === '' ? null : r.class_name, mine);
  const column = (key: string, score: number | null) => {
    const d = report.district.stats[key];
    const t = score === null || !d || d.mean === null || d.sd === null ? null : d.sd > 0 ? 50 + (10 * (score - d.mean)) / d.sd : 50;
    return { t, means: { class: klass?.stats[key]?.mean ?? null, school: school?.stats[key]?.mean ?? null, district: d?.mean ?? null } };
  };
  const subjects = exam.subjects.map((s, k) => {
    const score = r.scores[k] ?? null;
    return {
      subject: s.subject,
      fullMarks: Number(s.fullMarks),
      score,
      mark: MARK_NAMES[r.marks[k]] ?? null,
      rankDistrict: score === null ? null : ranks[k].district,
      rankSchool: score === null ? null : ranks[k].school,
      rankClass: score === null ? null : ranks[k].klass,
      ...column(s.subject, score),
    };
  });
  const fullTotal = exam.subjects.reduce((a, s) => a + Number(s.fullMarks), 0);
  // An exam that hides ranks: none for a reader without 'exams.ranks' (a clerk).
  const hidden = ranksHidden(user, exam);
  if (hidden) for (const s of subjects) Object.assign(s, { rankDistrict: null, rankSchool: null, rankClass: null });
  return {
    exam: { id: exam.id, name: exam.name, date: exam.date },
    student: { studentId: r.student_id, name: seesNames(user, r.school_code) ? r.name : null, gender: r.gender, schoolCode: r.school_code, className: r.class_name },
    subjects,
    total: {
      score: r.total,
      fullMarks: fullTotal,
      rankDistrict: hidden ? null : r.rank_district,
      rankSchool: hidden ? null : r.rank_school,
      rankClass: hidden ? null : r.rank_class,
      z: r.z_total,
      t: r.t_total,
      means: column(TOTAL, r.total).means,
    },
    counts: { district: report.district.stats[TOTAL]?.n ?? null, school: school?.stats[TOTAL]?.n ?? null, class: klass?.stats[TOTAL]?.n ?? null },
  };
}

/**
 * Per school of this exam: the mean change of the 总分 district rank and percentile against an earlier exam (`withId`),
 * students linked by 学籍号 (analysis/cohort-change.ts: P = 100·(N − r + 1)/N). Schools of the user's scope only.
 */
export async function compareExams(db: Db, user: CurrentUser, id: number, withId: number) {
  const later = await loadExam(db, user, id);
  const earlier = await loadExam(db, user, withId);
  if (id === withId) throw badRequest('请选择另一次考试 / choose another exam to compare with');
  if (!comparable(later, earlier))
    throw badRequest(`只能与同一届学生此前的考试对比：「${earlier.name}」不是「${later.name}」之前同一届的考试 / only an earlier exam of the same cohort can be compared`);
  const a = await store.loadTotalRanks(db, user.districtId, withId);
  const b = await store.loadTotalRanks(db, user.districtId, id);
  const codes = [...new Set(b.schoolOf)].sort();
  const index = new Map(codes.map((c, g) => [c, g]));
  const school = Int32Array.from(b.schoolOf, (c) => index.get(c)!);
  const change = cohortChange({ studentIds: a.studentIds, rank: a.rank }, { studentIds: b.studentIds, rank: b.rank, school, schoolCodes: codes });
  const scope = reportSchools(user);
  // Small groups of linked students are withheld from callers without pupil-level rights for the school (privacy.ts).
  const withheld = cellsToWithhold(
    change.schools.map((s) => ({ n: s.n, open: seesStudents(user, s.school) })),
    privacySettings().minCellSize,
  );
  return {
    exam: { id: later.id, name: later.name, date: later.date },
    with: { id: earlier.id, name: earlier.name, date: earlier.date },
    linked: change.linked,
    onlyLater: change.onlyLater,
    schools: change.schools
      .map((s, i) =>
        withheld.has(i)
          ? { schoolCode: s.school, n: s.n, rankChange: null, percentileChange: null, suppressed: true }
          : { schoolCode: s.school, n: s.n, rankChange: ranksHidden(user, later) ? null : s.rankChange, percentileChange: s.percentileChange },
      )
      .filter((s) => scope === 'all' || scope.includes(s.schoolCode)),
  };
}

/** 小题分析 of one subject (district): 难度, 区分度, item–total r, α / KR-20 (items/analyze-items.ts). */
export async function itemAnalysis(db: Db, user: CurrentUser, id: number, subject: string) {
  const exam = await loadExam(db, user, id);
  const s = exam.subjects.find((x) => x.subject === subject);
  if (!s) throw notFound(`本次考试没有科目「${subject}」/ no subject ${subject} in this exam`);
  const items = exam.items.filter((it) => it.position === s.position);
  if (!items.length) throw notFound(`科目「${subject}」没有定义小题 / no items defined for ${subject}`);
  const loaded = await store.loadItemScores(db, user.districtId, id, s.position, items.length);
  if (!loaded.n) throw notFound(`科目「${subject}」没有导入小题分 / no item scores imported for ${subject}`);
  const specs = items.map((it) => ({ name: it.label, full: Number(it.fullMarks), objective: it.objective }));
  return { exam: { id: exam.id, name: exam.name }, subject, fullMarks: Number(s.fullMarks), students: loaded.n, analysis: analyzeItems(specs, loaded.scores, loaded.totals) };
}

/**
 * The workbook: district summary, schools, 后x% and, for one school, its students. A user whose 'exams.read' scope is
 * one school (a clerk) gets that school's students without naming it.
 */
export async function exportWorkbook(db: Db, user: CurrentUser, id: number, onlySchool?: string): Promise<ExamFile> {
  const exam = await loadExam(db, user, id);
  const { report } = await storedReport(db, user, exam);
  const own = reportSchools(user);
  let school = onlySchool;
  if (own !== 'all') {
    if (school && !own.includes(school)) throw forbidden('只能导出本校 / you may export your own school only');
    if (!school && own.length === 1) school = own[0];
  }
  let students: { rows: ReturnType<typeof studentRow>[]; names: boolean } | undefined;
  if (school) {
    if (!seesStudents(user, school)) throw forbidden('无权导出该校学生 / you may not export this school’s students');
    students = { rows: (await store.schoolResults(db, user.districtId, id, school)).map((r) => studentRow(user, r, ranksHidden(user, exam))), names: seesNames(user, school) };
  }
  const names = await store.schoolNames(db, user.districtId);
  const file = await buildExamWorkbook({
    exam: toDto(exam),
    report: visibleReport(user, report),
    schoolNames: names,
    districtName: user.districtName,
    hideRanks: ranksHidden(user, exam),
    school,
    students,
  });
  return { file, name: `${exam.name}${school ? `-${names.get(school) ?? school}` : ''}.xlsx` };
}
