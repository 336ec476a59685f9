// The structure counts of a roster (教师队伍结构): over 专任 teachers only (issue 13: shares and targets are over 专任)
// — age bands (age = Y − birth year), 职称, 中级及以上 (一级 and above), 骨干 (县/市/省 only: 校级 not counted),
// 研究生, 梯队 tier; plus every post's headcount. Sums of schools give the district. Pure: the web imports it.
import { INTERMEDIATE_TITLES, TIERS, TITLES, type RosterTeacher, type Tier, type Title } from '../model.js';
import type { TeacherTargets } from '../targets.js';
import { ageBandOf } from './age-bands.js';
import { AGE_BANDS, type AgeBand } from './contract.js';

export interface StructureCounts {
  /** Every roster row of the year (专任, 行政, 工勤). */
  staff: number;
  /** 专任教师: the denominator of every share. */
  fullTime: number;
  ageBands: Record<AgeBand, number>;
  titles: Record<Title, number>;
  /** 中级及以上职称 (一级, 高级, 正高级). */
  intermediate: number;
  /** 骨干 of the targets' levels (县 / 市 / 省). */
  backbone: number;
  postgraduate: number;
  tiers: Record<Tier, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export const emptyCounts = (): StructureCounts => ({
  staff: 0,
  fullTime: 0,
  ageBands: zeros(AGE_BANDS),
  titles: zeros(TITLES),
  intermediate: 0,
  backbone: 0,
  postgraduate: 0,
  tiers: zeros(TIERS),
});

/** What the counts read of a roster row. */
export type CountedRow = Pick<RosterTeacher, 'birthYear' | 'post' | 'qualification' | 'title' | 'backboneLevel' | 'tier' | 'section'>;

/** The counts of one school's roster of year Y; the 骨干 levels counted come from the targets pack. */
export function structureCounts(rows: readonly CountedRow[], year: number, targets: Pick<TeacherTargets, 'backboneShare'>): StructureCounts {
  const c = emptyCounts();
  const levels: readonly string[] = targets.backboneShare.levels;
  for (const r of rows) {
    c.staff++;
    if (r.post !== '专任') continue;
    c.fullTime++;
    c.ageBands[ageBandOf(year, r.birthYear)]++;
    c.titles[r.title]++;
    if (INTERMEDIATE_TITLES.includes(r.title)) c.intermediate++;
    if (r.backboneLevel !== null && levels.includes(r.backboneLevel)) c.backbone++;
    if (r.qualification === '研究生') c.postgraduate++;
    if (r.tier !== null) c.tiers[r.tier]++;
  }
  return c;
}

/** Σ of the schools' counts (the district's). */
export function sumCounts(all: readonly StructureCounts[]): StructureCounts {
  const s = emptyCounts();
  for (const c of all) {
    s.staff += c.staff;
    s.fullTime += c.fullTime;
    s.intermediate += c.intermediate;
    s.backbone += c.backbone;
    s.postgraduate += c.postgraduate;
    for (const k of AGE_BANDS) s.ageBands[k] += c.ageBands[k];
    for (const k of TITLES) s.titles[k] += c.titles[k];
    for (const k of TIERS) s.tiers[k] += c.tiers[k];
  }
  return s;
}
