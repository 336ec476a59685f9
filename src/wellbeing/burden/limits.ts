// The homework and sleep limits as data (limits.json, id 'double-reduction'): written homework per school day —
// grades 1–2 none, 3–6 ≤ 60 min, 7–9 ≤ 90 min (双减意见, 2021-07); sleep — 小学 ≥ 10 h, 初中 ≥ 9 h (教基厅函〔2021〕11号);
// the bands of the distributions and the plausible ranges of the import. Limits are read here, never written in code.
// Everything is compared in whole minutes: a value exactly at the limit meets it.
import fs from 'node:fs';
import { z } from 'zod';

const Grades = z.array(z.number().int().min(1).max(9)).min(1);

export const BurdenLimitsSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  titleEn: z.string(),
  homework: z.object({
    unit: z.string(),
    limits: z.array(z.object({ grades: Grades, maxMinutes: z.number().int().min(0), rule_zh: z.string(), rule_en: z.string(), source: z.string() })),
    bands: z.array(z.object({ min: z.number().int().min(0), max: z.number().int().nullable(), label: z.string() })).min(1),
    plausible: z.object({ min: z.number().int(), max: z.number().int(), source: z.string() }),
  }),
  sleep: z.object({
    unit: z.string(),
    targets: z.array(z.object({ grades: Grades, minHours: z.number().positive(), rule_zh: z.string(), rule_en: z.string(), source: z.string() })),
    bands: z.array(z.object({ minMinutes: z.number().int().nullable(), belowMinutes: z.number().int().nullable(), label: z.string() })).min(1),
    plausible: z.object({ minHours: z.number(), maxHours: z.number(), source: z.string() }),
  }),
  rounding: z.string(),
  sources: z.record(
    z.string(),
    z.object({
      title: z.string(),
      titleEn: z.string(),
      issued: z.string().nullable(),
      clause: z.string().nullable(),
      official: z.string().nullable(),
      copies: z.array(z.string()),
      note: z.string(),
    }),
  ),
});
export type BurdenLimits = z.infer<typeof BurdenLimitsSchema>;

let loaded: BurdenLimits | null = null;

/** The limits pack (limits.json), read and checked once: every grade 1–9 has one homework limit and one sleep target, every source is named. */
export function loadBurdenLimits(): BurdenLimits {
  if (loaded) return loaded;
  const pack = BurdenLimitsSchema.parse(JSON.parse(fs.readFileSync(new URL('./limits.json', import.meta.url), 'utf8')));
  for (let g = 1; g <= 9; g++) {
    if (pack.homework.limits.filter((l) => l.grades.includes(g)).length !== 1) throw new Error(`limits.json: grade ${g} needs exactly one homework limit`);
    if (pack.sleep.targets.filter((l) => l.grades.includes(g)).length !== 1) throw new Error(`limits.json: grade ${g} needs exactly one sleep target`);
  }
  for (const s of [...pack.homework.limits, ...pack.sleep.targets].map((l) => l.source).concat(pack.homework.plausible.source, pack.sleep.plausible.source))
    if (!pack.sources[s]) throw new Error(`limits.json: unknown source ${s}`);
  loaded = pack;
  return pack;
}

/** The limits of one grade in whole minutes: the most written homework a school day allows, the least sleep a night needs. */
export interface GradeLimits {
  homeworkMaxMinutes: number;
  sleepMinMinutes: number;
}

export function limitsFor(pack: BurdenLimits, grade: number): GradeLimits {
  const hw = pack.homework.limits.find((l) => l.grades.includes(grade));
  const sl = pack.sleep.targets.find((l) => l.grades.includes(grade));
  if (!hw || !sl) throw new Error(`no limits for grade ${grade}`);
  return { homeworkMaxMinutes: hw.maxMinutes, sleepMinMinutes: Math.round(sl.minHours * 60) };
}

/** Over the homework limit: minutes > the grade's maximum (exactly at it is within; grades 1–2: any minute is over). */
export const overHomeworkLimit = (minutes: number, l: GradeLimits): boolean => minutes > l.homeworkMaxMinutes;

/** Short of the sleep target: minutes < the grade's minimum (exactly at it meets it). */
export const shortOfSleep = (minutes: number, l: GradeLimits): boolean => minutes < l.sleepMinMinutes;
