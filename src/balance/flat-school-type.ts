// 学校类型 (school type) of a row of the flat balance table: 学校 or 教学点. A row marked 教学点 here is read as a row
// whose 学段 is 教学点, the form the table has always accepted (a 教学点 is a primary school: 教育部《教育统计指标解释》).

export type SchoolType = '学校' | '教学点';

/** Header aliases of the column, as flat-input's bare() leaves them (no spaces or units, lower case). */
export const SCHOOL_TYPE_HEADERS: readonly string[] = ['school_type', 'schooltype', 'school-type', '学校类型'];

/** Cell values, compared without case, spaces, "_" or "-": 学校 / school, 教学点 / teaching_point / teaching point. */
const VALUES: Readonly<Record<string, SchoolType>> = { 学校: '学校', school: '学校', 教学点: '教学点', teachingpoint: '教学点' };

/** 学段 texts a 教学点 may carry: primary, or 教学点 itself, or none (the type then says it). */
const PRIMARY_LEVEL_TEXTS: readonly string[] = ['', '小学', 'primary', '教学点'];

/** The cell's school type; null for an empty cell, undefined for a value that is neither. */
export function parseSchoolType(text: string): SchoolType | null | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  if (key === '') return null;
  return Object.hasOwn(VALUES, key) ? VALUES[key] : undefined;
}

/**
 * The 学段 a row is evaluated with, given its 学段 and 学校类型 cells: 教学点 when the type says so (and the 学段 is
 * primary or empty), else the 学段 as written; or the reason the two cells contradict each other.
 */
export function levelWithSchoolType(levelText: string, typeText: string): { level: string } | { reason: string } {
  const type = parseSchoolType(typeText);
  if (type === null) return { level: levelText };
  if (type === undefined) return { reason: `学校类型 "${typeText.trim()}" 应为 学校 或 教学点 / unknown school type "${typeText.trim()}": use 学校 (school) or 教学点 (teaching_point)` };
  if (type === '学校') {
    if (levelText === '教学点') return { reason: '学校类型为 学校，但学段为 教学点 / school_type says school but level says 教学点' };
    return { level: levelText };
  }
  if (!PRIMARY_LEVEL_TEXTS.includes(levelText)) return { reason: `教学点只设小学，学段 "${levelText}" 不符 / a teaching point is a primary school, but level is "${levelText}"` };
  return { level: '教学点' };
}
