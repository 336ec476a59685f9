// Growth reads the exam tables (src/exams/schema.ts) and writes nothing. The exam store owns the exam SQL
// (exams, subjects, score columns, reports); the two queries here are the ones only growth needs.
import { sql } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import { getExam, listExams, loadReport, loadScoreColumns, schoolNames, type ExamWithSubjects } from '../exams/store.js';

export { getExam, listExams, loadReport, loadScoreColumns, schoolNames, type ExamWithSubjects };

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** For every two exams of the district: how many 学籍号 both have (any row, scored or not). a < b. */
export async function sharedStudents(db: Db, districtId: string): Promise<{ a: number; b: number; shared: number }[]> {
  const list = await rows<{ a: string | number; b: string | number; shared: string | number }>(
    db,
    sql`select x.exam_id as a, y.exam_id as b, count(*) as shared
        from exam_results x join exam_results y on y.district_id = x.district_id and y.student_id = x.student_id and y.exam_id > x.exam_id
        where x.district_id = ${districtId}
        group by x.exam_id, y.exam_id`,
  );
  return list.map((r) => ({ a: Number(r.a), b: Number(r.b), shared: Number(r.shared) }));
}

/** The latest known name of each of these students (names live in `students`, by 学籍号). */
export async function studentNames(db: Db, districtId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    const list = await rows<{ student_id: string; name: string | null }>(
      db,
      sql`select student_id, name from students where district_id = ${districtId} and student_id = any(${`{${part.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[])`,
    );
    for (const r of list) out.set(r.student_id, r.name);
  }
  return out;
}
