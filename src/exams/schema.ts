// Exam tables (成绩检测数据库). Scoped by district like every table: district_id leads each primary key.
// One row per student and exam holds the scores of every subject as arrays aligned with exam_subjects.position
// (scores: NULL element = no score; marks: 0 normal, 1 缺考 absent, 2 作弊 voided, 3 免考 exempt), so a
// city-size exam is 1,000,000 rows, not 9,000,000. The derived columns (total, ranks, Z/T) are written by the
// import from the analysis of the same data, in the same transaction.
import { bigint, bigserial, boolean, date, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { districts } from '../core/schema.js';
import { DEFAULT_BOTTOM_PERCENTILE, DEFAULT_CUT_TEXT } from './rates.js';

export const EXAM_TYPES = ['期中', '期末', '学业水平', '中考', '联考', 'other'] as const;
export type ExamType = (typeof EXAM_TYPES)[number];
/** Marks of a score cell, as stored in exam_results.marks (defined in marks.ts, which loads no database code). */
export { MARK_NORMAL, MARK_ABSENT, MARK_VOIDED, MARK_EXEMPT } from './marks.js';

export const exams = pgTable(
  'exams',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    id: bigserial('id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    date: date('date', { mode: 'string' }),
    term: text('term'),
    grade: smallint('grade').notNull(),
    type: text('type').notNull(), // EXAM_TYPES
    scope: text('scope'),
    /** Default cut lines, shares of full marks (优秀 ≥, 合格 ≥, 低分 <), as decimal strings. */
    excellent: numeric('excellent').notNull().default(DEFAULT_CUT_TEXT.excellent),
    pass: numeric('pass').notNull().default(DEFAULT_CUT_TEXT.pass),
    low: numeric('low').notNull().default(DEFAULT_CUT_TEXT.low),
    /** x of 后x%率. */
    bottomPercentile: numeric('bottom_percentile').notNull().default(String(DEFAULT_BOTTOM_PERCENTILE)),
    status: text('status').notNull().default('empty'), // empty | ready
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }),
    studentCount: integer('student_count').notNull().default(0),
    sourceFile: text('source_file'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), uniqueIndex('exams_name').on(t.districtId, t.name)],
);

export const examSubjects = pgTable(
  'exam_subjects',
  {
    districtId: text('district_id').notNull(),
    examId: bigint('exam_id', { mode: 'number' }).notNull(),
    /** 0-based index into exam_results.scores / marks. */
    position: smallint('position').notNull(),
    subject: text('subject').notNull(),
    fullMarks: numeric('full_marks').notNull(),
    /** Per-subject cut lines; NULL = the exam's. */
    excellent: numeric('excellent'),
    pass: numeric('pass'),
    low: numeric('low'),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.examId, t.position] }), uniqueIndex('exam_subjects_subject').on(t.districtId, t.examId, t.subject)],
);

/** 学籍号 → the latest seen name, gender, school and class (by exam date). */
export const students = pgTable(
  'students',
  {
    districtId: text('district_id').notNull(),
    studentId: text('student_id').notNull(),
    name: text('name'),
    gender: text('gender'),
    schoolCode: text('school_code').notNull(),
    className: text('class_name').notNull(),
    /** Date of the exam these details come from; an older exam imported later does not overwrite them. */
    seenOn: date('seen_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.studentId] })],
);

export const examResults = pgTable(
  'exam_results',
  {
    districtId: text('district_id').notNull(),
    examId: bigint('exam_id', { mode: 'number' }).notNull(),
    studentId: text('student_id').notNull(),
    schoolCode: text('school_code').notNull(),
    className: text('class_name').notNull(),
    scores: doublePrecision('scores').array().notNull(),
    marks: smallint('marks').array().notNull(),
    // Derived by the analysis (NULL / 0 = none): 总分 of students with every subject, its ranks, Z and T.
    total: doublePrecision('total'),
    rankDistrict: integer('rank_district'),
    rankSchool: integer('rank_school'),
    rankClass: integer('rank_class'),
    zTotal: doublePrecision('z_total'),
    tTotal: doublePrecision('t_total'),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.examId, t.studentId] }), index('exam_results_school').on(t.districtId, t.examId, t.schoolCode)],
);

/** Item (小题) definitions of a subject, when item scores are imported. */
export const examItems = pgTable(
  'exam_items',
  {
    districtId: text('district_id').notNull(),
    examId: bigint('exam_id', { mode: 'number' }).notNull(),
    position: smallint('position').notNull(), // the subject
    itemNo: smallint('item_no').notNull(), // 0-based index into exam_item_scores.scores
    label: text('label').notNull(),
    fullMarks: numeric('full_marks').notNull(),
    /** 客观题: right (full marks) or wrong, for the item analysis. */
    objective: boolean('objective').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.examId, t.position, t.itemNo] })],
);

export const examItemScores = pgTable(
  'exam_item_scores',
  {
    districtId: text('district_id').notNull(),
    examId: bigint('exam_id', { mode: 'number' }).notNull(),
    studentId: text('student_id').notNull(),
    position: smallint('position').notNull(),
    scores: real('scores').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.examId, t.position, t.studentId] })],
);

export const examReports = pgTable(
  'exam_reports',
  {
    districtId: text('district_id').notNull(),
    examId: bigint('exam_id', { mode: 'number' }).notNull(),
    report: jsonb('report').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** The settings the report was computed with (cut lines per subject, bottom percentile, …). */
    settings: jsonb('settings').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.examId] })],
);
