// The myopia rate of each school's primary (grades 1–6) and junior (7–9) pupils, and of the district's, against the
// level's 2030 target (《综合防控儿童青少年近视实施方案》: 小学 38% 以下, 初中 60% 以下), in integers. A level cell adds
// nothing a caller may not see: it is shown only when it is the school's (district's) own cell (all its pupils in one
// level) and that is shown, or when every grade cell it sums is shown.
import type { VisionRule, SchoolLevel } from './rule.js';
import type { VisionCell } from './cells.js';
import { meetsLevelTarget } from './level-target.js';

export interface LevelCell {
  school: string | null;
  level: SchoolLevel;
  withAcuity: number;
  myopes: number;
  myopiaRate: number | null;
  targetPercent: number;
  meetsTarget: boolean | null;
  /** Rate minus target, percentage points. */
  abovePp: number | null;
  suppressed: boolean;
}

/** Level cells from a year's cells after suppression (grade cells of both sexes, and the school / district cells). */
export function levelCells(cells: readonly VisionCell[], rule: VisionRule): LevelCell[] {
  const out: LevelCell[] = [];
  const owners = [...new Set(cells.map((c) => c.school))];
  for (const school of owners) {
    const own = cells.find((c) => c.school === school && c.grade === null && c.sex === null);
    const grades = cells.filter((c) => c.school === school && c.grade !== null && c.sex === null);
    for (const target of rule.targets.levels) {
      const mine = grades.filter((g) => target.grades.includes(g.grade!));
      if (mine.length === 0) continue;
      const withAcuity = mine.reduce((s, g) => s + g.tally.withAcuity, 0);
      const myopes = mine.reduce((s, g) => s + g.tally.myopes, 0);
      const whole = mine.length === grades.length;
      const shown = whole ? !!own && !own.suppressed : mine.every((g) => !g.suppressed);
      const rate = withAcuity ? myopes / withAcuity : null;
      out.push({
        school,
        level: target.level,
        withAcuity,
        myopes,
        myopiaRate: shown ? rate : null,
        targetPercent: target.percent,
        meetsTarget: shown ? meetsLevelTarget(myopes, withAcuity, target.percent, target.inclusive) : null,
        abovePp: shown && rate !== null ? rate * 100 - target.percent : null,
        suppressed: !shown,
      });
    }
  }
  return out;
}

/** Schools' level cells above their target, furthest first (ties: more pupils first, then school code), at most `n`. */
export function furthestAbove(cells: readonly LevelCell[], n = 10): LevelCell[] {
  return cells
    .filter((c) => c.school !== null && c.meetsTarget === false && c.abovePp !== null)
    .sort((a, b) => b.abovePp! - a.abovePp! || b.withAcuity - a.withAcuity || a.school!.localeCompare(b.school!))
    .slice(0, n);
}
