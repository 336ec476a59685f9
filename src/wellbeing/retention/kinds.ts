// What the retention purge needs of each kind of pupil-level health rows (fitness, vision, homework and sleep), and
// what each kind's report reads for a purged year. A tally is additive (counts and sums only) per school, grade and
// sex, so that the district, a school or a grade is the sum of its tallies and every report and trend can be rebuilt
// from tallies alone once the pupil rows are gone.
import type { Db } from '../../core/db/index.js';

export type TallyKind = 'fitness' | 'vision' | 'burden';

/** One tally row: a school, grade and sex ('' when the rows do not record sex) with the kind's counts and sums. */
export interface TallyRow<T = Record<string, unknown>> {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F' | '';
  tally: T;
}

export interface PupilRowsKind {
  readonly kind: TallyKind;
  /** School years of the district that still have pupil rows, latest first. */
  pupilYears(districtId: string): Promise<number[]>;
  /**
   * Within the purge's transaction `tx`: the year's tallies computed from its pupil rows, then those rows deleted.
   * The caller writes the tallies (wellbeing_tallies) in the same transaction: all or nothing.
   */
  tallyAndDelete(tx: Db, districtId: string, year: number): Promise<{ tallies: TallyRow[]; deleted: number }>;
}
