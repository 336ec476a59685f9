// The flat one-row-per-school table of `junheng balance evaluate`: columns, Chinese aliases,
// checks that name the row and column of every bad cell, and a warning for every column it does not read.
import { columnLetter, parseNumberText } from '../core/xlsx/cells.js';
import type { Table } from '../core/tabular.js';
import type { BalanceSchoolInput } from './evaluate.js';
import { SCHOOL_TYPE_HEADERS, levelWithSchoolType } from './flat-school-type.js';
import { SPLIT_WEIGHTS, splitStock, type SectionStudents } from './split.js';
import type { StandardPack } from './standards.js';

/** Indicator key → the column holding its numerator, with the header aliases accepted. A pack needs the columns of its own indicators. */
const NUMERATOR_COLUMNS: Record<string, { column: string; aliases: string[]; integer: boolean }> = {
  teachers_above_degree_per100: { column: 'teachers_above_required_degree', aliases: ['高于规定学历教师数', '高于规定学历专任教师数'], integer: true },
  backbone_per100: { column: 'backbone_teachers_county_or_above', aliases: ['县级以上骨干教师数', '县级及以上骨干教师数'], integer: true },
  pe_art_per100: { column: 'pe_art_teachers', aliases: ['体育艺术专任教师数', '体育、艺术专任教师数', '体艺教师数'], integer: true },
  teaching_area_per_student: { column: 'teaching_aux_area_m2', aliases: ['教学及辅助用房面积'], integer: false },
  sports_area_per_student: { column: 'sports_area_m2', aliases: ['体育运动场馆面积'], integer: false },
  equipment_per_student: { column: 'equipment_value_yuan', aliases: ['教学仪器设备值', '教学仪器设备资产值'], integer: false },
  multimedia_per100: { column: 'multimedia_classrooms', aliases: ['网络多媒体教室数'], integer: true },
  // 2012 基本均衡 indicators
  computers_per100: { column: 'computers', aliases: ['计算机台数', '教学用计算机数', '计算机数'], integer: true },
  books_per_student: { column: 'books', aliases: ['图书册数', '图书'], integer: true },
  teachers_per_student: { column: 'teachers', aliases: ['专任教师数', '教师数'], integer: true },
  teachers_above_degree_per_student: { column: 'teachers_above_required_degree', aliases: ['高于规定学历教师数', '高于规定学历专任教师数'], integer: true },
  senior_title_per_student: { column: 'senior_title_teachers', aliases: ['中级及以上职称教师数', '中级及以上专业技术职务教师数'], integer: true },
};
const ID_COLUMNS: Record<string, string[]> = {
  school_code: ['学校标识码', '学校代码'],
  school_name: ['学校名称'],
  level: ['学段', '办学类型'],
  // 学校类型: 学校 / 教学点 (flat-school-type.ts); until issue 14 this header was read as 学段.
  school_type: [...SCHOOL_TYPE_HEADERS],
  students: ['在校生数', '学生数'],
};
/** Section enrolments of a combined school (一贯制 / 完全中学), split by weighted enrolment (split.ts). */
const SECTION_COLUMNS: Record<keyof SectionStudents, { column: string; aliases: string[] }> = {
  primary: { column: 'primary_students', aliases: ['小学部在校生数', '小学在校生数', '小学生数'] },
  junior: { column: 'junior_students', aliases: ['初中部在校生数', '初中在校生数', '初中生数'] },
  senior: { column: 'senior_students', aliases: ['高中部在校生数', '高中在校生数', '高中生数'] },
};
const SIMPLE_LEVELS: Record<string, '小学' | '初中'> = { 小学: '小学', 初中: '初中', 教学点: '小学', primary: '小学', junior: '初中' };

export class FlatInputError extends Error {
  /** warnings: the columns not read, which may explain a missing one. */
  constructor(
    readonly problems: string[],
    readonly warnings: string[] = [],
  ) {
    super(problems.join('\n'));
  }
}

/** The schools of the table and one warning per column not read (unrecognised, unnamed or repeated). */
export interface FlatInput {
  schools: BalanceSchoolInput[];
  warnings: string[];
}

/** Every column the reader knows, whatever the pack: identity, sections and the numerators of all indicators. */
const KNOWN_COLUMNS: { column: string; aliases: string[] }[] = [
  ...Object.entries(ID_COLUMNS).map(([column, aliases]) => ({ column, aliases })),
  ...Object.values(SECTION_COLUMNS),
  ...Object.values(NUMERATOR_COLUMNS),
];

/** Header text without units in brackets or spaces, e.g. "在校生数(人)" → "在校生数". */
const bare = (h: string) =>
  h
    .replace(/[(（][^)）]*[)）]\s*$/, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/**
 * Header → column index. A header the reader does not know, a column of data without a header, and the earlier of two
 * headers naming the same column (the later is read, as before) each give a warning naming it, once.
 */
function readHeader(t: Table, fileName: string): { index: Map<string, number>; warnings: string[] } {
  const index = new Map<string, number>();
  const warnings: string[] = [];
  let width = t.header.length; // data may run past the last header
  for (const r of t.rows) width = Math.max(width, r.cells.findLastIndex((c) => c.trim() !== '') + 1);
  const where = (i: number) => `${fileName}: 第1行 ${columnLetter(i + 1)}列`;
  for (let i = 0; i < width; i++) {
    const h = t.header[i] ?? '';
    const b = bare(h);
    if (b === '') {
      if (t.rows.some((r) => (r.cells[i] ?? '').trim() !== '')) warnings.push(`${where(i)}: 有数据但没有列名，已忽略 / column ${columnLetter(i + 1)} has data but no header: ignored`);
      continue;
    }
    const known = KNOWN_COLUMNS.find((c) => b === c.column || c.aliases.includes(b));
    if (!known) {
      warnings.push(`${where(i)} "${h}": 未识别的列，已忽略 / unrecognised column "${h}" (${columnLetter(i + 1)}): ignored`);
      continue;
    }
    const earlier = index.get(known.column);
    if (earlier !== undefined)
      warnings.push(
        `${fileName}: 第1行 ${columnLetter(earlier + 1)}列 "${t.header[earlier]}" 与 ${columnLetter(i + 1)}列 "${h}" 同为 ${known.column}，前者已忽略 / columns ${columnLetter(earlier + 1)} and ${columnLetter(i + 1)} are both ${known.column}: ${columnLetter(earlier + 1)} ignored`,
      );
    index.set(known.column, i);
  }
  return { index, warnings };
}

export function readFlatSchools(t: Table, fileName: string, pack: StandardPack): FlatInput {
  const problems: string[] = [];
  const numeratorCols = pack.indicators.map((ind) => {
    const c = NUMERATOR_COLUMNS[ind.key];
    if (!c) throw new FlatInputError([`标准 ${pack.id} 的指标 ${ind.key} 没有对应的输入列 / indicator ${ind.key} has no input column`]);
    return { ...c, indicator: ind.key };
  });
  const { index, warnings } = readHeader(t, fileName);
  for (const col of ['school_code', 'level', ...new Set(numeratorCols.map((c) => c.column))]) if (!index.has(col)) problems.push(`${fileName}: 第1行缺少列 ${col} / missing column ${col} in row 1`);
  if (!index.has('level') && index.has('school_type'))
    problems.push(`${fileName}: 学校类型 列只区分 学校 / 教学点，学段 需另列 (学段 或 level) / the school_type column marks 学校 / 教学点 only: add a 学段 (level) column`);
  if (problems.length) throw new FlatInputError(problems, warnings);

  const at = (row: number, col: string) => `${fileName}: 第${row}行 ${index.has(col) ? `${columnLetter(index.get(col)! + 1)}列 ` : ''}(${col})`;
  const schools: BalanceSchoolInput[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of t.rows) {
    const cell = (col: string) => (index.has(col) ? (cells[index.get(col)!] ?? '').trim() : '');
    const code = cell('school_code');
    if (!code) problems.push(`${at(row, 'school_code')}: 学校标识码为空 / empty school code`);
    else if (seen.has(code)) problems.push(`${at(row, 'school_code')}: 学校 ${code} 与第${seen.get(code)}行重复 / duplicate of row ${seen.get(code)}`);
    else seen.set(code, row);
    // 学校类型 = 教学点 makes the row a 学段 = 教学点 row; a contradiction is the type cell's problem.
    const typed = levelWithSchoolType(cell('level'), cell('school_type'));
    if ('reason' in typed) problems.push(`${at(row, 'school_type')}: ${typed.reason}`);
    const levelText = 'level' in typed ? typed.level : cell('level');
    const level = SIMPLE_LEVELS[levelText];
    const combined = (Object.keys(SPLIT_WEIGHTS) as (keyof typeof SPLIT_WEIGHTS)[]).find((k) => k === levelText);
    if (!level && !combined) problems.push(`${at(row, 'level')}: 学段 "${levelText}" 应为 小学、初中、教学点、九年一贯制、十二年一贯制 或 完全中学 / unknown level`);
    const num = (col: string, integer: boolean): number | null => {
      const text = cell(col);
      if (text === '') return null;
      const v = parseNumberText(text);
      if (v == null) problems.push(`${at(row, col)}: "${text}" 不是数字 / not a number`);
      else if (v < 0) problems.push(`${at(row, col)}: 不能为负数 / must not be negative`);
      else if (integer && !Number.isInteger(v)) problems.push(`${at(row, col)}: 应为整数 / must be a whole number`);
      else return v;
      return null;
    };
    const numerators: Record<string, number | null> = {};
    for (const c of numeratorCols) numerators[c.indicator] = num(c.column, c.integer);
    const name = cell('school_name') || undefined;
    if (combined) {
      // A combined school becomes a 小学部 and an 初中部 (完全中学: its 初中部 only), stock split 1 : 1.1 (: 1.32) or 1 : 1.2.
      const w = SPLIT_WEIGHTS[combined];
      const st: SectionStudents = { primary: 0, junior: 0, senior: 0 };
      let ok = true;
      for (const sec of ['primary', 'junior', 'senior'] as const) {
        if (!w[sec]) continue;
        const col = SECTION_COLUMNS[sec].column;
        const v = num(col, true);
        if (cell(col) === '') {
          problems.push(`${at(row, col)}: ${combined}需要分学部在校生数 / a ${combined} row needs ${col}`);
          ok = false;
        } else if (v === null) ok = false;
        else st[sec] = v;
      }
      const total = num('students', true);
      if (ok && total !== null && total !== st.primary + st.junior + st.senior)
        problems.push(`${at(row, 'students')}: 在校生数 ${total} ≠ 各学部之和 ${st.primary + st.junior + st.senior} / students do not equal the sections' sum`);
      if (!ok || !code) continue;
      const parts = Object.fromEntries(Object.entries(numerators).map(([k, v]) => [k, v == null ? null : splitStock(v, st, w)]));
      const part = (sec: 'primary' | 'junior') => Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v == null ? null : v[sec]]));
      if (w.primary && st.primary > 0) schools.push({ code: `${code}-P`, name: name && `${name}(小学部)`, level: '小学', students: st.primary, numerators: part('primary') });
      if (st.junior > 0) schools.push({ code: `${code}-J`, name: name && `${name}(初中部)`, level: '初中', students: st.junior, numerators: part('junior') });
      continue;
    }
    const students = num('students', true);
    if (cell('students') === '') problems.push(`${at(row, 'students')}: 在校生数为空 / students missing`);
    else if (students === 0) problems.push(`${at(row, 'students')}: 在校生数为 0 / no students`);
    if (level && students && code) schools.push({ code, name, level, students, isTeachingPoint: levelText === '教学点', numerators });
  }
  if (problems.length) throw new FlatInputError(problems, warnings);
  return { schools, warnings };
}
