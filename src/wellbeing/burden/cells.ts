// The report cells of a year from its tallies: the district and each school, in all and per grade and per grade and
// sex, with the share over the homework limit (over / answered), the share short of sleep, the mean minutes of
// homework and the mean hours of sleep, and the distribution over the bands. A grade cell also says whether its mean
// is within the grade's limit (Σ minutes ≤ limit × answered: the policy's "平均完成时间不超过" in integers) and whether
// the mean sleep meets the target (Σ minutes ≥ target × answered). Records without sex count in the grade and school
// cells, not in a sex cell. Small cells: withheld for a caller without pupil-level rights for the school (../privacy.ts),
// the homework figures by the pupils who answered the homework question and the sleep figures by those who answered
// the sleep question — each figure by its own denominator, each with its own complementary cells (a cell of 11
// records of which one answered shows neither that one pupil's homework nor sleep).
import type { TallyRow } from '../retention/kinds.js';
import { cellsToSuppress, type Who } from '../privacy.js';
import { limitsFor, type BurdenLimits } from './limits.js';
import { addTally, type BurdenTally } from './tally.js';

export interface BurdenCell {
  /** null: the district. */
  school: string | null;
  /** null: every grade. */
  grade: number | null;
  /** null: both sexes (and records without sex). */
  sex: 'M' | 'F' | null;
  records: number;
  survey: number;
  diary: number;
  homeworkAnswered: number;
  homeworkOver: number | null;
  /** homeworkOver / homeworkAnswered (0–1); null when nobody answered or withheld. */
  overShare: number | null;
  /** Mean minutes of written homework. */
  meanHomework: number | null;
  /** The grade's limit in minutes (grade cells only). */
  homeworkLimit: number | null;
  /** Σ minutes ≤ limit × answered (grade cells only). */
  meanWithinLimit: boolean | null;
  sleepAnswered: number;
  sleepShort: number | null;
  sleepShortShare: number | null;
  /** Mean hours of sleep. */
  meanSleep: number | null;
  /** The grade's sleep target in hours (grade cells only). */
  sleepTarget: number | null;
  /** Σ sleep minutes ≥ target × answered (grade cells only). */
  meanSleepMeets: boolean | null;
  homeworkBands: number[] | null;
  sleepBands: number[] | null;
  /** The homework figures are withheld (few answered the homework question). */
  homeworkSuppressed: boolean;
  /** The sleep figures are withheld (few answered the sleep question). */
  sleepSuppressed: boolean;
  /** Any figure withheld. */
  suppressed: boolean;
}

const key = (school: string | null, grade: number | null, sex: string | null) => `${school ?? '*'}|${grade ?? '*'}|${sex ?? '*'}`;

/** Every cell of the year before suppression: district first, then schools in code order; all grades, then each grade and its sexes. */
export function burdenCells(pack: BurdenLimits, tallies: readonly TallyRow<BurdenTally>[]): BurdenCell[] {
  const acc = new Map<string, { school: string | null; grade: number | null; sex: 'M' | 'F' | null; t: BurdenTally }>();
  for (const row of tallies) {
    const sex = row.sex === '' ? null : row.sex;
    for (const school of [null, row.schoolCode])
      for (const [grade, s] of [[null, null], [row.grade, null], ...(sex ? [[row.grade, sex]] : [])] as [number | null, 'M' | 'F' | null][]) {
        const k = key(school, grade, s);
        const a = acc.get(k);
        if (a) a.t = addTally(a.t, row.tally);
        else acc.set(k, { school, grade, sex: s, t: row.tally });
      }
  }
  const sexRank = (s: string | null) => (s === null ? 0 : s === 'M' ? 1 : 2);
  return [...acc.values()]
    .sort((x, y) => (x.school ?? '').localeCompare(y.school ?? '') || (x.grade ?? 0) - (y.grade ?? 0) || sexRank(x.sex) - sexRank(y.sex))
    .map(({ school, grade, sex, t }) => {
      const lim = grade === null ? null : limitsFor(pack, grade);
      return {
        school,
        grade,
        sex,
        records: t.records,
        survey: t.survey,
        diary: t.diary,
        homeworkAnswered: t.homeworkAnswered,
        homeworkOver: t.homeworkOver,
        overShare: t.homeworkAnswered ? t.homeworkOver / t.homeworkAnswered : null,
        meanHomework: t.homeworkAnswered ? t.homeworkMinutes / t.homeworkAnswered : null,
        homeworkLimit: lim ? lim.homeworkMaxMinutes : null,
        meanWithinLimit: lim && t.homeworkAnswered ? t.homeworkMinutes <= lim.homeworkMaxMinutes * t.homeworkAnswered : null,
        sleepAnswered: t.sleepAnswered,
        sleepShort: t.sleepShort,
        sleepShortShare: t.sleepAnswered ? t.sleepShort / t.sleepAnswered : null,
        meanSleep: t.sleepAnswered ? t.sleepMinutes / t.sleepAnswered / 60 : null,
        sleepTarget: lim ? lim.sleepMinMinutes / 60 : null,
        meanSleepMeets: lim && t.sleepAnswered ? t.sleepMinutes >= lim.sleepMinMinutes * t.sleepAnswered : null,
        homeworkBands: [...t.homeworkBands],
        sleepBands: [...t.sleepBands],
        homeworkSuppressed: false,
        sleepSuppressed: false,
        suppressed: false,
      };
    });
}

const homeworkWithheld = (c: BurdenCell): BurdenCell => ({
  ...c,
  homeworkOver: null,
  overShare: null,
  meanHomework: null,
  meanWithinLimit: null,
  homeworkBands: null,
  homeworkSuppressed: true,
  suppressed: true,
});

const sleepWithheld = (c: BurdenCell): BurdenCell => ({
  ...c,
  sleepShort: null,
  sleepShortShare: null,
  meanSleep: null,
  meanSleepMeets: null,
  sleepBands: null,
  sleepSuppressed: true,
  suppressed: true,
});

/** The cells with small cells withheld for this caller: homework figures by the homework answers, sleep figures by the sleep answers (counts stay). */
export function suppressBurdenCells(user: Who, cells: readonly BurdenCell[], min: number): BurdenCell[] {
  const hw = cellsToSuppress(user, cells, min, (c) => c.homeworkAnswered);
  const sl = cellsToSuppress(user, cells, min, (c) => c.sleepAnswered);
  return cells.map((c, i) => {
    let out = c;
    if (hw.has(i)) out = homeworkWithheld(out);
    if (sl.has(i)) out = sleepWithheld(out);
    return out;
  });
}
