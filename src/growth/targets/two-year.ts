// Next-assessment targets from the previous two years (the 初中崛起 approach: a school's target = the mean of its own
// last two years), target_Y = (v_{Y−1} + v_{Y−2})/2 + increment, optionally capped (e.g. 1 for a rate). A school with
// only one of the two years gets that year's value, flagged partial; a school with neither gets no target.

export interface YearValue {
  school: string;
  year: number;
  /** A rate (0–1) or a mean score. */
  value: number;
}

export interface TargetOptions {
  /** The year the target is for; the base is years targetYear − 1 and targetYear − 2. */
  targetYear: number;
  /** Added to the two-year mean (e.g. +0.02 for two percentage points, +1.5 score points); default 0. */
  increment?: number;
  /** Upper bound of a target (1 for rates). */
  cap?: number;
}

export interface SchoolTarget {
  school: string;
  /** The values the base was taken from, most recent first. */
  years: number[];
  values: number[];
  base: number;
  target: number;
  /** Only one of the two base years had a value. */
  partial: boolean;
}

export function twoYearTargets(history: readonly YearValue[], opts: TargetOptions): SchoolTarget[] {
  const wanted = [opts.targetYear - 1, opts.targetYear - 2];
  const by = new Map<string, Map<number, number>>();
  for (const h of history) {
    if (!wanted.includes(h.year) || !Number.isFinite(h.value)) continue;
    let m = by.get(h.school);
    if (!m) by.set(h.school, (m = new Map()));
    if (m.has(h.year)) throw new RangeError(`school ${h.school} has two values for ${h.year}`);
    m.set(h.year, h.value);
  }
  return [...by.keys()].sort().map((school) => {
    const m = by.get(school)!;
    const years = wanted.filter((y) => m.has(y));
    const values = years.map((y) => m.get(y)!);
    const base = values.reduce((s, v) => s + v, 0) / values.length;
    const raised = base + (opts.increment ?? 0);
    return { school, years, values, base, target: opts.cap === undefined ? raised : Math.min(opts.cap, raised), partial: values.length < 2 };
  });
}
