// The bands of the distributions (limits.json): homework 0 | 1–30 | 31–60 | 61–90 | 91–120 | > 120 minutes, sleep
// < 8 | 8–9 | 9–10 | ≥ 10 hours, on whole minutes. Every limit is a band edge (checked by bandsAlignWithLimits), so
// "within the limit" is exactly a union of bands: the distribution and the share over the limit never disagree.
import type { BurdenLimits } from './limits.js';

/** The homework band of whole minutes: the first band whose [min, max] holds it (max null: no upper end). */
export function homeworkBand(pack: BurdenLimits, minutes: number): number {
  const i = pack.homework.bands.findIndex((b) => minutes >= b.min && (b.max === null || minutes <= b.max));
  if (i < 0) throw new Error(`no homework band for ${minutes} minutes`);
  return i;
}

/** The sleep band of whole minutes: the first band with minMinutes ≤ minutes < belowMinutes (null: no end). */
export function sleepBand(pack: BurdenLimits, minutes: number): number {
  const i = pack.sleep.bands.findIndex((b) => (b.minMinutes === null || minutes >= b.minMinutes) && (b.belowMinutes === null || minutes < b.belowMinutes));
  if (i < 0) throw new Error(`no sleep band for ${minutes} minutes`);
  return i;
}

/**
 * Problems with the pack's bands: gaps or overlaps between neighbours, or a limit that falls inside a band
 * (homework: each maxMinutes must be some band's max; sleep: each target some band's minMinutes). [] when sound.
 */
export function bandsAlignWithLimits(pack: BurdenLimits): string[] {
  const out: string[] = [];
  const hw = pack.homework.bands;
  if (hw[0].min !== 0) out.push('homework bands must start at 0');
  if (hw[hw.length - 1].max !== null) out.push('the last homework band must be open-ended');
  for (let i = 1; i < hw.length; i++) if (hw[i - 1].max === null || hw[i].min !== hw[i - 1].max! + 1) out.push(`homework bands ${i - 1} and ${i} do not meet`);
  for (const l of pack.homework.limits) if (!hw.some((b) => b.max === l.maxMinutes)) out.push(`homework limit ${l.maxMinutes} min is not a band's upper edge`);
  const sl = pack.sleep.bands;
  if (sl[0].minMinutes !== null) out.push('the first sleep band must be open below');
  if (sl[sl.length - 1].belowMinutes !== null) out.push('the last sleep band must be open above');
  for (let i = 1; i < sl.length; i++) if (sl[i].minMinutes !== sl[i - 1].belowMinutes) out.push(`sleep bands ${i - 1} and ${i} do not meet`);
  for (const t of pack.sleep.targets) if (!sl.some((b) => b.minMinutes === Math.round(t.minHours * 60))) out.push(`sleep target ${t.minHours} h is not a band's lower edge`);
  return out;
}
