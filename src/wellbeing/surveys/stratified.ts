// The district's recognition rate under the sampling plan (stratified by school): p̂_st = Σ_h W_h p̂_h, W_h = N_h / N
// (the plan's populations), with the variance of the stratified proportion v = Σ_h W_h² p̂_h q̂_h / n_h · (N_h − n_h)/(N_h − 1)
// (Cochran 1977 §5.6, the same form as the plan's margin, sampling.ts stratifiedMargin) and the normal interval
// p̂_st ± z√v. The pooled share Σ recognising / Σ answered is biased when small schools are oversampled (their n_h/N_h
// is larger): a large school at 80 % and small ones at 95 % would pool above the gate while the population is below.
// p̂_h = recognising_h / answered_h (counted answers); n_h = the school's respondents (one person's answers are not
// independent, as in recognition.ts). A planned school without counted answers cannot be estimated: the weights are
// taken over the schools that have answers (W_h = N_h / Σ N of those) and the others are named (leftOut).
import type { Rate } from './contract.js';

export interface Stratum {
  schoolCode: string;
  /** The plan's population N_h (> 0). */
  population: number;
  recognising: number;
  answered: number;
  respondents: number;
}

/** 100·Σ W_h r_h/a_h ≥ T, compared exactly: 100·Σ N_h r_h (D/a_h) ≥ T·N·D with D = Π a_h (BigInt: no float drift). */
export function stratifiedMeetsGate(strata: readonly Pick<Stratum, 'population' | 'recognising' | 'answered'>[], thresholdPercent: number): boolean | null {
  const used = strata.filter((s) => s.population > 0 && s.answered > 0);
  if (!used.length) return null;
  const D = used.reduce((d, s) => d * BigInt(s.answered), 1n);
  const N = used.reduce((n, s) => n + BigInt(s.population), 0n);
  const num = used.reduce((a, s) => a + BigInt(s.population) * BigInt(s.recognising) * (D / BigInt(s.answered)), 0n);
  return 100n * num >= BigInt(thresholdPercent) * N * D;
}

/**
 * The stratified rate of the strata with answers. Counts (recognising, answered, respondents) are `totals` — every
 * answer of the district, as the tables show them; rate, interval and gate are the weighted estimate.
 */
export function stratifiedRate(strata: readonly Stratum[], totals: Pick<Rate, 'recognising' | 'answered' | 'respondents'>, thresholdPercent: number, z: number): { rate: Rate; leftOut: string[] } {
  const used = strata.filter((s) => s.population > 0 && s.answered > 0 && s.respondents > 0);
  const leftOut = strata.filter((s) => !used.includes(s)).map((s) => s.schoolCode);
  const N = used.reduce((a, s) => a + s.population, 0);
  if (!used.length || N <= 0) return { rate: { ...totals, rate: null, low: null, high: null, meetsGate: null }, leftOut };
  let p = 0;
  let v = 0;
  for (const s of used) {
    const W = s.population / N;
    const ph = s.recognising / s.answered;
    const n = s.respondents;
    const fpc = s.population <= 1 || n >= s.population ? 0 : (s.population - n) / (s.population - 1);
    p += W * ph;
    v += ((W * W * ph * (1 - ph)) / n) * fpc;
  }
  const half = z * Math.sqrt(v);
  return {
    rate: { ...totals, rate: 100 * p, low: 100 * Math.max(0, p - half), high: 100 * Math.min(1, p + half), meetsGate: stratifiedMeetsGate(used, thresholdPercent) },
    leftOut,
  };
}
