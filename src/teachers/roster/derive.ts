// The statistics' teacher figures (src/registry/fields.ts, topic 'teachers') computed from a school year's roster:
// counts of 专任 teachers only (行政 / 工勤 rows are recorded but not counted), by the shared domain rules of issue 13.
// Pure module: the web imports it.
import { STAT_FIELDS, type StatValues } from '../../registry/fields.js';
import type { SchoolLevel } from '../../registry/model.js';
import { ART_SUBJECTS, INTERMEDIATE_TITLES, MUSIC_SUBJECTS, PE_SUBJECTS, QUALIFICATIONS, type Qualification, type RosterTeacher, type Section } from '../model.js';
import { sectionOf, sectionsOfLevel } from './sections.js';

/** What the counts read of a roster row. */
export type DerivableRow = Pick<RosterTeacher, 'birthYear' | 'section' | 'post' | 'qualification' | 'title' | 'certified' | 'backboneLevel' | 'subjects'>;

/** The keys of the statistics' teacher figures, in the registry's order. */
export const TEACHER_STAT_KEYS: readonly string[] = STAT_FIELDS.filter((f) => f.topic === 'teachers').map((f) => f.key);

/** 高于规定学历 by section: 小学 专科 or above, 初中 本科 or above, 高中 研究生 (issue 13's rule; 小学/初中 as fields.ts helpZh). */
const ABOVE_DEGREE_FROM: Record<Section, Qualification> = { 小学: '专科', 初中: '本科', 高中: '研究生' };
const rank = (q: Qualification) => QUALIFICATIONS.indexOf(q);
export const isAboveDegree = (q: Qualification, section: Section): boolean => rank(q) >= rank(ABOVE_DEGREE_FROM[section]);

const has = (list: readonly string[], v: string | undefined) => v !== undefined && list.includes(v);

/** Every teacher figure as counts over the 专任 rows (0 for an empty roster). Age = year − birthYear. */
export function deriveTeacherStats(rows: readonly DerivableRow[], level: SchoolLevel, year: number): StatValues {
  const out: Record<string, number> = Object.fromEntries(TEACHER_STAT_KEYS.map((k) => [k, 0]));
  const add = (key: string, when: boolean) => {
    if (when) out[key]++;
  };
  for (const r of rows) {
    if (r.post !== '专任') continue;
    const section = sectionOf(level, r.section);
    const main = r.subjects[0];
    const age = year - r.birthYear;
    add('teachersTotal', true);
    add('teachersAboveDegree', isAboveDegree(r.qualification, section));
    add('teachersPostgraduate', r.qualification === '研究生');
    // 骨干 by level: 县 / 市 / 省 (省 includes 国家级); 校级 is recorded but not counted.
    add('backboneCounty', r.backboneLevel === '县');
    add('backboneCity', r.backboneLevel === '市');
    add('backboneProvince', r.backboneLevel === '省');
    // 体育 / 音乐 / 美术 teachers by the main subject (the first listed).
    add('peTeachers', has(PE_SUBJECTS, main));
    add('musicTeachers', has(MUSIC_SUBJECTS, main));
    add('artTeachers', has(ART_SUBJECTS, main));
    add('seniorTitleTeachers', INTERMEDIATE_TITLES.includes(r.title));
    add('certifiedTeachers', r.certified);
    add('teachersAgeUnder30', age < 30);
    add('teachersAge30to39', age >= 30 && age < 40);
    add('teachersAge40to49', age >= 40 && age < 50);
    add('teachersAge50plus', age >= 50);
  }
  return out;
}

/** The figures per section of the school (every section of its level, empty ones with zeros). */
export function deriveBySection(rows: readonly DerivableRow[], level: SchoolLevel, year: number): Map<Section, StatValues> {
  return new Map(
    sectionsOfLevel(level).map((s) => [
      s,
      deriveTeacherStats(
        rows.filter((r) => sectionOf(level, r.section) === s),
        level,
        year,
      ),
    ]),
  );
}

export interface RosterDifference {
  key: string;
  /** The typed-in figure (null: not typed in). */
  typed: number | null;
  /** The figure computed from the roster. */
  roster: number;
}

/**
 * The teacher figures whose typed-in value differs from the roster's, in the registry's order. Nothing typed in at all
 * (every teacher figure null: a school that never typed them) gives no differences — there is nothing to compare.
 * Otherwise a figure differs when typed ≠ roster; a single figure left empty counts only when the roster's is above 0
 * (an empty cell and a zero say the same).
 */
export function rosterDifferences(typed: StatValues, roster: StatValues): RosterDifference[] {
  if (TEACHER_STAT_KEYS.every((k) => typed[k] == null)) return [];
  return TEACHER_STAT_KEYS.flatMap((key) => {
    const t = typed[key] ?? null;
    const r = roster[key] ?? 0;
    const differs = t === null ? r > 0 : t !== r;
    return differs ? [{ key, typed: t, roster: r }] : [];
  });
}
