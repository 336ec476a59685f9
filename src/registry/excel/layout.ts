// The statistics workbook's layout, shared by the template writer and the import parser.
import { MAX_CLASS_SIZE, MAX_GRADE_STUDENTS, STAT_FIELDS, TOPICS, type StatField, type Topic } from '../fields.js';

import { columnLetter } from '../../core/xlsx/cells.js';
export { columnLetter };

// ───────────────────────────── shared layout ─────────────────────────────

export const SHEET_GUIDE = '说明';
export const SHEET_ENROLMENTS = '年级学生';
export const SHEET_CLASSES = '班级';
export const SHEET_LISTS = '_lists';

/** The four data sheets. Topics come from fields.ts; the sheet name of a topic is TOPICS[topic].zh. */
export type SheetKind = Topic | 'enrolments' | 'classes';
export const TOPIC_LIST: readonly Topic[] = ['teachers', 'facilities'];
export const SHEET_NAMES: Record<SheetKind, { zh: string; en: string }> = {
  teachers: TOPICS.teachers,
  facilities: TOPICS.facilities,
  enrolments: { zh: SHEET_ENROLMENTS, en: 'Students by grade' },
  classes: { zh: SHEET_CLASSES, en: 'Classes' },
};

/** A column of a data sheet. `id` is a StatField key or one of the fixed column ids. */
export interface ColumnDef {
  id: string;
  zh: string;
  en: string;
  unitZh?: string;
  unitEn?: string;
  aliases?: string[]; // further accepted header texts (matched like zh/en)
  width?: number;
}

export const CODE_COL: ColumnDef = { id: 'code', zh: '学校标识码', en: 'School code', aliases: ['学校代码', '学校识别码', '标识码', 'School ID'], width: 14 };
export const NAME_COL: ColumnDef = { id: 'name', zh: '学校名称', en: 'School name', width: 28 };
export const GRADE_COL: ColumnDef = { id: 'grade', zh: '年级', en: 'Grade', width: 10 };
export const STUDENTS_COL: ColumnDef = { id: 'students', zh: '学生数', en: 'Students', unitZh: '人', unitEn: 'persons', aliases: ['学生人数', '在校生数'], width: 12 };
export const CLASS_NO_COL: ColumnDef = { id: 'classNo', zh: '班号', en: 'Class number', aliases: ['Class no'], width: 8 };
export const CLASS_SIZE_COL: ColumnDef = { id: 'size', zh: '班级人数', en: 'Class size', unitZh: '人', unitEn: 'persons', aliases: ['班额'], width: 12 };

export const fieldsOf = (topic: Topic): StatField[] => STAT_FIELDS.filter((f) => f.topic === topic);
export const fieldColumn = (f: StatField): ColumnDef => ({ id: f.key, zh: f.zh, en: f.en, unitZh: f.unitZh, unitEn: f.unitEn });

export const SHEET_COLUMNS: Record<SheetKind, ColumnDef[]> = {
  teachers: [CODE_COL, NAME_COL, ...fieldsOf('teachers').map(fieldColumn)],
  facilities: [CODE_COL, NAME_COL, ...fieldsOf('facilities').map(fieldColumn)],
  enrolments: [CODE_COL, NAME_COL, GRADE_COL, STUDENTS_COL],
  classes: [CODE_COL, NAME_COL, GRADE_COL, CLASS_NO_COL, CLASS_SIZE_COL],
};

/** Header text written into row 1, e.g. `专任教师数(人)`. */
export const columnHeader = (c: Pick<ColumnDef, 'zh' | 'unitZh'>): string => (c.unitZh ? `${c.zh}(${c.unitZh})` : c.zh);

/** Bounds of the non-registry numbers (班号 1–99, 班级人数 1–MAX_CLASS_SIZE, 学生数 0–MAX_GRADE_STUDENTS). */
export interface NumberSpec {
  type: 'int' | 'decimal';
  min: number;
  max: number;
}
export const STUDENTS_SPEC: NumberSpec = { type: 'int', min: 0, max: MAX_GRADE_STUDENTS };
export const CLASS_NO_SPEC: NumberSpec = { type: 'int', min: 1, max: 99 };
export const CLASS_SIZE_SPEC: NumberSpec = { type: 'int', min: 1, max: MAX_CLASS_SIZE };

/** `2024` → `2024-2025学年` (year 2024 is the 2024–2025 school year, see schema.ts). */
export const schoolYearLabel = (year: number): string => `${year}-${year + 1}学年`;
