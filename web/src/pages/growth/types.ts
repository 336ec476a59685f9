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
export type Quadrant = SchoolRow['quadrant'];
export type Label = SchoolRow['label'];
export type StudentsResponse = ResponseOf<Growth['students']>;
export type StudentRow = StudentsResponse['students'][number];
export type TargetsResponse = ResponseOf<Growth['targets']>;
/** The exam pair, column and minimum n a page asks about (the query of value-added, students and the downloads). */
export type PairQuery = QueryIn<Growth['valueAdded']>;
