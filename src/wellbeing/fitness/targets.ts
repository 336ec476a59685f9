// The fitness targets as data: standards/fitness-targets.json holds the default 达标率 target (whole per cent, with
// its source) and standards/fitness-targets.local.json the districts' own targets, keyed by district id, which
// override the default. A rate exactly at the target meets it: passed × 100 ≥ target × pupils, in integers; the
// pupils short of it are ⌈target × pupils / 100⌉ − passed, in integers too.
import fs from 'node:fs';
import { z } from 'zod';

const PassRate = z.object({ percent: z.number().int().min(0).max(100), source: z.string(), sourceEn: z.string() });

export const FitnessTargetsSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  default: z.object({ passRate: PassRate }),
});
export type FitnessTargets = z.infer<typeof FitnessTargetsSchema>;

export const LocalTargetsSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  /** District id → that district's targets. */
  districts: z.record(z.string(), z.object({ name: z.string().optional(), passRate: PassRate })),
});
export type LocalTargets = z.infer<typeof LocalTargetsSchema>;

/** The target one district is measured against, naming the file (id, version) it comes from. */
export interface DistrictTarget {
  id: string;
  version: number;
  percent: number;
  source: string;
  sourceEn: string;
  /** From the local file (the district's own target) rather than the default. */
  local: boolean;
}

const DIR = new URL('../standards/', import.meta.url);

export function loadFitnessTargets(file = 'fitness-targets.json'): FitnessTargets {
  return FitnessTargetsSchema.parse(JSON.parse(fs.readFileSync(new URL(file, DIR), 'utf8')));
}

/** The districts' own targets; null when there is no local file. */
export function loadLocalTargets(file = 'fitness-targets.local.json'): LocalTargets | null {
  const url = new URL(file, DIR);
  if (!fs.existsSync(url)) return null;
  return LocalTargetsSchema.parse(JSON.parse(fs.readFileSync(url, 'utf8')));
}

/** The district's own target when the local file has one, else the default. */
export function targetFor(targets: FitnessTargets, local: LocalTargets | null, districtId: string): DistrictTarget {
  const own = local?.districts[districtId];
  if (own && local) return { id: local.id, version: local.version, ...own.passRate, local: true };
  return { id: targets.id, version: targets.version, ...targets.default.passRate, local: false };
}

/** Does `passed` of `pupils` meet a target of `percent` %? null when no pupil has a total. Integers only. */
export function meetsTarget(passed: number, pupils: number, percent: number): boolean | null {
  if (pupils === 0) return null;
  return passed * 100 >= percent * pupils;
}

/** How many more pupils must pass to meet the target: ⌈percent × pupils / 100⌉ − passed, never below 0. Integers only. */
export function shortOfTarget(passed: number, pupils: number, percent: number): number {
  const need = Math.floor((percent * pupils + 99) / 100);
  return Math.max(0, need - passed);
}
