// The demo county's 梯队 (five-tier pipeline): somewhat fewer teachers in each tier than the targets ask (the bureau
// is building it up), each tier from the plausible teachers: the top tiers from the 省 / 市 骨干 with senior titles,
// the middle from the 县 / 市 骨干, the 新秀 (rising) tier from the young. Pure and seeded.
import { TEACHER_TARGETS } from '../targets.js';
import { TIERS, type RosterTeacher, type Tier } from '../model.js';
import { rngOf } from './rng.js';

/** The share of each tier's target the demo reaches (70–90 %). */
const REACHED: readonly [number, number] = [0.7, 0.9];

/** Who may hold a tier, by position in TIERS (highest first). */
const FITS: ((t: RosterTeacher, age: number) => boolean)[] = [
  (t, age) => t.backboneLevel === '省' && (t.title === '高级' || t.title === '正高级') && age >= 45,
  (t, age) => (t.backboneLevel === '省' || t.backboneLevel === '市') && t.title !== '二级' && age >= 38,
  (t, age) => (t.backboneLevel === '市' || t.backboneLevel === '县') && age >= 33,
  (t, age) => (t.backboneLevel === '县' || t.backboneLevel === '校') && age >= 30,
  (t, age) => age < 35 && (t.backboneLevel === null || t.backboneLevel === '校'),
];

/** The demo's count per tier: the target times a seeded share, rounded down (so always below the target). */
export function demoTierCounts(): Record<Tier, number> {
  const rng = rngOf('tiers');
  return Object.fromEntries(TIERS.map((tier) => [tier, Math.floor(TEACHER_TARGETS.tiers[tier] * (REACHED[0] + (REACHED[1] - REACHED[0]) * rng.next()))])) as Record<Tier, number>;
}

/** Sets `tier` on the chosen 专任 rows of public schools (in place); the counts reached per tier. */
export function assignTiers(rows: RosterTeacher[], year: number, publicSchools: ReadonlySet<string>, counts: Record<Tier, number> = demoTierCounts()): Record<Tier, number> {
  const rng = rngOf('tiers', year);
  const reached = {} as Record<Tier, number>;
  TIERS.forEach((tier, k) => {
    const pool = rng.shuffle(rows.filter((t) => t.tier === null && t.post === '专任' && publicSchools.has(t.schoolCode) && FITS[k](t, year - t.birthYear)));
    const chosen = pool.slice(0, counts[tier]);
    for (const t of chosen) t.tier = tier;
    reached[tier] = chosen.length;
  });
  return reached;
}
