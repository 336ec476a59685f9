// The structure's pure computations on a small hand-made district (school year 2025; age = 2025 − birth year):
//
//   A  600 students  10 专任 + 1 行政 (省级骨干, 研究生, 领航: not counted) + 1 工勤
//        ages <30: 1996, 2000 | 30–39: 1995 (30), 1990, 1986 (39) | 40–49: 1985 (40), 1980, 1976 (49) | ≥50: 1975 (50), 1965
//        titles 未定级 1, 二级 2, 一级 4, 高级 3 → 中级+ 7; 骨干 县 2 + 市 1 = 3 (one 校级 not counted) → exactly 30 %: met;
//        研究生 1 → 10 %: met; tiers 新秀 2, 骨干 1
//   B  300 students  4 专任: ages 26, 28, 35, 55; 三级, 二级, 一级, 高级 → 中级+ 2; 骨干 1 (县) → 25 %: short ⌈0.3·4⌉ − 1 = 1;
//        研究生 0: short ⌈0.05·4⌉ = 1; tier 新秀 1
//   C  100 students  5 专任: ages 37, 43, 47, 53, 65; 一级 2, 高级 2, 正高级 1 → 中级+ 5; 骨干 2 (省) → 40 %; 研究生 0;
//        tiers 卓越 1, 教育家型 1
//   D    0 students  2 专任 under 30, 未定级 — in the district's counts, out of every CV (no students)
//   E  200 students  1 行政 only — no 专任: out of the shares' CVs, in the per-100 CVs with 0
//   F  150 students  open, no roster → listed; G closed, no roster → not listed
//
// District (A–E): 专任 21, staff 24; 骨干 6 → 6/21 = 0.285714…, not met, short ⌈0.3·21⌉ − 6 = 7 − 6 = 1; 研究生 1 → 1/21,
// short ⌈0.05·21⌉ − 1 = 2 − 1 = 1; 中级+ 14; students 1200; 骨干 per 100 = 6/1200·100 = 0.5; 中级+ per 100 = 14/12.
// Tiers (专任): 教育家型 1/3, 卓越 1/9, 领航 0/90, 骨干 1/120, 新秀 3/300 → short 2, 8, 90, 119, 297.
//
// A–G are 小学 schools (their students all in grades 1–6): the 小学 CVs below; the 初中 CVs count nobody.
// CVs computed independently with numpy (np.average(x, weights=P); sd = √np.average((x − m)², weights=P)):
//   shares over A, B, C (P = 600, 300, 100; 专任 10, 4, 5):
//     骨干 0.3, 0.25, 0.4      → mean 0.295  sd 0.04153311931459038  cv 0.14079023496471316
//     研究生 0.1, 0, 0          → mean 0.06   sd 0.048989794855663564 cv 0.8164965809277261
//     中级+ 0.7, 0.5, 1.0      → mean 0.67   sd 0.14177446878757824  cv 0.21160368475757946
//     age <30 0.2, 0.5, 0      → mean 0.27   sd 0.16155494421403513  cv 0.5983516452371671
//     age 40–49 0.3, 0, 0.4    → mean 0.22   sd 0.14696938456699069  cv 0.668042657122685
//     title 正高级 0, 0, 0.2    → mean 0.02   sd 0.06                 cv 3.0
//   per 100 students over A, B, C, E (P = 600, 300, 100, 200; balance formula X̄ = ΣN/ΣP·100):
//     骨干 3, 1, 2, 0          → mean 0.5    sd 0.4859126579037751   cv 0.9718253158075502
//     中级+ 7, 2, 5, 0          → mean 1.1666666666666667 sd 1.2304019216861166 cv 1.0546302185880998
import { describe, expect, it } from 'vitest';
import type { RosterTeacher } from '../model.js';
import { TEACHER_TARGETS } from '../targets.js';
import { ageBandOf } from './age-bands.js';
import { structureCounts } from './counts.js';
import { structureFigures } from './figures.js';
import { perHundredStudents } from './per-hundred.js';
import { structureReport, type ReportSchool } from './report.js';
import { fractionOf, shareTarget } from './share-target.js';
import { studentWeightedCvOfShares } from './weighted-cv-of-shares.js';

const Y = 2025;
type Row = Pick<RosterTeacher, 'birthYear' | 'post' | 'qualification' | 'title' | 'backboneLevel' | 'tier' | 'section'>;
const row = (birthYear: number, title: Row['title'], o: Partial<Row> = {}): Row => ({ birthYear, title, post: '专任', qualification: '本科', backboneLevel: null, tier: null, section: null, ...o });

const A: Row[] = [
  row(1996, '未定级', { tier: '新秀' }),
  row(2000, '二级', { qualification: '研究生', tier: '新秀' }),
  row(1995, '二级', { backboneLevel: '校' }),
  row(1990, '一级', { backboneLevel: '县' }),
  row(1986, '一级'),
  row(1985, '一级', { backboneLevel: '县', tier: '骨干' }),
  row(1980, '一级', { qualification: '专科' }),
  row(1976, '高级', { backboneLevel: '市' }),
  row(1975, '高级'),
  row(1965, '高级', { qualification: '专科' }),
  row(1970, '高级', { post: '行政', backboneLevel: '省', qualification: '研究生', tier: '领航' }),
  row(1980, '未定级', { post: '工勤', qualification: '专科' }),
];
const B: Row[] = [row(1999, '三级', { backboneLevel: '县', tier: '新秀' }), row(1997, '二级'), row(1990, '一级'), row(1970, '高级', { qualification: '专科' })];
const C: Row[] = [row(1988, '一级', { backboneLevel: '省', tier: '卓越' }), row(1982, '一级'), row(1978, '高级', { backboneLevel: '省', tier: '教育家型' }), row(1972, '高级'), row(1960, '正高级')];
const D: Row[] = [row(2001, '未定级'), row(2002, '未定级')];
const E: Row[] = [row(1975, '高级', { post: '行政', backboneLevel: '县' })];

const school = (code: string, students: number | null, roster: Row[], isOpen = true): ReportSchool => ({
  code,
  name: `学校${code}`,
  level: '小学',
  isOpen,
  students,
  sectionStudents: students === null ? null : { 小学: students, 初中: 0, 高中: 0 },
  roster,
});
const DISTRICT: ReportSchool[] = [school('A', 600, A), school('B', 300, B), school('C', 100, C), school('D', 0, D), school('E', 200, E), school('F', 150, []), school('G', 80, [], false)];

describe('age bands: age = Y − birth year', () => {
  it('puts 29 under 30, 30 and 39 in 30–39, 40 and 49 in 40–49, 50 and over last', () => {
    expect([1996, 1995, 1986, 1985, 1976, 1975, 1950].map((b) => ageBandOf(Y, b))).toEqual(['under30', '30to39', '30to39', '40to49', '40to49', '50plus', '50plus']);
  });
});

describe('share targets in whole teachers', () => {
  it('reads the target as a decimal fraction', () => {
    expect(fractionOf(0.3)).toEqual({ num: 3, den: 10 });
    expect(fractionOf(0.05)).toEqual({ num: 5, den: 100 });
    expect(fractionOf(1)).toEqual({ num: 1, den: 1 });
    expect(() => fractionOf(1.2)).toThrow();
  });
  it('meets exactly 30 % (3 of 10, 9 of 30, 30 of 100) and not 29 of 100', () => {
    expect(shareTarget(3, 10, 0.3)).toEqual({ share: 0.3, met: true, short: 0 });
    expect(shareTarget(9, 30, 0.3)).toMatchObject({ met: true, short: 0 });
    expect(shareTarget(30, 100, 0.3)).toMatchObject({ met: true, short: 0 });
    // ⌈0.3 · 100⌉ − 29 = 1
    expect(shareTarget(29, 100, 0.3)).toMatchObject({ met: false, short: 1 });
    // ⌈0.3 · 7⌉ − 0 = ⌈2.1⌉ = 3
    expect(shareTarget(0, 7, 0.3)).toMatchObject({ met: false, short: 3 });
    // 1 of 20 is exactly 5 %.
    expect(shareTarget(1, 20, 0.05)).toMatchObject({ met: true, short: 0 });
  });
  it('counts whole teachers without float noise: 7 % of 100 is 7 (0.07 × 100 is 7.000000000000001 in float)', () => {
    expect(shareTarget(0, 100, 0.07)).toMatchObject({ met: false, short: 7 });
    expect(shareTarget(7, 100, 0.07)).toMatchObject({ met: true, short: 0 });
  });
  it('judges nothing without 专任 teachers', () => {
    expect(shareTarget(0, 0, 0.3)).toEqual({ share: null, met: null, short: null });
  });
});

describe('student-weighted 差异系数 of shares', () => {
  it('weights each school’s share by its students (numpy: mean 0.295, sd 0.041533…, cv 0.140790…)', () => {
    const cv = studentWeightedCvOfShares([
      { students: 600, numerator: 3, denominator: 10 },
      { students: 300, numerator: 1, denominator: 4 },
      { students: 100, numerator: 2, denominator: 5 },
    ]);
    expect(cv.n).toBe(3);
    expect(cv.students).toBe(1000);
    expect(cv.mean).toBeCloseTo(0.295, 12);
    expect(cv.sd).toBeCloseTo(0.04153311931459038, 12);
    expect(cv.cv).toBeCloseTo(0.14079023496471316, 12);
  });
  it('leaves out schools with no students or no 专任 teachers', () => {
    const cv = studentWeightedCvOfShares([
      { students: 600, numerator: 3, denominator: 10 },
      { students: 0, numerator: 0, denominator: 2 },
      { students: 200, numerator: 0, denominator: 0 },
    ]);
    expect(cv).toMatchObject({ n: 1, students: 600, sd: 0, cv: 0 });
    expect(cv.mean).toBeCloseTo(0.3, 15);
  });
  it('is 0 when every school has the same share, and for one school', () => {
    const cv = studentWeightedCvOfShares([
      { students: 100, numerator: 3, denominator: 10 },
      { students: 250, numerator: 6, denominator: 20 },
      { students: 75, numerator: 9, denominator: 30 },
    ]);
    expect(cv.cv).toBeCloseTo(0, 12);
    expect(studentWeightedCvOfShares([{ students: 10, numerator: 1, denominator: 4 }]).cv).toBe(0);
  });
  it('is undefined (null) when no school counts or the mean is 0', () => {
    expect(studentWeightedCvOfShares([]).cv).toBeNull();
    expect(studentWeightedCvOfShares([{ students: 0, numerator: 1, denominator: 2 }]).cv).toBeNull();
    expect(studentWeightedCvOfShares([{ students: 10, numerator: 0, denominator: 2 }]).cv).toBeNull();
  });
});

describe('counts and figures of one school', () => {
  it('counts 专任 only (行政 and 工勤 are staff, not counted), 骨干 of 县/市/省 only', () => {
    const c = structureCounts(A, Y, TEACHER_TARGETS);
    expect(c).toEqual({
      staff: 12,
      fullTime: 10,
      ageBands: { under30: 2, '30to39': 3, '40to49': 3, '50plus': 2 },
      titles: { 未定级: 1, 三级: 0, 二级: 2, 一级: 4, 高级: 3, 正高级: 0 },
      intermediate: 7,
      backbone: 3,
      postgraduate: 1,
      tiers: { 教育家型: 0, 卓越: 0, 领航: 0, 骨干: 1, 新秀: 2 },
    });
    const f = structureFigures(c, 600, TEACHER_TARGETS);
    expect(f.backbone).toEqual({ count: 3, share: 0.3, met: true, short: 0 });
    expect(f.postgraduate).toEqual({ count: 1, share: 0.1, met: true, short: 0 });
    expect(f.intermediate).toEqual({ count: 7, share: 0.7 });
    expect(f.ageBands.map((a) => a.share)).toEqual([0.2, 0.3, 0.3, 0.2]);
    // 3 × 100 / 600 = 0.5; 7 × 100 / 600 = 1.1666…
    expect(f.backbonePer100).toBe(0.5);
    expect(f.intermediatePer100).toBeCloseTo(7 / 6, 15);
  });
  it('a school without 专任 teachers: counts 0, no shares, nothing judged', () => {
    const f = structureFigures(structureCounts(E, Y, TEACHER_TARGETS), 200, TEACHER_TARGETS);
    expect(f.staff).toBe(1);
    expect(f.fullTime).toBe(0);
    expect(f.backbone).toEqual({ count: 0, share: null, met: null, short: null });
    expect(f.ageBands.every((a) => a.count === 0 && a.share === null)).toBe(true);
    expect(f.backbonePer100).toBe(0);
  });
  it('per 100 students is undefined for zero or unknown students', () => {
    expect(perHundredStudents(3, 0)).toBeNull();
    expect(perHundredStudents(3, null)).toBeNull();
    expect(perHundredStudents(3, 600)).toBe(0.5);
  });
});

describe('the district report', () => {
  const r = structureReport({ year: Y, years: [Y], targets: TEACHER_TARGETS, schools: DISTRICT });

  it('lists the schools with a roster and the open schools without one', () => {
    expect(r.schools.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(r.withoutRoster.map((s) => s.code)).toEqual(['F']);
    expect(r.schools.map((s) => [s.code, s.inShareCv, s.inPer100Cv])).toEqual([
      ['A', true, true],
      ['B', true, true],
      ['C', true, true],
      ['D', false, false],
      ['E', false, true],
    ]);
    const b = r.schools.find((s) => s.code === 'B')!;
    expect(b.backbone).toEqual({ count: 1, share: 0.25, met: false, short: 1 });
    expect(b.postgraduate).toEqual({ count: 0, share: 0, met: false, short: 1 });
    expect(r.targets).toMatchObject({ id: 'teacher-targets-v1', version: 1, backboneShare: 0.3, postgraduateShare: 0.05, backboneLevels: ['县', '市', '省'] });
  });

  it('sums the district over every school with a roster', () => {
    const d = r.district;
    expect(d).toMatchObject({ staff: 24, fullTime: 21, students: 1200, schools: 5, withoutRoster: 1, withoutStudents: 1, withoutFullTime: 1, backboneMet: 2, postgraduateMet: 1 });
    expect(d.backbone).toEqual({ count: 6, share: 6 / 21, met: false, short: 1 });
    expect(d.postgraduate).toEqual({ count: 1, share: 1 / 21, met: false, short: 1 });
    expect(d.intermediate.count).toBe(14);
    expect(d.backbonePer100).toBe(0.5);
    expect(d.intermediatePer100).toBeCloseTo(14 / 12, 15);
    expect(d.ageBands.map((a) => a.count)).toEqual([6, 5, 5, 5]);
  });

  it('counts the 梯队 of 专任 teachers against the targets', () => {
    expect(r.tiers).toEqual([
      { tier: '教育家型', count: 1, target: 3, met: false, short: 2 },
      { tier: '卓越', count: 1, target: 9, met: false, short: 8 },
      { tier: '领航', count: 0, target: 90, met: false, short: 90 },
      { tier: '骨干', count: 1, target: 120, met: false, short: 119 },
      { tier: '新秀', count: 3, target: 300, met: false, short: 297 },
    ]);
  });

  it('gives the 差异系数 numpy gave', () => {
    const cv = (indicator: string, group: string | null = null) => r.cvs.find((c) => c.section === '小学' && c.indicator === indicator && c.group === group)!;
    const want: [string, string | null, number, number, number, number][] = [
      ['backbone', null, 3, 0.295, 0.04153311931459038, 0.14079023496471316],
      ['postgraduate', null, 3, 0.06, 0.048989794855663564, 0.8164965809277261],
      ['intermediate', null, 3, 0.67, 0.14177446878757824, 0.21160368475757946],
      ['age', 'under30', 3, 0.27, 0.16155494421403513, 0.5983516452371671],
      ['age', '40to49', 3, 0.22, 0.14696938456699069, 0.668042657122685],
      ['title', '正高级', 3, 0.02, 0.06, 3.0],
      ['backbonePer100', null, 4, 0.5, 0.4859126579037751, 0.9718253158075502],
      ['intermediatePer100', null, 4, 1.1666666666666667, 1.2304019216861166, 1.0546302185880998],
    ];
    for (const [ind, group, n, mean, sd, c] of want) {
      const got = cv(ind, group);
      expect(got.n, `${ind} ${group}`).toBe(n);
      expect(got.mean, `${ind} ${group}`).toBeCloseTo(mean, 12);
      expect(got.sd, `${ind} ${group}`).toBeCloseTo(sd, 12);
      expect(got.cv!, `${ind} ${group}`).toBeCloseTo(c, 12);
    }
    expect(cv('backbone').students).toBe(1000);
    expect(cv('backbonePer100').students).toBe(1200);
    // One set per 学段: 小学 as above, 初中 over nobody.
    expect(r.cvs).toHaveLength(2 * (3 + 4 + 6 + 2));
    expect(r.cvs.filter((c) => c.section === '初中').every((c) => c.n === 0 && c.cv === null)).toBe(true);
  });

  it('one school: every CV 0 or undefined (a share nobody has)', () => {
    const one = structureReport({ year: Y, years: [Y], targets: TEACHER_TARGETS, schools: [school('A', 600, A)] });
    for (const c of one.cvs) {
      if (c.mean === 0) expect(c.cv, `${c.indicator} ${c.group}`).toBeNull();
      else expect(c.cv, `${c.indicator} ${c.group}`).toBeCloseTo(0, 12);
    }
    expect(one.district.backbone).toEqual({ count: 3, share: 0.3, met: true, short: 0 });
  });

  it('no roster anywhere: zeros, nothing judged, every CV undefined', () => {
    const none = structureReport({ year: Y, years: [], targets: TEACHER_TARGETS, schools: [school('F', 150, [])] });
    expect(none.schools).toEqual([]);
    expect(none.district).toMatchObject({ schools: 0, fullTime: 0, students: 0, withoutRoster: 1 });
    expect(none.district.backbone.met).toBeNull();
    expect(none.district.backbonePer100).toBeNull();
    expect(none.cvs.every((c) => c.n === 0 && c.cv === null)).toBe(true);
  });
});

// The 差异系数 per 学段, the schools split as the balance engine does (school year 2025; titles 一级 = 中级+, 二级 not):
//   P1 小学       grades 1–6: 400 │ 4 专任: 骨干 1 (县), 中级+ 2
//   T1 教学点     grades 1–3: 100 │ 2 专任: 骨干 0, 中级+ 1                                   → with 小学
//   N1 九年一贯制 grades 1–6: 300, 7–9: 200 │ 小学 section 3 专任 (骨干 1, 中级+ 1) + a row without a section
//                 (骨干 市, 一级: counted under the first section, 小学) → 小学 4 (骨干 2, 中级+ 2);
//                 初中 section 4 专任 (骨干 2, 中级+ 3)
//   M1 完全中学   grades 7–9: 300, 10–12: 500 │ 初中 section 5 专任 (骨干 1, 中级+ 2) + a row without a section
//                 (二级: first section 初中) → 初中 6 (骨干 1, 中级+ 2); 高中 section 3 专任 (all 骨干 and 中级+): left out
//   J1 初中       grades 7–9: 500 │ 5 专任: 骨干 2, 中级+ 4
//   N2 九年一贯制 no statistics: in no CV
// numpy (shares: np.average(a/F, weights=P); per 100: X̄ = ΣN/ΣP·100, sd = √np.average((100N/P − X̄)², weights=P)):
//   小学 over P1, T1, N1-小学 (P = 400, 100, 300; F = 4, 2, 4):
//     骨干 share 1/4, 0, 2/4  → mean 0.3125 sd 0.16535945694153692 cv 0.5291502622129182
//     中级+ share 2/4, 1/2, 2/4 → mean 0.5 sd 0 cv 0
//     骨干 per 100 (1, 0, 2)  → mean 0.375 sd 0.2393567769390845 cv 0.6382847385042253
//     中级+ per 100 (2, 1, 2) → mean 0.625 sd 0.1613743060919757 cv 0.2581988897471611
//   初中 over N1-初中, M1-初中, J1 (P = 200, 300, 500; F = 4, 6, 5):
//     骨干 share 2/4, 1/6, 2/5 → mean 0.35 sd 0.12583057392117916 cv 0.35951592548908334
//     中级+ share 3/4, 2/6, 4/5 → mean 0.65 sd 0.2081665999466133 cv 0.32025630761017426
//     骨干 per 100 (2, 1, 2)  → mean 0.5 sd 0.2516611478423583 cv 0.5033222956847166
//     中级+ per 100 (3, 2, 4) → mean 0.9 sd 0.30550504633038933 cv 0.3394500514782104
describe('the 差异系数 per 学段', () => {
  const t = (n: number, section: Row['section'], o: Partial<Row> = {}) => Array.from({ length: n }, () => row(1985, '二级', { section, ...o }));
  const bb = (section: Row['section'], o: Partial<Row> = {}) => row(1985, '二级', { section, backboneLevel: '县', ...o });
  const im = (section: Row['section'], o: Partial<Row> = {}) => row(1985, '一级', { section, ...o });
  const unit = (code: string, level: string, s: { 小学?: number; 初中?: number; 高中?: number } | null, roster: Row[]): ReportSchool => ({
    code,
    name: code,
    level,
    isOpen: true,
    students: s === null ? null : (s.小学 ?? 0) + (s.初中 ?? 0) + (s.高中 ?? 0),
    sectionStudents: s === null ? null : { 小学: s.小学 ?? 0, 初中: s.初中 ?? 0, 高中: s.高中 ?? 0 },
    roster,
  });
  const schools = [
    unit('P1', '小学', { 小学: 400 }, [bb(null), im(null), im(null), ...t(1, null)]),
    unit('T1', '教学点', { 小学: 100 }, [im(null), ...t(1, null)]),
    unit('N1', '九年一贯制', { 小学: 300, 初中: 200 }, [
      bb('小学'),
      im('小学'),
      ...t(1, '小学'),
      im(null, { backboneLevel: '市' }),
      bb('初中', { title: '一级' }),
      bb('初中', { title: '一级' }),
      im('初中'),
      ...t(1, '初中'),
    ]),
    unit('M1', '完全中学', { 初中: 300, 高中: 500 }, [bb('初中'), im('初中'), im('初中'), ...t(2, '初中'), ...t(1, null), ...t(3, '高中', { backboneLevel: '省', title: '高级' })]),
    unit('J1', '初中', { 初中: 500 }, [bb(null, { title: '一级' }), bb(null, { title: '一级' }), im(null), im(null), ...t(1, null)]),
    unit('N2', '九年一贯制', null, [bb('小学'), ...t(1, '初中')]),
  ];
  const r = structureReport({ year: Y, years: [Y], targets: TEACHER_TARGETS, schools });
  const cv = (section: string, indicator: string) => r.cvs.find((c) => c.section === section && c.indicator === indicator && c.group === null)!;

  it('gives each 学段 the CVs numpy gave', () => {
    const want: [string, string, number, number, number, number, number | null][] = [
      ['小学', 'backbone', 3, 800, 0.3125, 0.16535945694153692, 0.5291502622129182],
      ['小学', 'intermediate', 3, 800, 0.5, 0, 0],
      ['小学', 'backbonePer100', 3, 800, 0.375, 0.2393567769390845, 0.6382847385042253],
      ['小学', 'intermediatePer100', 3, 800, 0.625, 0.1613743060919757, 0.2581988897471611],
      ['初中', 'backbone', 3, 1000, 0.35, 0.12583057392117916, 0.35951592548908334],
      ['初中', 'intermediate', 3, 1000, 0.65, 0.2081665999466133, 0.32025630761017426],
      ['初中', 'backbonePer100', 3, 1000, 0.5, 0.2516611478423583, 0.5033222956847166],
      ['初中', 'intermediatePer100', 3, 1000, 0.9, 0.30550504633038933, 0.3394500514782104],
    ];
    for (const [section, ind, n, students, mean, sd, c] of want) {
      const got = cv(section, ind);
      expect([got.n, got.students], `${section} ${ind}`).toEqual([n, students]);
      expect(got.mean, `${section} ${ind}`).toBeCloseTo(mean, 12);
      expect(got.sd, `${section} ${ind}`).toBeCloseTo(sd, 12);
      expect(got.cv!, `${section} ${ind}`).toBeCloseTo(c!, 12);
    }
  });

  it('keeps the school rows whole-school and says which 学段 count each school', () => {
    const s = (code: string) => r.schools.find((x) => x.code === code)!;
    // N1: 8 专任 (4 + 4), 500 students; M1: 9 专任 (5 + 1 + 3 高中), 800 students, 骨干 1 + 3 = 4.
    expect([s('N1').fullTime, s('N1').students, s('N1').backbone.count]).toEqual([8, 500, 4]);
    expect([s('M1').fullTime, s('M1').students, s('M1').backbone.count]).toEqual([9, 800, 4]);
    expect(r.schools.map((x) => [x.code, x.cvSections, x.inShareCv, x.inPer100Cv])).toEqual([
      ['P1', ['小学'], true, true],
      ['T1', ['小学'], true, true],
      ['N1', ['小学', '初中'], true, true],
      ['M1', ['初中'], true, true],
      ['J1', ['初中'], true, true],
      ['N2', [], false, false],
    ]);
    expect(r.district.withoutStudents).toBe(1);
  });
});
