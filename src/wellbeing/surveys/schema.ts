// Satisfaction surveys (满意度调查, 社会认可度): questionnaires (versioned: a change saves a new version), surveys that
// pin one questionnaire version with a sampling plan, one-time access codes (only a hash of each code is stored; a
// code names its school, never a person) and the anonymous responses — which carry no code, no account and no
// address, so no response can be traced back to the slip it was answered with.
import { date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { districts } from '../../core/schema.js';

/** A questionnaire version: its questions as data (the shape is the surveys capability's model). */
export const surveyQuestionnaires = pgTable(
  'survey_questionnaires',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    /** Stable key of the questionnaire (e.g. 'parents-2026'). */
    key: text('key').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** 'student' | 'parent' | 'teacher' | 'public'. */
    audience: text('audience').notNull(),
    /** The ready template it started from (id@version), if any. */
    template: text('template'),
    questions: jsonb('questions').$type<unknown>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.key, t.version] })],
);

export const surveys = pgTable(
  'surveys',
  {
    id: serial('id').primaryKey(),
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    year: smallint('year').notNull(),
    title: text('title').notNull(),
    questionnaireKey: text('questionnaire_key').notNull(),
    questionnaireVersion: integer('questionnaire_version').notNull(),
    /** 'draft' | 'open' | 'closed'. */
    status: text('status').notNull().default('draft'),
    /** The sampling plan (confidence, margin of error, per school population and sample size) as computed. */
    plan: jsonb('plan').$type<unknown>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('surveys_district').on(t.districtId, t.year)],
);

/** One-time access codes: the SHA-256 of the code (never the code), its survey, school and print batch. */
export const surveyCodes = pgTable(
  'survey_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    schoolCode: text('school_code').notNull(),
    batch: integer('batch').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** When the code was answered with (then it is spent); null while unused. */
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
    /** When the batch was withdrawn (lost slips); a void code cannot be used. */
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('survey_codes_survey').on(t.surveyId, t.schoolCode)],
);

/** An anonymous response: the school (from the code), the answers and the day — nothing that identifies the respondent. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    schoolCode: text('school_code').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('survey_responses_survey').on(t.surveyId, t.schoolCode)],
);
