// The flat one-row-per-school table of `junheng balance evaluate`: columns, Chinese aliases,
// and checks that name the row and column of every bad cell.
import { columnLetter, parseNumberText } from '../registry/excel.js';
import type { Table } from '../core/tabular.js';
import type { BalanceSchoolInput } from './evaluate.js';

/** Column → indicator key (its numerator), with the header aliases accepted. */
const NUMERATOR_COLUMNS: { column: string; indicator: string; aliases: string[] }[] = [
  { column: 'teachers_above_required_degree', indicator: 'teachers_above_degree_per100', aliases: ['高于规定学历教师数', '高于规定学历专任教师数'] },
  { column: 'backbone_teachers_county_or_above', indicator: 'backbone_per100', aliases: ['县级以上骨干教师数', '县级及以上骨干教师数'] },
  { column: 'pe_art_teachers', indicator: 'pe_art_per100', aliases: ['体育艺术专任教师数', '体育、艺术专任教师数', '体艺教师数'] },
  { column: 'teaching_aux_area_m2', indicator: 'teaching_area_per_student', aliases: ['教学及辅助用房面积'] },
  { column: 'sports_area_m2', indicator: 'sports_area_per_student', aliases: ['体育运动场馆面积'] },
  { column: 'equipment_value_yuan', indicator: 'equipment_per_student', aliases: ['教学仪器设备值', '教学仪器设备资产值'] },
  { column: 'multimedia_classrooms', indicator: 'multimedia_per100', aliases: ['网络多媒体教室数'] },
];
const ID_COLUMNS: Record<string, string[]> = {
  school_code: ['学校标识码', '学校代码'],
  school_name: ['学校名称'],
  level: ['学段', '学校类型', '办学类型'],
  students: ['在校生数', '学生数'],
};

export class FlatInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Header text without units in brackets or spaces, e.g. "在校生数(人)" → "在校生数". */
const bare = (h: string) => h.replace(/[(（][^)）]*[)）]\s*$/, '').replace(/\s+/g, '').toLowerCase();

export function schoolsFromTable(t: Table, fileName: string): BalanceSchoolInput[] {
  const problems: string[] = [];
  const index = new Map<string, number>();
  t.header.forEach((h, i) => {
    const b = bare(h);
    for (const [col, aliases] of Object.entries(ID_COLUMNS)) if (b === col || aliases.includes(b)) index.set(col, i);
    for (const c of NUMERATOR_COLUMNS) if (b === c.column || c.aliases.includes(b)) index.set(c.column, i);
  });
  for (const col of [...Object.keys(ID_COLUMNS).filter((c) => c !== 'school_name'), ...NUMERATOR_COLUMNS.map((c) => c.column)])
    if (!index.has(col)) problems.push(`${fileName}: 第1行缺少列 ${col} / missing column ${col} in row 1`);
  if (problems.length) throw new FlatInputError(problems);

  const at = (row: number, col: string) => `${fileName}: 第${row}行 ${columnLetter(index.get(col)! + 1)}列 (${col})`;
  const schools: BalanceSchoolInput[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of t.rows) {
    const cell = (col: string) => (cells[index.get(col)!] ?? '').trim();
    const code = cell('school_code');
    if (!code) problems.push(`${at(row, 'school_code')}: 学校标识码为空 / empty school code`);
    else if (seen.has(code)) problems.push(`${at(row, 'school_code')}: 学校 ${code} 与第${seen.get(code)}行重复 / duplicate of row ${seen.get(code)}`);
    else seen.set(code, row);
    const levelText = cell('level');
    const level = ({ 小学: '小学', 初中: '初中', 教学点: '小学', primary: '小学', junior: '初中' } as Record<string, '小学' | '初中'>)[levelText];
    if (!level)
      problems.push(
        `${at(row, 'level')}: 学段 "${levelText}" 应为 小学、初中 或 教学点${/一贯制|完全中学/.test(levelText) ? '(一贯制学校请先按小学部、初中部拆成两行)' : ''} / level must be 小学, 初中 or 教学点${/一贯制|完全中学/.test(levelText) ? ' (split combined schools into a 小学 row and a 初中 row first)' : ''}`,
      );
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
    const students = num('students', true);
    if (cell('students') === '') problems.push(`${at(row, 'students')}: 在校生数为空 / students missing`);
    else if (students === 0) problems.push(`${at(row, 'students')}: 在校生数为 0 / no students`);
    const numerators: Record<string, number | null> = {};
    for (const c of NUMERATOR_COLUMNS) numerators[c.indicator] = num(c.column, !c.column.endsWith('_m2') && !c.column.endsWith('_yuan'));
    if (level && students)
      schools.push({ code, name: cell('school_name') || undefined, level, students, isTeachingPoint: levelText === '教学点', numerators });
  }
  if (problems.length) throw new FlatInputError(problems);
  return schools;
}
