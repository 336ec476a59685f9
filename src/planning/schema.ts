// Planning tables (规划): what the bureau adds to the registry for its forecasts (townships, classroom stock, births,
// new housing), the teacher-exchange plans (交流轮岗) with their input and moves, the confirmed pairings (教共体 /
// 集团化) and the map layers it uploads (district boundary, catchments). Scoped by district like every table.
import { doublePrecision, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Per school: the township (乡镇/街道) whose births feed its entry grade, and its classroom stock (普通教室). */
export const planningSchoolInputs = pgTable(
  'planning_school_inputs',
  {
    districtId: text('district_id').notNull(),
    schoolCode: text('school_code').notNull(),
    township: text('township'),
    /** Ordinary classrooms (普通教室, 间); null: not recorded (the base year's classes stand in, and say so). */
    classrooms: integer('classrooms'),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.schoolCode] })],
);

/** Births per township and calendar year (户籍出生人口): the entry grade six years later. */
export const planningBirths = pgTable(
  'planning_births',
  {
    districtId: text('district_id').notNull(),
    township: text('township').notNull(),
    year: integer('year').notNull(),
    births: integer('births').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.township, t.year] })],
);

/** New housing in a school's catchment: units × children per unit join the entry grade from the move-in year. */
export const planningHousing = pgTable(
  'planning_housing',
  {
    districtId: text('district_id').notNull(),
    id: serial('id').notNull(),
    schoolCode: text('school_code').notNull(),
    name: text('name').notNull(),
    units: integer('units').notNull(),
    childrenPerUnit: doublePrecision('children_per_unit').notNull(),
    moveInYear: integer('move_in_year').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] })],
);

/** A teacher-exchange plan (交流轮岗方案): its rules, its input (teachers and schools as imported), the moves and the
 *  figures; draft until the bureau locks it. */
export const planningExchangePlans = pgTable(
  'planning_exchange_plans',
  {
    districtId: text('district_id').notNull(),
    id: serial('id').notNull(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull().default('draft'),
    params: jsonb('params').notNull(),
    teachers: jsonb('teachers').notNull(),
    schools: jsonb('schools').notNull(),
    moves: jsonb('moves').notNull(),
    metrics: jsonb('metrics').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }),
    lockedBy: text('locked_by'),
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] })],
);

/** A confirmed pairing (结对): a strong school leads a weaker one, of a type (融合型 / 共建型 / 协作型), from a year. */
export const planningPairings = pgTable(
  'planning_pairings',
  {
    districtId: text('district_id').notNull(),
    id: serial('id').notNull(),
    year: integer('year').notNull(),
    leadCode: text('lead_code').notNull(),
    memberCode: text('member_code').notNull(),
    type: text('type').notNull(),
    note: text('note'),
    confirmedBy: text('confirmed_by').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), uniqueIndex('planning_pairings_member').on(t.districtId, t.year, t.memberCode)],
);

/** A map layer the bureau uploads (GeoJSON): the district boundary or the catchments (学区). */
export const planningMapLayers = pgTable(
  'planning_map_layers',
  {
    districtId: text('district_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    geojson: jsonb('geojson').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.kind] })],
);
