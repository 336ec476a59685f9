// The training figures by hand: the calendar year of a course (its end date: 31 Dec vs 1 Jan), hours per teacher in a
// year and over five years, the targets at their boundaries (96 and 360 exactly meet them), a teacher without
// attendance (0 h), shares per school (a school without 专任 teachers has share null, not 0/0), district totals, the
// roster year (the calendar year's, else the year before) and a teacher's school at a point in time.
import { describe, expect, it } from 'vitest';
import { TEACHER_TARGETS } from '../targets.js';
import { creditedYear, windowYears } from './credited-year.js';
import { rosterYearFor } from './roster-year.js';
import { districtShares, schoolShares, type RosterPost } from './school-shares.js';
import { belowTarget, meetsWindow, meetsYear, shortOf } from './target-met.js';
import { hoursByYear, hoursOf, sumHours, teacherHours } from './teacher-hours.js';
import { schoolOfTeacher } from './teacher-school.js';

const T = TEACHER_TARGETS.training;

describe('training hours', () => {
  it('uses the pack teacher-targets-v1: 96 h a calendar year, 360 h over 5 years', () => {
    expect(TEACHER_TARGETS.id).toBe('teacher-targets-v1');
    expect(T).toEqual({ yearHours: 96, windowYears: 5, windowHours: 360 });
  });

  it('counts a course in the calendar year of its end date: 31 Dec in that year, 1 Jan in the next', () => {
    expect(creditedYear('2024-12-31')).toBe(2024);
    expect(creditedYear('2025-01-01')).toBe(2025);
    expect(windowYears(2025, 5)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('sums hours per teacher in the year and over the window', () => {
    const rows = [
      // T1: 60 (ends 31 Dec 2025) + 36 (2025-06-30) = 96 in 2025; a course from Dec 2025 ending 1 Jan 2026 counts in 2026.
      { teacherId: 'T1', hours: 60, endDate: '2025-12-31' },
      { teacherId: 'T1', hours: 36, endDate: '2025-06-30' },
      { teacherId: 'T1', hours: 24, endDate: '2026-01-01' },
      // T2: 95.5 in 2025; 40 ending 31 Dec 2024 counts in 2024 (window only).
      { teacherId: 'T2', hours: 95.5, endDate: '2025-03-01' },
      { teacherId: 'T2', hours: 40, endDate: '2024-12-31' },
      // T3: 72 in each of 2021–2025 = 360; 100 in 2020 is outside the window 2021–2025.
      ...[2020, 2021, 2022, 2023, 2024, 2025].map((y) => ({ teacherId: 'T3', hours: y === 2020 ? 100 : 72, endDate: `${y}-10-15` })),
      // T4: ten credits of 9.6 h = 96 (a float sum would give 95.99999999999999).
      ...Array.from({ length: 10 }, (_, i) => ({ teacherId: 'T4', hours: 9.6, endDate: `2025-0${(i % 9) + 1}-01` })),
    ];
    const h = teacherHours(rows, 2025, 5);
    expect(hoursOf(h, 'T1')).toEqual({ year: 96, window: 96 });
    expect(hoursOf(h, 'T2')).toEqual({ year: 95.5, window: 135.5 });
    expect(hoursOf(h, 'T3')).toEqual({ year: 72, window: 360 });
    expect(hoursOf(h, 'T4')).toEqual({ year: 96, window: 96 });
    // No attendance: 0 h.
    expect(hoursOf(h, 'T9')).toEqual({ year: 0, window: 0 });
    // 2026 for T1: the 1 Jan 2026 course (24) only; window 2022–2026: 96 + 24 = 120.
    expect(hoursOf(teacherHours(rows, 2026, 5), 'T1')).toEqual({ year: 24, window: 120 });
    // T3 in 2024: 72; window 2020–2024: 100 + 4 × 72 = 388.
    expect(hoursOf(teacherHours(rows, 2024, 5), 'T3')).toEqual({ year: 72, window: 388 });
    expect(sumHours([])).toBe(0);
    expect([...hoursByYear(rows.filter((r) => r.teacherId === 'T2'))].sort()).toEqual([
      [2024, 40],
      [2025, 95.5],
    ]);
  });

  it('meets the targets at exactly 96 and 360 h; the shortfall is never negative', () => {
    expect(meetsYear(96, T)).toBe(true);
    expect(meetsYear(95.9, T)).toBe(false);
    expect(meetsWindow(360, T)).toBe(true);
    expect(meetsWindow(359.5, T)).toBe(false);
    expect(shortOf(95.5, 96)).toBe(0.5);
    expect(shortOf(0, 96)).toBe(96);
    expect(shortOf(120, 96)).toBe(0);
    expect(shortOf(359.9, 360)).toBe(0.1); // not 0.10000000000002274
    expect(belowTarget({ year: 96, window: 359 }, T, 'year')).toBe(false);
    expect(belowTarget({ year: 96, window: 359 }, T, 'window')).toBe(true);
    expect(belowTarget({ year: 96, window: 359 }, T, 'any')).toBe(true);
    expect(belowTarget({ year: 96, window: 360 }, T, 'any')).toBe(false);
  });

  it('shares per school over 专任 teachers; null without 专任 teachers; district = Σ met / Σ teachers', () => {
    const hours = new Map([
      ['T1', { year: 96, window: 360 }],
      ['T2', { year: 95.5, window: 400 }],
      ['T3', { year: 120, window: 200 }],
      ['T5', { year: 200, window: 500 }],
      ['T6', { year: 100, window: 100 }],
    ]);
    const roster: RosterPost[] = [
      { teacherId: 'T1', schoolCode: 'A', post: '专任' }, // meets both (exactly)
      { teacherId: 'T2', schoolCode: 'A', post: '专任' }, // window only
      { teacherId: 'T3', schoolCode: 'A', post: '专任' }, // year only
      { teacherId: 'T4', schoolCode: 'A', post: '专任' }, // no attendance: neither
      { teacherId: 'T5', schoolCode: 'A', post: '行政' }, // not 专任: not counted
      { teacherId: 'T5b', schoolCode: 'B', post: '工勤' }, // B: no 专任 teacher
      { teacherId: 'T6', schoolCode: 'D', post: '专任' }, // D: year only
      { teacherId: 'T7', schoolCode: 'X', post: '专任' }, // a school not listed: left out
    ];
    const s = schoolShares(roster, hours, T, ['A', 'B', 'C', 'D']);
    // A: 4 teachers; year T1, T3 = 2 → 0.5; window T1, T2 = 2 → 0.5.
    expect(s.get('A')).toEqual({ teachers: 4, metYear: 2, shareYear: 0.5, metWindow: 2, shareWindow: 0.5 });
    expect(s.get('B')).toEqual({ teachers: 0, metYear: 0, shareYear: null, metWindow: 0, shareWindow: null });
    expect(s.get('C')).toEqual({ teachers: 0, metYear: 0, shareYear: null, metWindow: 0, shareWindow: null });
    expect(s.get('D')).toEqual({ teachers: 1, metYear: 1, shareYear: 1, metWindow: 0, shareWindow: 0 });
    // District: 5 teachers; year 3 → 0.6; window 2 → 0.4.
    expect(districtShares(s.values())).toEqual({ teachers: 5, metYear: 3, shareYear: 0.6, metWindow: 2, shareWindow: 0.4 });
    expect(districtShares([])).toEqual({ teachers: 0, metYear: 0, shareYear: null, metWindow: 0, shareWindow: null });
  });

  it('takes the roster of the calendar year, else of the year before, and says which', () => {
    expect(rosterYearFor(2025, new Set([2023, 2024, 2025]))).toEqual({ rosterYear: 2025, fallback: false });
    expect(rosterYearFor(2025, new Set([2023, 2024]))).toEqual({ rosterYear: 2024, fallback: true });
    expect(rosterYearFor(2025, new Set([2023]))).toBeNull();
  });

  it('finds a teacher’s school: the latest roster row up to the year, else the earliest after', () => {
    const rows = [
      { year: 2022, schoolCode: 'A' },
      { year: 2024, schoolCode: 'B' },
    ];
    expect(schoolOfTeacher(rows, 2023)).toBe('A');
    expect(schoolOfTeacher(rows, 2024)).toBe('B');
    expect(schoolOfTeacher(rows, 2030)).toBe('B');
    expect(schoolOfTeacher(rows, 2020)).toBe('A');
    expect(schoolOfTeacher([], 2024)).toBeNull();
  });
});
