// The import of an exam's scores, all or nothing: parse → check → analyse → write, in one transaction. Any problem
// in the file → 422 with every problem (file, sheet, row, column, reason) and nothing written.
import { withReadSnapshot, type Db } from '../core/db/index.js';
import { examColumns } from './analysis/columns.js';
import { recordAudit } from '../core/audit/store.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { AppError } from '../core/http/errors.js';
import { analyzeExam, type ExamAnalysis } from './analysis/analyze.js';
import { parseExamFile } from './import/exam-file.js';
import type { ParsedExam } from './import/builder.js';
import type { ImportResult } from './contract.js';
import { analysisOf, loadExam, need, secs } from './common.js';
import type { ProgressFn } from './jobs.js';
import * as store from './store.js';

export type { ImportResult } from './contract.js';

/** Rows per INSERT … FROM unnest statement: the main thread builds each one's arrays (~65 ms per 10,000 rows), so
 * batches of this size keep HTTP answering between them; more statements cost the database little. */
export const WRITE_BATCH = 10_000;

/**
 * From this many students on, the write runs under a read snapshot (core/db: withReadSnapshot). On PGlite the one
 * transaction takes ~30–60 µs per student (300,000: 10–20 s), during which every other request would wait; with the
 * snapshot they are answered from a copy of the database as it was before the import, and the import stays one
 * transaction (all or nothing, invisible until it commits). Measured alternatives (bench/import-reads.bench.ts and
 * issue 10, item 7): several committed batches into a staging table, published by one INSERT … SELECT, do not help
 * (the publishing INSERT of 300,000 rows alone takes ~10 s: the cost is writing the rows and their indexes, not
 * sending them); publishing by flipping a flag would need a new column on every results row (a migration). The
 * snapshot costs a copy of the data folder and opening it (a few seconds, during which the writes of others wait), so
 * a small import, whose transaction is shorter than that, does without.
 */
export const SNAPSHOT_MIN_STUDENTS = 20_000;

/** The subjects as the file reader needs them: name, full marks, items. */
function readerSubjects(e: store.ExamWithSubjects) {
  return e.subjects.map((s) => ({
    name: s.subject,
    full: Number(s.fullMarks),
    items: e.items.filter((it) => it.position === s.position).map((it) => ({ label: it.label, full: Number(it.fullMarks), objective: it.objective })),
  }));
}

export { examColumns };

/**
 * Imports a file into an exam, all or nothing: any problem → 422 with every problem (file, sheet, row, column,
 * reason) and nothing written. Otherwise one transaction replaces the exam's results, the students' latest details,
 * the report, and the exam's status, with an audit row.
 */
export async function importScores(db: Db, user: CurrentUser, id: number, fileName: string, buf: Buffer, progress: ProgressFn = () => {}): Promise<ImportResult> {
  need(user, 'exams.manage');
  const started = performance.now();
  const exam = await loadExam(db, user, id);
  const { subjects, settings } = analysisOf(exam);
  const schools = await store.schoolNames(db, user.districtId);
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
  await new Promise((r) => setImmediate(r)); // let HTTP through between the two CPU-heavy steps
  const analysis = analyzeExam(columns, settings);
  const result = resultColumns(data, analysis);
  const analysed = performance.now();
  const n = data.n;
  progress('writing', 0, 2 * n);
  const seenOn = exam.date ?? new Date().toISOString().slice(0, 10);
  const replaced = exam.studentCount;
  const write = () =>
    db.transaction(async (tx) => {
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
      await writeItemScores(tx, user.districtId, id, data);
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
  await (n >= SNAPSHOT_MIN_STUDENTS ? withReadSnapshot(db, write) : write());
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
async function writeItemScores(db: Db, districtId: string, examId: number, data: ParsedExam): Promise<void> {
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

/** The rows to store: parsed data in file order, with 总分, its ranks, Z and T from the analysis. */
function resultColumns(data: ParsedExam, analysis: ExamAnalysis): store.ResultColumns {
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
