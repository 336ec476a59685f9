// Shapes of the growth API (docs/api.md § Growth), taken from the server's own types so the two cannot drift.
import type { ExamOption, ExamPair, GrowthService, VaResponse, SchoolRow, ClassRow } from '../../../../src/growth/service.js';
import type { Quadrant } from '../../../../src/growth/targets/quadrants.js';

export type { ExamOption, ExamPair, VaResponse, SchoolRow, ClassRow, Quadrant };
export type StudentsResponse = Awaited<ReturnType<GrowthService['students']>>;
export type StudentRow = StudentsResponse['students'][number];
export type TargetsResponse = Awaited<ReturnType<GrowthService['targets']>>;
export type Label = SchoolRow['label'];
export const TOTAL = '总分';
