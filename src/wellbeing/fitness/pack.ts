// The fitness standard as data: 《国家学生体质健康标准（2014年修订）》 (src/wellbeing/standards/fitness-2014.json,
// with each table's sources and status). This file reads the parts scoring needs and checks their shape; the
// tables themselves are never written in code.
import fs from 'node:fs';
import { z } from 'zod';

export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

/** How far a table is confirmed (the pack's status legend): only tables with rows can score. */
export const TableStatus = z.enum(['verified', 'partial', 'single-source', 'not-found']);

const Table = z.object({
  status: TableStatus,
  sources: z.array(z.string()),
  /** [points, threshold] in the pack's score-row order (100 … 10); a null threshold: no such row in the official table. */
  rows: z.array(z.tuple([z.number(), z.number().nullable()])).nullable(),
});

const BmiTable = z.object({
  normal: z.tuple([z.number(), z.number()]),
  underweight_max: z.number(),
  overweight: z.tuple([z.number(), z.number()]),
  obese_min: z.number(),
  status: z.string(),
});

const Bonus = z.object({
  grades: z.array(z.number()),
  sexes: z.array(z.enum(SEXES)),
  max_points: z.number(),
  status: z.string(),
  rule: z.literal('per_step').optional(),
  reps_per_point: z.number().optional(),
  /** [bonus points, extra reps (or seconds faster) beyond the 100-point threshold]. */
  increments: z.array(z.tuple([z.number(), z.number()])).optional(),
});

export const FitnessPackSchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  weights: z.array(z.object({ band: z.string(), grades: z.array(z.number()), M: z.record(z.string(), z.number()), F: z.record(z.string(), z.number()) })),
  levels: z.object({ total_score_levels: z.array(z.object({ level: z.string(), min: z.number().optional(), max: z.number().optional() })) }),
  bmi: z.object({ points: z.object({ normal: z.number(), underweight: z.number(), overweight: z.number(), obese: z.number() }), tables: z.record(z.string(), BmiTable) }),
  items: z.record(z.string(), z.object({ name_zh: z.string(), unit: z.string(), better: z.enum(['higher', 'lower']), tables: z.record(z.string(), Table) })),
  bonus: z.object({ total_cap: z.number() }).catchall(z.unknown()),
});
export type FitnessPack = z.infer<typeof FitnessPackSchema>;
export type BonusRule = z.infer<typeof Bonus>;

/** The bonus rules of the pack (each item with grades, sexes, cap and increments). */
const parsedBonus = new WeakMap<FitnessPack, Record<string, BonusRule>>();

/** The pack's bonus rules, parsed once per pack (scoring calls this for every pupil). */
export function bonusRules(pack: FitnessPack): Record<string, BonusRule> {
  const known = parsedBonus.get(pack);
  if (known) return known;
  const out: Record<string, BonusRule> = {};
  for (const [k, v] of Object.entries(pack.bonus)) if (k !== 'total_cap' && v && typeof v === 'object' && 'max_points' in v) out[k] = Bonus.parse(v);
  parsedBonus.set(pack, out);
  return out;
}

const DIR = new URL('../standards/', import.meta.url);

/** The national pack as shipped (id national-2014). */
export function loadFitnessPack(file = 'fitness-2014.json'): FitnessPack {
  return FitnessPackSchema.parse(JSON.parse(fs.readFileSync(new URL(file, DIR), 'utf8')));
}
