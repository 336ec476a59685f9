// Storage of the tallies kept for purged years (wellbeing_tallies) and of the retention setting: the only SQL of these tables.
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import type { TallyKind, TallyRow } from './kinds.js';
import { wellbeingSettings, wellbeingTallies } from './schema.js';

/** The tallies stored for a purged year of a kind ([] when the year was never purged). */
export async function storedTallies<T = Record<string, unknown>>(db: Db, districtId: string, kind: TallyKind, year: number): Promise<TallyRow<T>[]> {
  const rows = await db
    .select()
    .from(wellbeingTallies)
    .where(and(eq(wellbeingTallies.districtId, districtId), eq(wellbeingTallies.kind, kind), eq(wellbeingTallies.year, year)));
  return rows.map((r) => ({ schoolCode: r.schoolCode, grade: r.grade, sex: r.sex as TallyRow['sex'], tally: r.tally as T }));
}

/** The purged years of a kind (those with stored tallies), latest first. */
export async function tallyYears(db: Db, districtId: string, kind: TallyKind): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: wellbeingTallies.year })
    .from(wellbeingTallies)
    .where(and(eq(wellbeingTallies.districtId, districtId), eq(wellbeingTallies.kind, kind)))
    .orderBy(desc(wellbeingTallies.year));
  return rows.map((r) => r.year);
}

/** Writes a purged year's tallies (replacing any of the same kind and year), within the caller's transaction. */
export async function writeTallies(tx: Db, districtId: string, kind: TallyKind, year: number, tallies: TallyRow[]): Promise<void> {
  await tx.delete(wellbeingTallies).where(and(eq(wellbeingTallies.districtId, districtId), eq(wellbeingTallies.kind, kind), eq(wellbeingTallies.year, year)));
  for (let i = 0; i < tallies.length; i += 500)
    await tx.insert(wellbeingTallies).values(tallies.slice(i, i + 500).map((t) => ({ districtId, kind, year, schoolCode: t.schoolCode, grade: t.grade, sex: t.sex, tally: t.tally })));
}

export async function retentionSetting(db: Db, districtId: string) {
  const [row] = await db.select().from(wellbeingSettings).where(eq(wellbeingSettings.districtId, districtId));
  return row ?? null;
}

export async function saveRetentionSetting(db: Db, districtId: string, retentionYears: number | null, username: string): Promise<void> {
  await db
    .insert(wellbeingSettings)
    .values({ districtId, retentionYears, updatedBy: username })
    .onConflictDoUpdate({ target: wellbeingSettings.districtId, set: { retentionYears, updatedBy: username, updatedAt: new Date().toISOString() } });
}

/** The districts with a retention setting (the ones a scheduled purge visits). */
export async function districtsWithRetention(db: Db): Promise<string[]> {
  const rows = await db.select({ districtId: wellbeingSettings.districtId }).from(wellbeingSettings).where(isNotNull(wellbeingSettings.retentionYears));
  return rows.map((r) => r.districtId);
}
