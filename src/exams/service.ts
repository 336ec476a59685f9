// Exam services: exams and their settings, the all-or-nothing import (parse → check → analyse → write, one
// transaction), reports, student lists and report cards under the name rule, comparison with an earlier exam, export.
//
// Who sees what: every signed-in user sees the list of exams; the report's aggregates are for the bureau, inspectors
// and viewers (all schools), a clerk gets the district row and their own school. Student rows: the bureau (all
// schools), a clerk (own school), an inspector (assigned schools); names only for the bureau and the student's own
// school's clerk; viewers get no student rows at all.
import type { Db } from '../core/db/index.js';
import { recordAudit, type AuditEntry } from '../core/audit/store.js';
import { canSeeStudentNames, canSeeStudents, isBureau, type CurrentUser } from '../core/auth/roles.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../core/http/errors.js';
import { analyzeExam, TOTAL, type AnalysisSettings, type ExamAnalysis, type ExamColumns } from './analysis/analyze.js';
import { cohortChange } from './analysis/cohort-change.js';
import { analyzeItems } from './items/analyze-items.js';
import { parseExamFile } from './import/exam-file.js';
import type { ParsedExam } from './import/builder.js';
import { buildExamWorkbook } from './export-xlsx.js';
import { JobRegistry, type JobState, type ProgressFn } from './jobs.js';
import { EXAM_TYPES, MARK_ABSENT, MARK_EXEMPT, MARK_VOIDED, type ExamType } from './schema.js';
import * as store from './store.js';

export type Report = ExamAnalysis['report'];

/** Rows per INSERT … FROM unnest statement. */
export const WRITE_BATCH = 20000;

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

export type ExamUpdate = Partial<Omit<ExamInput, 'subjects'>> & { subjects?: SubjectInput[] };

export interface ExamDto {
  id: number;
  name: string;
  date: string | null;
  term: string | null;
  grade: number;
  type: string;
  scope: string | null;
  excellent: string;
  pass: string;
  low: string;
  bottomPercentile: number;
  /** Cut lines as in effect: the subject's own, else the exam's. `custom` tells which. */
  subjects: { subject: string; fullMarks: number; excellent: string; pass: string; low: string; custom: boolean; items: { label: string; fullMarks: number; objective: boolean }[] }[];
  studentCount: number;
  importedAt: string | null;
  status: string;
  sourceFile: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ImportResult {
  examId: number;
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gbk' | null;
  layout: ('wide' | 'long')[];
  students: number;
  schools: number;
  classes: number;
  /** Cells without a score: 缺考 (written, or an empty cell), 作弊, 免考, and (long sheets) no row for the subject. */
  marks: { absent: number; blank: number; voided: number; exempt: number; missing: number };
  /** Students of the previous import, now replaced. */
  replaced: number;
  seconds: number;
  /** Seconds per phase: reading and checking the file, the analysis, the transaction. */
  phases: { reading: number; analysing: number; writing: number };
}

const MARK_NAMES: Record<number, string | null> = { 0: null, [MARK_ABSENT]: 'absent', [MARK_VOIDED]: 'voided', [MARK_EXEMPT]: 'exempt' };

function toDto(e: store.ExamWithSubjects): ExamDto {
  return {
    id: e.id,
    name: e.name,
    date: e.date,
    term: e.term,
    grade: e.grade,
    type: e.type,
    scope: e.scope,
    excellent: e.excellent,
    pass: e.pass,
    low: e.low,
    bottomPercentile: Number(e.bottomPercentile),
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
    status: e.status,
    sourceFile: e.sourceFile,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
  };
}

/** The subjects as the file reader needs them: name, full marks, items. */
function readerSubjects(e: store.ExamWithSubjects) {
  return e.subjects.map((s) => ({
    name: s.subject,
    full: Number(s.fullMarks),
    items: e.items.filter((it) => it.position === s.position).map((it) => ({ label: it.label, full: Number(it.fullMarks), objective: it.objective })),
  }));
}

const itemRows = (subjects: SubjectInput[]) =>
  subjects.flatMap((s, position) => (s.items ?? []).map((it, itemNo) => ({ position, itemNo, label: it.label.trim(), fullMarks: String(it.fullMarks), objective: it.objective ?? false })));

/** The analysis settings and subject definitions of an exam as stored. */
function analysisOf(e: store.ExamWithSubjects): { subjects: ExamColumns['subjects']; settings: AnalysisSettings } {
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

const secs = (ms: number) => Math.round(ms / 10) / 100;
const collator = new Intl.Collator('zh-CN', { numeric: true });

/**
 * Typed columns for the analysis, schools in code order and classes by school then name ("2班" before "10班"), so that
 * the report's arrays come out in the same order whether built from a file or from the database. An empty class
 * name means no class (−1).
 */
export function examColumns(
  studentIds: string[],
  school: Int32Array,
  schoolCodes: readonly string[],
  klass: Int32Array,
  classes: readonly { school: number; name: string }[],
  scores: Float64Array[],
  subjects: ExamColumns['subjects'],
): ExamColumns {
  const order = schoolCodes.map((_, g) => g).sort((a, b) => (schoolCodes[a] < schoolCodes[b] ? -1 : schoolCodes[a] > schoolCodes[b] ? 1 : 0));
  const newSchool = new Int32Array(schoolCodes.length);
  order.forEach((g, k) => (newSchool[g] = k));
  const named = classes.map((c, k) => ({ k, school: newSchool[c.school], name: c.name })).filter((c) => c.name !== '');
  named.sort((a, b) => a.school - b.school || collator.compare(a.name, b.name));
  const newClass = new Int32Array(classes.length).fill(-1);
  named.forEach((c, j) => (newClass[c.k] = j));
  const n = studentIds.length;
  const s2 = new Int32Array(n);
  const k2 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    s2[i] = newSchool[school[i]];
    k2[i] = klass[i] < 0 ? -1 : newClass[klass[i]];
  }
  return {
    studentIds,
    school: s2,
    schoolCodes: order.map((g) => schoolCodes[g]),
    klass: k2,
    classes: named.map((c) => ({ school: c.school, name: c.name })),
    subjects,
    scores,
  };
}

const SHARE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

function checkCutLines(where: string, c: { excellent?: string | null; pass?: string | null; low?: string | null }, base?: { excellent: string; pass: string; low: string }): void {
  for (const k of ['excellent', 'pass', 'low'] as const) {
    const v = c[k];
    if (v !== undefined && v !== null && !SHARE.test(v)) throw badRequest(`${where}${k} = ${v}:应为满分的比例 0–1,如 "0.85" / a share of full marks from 0 to 1, e.g. "0.85"`);
  }
  const get = (k: 'excellent' | 'pass' | 'low') => Number(c[k] ?? base?.[k] ?? NaN);
  const [e, p, l] = [get('excellent'), get('pass'), get('low')];
  if (e === e && p === p && l === l && !(l <= p && p <= e)) throw badRequest(`${where}应有 低分线 ≤ 合格线 ≤ 优秀线 / cut lines must satisfy low ≤ pass ≤ excellent (${l}, ${p}, ${e})`);
}

function checkSubjects(subjects: SubjectInput[], exam: { excellent: string; pass: string; low: string }): void {
  if (!subjects.length) throw badRequest('至少需要一个科目 / an exam needs at least one subject');
  const seen = new Set<string>();
  for (const s of subjects) {
    const name = s.subject.trim();
    if (!name || name === TOTAL) throw badRequest(`科目名无效「${s.subject}」/ invalid subject name`);
    if (seen.has(name)) throw badRequest(`科目「${name}」重复 / subject ${name} appears twice`);
    seen.add(name);
    if (!(s.fullMarks > 0 && s.fullMarks <= 1000 && Number.isFinite(s.fullMarks))) throw badRequest(`科目「${name}」满分 ${s.fullMarks} 无效 / invalid full marks`);
    checkCutLines(`科目「${name}」`, s, exam);
    const labels = new Set<string>();
    for (const it of s.items ?? []) {
      const label = it.label.trim();
      if (!label || labels.has(label)) throw badRequest(`科目「${name}」的小题「${it.label}」为空或重复 / item label empty or repeated`);
      labels.add(label);
      if (!(it.fullMarks > 0 && it.fullMarks <= s.fullMarks)) throw badRequest(`科目「${name}」小题「${label}」满分 ${it.fullMarks} 无效 / invalid item full marks`);
    }
  }
}

export class ExamService {
  readonly jobs = new JobRegistry();
  constructor(private readonly db: Db) {}

  private async exam(user: CurrentUser, id: number): Promise<store.ExamWithSubjects> {
    const e = await store.getExam(this.db, user.districtId, id);
    if (!e) throw notFound(`考试 ${id} 不存在 / no exam ${id}`);
    return e;
  }

  async list(user: CurrentUser): Promise<ExamDto[]> {
    return (await store.listExams(this.db, user.districtId)).map(toDto);
  }

  async get(user: CurrentUser, id: number): Promise<ExamDto> {
    return toDto(await this.exam(user, id));
  }

  async findByName(user: CurrentUser, name: string): Promise<ExamDto | null> {
    const e = await store.findExamByName(this.db, user.districtId, name);
    return e ? toDto(e) : null;
  }

  async create(user: CurrentUser, input: ExamInput): Promise<ExamDto> {
    if (!isBureau(user)) throw forbidden('只有教育局可以创建考试 / only the bureau creates exams');
    const exam = { excellent: input.excellent ?? '0.85', pass: input.pass ?? '0.6', low: input.low ?? '0.4' };
    checkCutLines('', exam);
    checkSubjects(input.subjects, exam);
    if (!EXAM_TYPES.includes(input.type)) throw badRequest(`考试类型 ${input.type} 无效 / invalid exam type`);
    const name = input.name.trim();
    if (await store.findExamByName(this.db, user.districtId, name)) throw conflict(`考试「${name}」已存在 / an exam named ${name} exists`);
    const id = await this.db.transaction(async (tx) => {
      const id = await store.insertExam(
        tx,
        user.districtId,
        {
          name,
          date: input.date ?? null,
          term: input.term ?? null,
          grade: input.grade,
          type: input.type,
          scope: input.scope ?? null,
          ...exam,
          bottomPercentile: String(input.bottomPercentile ?? 30),
          createdBy: user.username,
        },
        input.subjects.map((s, position) => ({ position, subject: s.subject.trim(), fullMarks: String(s.fullMarks), excellent: s.excellent ?? null, pass: s.pass ?? null, low: s.low ?? null })),
      );
      await store.replaceItems(tx, user.districtId, id, itemRows(input.subjects));
      await recordAudit(tx, user.districtId, [{ username: user.username, action: 'create', entity: 'exam', entityKey: String(id), newValue: { ...input, name }, detail: name }]);
      return id;
    });
    return this.get(user, id);
  }

  /** Settings: name, date, …, cut lines of the exam and per subject, 后x%. Re-analyses the stored results. */
  async update(user: CurrentUser, id: number, input: ExamUpdate): Promise<ExamDto> {
    if (!isBureau(user)) throw forbidden('只有教育局可以修改考试 / only the bureau changes exams');
    this.notImporting(user, id);
    const before = await this.exam(user, id);
    const exam = { excellent: input.excellent ?? before.excellent, pass: input.pass ?? before.pass, low: input.low ?? before.low };
    checkCutLines('', exam);
    if (input.type !== undefined && !EXAM_TYPES.includes(input.type)) throw badRequest(`考试类型 ${input.type} 无效 / invalid exam type`);
    const name = input.name?.trim();
    if (name && name !== before.name && (await store.findExamByName(this.db, user.districtId, name))) throw conflict(`考试「${name}」已存在 / an exam named ${name} exists`);
    const imported = before.status === 'ready';
    // Subjects: while nothing is imported the list may be redefined; afterwards only full marks and cut lines change.
    let redefine: SubjectInput[] | null = null;
    const subjectSets: { position: number; set: Partial<store.NewSubject>; before: store.SubjectRow }[] = [];
    if (input.subjects) {
      if (!imported) {
        checkSubjects(input.subjects, exam);
        redefine = input.subjects;
      } else {
        const maxima = await store.maxScores(this.db, user.districtId, id);
        for (const s of input.subjects) {
          const old = before.subjects.find((x) => x.subject === s.subject.trim());
          if (!old) throw conflict(`科目「${s.subject}」不在本次考试中;已导入成绩的考试不能增删科目 / unknown subject; subjects cannot be added or removed after an import`);
          if (s.items !== undefined) {
            const had = before.items.filter((it) => it.position === old.position).map((it) => `${it.label}=${Number(it.fullMarks)}:${it.objective}`);
            const now = s.items.map((it) => `${it.label.trim()}=${it.fullMarks}:${it.objective ?? false}`);
            if (had.join('|') !== now.join('|')) throw conflict(`已导入成绩的考试不能修改小题 / items cannot change after an import (${s.subject})`);
          }
          if (!(s.fullMarks > 0 && s.fullMarks <= 1000)) throw badRequest(`科目「${s.subject}」满分 ${s.fullMarks} 无效 / invalid full marks`);
          const top = maxima.get(old.position);
          if (top !== undefined && top > s.fullMarks) throw conflict(`科目「${s.subject}」已有 ${top} 分的成绩,满分不能低于它 / a stored score of ${top} is above the new full marks`);
          checkCutLines(`科目「${s.subject}」`, s, exam);
          const set: Partial<store.NewSubject> = { fullMarks: String(s.fullMarks) };
          for (const k of ['excellent', 'pass', 'low'] as const) if (s[k] !== undefined) set[k] = s[k] === null || s[k] === exam[k] ? null : s[k];
          subjectSets.push({ position: old.position, set, before: old });
        }
      }
    }
    for (const s of before.subjects) if (!redefine && !subjectSets.some((x) => x.position === s.position)) checkCutLines(`科目「${s.subject}」`, s, exam);
    const set: Partial<store.NewExam> = {};
    if (name !== undefined) set.name = name;
    for (const k of ['date', 'term', 'scope'] as const) if (input[k] !== undefined) set[k] = input[k] ?? null;
    if (input.grade !== undefined) set.grade = input.grade;
    if (input.type !== undefined) set.type = input.type;
    for (const k of ['excellent', 'pass', 'low'] as const) if (input[k] !== undefined) set[k] = input[k];
    if (input.bottomPercentile !== undefined) set.bottomPercentile = String(input.bottomPercentile);
    await this.db.transaction(async (tx) => {
      await store.updateExam(tx, user.districtId, id, set);
      if (redefine) {
        await store.deleteSubjects(tx, user.districtId, id);
        await store.insertSubjects(
          tx,
          user.districtId,
          id,
          redefine.map((s, position) => ({ position, subject: s.subject.trim(), fullMarks: String(s.fullMarks), excellent: s.excellent ?? null, pass: s.pass ?? null, low: s.low ?? null })),
        );
        await store.replaceItems(tx, user.districtId, id, itemRows(redefine));
      }
      for (const s of subjectSets) await store.updateSubject(tx, user.districtId, id, s.position, s.set);
      const entries: AuditEntry[] = [];
      const old = before as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(set)) if (String(old[k] ?? '') !== String(v ?? '')) entries.push({ username: user.username, action: 'update', entity: 'exam', entityKey: String(id), field: k, oldValue: old[k] ?? null, newValue: v ?? null, detail: before.name });
      if (redefine) entries.push({ username: user.username, action: 'update', entity: 'exam', entityKey: String(id), field: 'subjects', oldValue: before.subjects.map((s) => s.subject), newValue: redefine, detail: before.name });
      for (const s of subjectSets) {
        const b = s.before as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(s.set))
          if (String(b[k] ?? '') !== String(v ?? '')) entries.push({ username: user.username, action: 'update', entity: 'exam', entityKey: String(id), field: `${s.before.subject}.${k}`, oldValue: b[k] ?? null, newValue: v ?? null, detail: before.name });
      }
      await recordAudit(tx, user.districtId, entries);
      // Only the cut lines, full marks and 后x% change the report (ranks, Z and T do not depend on them).
      const ANALYSIS_FIELDS = /^(excellent|pass|low|bottom_percentile|bottomPercentile)$|\.(fullMarks|excellent|pass|low)$/;
      if (imported && entries.some((e) => ANALYSIS_FIELDS.test(e.field ?? ''))) {
        const after = (await store.getExam(tx, user.districtId, id))!;
        await this.reanalyse(tx, user.districtId, after);
      }
    });
    return this.get(user, id);
  }

  /** The report again from the stored scores (settings changed): scores → typed arrays → analyzeExam → exam_reports. */
  private async reanalyse(db: Db, districtId: string, exam: store.ExamWithSubjects): Promise<void> {
    const { subjects, settings } = analysisOf(exam);
    const loaded = await store.loadScoreColumns(db, districtId, exam.id, subjects.length);
    const schoolIndex = new Map<string, number>();
    const classIndex = new Map<string, number>();
    const classes: { school: number; name: string }[] = [];
    const school = new Int32Array(loaded.n);
    const klass = new Int32Array(loaded.n);
    for (let i = 0; i < loaded.n; i++) {
      const code = loaded.schoolOf[i];
      let g = schoolIndex.get(code);
      if (g === undefined) schoolIndex.set(code, (g = schoolIndex.size));
      school[i] = g;
      const key = `${g}\u0000${loaded.classOf[i]}`;
      let k = classIndex.get(key);
      if (k === undefined) classIndex.set(key, (k = classes.push({ school: g, name: loaded.classOf[i] }) - 1));
      klass[i] = k;
    }
    const columns = examColumns(loaded.studentIds, school, [...schoolIndex.keys()], klass, classes, loaded.scores, subjects);
    const analysis = analyzeExam(columns, settings);
    await store.saveReport(db, districtId, exam.id, analysis.report, { ...settings, subjects });
  }

  async remove(user: CurrentUser, id: number): Promise<void> {
    if (user.role !== 'admin') throw forbidden('只有管理员可以删除考试 / only administrators delete exams');
    this.notImporting(user, id);
    const before = await this.exam(user, id);
    await this.db.transaction(async (tx) => {
      await store.deleteExam(tx, user.districtId, id);
      await recordAudit(tx, user.districtId, [
        { username: user.username, action: 'delete', entity: 'exam', entityKey: String(id), oldValue: { name: before.name, studentCount: before.studentCount, sourceFile: before.sourceFile }, detail: before.name },
      ]);
    });
  }

  private notImporting(user: CurrentUser, id: number): void {
    if (this.jobs.active(user.districtId, (j) => j.kind === 'exam-import' && j.subject.examId === id).length)
      throw conflict('该考试正在导入成绩,请稍后再试 / an import of this exam is running; try again when it is done');
  }

  // ───────────────────────────── import ─────────────────────────────

  /** Starts the import as a background job; its state is at GET /api/jobs/:id. */
  async startImport(user: CurrentUser, id: number, fileName: string, buf: Buffer): Promise<JobState> {
    if (!isBureau(user)) throw forbidden('只有教育局可以导入成绩 / only the bureau imports scores');
    await this.exam(user, id);
    this.notImporting(user, id);
    return this.jobs.start(user, 'exam-import', { examId: id, fileName }, (progress) => this.importFile(user, id, fileName, buf, progress));
  }

  job(user: CurrentUser, jobId: string): JobState {
    const j = this.jobs.get(user.districtId, jobId);
    if (!j || (j.username !== user.username && !isBureau(user))) throw notFound('没有这个任务 / no such job');
    return j;
  }

  /**
   * Imports a file into an exam, all or nothing: any problem → 422 with every problem (file, sheet, row, column,
   * reason) and nothing written. Otherwise one transaction replaces the exam's results, the students' latest details,
   * the report, and the exam's status, with an audit row.
   */
  async importFile(user: CurrentUser, id: number, fileName: string, buf: Buffer, progress: ProgressFn = () => {}): Promise<ImportResult> {
    if (!isBureau(user)) throw forbidden('只有教育局可以导入成绩 / only the bureau imports scores');
    const started = performance.now();
    const exam = await this.exam(user, id);
    const { subjects, settings } = analysisOf(exam);
    const schools = await store.schoolNames(this.db, user.districtId);
    progress('reading', 0, buf.length);
    const parsed = await parseExamFile(buf, fileName, { subjects: readerSubjects(exam), schools }, (done, total) => progress('reading', done, total));
    progress('checking');
    if (!parsed.data) {
      const list = parsed.problems.list();
      throw new AppError(422, 'import_failed', `文件有 ${parsed.problems.count} 处问题,未保存任何数据 / ${parsed.problems.count} problems in the file; nothing was saved`, { problems: list });
    }
    const data = parsed.data;
    const read = performance.now();
    progress('analysing', 0, 1);
    await new Promise((r) => setImmediate(r));
    const columns = examColumns(data.studentIds, data.school, data.schoolCodes, data.klass, data.classes, data.scores, subjects);
    const analysis = analyzeExam(columns, settings);
    const result = this.resultColumns(data, analysis);
    const analysed = performance.now();
    const n = data.n;
    progress('writing', 0, 2 * n);
    const seenOn = exam.date ?? new Date().toISOString().slice(0, 10);
    const replaced = exam.studentCount;
    await this.db.transaction(async (tx) => {
      await store.deleteResults(tx, user.districtId, id);
      for (let i = 0; i < n; i += WRITE_BATCH) {
        await store.insertResults(tx, user.districtId, id, result, i, Math.min(n, i + WRITE_BATCH));
        progress('writing', Math.min(n, i + WRITE_BATCH), 2 * n);
      }
      const studentCols = { ...result, names: data.names, gender: data.gender };
      for (let i = 0; i < n; i += WRITE_BATCH) {
        await store.upsertStudents(tx, user.districtId, seenOn, studentCols, i, Math.min(n, i + WRITE_BATCH));
        progress('writing', n + Math.min(n, i + WRITE_BATCH), 2 * n);
      }
      await this.writeItemScores(tx, user.districtId, id, data);
      await store.saveReport(tx, user.districtId, id, analysis.report, { ...settings, subjects });
      await store.updateExam(tx, user.districtId, id, { status: 'ready', importedAt: new Date().toISOString(), studentCount: n, sourceFile: fileName });
      await recordAudit(tx, user.districtId, [
        {
          username: user.username,
          action: 'import',
          entity: 'exam',
          entityKey: String(id),
          field: 'results',
          oldValue: exam.status === 'ready' ? { students: replaced, sourceFile: exam.sourceFile } : null,
          newValue: { students: n, schools: data.schoolCodes.length, sourceFile: fileName },
          detail: `${exam.name} ← ${fileName}`,
        },
      ]);
    });
    return {
      examId: id,
      fileName,
      format: parsed.format,
      encoding: parsed.encoding ?? null,
      layout: data.layouts,
      students: n,
      schools: data.schoolCodes.length,
      classes: data.classes.filter((c) => c.name !== '').length,
      marks: data.counts,
      replaced: exam.status === 'ready' ? replaced : 0,
      seconds: secs(performance.now() - started),
      phases: { reading: secs(read - started), analysing: secs(analysed - read), writing: secs(performance.now() - analysed) },
    };
  }

  /** Item scores of the subjects whose item columns were in the file: one row per student with any item score. */
  private async writeItemScores(db: Db, districtId: string, examId: number, data: ParsedExam): Promise<void> {
    if (!data.itemScores) return;
    for (const subject of data.itemSubjects) {
      const ks = data.items.flatMap((it, k) => (it.subject === subject ? [k] : []));
      const cols = ks.map((k) => data.itemScores![k]);
      const rows: number[] = [];
      for (let i = 0; i < data.n; i++) if (cols.some((c) => c[i] === c[i])) rows.push(i);
      const idx = Int32Array.from(rows);
      for (let r = 0; r < idx.length; r += WRITE_BATCH) await store.insertItemScores(db, districtId, examId, subject, data.studentIds, idx, cols, r, Math.min(idx.length, r + WRITE_BATCH));
    }
  }

  /** 小题分析 of one subject (district): 难度, 区分度, item–total r, α / KR-20 (items/analyze-items.ts). */
  async itemAnalysis(user: CurrentUser, id: number, subject: string) {
    const exam = await this.exam(user, id);
    const s = exam.subjects.find((x) => x.subject === subject);
    if (!s) throw notFound(`本次考试没有科目「${subject}」/ no subject ${subject} in this exam`);
    const items = exam.items.filter((it) => it.position === s.position);
    if (!items.length) throw notFound(`科目「${subject}」没有定义小题 / no items defined for ${subject}`);
    const loaded = await store.loadItemScores(this.db, user.districtId, id, s.position, items.length);
    if (!loaded.n) throw notFound(`科目「${subject}」没有导入小题分 / no item scores imported for ${subject}`);
    const specs = items.map((it) => ({ name: it.label, full: Number(it.fullMarks), objective: it.objective }));
    return { exam: { id: exam.id, name: exam.name }, subject, fullMarks: Number(s.fullMarks), students: loaded.n, analysis: analyzeItems(specs, loaded.scores, loaded.totals) };
  }

  /** The rows to store: parsed data in file order, with 总分, its ranks, Z and T from the analysis. */
  private resultColumns(data: ParsedExam, analysis: ExamAnalysis): store.ResultColumns {
    const S = data.subjects.length;
    const st = analysis.students;
    return {
      studentIds: data.studentIds,
      school: data.school,
      schoolCodes: data.schoolCodes,
      klass: data.klass,
      classNames: data.classes.map((c) => c.name),
      scores: data.scores,
      marks: data.marks,
      total: st.total,
      rankDistrict: st.rankDistrict[S],
      rankSchool: st.rankSchool[S],
      rankClass: st.rankClass[S],
      zTotal: st.z[S],
      tTotal: st.t[S],
    };
  }

  // ───────────────────────────── reading ─────────────────────────────

  private async storedReport(user: CurrentUser, exam: store.ExamWithSubjects): Promise<{ report: Report; computedAt: string; settings: unknown }> {
    const r = await store.loadReport(this.db, user.districtId, exam.id);
    if (!r) throw notFound(`考试「${exam.name}」尚未导入成绩 / no scores imported for this exam yet`);
    return { report: r.report as Report, computedAt: r.computedAt, settings: r.settings };
  }

  /** The report as the user may see it: a clerk gets the district aggregates and their own school only. */
  async report(user: CurrentUser, id: number) {
    const exam = await this.exam(user, id);
    const r = await this.storedReport(user, exam);
    return { exam: toDto(exam), computedAt: r.computedAt, settings: r.settings, report: visibleReport(user, r.report) };
  }


  private studentRow(user: CurrentUser, exam: store.ExamWithSubjects, r: store.StudentResultRow) {
    return {
      studentId: r.student_id,
      name: canSeeStudentNames(user, r.school_code) ? r.name : null,
      gender: r.gender,
      schoolCode: r.school_code,
      className: r.class_name,
      scores: r.scores,
      marks: r.marks.map((m) => MARK_NAMES[m] ?? null),
      total: r.total,
      rankDistrict: r.rank_district,
      rankSchool: r.rank_school,
      rankClass: r.rank_class,
      z: r.z_total,
      t: r.t_total,
    };
  }

  /** A school's students (optionally one class) with scores, marks, 总分, ranks, Z and T; names per the rule. */
  async schoolStudents(user: CurrentUser, id: number, code: string, className?: string) {
    if (user.role === 'viewer') throw forbidden('访客不能查看学生成绩 / viewers do not see students');
    if (!canSeeStudents(user, code)) throw forbidden('无权查看该校学生 / you may not see this school’s students');
    const exam = await this.exam(user, id);
    const rows = await store.schoolResults(this.db, user.districtId, id, code, className);
    return { exam: { id: exam.id, name: exam.name }, subjects: exam.subjects.map((s) => ({ subject: s.subject, fullMarks: Number(s.fullMarks) })), schoolCode: code, namesShown: canSeeStudentNames(user, code), students: rows.map((r) => this.studentRow(user, exam, r)) };
  }

  /** A student's report card: per subject score, mark, ranks, T and the class/school/district means; 总分 likewise. */
  async studentCard(user: CurrentUser, id: number, studentId: string) {
    if (user.role === 'viewer') throw forbidden('访客不能查看学生成绩 / viewers do not see students');
    const exam = await this.exam(user, id);
    const r = await store.studentResult(this.db, user.districtId, id, studentId);
    if (!r) throw notFound(`本次考试没有学籍号 ${studentId} / no student ${studentId} in this exam`);
    if (!canSeeStudents(user, r.school_code)) throw forbidden('无权查看该学生 / you may not see this student');
    const { report } = await this.storedReport(user, exam);
    const school = report.schools.find((s) => s.school === r.school_code);
    const klass = r.class_name === '' ? undefined : report.classes.find((c) => c.school === r.school_code && c.class === r.class_name);
    const mine = r.scores.map((v) => (v === null ? NaN : v));
    const ranks = await store.subjectRanks(this.db, user.districtId, id, r.school_code, r.class_name === '' ? null : r.class_name, mine);
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
    return {
      exam: { id: exam.id, name: exam.name, date: exam.date },
      student: { studentId: r.student_id, name: canSeeStudentNames(user, r.school_code) ? r.name : null, gender: r.gender, schoolCode: r.school_code, className: r.class_name },
      subjects,
      total: { score: r.total, fullMarks: fullTotal, rankDistrict: r.rank_district, rankSchool: r.rank_school, rankClass: r.rank_class, z: r.z_total, t: r.t_total, means: column(TOTAL, r.total).means },
      counts: { district: report.district.stats[TOTAL]?.n ?? null, school: school?.stats[TOTAL]?.n ?? null, class: klass?.stats[TOTAL]?.n ?? null },
    };
  }

  /**
   * Per school of this exam: the mean change of the 总分 district rank and percentile against an earlier exam (`withId`),
   * students linked by 学籍号 (analysis/cohort-change.ts: P = 100·(N − r + 1)/N).
   */
  async compare(user: CurrentUser, id: number, withId: number) {
    const later = await this.exam(user, id);
    const earlier = await this.exam(user, withId);
    if (id === withId) throw badRequest('请选择另一次考试 / choose another exam to compare with');
    const a = await store.loadTotalRanks(this.db, user.districtId, withId);
    const b = await store.loadTotalRanks(this.db, user.districtId, id);
    const codes = [...new Set(b.schoolOf)].sort();
    const index = new Map(codes.map((c, g) => [c, g]));
    const school = Int32Array.from(b.schoolOf, (c) => index.get(c)!);
    const change = cohortChange({ studentIds: a.studentIds, rank: a.rank }, { studentIds: b.studentIds, rank: b.rank, school, schoolCodes: codes });
    const scope = user.role === 'clerk' ? [user.schoolCode ?? ''] : 'all';
    return {
      exam: { id: later.id, name: later.name, date: later.date },
      with: { id: earlier.id, name: earlier.name, date: earlier.date },
      linked: change.linked,
      onlyLater: change.onlyLater,
      schools: change.schools.filter((s) => scope === 'all' || scope.includes(s.school)).map((s) => ({ schoolCode: s.school, n: s.n, rankChange: s.rankChange, percentileChange: s.percentileChange })),
    };
  }

  /** The workbook: district summary, schools, 后x% and, for one school (bureau, or its clerk), its students. */
  async exportXlsx(user: CurrentUser, id: number, onlySchool?: string): Promise<{ buffer: Buffer; fileName: string }> {
    const exam = await this.exam(user, id);
    const { report } = await this.storedReport(user, exam);
    let school = onlySchool;
    if (user.role === 'clerk') {
      if (school && school !== user.schoolCode) throw forbidden('只能导出本校 / you may export your own school only');
      school = user.schoolCode ?? undefined;
    }
    let students: { rows: ReturnType<ExamService['studentRow']>[]; names: boolean } | undefined;
    if (school) {
      if (!canSeeStudents(user, school)) throw forbidden('无权导出该校学生 / you may not export this school’s students');
      students = { rows: (await store.schoolResults(this.db, user.districtId, id, school)).map((r) => this.studentRow(user, exam, r)), names: canSeeStudentNames(user, school) };
    }
    const names = await store.schoolNames(this.db, user.districtId);
    const buffer = await buildExamWorkbook({ exam: toDto(exam), report: visibleReport(user, report), schoolNames: names, school, students });
    return { buffer, fileName: `${exam.name}${school ? `-${names.get(school) ?? school}` : ''}.xlsx` };
  }
}

/** A clerk's view of a report: district aggregates, and of the groups only their own school's. */
export function visibleReport(user: CurrentUser, report: Report): Report {
  if (user.role !== 'clerk') return report;
  const own = (code: string) => code === user.schoolCode;
  return {
    ...report,
    schools: report.schools.filter((s) => own(s.school)),
    classes: report.classes.filter((c) => own(c.school)),
    bottom: { ...report.bottom, schools: report.bottom.schools.filter((s) => own(s.school)) },
    balance: report.balance.filter((b) => own(b.school)),
  };
}
