// Reading a school year's vision screening records (视力筛查) from .xlsx or CSV (UTF-8 or GBK): one row per pupil with
// 学籍号, 学校代码, 年级 (1–9), 性别 (男/女), 右眼裸眼视力 and 左眼裸眼视力 (5-point record 3.0–5.3 or decimal 0.1–2.0,
// acuity.ts), optionally 右眼等效球镜 / 左眼等效球镜 (D) or 右眼球镜 + 右眼柱镜 / 左眼球镜 + 左眼柱镜 (SE = S + C/2,
// refraction.ts; when both are given they must agree within 0.125 D), 戴镜 (是/否) and 筛查日期. An empty acuity is an eye not screened. Every bad cell is a problem naming
// its row, column and reason; the caller imports nothing when there is any.
import type { ImportProblem } from '../import-problems.js';
import { findColumns, noDataRows, readImportTable } from '../import-table.js';
import { acuityTenths, type AcuityRanges } from './acuity.js';
import { milliDioptres, seOf } from './refraction.js';

export type VisionProblem = ImportProblem;

export interface VisionFileRow {
  row: number;
  studentId: string;
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F';
  screenedOn: string | null;
  /** 5-point record in tenths (49 = 4.9), null when not screened. */
  ucvaRight: number | null;
  ucvaLeft: number | null;
  /** Spherical equivalent in thousandths of a dioptre, null when not measured. */
  seRight: number | null;
  seLeft: number | null;
  wearsGlasses: boolean | null;
}

const COLUMNS = {
  studentId: ['学籍号', '学生学籍号', '全国学籍号', 'student_id'],
  schoolCode: ['学校代码', '学校标识码', 'school_code'],
  grade: ['年级', '年级编号', 'grade'],
  sex: ['性别', 'sex'],
  ucvaRight: ['右眼裸眼视力', '右眼裸眼远视力', '裸眼视力右', '右眼视力', 'ucva_right'],
  ucvaLeft: ['左眼裸眼视力', '左眼裸眼远视力', '裸眼视力左', '左眼视力', 'ucva_left'],
  seRight: ['右眼等效球镜', '右眼等效球镜度', '右眼SE', 'se_right'],
  seLeft: ['左眼等效球镜', '左眼等效球镜度', '左眼SE', 'se_left'],
  sphereRight: ['右眼球镜', '右眼球镜度', '右眼球镜度数', 'sphere_right'],
  sphereLeft: ['左眼球镜', '左眼球镜度', '左眼球镜度数', 'sphere_left'],
  cylinderRight: ['右眼柱镜', '右眼柱镜度', '右眼柱镜度数', 'cylinder_right'],
  cylinderLeft: ['左眼柱镜', '左眼柱镜度', '左眼柱镜度数', 'cylinder_left'],
  glasses: ['戴镜', '是否戴镜', 'glasses'],
  screenedOn: ['筛查日期', '检查日期', 'screened_on'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['studentId', 'schoolCode', 'grade', 'sex', 'ucvaRight', 'ucvaLeft'];
const name = (c: Column) => COLUMNS[c][0];

/** A date as YYYY-MM-DD: 2025-09-18, 2025/9/18, 2025.9.18, 2025年9月18日, an Excel date (ISO text) or day number; null when none of these. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T00:00:00(?:\.000)?Z)?$/.exec(t);
  if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (/^\d{5}$/.test(t)) {
    // An Excel day number (1900 date system, days since 1899-12-30).
    const date = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface ReadVisionOptions {
  /** Is there a school with this code in the district? */
  schoolExists(code: string): boolean;
  acuity: AcuityRanges;
}

/** The rows of a screening file, or the problems that stop its import (the rows are then not to be used). */
export async function readVisionFile(buf: Buffer, fileName: string, opts: ReadVisionOptions): Promise<{ rows: VisionFileRow[]; problems: VisionProblem[] }> {
  const read = await readImportTable(buf, fileName);
  if (read.problems) return { rows: [], problems: read.problems };
  const { table } = read;
  const { at: col, problems } = findColumns(table.header, COLUMNS, REQUIRED);
  for (const eye of ['Right', 'Left'] as const) {
    const [cyl, sph] = [`cylinder${eye}`, `sphere${eye}`] as const;
    if (col[cyl] !== undefined && col[sph] === undefined)
      problems.push({ row: 1, column: name(cyl), message: `有“${name(cyl)}”列但没有“${name(sph)}”列 / a cylinder column without its sphere column` });
  }
  if (problems.length) return { rows: [], problems };
  if (table.rows.length === 0) return { rows: [], problems: [noDataRows()] };

  const rows: VisionFileRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const cell = (k: Column) => (col[k] === undefined ? '' : (cells[col[k]] ?? '').trim());
    const bad = (k: Column, message: string) => problems.push({ row, column: name(k), message });
    const before = problems.length;

    const studentId = cell('studentId');
    if (!studentId) bad('studentId', '学籍号为空 / the pupil id is empty');
    else if (studentId.length > 40) bad('studentId', '学籍号超过 40 个字符 / the pupil id is longer than 40 characters');
    else if (seen.has(studentId)) bad('studentId', `学籍号 ${studentId} 与第 ${seen.get(studentId)} 行重复 / pupil id ${studentId} repeats row ${seen.get(studentId)}`);
    else seen.set(studentId, row);

    const schoolCode = cell('schoolCode');
    if (!schoolCode) bad('schoolCode', '学校代码为空 / the school code is empty');
    else if (!opts.schoolExists(schoolCode)) bad('schoolCode', `学校代码 ${schoolCode} 不在本县（区）学校名录中 / no school ${schoolCode} in the district's registry`);

    const gradeText = cell('grade');
    const grade = /^\d+$/.test(gradeText) ? Number(gradeText) : NaN;
    if (!(grade >= 1 && grade <= 9)) bad('grade', `年级应为 1–9 的整数，而不是“${gradeText}” / the grade must be a whole number 1–9, not "${gradeText}"`);

    const sexText = cell('sex');
    const sex = ['男', 'M', 'm', '1'].includes(sexText) ? 'M' : ['女', 'F', 'f', '2'].includes(sexText) ? 'F' : null;
    if (!sex) bad('sex', `性别应为“男”或“女”，而不是“${sexText}” / the sex must be 男 or 女, not "${sexText}"`);

    const acuity = (k: 'ucvaRight' | 'ucvaLeft'): number | null => {
      const v = acuityTenths(cell(k), opts.acuity);
      if (v === 'empty') return null;
      if (v === null) {
        const { fivePoint: f, decimal: d } = opts.acuity;
        bad(
          k,
          `应为五分记录 ${f.min.toFixed(1)}–${f.max.toFixed(1)}（一位小数）或小数视力 ${d.min}–${d.max.toFixed(1)}，而不是“${cell(k)}” / must be a 5-point record ${f.min.toFixed(1)}–${f.max.toFixed(1)} (one decimal) or a decimal acuity ${d.min}–${d.max.toFixed(1)}, not "${cell(k)}"`,
        );
        return null;
      }
      return v;
    };
    const ucvaRight = acuity('ucvaRight');
    const ucvaLeft = acuity('ucvaLeft');

    const dioptres = (k: Column, limit: number): number | null => {
      const v = milliDioptres(cell(k), limit);
      if (v === 'empty') return null;
      if (v === null) {
        bad(
          k,
          `应为 −${limit}～+${limit} D 之间、至多三位小数的度数（如 −0.75），而不是“${cell(k)}” / must be dioptres from −${limit} to +${limit} with at most three decimals (e.g. −0.75), not "${cell(k)}"`,
        );
        return null;
      }
      return v;
    };
    const se = (eye: 'Right' | 'Left'): number | null => {
      const given = dioptres(`se${eye}`, 30);
      const sphere = dioptres(`sphere${eye}`, 30);
      const cylinder = dioptres(`cylinder${eye}`, 10);
      if (given !== null) {
        // Both given: they must agree within 0.125 D (an eighth, half the usual 0.25 D step), |SE − (S + C/2)| ≤ 0.125,
        // compared doubled in integers: |2·SE − (2·S + C)| ≤ 250 thousandths.
        if (sphere !== null && Math.abs(2 * given - (2 * sphere + (cylinder ?? 0))) > 250)
          bad(
            `se${eye}`,
            `等效球镜 ${cell(`se${eye}`)} 与球镜 ${cell(`sphere${eye}`)}、柱镜 ${cell(`cylinder${eye}`) || '0'} 不一致（SE = 球镜 + 柱镜/2，相差超过 0.125 D） / SE ${cell(`se${eye}`)} disagrees with sphere ${cell(`sphere${eye}`)} and cylinder ${cell(`cylinder${eye}`) || '0'} (SE = S + C/2, off by more than 0.125 D)`,
          );
        return given;
      }
      if (cylinder !== null && sphere === null && cell(`sphere${eye}`) === '') {
        bad(`sphere${eye}`, `有柱镜而球镜为空 / a cylinder without its sphere`);
        return null;
      }
      return sphere === null ? null : seOf(sphere, cylinder ?? 0);
    };
    const seRight = se('Right');
    const seLeft = se('Left');

    const glassesText = cell('glasses');
    const wearsGlasses = glassesText === '' ? null : ['是', '戴', 'Y', 'y', '1', '有'].includes(glassesText) ? true : ['否', '不戴', 'N', 'n', '0', '无'].includes(glassesText) ? false : undefined;
    if (wearsGlasses === undefined) bad('glasses', `戴镜应为“是”或“否”，而不是“${glassesText}” / glasses must be 是 or 否, not "${glassesText}"`);

    const dateText = cell('screenedOn');
    const screenedOn = dateText === '' ? null : parseDate(dateText);
    if (dateText !== '' && screenedOn === null) bad('screenedOn', `筛查日期应为日期（如 2025-09-18），而不是“${dateText}” / the screening date must be a date (2025-09-18), not "${dateText}"`);

    if (problems.length === before) rows.push({ row, studentId, schoolCode, grade, sex: sex!, screenedOn, ucvaRight, ucvaLeft, seRight, seLeft, wearsGlasses: wearsGlasses ?? null });
  }
  return { rows, problems };
}
