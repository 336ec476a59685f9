// Survey storage: the only place that knows the surveys' SQL (questionnaires, surveys, access codes, responses).
import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { surveyCodes, surveyQuestionnaires, surveyResponses, surveys } from './schema.js';

export type QuestionnaireRow = typeof surveyQuestionnaires.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;

// ---------- questionnaires ----------

export async function questionnaireRows(db: Db, districtId: string, key?: string): Promise<QuestionnaireRow[]> {
  return db
    .select()
    .from(surveyQuestionnaires)
    .where(and(eq(surveyQuestionnaires.districtId, districtId), key === undefined ? undefined : eq(surveyQuestionnaires.key, key)))
    .orderBy(asc(surveyQuestionnaires.key), asc(surveyQuestionnaires.version));
}

export async function questionnaireVersion(db: Db, districtId: string, key: string, version?: number): Promise<QuestionnaireRow | null> {
  const [row] = await db
    .select()
    .from(surveyQuestionnaires)
    .where(and(eq(surveyQuestionnaires.districtId, districtId), eq(surveyQuestionnaires.key, key), version === undefined ? undefined : eq(surveyQuestionnaires.version, version)))
    .orderBy(desc(surveyQuestionnaires.version))
    .limit(1);
  return row ?? null;
}

/**
 * Saves the next version of a questionnaire (1 for a new key) and returns it; null when `expectNew` and the key
 * exists already. Versions are only ever added: a saved version never changes. Two simultaneous saves of one key:
 * the primary key (district, key, version) lets one win, the other fails (the caller answers 409).
 */
export async function addQuestionnaireVersion(db: Db, row: Omit<typeof surveyQuestionnaires.$inferInsert, 'version' | 'createdAt'>, expectNew: boolean): Promise<QuestionnaireRow | null> {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ v: max(surveyQuestionnaires.version) })
      .from(surveyQuestionnaires)
      .where(and(eq(surveyQuestionnaires.districtId, row.districtId), eq(surveyQuestionnaires.key, row.key)));
    const latest = m?.v ?? 0;
    if (expectNew && latest > 0) return null;
    if (!expectNew && latest === 0) return null;
    const [saved] = await tx
      .insert(surveyQuestionnaires)
      .values({ ...row, version: latest + 1 })
      .returning();
    return saved;
  });
}

/** Which surveys pin which questionnaire versions. */
export async function pinnedVersions(db: Db, districtId: string) {
  return db.select({ id: surveys.id, key: surveys.questionnaireKey, version: surveys.questionnaireVersion }).from(surveys).where(eq(surveys.districtId, districtId));
}

// ---------- surveys ----------

export async function surveyRows(db: Db, districtId: string, year?: number): Promise<SurveyRow[]> {
  return db
    .select()
    .from(surveys)
    .where(and(eq(surveys.districtId, districtId), year === undefined ? undefined : eq(surveys.year, year)))
    .orderBy(desc(surveys.year), desc(surveys.id));
}

export async function surveyYears(db: Db, districtId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: surveys.year }).from(surveys).where(eq(surveys.districtId, districtId)).orderBy(desc(surveys.year));
  return rows.map((r) => r.year);
}

export async function surveyRow(db: Db, districtId: string, id: number): Promise<SurveyRow | null> {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.districtId, districtId), eq(surveys.id, id)));
  return row ?? null;
}

export async function insertSurvey(db: Db, row: typeof surveys.$inferInsert): Promise<SurveyRow> {
  const [saved] = await db.insert(surveys).values(row).returning();
  return saved;
}

/** Changes a survey while it is in `status` (null: no row changed, e.g. it moved on meanwhile). */
export async function updateSurveyIf(db: Db, districtId: string, id: number, status: string[], set: Partial<typeof surveys.$inferInsert>): Promise<SurveyRow | null> {
  const [row] = await db
    .update(surveys)
    .set(set)
    .where(and(eq(surveys.districtId, districtId), eq(surveys.id, id), inArray(surveys.status, status)))
    .returning();
  return row ?? null;
}

/** Deletes a draft survey that has no codes (false otherwise). */
export async function deleteDraftSurvey(db: Db, districtId: string, id: number): Promise<boolean> {
  const rows = await db
    .delete(surveys)
    .where(and(eq(surveys.districtId, districtId), eq(surveys.id, id), eq(surveys.status, 'draft'), sql`not exists (select 1 from ${surveyCodes} where ${surveyCodes.surveyId} = ${surveys.id})`))
    .returning({ id: surveys.id });
  return rows.length > 0;
}

// ---------- counts ----------

export interface SchoolCounts {
  schoolCode: string;
  issued: number;
  voided: number;
  used: number;
}

/** Codes per school of a survey: issued, voided (unused when voided) and used. */
export async function codeCounts(db: Db, surveyIds: number[]): Promise<(SchoolCounts & { surveyId: number })[]> {
  if (!surveyIds.length) return [];
  const rows = await db
    .select({
      surveyId: surveyCodes.surveyId,
      schoolCode: surveyCodes.schoolCode,
      issued: count(),
      voided: sql<number>`count(*) filter (where ${surveyCodes.voidedAt} is not null and ${surveyCodes.usedAt} is null)`.mapWith(Number),
      used: sql<number>`count(*) filter (where ${surveyCodes.usedAt} is not null)`.mapWith(Number),
    })
    .from(surveyCodes)
    .where(inArray(surveyCodes.surveyId, surveyIds))
    .groupBy(surveyCodes.surveyId, surveyCodes.schoolCode);
  return rows.map((r) => ({ ...r, issued: Number(r.issued) }));
}

/** Responses per survey and school. */
export async function responseCounts(db: Db, surveyIds: number[]): Promise<{ surveyId: number; schoolCode: string; responses: number }[]> {
  if (!surveyIds.length) return [];
  const rows = await db
    .select({ surveyId: surveyResponses.surveyId, schoolCode: surveyResponses.schoolCode, responses: count() })
    .from(surveyResponses)
    .where(inArray(surveyResponses.surveyId, surveyIds))
    .groupBy(surveyResponses.surveyId, surveyResponses.schoolCode);
  return rows.map((r) => ({ ...r, responses: Number(r.responses) }));
}

// ---------- codes ----------

/**
 * The print batches of a survey, in batch order: size, when issued, when voided. Not how many of a batch were used:
 * a batch handed to a few named people would show who answered (used counts are per school, codeCounts).
 */
export async function batchRows(db: Db, surveyId: number, batch?: number) {
  const rows = await db
    .select({
      batch: surveyCodes.batch,
      schoolCode: surveyCodes.schoolCode,
      count: count(),
      issuedAt: min(surveyCodes.issuedAt),
      voidedAt: max(surveyCodes.voidedAt),
    })
    .from(surveyCodes)
    .where(and(eq(surveyCodes.surveyId, surveyId), batch === undefined ? undefined : eq(surveyCodes.batch, batch)))
    .groupBy(surveyCodes.batch, surveyCodes.schoolCode)
    .orderBy(asc(surveyCodes.batch));
  return rows.map((r) => ({ ...r, count: Number(r.count), issuedAt: r.issuedAt ?? '', voidedAt: r.voidedAt ?? null }));
}

/** Stores the hashes of new codes, one batch per school (numbered after the survey's last batch); the batch numbers. */
export async function insertCodeBatches(db: Db, surveyId: number, batches: { schoolCode: string; hashes: string[] }[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ b: max(surveyCodes.batch) })
      .from(surveyCodes)
      .where(eq(surveyCodes.surveyId, surveyId));
    let next = (m?.b ?? 0) + 1;
    const numbers: number[] = [];
    for (const b of batches) {
      const batch = next++;
      numbers.push(batch);
      const rows = b.hashes.map((codeHash) => ({ codeHash, surveyId, schoolCode: b.schoolCode, batch }));
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(surveyCodes).values(rows.slice(i, i + 1000));
    }
    return numbers;
  });
}

/** Voids the unused codes of a batch; the number voided now. */
export async function voidBatch(db: Db, surveyId: number, batch: number): Promise<number> {
  const rows = await db
    .update(surveyCodes)
    .set({ voidedAt: sql`now()` })
    .where(and(eq(surveyCodes.surveyId, surveyId), eq(surveyCodes.batch, batch), isNull(surveyCodes.usedAt), isNull(surveyCodes.voidedAt)))
    .returning({ h: surveyCodes.codeHash });
  return rows.length;
}

/** A code by its hash, with its survey (any district: a code names its survey). */
export async function codeByHash(db: Db, hash: string) {
  const [row] = await db
    .select({
      surveyId: surveyCodes.surveyId,
      schoolCode: surveyCodes.schoolCode,
      usedAt: surveyCodes.usedAt,
      voidedAt: surveyCodes.voidedAt,
      districtId: surveys.districtId,
      status: surveys.status,
      title: surveys.title,
      year: surveys.year,
      questionnaireKey: surveys.questionnaireKey,
      questionnaireVersion: surveys.questionnaireVersion,
    })
    .from(surveyCodes)
    .innerJoin(surveys, eq(surveys.id, surveyCodes.surveyId))
    .where(eq(surveyCodes.codeHash, hash));
  return row ?? null;
}

/**
 * Spends the code and stores the response, in one transaction: the code is marked used only while it is unused,
 * not void and its survey open (a conditional update: of two simultaneous submits exactly one changes the row);
 * the response carries the school and the day, never the code. `used_at` keeps the day only (midnight), so that
 * the moment a code was spent cannot be matched to the moment a response arrived. false when the code was not spent.
 */
export async function spendCodeAndRespond(db: Db, hash: string, response: { surveyId: number; schoolCode: string; answers: Record<string, string>; day: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const spent = await tx
      .update(surveyCodes)
      .set({ usedAt: sql`${response.day}::date::timestamptz` })
      .where(
        and(
          eq(surveyCodes.codeHash, hash),
          isNull(surveyCodes.usedAt),
          isNull(surveyCodes.voidedAt),
          sql`exists (select 1 from ${surveys} where ${surveys.id} = ${surveyCodes.surveyId} and ${surveys.status} = 'open')`,
        ),
      )
      .returning({ h: surveyCodes.codeHash });
    if (spent.length !== 1) return false;
    await tx.insert(surveyResponses).values({ surveyId: response.surveyId, schoolCode: response.schoolCode, answers: response.answers, submittedOn: response.day });
    return true;
  });
}

/**
 * Closes an open survey (null when it is not open) and, in the same transaction, unlinks its responses from the order
 * in which its codes were spent. While a survey is open, a response and the code it spent are written by one
 * transaction (the same xmin on both rows) and serial response ids follow the order codes were spent: someone who can
 * read the database's system columns could pair a response with a code's batch (a school's slips, a date). On
 * closing, every response is deleted and inserted again in a random order (crypto.randomInt, Fisher–Yates): new ids,
 * one xmin for all; and every used code is rewritten (the same value) in the same transaction: one xmin for all of
 * them too. What remains: while the survey is open a database administrator could still correlate the two (the
 * schema keeps a serial id and the code table must mark a code used at the moment it is spent); the application
 * never does, and after closing nothing in the rows links them.
 */
export async function closeSurvey(db: Db, districtId: string, id: number, closedAt: string): Promise<SurveyRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(surveys)
      .set({ status: 'closed', closedAt })
      .where(and(eq(surveys.districtId, districtId), eq(surveys.id, id), eq(surveys.status, 'open')))
      .returning();
    if (!row) return null;
    const rows = await tx
      .select({ schoolCode: surveyResponses.schoolCode, answers: surveyResponses.answers, submittedOn: surveyResponses.submittedOn })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, id));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    await tx.delete(surveyResponses).where(eq(surveyResponses.surveyId, id));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(surveyResponses).values(rows.slice(i, i + 500).map((r) => ({ surveyId: id, ...r })));
    await tx
      .update(surveyCodes)
      .set({ usedAt: sql`${surveyCodes.usedAt}` })
      .where(and(eq(surveyCodes.surveyId, id), isNotNull(surveyCodes.usedAt)));
    return row;
  });
}

/** The answers of a survey's responses (school and answers only). */
export async function responseRows(db: Db, surveyId: number): Promise<{ schoolCode: string; answers: Record<string, unknown> }[]> {
  return db.select({ schoolCode: surveyResponses.schoolCode, answers: surveyResponses.answers }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
}

/** Demo: marks codes used (on the given days) and stores responses in bulk, in one transaction. */
export async function bulkSpendAndRespond(
  db: Db,
  surveyId: number,
  spent: { hash: string; day: string }[],
  responses: { schoolCode: string; answers: Record<string, string>; day: string }[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const byDay = new Map<string, string[]>();
    for (const c of spent) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c.hash]);
    for (const [day, hashes] of byDay)
      for (let i = 0; i < hashes.length; i += 1000)
        await tx
          .update(surveyCodes)
          .set({ usedAt: sql`${day}::date::timestamptz` })
          .where(and(eq(surveyCodes.surveyId, surveyId), inArray(surveyCodes.codeHash, hashes.slice(i, i + 1000)), isNull(surveyCodes.usedAt)));
    const rows = responses.map((r) => ({ surveyId, schoolCode: r.schoolCode, answers: r.answers, submittedOn: r.day }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(surveyResponses).values(rows.slice(i, i + 500));
  });
}
