// Entry → exit growth of each linked student, as many districts report it (anchors.md §5, 增值 by standardized-score
// difference): z-gain = z_exit − z_entry and rank change = PR_exit − PR_entry (percentile ranks, percentile-rank.ts).
// By default z and PR are taken within each exam over all its scored students (standards.md §5: Z = (X − X̄_district)/
// S_district per test); 'linked' uses only the students who sat both (the common sample, 共同样本: district mean gain 0).
import type { Exam, Linkage } from '../linkage/link.js';
import { percentileRanker } from './percentile-rank.js';
import { standardizer } from './standardize.js';

export type GainBasis = 'linked' | 'all';

export interface StudentGain {
  id: string;
  school: string;
  class?: string;
  moved: boolean;
  entry: number;
  exit: number;
  entryZ: number;
  exitZ: number;
  zGain: number;
  entryPR: number;
  exitPR: number;
  rankChange: number;
}

/** Gains between the first and the last exam of a linkage (the exams given to linkExams, in the same order). */
export function studentGains(linkage: Linkage, exams: Exam[], basis: GainBasis = 'all'): StudentGain[] {
  const first = 0;
  const last = exams.length - 1;
  const scores = (k: number) => (basis === 'linked' ? linkage.students.map((s) => s.records[k].score!) : exams[k].records.flatMap((r) => (r.score === null || Number.isNaN(r.score) ? [] : [r.score])));
  if (!linkage.students.length) return [];
  const [zIn, zOut] = [standardizer(scores(first)), standardizer(scores(last))];
  const [prIn, prOut] = [percentileRanker(scores(first)), percentileRanker(scores(last))];
  return linkage.students.map((s) => {
    const entry = s.records[first].score!;
    const exit = s.records[last].score!;
    const entryZ = zIn.z(entry);
    const exitZ = zOut.z(exit);
    const entryPR = prIn(entry);
    const exitPR = prOut(exit);
    return { id: s.id, school: s.school, class: s.class, moved: s.moved, entry, exit, entryZ, exitZ, zGain: exitZ - entryZ, entryPR, exitPR, rankChange: exitPR - entryPR };
  });
}
