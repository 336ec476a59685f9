// The homework and sleep report of a year as a workbook — exactly what GET /api/wellbeing/burden/report answers the
// caller (small cells withheld, other schools left out):
//   说明        the limits and their sources, the year, the small-cell rule
//   学校与年级  per district / school, grade and sex: records, answered, over the limit, shares, means, limits
//   分布        counts per homework band and per sleep band
//   趋势        per year: the district and each school
// Cells hold full-precision numbers; the number formats are those of the one formatter (src/core/format.ts).
import ExcelJS from 'exceljs';
import { districtTerm } from '../../core/district-term.js';
import { excelFormat } from '../../core/format.js';
import { HEADER_FILL, headerWidth } from '../../core/xlsx/style.js';
import type { BurdenCellWire, BurdenReport } from './contract.js';

const SHARE = excelFormat({ decimals: 1, percent: true });
const MINUTES = excelFormat(1);
const HOURS = excelFormat(2);
const COUNT = excelFormat(0);
const GREY = { argb: 'FF808080' };
const GRADE_ZH: Record<number, string> = { 1: '一年级', 2: '二年级', 3: '三年级', 4: '四年级', 5: '五年级', 6: '六年级', 7: '七年级（初一）', 8: '八年级（初二）', 9: '九年级（初三）' };

interface Col {
  header: string;
  fmt?: string;
}

function sheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: { cells: (string | number | null)[]; suppressed?: boolean }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = ws.addRow(cols.map((c) => c.header));
  head.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = headerWidth(c.header)));
  for (const r of rows) {
    const row = ws.addRow(r.cells);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.fmt && typeof cell.value === 'number') cell.numFmt = c.fmt;
      if (r.suppressed) cell.font = { color: GREY };
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
}

export async function burdenWorkbook(rep: BurdenReport, districtName: string, minCellSize: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  wb.created = new Date();
  const all = districtTerm(districtName).zh;
  const withheld = `人数少于 ${minCellSize}，不公布`;
  const where = (c: { school: string | null; schoolName: string | null }) => (c.school === null ? [null, all] : [c.school, c.schoolName ?? c.school]);
  const gradeOf = (g: number | null) => (g === null ? '全部年级' : (GRADE_ZH[g] ?? `${g}年级`));
  const sexOf = (s: 'M' | 'F' | null) => (s === null ? '合计' : s === 'M' ? '男' : '女');

  const info = wb.addWorksheet('说明');
  info.getColumn(1).width = 26;
  info.getColumn(2).width = 110;
  info.addRow([`${districtName} 课业负担与睡眠 / homework and sleep`]).font = { bold: true, size: 14 };
  const lines: [string, string | number | null][] = [
    ['学年 School year', rep.year === null ? '—' : `${rep.year}–${rep.year + 1}学年`],
    ['要求 Limits', `${rep.limits.title}（${rep.limits.id}，版本 ${rep.limits.version}）`],
    ...rep.limits.homework.map((l): [string, string] => [
      `书面作业 ${l.grades[0]}–${l.grades[l.grades.length - 1]} 年级`,
      `${l.rule_zh}；依据：${rep.limits.sources.find((s) => s.key === l.source)?.title ?? l.source}`,
    ]),
    ...rep.limits.sleep.map((l): [string, string] => [
      `睡眠 ${l.grades[0]}–${l.grades[l.grades.length - 1]} 年级`,
      `${l.rule_zh}；依据：${rep.limits.sources.find((s) => s.key === l.source)?.title ?? l.source}`,
    ]),
    ['比较 Comparison', '换算为整分钟后比较；恰好等于要求值即为符合要求 / compared in whole minutes; a value exactly at the limit meets it'],
    ['小单元格 Small cells', `${withheld}（仅保留人数） / cells under ${minCellSize} records are withheld (counts kept)`],
    ['计算依据 Computed with', rep.computedWith.map((p) => `${p.id} v${p.version}`).join('；') || '—'],
    ...(rep.fromTallies
      ? [
          [
            '说明 Note',
            '本学年部分或全部学生明细已按保存期限删除，数字来自删除前保存的汇总 / pupil rows of this year were removed under the retention setting; figures come from the tallies kept',
          ] as [string, string],
        ]
      : []),
    ...rep.limits.sources.map((s): [string, string] => [`来源 ${s.key}`, [s.title, s.issued, s.official, ...s.copies].filter(Boolean).join('\n')]),
  ];
  for (const [k, v] of lines) {
    const row = info.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  const cellRow = (c: BurdenCellWire) => ({
    suppressed: c.suppressed,
    cells: [
      ...where(c),
      gradeOf(c.grade),
      sexOf(c.sex),
      c.records,
      c.homeworkAnswered,
      c.homeworkOver,
      c.overShare,
      c.meanHomework,
      c.homeworkLimit,
      c.sleepAnswered,
      c.sleepShort,
      c.sleepShortShare,
      c.meanSleep,
      c.sleepTarget,
      c.suppressed ? withheld : null,
    ],
  });
  sheet(
    wb,
    '学校与年级',
    [
      { header: '学校代码' },
      { header: '学校' },
      { header: '年级' },
      { header: '性别' },
      { header: '记录数', fmt: COUNT },
      { header: '作业作答人数', fmt: COUNT },
      { header: '超过作业要求人数', fmt: COUNT },
      { header: '超过作业要求比例', fmt: SHARE },
      { header: '平均书面作业（分钟）', fmt: MINUTES },
      { header: '作业要求（分钟，不超过）', fmt: COUNT },
      { header: '睡眠作答人数', fmt: COUNT },
      { header: '睡眠不足人数', fmt: COUNT },
      { header: '睡眠不足比例', fmt: SHARE },
      { header: '平均睡眠（小时）', fmt: HOURS },
      { header: '睡眠要求（小时，不少于）', fmt: HOURS },
      { header: '备注' },
    ],
    rep.cells.map(cellRow),
  );
  sheet(
    wb,
    '分布',
    [
      { header: '学校代码' },
      { header: '学校' },
      { header: '年级' },
      { header: '性别' },
      ...rep.limits.homeworkBands.map((b) => ({ header: `作业 ${b} 分钟`, fmt: COUNT })),
      ...rep.limits.sleepBands.map((b) => ({ header: `睡眠 ${b}`, fmt: COUNT })),
      { header: '备注' },
    ],
    rep.cells.map((c) => ({
      suppressed: c.suppressed,
      cells: [
        ...where(c),
        gradeOf(c.grade),
        sexOf(c.sex),
        ...(c.homeworkBands ?? rep.limits.homeworkBands.map(() => null)),
        ...(c.sleepBands ?? rep.limits.sleepBands.map(() => null)),
        c.suppressed ? withheld : null,
      ],
    })),
  );
  sheet(
    wb,
    '趋势',
    [
      { header: '学年' },
      { header: '学校代码' },
      { header: '学校' },
      { header: '记录数', fmt: COUNT },
      { header: '超过作业要求比例', fmt: SHARE },
      { header: '睡眠不足比例', fmt: SHARE },
      { header: '平均书面作业（分钟）', fmt: MINUTES },
      { header: '平均睡眠（小时）', fmt: HOURS },
      { header: '备注' },
    ],
    rep.trend.map((t) => ({
      suppressed: t.suppressed,
      cells: [`${t.year}–${t.year + 1}`, ...where(t), t.records, t.overShare, t.sleepShortShare, t.meanHomework, t.meanSleep, t.suppressed ? withheld : null],
    })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
