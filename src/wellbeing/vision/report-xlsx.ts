// The myopia report as a workbook, with the figures the page shows (the caller's report: small cells already
// withheld, schools cut to the caller's scope). Sheets: 概况 (district and schools: rates, acuity-only, change against
// the −0.5 point target), 学段目标 (levels against the 2030 targets), 年级性别 (grade × sex), 趋势 (rate per year).
// Cells hold full-precision numbers; the number format (core/format.ts excelFormat) rounds them as the page does.
import ExcelJS from 'exceljs';
import { excelFormat } from '../../core/format.js';
import { districtTerm } from '../../core/district-term.js';
import { VISION_FIGURES, type VisionCellWire, type VisionChangeWire, type VisionReport } from './contract.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const GREY = { argb: 'FF808080' };
const RATE = excelFormat(VISION_FIGURES.rate);
const PP = excelFormat(VISION_FIGURES.pp);
const COUNT = excelFormat(VISION_FIGURES.count);
const GRADE_ZH: Record<number, string> = { 1: '一年级', 2: '二年级', 3: '三年级', 4: '四年级', 5: '五年级', 6: '六年级', 7: '七年级', 8: '八年级', 9: '九年级' };

type Kind = 'text' | 'rate' | 'pp' | 'count';

export async function visionWorkbook(r: VisionReport, districtName: string, lang: 'zh' | 'en'): Promise<Buffer> {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const term = districtTerm(districtName);
  const small = t(`人数过少（少于 ${r.minCellSize} 人），不公布`, `too few pupils (under ${r.minCellSize}): withheld`);
  const yes = t('是', 'yes');
  const no = t('否', 'no');
  const yn = (b: boolean | null) => (b === null ? null : b ? yes : no);
  const schoolLabel = (school: string | null, name: string | null) => (school === null ? t(term.zh, `whole ${term.en}`) : (name ?? school));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng';

  const sheet = (name: string, title: string, head: [string, Kind, number][], rows: (string | number | null)[][], withheld: boolean[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.addRow([t(`判定规则：${r.rule.title}（${r.rule.id} 第 ${r.rule.version} 版）`, `Rule: ${r.rule.titleEn} (${r.rule.id} v${r.rule.version})`)]).font = { color: GREY };
    ws.addRow([]);
    const h = ws.addRow(head.map((x) => x[0]));
    h.eachCell((c) => {
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    h.height = 36;
    rows.forEach((values, i) => {
      const row = ws.addRow(values.map((v) => v ?? (withheld[i] ? '' : '—')));
      head.forEach(([, kind], j) => {
        const c = row.getCell(j + 1);
        if (kind === 'rate') c.numFmt = RATE;
        if (kind === 'pp') c.numFmt = PP;
        if (kind === 'count') c.numFmt = COUNT;
      });
      if (withheld[i]) {
        const note = row.getCell(head.length + 1);
        note.value = small;
        note.font = { color: GREY, italic: true };
      }
    });
    head.forEach(([, , w], j) => (ws.getColumn(j + 1).width = w));
    ws.getColumn(head.length + 1).width = 30;
    ws.views = [{ state: 'frozen', ySplit: 4 }];
    return ws;
  };

  // The columns the sheets share, and a cell's screening figures in the order of figureCols.
  const schoolCol: [string, Kind, number] = [t('学校', 'School'), 'text', 28];
  const figureCols: [string, Kind, number][] = [
    [t('筛查人数', 'Screened'), 'count', 10],
    [t('有视力记录人数', 'With acuity'), 'count', 12],
    [t('近视人数', 'Myopes'), 'count', 10],
    [t('筛查性近视率', 'Myopia rate'), 'rate', 12],
    [t('仅凭视力判定人数', 'Acuity-only'), 'count', 12],
    [t('视力不良率', 'Reduced acuity'), 'rate', 12],
  ];
  const figures = (c: VisionCellWire) => [c.screened, c.withAcuity, c.myopes, c.myopiaRate, c.acuityOnly, c.reducedRate];

  const year = r.year;
  const yearText = year === null ? '' : t(`${year}—${year + 1}学年`, `${year}-${year + 1}`);
  const totals = r.cells.filter((c) => c.grade === null && c.sex === null);
  const changeOf = (school: string | null) => r.changes.find((c) => c.school === school) ?? null;
  const firstOf = (school: string | null) => r.sinceFirst.find((c) => c.school === school) ?? null;
  const first = r.sinceFirst[0]?.from ?? null;
  /** Met / not met, or why the two years are not compared. */
  const judged = (c: VisionChangeWire | null) =>
    c?.notComparable === 'rule-version'
      ? t('判定规则版本不同，不对照', 'Rule versions differ: not judged')
      : c?.notComparable === 'acuity-only-share'
        ? t('仅凭视力判定的占比相差较大，不对照', 'Acuity-only shares differ: not judged')
        : yn(c?.meetsTarget ?? null);
  sheet(
    t('概况', 'Summary'),
    t(`${districtName} ${yearText} 视力筛查：筛查性近视率`, `${districtName}, ${yearText}: screening myopia`),
    [
      schoolCol,
      ...figureCols,
      [t(`与上年相比（百分点）`, 'Change vs last year (points)'), 'pp', 14],
      [t(`达到每年下降 ${Math.abs(r.targets.yearlyChangePp)} 个百分点`, `Down ≥ ${Math.abs(r.targets.yearlyChangePp)} points`), 'text', 16],
      ...(first === null
        ? []
        : ([
            [t(`与 ${first} 学年相比（百分点）`, `Change since ${first} (points)`), 'pp', 14],
            [t(`达到下降 ${Math.abs(r.sinceFirst[0].targetPp)} 个百分点`, `Down ≥ ${Math.abs(r.sinceFirst[0].targetPp)} points`), 'text', 16],
          ] as [string, Kind, number][])),
    ],
    totals.map((c) => {
      const ch = changeOf(c.school);
      const b = firstOf(c.school);
      return [schoolLabel(c.school, c.schoolName), ...figures(c), ch?.changePp ?? null, judged(ch), ...(first === null ? [] : [b?.changePp ?? null, judged(b)])];
    }),
    totals.map((c) => c.suppressed || !!changeOf(c.school)?.suppressed),
  );
  sheet(
    t('学段目标', 'Level targets'),
    t(`${districtName} ${yearText} 各学段近视率与 2030 年目标`, `${districtName}, ${yearText}: myopia rate by level against the 2030 targets`),
    [
      schoolCol,
      [t('学段', 'Level'), 'text', 8],
      [t('有视力记录人数', 'With acuity'), 'count', 12],
      [t('筛查性近视率', 'Myopia rate'), 'rate', 12],
      [t('2030 年目标（%）', '2030 target (%)'), 'count', 12],
      [t('是否达到', 'Met'), 'text', 10],
      [t('高于目标（百分点）', 'Above target (points)'), 'pp', 14],
    ],
    r.levels.map((c) => [schoolLabel(c.school, c.schoolName), zh ? c.level : c.level === '小学' ? 'primary' : 'junior', c.withAcuity, c.myopiaRate, c.targetPercent, yn(c.meetsTarget), c.abovePp]),
    r.levels.map((c) => c.suppressed),
  );
  const grades = r.cells.filter((c) => c.grade !== null);
  sheet(
    t('年级性别', 'Grade and sex'),
    t(`${districtName} ${yearText} 分年级、性别的近视率`, `${districtName}, ${yearText}: myopia by grade and sex`),
    [schoolCol, [t('年级', 'Grade'), 'text', 10], [t('性别', 'Sex'), 'text', 8], ...figureCols],
    grades.map((c) => [
      schoolLabel(c.school, c.schoolName),
      zh ? GRADE_ZH[c.grade!] : `Grade ${c.grade}`,
      c.sex === null ? t('合计', 'both') : c.sex === 'M' ? t('男', 'boys') : t('女', 'girls'),
      ...figures(c),
    ]),
    grades.map((c) => c.suppressed),
  );
  const years = [...r.years].sort((a, b) => a - b);
  sheet(
    t('趋势', 'Trend'),
    t(`${districtName} 筛查性近视率逐年变化`, `${districtName}: screening myopia rate by year`),
    [schoolCol, ...years.map((y): [string, Kind, number] => [t(`${y}—${y + 1}学年`, `${y}-${y + 1}`), 'rate', 14])],
    r.trend.map((s) => [schoolLabel(s.school, s.schoolName), ...years.map((y) => s.points.find((p) => p.year === y)?.myopiaRate ?? null)]),
    r.trend.map((s) => s.points.some((p) => p.suppressed)),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
