// The yearly exchange rules from facts (rules.ts) on a small district worked out by hand: school year Y = 2025, the
// roster of 2024 gives the eligible (专任, 2024 − since ≥ 6, 2024 − birth < 55), 交流轮岗 moves starting in
// 2025-09-01 … 2026-08-31 are the movers; 10 % and 20 % met exactly, one below each, a school with nobody eligible.
import { describe, expect, it } from 'vitest';
import type { RosterTeacher, TeacherMove } from '../model.js';
import { TEACHER_TARGETS } from '../targets.js';
import { shareMet, yearlyExchangeRules } from './rules.js';

let n = 0;
function teacher(school: string, o: Partial<Pick<RosterTeacher, 'post' | 'schoolSince' | 'birthYear' | 'backboneLevel'>> = {}): RosterTeacher {
  n++;
  return {
    teacherId: `T${String(n).padStart(6, '0')}`,
    name: `教师${n}`,
    sex: '女',
    birthYear: 1980,
    schoolCode: school,
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
    ...o,
  };
}
let m = 0;
const move = (t: RosterTeacher, startDate = '2025-09-01', kind: TeacherMove['kind'] = '交流轮岗'): TeacherMove => ({
  id: ++m,
  teacherId: t.teacherId,
  fromSchool: t.schoolCode,
  toSchool: 'ELSEWHERE',
  kind,
  startDate,
  endDate: null,
  planId: null,
  note: null,
});
const many = (k: number, school: string, o: Parameters<typeof teacher>[1] = {}) => Array.from({ length: k }, () => teacher(school, o));

describe('shareMet: part ≥ share × whole, exactly', () => {
  it('meets at exactly the share and not one below', () => {
    expect(shareMet(1, 10, 0.1)).toBe(true);
    expect(shareMet(3, 30, 0.1)).toBe(true); // 0.1 × 30 is 3.0000000000000004 in floating point
    expect(shareMet(2, 30, 0.1)).toBe(false);
    expect(shareMet(7, 35, 0.2)).toBe(true);
    expect(shareMet(6, 35, 0.2)).toBe(false);
    expect(shareMet(0, 0, 0.1)).toBe(true);
  });
});

describe('yearlyExchangeRules', () => {
  it(`uses ${TEACHER_TARGETS.id}: 10 %, 20 %, 6 years, under 55`, () => {
    expect(TEACHER_TARGETS.exchange).toEqual({ rate: 0.1, backboneShare: 0.2, minYears: 6, maxAge: 55 });
  });

  // Only movers eligible on the school's roster of 2024 count (all movers shown apart):
  // S1: 10 eligible, 1 mover (县 骨干)       → 1/10 = 10 % met; 1/1 骨干 met.
  // S2: 20 eligible, 5 movers, 1 市 骨干     → 5/20 = 25 % met; 1/5 = 20 % exactly met.
  //     + S1's s1[5] moving "from S2" (on S1's roster, not S2's): all movers 6, not counted.
  // S3: 11 eligible, 1 mover (校 only)       → 1/11 = 9.09 % not met; 0/1 骨干 not met.
  //     + a mover on no roster of 2024: all movers 2, not counted.
  // S4: 3 on the roster, none eligible       → rate null (5 years; aged 55; 行政);
  //     2 ineligible movers (5 years; 行政)   → all movers 2, movers 0 → share null.
  // S6: 6 eligible, 6 movers, 1 省 骨干      → 100 % met; 1/6 = 16.7 % not met
  //     + a 省 骨干 aged 55 moving (ineligible): all movers 7; counted it would be 2/7 = 28.6 % met.
  // S5: in the registry, no roster           → roster false, eligible 0, nulls.
  // Not counted at all: S1's 交流轮岗 starting 2025-08-31 (school year 2024), S2's 支教 in 2025.
  const s1 = many(10, 'S1');
  s1[0].backboneLevel = '县';
  // Edge of eligibility: exactly 6 years (since 2018) and 54 years old (born 1970) are eligible.
  s1[1].schoolSince = 2018;
  s1[2].birthYear = 1970;
  const s2 = many(20, 'S2');
  s2[0].backboneLevel = '市';
  const s3 = many(11, 'S3');
  s3[0].backboneLevel = '校';
  const s4 = [teacher('S4', { schoolSince: 2019 }), teacher('S4', { birthYear: 1969 }), teacher('S4', { post: '行政' })];
  const s6 = many(6, 'S6');
  s6[5].backboneLevel = '省';
  const s6old = teacher('S6', { birthYear: 1969, backboneLevel: '省' });
  const ghost = teacher('S3');
  const roster = [...s1, ...s2, ...s3, ...s4, ...s6, s6old];
  const moves = [
    move(s1[0]),
    move(s1[4], '2025-08-31'),
    ...s2.slice(0, 5).map((t) => move(t, '2026-08-31')),
    { ...move(s1[5]), fromSchool: 'S2' },
    move(s2[10], '2025-10-01', '支教'),
    move(s3[0], '2026-02-01'),
    move(ghost),
    move(s4[0]),
    move(s4[2]),
    ...s6.map((t) => move(t)),
    move(s6old),
  ];

  it('counts eligible, movers and 骨干 per school against 10 % and 20 %', () => {
    const r = yearlyExchangeRules(2025, roster, moves, ['S5', 'S1'], TEACHER_TARGETS);
    expect(r.rosterYear).toBe(2024);
    expect(r.rosterMissing).toBe(false);
    const row = (code: string) => r.schools.find((x) => x.schoolCode === code);
    expect(r.schools.map((x) => x.schoolCode)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
    expect(row('S1')).toEqual({ schoolCode: 'S1', roster: true, eligible: 10, allMovers: 1, movers: 1, backboneMovers: 1, rate: 0.1, rateMet: true, backboneShare: 1, backboneMet: true });
    expect(row('S2')).toEqual({ schoolCode: 'S2', roster: true, eligible: 20, allMovers: 6, movers: 5, backboneMovers: 1, rate: 0.25, rateMet: true, backboneShare: 0.2, backboneMet: true });
    expect(row('S3')).toEqual({ schoolCode: 'S3', roster: true, eligible: 11, allMovers: 2, movers: 1, backboneMovers: 0, rate: 1 / 11, rateMet: false, backboneShare: 0, backboneMet: false });
    expect(row('S4')).toEqual({ schoolCode: 'S4', roster: true, eligible: 0, allMovers: 2, movers: 0, backboneMovers: 0, rate: null, rateMet: null, backboneShare: null, backboneMet: null });
    expect(row('S5')).toEqual({ schoolCode: 'S5', roster: false, eligible: 0, allMovers: 0, movers: 0, backboneMovers: 0, rate: null, rateMet: null, backboneShare: null, backboneMet: null });
    expect(row('S6')).toEqual({ schoolCode: 'S6', roster: true, eligible: 6, allMovers: 7, movers: 6, backboneMovers: 1, rate: 1, rateMet: true, backboneShare: 1 / 6, backboneMet: false });
    // District: eligible 10 + 20 + 11 + 0 + 6 = 47; all movers 1 + 6 + 2 + 2 + 7 = 18; movers 1 + 5 + 1 + 6 = 13
    // (13/47 = 27.7 % ≥ 10 %); 骨干 1 + 1 + 0 + 1 = 3 (3/13 = 23.1 % ≥ 20 %: 3 × 5 = 15 ≥ 13).
    expect(r.district).toEqual({ schoolCode: null, roster: true, eligible: 47, allMovers: 18, movers: 13, backboneMovers: 3, rate: 13 / 47, rateMet: true, backboneShare: 3 / 13, backboneMet: true });
  });

  it('counts a teacher who moved twice in the year once', () => {
    const r = yearlyExchangeRules(2025, s1, [move(s1[0]), move(s1[0], '2026-03-01')], [], TEACHER_TARGETS);
    expect(r.schools[0]).toMatchObject({ allMovers: 1, movers: 1, backboneMovers: 1 });
  });

  it('says when the roster of the year before is missing', () => {
    const r = yearlyExchangeRules(2025, [], moves, ['S1'], TEACHER_TARGETS);
    expect(r.rosterMissing).toBe(true);
    // Without a roster nobody is eligible: the 18 movers are shown, none counted, none known as 骨干.
    expect(r.district).toMatchObject({ roster: false, eligible: 0, allMovers: 18, movers: 0, backboneMovers: 0, rate: null, rateMet: null, backboneShare: null, backboneMet: null });
  });
});
