// 班额 report: classes above the standard size (小学 45, 初中 50 — by the class's grade, so a 九年一贯制
// school's grade 7 class is held to 50), 大班额 (56–65) and 超大班额 (≥ 66). Integers: no rounding issue;
// a class exactly at the standard meets it.
import type { StandardPack } from './pack-schema.js';

export interface ClassRow {
  schoolCode: string;
  schoolName?: string;
  grade: number;
  classNo: number;
  size: number;
}

export interface ClassSizeReport {
  classes: number;
  overStandard: number;
  large: number; // 大班额
  huge: number; // 超大班额
  maxSize: number | null;
  /** Every class above its standard, largest first. */
  list: (ClassRow & { standard: number; band: 'over' | 'large' | 'huge' })[];
}

export const standardSizeOfGrade = (pack: StandardPack, grade: number) => (grade <= 6 ? pack.classSize.standard['小学'] : pack.classSize.standard['初中']);

export function classSizeReport(pack: StandardPack, rows: readonly ClassRow[]): ClassSizeReport {
  const { large, huge } = pack.classSize;
  const list: ClassSizeReport['list'] = [];
  let maxSize: number | null = null;
  for (const c of rows) {
    maxSize = maxSize === null ? c.size : Math.max(maxSize, c.size);
    const standard = standardSizeOfGrade(pack, c.grade);
    if (c.size > standard) list.push({ ...c, standard, band: c.size >= huge ? 'huge' : c.size >= large ? 'large' : 'over' });
  }
  list.sort((a, b) => b.size - a.size || a.schoolCode.localeCompare(b.schoolCode) || a.grade - b.grade || a.classNo - b.classNo);
  return {
    classes: rows.length,
    overStandard: list.length,
    large: list.filter((c) => c.band === 'large').length,
    huge: list.filter((c) => c.band === 'huge').length,
    maxSize,
    list,
  };
}
