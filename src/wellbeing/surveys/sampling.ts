// The sampling plan of a satisfaction survey (method sampling-v1, sampling.json): strata = schools, a simple random
// sample of each school's population N for a stated margin of error e at a confidence level, p = 0.5 (the largest
// variance, so the size holds whatever the true rate). Cochran (1977) §4.4 and §5.6 — see sampling.json.
import type { Plan, PlanSchool } from './contract.js';
import { SAMPLING } from './data.js';

export const SAMPLING_METHOD = { id: 'sampling-v1' as const, version: SAMPLING.version, source: SAMPLING.source };
export const SAMPLING_DEFAULTS = SAMPLING.defaults;

/** z of a two-sided confidence level (90, 95, 99 percent). */
export function zOf(confidencePercent: number): number {
  const z = SAMPLING.z[String(confidencePercent)];
  if (z === undefined) throw new Error(`no z for confidence ${confidencePercent} %`);
  return z;
}

/** ⌈x⌉ without float noise: 197.00000000000003 → 197 (the 1e-9 absorbs rounding in z²·p·q/e²). */
const ceil = (x: number) => Math.ceil(x - 1e-9);

/** n₀ = z²·p(1−p)/e² (Cochran 1977, eq. 4.2), e as a share (0.05). */
export const n0Of = (z: number, e: number, p = SAMPLING.p) => (z * z * p * (1 - p)) / (e * e);

/** n = ⌈n₀ / (1 + (n₀ − 1)/N)⌉ (finite population correction, Cochran 1977 eq. 4.3); 0 when N = 0; never above N. */
export function sampleSize(n0: number, N: number): number {
  if (N <= 0) return 0;
  return Math.min(N, ceil(n0 / (1 + (n0 - 1) / N)));
}

/**
 * Codes to issue for n responses at an expected response rate r (a share): ⌈n / r⌉, but never more than N — a school
 * cannot hand out more slips than it has members of the population (one per pupil, parent or teacher). When the cap
 * binds, every member gets a code (a census) and the expected responses ⌊N·r⌋ fall short of n: the plan says so
 * (census) rather than printing slips nobody can receive.
 */
export function codesToIssue(n: number, N: number, ratePercent: number): { codes: number; census: boolean; expected: number } {
  if (n <= 0 || N <= 0) return { codes: 0, census: false, expected: 0 };
  const wanted = ceil((n * 100) / ratePercent);
  const codes = Math.min(N, wanted);
  const expected = Math.floor((codes * ratePercent) / 100 + 1e-9);
  return { codes, census: codes >= N, expected };
}

/** The margin (a share) of a proportion from n answers of N: z·√(p·q/n · (N − n)/(N − 1)); 0 for a census; null when n = 0. */
export function marginOf(z: number, n: number, N: number, p = SAMPLING.p): number | null {
  if (n <= 0) return null;
  const fpc = N <= 1 || n >= N ? 0 : (N - n) / (N - 1);
  return z * Math.sqrt(((p * (1 - p)) / n) * fpc);
}

/**
 * The margin (a share) of the district's stratified estimate (Cochran 1977 eq. 5.6 for proportions):
 * z·√(Σ_h W_h² · p·q/n_h · (N_h − n_h)/(N_h − 1)), W_h = N_h/N. null when a stratum with members has no answers
 * (the district estimate then does not cover it) or the district has no population.
 */
export function stratifiedMargin(z: number, strata: readonly { N: number; n: number }[], p = SAMPLING.p): number | null {
  const total = strata.reduce((s, h) => s + Math.max(0, h.N), 0);
  if (total <= 0) return null;
  let v = 0;
  for (const h of strata) {
    if (h.N <= 0) continue;
    if (h.n <= 0) return null;
    const W = h.N / total;
    const fpc = h.N <= 1 || h.n >= h.N ? 0 : (h.N - h.n) / (h.N - 1);
    v += W * W * ((p * (1 - p)) / h.n) * fpc;
  }
  return z * Math.sqrt(v);
}

export interface PlanChoice {
  confidencePercent: number;
  marginPercent: number;
  responseRatePercent: number;
  populationYear: number;
  schools: { schoolCode: string; schoolName: string | null; population: number; populationSource: 'registry' | 'typed' }[];
}

/** The plan per school and for the district; percentages as percent points rounded to 0.01 only on display. */
export function computePlan(c: PlanChoice, now = new Date()): Plan {
  const z = zOf(c.confidencePercent);
  const n0 = n0Of(z, c.marginPercent / 100);
  const schools: PlanSchool[] = c.schools.map((s) => {
    const n = sampleSize(n0, s.population);
    const k = codesToIssue(n, s.population, c.responseRatePercent);
    const m = marginOf(z, n, s.population);
    return {
      schoolCode: s.schoolCode,
      schoolName: s.schoolName,
      population: s.population,
      populationSource: s.populationSource,
      n0,
      sampleSize: n,
      codesToIssue: k.codes,
      census: k.census,
      expectedResponses: k.expected,
      marginPercent: m === null ? null : m * 100,
    };
  });
  const dm = stratifiedMargin(
    z,
    schools.map((s) => ({ N: s.population, n: s.sampleSize })),
  );
  return {
    method: SAMPLING_METHOD,
    confidencePercent: c.confidencePercent,
    z,
    marginPercent: c.marginPercent,
    p: SAMPLING.p,
    responseRatePercent: c.responseRatePercent,
    schools,
    district: {
      population: schools.reduce((a, s) => a + s.population, 0),
      sampleSize: schools.reduce((a, s) => a + s.sampleSize, 0),
      codesToIssue: schools.reduce((a, s) => a + s.codesToIssue, 0),
      marginPercent: dm === null ? null : dm * 100,
    },
    populationYear: c.populationYear,
    computedAt: now.toISOString(),
  };
}

/** The grades whose enrolment is a questionnaire's default population: pupils from grade 3, parents of every grade. */
export function populationGrades(audience: string): number[] {
  if (audience === 'student') return [3, 4, 5, 6, 7, 8, 9];
  if (audience === 'parent') return [1, 2, 3, 4, 5, 6, 7, 8, 9];
  return [];
}
