// A myopia rate against a school level's 2030 target (《综合防控儿童青少年近视实施方案》 2018: 小学 38% 以下, 初中 60%
// 以下; “以下” includes the number itself): myopes·100 ≤ percent·pupils (< when the target is not inclusive), in integers.
import type { SchoolLevel, VisionRule } from './rule.js';

/** The level of a grade by the rule's targets (1–6 小学, 7–9 初中), or null when no target names it. */
export function levelOfGrade(rule: VisionRule, grade: number): SchoolLevel | null {
  return rule.targets.levels.find((l) => l.grades.includes(grade))?.level ?? null;
}

/** Does m myopes of n pupils meet the target? null when n is 0. */
export function meetsLevelTarget(m: number, n: number, percent: number, inclusive: boolean): boolean | null {
  if (n === 0) return null;
  return inclusive ? m * 100 <= percent * n : m * 100 < percent * n;
}
