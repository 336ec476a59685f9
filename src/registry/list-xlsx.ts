// The school list and the review queue as .xlsx: the rows and columns the pages show the user (no figure the user
// may not see), numbers kept at full value with the Excel format that shows the page's digits (core/format.ts).
import ExcelJS from 'exceljs';
import { excelFormat } from '../core/format.js';
import { districtTerm } from '../core/district-term.js';
import { formatLocalTime } from '../core/audit/local-time.js';
import { HEADER_FILL, headerWidth } from '../core/xlsx/style.js';
import { classBandLabel, type ClassBand, type ClassSizeThresholds } from './class-bands.js';
import { STATUS_ZH, type StatStatus } from './model.js';
import { schoolYearLabel } from './excel/layout.js';

/** Whole numbers (students, classes, teachers): as the pages write them, with thousands separators. */
const WHOLE = excelFormat({ decimals: 0 });

interface Column<R> {
  header: string;
  value: (r: R) => string | number | null;
  numeric?: boolean;
  width?: number;
}

function sheetOf<R>(wb: ExcelJS.Workbook, name: string, title: string, note: string, columns: Column<R>[], rows: readonly R[], total?: (string | number | null)[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(2, 1).value = note;
  ws.getCell(2, 1).font = { color: { argb: 'FF666666' }, size: 9 };
  const header = ws.getRow(3);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    ws.getColumn(i + 1).width = c.width ?? headerWidth(c.header);
    if (c.numeric) ws.getColumn(i + 1).numFmt = WHOLE;
  });
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  if (total) {
    const row = ws.addRow(total);
    row.font = { bold: true };
  }
  return ws;
}

export interface SchoolListRow {
  code: string;
  name: string;
  level: string;
  location: string;
  ownership: string;
  isBoarding: boolean;
  isOpen: boolean;
  address: string | null;
  students: number | null;
  classes: number | null;
  teachers: number | null;
  maxClassSize: number | null;
  maxClassBand: ClassBand | null;
  overStandardClasses: number | null;
  largeClasses: number | null;
  hugeClasses: number | null;
  status: StatStatus | null;
}

export async function buildSchoolListWorkbook(o: {
  year: number;
  districtName: string;
  schools: readonly SchoolListRow[];
  totals: { schools: number; students: number; classes: number; teachers: number; overStandardClasses: number; largeClasses: number; hugeClasses: number };
  perSchoolFigures: boolean;
  classSize: ClassSizeThresholds & { standardName: string };
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const t = o.classSize;
  const facts: Column<SchoolListRow>[] = [
    { header: '学校标识码', value: (r) => r.code, width: 14 },
    { header: '学校名称', value: (r) => r.name, width: 28 },
    { header: '学段', value: (r) => r.level },
    { header: '城乡', value: (r) => r.location },
    { header: '办别', value: (r) => r.ownership },
    { header: '寄宿制', value: (r) => (r.isBoarding ? '是' : '否') },
    { header: '办学状态', value: (r) => (r.isOpen ? '在办' : '已停办') },
    { header: '地址', value: (r) => r.address ?? '', width: 30 },
  ];
  const figures: Column<SchoolListRow>[] = [
    { header: '在校生（人）', value: (r) => r.students, numeric: true },
    { header: '班级数（个）', value: (r) => r.classes, numeric: true },
    { header: '专任教师（人）', value: (r) => r.teachers, numeric: true },
    { header: '最大班额（人）', value: (r) => r.maxClassSize, numeric: true },
    { header: '超标准班额（个）', value: (r) => r.overStandardClasses, numeric: true },
    { header: '其中大班额（个）', value: (r) => r.largeClasses, numeric: true },
    { header: '其中超大班额（个）', value: (r) => r.hugeClasses, numeric: true },
    { header: '填报状态', value: (r) => (r.status ? STATUS_ZH[r.status] : '未填报') },
  ];
  const columns = o.perSchoolFigures ? [...facts, ...figures] : facts;
  const term = districtTerm(o.districtName).zh;
  const note = o.perSchoolFigures
    ? `班额按「${t.standardName}」：${classBandLabel(t, 'over', 'zh')}；${classBandLabel(t, 'large', 'zh')}；${classBandLabel(t, 'huge', 'zh')}。班级按其所在年级的标准计（九年一贯制学校七年级按初中标准）。`
    : `本账号可查看学校名录与${term}合计，不含各校统计数字。`;
  const ws = sheetOf(wb, '学校名录', `${o.districtName} 学校名录（${schoolYearLabel(o.year)}）`, note, columns, o.schools);
  // The totals: every user of the list sees them (the district's, or the filter's).
  const totalRow = ws.addRow([]);
  totalRow.getCell(1).value = `合计（${o.totals.schools} 所）`;
  totalRow.font = { bold: true };
  const totals: [string, number][] = [
    ['在校生（人）', o.totals.students],
    ['班级数（个）', o.totals.classes],
    ['专任教师（人）', o.totals.teachers],
    ['超标准班额（个）', o.totals.overStandardClasses],
    ['其中大班额（个）', o.totals.largeClasses],
    ['其中超大班额（个）', o.totals.hugeClasses],
  ];
  if (o.perSchoolFigures) {
    for (const [h, v] of totals) totalRow.getCell(columns.findIndex((c) => c.header === h) + 1).value = v;
  } else {
    // No per-school columns: the totals go in rows of their own under the list.
    for (const [h, v] of totals) {
      const r = ws.addRow([`${term}${h.replace(/（.*）$/, '')}`, v]);
      r.getCell(2).numFmt = WHOLE;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReviewRow {
  schoolCode: string;
  schoolName: string;
  level: string;
  status: StatStatus;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewComment: string | null;
  students: number | null;
  problems: number;
}

export async function buildReviewWorkbook(o: { year: number; districtName: string; status: StatStatus | null; items: readonly ReviewRow[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const columns: Column<ReviewRow>[] = [
    { header: '学校标识码', value: (r) => r.schoolCode, width: 14 },
    { header: '学校名称', value: (r) => r.schoolName, width: 28 },
    { header: '学段', value: (r) => r.level },
    { header: '状态', value: (r) => STATUS_ZH[r.status] },
    { header: '提交人', value: (r) => r.submittedBy ?? '' },
    { header: '提交时间', value: (r) => formatLocalTime(r.submittedAt), width: 20 },
    { header: '在校生（人）', value: (r) => r.students, numeric: true },
    { header: '数据问题（处）', value: (r) => r.problems, numeric: true },
    { header: '审核意见', value: (r) => r.reviewComment ?? '', width: 36 },
  ];
  const title = `${o.districtName} 审核队列（${schoolYearLabel(o.year)}${o.status ? `，${STATUS_ZH[o.status]}` : ''}）`;
  sheetOf(wb, '审核队列', title, `共 ${o.items.length} 所学校；时间为本地时间。`, columns, o.items);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
