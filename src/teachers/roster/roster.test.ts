// The roster's pure rules: who a file row is (person-match.ts), 结转 (carry-forward.ts), when the roster may change
// (write-rule.ts) and the form's checks (form-check.ts). Expected values worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { RosterTeacher, TeacherMove } from '../model.js';
import { planCarryForward, sectionAt } from './carry-forward.js';
import { formProblems, type RosterForm } from './form-check.js';
import { matchPersons, nameBirthKey, type MatchRow } from './person-match.js';
import { rosterWriteRefusal } from './write-rule.js';

const teacher = (teacherId: string, schoolCode: string, extra: Partial<RosterTeacher> = {}): RosterTeacher => ({
  teacherId,
  name: `教师${teacherId}`,
  sex: '女',
  birthYear: 1985,
  schoolCode,
  section: null,
  staffNo: `${teacherId}-no`,
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
  ...extra,
});
const move = (id: number, teacherId: string, fromSchool: string, toSchool: string, startDate = '2025-09-01'): TeacherMove => ({
  id,
  teacherId,
  fromSchool,
  toSchool,
  kind: '交流轮岗',
  startDate,
  endDate: null,
  planId: null,
  note: null,
});

describe('person matching', () => {
  const row = (r: number, extra: Partial<MatchRow> = {}): MatchRow => ({ row: r, idHash: null, staffNo: null, name: `n${r}`, birthYear: 1980, ...extra });
  const none = { byHash: new Map(), byStaffNo: [], byNameBirth: new Map(), hashOf: new Map(), elsewhere: new Map() };

  it('takes 身份证号 first, then 工号 (this year before last), then a unique name and birth year, else new', () => {
    const { matched, conflicts } = matchPersons(
      [row(2, { idHash: 'h1', staffNo: 'X' }), row(3, { staffNo: 'X' }), row(4, { staffNo: 'Y' }), row(5, { name: '王', birthYear: 1990 }), row(6, { name: '李', birthYear: 1990 })],
      {
        ...none,
        byHash: new Map([['h1', 'T1']]),
        // 工号 X is T2 this year and T9 last year: this year's wins; Y only last year.
        byStaffNo: [
          new Map([['X', 'T2']]),
          new Map([
            ['X', 'T9'],
            ['Y', 'T3'],
          ]),
        ],
        byNameBirth: new Map([
          [nameBirthKey('王', 1990), ['T4']],
          [nameBirthKey('李', 1990), ['T5', 'T6']], // two: no match
        ]),
      },
    );
    expect(conflicts).toEqual([]);
    expect(matched.map((m) => [m.row, m.kind, m.teacherId])).toEqual([
      [2, 'idNumber', 'T1'],
      [3, 'staffNo', 'T2'],
      [4, 'staffNo', 'T3'],
      [5, 'nameBirth', 'T4'],
      [6, 'new', null],
    ]);
  });

  it('never takes a person twice, nor one whose stored hash differs, nor one on another school’s roster', () => {
    const { matched, conflicts } = matchPersons([row(2, { staffNo: 'X' }), row(3, { idHash: 'h1' }), row(4, { staffNo: 'Y', idHash: 'h2' }), row(5, { staffNo: 'Z' })], {
      ...none,
      byHash: new Map([['h1', 'T1']]),
      byStaffNo: [
        new Map([
          ['X', 'T1'],
          ['Y', 'T2'],
          ['Z', 'T3'],
        ]),
      ],
      hashOf: new Map([['T2', 'h-other']]),
      elsewhere: new Map([['T3', 'S2']]),
    });
    // Row 2's 工号 X names T1, whom row 3 names by 身份证号 → row 2 is new; row 4: T2's hash differs → new; row 5: T3 is elsewhere → new.
    expect(matched.map((m) => m.kind)).toEqual(['new', 'idNumber', 'new', 'new']);
    expect(conflicts).toEqual([]);
  });

  it('a 身份证号 of a teacher on another school’s roster is a conflict of that row', () => {
    const { conflicts } = matchPersons([row(7, { idHash: 'h1' })], { ...none, byHash: new Map([['h1', 'T1']]), elsewhere: new Map([['T1', 'S9']]) });
    expect(conflicts).toEqual([{ row: 7, teacherId: 'T1', schoolCode: 'S9' }]);
  });
});

describe('carry forward', () => {
  const levels = new Map([
    ['A', '小学' as const],
    ['B', '九年一贯制' as const],
    ['C', '完全中学' as const],
    ['H', '初中' as const],
  ]);

  it('the 学部 at the new school: kept when it has it, else the nearest stage (the lower on a tie); none at a single-level school', () => {
    expect(sectionAt('小学', '九年一贯制', '初中')).toBeNull();
    expect(sectionAt('九年一贯制', '小学', null)).toBe('小学');
    expect(sectionAt('九年一贯制', '初中', null)).toBe('初中');
    expect(sectionAt('九年一贯制', '完全中学', '高中')).toBe('初中');
    expect(sectionAt('完全中学', '小学', null)).toBe('初中');
    expect(sectionAt('十二年一贯制', '完全中学', '高中')).toBe('高中');
  });

  it('leavers go, arrivals come with school_since = Y and no 工号, others stay as they were', () => {
    const previous = [teacher('T1', 'B', { section: '小学' }), teacher('T2', 'B', { section: '初中' }), teacher('T3', 'B', { section: '初中', schoolSince: 2001 })];
    const plan = planCarryForward({
      school: 'B',
      level: '九年一贯制',
      year: 2025,
      previous,
      // T1 leaves for A; T4 (初中 school H) arrives; T5 comes from C's 高中 (B has no 高中 → 初中); T6 arrives without a row
      // of 2024; T2 goes to A and back to B within the year (the last move decides: stays); T7 arrives but is already
      // on A's roster of 2025.
      moves: [
        move(1, 'T1', 'B', 'A'),
        move(2, 'T4', 'H', 'B'),
        move(3, 'T5', 'C', 'B'),
        move(4, 'T6', 'A', 'B'),
        move(5, 'T2', 'B', 'A', '2025-09-01'),
        move(6, 'T2', 'A', 'B', '2026-02-01'),
        move(7, 'T7', 'A', 'B'),
        move(8, 'T8', 'A', 'C'),
      ],
      arrivalsBefore: new Map([
        ['T4', teacher('T4', 'H', { schoolSince: 2015 })],
        ['T5', teacher('T5', 'C', { section: '高中' })],
        ['T7', teacher('T7', 'A')],
      ]),
      levelOf: levels,
      elsewhere: new Map([['T7', 'A']]),
    });
    expect(plan.stayed).toBe(2);
    expect(plan.left).toEqual([{ teacherId: 'T1', name: '教师T1', schoolCode: 'A', kind: '交流轮岗' }]);
    expect(plan.arrived).toEqual([
      { teacherId: 'T4', name: '教师T4', schoolCode: 'H', kind: '交流轮岗' },
      { teacherId: 'T5', name: '教师T5', schoolCode: 'C', kind: '交流轮岗', sectionChanged: true },
    ]);
    expect(plan.skipped.map((s) => s.teacherId)).toEqual(['T6', 'T7']);
    expect(plan.rows.map((r) => [r.teacherId, r.schoolCode, r.section, r.staffNo, r.schoolSince])).toEqual([
      ['T2', 'B', '初中', 'T2-no', 2010],
      ['T3', 'B', '初中', 'T3-no', 2001],
      ['T4', 'B', '初中', null, 2025],
      ['T5', 'B', '初中', null, 2025],
    ]);
  });

  it('no moves: the roster of Y−1 as it was; nothing before and nobody arriving: empty', () => {
    const previous = [teacher('T1', 'A')];
    expect(planCarryForward({ school: 'A', level: '小学', year: 2025, previous, moves: [], arrivalsBefore: new Map(), levelOf: levels, elsewhere: new Map() }).rows).toEqual(previous);
    expect(planCarryForward({ school: 'A', level: '小学', year: 2025, previous: [], moves: [], arrivalsBefore: new Map(), levelOf: levels, elsewhere: new Map() })).toEqual({
      rows: [],
      stayed: 0,
      left: [],
      arrived: [],
      skipped: [],
    });
  });
});

describe('when the roster may change', () => {
  it('draft, returned and none: yes; submitted: a reviewer only; approved: never', () => {
    expect(rosterWriteRefusal(null, false, '一小', 2024)).toBeNull();
    expect(rosterWriteRefusal('draft', false, '一小', 2024)).toBeNull();
    expect(rosterWriteRefusal('returned', false, '一小', 2024)).toBeNull();
    expect(rosterWriteRefusal('submitted', true, '一小', 2024)).toBeNull();
    expect(rosterWriteRefusal('submitted', false, '一小', 2024)).toContain('已提交');
    expect(rosterWriteRefusal('approved', true, '一小', 2024)).toContain('一小 2024–2025学年的统计已审核锁定');
  });
});

describe('the form’s checks', () => {
  const form: RosterForm = {
    name: '张丽',
    sex: '女',
    birthYear: 1985,
    idNumber: null,
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
    schoolSince: 2012,
    employment: '在编',
  };
  const fields = (f: Partial<RosterForm>, level: Parameters<typeof formProblems>[1] = '小学') => formProblems({ ...form, ...f }, level, 2024).map((p) => p.field);

  it('accepts a good row and names each bad field', () => {
    expect(fields({})).toEqual([]);
    expect(fields({}, '九年一贯制')).toEqual(['body.section']);
    expect(fields({ section: '初中' }, '九年一贯制')).toEqual([]);
    expect(fields({ section: '初中' })).toEqual(['body.section']);
    // 2024 − 2009 = 15 < 16; and 2012 < 2009 + 16 is not (2025): start year before 16 too.
    expect(fields({ birthYear: 2009 })).toEqual(['body.birthYear', 'body.schoolSince']);
    expect(fields({ backboneLevel: '县' })).toEqual(['body.backboneYear']);
    expect(fields({ backboneYear: 2020 })).toEqual(['body.backboneYear']);
    expect(fields({ backboneLevel: '市', backboneYear: 2025 })).toEqual(['body.backboneYear']);
    expect(fields({ schoolSince: 2025 })).toEqual(['body.schoolSince']);
  });

  it('checks the 身份证号 and its agreement with birth year and sex', () => {
    // 33090219850301002X: 1985, 17th digit 2 (even: 女), check X (by hand, GB 11643).
    expect(fields({ idNumber: '33090219850301002X' })).toEqual([]);
    expect(fields({ idNumber: '330902198503010021' })).toEqual(['body.idNumber']);
    expect(fields({ idNumber: '33090219850301002X', sex: '男' })).toEqual(['body.idNumber']);
    expect(fields({ idNumber: '33090219850301002X', birthYear: 1986, schoolSince: 2012 })).toEqual(['body.idNumber']);
  });
});
