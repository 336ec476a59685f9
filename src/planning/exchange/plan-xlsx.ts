// The exchange plan as a workbook (the page's figures), and the teacher file template. Sheets of the plan: 调动名单
// (each move: teacher, subject, 骨干, from and to by name, km), 概况 (the rules; D and the 差异系数 before and after; the
// solver's status and proven gap; what breaks a rule; the schools left out), 各校 (students, teachers, departures,
// arrivals, 骨干 and 骨干 per 100 students before and after), 各校学科 (arrivals and departures per school × subject).
// Cells hold full-precision numbers; the number format (core/format.ts excelFormat) rounds them as the page does.
import ExcelJS from 'exceljs';
import { excelFormat } from '../../core/format.js';
import { HEADER_FILL, headerWidth } from '../../core/xlsx/style.js';
import { EXCHANGE_FIGURES, type ExchangePlanDetail } from './contract.js';

const GREY = { argb: 'FF808080' };
const RED = { argb: 'FFC00000' };
type Kind = keyof typeof EXCHANGE_FIGURES | 'text';

const fmt = (k: Kind) => (k === 'text' ? undefined : excelFormat(EXCHANGE_FIGURES[k]));

/** A header row of a table sheet: bold on the shared fill, wrapped. */
function headerRow(ws: ExcelJS.Worksheet, labels: string[]) {
  const h = ws.addRow(labels);
  h.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  h.height = 32;
  labels.forEach((l, i) => (ws.getColumn(i + 1).width = Math.max(ws.getColumn(i + 1).width ?? 0, headerWidth(l))));
  return h;
}

function table(wb: ExcelJS.Workbook, name: string, title: string, note: string, head: [string, Kind, number?][], rows: (string | number | null)[][]) {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([note]).font = { color: GREY };
  ws.addRow([]);
  headerRow(
    ws,
    head.map((h) => h[0]),
  );
  for (const values of rows) {
    const r = ws.addRow(values.map((v) => v ?? '—'));
    head.forEach(([, kind], j) => {
      const f = fmt(kind);
      if (f && typeof values[j] === 'number') r.getCell(j + 1).numFmt = f;
    });
  }
  head.forEach(([, , w], j) => {
    if (w) ws.getColumn(j + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return ws;
}

export async function exchangeWorkbook(d: ExchangePlanDetail, districtName: string, lang: 'zh' | 'en'): Promise<Buffer> {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const yes = t('是', 'yes');
  const no = t('否', 'no');
  const state = d.status === 'locked' ? t(`已锁定（${d.lockedBy}，${d.lockedAt?.slice(0, 10)}）`, `locked (${d.lockedBy}, ${d.lockedAt?.slice(0, 10)})`) : t('草案', 'draft');
  const title = `${districtName} ${d.name}`.trim();
  const note = t(`${d.year}–${d.year + 1} 学年在校生数；状态：${state}；方法 ${d.method}`, `Students of ${d.year}–${d.year + 1}; status: ${state}; method ${d.method}`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng';

  // 调动名单
  table(
    wb,
    t('调动名单', 'Moves'),
    title,
    note,
    [
      [t('序号', 'No.'), 'count', 6],
      [t('教师编号', 'Teacher'), 'text', 14],
      [t('学科', 'Subject'), 'text', 12],
      [t('骨干教师', '骨干 (backbone)'), 'text', 10],
      [t('调出学校代码', 'From (code)'), 'text', 14],
      [t('调出学校', 'From'), 'text', 26],
      [t('调入学校代码', 'To (code)'), 'text', 14],
      [t('调入学校', 'To'), 'text', 26],
      [t('距离（km）', 'Distance (km)'), 'km', 10],
    ],
    d.moves.map((m, i) => [i + 1, m.teacherId, m.subject, m.backbone ? yes : no, m.from, m.fromName, m.to, m.toName, m.km]),
  );

  // 概况
  const ws = wb.addWorksheet(t('概况', 'Summary'));
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([note]).font = { color: GREY };
  ws.addRow([]);
  const kv = (label: string, value: string | number | null, kind: Kind = 'text') => {
    const r = ws.addRow([label, value ?? '—']);
    const f = fmt(kind);
    if (f && typeof value === 'number') r.getCell(2).numFmt = f;
    return r;
  };
  const section = (label: string) => {
    ws.addRow([]);
    const r = ws.addRow([label]);
    r.font = { bold: true };
    r.getCell(1).fill = HEADER_FILL;
  };
  const r = d.rules;
  const m = d.metrics;
  section(t('规则', 'Rules'));
  kv(t('交流比例（符合条件教师中至少）', 'Rate (of the eligible, at least)'), r.rate, 'share');
  kv(t('骨干比例（交流教师中至少）', '骨干 share (of the movers, at least)'), r.backboneShare, 'share');
  kv(t('本校任教年限至少（年）', 'Years at the school, at least'), r.minYears, 'count');
  kv(t('年龄低于（岁）', 'Age below'), r.maxAge, 'count');
  kv(t('最远距离（km）', 'Longest move (km)'), r.maxKm, 'km');
  kv(t('指定（留任、必须交流、不调往）', 'Pins (stay, must move, not to)'), r.pins.length, 'count');
  kv(t('求解间隙上限', 'Gap limit of the solver'), r.mipGap ?? null, 'gap');
  kv(t('求解时限（秒）', 'Time limit (s)'), r.timeLimitSeconds ?? null, 'count');
  section(t('结果', 'Result'));
  kv(t('教师数（方案内）', 'Teachers (in the plan)'), m.teachers, 'count');
  kv(t('符合交流条件', 'Eligible'), m.eligible, 'count');
  kv(t('应交流人数', 'Movers required'), m.required, 'count');
  kv(t('交流人数', 'Movers'), m.movers, 'count');
  kv(t('其中骨干教师', '骨干 among them'), m.backboneMovers, 'count');
  kv(t('应交流骨干教师', '骨干 movers required'), m.requiredBackbone, 'count');
  kv(t('D（骨干偏离合理份额之和）交流前', 'D (骨干 away from their fair share) before'), m.dBefore, 'd');
  kv(t('D 交流后', 'D after'), m.dAfter, 'd');
  kv(t('每百名学生骨干教师数差异系数 交流前', 'CV of 骨干 per 100 students before'), m.cvBefore, 'cv');
  kv(t('差异系数 交流后', 'CV after'), m.cvAfter, 'cv');
  kv(t('全县（区）每百名学生骨干教师数', '骨干 per 100 students, district'), d.per100District, 'per100');
  section(t('求解', 'Solver'));
  const status = { optimal: t('最优', 'optimal'), gap_reached: t('达到间隙上限', 'within the gap limit'), time_limit: t('达到时限（非最优）', 'time limit reached (not proven optimal)') }[
    d.solve.status
  ];
  kv(t('状态', 'Status'), status);
  kv(t('已证明的间隙', 'Proven gap'), d.solve.mipGap, 'gap');
  kv(t('求解得到的 D', 'D found by the solver'), d.solve.dAfter, 'd');
  kv(t('用时（秒）', 'Seconds'), d.solve.seconds, 'km');
  kv(t('求解后手工修改', 'Edited by hand after solving'), d.edited ? yes : no);
  section(t(`违反规则（${d.violations.length} 处）`, `Broken rules (${d.violations.length})`));
  if (d.violations.length === 0) kv(t('无', 'none'), null);
  for (const v of d.violations) {
    const row = ws.addRow([v.rule, zh ? v.message.split(' / ')[0] : (v.message.split(' / ')[1] ?? v.message)]);
    row.font = { color: RED };
  }
  if (d.excluded.length) {
    section(t('未纳入方案的学校（无位置或无在校生，教师留任、无人调入）', 'Schools left out (no place or no students: their teachers stay, nobody moves there)'));
    const reason = { no_place: t('无经纬度', 'no coordinates'), no_students: t('无在校生', 'no students'), no_place_no_students: t('无经纬度、无在校生', 'no coordinates, no students') };
    for (const e of d.excluded) ws.addRow([`${e.schoolCode} ${e.schoolName}`, `${reason[e.reason]}；${t('教师', 'teachers')} ${e.teachers}`]);
  }
  ws.getColumn(1).width = 46;
  ws.getColumn(2).width = 60;

  // 各校
  table(
    wb,
    t('各校', 'Schools'),
    title,
    t('骨干教师与每百名学生骨干教师数，交流前后', '骨干 and 骨干 per 100 students before and after the moves'),
    [
      [t('学校代码', 'Code'), 'text', 14],
      [t('学校', 'School'), 'text', 26],
      [t('在校生', 'Students'), 'count'],
      [t('教师', 'Teachers'), 'count'],
      [t('调出', 'Departures'), 'count'],
      [t('调入', 'Arrivals'), 'count'],
      [t('骨干（前）', '骨干 before'), 'count'],
      [t('骨干（后）', '骨干 after'), 'count'],
      [t('每百名学生骨干（前）', 'Per 100 before'), 'per100'],
      [t('每百名学生骨干（后）', 'Per 100 after'), 'per100'],
    ],
    d.schools.map((s) => [s.schoolCode, s.schoolName, s.students, s.teachers, s.departures, s.arrivals, s.backboneBefore, s.backboneAfter, s.per100Before, s.per100After]),
  );

  // 各校学科
  const names = new Map(d.schools.map((s) => [s.schoolCode, s.schoolName]));
  table(
    wb,
    t('各校学科', 'Subjects'),
    title,
    t('每所学校每个学科调入人数等于调出人数', 'Arrivals equal departures per school and subject'),
    [
      [t('学校代码', 'Code'), 'text', 14],
      [t('学校', 'School'), 'text', 26],
      [t('学科', 'Subject'), 'text', 14],
      [t('调出', 'Departures'), 'count'],
      [t('调入', 'Arrivals'), 'count'],
    ],
    d.flows.map((f) => [f.schoolCode, names.get(f.schoolCode) ?? f.schoolCode, f.subject, f.departures, f.arrivals]),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The columns of the teacher file, as the template writes them (read-files.ts reads these and the English ids). */
export const TEACHER_COLUMNS: { header: string; example: (string | number)[]; help: string }[] = [
  { header: '教师编号', example: ['T0001', 'T0002'], help: '每位教师唯一的编号（工号或本局编号，不填姓名和身份证号） / a unique id per teacher (staff number; no names or ID numbers)' },
  { header: '学校代码', example: ['', ''], help: '教师目前任教学校的学校代码（见“学校代码”表） / the code of the teacher’s current school (see the sheet of school codes)' },
  {
    header: '学科',
    example: ['小学语文', '小学数学'],
    help: '任教学科；只有同一学科的教师互相交换，各校各学科人数不变 / the subject taught; only teachers of one subject replace each other, so each school keeps its head count per subject',
  },
  { header: '骨干', example: [1, 0], help: '县级及以上骨干教师填 1，否则填 0 / 1 for a county-level or higher 骨干 teacher, else 0' },
  { header: '本校任教年限', example: [8, 3], help: '在本校连续任教的整年数 / whole years teaching at this school' },
  { header: '年龄', example: [41, 29], help: '周岁 / age in whole years' },
];

/** The teacher file template: the columns with two example rows, the instructions, the district's school codes. */
export async function teacherTemplate(schools: { code: string; name: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng';
  const ws = wb.addWorksheet('教师名单');
  headerRow(
    ws,
    TEACHER_COLUMNS.map((c) => c.header),
  );
  const first = schools[0]?.code ?? '';
  for (let i = 0; i < 2; i++) ws.addRow(TEACHER_COLUMNS.map((c, j) => (j === 1 ? first : c.example[i])));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  headerRow(help, ['列 / column', '说明 / what to write']);
  for (const c of TEACHER_COLUMNS) help.addRow([c.header, c.help]);
  help.addRow([]);
  help.addRow(['', '示例两行可删除；也可用英文列名 teacher_id, school_code, subject, backbone, years_at_school, age / the two example rows may be deleted; English column names work too']);
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 100;
  const codes = wb.addWorksheet('学校代码');
  headerRow(codes, ['学校代码', '学校']);
  for (const s of schools) codes.addRow([s.code, s.name]);
  codes.getColumn(1).width = 16;
  codes.getColumn(2).width = 32;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
