// Fitness test results (体质健康测试) of a school year: one row per pupil with the raw results as imported and the
// score computed from them by the standards pack named in the row (pack id and version), so that a later pack never
// silently changes a stored score. Pupil-level health data: read only through the audited pupil route.
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { districts } from '../core/schema.js';

/** One item of a pupil's score: the pack's item key, its weight, the result, its points and the table's status. */
export interface StoredItem {
  item: string;
  weight: number;
  value: number | null;
  points: number | null;
  status: string;
}

export const fitnessResults = pgTable(
  'fitness_results',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    /** The school year as its start year (2025 = 2025–2026学年). */
    year: smallint('year').notNull(),
    /** 学籍号. */
    studentId: text('student_id').notNull(),
    schoolCode: text('school_code').notNull(),
    grade: smallint('grade').notNull(),
    /** 'M' | 'F'. */
    sex: text('sex').notNull(),
    heightCm: doublePrecision('height_cm'),
    weightKg: doublePrecision('weight_kg'),
    /** The raw results: item key of the pack → value (times in seconds); a missing result is absent. */
    results: jsonb('results').$type<Record<string, number>>().notNull(),
    packId: text('pack_id').notNull(),
    packVersion: integer('pack_version').notNull(),
    bmi: doublePrecision('bmi'),
    items: jsonb('items').$type<StoredItem[]>().notNull(),
    /** 标准分, 附加分, 学年总分 and 等级; standard, total and level are null when the total is open. */
    standard: doublePrecision('standard'),
    bonus: doublePrecision('bonus').notNull(),
    total: doublePrecision('total'),
    level: text('level'),
    /** Why the total is open: 'table-not-found' (the pack has no table) | 'missing-result'; null when scored. */
    openReason: text('open_reason'),
    /** The file's row the pupil came from. */
    row: integer('row').notNull(),
    importedBy: text('imported_by').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year, t.studentId] }), index('fitness_results_school').on(t.districtId, t.year, t.schoolCode)],
);
