// Balance tables: a district's local standards packs (every save is a new, immutable version) and
// saved evaluations, each recording the pack id and version it used.
import { bigserial, integer, jsonb, pgTable, primaryKey, text, timestamp, index } from 'drizzle-orm/pg-core';
import { districts } from '../core/schema.js';

export const standardPacks = pgTable(
  'standard_packs',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    extendsId: text('extends_id').notNull(),
    extendsVersion: integer('extends_version').notNull(),
    name: text('name').notNull(),
    /** The LocalPackInput as saved: name, basis, the base pack's id and the overrides. */
    body: jsonb('body').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id, t.version] })],
);

export const balanceEvaluations = pgTable(
  'balance_evaluations',
  {
    districtId: text('district_id')
      .notNull()
      .references(() => districts.districtId),
    id: bigserial('id', { mode: 'number' }).notNull(),
    year: integer('year').notNull(),
    standardId: text('standard_id').notNull(),
    standardVersion: integer('standard_version').notNull(),
    note: text('note'),
    /** The evaluation as computed (levels, indicators, schools, gaps) and the resolved pack. */
    result: jsonb('result').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), index('balance_evaluations_year').on(t.districtId, t.year)],
);
