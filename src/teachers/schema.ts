// Teacher tables (教师队伍, issue 13): the people (one row per teacher; the 身份证号 only as a keyed hash for matching),
// their yearly post (the roster of a school year: school, 学部, subjects, post, 学历, 职称, 骨干, 梯队, since when at the
// school), training courses and attendance (继续教育学时), and the exchange history (交流轮岗 / 支教 / 调动). Scoped by
// district like every table.
import { boolean, doublePrecision, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A teacher: an internal id (T + digits), name, sex, birth year; id_hash = keyed hash of the 身份证号 (null when not given). */
export const teachers = pgTable(
  'teachers',
  {
    districtId: text('district_id').notNull(),
    teacherId: text('teacher_id').notNull(),
    name: text('name').notNull(),
    sex: text('sex').notNull(),
    birthYear: integer('birth_year').notNull(),
    idHash: text('id_hash'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.teacherId] }), uniqueIndex('teachers_id_hash').on(t.districtId, t.idHash)],
);

/** The roster of a school year: one row per teacher and year (the teacher's school and post in that year's statistics). */
export const teacherYears = pgTable(
  'teacher_years',
  {
    districtId: text('district_id').notNull(),
    year: integer('year').notNull(),
    teacherId: text('teacher_id').notNull(),
    schoolCode: text('school_code').notNull(),
    /** 学部 of a 一贯制 / 完全中学 school: 小学 / 初中 / 高中; null for a single-level school. */
    section: text('section'),
    /** The school's own staff number (工号), when it keeps one. */
    staffNo: text('staff_no'),
    /** Subjects taught, main subject first, separated by 、 */
    subjects: text('subjects').notNull(),
    post: text('post').notNull(),
    qualification: text('qualification').notNull(),
    title: text('title').notNull(),
    certified: boolean('certified').notNull(),
    backboneLevel: text('backbone_level'),
    backboneYear: integer('backbone_year'),
    tier: text('tier'),
    /** The year the teacher started at this school (本校任教起始年). */
    schoolSince: integer('school_since').notNull(),
    employment: text('employment').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year, t.teacherId] }), index('teacher_years_school').on(t.districtId, t.year, t.schoolCode)],
);

/** A training course (培训项目): title, provider, level, credit hours, dates (YYYY-MM-DD). */
export const teacherCourses = pgTable(
  'teacher_courses',
  {
    districtId: text('district_id').notNull(),
    id: serial('id').notNull(),
    title: text('title').notNull(),
    provider: text('provider').notNull(),
    level: text('level').notNull(),
    hours: doublePrecision('hours').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] })],
);

/** Attendance: a teacher completed a course and was credited these hours (学时). */
export const teacherTraining = pgTable(
  'teacher_training',
  {
    districtId: text('district_id').notNull(),
    courseId: integer('course_id').notNull(),
    teacherId: text('teacher_id').notNull(),
    hours: doublePrecision('hours').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.courseId, t.teacherId] }), index('teacher_training_teacher').on(t.districtId, t.teacherId)],
);

/** A move (交流轮岗 / 支教 / 调动) from one school to another, by hand or from a locked exchange plan (plan_id). */
export const teacherMoves = pgTable(
  'teacher_moves',
  {
    districtId: text('district_id').notNull(),
    id: serial('id').notNull(),
    teacherId: text('teacher_id').notNull(),
    fromSchool: text('from_school').notNull(),
    toSchool: text('to_school').notNull(),
    kind: text('kind').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    planId: integer('plan_id'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), index('teacher_moves_teacher').on(t.districtId, t.teacherId)],
);

/** The next internal teacher number of a district (T + digits): numbers are never reused, even after a person is deleted. */
export const teacherIdCounters = pgTable('teacher_id_counters', {
  districtId: text('district_id').primaryKey(),
  nextNumber: integer('next_number').notNull(),
});

/** The district's key of the 身份证号 hash (HMAC-SHA256), made at first use; JUNHENG_ID_KEY overrides it. */
export const teacherIdKeys = pgTable('teacher_id_keys', {
  districtId: text('district_id').primaryKey(),
  key: text('key').notNull(),
});
