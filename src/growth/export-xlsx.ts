// The value-added of an exam pair as a workbook (what GET /api/growth/value-added shows the user):
//   说明      exams, column, linkage, the model (β, τ², σ², n, REML) and how to read the tables
//   学校增值  per school: n, value-added, SE, 95% interval, label, quadrant, achievement, entry, z-gain, rank change,
//             linkage; groups below the minimum n show n only ("n < 20,不报告")
//   班级增值  per class likewise
//   增量对比  the plain gain model (z-gain, percentile-rank change with SE) next to the value-added
// Cells hold full-precision numbers; only the number format rounds them.
import ExcelJS from 'exceljs';
import { QUADRANT_LABEL } from './targets/quadrants.js';
import { ENTRY_QUADRANT_LABEL, LABEL_ZH, type VaResponse } from './service.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const GREY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};
const GREEN = { argb: 'FF2E7D32' };
const RED = { argb: 'FFC00000' };
const GREY = { argb: 'FF808080' };

const Z = '0.000';
const PCT = '0.0%';

interface Column {
  header: string;
  width: number;
  format?: string;
}

function table(ws: ExcelJS.Worksheet, title: string, sub: string[], cols: Column[], rows: { cells: (string | number | null)[]; suppressed?: boolean; label?: string }[]) {
  ws.addRow([title]).font = { bold: true, size: 14 };
  for (const s of sub) ws.addRow([s]).font = { color: GREY };
  ws.addRow([]);
  const head = ws.addRow(cols.map((c) => c.header));
  head.height = 36;
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.views = [{ state: 'frozen', ySplit: head.number, xSplit: 2 }];
  for (const r of rows) {
    const row = ws.addRow(r.cells);
    for (let i = 1; i <= cols.length; i++) {
      const cell = row.getCell(i);
      cell.border = THIN;
      if (cols[i - 1].format && typeof cell.value === 'number') cell.numFmt = cols[i - 1].format!;
      if (r.suppressed) {
        cell.fill = GREY_FILL;
        cell.font = { color: GREY };
      }
    }
    if (r.label === 'above' || r.label === 'below') {
      const i = cols.findIndex((c) => c.header.startsWith('评价'));
      if (i >= 0) row.getCell(i + 1).font = { bold: true, color: r.label === 'above' ? GREEN : RED };
    }
  }
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number, column: cols.length } };
}

export async function growthWorkbook(va: VaResponse, districtName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  wb.created = new Date();
  const pair = `${va.from.name} → ${va.to.name}`;
  const small = `n < ${va.minN},不报告 / not reported`;

  // 说明
  const info = wb.addWorksheet('说明');
  info.getColumn(1).width = 30;
  info.getColumn(2).width = 90;
  info.addRow([`${districtName} 增值评价 / value-added`]).font = { bold: true, size: 14 };
  const m = va.model;
  const L = va.linkage;
  const lines: [string, string | number][] = [
    ['入口考试 Entry exam', `${va.from.name}(${va.from.date ?? '—'},${va.from.grade} 年级)`],
    ['出口考试 Exit exam', `${va.to.name}(${va.to.date ?? '—'},${va.to.grade} 年级)`],
    ['科目 Column', va.subject],
    ['匹配学生 Linked students', L.linked],
    ['总匹配率 Overall linkage rate', L.rate],
    ['入口考试有成绩学生 / 未匹配 Entry: scored / unmatched', `${L.entry.students} / ${L.entry.unmatched}(缺考等无成绩 ${L.entry.absent} 行)`],
    ['出口考试有成绩学生 / 未匹配 Exit: scored / unmatched', `${L.exit.students} / ${L.exit.unmatched}(缺考等无成绩 ${L.exit.absent} 行)`],
    ['转学学生 Movers', `${L.movers}(计入出口考试时所在学校 / counted at the later school)`],
    ['模型 Model', `${m.formula},REML(与 R lme4 的 lmer 一致)`],
    ['β₀ 截距 intercept', m.beta.intercept],
    ['β₁ 入口成绩系数 slope on entry z', m.beta.pre],
    ['β₁ 标准误 SE', m.betaSE.pre],
    ['τ² 校间方差 between schools', m.tau2],
    ['σ² 校内残差方差 within schools', m.sigma2],
    ['ICC τ²/(τ²+σ²)', m.icc],
    ['学生数 n / 学校数', `${m.n} / ${m.groups}`],
    ['最小人数 minimum n', va.minN],
    [
      '说明 Reading',
      '成绩先在各自考试内标准化(z 分,总体标准差),增值以出口考试标准差为单位。增值 = 学校随机截距的经验贝叶斯估计(收缩),SE 为条件标准差,95% 区间 = 增值 ± 1.96·SE;区间全在 0 以上为“高于预期”,全在 0 以下为“低于预期”。',
    ],
    [
      '',
      'Scores are standardised within each exam (z, population SD); value-added is in SDs of the exit exam. It is the empirical-Bayes (shrunken) school intercept; SE = conditional SD; 95% interval = effect ± 1.96·SE; above / below when the interval excludes 0.',
    ],
    ['象限 Quadrants', '成就(出口平均 z)× 增长(增值),以 0(全县)为界;起点象限用入口平均 z。/ achievement (mean exit z) × growth (value-added), cut at 0; the start quadrant uses the mean entry z.'],
  ];
  if (va.sgp.available) lines.push(['SGP', va.sgp.note]);
  for (const [k, v] of lines) {
    const row = info.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    if (typeof v === 'number') row.getCell(2).numFmt = Number.isInteger(v) ? '0' : k.includes('率') ? PCT : '0.00000';
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  }

  const sub = [pair, `科目 ${va.subject};增值单位:出口考试标准差;${small}`];
  const cols: Column[] = [
    { header: '学校代码', width: 13 },
    { header: '学校', width: 26 },
    { header: '人数 n', width: 8 },
    { header: '增值', width: 9, format: Z },
    { header: '标准误 SE', width: 10, format: Z },
    { header: '95%下限', width: 9, format: Z },
    { header: '95%上限', width: 9, format: Z },
    { header: '评价', width: 10 },
    { header: '象限(成就×增长)', width: 15 },
    { header: '象限(起点×增长)', width: 15 },
    { header: '出口平均z(成就)', width: 11, format: Z },
    { header: '入口平均z(起点)', width: 11, format: Z },
    { header: 'z分增量', width: 9, format: Z },
    { header: '百分等级变化', width: 11, format: '0.0' },
    { header: '出口考生', width: 9 },
    { header: '匹配率', width: 8, format: PCT },
    { header: '转入', width: 7 },
  ];
  if (va.sgp.available) cols.push({ header: 'SGP中位数', width: 10, format: '0.0' });
  const sortByEffect = <T extends { effect: number; suppressed: boolean }>(xs: T[]) => [...xs].sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || b.effect - a.effect);
  table(
    wb.addWorksheet('学校增值'),
    `${districtName} 学校增值评价`,
    sub,
    cols,
    sortByEffect(va.schools).map((s) => ({
      suppressed: s.suppressed,
      label: s.suppressed ? undefined : s.label,
      cells: s.suppressed
        ? [s.school, s.name, s.n, small, null, null, null, null, null, null, null, null, null, null, s.exitStudents, s.linkRate, s.moversIn]
        : [
            s.school,
            s.name,
            s.n,
            s.effect,
            s.se,
            s.lower,
            s.upper,
            LABEL_ZH[s.label],
            QUADRANT_LABEL[s.quadrant],
            ENTRY_QUADRANT_LABEL[s.entryQuadrant],
            s.achievement,
            s.entryMean,
            s.gainMean,
            s.rankChange,
            s.exitStudents,
            s.linkRate,
            s.moversIn,
            ...(va.sgp.available ? [s.sgpMedian] : []),
          ],
    })),
  );

  const classCols: Column[] = [
    { header: '学校代码', width: 13 },
    { header: '学校', width: 24 },
    { header: '班级', width: 10 },
    { header: '人数 n', width: 8 },
    { header: '增值', width: 9, format: Z },
    { header: '标准误 SE', width: 10, format: Z },
    { header: '95%下限', width: 9, format: Z },
    { header: '95%上限', width: 9, format: Z },
    { header: '评价', width: 10 },
    { header: '出口平均z', width: 10, format: Z },
    { header: '入口平均z', width: 10, format: Z },
    { header: 'z分增量', width: 9, format: Z },
    { header: '百分等级变化', width: 11, format: '0.0' },
  ];
  table(
    wb.addWorksheet('班级增值'),
    `${districtName} 班级增值评价`,
    [...sub, '班级增值相对于全县回归线,包含学校本身的贡献;同校班级之间比较 / class effects are relative to the district line and include the school’s contribution'],
    classCols,
    [...va.classes]
      .sort((a, b) => (a.school < b.school ? -1 : a.school > b.school ? 1 : b.effect - a.effect))
      .map((c) => ({
        suppressed: c.suppressed,
        label: c.suppressed ? undefined : c.label,
        cells: c.suppressed
          ? [c.school, c.name, c.class, c.n, small]
          : [c.school, c.name, c.class, c.n, c.effect, c.se, c.lower, c.upper, LABEL_ZH[c.label], c.achievement, c.entryMean, c.gainMean, c.rankChange],
      })),
  );

  table(
    wb.addWorksheet('增量对比'),
    `${districtName} 增量(z 分差、名次变化)与增值对比`,
    [...sub, '增量 = 出口 z − 入口 z(学生平均);名次变化 = 出口百分等级 − 入口百分等级;SE = 标准差/√n'],
    [
      { header: '学校代码', width: 13 },
      { header: '学校', width: 26 },
      { header: '人数 n', width: 8 },
      { header: 'z分增量', width: 10, format: Z },
      { header: 'SE', width: 9, format: Z },
      { header: '95%下限', width: 9, format: Z },
      { header: '95%上限', width: 9, format: Z },
      { header: '百分等级变化', width: 11, format: '0.00' },
      { header: 'SE', width: 9, format: '0.00' },
      { header: '增值(回归)', width: 10, format: Z },
    ],
    va.gain.map((g) => {
      const s = va.schools.find((x) => x.school === g.school)!;
      return {
        suppressed: g.suppressed,
        cells: g.suppressed ? [g.school, g.name, g.n, small] : [g.school, g.name, g.n, g.zGain, g.zGainSE, g.lower, g.upper, g.rankChange, g.rankChangeSE, s.effect],
      };
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
