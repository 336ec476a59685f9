// 拆分: a 一贯制 school's or 完全中学's stock (area, equipment, computers, books) is divided between its
// sections by weighted enrolment — 九年一贯制 1 : 1.1, 完全中学 (初中 : 高中) 1 : 1.2, 十二年一贯制 1 : 1.1 : 1.32
// ("测算均衡系数拆分公式", standards.md §2.4). Weights are data so a local pack can change them.

export interface SectionStudents {
  primary: number; // 小学部 A
  junior: number; // 初中部 B
  senior: number; // 高中部 C
}
export interface SectionWeights {
  primary: number;
  junior: number;
  senior: number;
}
export const SPLIT_WEIGHTS: Record<'九年一贯制' | '完全中学' | '十二年一贯制', SectionWeights> = {
  九年一贯制: { primary: 1, junior: 1.1, senior: 0 },
  完全中学: { primary: 0, junior: 1, senior: 1.2 },
  十二年一贯制: { primary: 1, junior: 1.1, senior: 1.32 },
};

/** Each section's share of `total`; all zero when the school has no (weighted) students. */
export function splitStock(total: number, students: SectionStudents, w: SectionWeights): SectionStudents {
  const weighted = students.primary * w.primary + students.junior * w.junior + students.senior * w.senior;
  if (!(weighted > 0)) return { primary: 0, junior: 0, senior: 0 };
  const per = total / weighted;
  return { primary: per * students.primary * w.primary, junior: per * students.junior * w.junior, senior: per * students.senior * w.senior };
}
