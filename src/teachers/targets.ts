// The teacher targets as versioned data (targets/teacher-targets-v1.json, each value with its source): the 骨干 and
// postgraduate shares, the training hours, the 梯队 counts and the yearly exchange rules. Pure module: the web imports it.
import pack from './targets/teacher-targets-v1.json' with { type: 'json' };
import { BACKBONE_LEVELS, TIERS, type BackboneLevel, type Tier } from './model.js';

export interface TeacherTargets {
  id: string;
  version: number;
  sources: Record<string, string>;
  /** 骨干 (of these levels) / 专任教师 ≥ min. */
  backboneShare: { min: number; levels: BackboneLevel[] };
  /** 研究生学历 / 专任教师 ≥ min. */
  postgraduateShare: { min: number };
  /** Hours per calendar year, and over the last windowYears years (this one included). */
  training: { yearHours: number; windowYears: number; windowHours: number };
  /** District-wide count per 梯队 tier. */
  tiers: Record<Tier, number>;
  /** 交流轮岗: movers ≥ rate × eligible; 骨干 ≥ backboneShare × movers; eligible: years at the school ≥ minYears, age < maxAge. */
  exchange: { rate: number; backboneShare: number; minYears: number; maxAge: number };
}

function checked(p: TeacherTargets): TeacherTargets {
  if (!p.backboneShare.levels.every((l) => (BACKBONE_LEVELS as readonly string[]).includes(l))) throw new Error(`${p.id}: unknown 骨干 level`);
  if (!TIERS.every((t) => Number.isInteger(p.tiers[t]) && p.tiers[t] >= 0)) throw new Error(`${p.id}: every tier needs a whole count`);
  return p;
}

/** The default teacher targets (version 1). */
export const TEACHER_TARGETS: TeacherTargets = checked(pack as TeacherTargets);
