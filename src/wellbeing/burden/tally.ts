// Additive tallies of homework and sleep per (school, grade, sex; '' when the file has no sex): counts and integer
// sums only, so a school, a grade or the district is the sum of its tallies and a purged year (pupil rows deleted,
// tallies kept: ../retention) reports exactly as before. "Over" and "short" are decided per pupil against the grade's
// limits of the pack named in the tally (id and version), in whole minutes.
import type { TallyRow } from '../retention/kinds.js';
import { homeworkBand, sleepBand } from './bands.js';
import { limitsFor, overHomeworkLimit, shortOfSleep, type BurdenLimits } from './limits.js';

export type BurdenTally = {
  limits: { id: string; version: number };
  /** Records (pupils or questionnaires). */
  records: number;
  /** Records by where they come from. */
  survey: number;
  diary: number;
  homeworkAnswered: number;
  /** Records over the grade's written-homework limit. */
  homeworkOver: number;
  /** Σ minutes of written homework (whole minutes). */
  homeworkMinutes: number;
  /** Counts per homework band of the pack. */
  homeworkBands: number[];
  sleepAnswered: number;
  /** Records short of the grade's sleep target. */
  sleepShort: number;
  /** Σ minutes of sleep (whole minutes). */
  sleepMinutes: number;
  sleepBands: number[];
};

/** One record as the tally reads it: homework in whole minutes, sleep in hours (as stored). */
export interface BurdenRecordIn {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F' | null;
  homeworkMinutes: number | null;
  sleepHours: number | null;
  source: 'survey' | 'diary';
}

/** Stored sleep hours as whole minutes (hours are stored as minutes / 60, so this gives the minutes back). */
export const sleepMinutesOf = (hours: number) => Math.round(Number((hours * 60).toPrecision(12)));

export function emptyTally(pack: Pick<BurdenLimits, 'id' | 'version' | 'homework' | 'sleep'>): BurdenTally {
  return {
    limits: { id: pack.id, version: pack.version },
    records: 0,
    survey: 0,
    diary: 0,
    homeworkAnswered: 0,
    homeworkOver: 0,
    homeworkMinutes: 0,
    homeworkBands: pack.homework.bands.map(() => 0),
    sleepAnswered: 0,
    sleepShort: 0,
    sleepMinutes: 0,
    sleepBands: pack.sleep.bands.map(() => 0),
  };
}

/** The tallies of a year's records, one per (school, grade, sex), in school, grade, sex order. */
export function tallyRecords(pack: BurdenLimits, records: readonly BurdenRecordIn[]): TallyRow<BurdenTally>[] {
  const out = new Map<string, TallyRow<BurdenTally>>();
  for (const r of records) {
    const sex = r.sex ?? '';
    const k = `${r.schoolCode}|${r.grade}|${sex}`;
    let row = out.get(k);
    if (!row) out.set(k, (row = { schoolCode: r.schoolCode, grade: r.grade, sex, tally: emptyTally(pack) }));
    const t = row.tally;
    const lim = limitsFor(pack, r.grade);
    t.records++;
    t[r.source]++;
    if (r.homeworkMinutes !== null) {
      const m = Math.round(r.homeworkMinutes);
      t.homeworkAnswered++;
      t.homeworkMinutes += m;
      if (overHomeworkLimit(m, lim)) t.homeworkOver++;
      t.homeworkBands[homeworkBand(pack, m)]++;
    }
    if (r.sleepHours !== null) {
      const m = sleepMinutesOf(r.sleepHours);
      t.sleepAnswered++;
      t.sleepMinutes += m;
      if (shortOfSleep(m, lim)) t.sleepShort++;
      t.sleepBands[sleepBand(pack, m)]++;
    }
  }
  const sexRank = (s: string) => (s === '' ? 0 : s === 'M' ? 1 : 2);
  return [...out.values()].sort((a, b) => a.schoolCode.localeCompare(b.schoolCode) || a.grade - b.grade || sexRank(a.sex) - sexRank(b.sex));
}

/** a + b, field by field (the limits of `a` kept; the caller lists every pack a sum was made from). */
export function addTally(a: BurdenTally, b: BurdenTally): BurdenTally {
  return {
    limits: a.limits,
    records: a.records + b.records,
    survey: a.survey + b.survey,
    diary: a.diary + b.diary,
    homeworkAnswered: a.homeworkAnswered + b.homeworkAnswered,
    homeworkOver: a.homeworkOver + b.homeworkOver,
    homeworkMinutes: a.homeworkMinutes + b.homeworkMinutes,
    homeworkBands: a.homeworkBands.map((n, i) => n + (b.homeworkBands[i] ?? 0)),
    sleepAnswered: a.sleepAnswered + b.sleepAnswered,
    sleepShort: a.sleepShort + b.sleepShort,
    sleepMinutes: a.sleepMinutes + b.sleepMinutes,
    sleepBands: a.sleepBands.map((n, i) => n + (b.sleepBands[i] ?? 0)),
  };
}
