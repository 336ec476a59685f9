// Which years a retention of N school years purges, counted by hand: the current year counts as one, so N = 1 keeps
// only the reference year, and N = 3 with reference 2025 keeps 2023, 2024 and 2025.
import { describe, expect, it } from 'vitest';
import { keepFrom, referenceYear, yearsToPurge } from './plan.js';

describe('retention plan', () => {
  it('takes the later of the registry’s current year and the data’s latest year as the reference', () => {
    expect(referenceYear(2024, [2022, 2025, 2023])).toBe(2025);
    expect(referenceYear(2026, [2022, 2025])).toBe(2026);
    expect(referenceYear(null, [2022, 2023])).toBe(2023);
    expect(referenceYear(null, [])).toBeNull();
  });

  it('keeps the reference year and the N − 1 before it; purges the rest, latest first', () => {
    const years = [2025, 2024, 2023, 2022];
    expect(keepFrom(2025, 1)).toBe(2025);
    expect(yearsToPurge(years, 2025, 1)).toEqual([2024, 2023, 2022]);
    // N = 3: 2025 − 3 + 1 = 2023 is the first year kept; 2022 is purged.
    expect(keepFrom(2025, 3)).toBe(2023);
    expect(yearsToPurge([2022, 2023, 2024, 2025], 2025, 3)).toEqual([2022]);
    expect(yearsToPurge(years, 2025, 4)).toEqual([]);
    // The registry is a year ahead of the data: 2026 − 2 + 1 = 2025 → 2024 and older go.
    expect(yearsToPurge(years, 2026, 2)).toEqual([2024, 2023, 2022]);
  });

  it('keeps everything when no retention is set or there is no data', () => {
    expect(yearsToPurge([2025, 2020], 2025, null)).toEqual([]);
    expect(keepFrom(null, 3)).toBeNull();
    expect(yearsToPurge([], null, 1)).toEqual([]);
  });
});
