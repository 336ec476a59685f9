// The jobs table: one row per import (exam scores, the registry's statistics workbook), so that a job outlives the
// process that ran it. Scoped by district like every table. A job holds a summary (counts, file name), never the
// rows it imports: no names, no 学籍号.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const JOB_KINDS = ['exam-import', 'registry-import'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
/** queued → running → done | failed; a job the server abandoned (crash, stop) ends as interrupted. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATES)[number];

export const jobs = pgTable(
  'jobs',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(), // a UUID
    kind: text('kind').notNull(), // JOB_KINDS
    state: text('state').notNull(), // JOB_STATES
    /** The step within the kind (an exam import: reading, checking, analysing, writing), and its progress. */
    phase: text('phase').notNull().default('queued'),
    done: bigint('done', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    /** For people: why it failed or was interrupted ('中文 / English'). */
    message: text('message'),
    username: text('username').notNull(),
    /** What the job works on, e.g. { examId: 3, fileName: '中考.xlsx' }. */
    subject: jsonb('subject').notNull().default({}),
    /** The outcome's summary (counts, seconds), or null. */
    result: jsonb('result'),
    /** A failed job: { status, code, message } as the HTTP API would answer. */
    error: jsonb('error'),
    /** A failed import: how many problems the file had (the list itself is answered once, not stored). */
    problemCount: integer('problem_count'),
    /** The process running the job: host/pid/nonce; a restart recognises its own abandoned jobs by it. */
    owner: text('owner').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** Heartbeat: the last progress or keep-alive write of the running job. */
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('jobs_unfinished')
      .on(t.state)
      .where(sql`state in ('queued', 'running')`),
  ],
);
