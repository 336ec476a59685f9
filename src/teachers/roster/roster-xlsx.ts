// The roster as workbooks: the fill-in template (the header row read-file.ts expects, drop-down lists of the values, a
// 说明 sheet with every value each column accepts and an example row) and the export of a year's roster (the same
// columns and the school's name, never the 身份证号 — it is not stored). Both re-import through readRosterFile.
import ExcelJS from 'exceljs';
import { exportRowsWorkbook, type ExportColumn } from '../../core/xlsx/export-rows.js';
import { HEADER_FILL, headerWidth } from '../../core/xlsx/style.js';
import { BACKBONE_LEVELS, EMPLOYMENTS, POSTS, QUALIFICATIONS, SEXES, TIERS, TITLES, type BackboneLevel, type RosterTeacher, type Section } from '../model.js';
import { MAX_ROSTER_ROWS, ROSTER_ALLOWED, ROSTER_COLUMNS, type RosterColumn } from './read-file.js';

const SHEET_ROSTER = '教师名册';
const SHEET_GUIDE = '说明';
/** Rows of the template that carry the drop-down lists. */
const INPUT_ROWS = 2000;

const backboneText = (l: BackboneLevel) => `${l}级`;

/** What each column holds, for the 说明 sheet: required?, the rule, an example value. */
const GUIDE: Record<RosterColumn, { required: boolean | 'multi'; zh: string; en: string; example: string }> = {
  schoolCode: { required: false, zh: '学校标识码（10 位）；填报本校名册时可留空', en: 'the 10-digit school code; may be empty in a school’s own roster', example: '' },
  section: { required: 'multi', zh: '九年一贯制、完全中学、十二年一贯制学校必填，单一学段学校留空', en: 'required for schools of several sections, empty otherwise', example: '' },
  staffNo: { required: false, zh: '本校工号，同校不重复', en: 'staff number, unique within the school', example: 'A017' },
  name: { required: true, zh: '姓名', en: 'name', example: '张丽' },
  sex: { required: true, zh: '男 / 女', en: 'male / female', example: '女' },
  birth: { required: true, zh: '出生年份（1985），也可写出生日期（1985-03-01、198503、1985.03）', en: 'birth year, or the birth date', example: '1985' },
  idNumber: {
    required: false,
    zh: '18 位身份证号（请设为文本格式），仅用于识别同一教师，系统只保存其加密摘要；须与出生年份、性别一致',
    en: '18-character ID number (as text), only to match the same teacher; only a keyed hash is kept',
    example: '',
  },
  subjects: { required: true, zh: '任教学科，多个用“、”分隔，主教学科在前', en: 'subjects taught, separated by 、, main subject first', example: '语文、道德与法治' },
  post: { required: true, zh: '专任 = 专任教师（统计只计专任教师）', en: 'post: 专任 (full-time teacher, counted by the statistics), 行政, 工勤', example: '专任' },
  qualification: { required: true, zh: '最高学历：博士、硕士计为研究生；中专、中师、高中计为高中及以下', en: 'highest qualification', example: '本科' },
  title: {
    required: true,
    zh: '职称；改革前的名称按人社部发〔2015〕79号对应：中学高级→高级；中学一级、小学高级→一级；中学二级、小学一级→二级；中学三级、小学二级、小学三级→三级',
    en: 'title; the names before the 2015 reform map as 人社部发〔2015〕79号 says',
    example: '一级',
  },
  certified: { required: true, zh: '是否持有教师资格证', en: 'holds a teacher’s certificate', example: '有' },
  backboneLevel: { required: false, zh: '骨干教师级别，不是骨干留空；国家级计入省级，区级计入县级', en: '骨干 level, empty when none', example: '县级' },
  backboneYear: { required: false, zh: '骨干认定年份（有骨干级别时必填，不晚于本学年）', en: 'year the 骨干 level was awarded (required with a level)', example: '2022' },
  tier: { required: false, zh: '人才梯队，不在梯队留空', en: 'tier of the pipeline, empty when none', example: '' },
  schoolSince: { required: true, zh: '到本校任教的年份（不晚于本学年，不早于 16 岁）', en: 'year the teacher started at this school', example: '2012' },
  employment: { required: true, zh: '在编（编制内）或合同（聘用、代课）', en: 'established post or contract', example: '在编' },
};

/** The drop-down values of the coded columns (their stored spelling; the aliases are read too). */
const DROP_DOWNS: Partial<Record<RosterColumn, readonly string[]>> = {
  sex: SEXES,
  post: POSTS,
  qualification: QUALIFICATIONS,
  title: TITLES,
  certified: ['有', '无'],
  backboneLevel: BACKBONE_LEVELS.map(backboneText),
  tier: TIERS,
  employment: EMPLOYMENTS,
};
/** Columns kept as text in Excel (codes and numbers with leading zeros or 18 digits). */
const TEXT_COLUMNS: RosterColumn[] = ['schoolCode', 'staffNo', 'idNumber'];

/** The template's columns: 学部 only when the school (or the district's template) has several sections. */
export function templateColumns(sections: readonly Section[]): RosterColumn[] {
  return (Object.keys(ROSTER_COLUMNS) as RosterColumn[]).filter((c) => c !== 'section' || sections.length > 1);
}

const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
/** exceljs keeps range validations in `worksheet.dataValidations`, which its typings omit. */
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

const styleHeader = (row: ExcelJS.Row) =>
  row.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
  });

/** The fill-in template of a school (schoolName) or of the district (null), for schools with these sections. */
export async function rosterTemplate(schoolName: string | null, sections: Section[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  const cols = templateColumns(sections);
  const dropDowns: Partial<Record<RosterColumn, readonly string[]>> = { ...DROP_DOWNS, section: sections };

  const ws = wb.addWorksheet(SHEET_ROSTER, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: ROSTER_COLUMNS[c][0], key: c, width: Math.max(headerWidth(ROSTER_COLUMNS[c][0]), c === 'idNumber' ? 22 : c === 'subjects' ? 18 : 0) }));
  styleHeader(ws.getRow(1));
  cols.forEach((c, i) => {
    if (TEXT_COLUMNS.includes(c)) ws.getColumn(i + 1).numFmt = '@';
    const list = dropDowns[c];
    if (list?.length)
      validations(ws).add(`${letter(i)}2:${letter(i)}${INPUT_ROWS + 1}`, {
        type: 'list',
        allowBlank: !GUIDE[c].required,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: false,
      });
  });

  const guide = wb.addWorksheet(SHEET_GUIDE);
  guide.addRow([schoolName ? `${schoolName} 教师名册填报说明` : '教师名册填报说明']).font = { bold: true, size: 14 };
  guide.addRow([`在“${SHEET_ROSTER}”表中每位教职工填一行（至多 ${MAX_ROSTER_ROWS} 行），第一行的列名不要改动。导入时全部检查，有任何一处问题则整个文件不导入，并逐一列出问题所在的行、列和原因。`]);
  guide.addRow([`One row per staff member in the sheet ${SHEET_ROSTER}; keep the header row. The file is imported whole or not at all; every problem is named by row, column and reason.`]);
  guide.addRow([]);
  styleHeader(guide.addRow(['列名 / Column', '必填 / Required', '说明 / Rule', '可填写的值 / Accepted values']));
  for (const c of cols) {
    const g = GUIDE[c];
    const required = g.required === 'multi' ? '多学段学校必填 / with several sections' : g.required ? '必填 / yes' : '选填 / no';
    const accepted = c === 'section' ? sections : ROSTER_ALLOWED[c];
    guide.addRow([ROSTER_COLUMNS[c][0], required, `${g.zh} / ${g.en}`, accepted ? accepted.join('、') : '']);
  }
  guide.addRow([]);
  guide.addRow(['示例 / Example']).font = { bold: true };
  styleHeader(guide.addRow(cols.map((c) => ROSTER_COLUMNS[c][0])));
  guide.addRow(cols.map((c) => (c === 'section' ? (sections.includes('初中') ? '初中' : sections[0]) : GUIDE[c].example)));
  [14, 18, 60, 60].forEach((w, i) => (guide.getColumn(i + 1).width = w));
  guide.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  guide.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The export columns: the template's (every section) with the school's name after its code, without the 身份证号. */
const EXPORT_COLUMNS: ExportColumn[] = (Object.keys(ROSTER_COLUMNS) as RosterColumn[])
  .filter((c) => c !== 'idNumber')
  .flatMap((c) => {
    const col = { header: ROSTER_COLUMNS[c][0], key: c };
    return c === 'schoolCode' ? [col, { header: '学校名称', key: 'schoolName', width: 24 }] : [col];
  });

/** A year's roster as .xlsx, one row per teacher in the given order, re-importable as it is. */
export async function rosterWorkbook(rows: (RosterTeacher & { schoolName: string })[], year: number): Promise<Buffer> {
  const cells = rows.map((r) => ({
    schoolCode: r.schoolCode,
    schoolName: r.schoolName,
    section: r.section,
    staffNo: r.staffNo,
    name: r.name,
    sex: r.sex,
    birth: r.birthYear,
    subjects: r.subjects.join('、'),
    post: r.post,
    qualification: r.qualification,
    title: r.title,
    certified: r.certified ? '有' : '无',
    backboneLevel: r.backboneLevel && backboneText(r.backboneLevel),
    backboneYear: r.backboneYear,
    tier: r.tier,
    schoolSince: r.schoolSince,
    employment: r.employment,
  }));
  return exportRowsWorkbook(`${SHEET_ROSTER} ${year}-${year + 1}`, EXPORT_COLUMNS, cells);
}
