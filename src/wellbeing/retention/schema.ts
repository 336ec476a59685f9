// Retention of pupil-level health data (个人信息保护法: kept no longer than needed). A district sets how many school
// years pupil rows are kept; the purge first stores each year's additive tallies per school, grade and sex (what the
// reports and trends need) and then deletes the pupil rows, so that reports of purged years still answer.
import { index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { districts } from '../../core/schema.js';

export const wellbeingSettings = pgTable('wellbeing_settings', {
  districtId: text('district_id')
    .primaryKey()
    .references(() => districts.districtId),
  /** School years of pupil rows kept (the current year counts as one); null: keep until changed. */
  retentionYears: integer('retention_years'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Additive tallies of a purged year: per kind ('fitness' | 'vision' | 'burden'), school, grade and sex ('' when not recorded). */
export const wellbeingTallies = pgTable(
  'wellbeing_tallies',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    kind: text('kind').notNull(),
    year: smallint('year').notNull(),
    schoolCode: text('school_code').notNull(),
    grade: smallint('grade').notNull(),
    sex: text('sex').notNull(),
    /** The kind's tally (counts and sums only), with the pack or rule id and version it was computed with. */
    tally: jsonb('tally').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.kind, t.year, t.schoolCode, t.grade, t.sex] }), index('wellbeing_tallies_year').on(t.districtId, t.kind, t.year)],
);
