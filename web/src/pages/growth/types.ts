// Shapes of the growth API, derived from its contract (src/growth/contract.ts) — the schemas the server validates
// its answers against — so that the pages and the server cannot drift.
import type { API, ResponseOf } from '../../client.js';
import type { QueryIn } from '../../../../src/core/http/contract.js';

export { TOTAL } from '../../../../src/growth/contract.js';

type Growth = (typeof API)['growth'];
export type ExamsResponse = ResponseOf<Growth['exams']>;
export type ExamOption = ExamsResponse['exams'][number];
export type ExamPair = ExamsResponse['pairs'][number];
export type VaResponse = ResponseOf<Growth['valueAdded']>;
export type SchoolRow = VaResponse['schools'][number];
export type ClassRow = VaResponse['classes'][number];
export type Quadrant = NonNullable<SchoolRow['quadrant']>;
export type Label = NonNullable<SchoolRow['label']>;
/** The figures of a school or class row; null when the group is below the minimum n and the user lacks pupil-level rights. */
export interface Figures {
  effect: number;
  se: number;
  lower: number;
  upper: number;
  label: Label;
  achievement: number;
  entryMean: number;
  gainMean: number;
  rankChange: number;
}
type Nullable<T> = { [K in keyof T]: T[K] | null };
/** A row the page shows with its figures: not suppressed, and the server sent them. */
export const hasFigures = <T extends Nullable<Figures> & { suppressed: boolean }>(r: T): r is T & Figures =>
  !r.suppressed &&
  r.effect !== null &&
  r.se !== null &&
  r.lower !== null &&
  r.upper !== null &&
  r.label !== null &&
  r.achievement !== null &&
  r.entryMean !== null &&
  r.gainMean !== null &&
  r.rankChange !== null;
export type ShownSchool = SchoolRow & Figures & { quadrant: Quadrant; entryQuadrant: Quadrant };
export const schoolShown = (r: SchoolRow): r is ShownSchool => hasFigures(r) && r.quadrant !== null && r.entryQuadrant !== null;
/** Sort order of tables: shown rows first, by value-added, largest first. */
export const byEffect = (a: { suppressed: boolean; effect: number | null }, b: { suppressed: boolean; effect: number | null }) =>
  Number(a.suppressed) - Number(b.suppressed) || (b.effect ?? 0) - (a.effect ?? 0);
export type StudentsResponse = ResponseOf<Growth['students']>;
export type StudentRow = StudentsResponse['students'][number];
export type TargetsResponse = ResponseOf<Growth['targets']>;
/** The exam pair, column and minimum n a page asks about (the query of value-added, students and the downloads). */
export type PairQuery = QueryIn<Growth['valueAdded']>;
