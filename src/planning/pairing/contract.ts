// The HTTP contract of planning: pairing (结对帮扶, 教共体 / 集团化; issue 16 item 3). Method junheng-pairing-v1
// (docs/methods/planning-pairing.md): each school's strength from balance compliance, exam results and value-added
// (z-scores within its level group), strong schools (leads) suggested for weak ones (members) by an assignment MIP
// under a distance limit and a number of partners per lead; the bureau confirms pairings with their type and follows
// the share of schools in close pairings against the target. School aggregates only ('planning.read'); confirming
// and removing a pairing is the bureau's ('planning.manage'), audited.
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, Ok, YearParam } from '../../core/http/contract.js';

const tags = ['planning'];

export const PAIRING_METHOD = 'junheng-pairing-v1';
/** 融合型 (merged management), 共建型 (joint building), 协作型 (cooperation): the kinds of 教共体 the seeds name. */
export const PAIRING_TYPES = ['融合型', '共建型', '协作型'] as const;
export type PairingType = (typeof PAIRING_TYPES)[number];
export const PAIRING_TYPE_EN: Record<PairingType, string> = { 融合型: 'Merged', 共建型: 'Joint building', 协作型: 'Cooperation' };
export const PAIRING_GROUPS = ['primary', 'junior'] as const;
export type PairingGroup = (typeof PAIRING_GROUPS)[number];
export const STRENGTH_COMPONENTS = ['compliance', 'exam', 'valueAdded'] as const;
export type StrengthComponent = (typeof STRENGTH_COMPONENTS)[number];
/**
 * Why a component has no z-score: no-source (no evaluation, exam or exam pair of the group for the year), no-data (the
 * school has no figures in it), too-few (fewer pupils than the minimum the exams or growth set), no-standard (the
 * pack sets no per-school standards), no-spread (fewer than two schools of the group have it, or all have the same).
 */
export const MISSING_REASONS = ['no-source', 'no-data', 'too-few', 'no-standard', 'no-spread'] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];

/** The defaults of the suggestion's parameters (method junheng-pairing-v1). */
export const PAIRING_DEFAULTS = { maxKm: 15, maxPartners: 3, ruralBonus: 0.5 } as const;

/** How the page writes the figures (core/format.ts formatNumber). */
export const PAIRING_FIGURES = {
  /** z-scores and strengths (SD units): two decimals, signed. */
  z: { decimals: 2, signed: true },
  /** Gap and complementarity (SD units): two decimals. */
  gap: { decimals: 2 },
  km: { decimals: 1 },
  /** Compliance: the share of indicators met. */
  share: { decimals: 0, percent: true },
  /** Shares of schools against the target: one decimal. */
  target: { decimals: 1, percent: true },
  /** Mean exam score (总分). */
  score: { decimals: 1 },
  /** Value-added effect (SD units). */
  effect: { decimals: 2, signed: true },
  gapPercent: { decimals: 2, percent: true },
} as const;

const SchoolCode = z.string().trim().min(1).max(40);

export const ComponentScoreSchema = z.object({
  /** The school's own figure: the share of indicators met (0–1), the mean 总分, the value-added effect; null when missing. */
  raw: z.number().nullable(),
  /** Its z-score within the level group; null when missing. */
  z: z.number().nullable(),
  missing: z.enum(MISSING_REASONS).nullable(),
});
export type ComponentScore = z.infer<typeof ComponentScoreSchema>;

export const STRENGTH_ROLES = ['lead', 'member', 'middle'] as const;
/** no-strength: no component; no-coordinates: no place to measure distance; confirmed-member: already a member this
 *  year; confirmed-lead-full: leads maxPartners confirmed members already; confirmed-lead: leads a confirmed pairing, so
 *  not suggested as a member. */
export const EXCLUSIONS = ['no-strength', 'no-coordinates', 'confirmed-member', 'confirmed-lead-full', 'confirmed-lead'] as const;

export const StrengthRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  location: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  group: z.enum(PAIRING_GROUPS),
  components: z.object({ compliance: ComponentScoreSchema, exam: ComponentScoreSchema, valueAdded: ComponentScoreSchema }),
  /** The weighted mean of the available z-scores; null when the school has none. */
  strength: z.number().nullable(),
  /** Top third of the group (lead), bottom half (member), or neither; null without a strength. */
  role: z.enum(STRENGTH_ROLES).nullable(),
  /** Why the school takes no part in this suggestion (besides its role); null when it does. */
  excluded: z.enum(EXCLUSIONS).nullable(),
});
export type StrengthRow = z.infer<typeof StrengthRowSchema>;

export const SuggestedPairSchema = z.object({
  group: z.enum(PAIRING_GROUPS),
  leadCode: z.string(),
  leadName: z.string(),
  memberCode: z.string(),
  memberName: z.string(),
  km: z.number(),
  leadStrength: z.number(),
  memberStrength: z.number(),
  /** strength(lead) − strength(member). */
  gap: z.number(),
  /** The 城乡结对 bonus this pair earns (an urban or town lead with a rural member), else 0. */
  bonus: z.number(),
  /** gap + bonus: the pair's weight in the objective. */
  complementarity: z.number(),
});
export type SuggestedPair = z.infer<typeof SuggestedPairSchema>;

const ExamRef = z.object({ id: z.number(), name: z.string(), date: z.string().nullable(), grade: z.number() });
const PairRef = z.object({ fromId: z.number(), fromName: z.string(), toId: z.number(), toName: z.string(), minN: z.number().nullable(), error: z.string().nullable() });

export const SuggestionsSchema = z.object({
  method: z.literal(PAIRING_METHOD),
  year: z.number(),
  params: z.object({ maxKm: z.number(), maxPartners: z.number(), ruralBonus: z.number() }),
  weights: z.object({ version: z.number(), compliance: z.number(), exam: z.number(), valueAdded: z.number() }),
  /** What each component was computed from, per group. */
  sources: z.object({
    balance: z.object({ standard: z.string(), version: z.number() }),
    exams: z.object({ primary: ExamRef.nullable(), junior: ExamRef.nullable() }),
    valueAdded: z.object({ primary: PairRef.nullable(), junior: PairRef.nullable() }),
    /** Exam means of schools with fewer pupils than this are left out (too-few). */
    minExamPupils: z.number(),
  }),
  /** One row per school and group (a 一贯制 school has a row in each). */
  schools: z.array(StrengthRowSchema),
  pairs: z.array(SuggestedPairSchema),
  /** Candidate pairs (same group, within maxKm, lead stronger) the model chose from. */
  candidates: z.number(),
  /** The MIP as HiGHS solved it; null when there was nothing to choose. */
  solver: z.object({ status: z.string(), objective: z.number().nullable(), mipGap: z.number().nullable(), seconds: z.number(), variables: z.number() }).nullable(),
});
export type Suggestions = z.infer<typeof SuggestionsSchema>;

export const PairingSchema = z.object({
  id: z.number(),
  year: z.number(),
  leadCode: z.string(),
  leadName: z.string(),
  memberCode: z.string(),
  memberName: z.string(),
  type: z.enum(PAIRING_TYPES),
  /** A close (紧密型) type of the target: counts towards its share. */
  close: z.boolean(),
  note: z.string().nullable(),
  /** Straight-line distance; null when either school has no coordinates. */
  km: z.number().nullable(),
  confirmedBy: z.string(),
  confirmedAt: z.string(),
});
export type Pairing = z.infer<typeof PairingSchema>;

export const PairingShareSchema = z.object({
  /** Open schools of the district: the denominator. */
  schools: z.number(),
  /** Open schools in any confirmed pairing of the year (lead or member). */
  inPairings: z.number(),
  /** Open schools in a close pairing (the target's types). */
  inClose: z.number(),
  shareAny: z.number().nullable(),
  shareClose: z.number().nullable(),
  pairings: z.number(),
  closePairings: z.number(),
  /** The share of the year's pairings that are close (the document's own count: communities). */
  closePairingShare: z.number().nullable(),
  /** inClose / schools ≥ the target's share, compared in integers; null without schools. */
  meetsTarget: z.boolean().nullable(),
  /** Schools still to bring into close pairings to reach the target (0 when met). */
  schoolsShort: z.number(),
});
export type PairingShare = z.infer<typeof PairingShareSchema>;

export const PairingTargetSchema = z.object({
  id: z.string(),
  version: z.number(),
  share: z.number(),
  closeTypes: z.array(z.enum(PAIRING_TYPES)),
  byYear: z.number(),
  title: z.string(),
  titleEn: z.string(),
  source: z.string(),
  sourceEn: z.string(),
  reading: z.string(),
  readingEn: z.string(),
});

export const PairingsSchema = z.object({
  year: z.number(),
  /** Years with confirmed pairings, latest first. */
  years: z.array(z.number()),
  pairings: z.array(PairingSchema),
  share: PairingShareSchema,
  target: PairingTargetSchema,
});
export type Pairings = z.infer<typeof PairingsSchema>;

export const ConfirmBody = z.object({
  year: z.coerce.number().int().min(1990).max(2100),
  leadCode: SchoolCode,
  memberCode: SchoolCode,
  type: z.enum(PAIRING_TYPES),
  note: z.string().trim().max(500).nullish(),
});
export type ConfirmInput = z.infer<typeof ConfirmBody>;

export const pairingApi = {
  suggestions: endpoint({
    method: 'GET',
    path: '/api/planning/pairing/suggestions',
    summary: '结对建议：各校实力（均衡达标、考试成绩、增值）与建议的强校—弱校结对 / pairing suggestions: school strength and the suggested strong–weak pairs',
    tags,
    policy: { capability: 'planning.read' },
    query: z.object({
      year: YearParam.optional(),
      maxKm: z.coerce.number().positive().max(500).default(PAIRING_DEFAULTS.maxKm),
      maxPartners: z.coerce.number().int().min(1).max(20).default(PAIRING_DEFAULTS.maxPartners),
      ruralBonus: z.coerce.number().min(0).max(10).default(PAIRING_DEFAULTS.ruralBonus),
    }),
    response: SuggestionsSchema,
  }),
  pairings: endpoint({
    method: 'GET',
    path: '/api/planning/pairing/pairings',
    summary: '已确认的结对及参加紧密型结对的学校占比（对照目标）/ confirmed pairings and the share of schools in close pairings against the target',
    tags,
    policy: { capability: 'planning.read' },
    query: z.object({ year: YearParam.optional() }),
    response: PairingsSchema,
  }),
  confirm: endpoint({
    method: 'POST',
    path: '/api/planning/pairing/pairings',
    summary: '确认结对（牵头校、成员校、类型）/ confirm a pairing (lead, member, type)',
    tags,
    policy: { capability: 'planning.manage' },
    body: ConfirmBody,
    response: PairingSchema,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/planning/pairing/pairings/:id',
    summary: '删除一条结对 / remove a pairing',
    tags,
    policy: { capability: 'planning.manage' },
    params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
    response: Ok,
  }),
};
