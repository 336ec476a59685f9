// The two axes of the quadrant chart per school: achievement = mean exit z-score of its linked students (gain/), growth
// = its value-added effect (va/). Schools missing on either axis are left out; suppressed schools keep their flag.
import type { StudentGain } from '../gain/student-gain.js';
import type { EffectRow } from '../va/effects.js';
import type { SchoolPoint } from './quadrants.js';

export function schoolPoints(gains: readonly StudentGain[], effects: readonly EffectRow[]): (SchoolPoint & { n: number; suppressed: boolean })[] {
  const sum = new Map<string, { z: number; n: number }>();
  for (const g of gains) {
    const s = sum.get(g.school) ?? { z: 0, n: 0 };
    s.z += g.exitZ;
    s.n++;
    sum.set(g.school, s);
  }
  return effects.flatMap((e) => {
    const s = sum.get(e.group);
    return s ? [{ school: e.group, achievement: s.z / s.n, growth: e.effect, n: e.n, suppressed: e.suppressed }] : [];
  });
}
