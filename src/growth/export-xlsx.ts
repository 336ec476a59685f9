// The value-added of an exam pair as a workbook (what GET /api/growth/value-added shows the user):
//   说明      exams, column, linkage, the model (β, τ², σ², n, REML), the method and its basis
//   学校增值  per school: n, value-added, SE, 95% interval, label, quadrant, achievement, entry, z-gain, rank change,
//             linkage; groups below the minimum n show n only ("n < 20，人数不足，不报告")
//   班级增值  per class likewise
//   增量对比  the plain gain model (z-gain, percentile-rank change with SE) next to the value-added
// Cells hold full-precision numbers; the number format of figures.ts shows the digits the page and the PDF show.
import ExcelJS from 'exceljs';
import { districtTerm } from '../core/district-term.js';
import { gfFormat, smallText, type GrowthFigure } from './figures.js';
import { methodEn, methodZh, METHOD } from './method-text.js';
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

interface Column {
  header: string;
  width: number;
  figure?: GrowthFigure;
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
      const kind = cols[i - 1].figure;
      if (kind && typeof cell.value === 'number') cell.numFmt = gfFormat(kind);
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
  const all = districtTerm(districtName).zh;
  const pair = `${va.from.name} → ${va.to.name}`;
  const small = smallText(va.minN);
  const method = { districtName, minN: va.minN, minNFloor: va.minNFloor, sgp: va.sgp.available };

  // 说明
  const info = wb.addWorksheet('说明');
  info.getColumn(1).width = 30;
  info.getColumn(2).width = 100;
  info.addRow([`${districtName} 增值评价 / value-added`]).font = { bold: true, size: 14 };
  const m = va.model;
  const L = va.linkage;
  const lines: [string, string | number, GrowthFigure?][] = [
    ['评价方法 Method', [METHOD.va.zh, ...(va.sgp.available ? [METHOD.sgp.zh] : [])].join('；')],
    ['', [METHOD.va.en, ...(va.sgp.available ? [METHOD.sgp.en] : [])].join('; ')],
    ['入口考试 Entry exam', `${va.from.name}（${va.from.date ?? '—'}，${va.from.grade} 年级）`],
    ['出口考试 Exit exam', `${va.to.name}（${va.to.date ?? '—'}，${va.to.grade} 年级）`],
    ['科目 Subject', va.subject],
    ['匹配学生 Linked students', L.linked, 'count'],
    ['学籍号匹配率 Linkage rate', L.rate, 'rate'],
    ['入口考试有成绩学生 Entry: scored', L.entry.students, 'count'],
    ['入口未匹配 Entry: unmatched', L.entry.unmatched, 'count'],
    ['出口考试有成绩学生 Exit: scored', L.exit.students, 'count'],
    ['出口未匹配 Exit: unmatched', L.exit.unmatched, 'count'],
    ['转学学生 Movers', L.movers, 'count'],
    ['模型 Model', `出口 z = β₀ + β₁·入口 z + 学校随机截距 + 误差，REML 估计 / exit z = β₀ + β₁·entry z + school intercept + error, REML`],
    ['β₀ 截距 Intercept', m.beta.intercept, 'coef'],
    ['β₁ 入口成绩系数 Slope on entry z', m.beta.pre, 'coef'],
    ['β₁ 标准误 SE of the slope', m.betaSE.pre, 'coef'],
    ['τ² 校间方差 Between schools', m.tau2, 'variance'],
    ['σ² 校内残差方差 Within schools', m.sigma2, 'variance'],
    ['ICC τ²/(τ² + σ²)', m.icc, 'coef'],
    ['学生数 Students', m.n, 'count'],
    ['学校数 Schools', m.groups, 'count'],
    ['最小人数 Minimum n', va.minN, 'count'],
  ];
  for (const [k, v, kind] of lines) {
    const row = info.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    if (kind && typeof v === 'number') row.getCell(2).numFmt = gfFormat(kind);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  }
  info.addRow([]);
  const zh = methodZh(method);
  const en = methodEn(method);
  zh.forEach((text, i) => {
    for (const [k, v] of [
      [i === 0 ? '方法说明' : '', text],
      [i === 0 ? 'Method' : '', en[i]],
    ]) {
      const row = info.addRow([k, v]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    }
  });

  const sub = [pair, `科目：${va.subject}；增值单位：出口考试标准差；${small}`];
  const cols: Column[] = [
    { header: '学校代码', width: 13 },
    { header: '学校', width: 26 },
    { header: '人数 n', width: 8, figure: 'count' },
    { header: '增值', width: 9, figure: 'effect' },
    { header: '标准误 SE', width: 10, figure: 'se' },
    { header: '95%下限', width: 9, figure: 'bound' },
    { header: '95%上限', width: 9, figure: 'bound' },
    { header: '评价', width: 10 },
    { header: '象限（成就 × 增长）', width: 15 },
    { header: '象限（起点 × 增长）', width: 15 },
    { header: '出口平均 z（成就）', width: 11, figure: 'meanZ' },
    { header: '入口平均 z（起点）', width: 11, figure: 'meanZ' },
    { header: 'z 分增量', width: 9, figure: 'effect' },
    { header: '百分等级变化', width: 11, figure: 'rankChange' },
    { header: '出口考生', width: 9, figure: 'count' },
    { header: '匹配率', width: 8, figure: 'rate' },
    { header: '转入', width: 7, figure: 'count' },
  ];
  if (va.sgp.available) cols.push({ header: 'SGP 中位数', width: 10, figure: 'sgp' });
  const sortByEffect = <T extends { effect: number | null; suppressed: boolean }>(xs: T[]) => [...xs].sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.effect ?? 0) - (a.effect ?? 0));
  const none = (k: number) => Array.from({ length: k }, () => null);
  table(
    wb.addWorksheet('学校增值'),
    `${districtName} 学校增值评价`,
    sub,
    cols,
    sortByEffect(va.schools).map((s) => ({
      suppressed: s.suppressed,
      label: s.suppressed || s.label === null ? undefined : s.label,
      cells:
        s.suppressed || s.label === null || s.quadrant === null || s.entryQuadrant === null
          ? [s.school, s.name, s.n, small, ...none(10), s.exitStudents, s.linkRate, s.moversIn, ...(va.sgp.available ? [null] : [])]
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
    { header: '人数 n', width: 8, figure: 'count' },
    { header: '增值', width: 9, figure: 'effect' },
    { header: '标准误 SE', width: 10, figure: 'se' },
    { header: '95%下限', width: 9, figure: 'bound' },
    { header: '95%上限', width: 9, figure: 'bound' },
    { header: '评价', width: 10 },
    { header: '出口平均 z', width: 10, figure: 'meanZ' },
    { header: '入口平均 z', width: 10, figure: 'meanZ' },
    { header: 'z 分增量', width: 9, figure: 'effect' },
    { header: '百分等级变化', width: 11, figure: 'rankChange' },
  ];
  table(
    wb.addWorksheet('班级增值'),
    `${districtName} 班级增值评价`,
    [...sub, `班级增值相对于${all}回归线，包含学校本身的贡献；宜在同一学校内比较班级 / class effects are relative to the ${districtTerm(districtName).en} line and include the school’s contribution`],
    classCols,
    [...va.classes]
      .sort((a, b) => (a.school < b.school ? -1 : a.school > b.school ? 1 : Number(a.suppressed) - Number(b.suppressed) || (b.effect ?? 0) - (a.effect ?? 0)))
      .map((c) => ({
        suppressed: c.suppressed,
        label: c.suppressed || c.label === null ? undefined : c.label,
        cells:
          c.suppressed || c.label === null
            ? [c.school, c.name, c.class, c.n, small]
            : [c.school, c.name, c.class, c.n, c.effect, c.se, c.lower, c.upper, LABEL_ZH[c.label], c.achievement, c.entryMean, c.gainMean, c.rankChange],
      })),
  );

  table(
    wb.addWorksheet('增量对比'),
    `${districtName} 简单增量（z 分差、名次变化）与回归增值对比`,
    [...sub, '增量 = 出口 z − 入口 z（学生平均）；名次变化 = 出口百分等级 − 入口百分等级；标准误 = 标准差 / √n'],
    [
      { header: '学校代码', width: 13 },
      { header: '学校', width: 26 },
      { header: '人数 n', width: 8, figure: 'count' },
      { header: 'z 分增量', width: 10, figure: 'effect' },
      { header: '标准误 SE', width: 9, figure: 'se' },
      { header: '95%下限', width: 9, figure: 'bound' },
      { header: '95%上限', width: 9, figure: 'bound' },
      { header: '百分等级变化', width: 11, figure: 'rankChange' },
      { header: '标准误 SE', width: 9, figure: 'rankSE' },
      { header: '回归增值', width: 10, figure: 'effect' },
    ],
    va.gain.map((g) => {
      const s = va.schools.find((x) => x.school === g.school);
      return {
        suppressed: g.suppressed,
        cells: g.suppressed || g.zGain === null ? [g.school, g.name, g.n, small] : [g.school, g.name, g.n, g.zGain, g.zGainSE, g.lower, g.upper, g.rankChange, g.rankChangeSE, s?.effect ?? null],
      };
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
