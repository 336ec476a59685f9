// The balance evaluation as a workbook laid out like the tables inspectors fill in
// (县域义务教育优质均衡发展 资源配置 校际差异系数 / 学校达标情况):
//   小学, 初中   one row per school (values, 达标项数, 是否达标), then 全县平均值 / 标准差 / 差异系数 /
//               差异系数标准 / 是否达到 (and 综合差异系数 under the 2012 composite rule)
//   差距        every school's gap to each standard in real units (人/间/m²/元), with totals per indicator
//   政府保障    per school: size against its maximum, music/art rooms against the classes, classes over standard
// Cells hold full-precision numbers; only the number format rounds them.
import ExcelJS from 'exceljs';
import { FIELD_BY_KEY } from '../registry/fields.js';
import { schoolYearLabel } from '../registry/excel.js';
import type { BalanceService } from './service.js';
import type { IndicatorResult, LevelResult } from './evaluate.js';
import type { BalanceLevel, Indicator } from './standards.js';
import { districtTerm } from '../core/district-term.js';
import { COUNT_NUMFMT, CV_NUMFMT, gapNumFmt, gapUnit, LIMIT_NUMFMT, valueNumFmt, valueUnit } from './figures.js';
import { classSizeDefinitions } from './class-size.js';

/** An evaluation as the service computes it; `scopedTo` when its per-school rows are limited to a reader's schools (scope.ts). */
export type BalanceEvaluation = Awaited<ReturnType<BalanceService['evaluate']>> & { scopedTo?: string[] };
export type ReportLang = 'zh' | 'en';

const LEVEL_EN: Record<BalanceLevel, string> = { 小学: 'Primary', 初中: 'Junior secondary' };

const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const SUMMARY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const EXCLUDED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const GREY = { argb: 'FF808080' };
const RED = { argb: 'FFC00000' };
const GREEN = { argb: 'FF2E7D32' };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

// Number formats: the styles of src/balance/figures.ts as Excel formats (src/core/format.ts excelFormat), so a
// cell shows the digits the page and the PDF show; the cell keeps the full-precision value.

function labels(lang: ReportLang, districtName: string) {
  const zh = lang === 'zh';
  const term = districtTerm(districtName);
  const t = (z: string, e: string) => (zh ? z : e);
  return {
    t,
    levelName: (lv: BalanceLevel) => (zh ? lv : LEVEL_EN[lv]),
    indName: (ind: Indicator) => (zh ? ind.zh : ind.en),
    /** The unit of a gap (the resource): 人, m², 元, 间. */
    unit: (ind: Indicator) => gapUnit(ind, lang),
    /** The unit of a value: 人/百生, m²/生 … */
    valueUnit: (ind: Indicator) => valueUnit(ind, lang),
    /** 全县 / 全区 …, "district" / "county". */
    term: zh ? term.zh : term.en,
    yes: t('是', 'yes'),
    no: t('否', 'no'),
    reached: t('达到', 'met'),
    notReached: t('未达到', 'not met'),
  };
}

type L = ReturnType<typeof labels>;

const titleOf = (ev: BalanceEvaluation, districtName: string, l: L, what: string) =>
  l.t(`${districtName} ${schoolYearLabel(ev.year)} ${what}`, `${districtName}, school year ${ev.year}-${ev.year + 1}: ${what}`);
const standardLine = (ev: BalanceEvaluation, l: L) => l.t(`评估标准：${ev.pack.name}（${ev.pack.id} 第 ${ev.pack.version} 版）`, `Standard: ${ev.pack.nameEn} (${ev.pack.id} v${ev.pack.version})`);

function styleHeader(row: ExcelJS.Row, n: number) {
  row.height = 48;
  for (let c = 1; c <= n; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  }
}

function border(row: ExcelJS.Row, n: number) {
  for (let c = 1; c <= n; c++) row.getCell(c).border = THIN;
}

function addTitle(ws: ExcelJS.Worksheet, n: number, title: string, sub: string) {
  const r1 = ws.addRow([title]);
  r1.font = TITLE_FONT;
  r1.height = 24;
  ws.mergeCells(1, 1, 1, n);
  const r2 = ws.addRow([sub]);
  r2.font = { color: { argb: 'FF595959' } };
  ws.mergeCells(2, 1, 2, n);
}

function addLevelSheet(wb: ExcelJS.Workbook, ev: BalanceEvaluation, districtName: string, level: BalanceLevel, lr: LevelResult, l: L) {
  const pack = ev.pack;
  const perSchool = !!pack.schoolRule;
  const ws = wb.addWorksheet(l.levelName(level));
  const inds = pack.indicators;
  const first = 5; // first indicator column
  const n = 4 + inds.length + (perSchool ? 2 : 0);
  addTitle(
    ws,
    n,
    titleOf(
      ev,
      districtName,
      l,
      l.t(
        `义务教育${pack.cvRule === 'composite' ? '基本' : '优质'}均衡发展 资源配置 校际差异系数及学校达标情况（${level}）`,
        `resource allocation: inter-school variation and school compliance (${LEVEL_EN[level]})`,
      ),
    ),
    standardLine(ev, l),
  );

  const header = [
    l.t('序号', 'No.'),
    l.t('学校代码', 'School code'),
    l.t('学校名称', 'School name'),
    l.t('在校生数（人）', 'Students'),
    ...inds.map((i) => l.t(`${i.zh}（${valueUnit(i, 'zh')}）`, `${i.en} (${valueUnit(i, 'en')})`)),
  ];
  if (perSchool) header.push(l.t('达标项数', 'Standards met'), l.t('是否达标', 'School meets the rule'));
  styleHeader(ws.addRow(header), n);

  const fmt = inds.map((ind) => valueNumFmt(ind));
  lr.schools.forEach((s, idx) => {
    const row = ws.addRow([
      idx + 1,
      s.schoolCode,
      s.schoolName ?? '',
      s.students,
      ...inds.map((i) => s.values[i.key]),
      ...(perSchool ? [s.met, s.excluded ? l.t(`不计入（${s.excludedReason?.split(' / ')[0] ?? ''}）`, 'excluded') : s.pass ? l.yes : l.no] : []),
    ]);
    border(row, n);
    row.getCell(4).numFmt = COUNT_NUMFMT;
    inds.forEach((ind, k) => {
      const cell = row.getCell(first + k);
      cell.numFmt = fmt[k];
      if (!s.excluded && (s.gaps[ind.key] ?? 0) > 0) cell.font = { color: RED };
    });
    if (perSchool && !s.excluded && s.pass === false) row.getCell(n).font = { color: RED, bold: true };
    if (s.excluded) {
      for (let c = 1; c <= n; c++) {
        const cell = row.getCell(c);
        cell.fill = EXCLUDED_FILL;
        cell.font = { color: GREY, italic: true };
      }
    }
  });

  const summary = (label: string, values: (number | string | null)[], format?: string | ((k: number) => string)) => {
    const row = ws.addRow([label, '', '', '', ...values]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { horizontal: 'right' };
    for (let c = 1; c <= n; c++) {
      const cell = row.getCell(c);
      cell.fill = SUMMARY_FILL;
      cell.font = { bold: c === 1 };
      cell.border = THIN;
    }
    if (format) values.forEach((_, k) => (row.getCell(first + k).numFmt = typeof format === 'string' ? format : format(k)));
    return row;
  };
  const I = lr.indicators;
  summary(
    l.t(`${l.term}平均值`, `${l.term[0].toUpperCase()}${l.term.slice(1)} mean (student-weighted)`),
    I.map((i) => i.mean),
    (k) => fmt[k],
  );
  summary(
    l.t('标准差', 'Standard deviation'),
    I.map((i) => i.sd),
    (k) => fmt[k],
  );
  const cvRow = summary(
    l.t('差异系数', 'Coefficient of variation'),
    I.map((i) => i.cv),
    CV_NUMFMT,
  );
  if (pack.cvRule === 'each') {
    summary(
      l.t('差异系数标准', 'CV limit'),
      I.map((i) => i.limit),
      LIMIT_NUMFMT,
    );
    const passRow = summary(
      l.t('是否达到', 'Within the limit'),
      I.map((i: IndicatorResult) => (i.pass ? l.reached : l.notReached)),
    );
    I.forEach((i, k) => {
      passRow.getCell(first + k).font = { bold: true, color: i.pass ? GREEN : RED };
      if (!i.pass) cvRow.getCell(first + k).font = { color: RED };
    });
  } else if (lr.composite) {
    const c = lr.composite;
    const comp = summary(l.t('综合差异系数', 'Composite CV (mean of the CVs)'), [c.cv], CV_NUMFMT);
    comp.getCell(first).font = { bold: true, color: c.pass ? GREEN : RED };
    summary(l.t('差异系数标准', 'CV limit'), [c.limit], LIMIT_NUMFMT);
    const passRow = summary(l.t('是否达到', 'Within the limit'), [c.pass ? l.reached : l.notReached]);
    passRow.getCell(first).font = { bold: true, color: c.pass ? GREEN : RED };
  }
  if (perSchool) {
    summary(
      l.t('学校达标标准', 'Per-school standard'),
      I.map((i) => i.threshold),
      (k) => fmt[k],
    );
    summary(
      l.t('达标学校数', 'Schools meeting it'),
      I.map((i) => i.schoolsMet),
      COUNT_NUMFMT,
    );
  }

  ws.addRow([]);
  const verdict = [
    l.t(`结论：${level}${lr.pass ? '达到' : '未达到'}标准。`, `Result: ${LEVEL_EN[level]} ${lr.pass ? 'meets' : 'does not meet'} the standard. `),
    pack.cvRule === 'each'
      ? l.t(`差异系数达标 ${I.filter((i) => i.pass).length}/${I.length} 项；`, `CVs within the limit: ${I.filter((i) => i.pass).length}/${I.length}; `)
      : l.t(`综合差异系数${lr.composite?.pass ? '达标' : '未达标'}；`, `composite CV ${lr.composite?.pass ? 'within' : 'above'} the limit; `),
    lr.schoolsPassing === null ? '' : l.t(`达标学校 ${lr.schoolsPassing}/${lr.counted} 所。`, `schools meeting the rule: ${lr.schoolsPassing}/${lr.counted}.`),
  ].join('');
  const vr = ws.addRow([verdict]);
  vr.font = { bold: true, color: lr.pass ? GREEN : RED };
  ws.mergeCells(vr.number, 1, vr.number, n);
  for (const line of notes(ev, l)) {
    const r = ws.addRow([line]);
    r.font = { color: { argb: 'FF595959' }, size: 9 };
    ws.mergeCells(r.number, 1, r.number, n);
  }

  for (let k = 0; k < n; k++) ws.getColumn(k + 1).width = k === 0 ? 6 : k === 1 ? 16 : k === 2 ? 30 : k === 3 ? 10 : k < 4 + inds.length ? 14 : 12;
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 3 }];
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
}

/** Whole-school names the evaluation knows (its inputs and 政府保障 rows); schools without figures have none. */
export function namesInEvaluation(ev: BalanceEvaluation): Map<string, string> {
  const m = new Map<string, string>();
  for (const i of ev.inputs) if (i.name) m.set(i.code.replace(/-[PJ]$/, ''), i.name.replace(/\((小学部|初中部)\)$/, ''));
  for (const g of ev.guarantees) m.set(g.schoolCode, g.schoolName);
  return m;
}

function notes(ev: BalanceEvaluation, l: L): string[] {
  const names = namesInEvaluation(ev);
  const named = (c: string) => (names.has(c) ? l.t(`${names.get(c)}（${c}）`, `${names.get(c)} (${c})`) : c);
  const out = [l.t(`依据：${ev.pack.basis}`, `Basis: ${ev.pack.basis}`)];
  if (ev.pack.schoolRule?.remainderNote)
    out.push(
      l.t(
        `达标规则：至少 ${ev.pack.schoolRule.minMet} 项达到标准，其余不低于标准的 ${Number(ev.pack.schoolRule.remainderMinShare) * 100}%（${ev.pack.schoolRule.remainderNote}）`,
        `School rule: at least ${ev.pack.schoolRule.minMet} standards met, the others at ≥ ${Number(ev.pack.schoolRule.remainderMinShare) * 100}% (${ev.pack.schoolRule.remainderNote})`,
      ),
    );
  if (ev.scopedTo)
    out.push(
      l.t(
        `本表只列出您负责的学校；${l.term}差异系数、达标学校数和差距合计按${l.term}全部学校计算。`,
        `Only your schools are listed; the ${l.term} CVs, the number of schools meeting the rule and the total gaps cover every school.`,
      ),
    );
  if (ev.missing.length) out.push(l.t(`本学年未填报数据的学校（未计入）：${ev.missing.join('、')}`, `Schools without figures this year (not counted): ${ev.missing.join(', ')}`));
  if (ev.unapproved.length)
    out.push(
      l.t(`数据尚未审核的学校（结果可能变化）：${ev.unapproved.map(named).join('、')}`, `Schools whose figures are not yet approved (the result may change): ${ev.unapproved.map(named).join(', ')}`),
    );
  return out;
}

export interface GapRow {
  level: BalanceLevel;
  indicator: Indicator;
  schoolCode: string;
  schoolName: string;
  students: number;
  value: number | null;
  threshold: number;
  gap: number;
}

/** Gaps of the counted schools, by level (pack order), indicator (pack order), then largest gap first. */
export function gapRows(ev: BalanceEvaluation): GapRow[] {
  const rows: GapRow[] = [];
  for (const level of ev.pack.levels) {
    const lr = ev.levels[level];
    if (!lr) continue;
    for (const ind of ev.pack.indicators) {
      const t = ind.threshold?.[level];
      if (t === undefined) continue;
      const of = lr.schools
        .filter((s) => !s.excluded && (s.gaps[ind.key] ?? 0) > 0)
        .map((s) => ({ level, indicator: ind, schoolCode: s.schoolCode, schoolName: s.schoolName ?? '', students: s.students, value: s.values[ind.key], threshold: Number(t), gap: s.gaps[ind.key]! }))
        .sort((a, b) => b.gap - a.gap || a.schoolCode.localeCompare(b.schoolCode));
      rows.push(...of);
    }
  }
  return rows;
}

export function addGapSheet(wb: ExcelJS.Workbook, ev: BalanceEvaluation, districtName: string, l: L, only?: BalanceLevel) {
  const ws = wb.addWorksheet(l.t('差距', 'Gaps'));
  const n = 11;
  const levels = ev.pack.levels.filter((lv) => !only || lv === only);
  addTitle(ws, n, titleOf(ev, districtName, l, l.t('学校达标差距清单', 'gaps to the per-school standards')), standardLine(ev, l));
  styleHeader(
    ws.addRow([
      l.t('序号', 'No.'),
      l.t('学段', 'Level'),
      l.t('指标', 'Indicator'),
      l.t('学校代码', 'School code'),
      l.t('学校名称', 'School name'),
      l.t('在校生数（人）', 'Students'),
      l.t('现值', 'Current value'),
      l.t('标准值', 'Standard'),
      l.t('差距（需增加）', 'Gap (to add)'),
      l.t('差距单位', 'Gap unit'),
      l.t('指标值单位', 'Value unit'),
    ]),
    n,
  );
  const rows = gapRows(ev);
  let no = 0;
  for (const level of levels) {
    const lr = ev.levels[level];
    if (!lr) continue;
    for (const ind of ev.pack.indicators) {
      if (ind.threshold?.[level] === undefined) continue;
      const group = rows.filter((r) => r.level === level && r.indicator.key === ind.key);
      if (group.length === 0) continue;
      const fmt = valueNumFmt(ind);
      for (const r of group) {
        const row = ws.addRow([++no, l.levelName(level), l.indName(ind), r.schoolCode, r.schoolName, r.students, r.value, r.threshold, r.gap, l.unit(ind), l.valueUnit(ind)]);
        border(row, n);
        row.getCell(6).numFmt = COUNT_NUMFMT;
        row.getCell(7).numFmt = fmt;
        row.getCell(7).font = { color: RED };
        row.getCell(8).numFmt = fmt;
        row.getCell(9).numFmt = gapNumFmt(ind);
      }
      const total = ws.addRow([
        '',
        l.levelName(level),
        l.indName(ind),
        '',
        ev.scopedTo
          ? l.t(`${l.term}合计（列出 ${group.length} 所学校）`, `${l.term} total (${group.length} schools listed)`)
          : l.t(`小计（${group.length} 所学校）`, `Total (${group.length} schools)`),
        '',
        '',
        '',
        lr.totalGaps[ind.key] ?? 0,
        l.unit(ind),
        '',
      ]);
      border(total, n);
      for (let c = 1; c <= n; c++) {
        total.getCell(c).fill = SUMMARY_FILL;
        total.getCell(c).font = { bold: true };
      }
      total.getCell(9).numFmt = gapNumFmt(ind);
    }
  }
  if (!ev.pack.indicators.some((i) => i.threshold)) {
    const r = ws.addRow([l.t('本标准不设学校达标值，没有差距清单。', 'This standard sets no per-school values: there are no gaps.')]);
    ws.mergeCells(r.number, 1, r.number, n);
  } else {
    // Totals of every level and indicator, the zeros included: what the district must add in all.
    ws.addRow([]);
    const caption = ws.addRow([l.t('差距合计（按学段、指标）', 'Total gaps by level and indicator')]);
    caption.font = { bold: true, size: 12 };
    ws.mergeCells(caption.number, 1, caption.number, n);
    const h = ws.addRow(['', l.t('学段', 'Level'), l.t('指标', 'Indicator'), '', '', l.t('涉及学校数', 'Schools'), '', '', l.t('差距合计', 'Total gap'), l.t('单位', 'Unit')]);
    styleHeader(h, n);
    h.height = 20;
    for (const level of levels) {
      const lr = ev.levels[level];
      if (!lr) continue;
      for (const ind of ev.pack.indicators) {
        if (ind.threshold?.[level] === undefined) continue;
        const count = rows.filter((r) => r.level === level && r.indicator.key === ind.key).length;
        const r = ws.addRow(['', l.levelName(level), l.indName(ind), '', '', count, '', '', lr.totalGaps[ind.key] ?? 0, l.unit(ind)]);
        border(r, n);
        r.getCell(9).numFmt = gapNumFmt(ind);
        if ((lr.totalGaps[ind.key] ?? 0) > 0) r.getCell(9).font = { bold: true, color: RED };
      }
    }
  }
  [6, 8, 36, 16, 30, 10, 12, 12, 14, 8, 14].forEach((w, k) => (ws.getColumn(k + 1).width = w));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 3 }];
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: n } };
}

function addGuaranteeSheet(wb: ExcelJS.Workbook, ev: BalanceEvaluation, districtName: string, l: L) {
  const ws = wb.addWorksheet(l.t('政府保障', 'Guarantees'));
  const g = ev.pack.guarantees;
  const roomFields = g?.specialRooms.fields ?? [];
  const roomName = (f: string) => {
    const def = FIELD_BY_KEY.get(f);
    return def ? l.t(`${def.zh}（${def.unitZh}）`, `${def.en} (${def.unitEn})`) : f;
  };
  const header = [
    l.t('序号', 'No.'),
    l.t('学校代码', 'School code'),
    l.t('学校名称', 'School name'),
    l.t('办学类型', 'Type'),
    l.t('在校生数（人）', 'Students'),
    l.t('规模上限（人）', 'Maximum'),
    l.t('规模达标', 'Size ok'),
    l.t('班级数', 'Classes'),
    l.t('应配音乐、美术专用教室（各，间）', 'Special rooms required (each)'),
    ...roomFields.map(roomName),
    l.t('专用教室达标', 'Rooms ok'),
    l.t('超标准班额班数', 'Classes over the standard size'),
    l.t('班额达标', 'Class sizes ok'),
    l.t('是否达标', 'All met'),
  ];
  const n = header.length;
  addTitle(
    ws,
    n,
    titleOf(ev, districtName, l, l.t('政府保障程度（学校规模、音乐美术专用教室、班额）', 'government guarantees (school size, music and art rooms, class sizes)')),
    g?.note ?? standardLine(ev, l),
  );

  styleHeader(ws.addRow(header), n);
  const yn = (v: boolean | null) => (v === null ? l.t('缺数据', 'no data') : v ? l.yes : l.no);
  ev.guarantees.forEach((s, idx) => {
    const row = ws.addRow([
      idx + 1,
      s.schoolCode,
      s.schoolName,
      s.level,
      s.students,
      s.maxStudents,
      yn(s.sizePass),
      s.classes,
      s.roomsRequired,
      ...roomFields.map((f) => s.rooms[f]),
      yn(s.roomsPass),
      s.classesOverStandard,
      yn(s.classSizePass),
      yn(s.pass),
    ]);
    border(row, n);
    const bad = (col: number, fail: boolean | null) => {
      if (fail) row.getCell(col).font = { color: RED, bold: true };
    };
    bad(5, !s.sizePass);
    bad(7, !s.sizePass);
    roomFields.forEach((f, k) => bad(10 + k, s.rooms[f] !== null && s.rooms[f] < s.roomsRequired));
    bad(10 + roomFields.length, s.roomsPass === false);
    bad(11 + roomFields.length, s.classesOverStandard > 0);
    bad(12 + roomFields.length, !s.classSizePass);
    bad(n, s.pass === false);
  });
  if (!g) {
    const r = ws.addRow([l.t('本标准不含政府保障项目。', 'This standard has no guarantee items.')]);
    ws.mergeCells(r.number, 1, r.number, n);
  } else {
    const ok = ev.guarantees.filter((s) => s.pass).length;
    const r = ws.addRow([l.t(`合计：${ev.guarantees.length} 所学校，全部达标 ${ok} 所。`, `${ev.guarantees.length} schools, ${ok} meet every item.`)]);
    r.font = { bold: true };
    ws.mergeCells(r.number, 1, r.number, n);
  }
  const defs = classSizeDefinitions(ev.pack.classSize, l.t('zh', 'en') as ReportLang);
  const defRow = ws.addRow([l.t(`班额：${defs.overStandard}；${defs.large}；${defs.huge}。`, `Class sizes: ${defs.overStandard}; ${defs.large}; ${defs.huge}.`)]);
  defRow.font = { color: { argb: 'FF595959' }, size: 9 };
  ws.mergeCells(defRow.number, 1, defRow.number, n);
  for (let k = 0; k < n; k++) ws.getColumn(k + 1).width = k === 0 ? 6 : k === 1 ? 14 : k === 2 ? 30 : 12;
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 3 }];
}

/** The evaluation of one year as an .xlsx: a sheet per level, the gap list and the 政府保障 items. */
export async function balanceWorkbook(evaluation: BalanceEvaluation, districtName: string, lang: ReportLang = 'zh'): Promise<Buffer> {
  const l = labels(lang, districtName);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  wb.created = new Date();
  for (const level of evaluation.pack.levels) {
    const lr = evaluation.levels[level];
    if (lr) addLevelSheet(wb, evaluation, districtName, level, lr, l);
  }
  addGapSheet(wb, evaluation, districtName, l);
  addGuaranteeSheet(wb, evaluation, districtName, l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The gap tables (差距表) alone, of one level or of all: the /balance page's 差距 tab as a workbook. */
export async function gapWorkbook(evaluation: BalanceEvaluation, districtName: string, lang: ReportLang = 'zh', level?: BalanceLevel): Promise<Buffer> {
  const l = labels(lang, districtName);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  wb.created = new Date();
  addGapSheet(wb, evaluation, districtName, l, level);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
