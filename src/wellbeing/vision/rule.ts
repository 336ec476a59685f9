// The screening-myopia rule and the myopia targets as data (screening-myopia.json: id, version and a source per value).
// Every stored result names the rule id and version it was judged with; the report names the targets it compares with.
import fs from 'node:fs';
import { z } from 'zod';

const Sourced = <T extends z.ZodType>(value: T) => z.object({ value, source: z.string(), status: z.literal('UNCONFIRMED').optional(), grade: z.string().optional() });
const Range = z.object({ min: z.number(), max: z.number(), source: z.string() });
const LevelTarget = z.object({
  level: z.enum(['小学', '初中']),
  grades: z.array(z.number().int().min(1).max(9)),
  percent: z.number().int().min(0).max(100),
  /** A rate exactly at the target meets it (“38%以下” includes 38 %). */
  inclusive: z.boolean(),
  by: z.number().int(),
  source: z.string(),
  sourceEn: z.string(),
  grade: z.string().optional(),
});

export const VisionRuleSchema = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  title: z.string(),
  titleEn: z.string(),
  definition: z.object({
    ucvaBelow: Sourced(z.number()),
    seAtMost: Sourced(z.number()),
    seInclusive: Sourced(z.boolean()),
    minAge: Sourced(z.number().int()),
    eitherEye: Sourced(z.literal(true)),
    acuityOnlyWithoutSe: Sourced(z.literal(true)),
  }),
  acuity: z.object({ fivePoint: Range, decimal: Range }),
  targets: z.object({
    yearlyChange: z.object({
      pp: z.number(),
      source: z.string(),
      sourceEn: z.string(),
      grade: z.string().optional(),
      /** Two years are compared against the target only when measured alike: acuity-only shares within this many points, the same rule versions. */
      comparability: z.object({ acuityOnlySharePp: z.number().int().min(0), source: z.string(), sourceEn: z.string() }),
    }),
    levels: z.array(LevelTarget).min(1),
    unconfirmed: z.array(
      z.object({
        level: z.enum(['小学', '初中']),
        percent: z.number().int().min(0).max(100),
        inclusive: z.boolean(),
        by: z.number().int(),
        status: z.literal('UNCONFIRMED'),
        source: z.string(),
        sourceEn: z.string(),
      }),
    ),
  }),
});
export type VisionRule = z.infer<typeof VisionRuleSchema>;
export type SchoolLevel = '小学' | '初中';

export function loadVisionRule(file = 'screening-myopia.json'): VisionRule {
  return VisionRuleSchema.parse(JSON.parse(fs.readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')));
}

/** The rule's thresholds in integers, as the classification compares them: tenths of the 5-point record, thousandths of a dioptre. */
export interface Thresholds {
  /** UCVA below this (tenths: 50 = 5.0) is reduced acuity. */
  ucvaBelowTenths: number;
  /** SE at most (or below, when not inclusive) this many thousandths of a dioptre (−500 = −0.50 D). */
  seMilli: number;
  seInclusive: boolean;
}

export const thresholdsOf = (rule: VisionRule): Thresholds => ({
  ucvaBelowTenths: Math.round(rule.definition.ucvaBelow.value * 10),
  seMilli: Math.round(rule.definition.seAtMost.value * 1000),
  seInclusive: rule.definition.seInclusive.value,
});
