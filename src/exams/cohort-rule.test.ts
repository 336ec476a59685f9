// The comparison rule (cohort-rule.ts), expectations by hand: the school year starts on 1 September.
import { describe, expect, it } from 'vitest';
import { cohortOf, comparable, schoolYearOf } from './cohort-rule.js';

describe('cohort rule', () => {
  it('school years start in September', () => {
    expect(schoolYearOf('2024-09-01')).toBe(2024);
    expect(schoolYearOf('2024-08-31')).toBe(2023);
    expect(schoolYearOf(null)).toBeNull();
  });
  it('grade 8 in May 2024 and grade 9 in January 2025 are one cohort (2015)', () => {
    expect(cohortOf({ date: '2024-05-20', grade: 8 })).toBe(2015);
    expect(cohortOf({ date: '2025-01-15', grade: 9 })).toBe(2015);
  });
  it('only earlier exams of the same cohort', () => {
    const exam = { id: 1, date: '2025-01-15', grade: 9 };
    expect(comparable(exam, { id: 2, date: '2024-05-20', grade: 8 })).toBe(true);
    expect(comparable(exam, { id: 3, date: '2025-06-20', grade: 9 })).toBe(false); // later
    expect(comparable(exam, { id: 4, date: '2024-11-10', grade: 8 })).toBe(false); // another cohort (2016)
    expect(comparable(exam, { id: 5, date: null, grade: 9 })).toBe(false); // undated
    expect(comparable(exam, { ...exam })).toBe(false); // itself
    expect(comparable(exam, { id: 6, date: '2025-01-15', grade: 9 })).toBe(false); // the same day is not earlier
  });
});
