// Small helpers shared by pages.

/** Colours of the district's class-size bands (docs/api.md classSizeBands). */
export const BAND_COLORS: Record<string, string> = {
  '≤45': '#3b82f6',
  '46–50': '#fbbf24',
  '51–55': '#f59e0b',
  '56–65': '#ef4444',
  '≥66': '#991b1b',
};

/** 大班额 (46–55) and 超大班额 (≥ 56) — the thresholds of the national balance standard. */
export const LARGE_CLASS = 45;
export const HUGE_CLASS = 56;

/** CSS class for a class size: orange for a large class, red for a very large one. */
export function sizeClass(size: number | null | undefined): string {
  if (size == null) return '';
  if (size >= HUGE_CLASS) return 'jh-size-huge';
  if (size > LARGE_CLASS) return 'jh-size-large';
  return '';
}
export function chipClass(size: number | null | undefined): string {
  if (size == null) return '';
  if (size >= HUGE_CLASS) return 'huge';
  if (size > LARGE_CLASS) return 'large';
  return '';
}
export function sizeColor(size: number): string {
  return size >= HUGE_CLASS ? '#dc2626' : size > LARGE_CLASS ? '#f59e0b' : '#3b82f6';
}

export const sum = (xs: readonly (number | null | undefined)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

/** a / b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined, times = 1): number | null {
  if (a == null || b == null || !b) return null;
  return (a / b) * times;
}
