// Parsed students → the typed columns of analyzeExam, the same for the server (a file, or the stored scores) and for
// `junheng exam report`: schools in code order, classes by school then name ("2班" before "10班").
import type { ExamColumns } from './analyze.js';

let collator: Intl.Collator | null = null;

/**
 * Typed columns for the analysis, schools in code order (code-unit order) and classes by school then name, so that
 * the report's arrays come out in the same order whether built from a file or from the database. An empty class
 * name means no class (−1).
 */
export function examColumns(
  studentIds: readonly string[],
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
  if (named.length) {
    collator ??= new Intl.Collator('zh-CN', { numeric: true });
    const compare = collator.compare;
    named.sort((a, b) => a.school - b.school || compare(a.name, b.name));
  }
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
