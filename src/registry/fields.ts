// The one place that defines every annual statistic a school reports (教育事业统计 style):
// key, Chinese and English label, unit, type and bounds. The database columns, the Excel
// template, the import checks, the web forms and the audit log are all derived from this list.

export type FieldType = 'int' | 'decimal';
export type Topic = 'teachers' | 'facilities';

export interface StatField {
  key: string; // camelCase key used in TypeScript and JSON
  column: string; // snake_case database column
  topic: Topic;
  zh: string;
  en: string;
  unitZh: string;
  unitEn: string;
  type: FieldType;
  min: number;
  max: number;
  helpZh?: string;
}

const f = (key: string, column: string, topic: Topic, zh: string, en: string, unitZh: string, unitEn: string, type: FieldType, max: number, helpZh?: string): StatField => ({
  key,
  column,
  topic,
  zh,
  en,
  unitZh,
  unitEn,
  type,
  min: 0,
  max,
  helpZh,
});

export const STAT_FIELDS: readonly StatField[] = [
  // 教师 — teachers
  f('teachersTotal', 'teachers_total', 'teachers', '专任教师数', 'Full-time teachers', '人', 'persons', 'int', 5000),
  f('teachersAboveDegree', 'teachers_above_degree', 'teachers', '高于规定学历专任教师数', 'Teachers above the required degree', '人', 'persons', 'int', 5000, '小学：专科及以上；初中：本科及以上'),
  f('teachersPostgraduate', 'teachers_postgraduate', 'teachers', '研究生学历专任教师数', 'Teachers with a postgraduate degree', '人', 'persons', 'int', 5000),
  f('backboneCounty', 'backbone_county', 'teachers', '县级骨干教师数', 'County-level backbone teachers', '人', 'persons', 'int', 1000),
  f('backboneCity', 'backbone_city', 'teachers', '市级骨干教师数', 'City-level backbone teachers', '人', 'persons', 'int', 1000),
  f('backboneProvince', 'backbone_province', 'teachers', '省级及以上骨干教师数', 'Provincial or national backbone teachers', '人', 'persons', 'int', 1000),
  f('peTeachers', 'pe_teachers', 'teachers', '体育专任教师数', 'PE teachers', '人', 'persons', 'int', 1000),
  f('musicTeachers', 'music_teachers', 'teachers', '音乐专任教师数', 'Music teachers', '人', 'persons', 'int', 1000),
  f('artTeachers', 'art_teachers', 'teachers', '美术专任教师数', 'Art teachers', '人', 'persons', 'int', 1000),
  f('seniorTitleTeachers', 'senior_title_teachers', 'teachers', '中级及以上职称专任教师数', 'Teachers with intermediate or higher title', '人', 'persons', 'int', 5000),
  f('certifiedTeachers', 'certified_teachers', 'teachers', '持教师资格证专任教师数', 'Certified teachers', '人', 'persons', 'int', 5000),
  f('teachersAgeUnder30', 'teachers_age_under30', 'teachers', '30岁以下专任教师数', 'Teachers under 30', '人', 'persons', 'int', 5000),
  f('teachersAge30to39', 'teachers_age_30_39', 'teachers', '30–39岁专任教师数', 'Teachers aged 30–39', '人', 'persons', 'int', 5000),
  f('teachersAge40to49', 'teachers_age_40_49', 'teachers', '40–49岁专任教师数', 'Teachers aged 40–49', '人', 'persons', 'int', 5000),
  f('teachersAge50plus', 'teachers_age_50plus', 'teachers', '50岁及以上专任教师数', 'Teachers aged 50 and over', '人', 'persons', 'int', 5000),
  // 校舍与装备 — buildings and equipment
  f('buildingAreaM2', 'building_area_m2', 'facilities', '校舍建筑面积', 'Total floor area', 'm²', 'm²', 'decimal', 1_000_000),
  f('teachingAuxAreaM2', 'teaching_aux_area_m2', 'facilities', '教学及辅助用房面积', 'Teaching and auxiliary rooms', 'm²', 'm²', 'decimal', 1_000_000),
  f('indoorSportsAreaM2', 'indoor_sports_area_m2', 'facilities', '室内体育用房面积', 'Indoor sports halls', 'm²', 'm²', 'decimal', 1_000_000),
  f('sportsGroundAreaM2', 'sports_ground_area_m2', 'facilities', '体育运动场地面积', 'Outdoor sports grounds', 'm²', 'm²', 'decimal', 1_000_000),
  f('equipmentValueYuan', 'equipment_value_yuan', 'facilities', '教学仪器设备资产值', 'Teaching equipment value', '元', 'yuan', 'decimal', 1_000_000_000),
  f('multimediaClassrooms', 'multimedia_classrooms', 'facilities', '网络多媒体教室数', 'Networked multimedia classrooms', '间', 'rooms', 'int', 2000),
  f('computers', 'computers', 'facilities', '教学用计算机数', 'Computers for teaching', '台', 'units', 'int', 50_000),
  f('books', 'books', 'facilities', '图书', 'Library books', '册', 'volumes', 'int', 10_000_000),
  f('musicRooms', 'music_rooms', 'facilities', '音乐专用教室数', 'Music rooms', '间', 'rooms', 'int', 200),
  f('artRooms', 'art_rooms', 'facilities', '美术专用教室数', 'Art rooms', '间', 'rooms', 'int', 200),
];

export type StatKey = (typeof STAT_FIELDS)[number]['key'];
export type StatValues = Record<string, number | null>;

export const FIELD_BY_KEY: ReadonlyMap<string, StatField> = new Map(STAT_FIELDS.map((x) => [x.key, x]));

export const TOPICS: Record<Topic, { zh: string; en: string }> = {
  teachers: { zh: '教师', en: 'Teachers' },
  facilities: { zh: '校舍与装备', en: 'Buildings and equipment' },
};

// Grade numbers follow the Chinese 12-year sequence: 1–6 小学, 7–9 初中, 10–12 高中.
export const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export const GRADE_ZH = ['', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级', '高一', '高二', '高三'];
export const GRADE_EN = ['', 'Grade 1', 'Grade 2', 'Grade 3', 'Grade 4', 'Grade 5', 'Grade 6', 'Grade 7', 'Grade 8', 'Grade 9', 'Grade 10', 'Grade 11', 'Grade 12'];
export const MAX_CLASS_SIZE = 120; // no real class is larger; bigger values are typing errors
export const MAX_GRADE_STUDENTS = 5000;

/** Cross-field consistency rules (checked on import and on save). Each returns the keys involved when violated. */
export interface ConsistencyRule {
  id: string;
  zh: string;
  en: string;
  violated: (v: StatValues) => boolean;
  keys: string[];
}
const n = (v: StatValues, k: string) => v[k] ?? 0;
const le = (id: string, part: string[], whole: string, zh: string, en: string): ConsistencyRule => ({
  id,
  zh,
  en,
  keys: [...part, whole],
  violated: (v) => v[whole] != null && part.reduce((s, k) => s + n(v, k), 0) > n(v, whole),
});
export const CONSISTENCY_RULES: readonly ConsistencyRule[] = [
  le('aboveDegree<=total', ['teachersAboveDegree'], 'teachersTotal', '高于规定学历教师数不能超过专任教师数', 'Teachers above the required degree exceed all teachers'),
  le('postgraduate<=total', ['teachersPostgraduate'], 'teachersTotal', '研究生学历教师数不能超过专任教师数', 'Postgraduate teachers exceed all teachers'),
  le('backbone<=total', ['backboneCounty', 'backboneCity', 'backboneProvince'], 'teachersTotal', '各级骨干教师之和不能超过专任教师数', 'Backbone teachers exceed all teachers'),
  le('peArt<=total', ['peTeachers', 'musicTeachers', 'artTeachers'], 'teachersTotal', '体育、音乐、美术教师之和不能超过专任教师数', 'PE, music and art teachers exceed all teachers'),
  le('senior<=total', ['seniorTitleTeachers'], 'teachersTotal', '中级及以上职称教师数不能超过专任教师数', 'Teachers with senior titles exceed all teachers'),
  le('certified<=total', ['certifiedTeachers'], 'teachersTotal', '持证教师数不能超过专任教师数', 'Certified teachers exceed all teachers'),
  {
    id: 'ageBands=total',
    zh: '各年龄段教师之和应等于专任教师数',
    en: 'Teachers by age band must add up to all teachers',
    keys: ['teachersAgeUnder30', 'teachersAge30to39', 'teachersAge40to49', 'teachersAge50plus', 'teachersTotal'],
    violated: (v) => {
      const bands = ['teachersAgeUnder30', 'teachersAge30to39', 'teachersAge40to49', 'teachersAge50plus'];
      if (bands.every((k) => v[k] == null) || v.teachersTotal == null) return false;
      return bands.reduce((s, k) => s + n(v, k), 0) !== v.teachersTotal;
    },
  },
  le('teachingAux<=building', ['teachingAuxAreaM2'], 'buildingAreaM2', '教学及辅助用房面积不能超过校舍建筑面积', 'Teaching rooms exceed the total floor area'),
];

export function checkConsistency(values: StatValues): ConsistencyRule[] {
  return CONSISTENCY_RULES.filter((r) => r.violated(values));
}

/** Validate one raw value against its field; returns the number or an error reason (zh, en). */
export function validateFieldValue(field: Pick<StatField, 'type' | 'min' | 'max'>, value: number): { zh: string; en: string } | null {
  if (!Number.isFinite(value)) return { zh: '不是数字', en: 'not a number' };
  if (value < field.min) return { zh: `不能为负数`, en: `must not be negative` };
  if (value > field.max) return { zh: `超过上限 ${field.max}`, en: `exceeds the maximum ${field.max}` };
  if (field.type === 'int' && !Number.isInteger(value)) return { zh: '应为整数', en: 'must be a whole number' };
  return null;
}
