// The shapes of standards packs (zod): built-in files, local packs' inputs and overrides. Pure (zod only),
// so that the HTTP contract (contract.ts) and the web import them; standards.ts loads and resolves packs.
import { z } from 'zod';

/** The pack an evaluation uses when none is named. */
export const DEFAULT_STANDARD = 'national-2017-quality';
export const BUILT_IN_STANDARDS = ['national-2017-quality', 'national-2012-basic'] as const;
export const isBuiltIn = (id: string) => (BUILT_IN_STANDARDS as readonly string[]).includes(id);
export const BALANCE_LEVELS = ['小学', '初中'] as const;
export type BalanceLevel = (typeof BALANCE_LEVELS)[number];

const Decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number written as a string, e.g. "4.2"');
const ByLevel = z.object({ 小学: Decimal, 初中: Decimal });
const IntByLevel = z.object({ 小学: z.number().int().min(1), 初中: z.number().int().min(1) });
const PackId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, e.g. "dinghai-2025"');

export const IndicatorSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/),
  zh: z.string(),
  en: z.string(),
  /** The unit of the resource and of a gap to it (人, m², 元, 间 …). */
  unitZh: z.string(),
  unitEn: z.string(),
  /** The unit of the indicator's value as the standard defines it (人/百生, m²/生 …); derived from unit and scale when absent. */
  valueUnitZh: z.string().optional(),
  valueUnitEn: z.string().optional(),
  /** Decimals the value (its mean, SD and standard) is written with everywhere (src/balance/figures.ts). */
  decimals: z.number().int().min(0).max(6).optional(),
  scale: z.union([z.literal(1), z.literal(100)]),
  count: z.boolean(), // counted in whole units (teachers, rooms): gaps round up to integers
  fields: z.array(z.string()).min(1), // registry fields summed into the numerator
  /** Per-school standard; absent when the pack only measures balance (2012 基本均衡). */
  threshold: ByLevel.optional(),
});

export const StandardPackSchema = z.object({
  id: PackId,
  version: z.number().int().min(1),
  name: z.string(),
  nameEn: z.string(),
  basis: z.string(),
  /** For a local pack: the built-in pack it overrides, and that pack's version. */
  extends: z.object({ id: z.string(), version: z.number().int() }).optional(),
  levels: z.array(z.enum(BALANCE_LEVELS)),
  indicators: z.array(IndicatorSchema).min(1),
  /** Per-school compliance (2017): ≥ minMet standards met, the others ≥ remainderMinShare of theirs. */
  schoolRule: z.object({ minMet: z.number().int().min(0), remainderMinShare: Decimal, remainderNote: z.string().optional() }).optional(),
  /** "each": every indicator's 差异系数 ≤ limit (2017); "composite": the mean of them ≤ limit (2012 综合差异系数). */
  cvRule: z.enum(['each', 'composite']).default('each'),
  cvLimit: ByLevel,
  exclusions: z.object({ teachingPointMinStudents: z.number().int().min(0) }),
  classSize: z.object({ standard: IntByLevel, large: z.number().int(), huge: z.number().int(), note: z.string().optional() }),
  /** 政府保障 items the registry can answer (2017). */
  guarantees: z
    .object({
      /** 学校规模: students of the compulsory sections; 一贯制 schools use maxThroughTrain. */
      schoolSize: z.object({ max: z.number().int().min(1), maxThroughTrain: z.number().int().min(1) }),
      /** 音乐、美术专用教室: at least one of each per `classesPerRoom` classes (rounded up). */
      specialRooms: z.object({ classesPerRoom: z.number().int().min(1), fields: z.array(z.string()).min(1) }),
      note: z.string().optional(),
    })
    .optional(),
  /** Yuan per unit of each indicator's numerator, used only to rank the plan's choices (configurable assumptions). */
  unitCosts: z.record(z.string(), z.number().min(0)).optional(),
});
export type StandardPack = z.infer<typeof StandardPackSchema>;
export type Indicator = StandardPack['indicators'][number];

/** What a district may change in a local pack; everything else is inherited from the built-in pack. */
export const PackOverridesSchema = z
  .object({
    cvLimit: ByLevel.partial().optional(),
    thresholds: z.record(z.string(), ByLevel.partial()).optional(),
    schoolRule: z
      .object({ minMet: z.number().int().min(0), remainderMinShare: Decimal })
      .partial()
      .optional(),
    classSize: z.object({ standard: IntByLevel.partial().optional(), large: z.number().int().optional(), huge: z.number().int().optional() }).optional(),
    schoolSize: z
      .object({ max: z.number().int().min(1), maxThroughTrain: z.number().int().min(1) })
      .partial()
      .optional(),
    unitCosts: z.record(z.string(), z.number().min(0)).optional(),
  })
  .strict();
export type PackOverrides = z.infer<typeof PackOverridesSchema>;

export const LocalPackInputSchema = z.object({
  id: PackId,
  name: z.string().min(1).max(200),
  nameEn: z.string().max(200).default(''),
  basis: z.string().max(2000).default(''),
  extends: z.string(),
  overrides: PackOverridesSchema,
});
export type LocalPackInput = z.infer<typeof LocalPackInputSchema>;
