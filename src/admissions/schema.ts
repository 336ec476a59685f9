// Admission draws (电脑派位) and their applicants. A draw moves draft → list_published (公示: list_hash fixed, the
// applicant list frozen) → drawn (entropy, seed and result written once) → result_published (nothing changes ever
// after). The database enforces it with the triggers of migration 0006_admissions.sql, whatever the client: a
// correction is a new draw whose `corrects` names the old one.
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { districts } from '../core/schema.js';

export const admissionDraws = pgTable(
  'admission_draws',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    /** The method's draw_id: part of the seed, published with the list. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    year: smallint('year').notNull(),
    /** junheng-lottery-v1 | junheng-assign-v1 */
    method: text('method').notNull(),
    /** 公民同招 stage: 'private' (民办, drawn first) | 'public' (公办 catchment) */
    stage: text('stage').notNull(),
    /** Lottery: the one school and its seats. */
    schoolCode: text('school_code'),
    seats: integer('seats'),
    /** Assignment: the catchment's name and its schools' seats [{schoolCode, seats}]. */
    catchment: text('catchment'),
    capacities: jsonb('capacities').$type<{ schoolCode: string; seats: number }[]>(),
    /** What each priority group means (1 = 学区内户籍 …), as published. */
    priorityRules: text('priority_rules'),
    drawDate: text('draw_date'),
    status: text('status').notNull().default('draft'),
    applicants: integer('applicants').notNull().default(0),
    listHash: text('list_hash'),
    listPublishedAt: timestamp('list_published_at', { withTimezone: true, mode: 'string' }),
    entropy: jsonb('entropy').$type<string[]>(),
    seed: text('seed'),
    /** The published JSON of the method (snake_case), exactly what the verifier recomputes. */
    result: jsonb('result'),
    drawnAt: timestamp('drawn_at', { withTimezone: true, mode: 'string' }),
    resultPublishedAt: timestamp('result_published_at', { withTimezone: true, mode: 'string' }),
    /** The draw this one corrects (the old one stays as it was). */
    corrects: text('corrects'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.code] }), index('admission_draws_year').on(t.districtId, t.year)],
);

export const admissionApplicants = pgTable(
  'admission_applicants',
  {
    districtId: text('district_id').notNull(),
    drawCode: text('draw_code').notNull(),
    /** 报名编号 (normalised): published, hashed — never an ID-card number. */
    applicantId: text('applicant_id').notNull(),
    priority: smallint('priority').notNull().default(1),
    /** Assignment: school codes, most wanted first. */
    choices: jsonb('choices').$type<string[]>(),
    /** The child's name: the bureau's only; the public sees it masked (张*三). */
    name: text('name'),
    /** Where the applicant came from (the file's row) for messages. */
    row: integer('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.drawCode, t.applicantId] })],
);

/**
 * 名额分配: one allocation of a key high school's places to the junior schools (quota v1) with its parameters, and,
 * when a 中考 exam is named, the admission within each school's quota. Parameters are data, versioned per year and
 * high school: a new run is a new version; the earlier ones stay.
 */
export const admissionQuotaPlans = pgTable(
  'admission_quota_plans',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    id: bigserial('id', { mode: 'number' }).notNull(),
    year: smallint('year').notNull(),
    highSchool: text('high_school').notNull(),
    version: integer('version').notNull(),
    places: integer('places').notNull(),
    minPerSchool: integer('min_per_school').notNull(),
    ruralWeight: text('rural_weight').notNull(),
    /** Registry locations counted as rural (乡村, or also 镇区). */
    ruralLocations: jsonb('rural_locations').$type<string[]>().notNull(),
    /** The junior schools as allocated: [{schoolCode, graduates, rural}]. */
    schools: jsonb('schools').$type<{ schoolCode: string; graduates: number; rural: boolean }[]>().notNull(),
    /** quota v1's published JSON. */
    allocation: jsonb('allocation').notNull(),
    examId: bigint('exam_id', { mode: 'number' }),
    controlLine: text('control_line'),
    tieSubjects: jsonb('tie_subjects').$type<string[]>(),
    /** Per school: quota, sat, eligible, admitted, lowest admitted total, unfilled, tied beyond; and the admitted students. */
    admission: jsonb('admission'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), index('admission_quota_plans_year').on(t.districtId, t.year, t.highSchool)],
);
