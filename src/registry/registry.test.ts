import { describe, expect, it } from 'vitest';
import { validateSchoolYearData } from './validate.js';
import { diffSchoolYear } from './diff.js';
import { transition } from './workflow.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { checkConsistency, STAT_FIELDS, validateFieldValue } from './fields.js';

const base = () => ({
  values: { teachersTotal: 10, teachersAboveDegree: 9, teachersAgeUnder30: 4, teachersAge30to39: 3, teachersAge40to49: 2, teachersAge50plus: 1 } as Record<string, number | null>,
  enrolments: [{ grade: 7, students: 95 }],
  classes: [
    { grade: 7, classNo: 1, size: 48 },
    { grade: 7, classNo: 2, size: 47 },
  ],
});

describe('validateSchoolYearData', () => {
  it('accepts consistent figures', () => {
    expect(validateSchoolYearData('初中', base())).toEqual([]);
  });
  it('names every problem', () => {
    const d = base();
    d.values.teachersAge50plus = 2; // bands now 4+3+2+2 = 11 ≠ 10
    d.values.books = 1.5; // not a whole number
    d.enrolments.push({ grade: 2, students: 30 }); // 初中 has no grade 2
    d.classes[1].size = 46; // 48 + 46 = 94 ≠ 95
    const p = validateSchoolYearData('初中', d);
    expect(p.map((x) => x.field).sort()).toEqual(['books', 'enrolments.2', 'enrolments.7', 'teachersAgeUnder30']);
    expect(p.find((x) => x.field === 'enrolments.7')!.reason).toContain('94');
  });
  it('an empty school is valid', () => {
    expect(validateSchoolYearData('小学', { values: {}, enrolments: [], classes: [] })).toEqual([]);
  });
});

describe('fields', () => {
  it('bounds and types', () => {
    const f = STAT_FIELDS.find((x) => x.key === 'teachersTotal')!;
    expect(validateFieldValue(f, 3)).toBeNull();
    expect(validateFieldValue(f, -1)?.en).toMatch(/negative/);
    expect(validateFieldValue(f, 2.5)?.en).toMatch(/whole/);
    expect(validateFieldValue(f, f.max + 1)?.en).toMatch(/maximum/);
    expect(validateFieldValue(f, f.max)).toBeNull(); // exactly at the bound is allowed
  });
  it('keys and columns are unique', () => {
    expect(new Set(STAT_FIELDS.map((f) => f.key)).size).toBe(STAT_FIELDS.length);
    expect(new Set(STAT_FIELDS.map((f) => f.column)).size).toBe(STAT_FIELDS.length);
  });
  it('backbone teachers at every level together may equal but not exceed all teachers', () => {
    expect(checkConsistency({ teachersTotal: 3, backboneCounty: 1, backboneCity: 1, backboneProvince: 1 })).toEqual([]);
    expect(checkConsistency({ teachersTotal: 3, backboneCounty: 2, backboneCity: 1, backboneProvince: 1 }).map((r) => r.id)).toEqual(['backbone<=total']);
  });
});

describe('diffSchoolYear', () => {
  it('lists changed fields, grades and classes only', () => {
    const a = base();
    const b = base();
    b.values.teachersTotal = 11;
    b.values.teachersAge50plus = 2;
    b.classes = [
      { grade: 7, classNo: 1, size: 48 },
      { grade: 7, classNo: 2, size: 47 },
      { grade: 7, classNo: 3, size: 40 },
    ];
    b.enrolments = [{ grade: 7, students: 135 }];
    expect(diffSchoolYear(a, b).map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
      ['teachersTotal', 10, 11],
      ['teachersAge50plus', 1, 2],
      ['students.7', 95, 135],
      ['class.7.3', null, 40],
    ]);
    expect(diffSchoolYear(a, base())).toEqual([]);
  });
});

describe('workflow transitions', () => {
  const user = (role: CurrentUser['role'], schoolCode: string | null = null): CurrentUser => ({
    districtId: 'd',
    districtName: 'D',
    username: 'u',
    displayName: 'u',
    role,
    schoolCode,
    mustChangePassword: false,
    assignedSchools: [],
  });
  it('follows draft → submitted → approved/returned, reopen by the bureau', () => {
    const clerk = user('clerk', 'S1');
    const bureau = user('analyst');
    expect(transition(clerk, 'S1', 'draft', 'submit')).toEqual({ status: 'submitted' });
    expect(transition(clerk, 'S1', 'submitted', 'edit')).toHaveProperty('conflict');
    expect(transition(bureau, 'S1', 'submitted', 'edit')).toEqual({ status: 'submitted' });
    expect(transition(clerk, 'S1', 'submitted', 'approve')).toHaveProperty('forbidden');
    expect(transition(bureau, 'S1', 'submitted', 'approve')).toEqual({ status: 'approved' });
    expect(transition(bureau, 'S1', 'submitted', 'return')).toEqual({ status: 'returned' });
    expect(transition(clerk, 'S1', 'returned', 'edit')).toEqual({ status: 'returned' });
    expect(transition(bureau, 'S1', 'approved', 'edit')).toHaveProperty('conflict');
    expect(transition(bureau, 'S1', 'approved', 'reopen')).toEqual({ status: 'draft' });
    expect(transition(clerk, 'S2', 'draft', 'edit')).toHaveProperty('forbidden');
    expect(transition(user('inspector'), 'S1', 'draft', 'edit')).toHaveProperty('forbidden');
    expect(transition(bureau, 'S1', 'draft', 'approve')).toHaveProperty('conflict');
  });
});
