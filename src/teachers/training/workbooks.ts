// The training workbooks: the attendance import template (学时 sheet with the columns and two example rows, 填写说明,
// 培训项目 with every course's id, title, hours and dates) and the list of teachers below the target (one row each:
// school, teacher, hours this year and over the window, what is missing). Cells hold full-precision numbers; the number
// format (core/format.ts excelFormat of TRAINING_FIGURES) rounds them as the page does.
import ExcelJS from 'exceljs';
import { excelFormat } from '../../core/format.js';
import { HEADER_FILL, headerWidth } from '../../core/xlsx/style.js';
import { TRAINING_FIGURES, type BelowList } from './contract.js';
import type { StoredCourse } from './store.js';

const GREY = { argb: 'FF808080' };

function headerRow(ws: ExcelJS.Worksheet, labels: string[]) {
  const h = ws.addRow(labels);
  h.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  labels.forEach((l, i) => (ws.getColumn(i + 1).width = Math.max(ws.getColumn(i + 1).width ?? 0, headerWidth(l))));
  return h;
}

/** The columns of the attendance file, as the template writes them (import-file.ts reads these and the English ids). */
export const ATTENDANCE_TEMPLATE: { header: string; help: string }[] = [
  { header: '培训项目编号', help: '“培训项目”表中的编号；也可只填培训项目名称 / the id from the sheet of courses; or give the course title only' },
  { header: '培训项目名称', help: '须与一个培训项目的名称完全一致；同时填编号时须相符 / must be exactly one course’s title; with the id too, they must agree' },
  { header: '教师编号', help: '名册中的教师编号（T 加数字）；也可不填，改填学校代码和工号 / the roster’s teacher id (T and digits); or leave it empty and give the school code and 工号' },
  { header: '学校代码', help: '教师所在学校的学校代码（与工号一起识别教师） / the code of the teacher’s school (with the 工号 it identifies the teacher)' },
  { header: '工号', help: '教师在本校名册中的工号 / the teacher’s 工号 in the school’s roster' },
  { header: '姓名', help: '选填；填写时须与名册姓名一致，用于核对 / optional; when given it must be the roster’s name (a check)' },
  { header: '学时', help: '认定学时；不填则为该项目的学时；须大于 0 且不超过项目学时 / the credited hours; empty = the course’s hours; above 0 and at most the course’s hours' },
];

/** The attendance template: the columns with two example rows, the instructions and the district's courses. */
export async function attendanceTemplate(courses: readonly StoredCourse[], lang: 'zh' | 'en'): Promise<Buffer> {
  const zh = lang === 'zh';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng';
  const ws = wb.addWorksheet('学时');
  headerRow(
    ws,
    ATTENDANCE_TEMPLATE.map((c) => c.header),
  );
  const c = courses[0];
  ws.addRow([c?.id ?? 1, c?.title ?? '', 'T000001', '', '', '', c?.hours ?? '']);
  ws.addRow(['', c?.title ?? '', '', '3300000001', '0012', '', '']);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet(zh ? '填写说明' : 'Instructions');
  headerRow(help, ['列 / column', '说明 / what to write']);
  for (const col of ATTENDANCE_TEMPLATE) help.addRow([col.header, col.help]);
  help.addRow([]);
  help.addRow([
    '',
    '每行一名教师参加的一个培训项目。学时计入培训项目结束日期所在的年度。全部行正确才导入；已登记的记录改为文件中的学时。示例两行请删除；也可用英文列名 course_id, course_title, teacher_id, school_code, staff_no, name, hours / one row per teacher and course. Hours count in the calendar year of the course’s end date. Nothing is imported unless every row is right; an attendance already recorded gets the file’s hours. Delete the two example rows; English column names work too',
  ]);
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 100;
  const list = wb.addWorksheet(zh ? '培训项目' : 'Courses');
  headerRow(list, zh ? ['培训项目编号', '培训项目名称', '主办单位', '级别', '学时', '开始日期', '结束日期'] : ['Course id', 'Title', 'Provider', 'Level', 'Hours', 'Start', 'End']);
  for (const x of courses) {
    const r = list.addRow([x.id, x.title, x.provider, x.level, x.hours, x.startDate, x.endDate]);
    r.getCell(5).numFmt = excelFormat(TRAINING_FIGURES.hours);
  }
  list.getColumn(2).width = 36;
  list.getColumn(3).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The teachers below the target as a workbook (title, the roster and pack used, one row per teacher). */
export async function belowWorkbook(d: BelowList, districtName: string, lang: 'zh' | 'en'): Promise<Buffer> {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng';
  const ws = wb.addWorksheet(t('未达标教师', 'Below target'));
  ws.addRow([t(`${districtName} ${d.year} 年培训学时未达标教师`, `${districtName}: teachers below the training target, ${d.year}`)]).font = { bold: true, size: 14 };
  const roster =
    d.rosterYear === null
      ? t('无教师名册', 'no roster')
      : t(
          `${d.rosterYear}–${d.rosterYear + 1} 学年名册${d.rosterFallback ? `（${d.year} 学年名册尚无）` : ''}`,
          `roster of ${d.rosterYear}–${d.rosterYear + 1}${d.rosterFallback ? ` (none of ${d.year} yet)` : ''}`,
        );
  ws.addRow([
    t(
      `年度目标 ${d.targets.yearHours} 学时；${d.windowFrom}–${d.year} 年合计目标 ${d.targets.windowHours} 学时；${roster}；目标 ${d.targets.id} v${d.targets.version}`,
      `Year target ${d.targets.yearHours} h; ${d.windowFrom}–${d.year} target ${d.targets.windowHours} h; ${roster}; targets ${d.targets.id} v${d.targets.version}`,
    ),
  ]).font = { color: GREY };
  ws.addRow([]);
  const head: [string, 'text' | 'hours' | 'count', number?][] = [
    [t('序号', 'No.'), 'count', 6],
    [t('学校代码', 'School code'), 'text', 14],
    [t('学校', 'School'), 'text', 26],
    [t('教师编号', 'Teacher id'), 'text', 12],
    [t('工号', 'Staff no.'), 'text', 10],
    [t('姓名', 'Name'), 'text', 10],
    [t('学部', 'Section'), 'text', 8],
    [t(`${d.year} 年学时`, `Hours ${d.year}`), 'hours'],
    [t('年度达标', 'Meets the year'), 'text'],
    [t('年度差额', 'Missing this year'), 'hours'],
    [t(`${d.windowFrom}–${d.year} 年学时`, `Hours ${d.windowFrom}–${d.year}`), 'hours'],
    [t('五年达标', 'Meets five years'), 'text'],
    [t('五年差额', 'Missing over five years'), 'hours'],
  ];
  headerRow(
    ws,
    head.map((h) => h[0]),
  );
  const yes = t('是', 'yes');
  const no = t('否', 'no');
  d.rows.forEach((r, i) => {
    const values = [
      i + 1,
      r.schoolCode,
      r.schoolName,
      r.teacherId,
      r.staffNo ?? '',
      r.name,
      r.section ?? '',
      r.yearHours,
      r.meetsYear ? yes : no,
      r.yearShort,
      r.windowHours,
      r.meetsWindow ? yes : no,
      r.windowShort,
    ];
    const row = ws.addRow(values);
    head.forEach(([, kind], j) => {
      if (kind !== 'text') row.getCell(j + 1).numFmt = excelFormat(TRAINING_FIGURES[kind]);
    });
  });
  head.forEach(([, , w], j) => {
    if (w) ws.getColumn(j + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
