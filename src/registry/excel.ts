// Excel I/O of the annual school statistics: the fill-in template, the bureau's export (same
// layout), the import parser with cell-level problem reports, and a generic streaming row export.
//
// Layout (one workbook per academic year):
//   说明        instructions (Chinese + one English line) and the year "2024-2025学年"
//   教师        one row per school, one column per teachers field of fields.ts
//   校舍与装备  one row per school, one column per facilities field of fields.ts
//   年级学生    one row per school × grade: 学校标识码, 学校名称, 年级, 学生数(人)
//   班级        one row per class: 学校标识码, 学校名称, 年级, 班号, 班级人数(人)
//   _lists      hidden; the drop-down lists (grade names, school codes)
//
// exceljs pitfalls (shared/reference/dependencies.md §4): uploads are read with the STREAMING
// WorkbookReader (a whole-workbook read needs ~8× the memory), and nothing parsed from an upload
// is ever put into a cell note (CVE-2026-78207, prototype pollution through note deepMerge).

import ExcelJS from 'exceljs';
import { HEADER_FILL, headerWidth } from '../core/xlsx/style.js';
import { looksLikeZip, openXlsxReader } from '../core/xlsx-reader.js';
export { looksLikeZip, openXlsxReader };
import { PassThrough, Readable } from 'node:stream';
import {
  CONSISTENCY_RULES,
  GRADE_EN,
  GRADE_ZH,
  MAX_CLASS_SIZE,
  MAX_GRADE_STUDENTS,
  STAT_FIELDS,
  TOPICS,
  validateFieldValue,
  type StatField,
  type StatValues,
  type Topic,
} from './fields.js';
import { GRADES_OF_LEVEL, LEVEL_EN, type SchoolLevel } from './model.js';
import type { ClassSize, GradeEnrolment, ImportProblem, SchoolYearData } from './types.js';

// ───────────────────────────── shared layout ─────────────────────────────

export const SHEET_GUIDE = '说明';
export const SHEET_ENROLMENTS = '年级学生';
export const SHEET_CLASSES = '班级';
export const SHEET_LISTS = '_lists';

/** The four data sheets. Topics come from fields.ts; the sheet name of a topic is TOPICS[topic].zh. */
type SheetKind = Topic | 'enrolments' | 'classes';
const TOPIC_LIST: readonly Topic[] = ['teachers', 'facilities'];
const SHEET_NAMES: Record<SheetKind, { zh: string; en: string }> = {
  teachers: TOPICS.teachers,
  facilities: TOPICS.facilities,
  enrolments: { zh: SHEET_ENROLMENTS, en: 'Students by grade' },
  classes: { zh: SHEET_CLASSES, en: 'Classes' },
};

/** A column of a data sheet. `id` is a StatField key or one of the fixed column ids. */
interface ColumnDef {
  id: string;
  zh: string;
  en: string;
  unitZh?: string;
  unitEn?: string;
  aliases?: string[]; // further accepted header texts (matched like zh/en)
  width?: number;
}

const CODE_COL: ColumnDef = { id: 'code', zh: '学校标识码', en: 'School code', aliases: ['学校代码', '学校识别码', '标识码', 'School ID'], width: 14 };
const NAME_COL: ColumnDef = { id: 'name', zh: '学校名称', en: 'School name', width: 28 };
const GRADE_COL: ColumnDef = { id: 'grade', zh: '年级', en: 'Grade', width: 10 };
const STUDENTS_COL: ColumnDef = { id: 'students', zh: '学生数', en: 'Students', unitZh: '人', unitEn: 'persons', aliases: ['学生人数', '在校生数'], width: 12 };
const CLASS_NO_COL: ColumnDef = { id: 'classNo', zh: '班号', en: 'Class number', aliases: ['Class no'], width: 8 };
const CLASS_SIZE_COL: ColumnDef = { id: 'size', zh: '班级人数', en: 'Class size', unitZh: '人', unitEn: 'persons', aliases: ['班额'], width: 12 };

const fieldsOf = (topic: Topic): StatField[] => STAT_FIELDS.filter((f) => f.topic === topic);
const fieldColumn = (f: StatField): ColumnDef => ({ id: f.key, zh: f.zh, en: f.en, unitZh: f.unitZh, unitEn: f.unitEn });

const SHEET_COLUMNS: Record<SheetKind, ColumnDef[]> = {
  teachers: [CODE_COL, NAME_COL, ...fieldsOf('teachers').map(fieldColumn)],
  facilities: [CODE_COL, NAME_COL, ...fieldsOf('facilities').map(fieldColumn)],
  enrolments: [CODE_COL, NAME_COL, GRADE_COL, STUDENTS_COL],
  classes: [CODE_COL, NAME_COL, GRADE_COL, CLASS_NO_COL, CLASS_SIZE_COL],
};

/** Header text written into row 1, e.g. `专任教师数(人)`. */
export const columnHeader = (c: Pick<ColumnDef, 'zh' | 'unitZh'>): string => (c.unitZh ? `${c.zh}(${c.unitZh})` : c.zh);

/** Bounds of the non-registry numbers (班号 1–99, 班级人数 1–MAX_CLASS_SIZE, 学生数 0–MAX_GRADE_STUDENTS). */
interface NumberSpec {
  type: 'int' | 'decimal';
  min: number;
  max: number;
}
const STUDENTS_SPEC: NumberSpec = { type: 'int', min: 0, max: MAX_GRADE_STUDENTS };
const CLASS_NO_SPEC: NumberSpec = { type: 'int', min: 1, max: 99 };
const CLASS_SIZE_SPEC: NumberSpec = { type: 'int', min: 1, max: MAX_CLASS_SIZE };

/** `2024` → `2024-2025学年` (year 2024 is the 2024–2025 school year, see schema.ts). */
export const schoolYearLabel = (year: number): string => `${year}-${year + 1}学年`;

/** Excel column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// ───────────────────────────── writing the template / export ─────────────────────────────

export interface StatsWorkbookSchool {
  code: string;
  name: string;
  level: SchoolLevel;
}
export interface BuildStatsWorkbookOptions {
  year: number;
  schools: StatsWorkbookSchool[];
  /** key = school code; undefined or missing schools give empty cells (the template) */
  data?: Map<string, SchoolYearData>;
}

const PREFILLED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF9BC2E6' } } };
/** Rows below the last written row that still carry the validations of the enrolment and class sheets (clerks add classes). */
const EXTRA_INPUT_ROWS = 1000;
/** A template for a single school gets this many class rows with code and name already filled in. */
const TEMPLATE_CLASS_ROWS = 10;

export async function buildStatsWorkbook(opts: BuildStatsWorkbookOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  wb.created = new Date();
  addGuideSheet(wb, opts.year);
  for (const topic of TOPIC_LIST) addTopicSheet(wb, topic, opts);
  addEnrolmentSheet(wb, opts);
  addClassSheet(wb, opts);
  addListsSheet(wb, opts.schools);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addGuideSheet(wb: ExcelJS.Workbook, year: number): void {
  const ws = wb.addWorksheet(SHEET_GUIDE);
  ws.columns = [{ width: 34 }, { width: 8 }, { width: 8 }, { width: 14 }, { width: 40 }];
  const title = ws.addRow([`学校年度统计填报表（${schoolYearLabel(year)}）`]);
  title.font = { bold: true, size: 14 };
  ws.addRow([`学年：${schoolYearLabel(year)}`]).font = { bold: true };
  ws.addRow([]);
  const lines = [
    '填写说明：',
    '1. 「教师」「校舍与装备」两张表每所学校一行，每个指标一列；单位写在列标题的括号里（人、m²、元、间、台、册），只填数字，不要填单位或文字。',
    '2. 学校标识码（10位）和学校名称已预先填好，请勿修改学校标识码，也不要修改工作表名称和列标题。',
    '3. 「年级学生」表每所学校每个年级一行，填写该年级的在校学生数（没有学生填 0，不能留空）。',
    '4. 「班级」表每个班一行：学校标识码、年级、班号、班级人数；同一年级各班人数之和应等于「年级学生」表中该年级的学生数。',
    '5. 年级可从下拉列表选择，也可写作“七年级”“初一”或“7”；班号填 1–99 的整数。',
    '6. 数字可以是半角或全角（如 １２３），可以带千位分隔符（如 1,234）；面积和金额可带小数，人数、间数、台数、册数必须是整数，且都不能为负数。',
    '7. 未统计的指标请留空（不要填 0）；学生数和班级人数不能留空。',
    '8. 上传后系统会逐格检查，并列出每个问题所在的工作表、行号和列号。',
    '',
    'English: Annual school statistics for the ' + `${year}–${year + 1}` + ' school year. Fill one row per school in 教师 (teachers) and 校舍与装备 (buildings and equipment), one row per grade in 年级学生 (students by grade) and one row per class in 班级 (classes). Do not change 学校标识码 (school code). Full-width digits are accepted; leave unknown figures empty.',
    '',
    '检查规则 / Consistency rules:',
    ...CONSISTENCY_RULES.map((r) => `· ${r.zh} / ${r.en}`),
    '',
  ];
  for (const line of lines) ws.addRow([line]);
  addFieldTable(ws);
}

/** The list of every statistic with unit, type and upper bound, derived from fields.ts. */
function addFieldTable(ws: ExcelJS.Worksheet): void {
  const head = ws.addRow(['指标 / Statistic', '单位', '类型', '上限', '说明']);
  head.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
  });
  for (const topic of TOPIC_LIST) {
    for (const f of fieldsOf(topic)) {
      ws.addRow([`${TOPICS[topic].zh}：${f.zh}`, f.unitZh, f.type === 'int' ? '整数' : '可带小数', f.max, f.helpZh ?? '']);
    }
  }
  ws.addRow([`${SHEET_ENROLMENTS}：${STUDENTS_COL.zh}`, '人', '整数', STUDENTS_SPEC.max, '每个年级一行，不能留空']);
  ws.addRow([`${SHEET_CLASSES}：${CLASS_SIZE_COL.zh}`, '人', '整数', CLASS_SIZE_SPEC.max, '每个班一行，不能留空']);
}

function addTopicSheet(wb: ExcelJS.Workbook, topic: Topic, opts: BuildStatsWorkbookOptions): void {
  const fields = fieldsOf(topic);
  const rows = opts.schools.map((s) => {
    const values = opts.data?.get(s.code)?.values ?? {};
    return [s.code, s.name, ...fields.map((f) => values[f.key] ?? null)];
  });
  const ws = addTableSheet(wb, SHEET_NAMES[topic].zh, SHEET_COLUMNS[topic], rows);
  const lastRow = Math.max(2, rows.length + 1);
  fields.forEach((f, i) => {
    const col = i + 3; // after 学校标识码, 学校名称
    addValidation(ws, col, 2, lastRow, numberValidation(f, columnHeader(f)));
    if (f.type === 'decimal') ws.getColumn(col).numFmt = '#,##0.00';
  });
}

function addEnrolmentSheet(wb: ExcelJS.Workbook, opts: BuildStatsWorkbookOptions): void {
  const rows: (string | number | null)[][] = [];
  for (const s of opts.schools) {
    const enrolments = opts.data?.get(s.code)?.enrolments ?? [];
    // An export lists exactly the stored grades (a small school may lack some grades, and an empty
    // 学生数 is an import problem); a school with no enrolments yet gets every grade of its level.
    const stored = enrolments.map((e) => e.grade);
    const grades = [...new Set(stored.length ? stored : GRADES_OF_LEVEL[s.level])].sort((a, b) => a - b);
    for (const g of grades) rows.push([s.code, s.name, gradeName(g), enrolments.find((e) => e.grade === g)?.students ?? null]);
  }
  const ws = addTableSheet(wb, SHEET_ENROLMENTS, SHEET_COLUMNS.enrolments, rows);
  const lastRow = Math.max(2, rows.length + 1) + EXTRA_INPUT_ROWS;
  addCodeListValidation(ws, lastRow, opts.schools.length);
  addValidation(ws, 3, 2, lastRow, gradeListValidation());
  addValidation(ws, 4, 2, lastRow, numberValidation(STUDENTS_SPEC, columnHeader(STUDENTS_COL)));
}

function addClassSheet(wb: ExcelJS.Workbook, opts: BuildStatsWorkbookOptions): void {
  const rows: (string | number | null)[][] = [];
  for (const s of opts.schools) {
    const classes = [...(opts.data?.get(s.code)?.classes ?? [])].sort((a, b) => a.grade - b.grade || a.classNo - b.classNo);
    for (const c of classes) rows.push([s.code, s.name, gradeName(c.grade), c.classNo, c.size]);
  }
  if (rows.length === 0 && opts.schools.length === 1) {
    const [s] = opts.schools;
    for (let i = 0; i < TEMPLATE_CLASS_ROWS; i++) rows.push([s.code, s.name, null, null, null]);
  }
  const ws = addTableSheet(wb, SHEET_CLASSES, SHEET_COLUMNS.classes, rows);
  const lastRow = Math.max(2, rows.length + 1) + EXTRA_INPUT_ROWS;
  addCodeListValidation(ws, lastRow, opts.schools.length);
  addValidation(ws, 3, 2, lastRow, gradeListValidation());
  addValidation(ws, 4, 2, lastRow, numberValidation(CLASS_NO_SPEC, CLASS_NO_COL.zh));
  addValidation(ws, 5, 2, lastRow, numberValidation(CLASS_SIZE_SPEC, columnHeader(CLASS_SIZE_COL)));
}

/** Hidden sheet holding the drop-down lists: A = grade names, B = school codes, C = school names. */
function addListsSheet(wb: ExcelJS.Workbook, schools: StatsWorkbookSchool[]): void {
  const ws = wb.addWorksheet(SHEET_LISTS, { state: 'hidden' });
  ws.getColumn(2).numFmt = '@';
  ws.addRow([GRADE_COL.zh, CODE_COL.zh, NAME_COL.zh]);
  const n = Math.max(GRADE_ZH.length - 1, schools.length);
  for (let i = 0; i < n; i++) ws.addRow([GRADE_ZH[i + 1] ?? null, schools[i]?.code ?? null, schools[i]?.name ?? null]);
}

/** A data sheet: styled header row 1, frozen header and name columns, prefilled code/name cells. */
function addTableSheet(wb: ExcelJS.Workbook, name: string, defs: ColumnDef[], rows: (string | number | null)[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.columns = defs.map((d) => ({ header: columnHeader(d), key: d.id, width: d.width ?? headerWidth(columnHeader(d)) }));
  ws.getColumn(1).numFmt = '@'; // school codes are text: keeps 10 digits exact, no 4.4E+09
  const header = ws.getRow(1);
  header.height = 36;
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN_BORDER;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  for (const values of rows) {
    const row = ws.addRow(values);
    for (const col of [1, 2]) row.getCell(col).fill = PREFILLED_FILL;
  }
  return ws;
}


function gradeName(grade: number): string {
  return GRADE_ZH[grade] || String(grade);
}

/** exceljs keeps range validations in `worksheet.dataValidations`, which its typings omit. */
function addValidation(ws: ExcelJS.Worksheet, col: number, fromRow: number, toRow: number, dv: ExcelJS.DataValidation): void {
  const letter = columnLetter(col);
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    `${letter}${fromRow}:${letter}${toRow}`,
    dv,
  );
}

function numberValidation(spec: NumberSpec, label: string): ExcelJS.DataValidation {
  const kindZh = spec.type === 'int' ? '整数' : '数字（可带小数）';
  return {
    type: spec.type === 'int' ? 'whole' : 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [spec.min, spec.max],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '数值无效',
    error: `「${label}」应为 ${spec.min}–${spec.max} 的${kindZh}。`,
  };
}

function gradeListValidation(): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`'${SHEET_LISTS}'!$A$2:$A$${GRADE_ZH.length}`], // 一年级 … 高三 in A2:A13
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '年级无效',
    error: '请从下拉列表中选择年级，如“七年级”。',
  };
}

/** Codes of added rows are checked against the school list; a warning only, the import checks them anyway. */
function addCodeListValidation(ws: ExcelJS.Worksheet, lastRow: number, schoolCount: number): void {
  if (schoolCount === 0) return;
  addValidation(ws, 1, 2, lastRow, {
    type: 'list',
    allowBlank: true,
    formulae: [`'${SHEET_LISTS}'!$B$2:$B$${schoolCount + 1}`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '学校标识码',
    error: '这个学校标识码不在本表的学校名单中。',
  });
}

// ───────────────────────────── reading an upload ─────────────────────────────

export interface ParseStatsContext {
  fileName: string;
  year: number;
  knownSchools: Map<string, { name: string; level: SchoolLevel }>;
}
/** Which parts the file carries; the caller replaces only those. */
export interface PresentParts {
  teachers: boolean;
  facilities: boolean;
  enrolments: boolean;
  classes: boolean;
}
export interface ParsedStatsWorkbook {
  data: Map<string, SchoolYearData>;
  problems: ImportProblem[];
  present: PresentParts;
}

const INVALID_FILE_REASON = '不是有效的 .xlsx 文件 / not a valid .xlsx file';

/**
 * Read an uploaded statistics workbook. Never throws on bad input: every defect becomes an
 * ImportProblem (all of them, not just the first). A sheet is "present" when it is in the file,
 * has a usable header and at least one filled data cell — an untouched template sheet is treated
 * as absent so that uploading a partly filled template does not wipe the other parts.
 * `data` holds, per known school, only what the file carries; cells with problems are null / left out.
 */
export async function parseStatsWorkbook(input: Buffer, ctx: ParseStatsContext): Promise<ParsedStatsWorkbook> {
  const invalidFile = (): ParsedStatsWorkbook => ({
    data: new Map(),
    problems: [{ file: ctx.fileName, sheet: '', row: 0, column: '', header: '', reason: INVALID_FILE_REASON }],
    present: { teachers: false, facilities: false, enrolments: false, classes: false },
  });
  // exceljs' unzipper hangs on an empty stream and fails late on other bytes: check the zip signature first.
  if (!looksLikeZip(input)) return invalidFile();
  const state = new ImportState(ctx);
  let sheets = 0;
  try {
    for await (const ws of openXlsxReader(input)) {
      sheets++;
      await state.readSheet(ws as unknown as StreamSheet);
    }
  } catch {
    return invalidFile(); // corrupt zip or XML: nothing read so far can be trusted
  }
  if (sheets === 0) return invalidFile(); // a zip, but not a workbook (e.g. a .docx or a plain archive)
  return state.finish();
}

/** What the streaming reader hands out per worksheet (its typings lack `name`). */
interface StreamSheet extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

// ── cell values ──

/** A cell reduced to a plain value: formulas give their cached result, rich text its joined text. */
export type Scalar = string | number | boolean | Date | null | { error: string } | { noResult: true };

export function scalarOf(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return o.richText.map((r) => (r && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : '')).join('');
  if ('formula' in o || 'sharedFormula' in o) {
    if (!('result' in o) || o.result === undefined) return { noResult: true };
    const r = scalarOf(o.result);
    // The streaming reader parses an error result (t="e") with parseFloat, giving NaN.
    return typeof r === 'number' && Number.isNaN(r) ? { error: '#VALUE!' } : r;
  }
  if (typeof o.error === 'string') return { error: o.error };
  if (typeof o.text === 'string') return o.text; // hyperlink
  return { error: '?' };
}

/** Full-width → half-width (NFKC: ０-９ ． － ， （ ） and the ideographic space), minus sign variants, trimmed. */
function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/[\u2212\u2012\u2013\u2014\uFE63]/g, '-').trim();
}

const isBlank = (s: Scalar): boolean => s === null || (typeof s === 'string' && normalizeText(s) === '');

/** The text of a cell, trimmed. */
function textOf(s: Scalar): string {
  if (s === null) return '';
  if (s instanceof Date) return s.toISOString().slice(0, 10);
  if (typeof s === 'object') return 'error' in s ? s.error : '';
  return String(s).trim();
}

/** The text of a cell as quoted in a problem's reason: at most 30 characters. */
function displayOf(s: Scalar): string {
  const t = textOf(s);
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

/** Number typed as text: `１２３` `45.5` ` 1,234 ` `－3`. Returns null when it is not a plain number. */
export function parseNumberText(text: string): number | null {
  let t = normalizeText(text);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, ''); // thousands separators
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

type Reason = { zh: string; en: string };
type NumberRead = { ok: true; value: number | null } | ({ ok: false } & Reason);

/** A cell as a number, or why it is not one. Blank → value null. */
function readNumber(s: Scalar): NumberRead {
  if (isBlank(s)) return { ok: true, value: null };
  if (typeof s === 'number') return { ok: true, value: s };
  if (typeof s === 'string') {
    const n = parseNumberText(s);
    if (n !== null) return { ok: true, value: n };
  }
  if (s !== null && typeof s === 'object' && 'noResult' in s) {
    return { ok: false, zh: '公式没有保存计算结果，请在 Excel 中重新计算并保存', en: 'the formula has no saved result; recalculate and save it in Excel' };
  }
  if (s !== null && typeof s === 'object' && 'error' in s) return { ok: false, zh: `单元格是错误值 ${s.error}`, en: `the cell holds the error ${s.error}` };
  const shown = displayOf(s);
  return { ok: false, zh: `「${shown}」不是数字`, en: `"${shown}" is not a number` };
}

/** Bounds and type check of fields.ts (validateFieldValue), plus a lower bound above 0 for 班号 / 班级人数. */
function checkBounds(spec: NumberSpec, value: number): Reason | null {
  const r = validateFieldValue({ type: spec.type, min: Math.min(0, spec.min), max: spec.max }, value);
  if (r) return { zh: `${r.zh}（填写值 ${value}）`, en: `${r.en} (value ${value})` };
  if (value < spec.min) return { zh: `不能小于 ${spec.min}（填写值 ${value}）`, en: `must be at least ${spec.min} (value ${value})` };
  return null;
}

function readBoundedNumber(s: Scalar, spec: NumberSpec): NumberRead {
  const r = readNumber(s);
  if (!r.ok || r.value === null) return r;
  const bad = checkBounds(spec, r.value);
  return bad ? { ok: false, ...bad } : r;
}

/** 学校标识码 from a text or number cell; `4401010001` typed as a number still matches. */
function readSchoolCode(s: Scalar, known: Map<string, unknown>): string {
  if (typeof s === 'number' && Number.isInteger(s)) {
    const plain = String(s);
    const padded = plain.padStart(10, '0'); // a leading 0 lost when typed as a number
    return known.has(plain) || !known.has(padded) ? plain : padded;
  }
  if (typeof s === 'string') return normalizeText(s).replace(/\s+/g, '');
  return textOf(s);
}

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** `七年级` `初一` `7` `7年级` `高二` `Grade 7` → grade number 1–12; null when unknown. */
export function parseGrade(s: Scalar): number | null {
  if (typeof s === 'number') return Number.isInteger(s) && s >= 1 && s <= 12 ? s : null;
  if (typeof s !== 'string') return null;
  const t = normalizeText(s).replace(/\s+/g, '').toLowerCase();
  const exact = GRADE_ZH.indexOf(t);
  if (exact > 0) return exact;
  const inRange = (n: number) => (n >= 1 && n <= 12 ? n : null);
  let m = /^(?:grade)?(\d{1,2})(?:年级)?$/.exec(t);
  if (m) return inRange(Number(m[1]));
  m = /^(?:小学)?(一|二|三|四|五|六|七|八|九|十|十一|十二)年级$/.exec(t);
  if (m) return CN_DIGITS.indexOf(m[1]);
  m = /^(初|高)(?:中)?(一|二|三)(?:年级)?$/.exec(t); // 初一 → 7, 高一 → 10, 初中二年级 → 8
  if (m) return (m[1] === '初' ? 6 : 9) + CN_DIGITS.indexOf(m[2]);
  return null;
}

/** 班号: `3`, `3班`, `(3)班`, `３`. */
function readClassNo(s: Scalar): NumberRead {
  if (typeof s === 'string') {
    const m = /^\(?(\d{1,3})\)?班?$/.exec(normalizeText(s).replace(/\s+/g, ''));
    if (m) return readBoundedNumber(Number(m[1]), CLASS_NO_SPEC);
  }
  return readBoundedNumber(s, CLASS_NO_SPEC);
}

// ── headers ──

function normalizeHeader(text: string): string {
  return normalizeText(text).replace(/\s+/g, '').toLowerCase();
}
const stripUnit = (h: string): string => h.replace(/\([^()]*\)$/, '');

/** Accepted header texts: zh or en label, with or without `(unit)`, any parentheses/spaces/case. */
function matchesHeader(def: ColumnDef, text: string): boolean {
  const h = normalizeHeader(text);
  const names = [def.zh, def.en, ...(def.aliases ?? [])].map(normalizeHeader);
  return names.includes(h) || names.includes(stripUnit(h));
}

function sheetKindOf(name: string | undefined): SheetKind | 'guide' | null {
  const n = normalizeHeader(name ?? '');
  if (n === normalizeHeader(SHEET_GUIDE)) return 'guide';
  for (const kind of Object.keys(SHEET_NAMES) as SheetKind[]) {
    if (n === normalizeHeader(SHEET_NAMES[kind].zh) || n === normalizeHeader(SHEET_NAMES[kind].en)) return kind;
  }
  return null; // _lists and unknown sheets are ignored
}

/** Column positions found in row 1: def id → column number, and the header text of every column. */
interface Layout {
  cols: Map<string, number>;
  texts: Map<number, string>;
}

// ── per-sheet state ──

/** Problems of one sheet, kept apart until we know whether the sheet holds any data at all. */
class SheetScope {
  readonly problems: ImportProblem[] = [];
  filled = false;
  layout: Layout = { cols: new Map(), texts: new Map() };
  constructor(
    readonly file: string,
    readonly sheet: string,
  ) {}

  report(row: number, col: number | undefined, reason: Reason, header?: string): void {
    this.problems.push({
      file: this.file,
      sheet: this.sheet,
      row,
      column: col ? columnLetter(col) : '',
      header: header ?? (col ? (this.layout.texts.get(col) ?? '') : ''),
      reason: `${reason.zh} / ${reason.en}`,
    });
  }
  col(id: string): number | undefined {
    return this.layout.cols.get(id);
  }
  cell(row: ExcelJS.Row, id: string): Scalar {
    const col = this.col(id);
    return col ? scalarOf(row.getCell(col).value) : null;
  }
}

interface TopicRow {
  row: number;
  values: StatValues;
  invalid: Set<string>; // keys whose cell had a problem (left out of the consistency rules)
}
interface EnrolmentRow {
  row: number;
  grade: number;
  students: number | null; // null when the cell had a problem
}
interface ClassRow extends ClassSize {
  row: number;
}
/** Per school: the rows read so far of each present sheet. */
interface SchoolParts {
  topics: Partial<Record<Topic, TopicRow>>;
  enrolments: Map<number, EnrolmentRow>;
  classes: ClassRow[];
}

class ImportState {
  private readonly problems: ImportProblem[] = [];
  readonly present: PresentParts = { teachers: false, facilities: false, enrolments: false, classes: false };
  private readonly schools = new Map<string, SchoolParts>();
  private readonly scopes: Partial<Record<SheetKind, SheetScope>> = {};
  /** code:grade groups whose class sizes cannot be summed (a class row there had a problem). */
  private readonly unsummable = new Set<string>();
  /** Schools with a 年级学生 row whose grade could not be read. */
  private readonly ungradedEnrolments = new Set<string>();
  private readonly sheetOrder: string[] = [];

  constructor(private readonly ctx: ParseStatsContext) {}

  async readSheet(ws: StreamSheet): Promise<void> {
    const name = ws.name ?? '';
    this.sheetOrder.push(name);
    const kind = sheetKindOf(name);
    if (kind === 'guide') return this.readGuide(ws, name);
    if (kind === null) return drain(ws); // _lists and unknown sheets
    if (this.scopes[kind]) {
      this.problems.push({
        file: this.ctx.fileName, sheet: name, row: 0, column: '', header: '',
        reason: `与工作表「${this.scopes[kind]!.sheet}」重复，本表被忽略 / duplicates the sheet "${this.scopes[kind]!.sheet}"; this sheet is ignored`,
      });
      return drain(ws);
    }
    const scope = new SheetScope(this.ctx.fileName, name);
    this.scopes[kind] = scope;
    const pending = new Map<string, SchoolParts>(); // committed only if the sheet holds data
    let headerDone = false;
    let usable = false;
    for await (const row of ws) {
      if (!headerDone) {
        headerDone = true;
        usable = this.readHeader(kind, scope, row.number === 1 ? row : undefined);
        if (row.number === 1) continue;
      }
      if (usable) this.readRow(kind, scope, row, pending);
    }
    if (!headerDone) this.readHeader(kind, scope, undefined); // an empty sheet
    if (!usable || !scope.filled) return;
    this.present[kind] = true;
    this.problems.push(...scope.problems);
    for (const [code, parts] of pending) mergeParts(this.schoolParts(code), parts);
  }

  /** 说明: the school year written by buildStatsWorkbook must be the year being imported. */
  private async readGuide(ws: StreamSheet, name: string): Promise<void> {
    let found = false;
    for await (const row of ws) {
      if (found || row.number > 10) continue;
      row.eachCell((cell, col) => {
        const s = scalarOf(cell.value);
        const m = typeof s === 'string' ? /(\d{4})\s*-\s*(\d{4})\s*学年/.exec(normalizeText(s)) : null;
        if (!m || found) return;
        found = true;
        if (Number(m[1]) !== this.ctx.year) {
          this.problems.push({
            file: this.ctx.fileName,
            sheet: name,
            row: row.number,
            column: columnLetter(col),
            header: '',
            reason: `文件是 ${m[1]}-${m[2]}学年 的表，当前导入的是 ${schoolYearLabel(this.ctx.year)} / the file is for the ${m[1]}–${m[2]} school year, not ${this.ctx.year}–${this.ctx.year + 1}`,
          });
        }
      });
    }
  }

  /** Map the header row; report what is missing. Returns whether rows can be read. */
  private readHeader(kind: SheetKind, scope: SheetScope, row: ExcelJS.Row | undefined): boolean {
    const defs = SHEET_COLUMNS[kind];
    const { cols, texts } = scope.layout;
    row?.eachCell((cell, col) => {
      const text = textOf(scalarOf(cell.value));
      if (!text) return;
      texts.set(col, text);
      const def = defs.find((d) => matchesHeader(d, text));
      if (!def) return; // unknown extra columns are ignored
      const earlier = cols.get(def.id);
      if (earlier) {
        this.problems.push(headerProblem(scope, columnLetter(col), text, {
          zh: `列「${text}」重复，与 ${columnLetter(earlier)} 列相同，本列被忽略`,
          en: `duplicate column "${text}", same as column ${columnLetter(earlier)}; this column is ignored`,
        }));
      } else cols.set(def.id, col);
    });
    if (!cols.has(CODE_COL.id)) {
      this.problems.push(headerProblem(scope, '', CODE_COL.zh, { zh: '第 1 行缺少「学校标识码」列', en: 'row 1 has no 学校标识码 (school code) column' }));
      return false;
    }
    const dataDefs = defs.filter((d) => d !== CODE_COL && d !== NAME_COL);
    if (kind === 'teachers' || kind === 'facilities') {
      if (dataDefs.some((d) => cols.has(d.id))) return true;
      this.problems.push(headerProblem(scope, '', '', { zh: '第 1 行没有可识别的指标列', en: 'row 1 has no known statistic column' }));
      return false;
    }
    const missing = dataDefs.filter((d) => !cols.has(d.id));
    if (missing.length === 0) return true;
    const list = missing.map((d) => columnHeader(d));
    this.problems.push(headerProblem(scope, '', list.join('、'), {
      zh: `第 1 行缺少列：${list.join('、')}`,
      en: `row 1 lacks the column(s): ${missing.map((d) => d.en).join(', ')}`,
    }));
    return false;
  }

  private readRow(kind: SheetKind, scope: SheetScope, row: ExcelJS.Row, pending: Map<string, SchoolParts>): void {
    const role = rowRole(kind, scope, row);
    if (role === 'skip') return;
    if (role === 'data') scope.filled = true;
    const school = this.readCode(scope, row, scope.cell(row, CODE_COL.id));
    if (kind === 'enrolments') return this.readEnrolmentRow(scope, row, school, pending);
    if (kind === 'classes') return this.readClassRow(scope, row, school, pending);
    return this.readTopicRow(kind, scope, row, school, pending);
  }

  /** Returns the known school's code and level, or null after reporting why not. */
  private readCode(scope: SheetScope, row: ExcelJS.Row, cell: Scalar): { code: string; level: SchoolLevel } | null {
    const col = scope.col(CODE_COL.id);
    if (isBlank(cell)) {
      scope.report(row.number, col, { zh: '学校标识码为空', en: 'the school code is missing' });
      return null;
    }
    const code = readSchoolCode(cell, this.ctx.knownSchools);
    const known = this.ctx.knownSchools.get(code);
    if (known) return { code, level: known.level };
    scope.report(row.number, col, { zh: `学校标识码 ${code} 不在本区县学校名单中`, en: `school code ${code} is not in this district's school list` });
    return null;
  }

  private readTopicRow(topic: Topic, scope: SheetScope, row: ExcelJS.Row, school: { code: string } | null, pending: Map<string, SchoolParts>): void {
    const earlier = school && pending.get(school.code)?.topics[topic];
    if (school && earlier) {
      scope.report(row.number, scope.col(CODE_COL.id), {
        zh: `学校 ${school.code} 重复，与第 ${earlier.row} 行相同，本行被忽略`,
        en: `school ${school.code} appears twice, same as row ${earlier.row}; this row is ignored`,
      });
      return;
    }
    const parsed: TopicRow = { row: row.number, values: {}, invalid: new Set() };
    for (const f of fieldsOf(topic)) {
      const col = scope.col(f.key);
      if (!col) continue; // column not in the file: the value is not part of the upload
      const r = readBoundedNumber(scope.cell(row, f.key), f);
      if (r.ok) parsed.values[f.key] = r.value;
      else {
        scope.report(row.number, col, r);
        parsed.values[f.key] = null;
        parsed.invalid.add(f.key);
      }
    }
    if (school) partsOf(pending, school.code).topics[topic] = parsed;
  }

  private readEnrolmentRow(scope: SheetScope, row: ExcelJS.Row, school: { code: string; level: SchoolLevel } | null, pending: Map<string, SchoolParts>): void {
    const grade = this.readGradeCell(scope, row, school);
    if (school && grade === null) this.ungradedEnrolments.add(school.code);
    const studentsCol = scope.col(STUDENTS_COL.id);
    if (school && grade !== null) {
      const earlier = pending.get(school.code)?.enrolments.get(grade);
      if (earlier) {
        scope.report(row.number, scope.col(GRADE_COL.id), {
          zh: `学校 ${school.code} 的${GRADE_ZH[grade]}重复，与第 ${earlier.row} 行相同，本行被忽略`,
          en: `school ${school.code}, ${GRADE_EN[grade]} appears twice, same as row ${earlier.row}; this row is ignored`,
        });
        return;
      }
    }
    const cell = scope.cell(row, STUDENTS_COL.id);
    const r = isBlank(cell)
      ? ({ ok: false, zh: '学生数不能为空（没有学生请填 0）', en: 'the number of students is missing (enter 0 for none)' } as const)
      : readBoundedNumber(cell, STUDENTS_SPEC);
    if (!r.ok) scope.report(row.number, studentsCol, r);
    if (school && grade !== null) partsOf(pending, school.code).enrolments.set(grade, { row: row.number, grade, students: r.ok ? r.value : null });
  }

  private readClassRow(scope: SheetScope, row: ExcelJS.Row, school: { code: string; level: SchoolLevel } | null, pending: Map<string, SchoolParts>): void {
    const grade = this.readGradeCell(scope, row, school);
    const classNoCol = scope.col(CLASS_NO_COL.id);
    const noCell = scope.cell(row, CLASS_NO_COL.id);
    const no = isBlank(noCell) ? ({ ok: false, zh: '班号不能为空', en: 'the class number is missing' } as const) : readClassNo(noCell);
    if (!no.ok) scope.report(row.number, classNoCol, no);
    if (school && grade !== null && no.ok && no.value !== null) {
      const earlier = pending.get(school.code)?.classes.find((c) => c.grade === grade && c.classNo === no.value);
      if (earlier) {
        scope.report(row.number, classNoCol, {
          zh: `学校 ${school.code} ${GRADE_ZH[grade]} ${no.value} 班重复，与第 ${earlier.row} 行相同，本行被忽略`,
          en: `school ${school.code}, ${GRADE_EN[grade]} class ${no.value} appears twice, same as row ${earlier.row}; this row is ignored`,
        });
        return;
      }
    }
    const sizeCell = scope.cell(row, CLASS_SIZE_COL.id);
    const size = isBlank(sizeCell) ? ({ ok: false, zh: '班级人数不能为空', en: 'the class size is missing' } as const) : readBoundedNumber(sizeCell, CLASS_SIZE_SPEC);
    if (!size.ok) scope.report(row.number, scope.col(CLASS_SIZE_COL.id), size);
    if (!school) return;
    if (grade === null) {
      this.unsummable.add(`${school.code}:*`); // the class belongs to some grade we cannot tell
      return;
    }
    if (!no.ok || !size.ok || no.value === null || size.value === null) {
      this.unsummable.add(`${school.code}:${grade}`);
      return;
    }
    partsOf(pending, school.code).classes.push({ row: row.number, grade, classNo: no.value, size: size.value });
  }

  /** 年级 cell → grade number; reports unknown names and grades the school's level does not teach (GRADES_OF_LEVEL). */
  private readGradeCell(scope: SheetScope, row: ExcelJS.Row, school: { level: SchoolLevel } | null): number | null {
    const col = scope.col(GRADE_COL.id);
    const cell = scope.cell(row, GRADE_COL.id);
    if (isBlank(cell)) {
      scope.report(row.number, col, { zh: '年级为空', en: 'the grade is missing' });
      return null;
    }
    const grade = parseGrade(cell);
    if (grade === null) {
      const shown = displayOf(cell);
      scope.report(row.number, col, { zh: `无法识别的年级「${shown}」`, en: `unknown grade "${shown}"` });
      return null;
    }
    if (school && !GRADES_OF_LEVEL[school.level].includes(grade)) {
      scope.report(row.number, col, {
        zh: `${school.level}没有${GRADE_ZH[grade]}`,
        en: `a ${LEVEL_EN[school.level]} school has no ${GRADE_EN[grade]}`,
      });
      return null;
    }
    return grade;
  }

  private schoolParts(code: string): SchoolParts {
    let p = this.schools.get(code);
    if (!p) this.schools.set(code, (p = emptyParts()));
    return p;
  }

  /** Cross-sheet checks, then the result. */
  finish(): ParsedStatsWorkbook {
    if (this.present.enrolments && this.present.classes) this.checkClassTotals();
    this.checkConsistency();
    const data = new Map<string, SchoolYearData>();
    for (const [code, p] of this.schools) {
      const values: StatValues = {};
      for (const topic of TOPIC_LIST) Object.assign(values, p.topics[topic]?.values);
      const enrolments: GradeEnrolment[] = [...p.enrolments.values()].filter((e) => e.students !== null).map((e) => ({ grade: e.grade, students: e.students as number }));
      const classes: ClassSize[] = p.classes.map(({ grade, classNo, size }) => ({ grade, classNo, size }));
      data.set(code, { values, enrolments, classes });
    }
    return { data, problems: this.sortedProblems(), present: { ...this.present } };
  }

  /** The class sizes of a grade must add up to its 学生数 (年级学生 ↔ 班级). */
  private checkClassTotals(): void {
    const enrolScope = this.scopes.enrolments!;
    const classScope = this.scopes.classes!;
    for (const [code, p] of this.schools) {
      const byGrade = new Map<number, ClassRow[]>();
      for (const c of p.classes) byGrade.set(c.grade, [...(byGrade.get(c.grade) ?? []), c]);
      for (const [grade, classes] of byGrade) {
        const enrol = p.enrolments.get(grade);
        if (!enrol) {
          if (this.ungradedEnrolments.has(code)) continue; // its row may be the one whose 年级 was unreadable
          this.problems.push(problemAt(classScope, classes[0].row, GRADE_COL.id, {
            zh: `学校 ${code} 的${GRADE_ZH[grade]}有班级，但「${SHEET_ENROLMENTS}」表中没有这个年级`,
            en: `school ${code} has classes in ${GRADE_EN[grade]} but no row for that grade in 年级学生`,
          }));
          continue;
        }
        if (enrol.students === null || this.unsummable.has(`${code}:${grade}`) || this.unsummable.has(`${code}:*`)) continue;
        const sum = classes.reduce((s, c) => s + c.size, 0);
        if (sum !== enrol.students) {
          this.problems.push(problemAt(enrolScope, enrol.row, STUDENTS_COL.id, {
            zh: `${GRADE_ZH[grade]}各班人数之和为 ${sum}，与学生数 ${enrol.students} 不一致`,
            en: `the class sizes of ${GRADE_EN[grade]} add up to ${sum}, but the number of students is ${enrol.students}`,
          }));
        }
      }
    }
  }

  /** CONSISTENCY_RULES of fields.ts, reported at the first key of the rule that is in the file. */
  private checkConsistency(): void {
    for (const [code, p] of this.schools) {
      const values: StatValues = {};
      const invalid = new Set<string>();
      for (const topic of TOPIC_LIST) {
        Object.assign(values, p.topics[topic]?.values);
        p.topics[topic]?.invalid.forEach((k) => invalid.add(k));
      }
      for (const rule of CONSISTENCY_RULES) {
        if (rule.keys.some((k) => invalid.has(k)) || !rule.violated(values)) continue;
        const key = rule.keys.find((k) => k in values);
        const field = key ? STAT_FIELDS.find((f) => f.key === key) : undefined;
        const topicRow = field && p.topics[field.topic];
        const scope = field && this.scopes[field.topic];
        if (!field || !topicRow || !scope) continue;
        const shown = rule.keys.filter((k) => values[k] != null).map((k) => STAT_FIELDS.find((f) => f.key === k)!);
        this.problems.push(problemAt(scope, topicRow.row, field.key, {
          zh: `${rule.zh}（${shown.map((f) => `${f.zh} ${values[f.key]}`).join('，')}）`,
          en: `${rule.en} (${shown.map((f) => `${f.en} ${values[f.key]}`).join(', ')})`,
        }));
      }
    }
  }

  /** Problems in workbook order: sheet, row, column. */
  private sortedProblems(): ImportProblem[] {
    const sheetIndex = (s: string) => (s === '' ? -1 : this.sheetOrder.indexOf(s));
    const colIndex = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return [...this.problems].sort((a, b) => sheetIndex(a.sheet) - sheetIndex(b.sheet) || a.row - b.row || colIndex(a.column) - colIndex(b.column));
  }
}

/**
 * Whether a row counts. 'skip': blank lines and the template's prefilled placeholders (class rows
 * with only code and name; grade rows with an empty 学生数 and no code or grade). 'data': the row
 * carries a value, so the sheet is filled in. 'row': a row that counts but holds no value yet.
 */
function rowRole(kind: SheetKind, scope: SheetScope, row: ExcelJS.Row): 'skip' | 'row' | 'data' {
  const blank = (id: string) => isBlank(scope.cell(row, id));
  const dataIds = [...scope.layout.cols.keys()].filter((id) => id !== CODE_COL.id && id !== NAME_COL.id);
  if (kind === 'enrolments') {
    if (!blank(STUDENTS_COL.id)) return 'data';
    return blank(CODE_COL.id) || blank(GRADE_COL.id) ? 'skip' : 'row';
  }
  if (dataIds.some((id) => !blank(id))) return 'data';
  return kind === 'classes' || blank(CODE_COL.id) ? 'skip' : 'row';
}

const emptyParts = (): SchoolParts => ({ topics: {}, enrolments: new Map(), classes: [] });

function partsOf(pending: Map<string, SchoolParts>, code: string): SchoolParts {
  let p = pending.get(code);
  if (!p) pending.set(code, (p = emptyParts()));
  return p;
}

function mergeParts(into: SchoolParts, from: SchoolParts): void {
  Object.assign(into.topics, from.topics);
  for (const [g, e] of from.enrolments) into.enrolments.set(g, e);
  into.classes.push(...from.classes);
}

function headerProblem(scope: SheetScope, column: string, header: string, reason: Reason): ImportProblem {
  return { file: scope.file, sheet: scope.sheet, row: 1, column, header, reason: `${reason.zh} / ${reason.en}` };
}

function problemAt(scope: SheetScope, row: number, id: string, reason: Reason): ImportProblem {
  const col = scope.col(id);
  return {
    file: scope.file,
    sheet: scope.sheet,
    row,
    column: col ? columnLetter(col) : '',
    header: col ? (scope.layout.texts.get(col) ?? '') : '',
    reason: `${reason.zh} / ${reason.en}`,
  };
}

async function drain(ws: AsyncIterable<unknown>): Promise<void> {
  for await (const _row of ws) {
    // read to the end so the zip stream moves on
  }
}

export { exportRowsWorkbook, type ExportColumn } from '../core/xlsx/export-rows.js';
