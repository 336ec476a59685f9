// A school's strength (办学实力) in junheng-pairing-v1: each component — balance compliance, exam achievement,
// value-added — as a z-score over the schools of the same level group that have it, and the composite as the
// weighted mean of the z-scores the school has (weights.json). A missing component is said (its reason), never
// filled in: the composite is the mean of what there is, and a school with none has no strength.
import type { ComponentScore, MissingReason, PairingGroup, StrengthComponent } from './contract.js';
import { STRENGTH_COMPONENTS } from './contract.js';

/** A component's raw figure of one school, or why it has none. */
export interface RawComponent {
  value: number | null;
  missing: MissingReason | null;
}

/** One school in one level group, with its raw components. */
export interface StrengthInput {
  code: string;
  group: PairingGroup;
  raw: Record<StrengthComponent, RawComponent>;
}

export interface StrengthResult {
  code: string;
  group: PairingGroup;
  components: Record<StrengthComponent, ComponentScore>;
  strength: number | null;
}

/**
 * z_i = (x_i − x̄) / σ with σ the population standard deviation √(Σ(x − x̄)² / n) of the group's values. null when
 * there are fewer than two values or they do not spread (all equal up to rounding noise): a z-score would say nothing.
 */
export function zScores(values: readonly number[]): number[] | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
  const scale = Math.max(1, ...values.map(Math.abs));
  if (!(sd > 1e-12 * scale)) return null;
  return values.map((v) => (v - mean) / sd);
}

/** Σ w_k·z_k / Σ w_k over the components the school has (z not null, weight > 0); null when there is none. */
export function compositeStrength(z: Record<StrengthComponent, number | null>, weights: Record<StrengthComponent, number>): number | null {
  let num = 0;
  let den = 0;
  for (const k of STRENGTH_COMPONENTS) {
    const v = z[k];
    const w = weights[k];
    if (v === null || !(w > 0)) continue;
    num += w * v;
    den += w;
  }
  return den > 0 ? num / den : null;
}

/** The strength of every school of every group: z-scores within the group, then the composite. */
export function strengths(inputs: readonly StrengthInput[], weights: Record<StrengthComponent, number>): StrengthResult[] {
  const out: StrengthResult[] = inputs.map((u) => ({
    code: u.code,
    group: u.group,
    components: Object.fromEntries(STRENGTH_COMPONENTS.map((k) => [k, { raw: u.raw[k].value, z: null, missing: u.raw[k].value === null ? (u.raw[k].missing ?? 'no-data') : null }])) as Record<
      StrengthComponent,
      ComponentScore
    >,
    strength: null,
  }));
  const groups = new Set(inputs.map((u) => u.group));
  for (const g of groups)
    for (const k of STRENGTH_COMPONENTS) {
      const having = out.filter((r) => r.group === g && r.components[k].raw !== null);
      const z = zScores(having.map((r) => r.components[k].raw!));
      having.forEach((r, i) => {
        if (z) r.components[k].z = z[i];
        else r.components[k].missing = 'no-spread';
      });
    }
  for (const r of out) r.strength = compositeStrength(Object.fromEntries(STRENGTH_COMPONENTS.map((k) => [k, r.components[k].z])) as Record<StrengthComponent, number | null>, weights);
  return out;
}
