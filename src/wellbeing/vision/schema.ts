// Vision screening records (视力筛查): one row per pupil and school year with the uncorrected distance acuity of each
// eye on the 5-point record (五分记录, L = 5 + lg V) and, where the screening had an autorefractor, the non-cycloplegic
// spherical equivalent (等效球镜, D). The screening result (筛查性近视) is computed at import and stored with the
// rule's basis, so a report never guesses. Pupil-level health data: read only through the audited pupil route.
import { boolean, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp, date } from 'drizzle-orm/pg-core';
import { districts } from '../../core/schema.js';

export const visionResults = pgTable(
  'vision_results',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    /** The school year as its start year. */
    year: smallint('year').notNull(),
    /** 学籍号. */
    studentId: text('student_id').notNull(),
    schoolCode: text('school_code').notNull(),
    grade: smallint('grade').notNull(),
    /** 'M' | 'F'. */
    sex: text('sex').notNull(),
    /** Date of the screening (筛查日期), when the file gives it. */
    screenedOn: date('screened_on', { mode: 'string' }),
    /** Uncorrected distance acuity (裸眼远视力), 5-point record, right and left eye. */
    ucvaRight: doublePrecision('ucva_right'),
    ucvaLeft: doublePrecision('ucva_left'),
    /** Non-cycloplegic spherical equivalent (非睫状肌麻痹等效球镜度), dioptres; null when not measured. */
    seRight: doublePrecision('se_right'),
    seLeft: doublePrecision('se_left'),
    /** Wears glasses or ortho-k (戴镜); null when not recorded. */
    wearsGlasses: boolean('wears_glasses'),
    /** Screening myopia (筛查性近视) by the rule; null when the acuity of both eyes is missing. */
    myopia: boolean('myopia'),
    /** What the result stands on: 'acuity+se' (both measured) | 'acuity-only' (no SE: counted on acuity alone). */
    basis: text('basis'),
    /** The rule's id and version (e.g. screening-myopia v1). */
    ruleId: text('rule_id').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    /** The file's row the pupil came from. */
    row: integer('row').notNull(),
    importedBy: text('imported_by').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year, t.studentId] }), index('vision_results_school').on(t.districtId, t.year, t.schoolCode)],
);
