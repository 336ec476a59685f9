// The myopia report of a school year, from the additive tallies of every year (pupil rows tallied, or the stored
// tallies of a purged year): the year's cells (cells.ts) with small cells withheld for the caller, the level cells
// against the 2030 targets (level-cells.ts), the trend of the district and each school over the years, and the
// change against the year before and against the first year (change.ts; not judged when the years were measured
// differently) — every part cut to the caller's schools.
import type { TallyRow } from '../retention/kinds.js';
import type { Who } from '../privacy.js';
import type { VisionCellWire, VisionChangeWire, VisionLevelCellWire, VisionReport, VisionTrendWire } from './contract.js';
import type { VisionRule } from './rule.js';
import type { VisionTally } from './tally.js';
import { suppressVisionCells, visionCells, type VisionCell } from './cells.js';
import { furthestAbove, levelCells, type LevelCell } from './level-cells.js';
import { notComparable, tenthsOfPp, yearlyChange } from './change.js';

export interface ReportInput {
  rule: VisionRule;
  /** The year to show (null: nothing imported). */
  year: number | null;
  /** Every year with results, latest first. */
  years: number[];
  /** Each year's tallies (every year of `years`). */
  tallies: Map<number, TallyRow<VisionTally>[]>;
  /** Years whose figures come from stored tallies (pupil rows purged). */
  purged: Set<number>;
  user: Who & { schools: 'all' | string[] };
  minCellSize: number;
  names: Map<string, string>;
}

export function visionReport(input: ReportInput): VisionReport {
  const { rule, year, user, minCellSize: min, names } = input;
  const inScope = (school: string | null) => school === null || user.schools === 'all' || user.schools.includes(school);
  const nameOf = (school: string | null) => (school === null ? null : (names.get(school) ?? null));
  const cellsOf = (y: number) => suppressVisionCells(user, visionCells(input.tallies.get(y) ?? [], rule), min);
  const shown = year === null ? [] : cellsOf(year);
  const levels = year === null ? [] : levelCells(shown, rule);

  // The trend: the district and school cells of every year, oldest first.
  const ascending = [...input.years].sort((a, b) => a - b);
  const perYear = new Map(ascending.map((y) => [y, y === year ? shown : cellsOf(y)] as const));
  const owners = [...new Set([...perYear.values()].flatMap((cs) => cs.filter((c) => c.grade === null && c.sex === null).map((c) => c.school)))]
    .filter(inScope)
    .sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const totalOf = (y: number, school: string | null) => perYear.get(y)?.find((c) => c.school === school && c.grade === null && c.sex === null);
  const trend: VisionTrendWire[] = owners.map((school) => ({
    school,
    schoolName: nameOf(school),
    points: ascending.flatMap((y) => {
      const c = totalOf(y, school);
      return c ? [{ year: y, withAcuity: c.tally.withAcuity, acuityOnly: c.tally.acuityOnly, myopiaRate: c.myopiaRate, suppressed: c.suppressed }] : [];
    }),
  }));

  // The change against the year before (only a consecutive year: the target is per year) and against the first year
  // with results (the baseline; target: −0.5 points × the years between). Not judged against the target when the two
  // years were measured differently (other rule version, or acuity-only shares apart by more than the pack allows).
  const comparability = rule.targets.yearlyChange.comparability;
  const changeOf = (from: number, to: number, school: string | null): VisionChangeWire | null => {
    const now = totalOf(to, school);
    const before = totalOf(from, school);
    if (!now || !before) return null;
    const hidden = now.suppressed || before.suppressed;
    const targetTenths = tenthsOfPp(rule.targets.yearlyChange.pp) * (to - from);
    const ch = hidden ? null : yearlyChange(before.tally.myopes, before.tally.withAcuity, now.tally.myopes, now.tally.withAcuity, targetTenths);
    const why = hidden ? null : notComparable(before.tally, now.tally, comparability.acuityOnlySharePp);
    return {
      school,
      schoolName: nameOf(school),
      from,
      to,
      changePp: ch?.changePp ?? null,
      meetsTarget: why === null ? (ch?.meetsTarget ?? null) : null,
      targetPp: targetTenths / 10,
      notComparable: why,
      suppressed: hidden,
    };
  };
  const changes: VisionChangeWire[] = [];
  const sinceFirst: VisionChangeWire[] = [];
  const first = ascending[0];
  if (year !== null)
    for (const school of owners) {
      const c = perYear.has(year - 1) ? changeOf(year - 1, year, school) : null;
      if (c) changes.push(c);
      const b = first !== undefined && first < year - 1 ? changeOf(first, year, school) : null;
      if (b) sinceFirst.push(b);
    }

  const judged = new Map<string, number>();
  for (const c of shown) if (c.school === null && c.grade === null) for (const [k, n] of Object.entries(c.tally.rules)) judged.set(k, (judged.get(k) ?? 0) + n);
  const levelWire = (c: LevelCell): VisionLevelCellWire => ({
    school: c.school,
    schoolName: nameOf(c.school),
    level: c.level,
    withAcuity: c.withAcuity,
    myopiaRate: c.myopiaRate,
    targetPercent: c.targetPercent,
    meetsTarget: c.meetsTarget,
    abovePp: c.abovePp,
    suppressed: c.suppressed,
  });
  const target = (t: { level: '小学' | '初中'; percent: number; inclusive: boolean; by: number; source: string; sourceEn: string }) => ({
    level: t.level,
    percent: t.percent,
    inclusive: t.inclusive,
    by: t.by,
    source: t.source,
    sourceEn: t.sourceEn,
  });
  return {
    year,
    years: input.years,
    rule: {
      id: rule.id,
      version: rule.version,
      title: rule.title,
      titleEn: rule.titleEn,
      ucvaBelow: rule.definition.ucvaBelow.value,
      seAtMost: rule.definition.seAtMost.value,
      seInclusive: rule.definition.seInclusive.value,
      seInclusiveUnconfirmed: rule.definition.seInclusive.status === 'UNCONFIRMED',
    },
    judgedWith: [...judged].map(([k, pupils]) => {
      const at = k.lastIndexOf('@');
      return { id: k.slice(0, at), version: Number(k.slice(at + 1)), pupils };
    }),
    fromTallies: year !== null && input.purged.has(year),
    targets: {
      yearlyChangePp: rule.targets.yearlyChange.pp,
      source: rule.targets.yearlyChange.source,
      sourceEn: rule.targets.yearlyChange.sourceEn,
      comparableAcuityOnlyPp: comparability.acuityOnlySharePp,
      comparableSource: comparability.source,
      comparableSourceEn: comparability.sourceEn,
      levels: rule.targets.levels.map(target),
      unconfirmed: rule.targets.unconfirmed.map(target),
    },
    minCellSize: min,
    cells: shown.filter((c) => inScope(c.school)).map((c) => cellWire(c, nameOf(c.school))),
    levels: levels.filter((c) => inScope(c.school)).map(levelWire),
    trend,
    changes,
    sinceFirst,
    furthestAbove: furthestAbove(levels.filter((c) => inScope(c.school))).map(levelWire),
  };
}

/** A cell as sent: a withheld cell keeps its pupils screened, with an acuity and acuity-only; its outcomes are gone. */
function cellWire(c: VisionCell, schoolName: string | null): VisionCellWire {
  const t = c.tally;
  return {
    school: c.school,
    schoolName,
    grade: c.grade,
    sex: c.sex,
    screened: t.screened,
    withAcuity: t.withAcuity,
    acuityOnly: t.acuityOnly,
    myopes: c.suppressed ? null : t.myopes,
    myopesAcuityOnly: c.suppressed ? null : t.myopesAcuityOnly,
    myopiaRate: c.myopiaRate,
    reducedRate: c.reducedRate,
    glassesRate: c.glassesRate,
    targetPercent: c.targetPercent,
    meetsTarget: c.meetsTarget,
    suppressed: c.suppressed,
  };
}
