// The exam service (成绩检测): what the routes (routes.ts), the CLI and the demo call. The work is in files by concern:
//   exam-crud.ts      exams and their settings (create, change with re-analysis, delete)
//   import-scores.ts  the all-or-nothing import (parse → check → analyse → write, one transaction)
//   reports.ts        the report (JSON, PDF, .xlsx), a school's students, report cards, comparison, item analysis
//   common.ts         the exam as answered, and who sees what (from the permission table, core/auth/policy.ts)
// Imports run as background jobs (jobs.ts); an exam being imported cannot be changed or deleted meanwhile.
import type { z } from 'zod';
import type { Db } from '../core/db/index.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { AppError, conflict, notFound } from '../core/http/errors.js';
import { agree, type Agree, type EXAM_TYPES, type ImportResult, type JOB_PHASES, type JobSchema } from './contract.js';
import { loadExam, need, toDto, type ExamDto, type ExamInput, type ExamUpdate } from './common.js';
import { createExam, removeExam, updateExam } from './exam-crud.js';
import { importScores } from './import-scores.js';
import { JobRegistry, type JobPhase, type JobState, type ProgressFn } from './jobs.js';
import type { JobService } from '../core/jobs/service.js';
import { importSlots } from '../core/jobs/limit.js';
import { compareExams, examReport, examReportPdf, exportWorkbook, itemAnalysis, schoolStudents, studentCard, type ExamFile } from './reports.js';
import type { ExamType } from './schema.js';
import { buildScoreTemplate } from './template-xlsx.js';
import * as store from './store.js';

export type { ExamDto, ExamInput, ExamUpdate, ItemInput, Report, SubjectInput } from './common.js';
export { visibleReport } from './common.js';
export { examColumns, WRITE_BATCH, type ImportResult } from './import-scores.js';
export type { ExamFile } from './reports.js';

// The contract's schemas agree with the server's types (checked by tsc; kept here, off the web's import path).
agree<Agree<(typeof EXAM_TYPES)[number], ExamType>>(true);
agree<Agree<(typeof JOB_PHASES)[number], JobPhase>>(true);
// The registry keeps any job's result and problems as unknown; an exam import's are ImportResult and ImportProblem[].
agree<Agree<Omit<JobView, 'problems' | 'result'>, Omit<JobState, 'problems' | 'result'>>>(true);

/** A job as the API answers it. */
export type JobView = z.infer<typeof JobSchema>;
const jobView = (j: JobState) => j as JobView;

/** What the import route answers: the job at once, or (waiting) the import's result. */
export type ImportAnswer = { jobId: string; job: JobView } | { jobId: string; result: ImportResult };

export class ExamService {
  /** Import jobs, rows of the jobs table (core/jobs); createServices passes the server's one JobService. */
  readonly jobs: JobRegistry;
  constructor(
    private readonly db: Db,
    jobs?: JobService,
  ) {
    this.jobs = new JobRegistry(jobs ?? db);
  }

  // ───────────────────────────── exams ─────────────────────────────

  async list(user: CurrentUser): Promise<ExamDto[]> {
    return (await store.listExams(this.db, user.districtId)).map(toDto);
  }

  async get(user: CurrentUser, id: number): Promise<ExamDto> {
    return toDto(await loadExam(this.db, user, id));
  }

  async findByName(user: CurrentUser, name: string): Promise<ExamDto | null> {
    const e = await store.findExamByName(this.db, user.districtId, name);
    return e ? toDto(e) : null;
  }

  async create(user: CurrentUser, input: ExamInput): Promise<ExamDto> {
    return this.get(user, await createExam(this.db, user, input));
  }

  /** Settings: name, date, …, cut lines of the exam and per subject, 后x%. Re-analyses the stored results. */
  async update(user: CurrentUser, id: number, input: ExamUpdate): Promise<ExamDto> {
    await updateExam(this.db, user, id, input, (x) => this.notImporting(user, x));
    return this.get(user, id);
  }

  async remove(user: CurrentUser, id: number): Promise<void> {
    await removeExam(this.db, user, id, (x) => this.notImporting(user, x));
  }

  private notImporting(user: CurrentUser, id: number): void {
    if (this.jobs.active(user.districtId, (j) => j.kind === 'exam-import' && j.subject.examId === id).length)
      throw conflict('该考试正在导入成绩，请稍后再试 / an import of this exam is running; try again when it is done');
  }

  // ───────────────────────────── import ─────────────────────────────

  /** Starts the import as a background job; its state is at GET /api/jobs/:id. */
  async startImport(user: CurrentUser, id: number, fileName: string, buf: Buffer): Promise<JobState> {
    need(user, 'exams.manage');
    await loadExam(this.db, user, id);
    this.notImporting(user, id);
    // One import per user and two in all at a time (core/jobs/limit.ts): 429 otherwise; the slot is held until the job ends.
    const release = importSlots.acquire(user);
    try {
      return await this.jobs.start(user, 'exam-import', { examId: id, fileName }, (progress) => this.importFile(user, id, fileName, buf, progress).finally(release));
    } catch (e) {
      release();
      throw e;
    }
  }

  /**
   * The upload of the HTTP API: the job at once, or with `wait` its result — a failed import answers as the
   * import would have (422 with every problem of the file), naming the job.
   */
  async upload(user: CurrentUser, id: number, fileName: string, buf: Buffer, wait: boolean): Promise<ImportAnswer> {
    const job = await this.startImport(user, id, fileName, buf);
    if (!wait) return { jobId: job.id, job: jobView(job) };
    const done = (await this.jobs.wait(user.districtId, job.id))!;
    if (done.phase === 'failed') throw new AppError(done.error!.status, done.error!.code, done.error!.message, done.problems ? { problems: done.problems, jobId: job.id } : { jobId: job.id });
    return { jobId: job.id, result: done.result as ImportResult };
  }

  /** A job of the user's district (the route's policy, 'exams.manage', admits the bureau: they follow every import). */
  async job(user: CurrentUser, jobId: string): Promise<JobView> {
    const j = await this.jobs.get(user.districtId, jobId);
    if (!j) throw notFound('没有这个任务 / no such job');
    return jobView(j);
  }

  /** Imports a file into an exam, all or nothing (import-scores.ts). */
  importFile(user: CurrentUser, id: number, fileName: string, buf: Buffer, progress: ProgressFn = () => {}): Promise<ImportResult> {
    return importScores(this.db, user, id, fileName, buf, progress);
  }

  // ───────────────────────────── reading ─────────────────────────────

  /** The report as the user may see it: a clerk gets the district aggregates and their own school only. */
  report(user: CurrentUser, id: number, school?: string) {
    return examReport(this.db, user, id, school);
  }

  /** The printable report (PDF) of the district or of one school. */
  reportPdf(user: CurrentUser, id: number, school?: string): Promise<ExamFile> {
    return examReportPdf(this.db, user, id, school);
  }

  schoolStudents(user: CurrentUser, id: number, code: string, className?: string) {
    return schoolStudents(this.db, user, id, code, className);
  }

  studentCard(user: CurrentUser, id: number, studentId: string) {
    return studentCard(this.db, user, id, studentId);
  }

  compare(user: CurrentUser, id: number, withId: number) {
    return compareExams(this.db, user, id, withId);
  }

  itemAnalysis(user: CurrentUser, id: number, subject: string) {
    return itemAnalysis(this.db, user, id, subject);
  }

  /** The score template of the exam (template-xlsx.ts): importable as it is once filled in. */
  async template(user: CurrentUser, id: number): Promise<ExamFile> {
    need(user, 'exams.manage');
    const exam = toDto(await loadExam(this.db, user, id));
    const file = await buildScoreTemplate(exam, await store.schoolNames(this.db, user.districtId));
    return { file, name: `${exam.name}-成绩导入模板.xlsx` };
  }

  /** The workbook: district summary, schools, 后x% and, for one school, its students. */
  exportXlsx(user: CurrentUser, id: number, school?: string): Promise<ExamFile> {
    return exportWorkbook(this.db, user, id, school);
  }
}
