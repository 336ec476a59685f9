// The scores of one column grouped by district, school and class, as ordered distributions that also rank every
// student. Two exact forms (the same answers; tested against each other): cumulative level histograms per group
// (counting sort, O(n + groups·levels)) while they stay small, else the students sorted by level within each group.
import type { Distribution } from './distribution.js';
import type { Grouping } from './grouping.js';
import { levelHistograms } from './level-histograms.js';
import { levelRuns } from './level-runs.js';
import type { Levels } from './levels.js';

/** A Distribution that can also list its distinct scores with their counts, ascending. */
export interface LevelDistribution extends Distribution {
  runs(fn: (value: number, count: number) => void): void;
}

export interface GroupedScores {
  district: LevelDistribution;
  /** By school index. */
  schools: LevelDistribution[];
  /** By class index (students without a class are in their school and the district only). */
  classes: LevelDistribution[];
  /**
   * Competition ranks ("1224": 1 + the number of strictly higher scores in the group) in the district, the school
   * and the class, written per student; 0 = no score, or (class rank) no class.
   */
  rank(district: Int32Array, school: Int32Array, klass: Int32Array): void;
}

/** Counters allowed for the histograms (64 MiB of Int32). */
export const DENSE_LIMIT = 1 << 24;

/**
 * Groups a coded column. The result reads `levels` (and, in sorted form, its codes): use it before the codes buffer
 * is reused. `form` forces one form (for tests).
 */
export function groupScores(levels: Levels, grouping: Grouping, form?: 'dense' | 'sorted'): GroupedScores {
  const counters = (grouping.cellCount + grouping.schoolCount + 1) * levels.values.length;
  if (form === 'dense' || (form === undefined && counters <= DENSE_LIMIT)) return levelHistograms(levels, grouping);
  return levelRuns(levels, grouping);
}
