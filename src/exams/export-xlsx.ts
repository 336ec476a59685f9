// The exam workbook: 区县汇总 (per subject and 总分: n, mean, sd, median, quartiles, rates, 得分率), 学校 (per school
// 总分 figures with 超均率 and 全科合格率, then each subject's mean and 超均率), 后x% (threshold, per school count,
// rate, flagged), and for one school its students with scores and ranks. Nothing parsed from an upload goes into a
// cell note (see registry/excel.ts on the exceljs note CVE).
import ExcelJS from 'exceljs';
import { TOTAL, type Stats } from './analysis/analyze.js';
import type { ExamDto, Report } from './service.js';

export interface ExamWorkbookInput {
  exam: ExamDto;
  report: Report;
  schoolNames: Map<string, string>;
  /** The school whose students are listed. */
  school?: string;
  students?: {
    names: boolean;
    rows: {
      studentId: string;
      name: string | null;
      className: string;
      scores: (number | null)[];
      marks: (string | null)[];
      total: number | null;
      rankDistrict: number | null;
      rankSchool: number | null;
      rankClass: number | null;
      t: number | null;
    }[];
  };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const FLAG_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const MARK_ZH: Record<string, string> = { absent: '缺考', voided: '作弊', exempt: '免考' };
const PCT = '0.0%';
const NUM = '0.00';

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width?: number; fmt?: string }[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: c.fmt ? { numFmt: c.fmt } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  return ws;
}

const statCells = (s: Stats | undefined) =>
  s ? [s.n, s.mean, s.sd, s.median, s.q1, s.q3, s.min, s.max, s.excellent_rate, s.pass_rate, s.low_rate, s.score_rate] : [0, null, null, null, null, null, null, null, null, null, null, null];

export async function buildExamWorkbook(input: ExamWorkbookInput): Promise<Buffer> {
  const { exam, report } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  wb.created = new Date();
  const fullOf = (key: string) => (key === TOTAL ? exam.subjects.reduce((a, s) => a + s.fullMarks, 0) : (exam.subjects.find((s) => s.subject === key)?.fullMarks ?? null));
  const schoolName = (code: string) => input.schoolNames.get(code) ?? '';

  // 区县汇总
  const ds = sheet(wb, '区县汇总', [
    { header: '科目', width: 14 },
    { header: '满分' },
    { header: '人数' },
    { header: '平均分', fmt: NUM },
    { header: '标准差', fmt: NUM },
    { header: '中位数', fmt: NUM },
    { header: '下四分位', fmt: NUM },
    { header: '上四分位', fmt: NUM },
    { header: '最低分' },
    { header: '最高分' },
    { header: '优秀率', fmt: PCT },
    { header: '合格率', fmt: PCT },
    { header: '低分率', fmt: PCT },
    { header: '得分率', fmt: PCT },
    { header: '超均率', fmt: PCT },
  ]);
  for (const key of report.subjects) {
    const s = report.district.stats[key];
    ds.addRow([key, fullOf(key), ...statCells(s), s?.over_mean_rate ?? null]);
  }
  ds.addRow([]);
  ds.addRow([`${exam.name}(${exam.date ?? ''} ${exam.grade}年级 ${exam.type})`]);
  ds.addRow([`全科合格率 / all-pass rate: ${fmtPct(report.district.allPassRate)}`]);
  ds.addRow([`校际总分均分差异系数 / CV of school means: ${report.cvOfSchoolMeans.cv === null ? '—' : report.cvOfSchoolMeans.cv.toFixed(4)}(标准 < ${report.cvOfSchoolMeans.limit})`]);
  ds.addRow([`优秀 ≥ ${exam.excellent},合格 ≥ ${exam.pass},低分 < ${exam.low} × 满分;人数不含缺考、作弊、免考;总分只计各科都有成绩的学生`]);

  // 学校
  const subjectKeys = report.subjects.filter((k) => k !== TOTAL);
  const sc = sheet(wb, '学校', [
    { header: '学校代码', width: 14 },
    { header: '学校名称', width: 24 },
    { header: '学生数' },
    { header: '总分人数' },
    { header: '总分平均', fmt: NUM },
    { header: '标准差', fmt: NUM },
    { header: '中位数', fmt: NUM },
    { header: '优秀率', fmt: PCT },
    { header: '合格率', fmt: PCT },
    { header: '低分率', fmt: PCT },
    { header: '超均率', fmt: PCT },
    { header: '全科合格率', fmt: PCT },
    ...subjectKeys.flatMap((k) => [
      { header: `${k}平均`, fmt: NUM },
      { header: `${k}超均率`, fmt: PCT },
    ]),
  ]);
  const dt = report.district.stats[TOTAL];
  sc.addRow([
    '',
    '全区(县)',
    report.district.n,
    dt?.n ?? 0,
    dt?.mean ?? null,
    dt?.sd ?? null,
    dt?.median ?? null,
    dt?.excellent_rate ?? null,
    dt?.pass_rate ?? null,
    dt?.low_rate ?? null,
    0,
    report.district.allPassRate,
    ...subjectKeys.flatMap((k) => [report.district.stats[k]?.mean ?? null, 0]),
  ]).font = { bold: true };
  for (const s of report.schools) {
    const t = s.stats[TOTAL];
    sc.addRow([
      s.school,
      schoolName(s.school),
      s.n,
      t?.n ?? 0,
      t?.mean ?? null,
      t?.sd ?? null,
      t?.median ?? null,
      t?.excellent_rate ?? null,
      t?.pass_rate ?? null,
      t?.low_rate ?? null,
      t?.over_mean_rate ?? null,
      s.allPassRate,
      ...subjectKeys.flatMap((k) => [s.stats[k]?.mean ?? null, s.stats[k]?.over_mean_rate ?? null]),
    ]);
  }

  // 后x%
  const b = report.bottom;
  const bt = sheet(wb, `后${b.percentile}%`, [
    { header: '学校代码', width: 14 },
    { header: '学校名称', width: 24 },
    { header: '总分人数' },
    { header: `后${b.percentile}%人数` },
    { header: `后${b.percentile}%率`, fmt: PCT },
    { header: '提示' },
  ]);
  for (const s of b.schools) {
    const row = bt.addRow([s.school, schoolName(s.school), s.n, s.count, s.rate, s.flagged ? '关注' : '']);
    if (s.flagged) row.eachCell((c) => (c.fill = FLAG_FILL));
  }
  bt.addRow([]);
  bt.addRow([`全区(县)总分第 ${b.percentile} 百分位 / threshold: ${b.threshold === null ? '—' : b.threshold}`]);
  bt.addRow([`后${b.percentile}%率 = 本校总分 ≤ 该分数线的学生数 / 本校有总分的学生数`]);

  // 学生
  if (input.school && input.students) {
    const subjects = exam.subjects.map((s) => s.subject);
    const st = sheet(wb, `学生-${input.school}`.slice(0, 31), [
      { header: '学籍号', width: 22 },
      ...(input.students.names ? [{ header: '姓名', width: 10 }] : []),
      { header: '班级', width: 10 },
      ...subjects.map((s) => ({ header: s })),
      { header: '总分' },
      { header: '区排名' },
      { header: '校排名' },
      { header: '班排名' },
      { header: 'T分数', fmt: NUM },
    ]);
    for (const r of input.students.rows) {
      st.addRow([
        r.studentId,
        ...(input.students.names ? [r.name] : []),
        r.className,
        ...subjects.map((_, k) => r.scores[k] ?? (r.marks[k] ? MARK_ZH[r.marks[k]] : null)),
        r.total,
        r.rankDistrict,
        r.rankSchool,
        r.rankClass,
        r.t,
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function fmtPct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}
