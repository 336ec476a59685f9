// The fitness targets as data (standards/fitness-targets.json, a local choice): the 达标率 the district aims at, in
// whole per cent. A rate exactly at the target meets it: the comparison is passed × 100 ≥ target × pupils, in integers.
import fs from 'node:fs';
import { z } from 'zod';

export const FitnessTargetsSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  passRate: z.object({ percent: z.number().int().min(0).max(100), source: z.string(), sourceEn: z.string() }),
});
export type FitnessTargets = z.infer<typeof FitnessTargetsSchema>;

export function loadFitnessTargets(file = 'fitness-targets.json'): FitnessTargets {
  return FitnessTargetsSchema.parse(JSON.parse(fs.readFileSync(new URL(`../standards/${file}`, import.meta.url), 'utf8')));
}

/** Does `passed` of `pupils` meet a target of `percent` %? null when no pupil has a total. Integers only. */
export function meetsTarget(passed: number, pupils: number, percent: number): boolean | null {
  if (pupils === 0) return null;
  return passed * 100 >= percent * pupils;
}
