// For a consolidation candidate (撤并候选) on the map: the nearest other open school that could take its pupils, by
// the great-circle distance of src/planning/geo.ts. Pure.

import { haversineKm, type LatLng } from '../geo.js';

/**
 * Which levels (学段) count as "the same level" when looking for the school a small school's pupils could go to: the
 * schools that teach all of its grades.
 *   - 小学 and 教学点 (grades 1–6 / 1–4): 小学, 九年一贯制, 十二年一贯制 — a 教学点 is no destination (grades 1–4 only,
 *     its pupils move on to a full primary school anyway);
 *   - 初中 and 完全中学 (grades 7–9): 初中, 九年一贯制, 完全中学, 十二年一贯制;
 *   - 九年一贯制 (1–9): 九年一贯制, 十二年一贯制 (only they take both its primary and its junior pupils);
 *   - 十二年一贯制: 十二年一贯制.
 * An unknown level compares with its own level only.
 */
export const RECEIVING_LEVELS: Readonly<Record<string, readonly string[]>> = {
  小学: ['小学', '九年一贯制', '十二年一贯制'],
  教学点: ['小学', '九年一贯制', '十二年一贯制'],
  初中: ['初中', '九年一贯制', '完全中学', '十二年一贯制'],
  完全中学: ['初中', '九年一贯制', '完全中学', '十二年一贯制'],
  九年一贯制: ['九年一贯制', '十二年一贯制'],
  十二年一贯制: ['十二年一贯制'],
};

export const receivingLevels = (level: string): readonly string[] => RECEIVING_LEVELS[level] ?? [level];

export interface Site extends LatLng {
  code: string;
  name: string;
  level: string;
}

export interface Nearest {
  code: string;
  name: string;
  /** Great-circle distance in km (unrounded). */
  km: number;
}

/**
 * The nearest of `others` (not the school itself) whose level can take the school's pupils (RECEIVING_LEVELS); ties
 * go to the smaller code. Null when there is none. `others` should hold open schools with coordinates only.
 */
export function nearestReceiving(school: Site, others: readonly Site[]): Nearest | null {
  const levels = receivingLevels(school.level);
  let best: Nearest | null = null;
  for (const o of others) {
    if (o.code === school.code || !levels.includes(o.level)) continue;
    const km = haversineKm(school, o);
    if (!best || km < best.km || (km === best.km && o.code < best.code)) best = { code: o.code, name: o.name, km };
  }
  return best;
}
