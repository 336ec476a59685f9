// Reading a school year's fitness results (体质健康测试成绩) from .xlsx or CSV (UTF-8 or GBK): one row per pupil with
// 学籍号, 学校代码, 年级 (1–9), 性别 (男/女), 身高 (cm), 体重 (kg) and the items under their Chinese names (the pack's
// name_zh: 肺活量, 50米跑 …; a unit in brackets after the name is allowed). Times are seconds (9.8, 215) or minutes and
// seconds (3'35", 3′35″, 3分35秒). An empty result leaves the item unscored (the total stays open). Every bad cell is
// a problem naming its row, column and reason; the caller imports nothing when there is any.
import type { ImportProblem } from '../import-problems.js';
import { findColumns, noDataRows, normHeader, readImportTable } from '../import-table.js';
// normHeader lives in ../import-table.ts (all three imports use it); the CLI and tests still import it from here.
export { normHeader } from '../import-table.js';
import type { FitnessPack, Sex } from './pack.js';
import { weightsOf } from './annual-score.js';

export type FitnessProblem = ImportProblem;

export interface FitnessRow {
  row: number;
  studentId: string;
  schoolCode: string;
  grade: number;
  sex: Sex;
  heightCm: number | null;
  weightKg: number | null;
  /** Item key → result (times in seconds); items left empty are absent. */
  results: Record<string, number>;
}

const FIXED = {
  studentId: ['学籍号', '学生学籍号', '全国学籍号', 'student_id'],
  schoolCode: ['学校代码', '学校标识码', 'school_code'],
  grade: ['年级', '年级编号', 'grade'],
  sex: ['性别', 'sex'],
  heightCm: ['身高', 'height_cm'],
  weightKg: ['体重', 'weight_kg'],
} as const;
type Fixed = keyof typeof FIXED;
const REQUIRED: Fixed[] = ['studentId', 'schoolCode', 'grade', 'sex'];

/** A time in seconds: 9.8, 215, 3'35", 3′35″, 3’35”, 3分35秒, 35秒, 3:35; null when it is none of these. */
export function parseSeconds(text: string): number | null {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const s = /^(\d+(?:\.\d+)?)秒$/.exec(t);
  if (s) return Number(s[1]);
  const m = /^(\d+)\s*(?:'|′|’|‘|分|:|：)\s*(\d{1,2}(?:\.\d+)?)\s*(?:"|″|”|“|''|秒)?$/.exec(t);
  if (!m || Number(m[2]) >= 60) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** What a value of an item may be (beyond which it is a typing error, not a result). */
const RANGES: Record<string, [number, number]> = {
  lung_capacity: [100, 10000],
  run_50m: [4, 30],
  sit_and_reach: [-50, 60],
  rope_1min: [0, 400],
  sit_up_1min: [0, 120],
  shuttle_50x8: [40, 400],
  pull_up: [0, 100],
  standing_long_jump: [30, 400],
  run_1000m: [120, 900],
  run_800m: [100, 900],
};

export interface ReadFitnessOptions {
  /** Is there a school with this code in the district? */
  schoolExists(code: string): boolean;
}

/** The rows of a results file, or the problems that stop its import (the rows are then not to be used). */
export async function readFitnessFile(buf: Buffer, fileName: string, pack: FitnessPack, opts: ReadFitnessOptions): Promise<{ rows: FitnessRow[]; problems: FitnessProblem[] }> {
  const read = await readImportTable(buf, fileName);
  if (read.problems) return { rows: [], problems: read.problems };
  const { table } = read;
  const { at: fixed, problems } = findColumns(table.header, FIXED, REQUIRED);
  const heads = table.header.map(normHeader);
  const itemCols: { item: string; name: string; col: number }[] = [];
  for (const [item, def] of Object.entries(pack.items)) {
    const i = heads.findIndex((h) => h === normHeader(def.name_zh) || h === normHeader(item));
    if (i >= 0) itemCols.push({ item, name: def.name_zh, col: i });
  }
  if (problems.length) return { rows: [], problems };
  if (table.rows.length === 0) return { rows: [], problems: [noDataRows()] };

  const rows: FitnessRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const bad = (column: string, message: string) => problems.push({ row, column, message });
    const before = problems.length;

    const studentId = cell(fixed.studentId);
    if (!studentId) bad('学籍号', '学籍号为空 / the pupil id is empty');
    else if (studentId.length > 40) bad('学籍号', '学籍号超过 40 个字符 / the pupil id is longer than 40 characters');
    else if (seen.has(studentId)) bad('学籍号', `学籍号 ${studentId} 与第 ${seen.get(studentId)} 行重复 / pupil id ${studentId} repeats row ${seen.get(studentId)}`);
    else seen.set(studentId, row);

    const schoolCode = cell(fixed.schoolCode);
    if (!schoolCode) bad('学校代码', '学校代码为空 / the school code is empty');
    else if (!opts.schoolExists(schoolCode)) bad('学校代码', `学校代码 ${schoolCode} 不在本县（区）学校名录中 / no school ${schoolCode} in the district's registry`);

    const gradeText = cell(fixed.grade);
    const grade = /^\d+$/.test(gradeText) ? Number(gradeText) : NaN;
    if (!(grade >= 1 && grade <= 9)) bad('年级', `年级应为 1–9 的整数，而不是“${gradeText}” / the grade must be a whole number 1–9, not "${gradeText}"`);

    const sexText = cell(fixed.sex);
    const sex: Sex | null = ['男', 'M', 'm', '1'].includes(sexText) ? 'M' : ['女', 'F', 'f', '2'].includes(sexText) ? 'F' : null;
    if (!sex) bad('性别', `性别应为“男”或“女”，而不是“${sexText}” / the sex must be 男 or 女, not "${sexText}"`);

    const measure = (k: 'heightCm' | 'weightKg', column: string, min: number, max: number, unit: string): number | null => {
      const text = cell(fixed[k]);
      if (text === '') return null;
      const v = NUMBER.test(text) ? Number(text) : NaN;
      if (!(v >= min && v <= max)) {
        bad(column, `${column}应为 ${min}–${max} ${unit}的数，而不是“${text}” / must be a number from ${min} to ${max} ${unit}, not "${text}"`);
        return null;
      }
      return v;
    };
    const heightCm = measure('heightCm', '身高', 50, 250, 'cm');
    const weightKg = measure('weightKg', '体重', 10, 200, 'kg');

    const weights = grade >= 1 && grade <= 9 && sex ? weightsOf(pack, grade, sex) : null;
    const results: Record<string, number> = {};
    for (const { item, name, col } of itemCols) {
      const text = cell(col);
      if (text === '') continue;
      const def = pack.items[item];
      const v = def.better === 'lower' ? parseSeconds(text) : NUMBER.test(text) ? Number(text) : null;
      const [min, max] = RANGES[item] ?? [-Infinity, Infinity];
      if (v === null || !(v >= min && v <= max)) {
        bad(
          name,
          def.better === 'lower'
            ? `应为秒数（如 9.8、215）或分秒（如 3'35" 或 3分35秒），在 ${min}–${max} 秒之间，而不是“${text}” / must be seconds (9.8, 215) or minutes and seconds (3'35", 3分35秒) from ${min} to ${max} s, not "${text}"`
            : `应为 ${min}–${max} ${def.unit} 的数，而不是“${text}” / must be a number from ${min} to ${max} ${def.unit}, not "${text}"`,
        );
        continue;
      }
      if (weights && !(item in weights)) {
        bad(name, `${grade} 年级${sex === 'M' ? '男生' : '女生'}不测${name} / grade ${grade} ${sex === 'M' ? 'boys' : 'girls'} do not take this item`);
        continue;
      }
      results[item] = v;
    }
    if (problems.length === before) rows.push({ row, studentId, schoolCode, grade, sex: sex!, heightCm, weightKg, results });
  }
  return { rows, problems };
}
