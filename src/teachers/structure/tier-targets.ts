// 梯队 against its targets (src/teachers/targets.ts tiers: 教育家型 3 / 卓越 9 / 领航 90 / 骨干 120 / 新秀 300, the
// Yancheng seed): per tier the district's count of 专任 teachers, met ⇔ count ≥ target, short = max(0, target − count).
// Pure: the web imports it.
import { TIERS, type Tier } from '../model.js';
import type { TeacherTargets } from '../targets.js';
import type { StructureTier } from './contract.js';

export function tierTargets(counts: Record<Tier, number>, targets: Pick<TeacherTargets, 'tiers'>): StructureTier[] {
  return TIERS.map((tier) => {
    const count = counts[tier];
    const target = targets.tiers[tier];
    return { tier, count, target, met: count >= target, short: Math.max(0, target - count) };
  });
}
