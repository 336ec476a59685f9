// Registry tables. Every table is scoped by district: district_id leads each primary key,
// so the schema can later be distributed by district (Citus) without changing keys.
import { boolean, doublePrecision, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, index } from 'drizzle-orm/pg-core';
import { STAT_FIELDS } from './fields.js';

import { districts } from '../core/schema.js';
export { districts };

export const schools = pgTable(
  'schools',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    code: text('code').notNull(), // 学校标识码
    name: text('name').notNull(),
    level: text('level').notNull(),
    ownership: text('ownership').notNull(),
    location: text('location').notNull(),
    isIsland: boolean('is_island').notNull().default(false),
    isBoarding: boolean('is_boarding').notNull().default(false),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    groupName: text('group_name'),
    isOpen: boolean('is_open').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.code] })],
);

export const academicYears = pgTable(
  'academic_years',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    year: integer('year').notNull(), // 2024 = the 2024–2025 school year, statistics as of autumn
    isCurrent: boolean('is_current').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year] })],
);

// One column per scalar statistic, generated from the field registry (fields.ts).
const statColumns = Object.fromEntries(STAT_FIELDS.map((fd) => [fd.key, fd.type === 'int' ? integer(fd.column) : doublePrecision(fd.column)])) as Record<
  string,
  ReturnType<typeof integer> | ReturnType<typeof doublePrecision>
>;

export const schoolYearStats = pgTable(
  'school_year_stats',
  {
    districtId: text('district_id').notNull(),
    schoolCode: text('school_code').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull().default('draft'),
    reviewComment: text('review_comment'),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** 'roster' when the teacher figures follow from the school's teacher roster (src/teachers); null: typed in. */
    teachersSource: text('teachers_source'),
    /** The typed-in teacher figures kept while the roster's stand in their columns (key → value), to flag differences. */
    typedTeachers: jsonb('typed_teachers'),
    ...statColumns,
  },
  (t) => [primaryKey({ columns: [t.districtId, t.schoolCode, t.year] }), index('school_year_stats_year').on(t.districtId, t.year)],
);

/** Students enrolled per grade (在校生数 by 年级). */
export const gradeEnrolments = pgTable(
  'grade_enrolments',
  {
    districtId: text('district_id').notNull(),
    schoolCode: text('school_code').notNull(),
    year: integer('year').notNull(),
    grade: smallint('grade').notNull(),
    students: integer('students').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.schoolCode, t.year, t.grade] })],
);

/** Every teaching class with its size (班额). */
export const schoolClasses = pgTable(
  'school_classes',
  {
    districtId: text('district_id').notNull(),
    schoolCode: text('school_code').notNull(),
    year: integer('year').notNull(),
    grade: smallint('grade').notNull(),
    classNo: smallint('class_no').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.schoolCode, t.year, t.grade, t.classNo] })],
);
