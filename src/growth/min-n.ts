// The value-added minimum n: groups (schools, classes) with fewer linked students are flagged, and their figures are
// withheld from every user without pupil-level rights for the group's school (service.ts). A local choice, not a rule
// of any standard: configurable with JUNHENG_VA_MIN_N (a whole number ≥ 1); default 20 (va/effects.ts DEFAULT_MIN_N).
import { DEFAULT_MIN_N } from './va/effects.js';

export function vaMinNOf(value: string | undefined = process.env.JUNHENG_VA_MIN_N): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= 1 ? n : DEFAULT_MIN_N;
}
