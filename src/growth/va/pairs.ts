// Entry–exit pairs for value-added from two linked exams: students with a score in both, whose grade in the later
// exam is the earlier grade + 1 (a normal progression), grouped by the later grade. School = the later school.
import type { Linkage } from '../linkage/link.js';

export interface GradePairs {
  grade: number;
  ids: string[];
  pre: Float64Array;
  post: Float64Array;
  school: string[];
  /** Class in the later exam (CLASS column), undefined when the file has none. */
  klass: (string | undefined)[];
}

export interface Pairing {
  grades: GradePairs[];
  /** Linked students left out because the later grade is not the earlier grade + 1. */
  gradeMismatch: number;
}

export function gradePairs(linkage: Linkage): Pairing {
  const by = new Map<number, { ids: string[]; pre: number[]; post: number[]; school: string[]; klass: (string | undefined)[] }>();
  let gradeMismatch = 0;
  for (const s of linkage.students) {
    const [a, b] = s.records;
    if (b.grade === undefined || a.grade === undefined || b.grade !== a.grade + 1) {
      gradeMismatch++;
      continue;
    }
    let g = by.get(b.grade);
    if (!g) by.set(b.grade, (g = { ids: [], pre: [], post: [], school: [], klass: [] }));
    g.ids.push(s.id);
    g.pre.push(a.score!);
    g.post.push(b.score!);
    g.school.push(s.school);
    g.klass.push(s.class);
  }
  const grades = [...by.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([grade, g]) => ({ grade, ids: g.ids, pre: Float64Array.from(g.pre), post: Float64Array.from(g.post), school: g.school, klass: g.klass }));
  return { grades, gradeMismatch };
}
