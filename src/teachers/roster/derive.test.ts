import { describe, expect, it } from 'vitest';
import { STAT_FIELDS } from '../../registry/fields.js';
import { deriveBySection, deriveTeacherStats, isAboveDegree, rosterDifferences, TEACHER_STAT_KEYS, type DerivableRow } from './derive.js';
import { sectionNeedsCheck, sectionOf, sectionsOfLevel } from './sections.js';

const t = (o: Partial<DerivableRow>): DerivableRow => ({
  birthYear: 1985,
  section: null,
  post: '专任',
  qualification: '本科',
  title: '二级',
  certified: true,
  backboneLevel: null,
  subjects: ['语文'],
  ...o,
});

// A 九年一贯制 school in 2025 (age = 2025 − birth year). Row 6 is 行政: never counted.
const rows: DerivableRow[] = [
  t({ section: '小学', qualification: '专科', title: '一级', backboneLevel: '县', subjects: ['语文'], birthYear: 1996 }), // 1: age 29
  t({ section: '小学', qualification: '高中及以下', title: '二级', certified: false, backboneLevel: '校', subjects: ['体育'], birthYear: 1995 }), // 2: age 30
  t({ section: '初中', qualification: '专科', title: '高级', backboneLevel: '市', subjects: ['数学'], birthYear: 1976 }), // 3: age 49
  t({ section: '初中', qualification: '本科', title: '未定级', backboneLevel: '省', subjects: ['音乐', '美术'], birthYear: 1975 }), // 4: age 50
  t({ section: '初中', qualification: '研究生', title: '正高级', subjects: ['美术'], birthYear: 1985 }), // 5: age 40
  t({ section: '小学', post: '行政', qualification: '研究生', title: '高级', backboneLevel: '省', subjects: ['体育'], birthYear: 1980 }), // 6: 行政
  t({ section: '小学', qualification: '本科', title: '三级', subjects: ['语文', '体育'], birthYear: 2000 }), // 7: age 25
];

describe('sections', () => {
  it('lists each level’s sections and picks a row’s', () => {
    expect(sectionsOfLevel('小学')).toEqual(['小学']);
    expect(sectionsOfLevel('教学点')).toEqual(['小学']);
    expect(sectionsOfLevel('初中')).toEqual(['初中']);
    expect(sectionsOfLevel('九年一贯制')).toEqual(['小学', '初中']);
    expect(sectionsOfLevel('完全中学')).toEqual(['初中', '高中']);
    expect(sectionsOfLevel('十二年一贯制')).toEqual(['小学', '初中', '高中']);
    expect(sectionOf('初中', null)).toBe('初中');
    expect(sectionOf('教学点', null)).toBe('小学');
    expect(sectionOf('完全中学', '高中')).toBe('高中');
    // A missing or foreign section (left by a level change) counts in the school's first section, flagged.
    expect(sectionOf('九年一贯制', null)).toBe('小学');
    expect(sectionOf('九年一贯制', '高中')).toBe('小学');
    expect(sectionOf('完全中学', '小学')).toBe('初中');
    expect(sectionNeedsCheck('九年一贯制', null)).toBe(true);
    expect(sectionNeedsCheck('九年一贯制', '高中')).toBe(true);
    expect(sectionNeedsCheck('九年一贯制', '初中')).toBe(false);
    expect(sectionNeedsCheck('小学', null)).toBe(false);
    expect(sectionNeedsCheck('小学', '小学')).toBe(false);
    expect(sectionNeedsCheck('小学', '初中')).toBe(true);
  });

  it('a 完全中学 that became a 九年一贯制: its 高中 rows count under 小学 instead of failing', () => {
    // Rows: 初中 本科 (初中: above), 高中 研究生, 高中 本科. As a 九年一贯制, the two 高中 rows count in 小学 (its first
    // section), where 本科 and 研究生 are both above 专科: 小学 total 2, above 2; 初中 total 1, above 1.
    const moved = [t({ section: '初中' }), t({ section: '高中', qualification: '研究生' }), t({ section: '高中' })];
    const by = deriveBySection(moved, '九年一贯制', 2025);
    expect([...by.keys()]).toEqual(['小学', '初中']);
    expect(by.get('小学')).toMatchObject({ teachersTotal: 2, teachersAboveDegree: 2 });
    expect(by.get('初中')).toMatchObject({ teachersTotal: 1, teachersAboveDegree: 1 });
    expect(deriveTeacherStats(moved, '九年一贯制', 2025)).toMatchObject({ teachersTotal: 3, teachersAboveDegree: 3, teachersPostgraduate: 1 });
  });
});

describe('deriveTeacherStats', () => {
  it('counts the 专任 rows of a 九年一贯制 school by the rules (hand-counted)', () => {
    // 专任: rows 1,2,3,4,5,7 = 6. 高于规定学历: 1 (小学 专科), 4 (初中 本科), 5 (研究生), 7 (小学 本科) = 4; 3 (初中 专科) and
    // 2 (高中及以下) not. 骨干 县 1 (row 1), 市 1 (row 3), 省 1 (row 4; row 6 is 行政; 校 of row 2 not counted).
    // 体育 by main subject: row 2 (row 7's main is 语文) = 1; 音乐 row 4 = 1; 美术 row 5 = 1 (row 4's main is 音乐).
    // 中级及以上 (一级/高级/正高级): 1, 3, 5 = 3. 持证: 1,3,4,5,7 = 5. Ages 29 & 25 → <30: 2; 30 → 30–39: 1; 49 & 40 → 40–49: 2; 50 → 50+: 1.
    expect(deriveTeacherStats(rows, '九年一贯制', 2025)).toEqual({
      teachersTotal: 6,
      teachersAboveDegree: 4,
      teachersPostgraduate: 1,
      backboneCounty: 1,
      backboneCity: 1,
      backboneProvince: 1,
      peTeachers: 1,
      musicTeachers: 1,
      artTeachers: 1,
      seniorTitleTeachers: 3,
      certifiedTeachers: 5,
      teachersAgeUnder30: 2,
      teachersAge30to39: 1,
      teachersAge40to49: 2,
      teachersAge50plus: 1,
    });
  });

  it('splits by section (小学: rows 1,2,7; 初中: rows 3,4,5)', () => {
    const by = deriveBySection(rows, '九年一贯制', 2025);
    expect([...by.keys()]).toEqual(['小学', '初中']);
    expect(by.get('小学')).toMatchObject({
      teachersTotal: 3,
      teachersAboveDegree: 2,
      teachersPostgraduate: 0,
      backboneCounty: 1,
      backboneProvince: 0,
      peTeachers: 1,
      seniorTitleTeachers: 1,
      certifiedTeachers: 2,
      teachersAgeUnder30: 2,
      teachersAge30to39: 1,
    });
    expect(by.get('初中')).toMatchObject({
      teachersTotal: 3,
      teachersAboveDegree: 2,
      teachersPostgraduate: 1,
      backboneCity: 1,
      backboneProvince: 1,
      musicTeachers: 1,
      artTeachers: 1,
      seniorTitleTeachers: 2,
      certifiedTeachers: 3,
      teachersAge40to49: 2,
      teachersAge50plus: 1,
    });
  });

  it('gives zeros for every teacher key of an empty roster or one without 专任', () => {
    const zero = Object.fromEntries(STAT_FIELDS.filter((f) => f.topic === 'teachers').map((f) => [f.key, 0]));
    expect(deriveTeacherStats([], '小学', 2025)).toEqual(zero);
    expect(deriveTeacherStats([t({ post: '工勤' }), t({ post: '行政' })], '初中', 2025)).toEqual(zero);
    expect(deriveBySection([], '完全中学', 2025)).toEqual(
      new Map([
        ['初中', zero],
        ['高中', zero],
      ]),
    );
  });

  it('applies the section’s degree rule: 高中 needs 研究生, 初中 本科, 小学 专科', () => {
    expect(isAboveDegree('本科', '高中')).toBe(false);
    expect(isAboveDegree('研究生', '高中')).toBe(true);
    expect(isAboveDegree('专科', '初中')).toBe(false);
    expect(isAboveDegree('本科', '初中')).toBe(true);
    expect(isAboveDegree('高中及以下', '小学')).toBe(false);
    expect(isAboveDegree('专科', '小学')).toBe(true);
    // A single-level 初中 school: its rows (section null) follow the 初中 rule: 1 of the 2 (本科) above.
    expect(deriveTeacherStats([t({ qualification: '专科' }), t({ qualification: '本科' })], '初中', 2025).teachersAboveDegree).toBe(1);
  });
});

describe('rosterDifferences', () => {
  const roster = deriveTeacherStats(rows, '九年一贯制', 2025);
  it('lists the typed figures that differ, a typed-in empty only where the roster has some', () => {
    const typed = { ...roster, teachersTotal: 7, artTeachers: null, teachersAgeUnder30: 3, facilities: 1 };
    const zeroRoster = { ...roster, musicTeachers: 0 };
    expect(rosterDifferences({ ...typed, musicTeachers: null }, zeroRoster)).toEqual([
      { key: 'teachersTotal', typed: 7, roster: 6 },
      { key: 'artTeachers', typed: null, roster: 1 },
      { key: 'teachersAgeUnder30', typed: 3, roster: 2 },
    ]);
  });
  it('finds none when nothing was typed in, or everything agrees', () => {
    expect(rosterDifferences(Object.fromEntries(TEACHER_STAT_KEYS.map((k) => [k, null])), roster)).toEqual([]);
    expect(rosterDifferences({}, roster)).toEqual([]);
    expect(rosterDifferences({ ...roster }, roster)).toEqual([]);
  });
});
