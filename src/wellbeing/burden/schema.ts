// Homework and sleep (课业负担, 双减): one record per pupil (or questionnaire) and school year, from a survey or a
// diary: minutes of written homework per school day and hours of sleep. Pupil-level rows: read only through the
// audited pupil route.
import { date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { districts } from '../../core/schema.js';

export const burdenRecords = pgTable(
  'burden_records',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    year: smallint('year').notNull(),
    schoolCode: text('school_code').notNull(),
    /** 学籍号, or the questionnaire's number when the survey was anonymous; unique within the school and year. */
    recordId: text('record_id').notNull(),
    grade: smallint('grade').notNull(),
    /** 'M' | 'F' | null (not asked). */
    sex: text('sex'),
    /** Minutes of written homework (书面作业) per school day; null when not answered. */
    homeworkMinutes: doublePrecision('homework_minutes'),
    /** Hours of sleep per night on school days; null when not answered. */
    sleepHours: doublePrecision('sleep_hours'),
    /** 'survey' | 'diary'. */
    source: text('source').notNull(),
    surveyedOn: date('surveyed_on', { mode: 'string' }),
    row: integer('row').notNull(),
    importedBy: text('imported_by').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year, t.schoolCode, t.recordId] }), index('burden_records_year').on(t.districtId, t.year)],
);
