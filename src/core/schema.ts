// Core tables: districts, accounts, sessions, inspector assignments, audit log. Scoped by district like every table.
import { bigint, bigserial, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';

/** The districts (区/县, by 行政区划代码) one deployment serves: every other table is scoped by one. */
export const districts = pgTable('districts', {
  districtId: text('district_id').primaryKey(), // 行政区划代码, e.g. 330902
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(), // admin | analyst | clerk | inspector | viewer
    schoolCode: text('school_code'), // the clerk's own school
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  // Login names are unique across the deployment (a small reference table under Citus).
  (t) => [primaryKey({ columns: [t.districtId, t.username] }), uniqueIndex('users_username').on(t.username)],
);

export const inspectorSchools = pgTable(
  'inspector_schools',
  {
    districtId: text('district_id').notNull(),
    username: text('username').notNull(),
    schoolCode: text('school_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.username, t.schoolCode] })],
);

export const sessions = pgTable(
  'sessions',
  {
    districtId: text('district_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    username: text('username').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** The last request of the session (updated at most once a minute): the idle timeout counts from it. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.tokenHash] })],
);

/** One row per changed field (who, when, entity, field, old → new). */
export const auditLog = pgTable(
  'audit_log',
  {
    districtId: text('district_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    username: text('username').notNull(),
    action: text('action').notNull(), // create | update | delete | submit | approve | return | reopen | import | login ...
    entity: text('entity').notNull(), // school | stats | enrolment | class | user | district ...
    entityKey: text('entity_key').notNull(),
    field: text('field'),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    batchId: text('batch_id'), // groups the rows of one upload or one save
    detail: text('detail'),
    rowCount: integer('row_count'),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), index('audit_log_at').on(t.districtId, t.at)],
);

// ---- Data versions (issue 10, item 16): what the response cache (core/cache) keys computed answers on ----
// Every write to a table an answer is computed from is recorded by a statement-level trigger (migration
// 0005_data_versions.sql): one row in data_changes per district, area and transaction — whoever writes (a route, an
// import job, the CLI in another process, psql). Writes to the large score tables are recorded under the district
// '*', which counts for every district. The version of an area is `base + count(data_changes rows)` of the district
// and of '*': it grows with each committed writing transaction, and writers only insert (no row to lock, so
// concurrent writers never wait for each other or deadlock). Now and then the reader folds the change rows into
// `base` (one statement: the total stays the same).

/** The folded part of each area's version. */
export const dataVersions = pgTable(
  'data_versions',
  {
    districtId: text('district_id').notNull(),
    area: text('area').notNull(), // registry | standards | balance | exams | accounts
    base: bigint('base', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.area] })],
);

/** One row per transaction that changed an area's tables (written by the triggers only). */
export const dataChanges = pgTable(
  'data_changes',
  {
    districtId: text('district_id').notNull(),
    area: text('area').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.area, t.id] })],
);
