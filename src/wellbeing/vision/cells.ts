// The report's cells of one school year from its tallies: the district and each school, overall, per grade and per
// grade and sex — pupils screened, with an acuity, acuity-only; myopes and the 筛查性近视率 (myopes / pupils with an
// acuity), the 视力不良率 and the share wearing glasses; a grade cell against its level's 2030 target (integers).
// Small cells: withheld for a caller without pupil-level health rights for the school (../privacy.ts) when any rate
// shown has a small denominator: counted by the smallest non-zero denominator — the pupils with an acuity (myopia and
// reduced-acuity rates), or when none has an acuity, the pupils screened (the glasses rate's denominator), so that a
// cell of 3 pupils screened without an acuity does not show their glasses rate.
import type { TallyRow } from '../retention/kinds.js';
import { cellsToSuppress, type Who } from '../privacy.js';
import type { VisionRule } from './rule.js';
import { addTally, emptyTally, type VisionTally } from './tally.js';
import { meetsLevelTarget } from './level-target.js';

export interface VisionCell {
  school: string | null;
  grade: number | null;
  sex: 'M' | 'F' | null;
  tally: VisionTally;
  myopiaRate: number | null;
  reducedRate: number | null;
  glassesRate: number | null;
  targetPercent: number | null;
  meetsTarget: boolean | null;
  suppressed: boolean;
}

const key = (school: string | null, grade: number | null, sex: string | null) => `${school ?? '*'}|${grade ?? '*'}|${sex ?? '*'}`;
const sexRank = (s: string | null) => (s === null ? 0 : s === 'M' ? 1 : 2);

/** The sums of the tallies per cell: district first, then schools in code order; grades ascending; both sexes, boys, girls. */
export function sumCells(tallies: readonly TallyRow<VisionTally>[]): { school: string | null; grade: number | null; sex: 'M' | 'F' | null; tally: VisionTally }[] {
  const acc = new Map<string, { school: string | null; grade: number | null; sex: 'M' | 'F' | null; tally: VisionTally }>();
  for (const t of tallies) {
    const sex = t.sex === '' ? null : t.sex;
    for (const school of [null, t.schoolCode])
      for (const [grade, s] of [[null, null], [t.grade, null], ...(sex ? [[t.grade, sex]] : [])] as [number | null, 'M' | 'F' | null][]) {
        const k = key(school, grade, s);
        const a = acc.get(k);
        acc.set(k, { school, grade, sex: s, tally: addTally(a?.tally ?? emptyTally(), t.tally) });
      }
  }
  return [...acc.values()].sort((x, y) => (x.school ?? '').localeCompare(y.school ?? '') || (x.grade ?? 0) - (y.grade ?? 0) || sexRank(x.sex) - sexRank(y.sex));
}

const share = (k: number, n: number) => (n ? k / n : null);

/** Every cell of the year, before suppression. */
export function visionCells(tallies: readonly TallyRow<VisionTally>[], rule: VisionRule): VisionCell[] {
  return sumCells(tallies).map(({ school, grade, sex, tally }) => {
    const target = grade === null ? null : (rule.targets.levels.find((l) => l.grades.includes(grade)) ?? null);
    return {
      school,
      grade,
      sex,
      tally,
      myopiaRate: share(tally.myopes, tally.withAcuity),
      reducedRate: share(tally.reduced, tally.withAcuity),
      glassesRate: share(tally.glasses, tally.screened),
      targetPercent: target?.percent ?? null,
      meetsTarget: target ? meetsLevelTarget(tally.myopes, tally.withAcuity, target.percent, target.inclusive) : null,
      suppressed: false,
    };
  });
}

/** The cells with small cells withheld for this caller (rates and outcome counts gone; pupils screened and with an acuity kept). */
export function suppressVisionCells(user: Who, cells: readonly VisionCell[], min: number): VisionCell[] {
  const out = cellsToSuppress(user, cells, min, (c) => c.tally.withAcuity || c.tally.screened);
  return cells.map((c, i) => (out.has(i) ? { ...c, myopiaRate: null, reducedRate: null, glassesRate: null, meetsTarget: null, suppressed: true } : c));
}
