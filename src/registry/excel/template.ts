// Writing the fill-in template and the bureau's export (the same layout).
import ExcelJS from 'exceljs';
import { HEADER_FILL, headerWidth } from '../../core/xlsx/style.js';
import { excelFormat } from '../../core/format.js';
import { CONSISTENCY_RULES, GRADE_ZH, TOPICS, type Topic } from '../fields.js';
import { GRADES_OF_LEVEL, type SchoolLevel } from '../model.js';
import { type SchoolYearData } from '../types.js';
import {
  CLASS_NO_COL,
  CLASS_NO_SPEC,
  CLASS_SIZE_COL,
  CLASS_SIZE_SPEC,
  CODE_COL,
  type ColumnDef,
  GRADE_COL,
  NAME_COL,
  type NumberSpec,
  SHEET_CLASSES,
  SHEET_COLUMNS,
  SHEET_ENROLMENTS,
  SHEET_GUIDE,
  SHEET_LISTS,
  SHEET_NAMES,
  STUDENTS_COL,
  STUDENTS_SPEC,
  TOPIC_LIST,
  columnHeader,
  columnLetter,
  fieldsOf,
  schoolYearLabel,
} from './layout.js';

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
    'English: Annual school statistics for the ' +
      `${year}–${year + 1}` +
      ' school year. Fill one row per school in 教师 (teachers) and 校舍与装备 (buildings and equipment), one row per grade in 年级学生 (students by grade) and one row per class in 班级 (classes). Do not change 学校标识码 (school code). Full-width digits are accepted; leave unknown figures empty.',
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
    // As the pages write them (src/core/format.ts): whole counts with thousands separators, areas and amounts with 2 decimals.
    ws.getColumn(col).numFmt = excelFormat(f.type === 'decimal' ? 2 : 0);
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
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}${fromRow}:${letter}${toRow}`, dv);
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
