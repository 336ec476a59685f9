// The data of method junheng-pairing-v1 (docs/methods/planning-pairing.md), read here and never written in code: the
// strength weights (weights.json, versioned) and the pairing target (targets.json: Dinghai's "融合型、共建型教共体比例
// 不低于50%", with its source). Both files are checked when first read.
import fs from 'node:fs';
import { z } from 'zod';
import { PAIRING_METHOD, PAIRING_TYPES } from './contract.js';

const Decimal = z.string().regex(/^\d+(\.\d+)?$/);

export const WeightsSchema = z.object({
  method: z.literal(PAIRING_METHOD),
  version: z.number().int().min(1),
  weights: z.object({ compliance: z.number().min(0), exam: z.number().min(0), valueAdded: z.number().min(0) }),
});
export type StrengthWeights = z.infer<typeof WeightsSchema>;

export const TargetSchema = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  /** The least share of open schools in a close pairing, as a decimal string ("0.5"): compared in integers. */
  share: Decimal,
  closeTypes: z.array(z.enum(PAIRING_TYPES)).min(1),
  byYear: z.number().int(),
  title: z.string(),
  titleEn: z.string(),
  source: z.string(),
  sourceEn: z.string(),
  reading: z.string(),
  readingEn: z.string(),
});
export type PairingTarget = z.infer<typeof TargetSchema>;

const read = (name: string) => JSON.parse(fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as unknown;

let weights: StrengthWeights | null = null;
let target: PairingTarget | null = null;

export function strengthWeights(): StrengthWeights {
  weights ??= WeightsSchema.parse(read('weights.json'));
  return weights;
}

export function pairingTarget(): PairingTarget {
  target ??= TargetSchema.parse(read('targets.json'));
  return target;
}
