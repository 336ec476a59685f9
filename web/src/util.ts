// Small helpers shared by pages.
import { useMemo } from 'react';
import { classBand, classBandLabel, standardOfGrade, type ClassBand, type ClassSizeThresholds } from '../../src/registry/class-bands.js';
import { useSession } from './session.js';
import { useI18n } from './i18n.js';

export type { ClassBand };

/** Colours of the class-size bands: within the standard, 超标准班额, 大班额, 超大班额. */
export const BAND_COLORS: Record<ClassBand, string> = {
  within: '#3b82f6',
  over: '#f59e0b',
  large: '#ef4444',
  huge: '#991b1b',
};

/** The national thresholds, used only until /api/meta has answered with the pack's own. */
const FALLBACK: ClassSizeThresholds = { standard: { 小学: 45, 初中: 50 }, large: 56, huge: 66 };

/**
 * The class-size vocabulary of the pack in use (from /api/meta, or the thresholds a list answered with): the band of
 * a class by its own grade's standard, and the bands' labels with their thresholds written out.
 */
export function useClassSize(thresholds?: ClassSizeThresholds | null) {
  const { meta } = useSession();
  const { lang } = useI18n();
  const t = thresholds ?? meta?.classSize ?? FALLBACK;
  return useMemo(
    () => ({
      thresholds: t,
      band: (grade: number, size: number): ClassBand => classBand(t, grade, size),
      standardOf: (grade: number) => standardOfGrade(t, grade),
      label: (b: ClassBand) => classBandLabel(t, b, lang),
    }),
    [t, lang],
  );
}

/** CSS class of a class size by its band: orange above the standard, red for 大班额 and 超大班额. */
export function sizeClass(band: ClassBand | null | undefined): string {
  if (band === 'huge' || band === 'large') return 'jh-size-huge';
  if (band === 'over') return 'jh-size-large';
  return '';
}
export function chipClass(band: ClassBand | null | undefined): string {
  if (band === 'huge' || band === 'large') return 'huge';
  if (band === 'over') return 'large';
  return '';
}
export const bandColor = (band: ClassBand | null | undefined): string => BAND_COLORS[band ?? 'within'];

export const sum = (xs: readonly (number | null | undefined)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

/** a / b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined, times = 1): number | null {
  if (a == null || b == null || !b) return null;
  return (a / b) * times;
}
