// The roster as the exchange optimiser's teachers (candidates.ts), on a small roster of 2024 worked out by hand.
import { describe, expect, it } from 'vitest';
import type { RosterTeacher } from '../model.js';
import { TEACHER_TARGETS } from '../targets.js';
import { exchangeCandidatesOf } from './candidates.js';

const base: RosterTeacher = {
  teacherId: 'T000000',
  name: '某',
  sex: '男',
  birthYear: 1980,
  schoolCode: 'P1',
  section: null,
  staffNo: null,
  subjects: ['语文'],
  post: '专任',
  qualification: '本科',
  title: '一级',
  certified: true,
  backboneLevel: null,
  backboneYear: null,
  tier: null,
  schoolSince: 2010,
  employment: '在编',
};
const t = (id: string, o: Partial<RosterTeacher>): RosterTeacher => ({ ...base, teacherId: id, ...o });

describe('exchangeCandidatesOf', () => {
  it('takes the 专任 of the public open schools with main subject, 骨干 县/市/省, years and age of the year', () => {
    const roster = [
      t('T000007', { schoolCode: 'P2', backboneLevel: '市', schoolSince: 2012, birthYear: 1970 }), // 12 years, 54
      t('T000001', { subjects: ['数学', '科学'], backboneLevel: '县', schoolSince: 2015, birthYear: 1980 }), // 9 years, 44
      t('T000002', { backboneLevel: '校', schoolSince: 2018, birthYear: 1969 }), // 校级 is not 骨干; 6 years, 55
      t('T000003', { post: '行政' }), // not 专任
      t('T000004', { schoolCode: 'PRIV' }), // 民办: not in the set
      t('T000005', { schoolCode: 'CLOSED' }), // closed: not in the set
      t('T000006', { schoolCode: 'P2', backboneLevel: '省', schoolSince: 2024, birthYear: 2001 }), // 0 years, 23
      t('T000008', { post: '工勤' }),
    ];
    expect(exchangeCandidatesOf(roster, new Set(['P1', 'P2']), 2024, TEACHER_TARGETS)).toEqual([
      { teacherId: 'T000001', schoolCode: 'P1', subject: '数学', backbone: true, yearsAtSchool: 9, age: 44 },
      { teacherId: 'T000002', schoolCode: 'P1', subject: '语文', backbone: false, yearsAtSchool: 6, age: 55 },
      { teacherId: 'T000006', schoolCode: 'P2', subject: '语文', backbone: true, yearsAtSchool: 0, age: 23 },
      { teacherId: 'T000007', schoolCode: 'P2', subject: '语文', backbone: true, yearsAtSchool: 12, age: 54 },
    ]);
  });

  it('gives nobody for an empty roster or no school', () => {
    expect(exchangeCandidatesOf([], new Set(['P1']), 2024, TEACHER_TARGETS)).toEqual([]);
    expect(exchangeCandidatesOf([base], new Set(), 2024, TEACHER_TARGETS)).toEqual([]);
  });
});
