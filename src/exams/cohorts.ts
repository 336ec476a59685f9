// What other capabilities read of the exams (growth today): the imported exams, one exam's score columns by
// student, the students two exams share, students' names and the stored report's figures of one column. Read-only;
// the SQL stays in the exams capability (its store and the two queries below), so a reader never touches the
// exam tables itself. Answers are plain shapes, not table rows, so that the tables may change behind them.
import { sql } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { getExam, listExams, loadReport, loadScoreColumns, rows, schoolNames, type ExamWithSubjects } from './store.js';

/** An exam as its readers see it. */
export interface CohortExam {
  id: number;
  name: string;
  /** YYYY-MM-DD, or null when the exam has no date. */
  date: string | null;
  grade: number;
  type: string;
  /** Scores imported (status 'ready'). */
  ready: boolean;
  /** When the scores were last imported: a new import changes it (a cache key). */
  importedAt: string | null;
  /** Student rows of the import. */
  students: number;
  /** Subjects in column order (the positions of ScoreColumns.scores). */
  subjects: string[];
}

/** One exam's stored rows as columns: student i is studentIds[i] at schoolOf[i], classOf[i]; scores[k][i] NaN = none. */
export interface ScoreColumns {
  n: number;
  studentIds: string[];
  schoolOf: string[];
  classOf: string[];
  scores: Float64Array[];
}

/** One column's figures of the stored exam report: the district's mean and SD, each school's mean and rates. */
export interface ColumnStats {
  district: { mean: number | null; sd: number | null };
  schools: { school: string; mean: number | null; excellentRate: number | null; passRate: number | null }[];
}

const cohortExam = (e: ExamWithSubjects): CohortExam => ({
  id: e.id,
  name: e.name,
  date: e.date,
  grade: e.grade,
  type: e.type,
  ready: e.status === 'ready',
  importedAt: e.importedAt,
  students: e.studentCount,
  subjects: e.subjects.map((s) => s.subject),
});

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export class ExamCohorts {
  constructor(private readonly db: Db) {}

  /** The district's exams (any state), latest first. */
  async list(districtId: string): Promise<CohortExam[]> {
    return (await listExams(this.db, districtId)).map(cohortExam);
  }

  /** One exam, or null when the district has no such exam. */
  async get(districtId: string, id: number): Promise<CohortExam | null> {
    const e = await getExam(this.db, districtId, id);
    return e ? cohortExam(e) : null;
  }

  /** Every stored row of an exam as columns, ordered by 学籍号. */
  async scoreColumns(districtId: string, exam: Pick<CohortExam, 'id' | 'subjects'>): Promise<ScoreColumns> {
    const c = await loadScoreColumns(this.db, districtId, exam.id, exam.subjects.length);
    return { n: c.n, studentIds: c.studentIds, schoolOf: c.schoolOf, classOf: c.classOf, scores: c.scores };
  }

  /** For every two exams of the district: how many 学籍号 both have (any row, scored or not). a < b. */
  async sharedStudents(districtId: string): Promise<{ a: number; b: number; shared: number }[]> {
    const list = await rows<{ a: string | number; b: string | number; shared: string | number }>(
      this.db,
      sql`select x.exam_id as a, y.exam_id as b, count(*) as shared
          from exam_results x join exam_results y on y.district_id = x.district_id and y.student_id = x.student_id and y.exam_id > x.exam_id
          where x.district_id = ${districtId}
          group by x.exam_id, y.exam_id`,
    );
    return list.map((r) => ({ a: Number(r.a), b: Number(r.b), shared: Number(r.shared) }));
  }

  /** The latest known name of each of these students (names live in `students`, by 学籍号). */
  async studentNames(districtId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (let i = 0; i < ids.length; i += 5000) {
      const part = ids.slice(i, i + 5000);
      const list = await rows<{ student_id: string; name: string | null }>(
        this.db,
        sql`select student_id, name from students where district_id = ${districtId} and student_id = any(${`{${part.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[])`,
      );
      for (const r of list) out.set(r.student_id, r.name);
    }
    return out;
  }

  /** School names by code, as the exam reports print them. */
  schoolNames(districtId: string): Promise<Map<string, string>> {
    return schoolNames(this.db, districtId);
  }

  /** One column (a subject or 总分) of the exam's stored report; null when the exam has no report. */
  async columnStats(districtId: string, examId: number, column: string): Promise<ColumnStats | null> {
    const r = await loadReport(this.db, districtId, examId);
    const report = r?.report as
      | {
          district?: { stats?: Record<string, { mean?: unknown; sd?: unknown }> };
          schools?: { school: string; stats?: Record<string, { mean?: unknown; excellent_rate?: unknown; pass_rate?: unknown }> }[];
        }
      | undefined;
    if (!report) return null;
    const d = report.district?.stats?.[column];
    const schools: ColumnStats['schools'] = [];
    for (const s of report.schools ?? []) {
      const st = s.stats?.[column];
      if (st) schools.push({ school: s.school, mean: num(st.mean), excellentRate: num(st.excellent_rate), passRate: num(st.pass_rate) });
    }
    return { district: { mean: num(d?.mean), sd: num(d?.sd) }, schools };
  }
}
