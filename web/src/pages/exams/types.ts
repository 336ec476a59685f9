// Types of the exam pages: the API's answers, derived from the route contracts (src/exams/contract.ts) — never
// written twice — and the model constants from the same module.
import type { API, ResponseOf } from '../../client.js';
import type { BodyIn } from '../../../../src/core/http/contract.js';

export { EXAM_TYPES, TOTAL } from '../../../../src/exams/contract.js';

type Exams = typeof API.exams;

export type Exam = ResponseOf<Exams['get']>['exam'];
export type ExamSubject = Exam['subjects'][number];
export type ExamInput = BodyIn<Exams['create']>;

export type ExamReport = ResponseOf<Exams['report']>['report'];
export type GroupReport = ExamReport['district'];
export type Stats = GroupReport['stats'][string];
export type ColumnShape = ExamReport['shape'][string];
export type SchoolGroup = ExamReport['schools'][number];
export type ClassGroup = ExamReport['classes'][number];
export type BottomSchool = ExamReport['bottom']['schools'][number];

export type Job = ResponseOf<Exams['job']>['job'];
export type JobPhase = Job['phase'];
export type JobProblem = NonNullable<Job['problems']>[number];
export type ImportResult = NonNullable<ResponseOf<Exams['importScores']>['result']>;

export type StudentRow = ResponseOf<Exams['schoolStudents']>['students'][number];
/** A score cell without a score: 'absent' 缺考, 'voided' 作弊, 'exempt' 免考; null = a score. */
export type Mark = StudentRow['marks'][number];
export type ReportCard = ResponseOf<Exams['studentCard']>;
export type CompareRow = ResponseOf<Exams['compare']>['schools'][number];
export type ItemsAnswer = ResponseOf<Exams['items']>;
