// Kelley's extreme groups for 区分度 (standards.md §4.4: top and bottom 27 % by total score): k = round(share·N),
// at least 1, N = students with a total; high = total ≥ the k-th highest total, low = total ≤ the k-th lowest.
// Ties at a boundary all join the group (so a group may exceed k, and with few distinct totals the groups overlap).

export interface ExtremeGroups {
  /** Students with a total. */
  n: number;
  k: number;
  highCut: number | null;
  lowCut: number | null;
  /** Per student: 1 = in the group. */
  high: Uint8Array;
  low: Uint8Array;
}

export function extremeGroups(totals: Float64Array, share = 0.27): ExtremeGroups {
  if (!(share > 0 && share <= 0.5)) throw new RangeError(`extreme group share ${share} outside (0, 0.5]`);
  const present = Float64Array.from(totals.filter((v) => v === v)).sort();
  const n = present.length;
  const high = new Uint8Array(totals.length);
  const low = new Uint8Array(totals.length);
  if (n === 0) return { n, k: 0, highCut: null, lowCut: null, high, low };
  const k = Math.max(1, Math.floor(share * n + 0.5 + 1e-9)); // round half up; 0.27 × 50 = 13.5 → 14
  const highCut = present[n - k];
  const lowCut = present[k - 1];
  for (let i = 0; i < totals.length; i++) {
    const v = totals[i];
    if (v >= highCut) high[i] = 1;
    if (v <= lowCut) low[i] = 1;
  }
  return { n, k, highCut, lowCut, high, low };
}
