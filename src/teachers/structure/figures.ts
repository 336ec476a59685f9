// The figures of one school or the district from its structure counts: each count with its share of 专任 teachers
// (count / 专任), 骨干 and 研究生 against the targets' shares (share-target.ts: whole teachers, exactly the target meets
// it), 骨干 and 中级+ per 100 students. Pure: the web imports it.
import { TIERS, TITLES } from '../model.js';
import type { TeacherTargets } from '../targets.js';
import { AGE_BANDS, type StructureFigures } from './contract.js';
import type { StructureCounts } from './counts.js';
import { perHundredStudents } from './per-hundred.js';
import { shareTarget } from './share-target.js';

/** count / 专任; null without 专任 teachers. */
const shareOf = (count: number, fullTime: number): number | null => (fullTime > 0 ? count / fullTime : null);

export function structureFigures(c: StructureCounts, students: number | null, targets: Pick<TeacherTargets, 'backboneShare' | 'postgraduateShare'>): StructureFigures {
  const f = c.fullTime;
  const backbone = shareTarget(c.backbone, f, targets.backboneShare.min);
  const postgraduate = shareTarget(c.postgraduate, f, targets.postgraduateShare.min);
  return {
    staff: c.staff,
    fullTime: f,
    ageBands: AGE_BANDS.map((band) => ({ band, count: c.ageBands[band], share: shareOf(c.ageBands[band], f) })),
    titles: TITLES.map((title) => ({ title, count: c.titles[title], share: shareOf(c.titles[title], f) })),
    intermediate: { count: c.intermediate, share: shareOf(c.intermediate, f) },
    backbone: { count: c.backbone, ...backbone },
    postgraduate: { count: c.postgraduate, ...postgraduate },
    backbonePer100: perHundredStudents(c.backbone, students),
    intermediatePer100: perHundredStudents(c.intermediate, students),
    tiers: TIERS.map((tier) => ({ tier, count: c.tiers[tier] })),
  };
}
