// 区分度 D (standards.md §4.3, §4.4) between the extreme groups (extreme-groups.ts): objective item D = P_H − P_L
// (shares with the item's full marks); subjective item D = (X̄_H − X̄_L)/W (前27%平均分 − 后27%平均分)/满分值.
// Only members with a score on the item count. (The §4.4 variant (X_H − X_L)/[N(H − L)] scales by the observed range.)
// Paper: Σ D_j·W_j / Σ W_j.
import type { ExtremeGroups } from './extreme-groups.js';

/** null when either group has nobody with a score on the item. */
export function discrimination(scores: Float64Array, full: number, objective: boolean, groups: ExtremeGroups): number | null {
  let nh = 0;
  let sh = 0;
  let nl = 0;
  let sl = 0;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (v !== v) continue;
    const x = objective ? (v >= full ? 1 : 0) : v;
    if (groups.high[i]) {
      nh++;
      sh += x;
    }
    if (groups.low[i]) {
      nl++;
      sl += x;
    }
  }
  if (nh === 0 || nl === 0) return null;
  const d = sh / nh - sl / nl;
  return objective ? d : d / full;
}
