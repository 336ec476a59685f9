// The level groups pairing compares schools in (junheng-pairing-v1). A school is compared with the schools that teach
// the same pupils: 小学 and 教学点 in the primary group, 初中 and 完全中学 (its 初中部; the 高中部 is not compulsory
// education) in the junior group, and a 九年一贯制 or 十二年一贯制 school in both — its 小学部 with the primary
// schools, its 初中部 with the junior ones — as the balance evaluation splits it (src/balance/from-registry.ts).
import type { SchoolLevel } from '../../registry/model.js';
import type { PairingGroup } from './contract.js';

export const GROUPS_OF_LEVEL: Record<SchoolLevel, PairingGroup[]> = {
  小学: ['primary'],
  教学点: ['primary'],
  初中: ['junior'],
  完全中学: ['junior'],
  九年一贯制: ['primary', 'junior'],
  十二年一贯制: ['primary', 'junior'],
};

/** The group of an exam's grade: 1–6 primary, 7–9 junior; null for a senior grade (not compulsory education). */
export function groupOfGrade(grade: number): PairingGroup | null {
  if (grade >= 1 && grade <= 6) return 'primary';
  if (grade >= 7 && grade <= 9) return 'junior';
  return null;
}

/** The group of a balance level (小学 / 初中). */
export const groupOfBalanceLevel = (level: '小学' | '初中'): PairingGroup => (level === '小学' ? 'primary' : 'junior');

/** A balance school code without the section suffix of a 一贯制 school ("2133000009-P" → "2133000009"). */
export const schoolCodeOfSection = (code: string): string => code.replace(/-[PJ]$/, '');
