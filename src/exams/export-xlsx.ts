// The exam workbook: 区县汇总 (per subject and 总分: n, mean, sd, median, quartiles, rates, 得分率), 学校 (per school
// 总分 figures with 超均率 and 全科合格率, then each subject's mean and 超均率), 后x% (threshold, per school count,
// rate, flagged), and for one school its students with scores and ranks. Nothing parsed from an upload goes into a
// cell note (see registry/excel.ts on the exceljs note CVE).
import ExcelJS from 'exceljs';
import { TOTAL } from './analysis/analyze.js';
import { districtTerm } from '../core/district-term.js';
import type { ExamDto, Report } from './service.js';
import { figure, figureFormat, withheldText } from './figures.js';

type Stats = Report['district']['stats'][string];

export interface ExamWorkbookInput {
  exam: ExamDto;
  report: Report;
  schoolNames: Map<string, string>;
  /** The district's name: its own word for itself (全县 / 全区) heads the summary rows. */
  districtName?: string;
  /** Leave out every rank (名次): the exam hides ranks from this reader. */
  hideRanks?: boolean;
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
// Cells keep full precision; the number format of the figure's kind (figures.ts) shows the digits of the page and the PDF.
const PCT = figureFormat('rate');
const NUM = figureFormat('score');
const SIGNED_PCT = figureFormat('overMean');
const COUNT = figureFormat('count');

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width?: number; fmt?: string }[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: { numFmt: c.fmt ?? COUNT } }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  return ws;
}

/** A figure cell, or the withheld text where the cell is suppressed (privacy.ts). */
const cellOf = (s: Stats | undefined, v: number | null | undefined, min: number | undefined) => (s?.suppressed ? withheldText(min) : (v ?? null));

const statCells = (s: Stats | undefined, min: number | undefined) =>
  s
    ? [s.n, ...[s.mean, s.sd, s.median, s.q1, s.q3, s.min, s.max, s.excellent_rate, s.pass_rate, s.low_rate, s.score_rate].map((v) => cellOf(s, v, min))]
    : [0, null, null, null, null, null, null, null, null, null, null, null];

export async function buildExamWorkbook(input: ExamWorkbookInput): Promise<Buffer> {
  const { exam, report } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  wb.created = new Date();
  const fullOf = (key: string) => (key === TOTAL ? exam.subjects.reduce((a, s) => a + s.fullMarks, 0) : (exam.subjects.find((s) => s.subject === key)?.fullMarks ?? null));
  const schoolName = (code: string) => input.schoolNames.get(code) ?? '';
  const w = districtTerm(input.districtName).zh;
  const min = report.minCellSize;

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
    { header: '最低分', fmt: NUM },
    { header: '最高分', fmt: NUM },
    { header: '优秀率', fmt: PCT },
    { header: '合格率', fmt: PCT },
    { header: '低分率', fmt: PCT },
    { header: '得分率', fmt: PCT },
    { header: '超均率', fmt: SIGNED_PCT },
  ]);
  ds.getColumn(2).numFmt = 'General';
  for (const key of report.subjects) {
    const s = report.district.stats[key];
    ds.addRow([key, fullOf(key), ...statCells(s, min), cellOf(s, s?.over_mean_rate, min)]);
  }
  ds.addRow([]);
  ds.addRow([`${exam.name}（${exam.date ?? ''} ${exam.grade}年级 ${exam.type}）`]);
  ds.addRow([`全科合格率：${report.district.stats[TOTAL]?.suppressed ? withheldText(min) : figure('rate', report.district.allPassRate)}`]);
  ds.addRow([`校际总分均分差异系数：${figure('cv', report.cvOfSchoolMeans.cv)}（参考线 < ${figure('cv', report.cvOfSchoolMeans.limit)}，本地选定的值）`]);
  ds.addRow([`优秀 ≥ ${exam.excellent}，合格 ≥ ${exam.pass}，低分 < ${exam.low} × 满分；人数不含缺考、作弊、免考；总分只计各科都有成绩的学生`]);
  if (min) ds.addRow([`人数少于 ${min} 人的班级、学校不公布成绩（“${withheldText(min)}”）；只有一个时，另一个人数最少的也不公布，以免由合计推算。人数下限为本地设置，可修改。`]);

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
    { header: '超均率', fmt: SIGNED_PCT },
    { header: '全科合格率', fmt: PCT },
    ...subjectKeys.flatMap((k) => [
      { header: `${k}平均`, fmt: NUM },
      { header: `${k}超均率`, fmt: SIGNED_PCT },
    ]),
  ]);
  const groupRow = (code: string, name: string, g: Report['district'], overMean: (s: Stats | undefined) => number | null | undefined) => {
    const t = g.stats[TOTAL];
    return [
      code,
      name,
      g.n,
      t?.n ?? 0,
      cellOf(t, t?.mean, min),
      cellOf(t, t?.sd, min),
      cellOf(t, t?.median, min),
      cellOf(t, t?.excellent_rate, min),
      cellOf(t, t?.pass_rate, min),
      cellOf(t, t?.low_rate, min),
      cellOf(t, overMean(t), min),
      cellOf(t, g.allPassRate, min),
      ...subjectKeys.flatMap((k) => [cellOf(g.stats[k], g.stats[k]?.mean, min), cellOf(g.stats[k], overMean(g.stats[k]), min)]),
    ];
  };
  sc.addRow(groupRow('', w, report.district, () => 0)).font = { bold: true };
  for (const s of report.schools) sc.addRow(groupRow(s.school, schoolName(s.school), s, (x) => x?.over_mean_rate));

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
    const row = bt.addRow(
      s.suppressed ? [s.school, schoolName(s.school), s.n, withheldText(min), withheldText(min), ''] : [s.school, schoolName(s.school), s.n, s.count, s.rate, s.flagged ? '关注' : ''],
    );
    if (s.flagged) row.eachCell((c) => (c.fill = FLAG_FILL));
  }
  bt.addRow([]);
  bt.addRow([`${w}总分第 ${b.percentile} 百分位（分数线）：${figure('score', b.threshold)}`]);
  bt.addRow([`后${b.percentile}%率 = 本校总分 ≤ 该分数线的学生数 / 本校有总分的学生数`]);

  // 学生
  if (input.school && input.students) {
    const subjects = exam.subjects.map((s) => s.subject);
    const st = sheet(wb, `学生-${input.school}`.slice(0, 31), [
      { header: '学籍号', width: 22 },
      ...(input.students.names ? [{ header: '姓名', width: 10 }] : []),
      { header: '班级', width: 10 },
      ...subjects.map((s) => ({ header: s })),
      { header: '总分', fmt: NUM },
      ...(input.hideRanks ? [] : [{ header: `${w}排名` }, { header: '校排名' }, { header: '班排名' }]),
      { header: 'T分数', fmt: NUM },
    ]);
    subjects.forEach((_, k) => (st.getColumn(k + 3 + (input.students!.names ? 1 : 0)).numFmt = NUM));
    for (const r of input.students.rows) {
      st.addRow([
        r.studentId,
        ...(input.students.names ? [r.name] : []),
        r.className,
        ...subjects.map((_, k) => r.scores[k] ?? (r.marks[k] ? MARK_ZH[r.marks[k]] : null)),
        r.total,
        ...(input.hideRanks ? [] : [r.rankDistrict, r.rankSchool, r.rankClass]),
        r.t,
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
