// Printable HTML of a balance evaluation, rendered to PDF by src/core/pdf.ts: the district report
// (summary, CV chart, indicator table, school × indicator table, gap list, 政府保障, notes) and the
// report of one school (its sections against the standards and the district). Self-contained:
// inline CSS and server-side SVG charts (echarts SSR), no scripts, no external resources.
// Every text from the data (school names, pack names) is escaped.
import { BASE_CSS, BLUE, esc, FONT, GREEN, RED } from '../core/report-html.js';
import { districtTerm } from '../core/district-term.js';
import { formatNumber, formatPercent } from '../core/format.js';
import * as echarts from 'echarts';
import { FIELD_BY_KEY } from '../registry/fields.js';
import { schoolYearLabel } from '../registry/excel.js';
import type { LevelResult, SchoolResult } from './evaluate.js';
import type { SchoolGuarantees } from './guarantees.js';
import { gapRows, namesInEvaluation, type BalanceEvaluation } from './report-xlsx.js';
import { COUNT_STYLE, formatCv, formatGap, formatLimit, formatValue, gapUnit, valueUnit } from './figures.js';
import { classSizeDefinitions } from './class-size.js';
import type { BalanceLevel, Indicator } from './standards.js';

export interface ReportContext {
  districtName: string;
  /** Names of the district's schools (for the missing / unapproved note, which carries codes only). */
  schoolNames?: ReadonlyMap<string, string>;
  generatedAt?: Date;
  /** A what-if (模拟测算) with edited figures: marked 模拟 on every page. */
  simulated?: { schools: string[] };
  /** The reader sees only these schools' rows (an inspector: the assigned schools); district figures cover all schools. */
  scopedTo?: string[];
}

/** Whole counts (students, classes) through the one formatter (src/core/format.ts); indicator figures through figures.ts. */
const int = (v: number | null | undefined) => formatNumber(v, COUNT_STYLE);
const pct = (v: number | null) => formatPercent(v);
const term = (ctx: Pick<ReportContext, 'districtName'>) => districtTerm(ctx.districtName).zh;
const yesNo = (v: boolean | null, yes = '是', no = '否') => (v === null ? '<span class="muted">—</span>' : v ? `<span class="ok">${yes}</span>` : `<span class="bad">${no}</span>`);

const CSS = `
${BASE_CSS}h3 { font-size: 10.5pt; margin: 12px 0 5px; color: #333; page-break-after: avoid; }
.ok { color: ${GREEN}; font-weight: bold; }
.bad { color: ${RED}; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 8.5pt; }
th, td { border: 1px solid #c9d3e0; padding: 2.5px 4px; vertical-align: middle; }
th.nw { white-space: nowrap; }
table.schools { table-layout: fixed; }
table.schools th { font-size: 7.5pt; font-weight: normal; padding: 2px; }
table.schools td { padding: 2px 3px; }
table.schools td.name { word-break: break-all; }
td.c { text-align: center; white-space: normal; }
td.u { white-space: nowrap; }
td.fail { background: #fde2e2; color: ${RED}; font-weight: bold; }
tr.excluded td { color: #999; background: #f1f1f1; font-style: italic; }
tr.sum td { background: #f2f2f2; font-weight: bold; }
.cards { display: flex; gap: 10px; margin: 6px 0 4px; }
.card { flex: 1; border: 1px solid #c9d3e0; border-radius: 4px; padding: 8px 10px; page-break-inside: avoid; }
.card .big { font-size: 14pt; font-weight: bold; margin: 2px 0 4px; }
.card ul { margin: 2px 0 0; padding-left: 16px; }
.chart { text-align: center; page-break-inside: avoid; margin: 4px 0; }
.chart svg { max-width: 100%; height: auto; }
.note { font-size: 8pt; color: #555; border-top: 1px solid #ccc; margin-top: 16px; padding-top: 6px; }
.note p { margin: 2px 0; }
.warn { background: #fff7e0; border: 1px solid #f0d48a; padding: 5px 8px; border-radius: 4px; margin: 6px 0; }
.page-break { page-break-before: always; }
.sim-mark { position: fixed; top: 42%; left: 0; right: 0; text-align: center; font-size: 96pt; font-weight: bold; color: rgba(198, 40, 40, 0.10); transform: rotate(-24deg); z-index: -1; pointer-events: none; }
.sim-banner { background: #fde2e2; border: 1px solid ${RED}; color: ${RED}; padding: 5px 8px; border-radius: 4px; margin: 6px 0; font-weight: bold; }
`;

/** A what-if report carries a 模拟 watermark on every printed page (a fixed element repeats on each page). */
function page(title: string, body: string, ctx?: Pick<ReportContext, 'simulated'>): string {
  const mark = ctx?.simulated ? '<div class="sim-mark" data-simulated="1">模拟</div>' : '';
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>${mark}${body}</body></html>`;
}

/** The banner of a what-if report and the note of a report limited to the reader's schools. */
function framing(ev: BalanceEvaluation, ctx: ReportContext): string {
  const out: string[] = [];
  if (ctx.simulated) {
    const names = namesInEvaluation(ev);
    const list = ctx.simulated.schools.map((c) => names.get(c.replace(/-[PJ]$/, '')) ?? c);
    out.push(`<div class="sim-banner">模拟测算：本报告使用修改后的数据（${esc(list.join('、') || '无')}），不是正式评估结果。</div>`);
  }
  if (ctx.scopedTo) out.push(`<div class="warn">本报告只列出您负责的学校；${term(ctx)}差异系数、达标学校数和差距合计按${term(ctx)}全部学校计算。</div>`);
  return out.join('');
}

function svgChart(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Bars of each indicator's 差异系数, red above its limit, with the limit as a line (2012: the composite as a last bar). */
function cvChart(level: BalanceLevel, lr: LevelResult, inds: Indicator[]): string {
  const composite = lr.composite;
  const names = inds.map((i) => i.zh);
  const rows = lr.indicators.map((r, k) => ({ name: names[k], cv: r.cv, over: composite ? false : r.pass === false }));
  if (composite) rows.push({ name: '综合差异系数', cv: composite.cv, over: !composite.pass });
  const limit = composite ? composite.limit : (lr.indicators[0]?.limit ?? null);
  const max = Math.max(limit ?? 0, ...rows.map((r) => r.cv ?? 0)) * 1.15 || 1;
  return svgChart(
    {
      title: {
        text: `${level} 各指标差异系数${limit !== null ? `（${composite ? '综合差异系数' : ''}标准 ≤ ${formatLimit(limit)}）` : ''}`,
        left: 'center',
        top: 4,
        textStyle: { fontSize: 13, fontFamily: FONT },
      },
      grid: { left: 270, right: 60, top: 44, bottom: 24 },
      xAxis: { type: 'value', max: Math.ceil(max * 20) / 20, axisLabel: { fontSize: 10 } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { fontSize: 10.5, width: 262, overflow: 'break', color: '#333' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((r) => ({ value: r.cv ?? 0, itemStyle: { color: r.over ? RED : BLUE } })),
          label: { show: true, position: 'right', fontSize: 10, formatter: (p: { dataIndex: number }) => (rows[p.dataIndex].cv === null ? '无' : formatCv(rows[p.dataIndex].cv)) },
          markLine:
            limit === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: RED, type: 'dashed', width: 1.5 },
                  label: { formatter: `标准 ${formatLimit(limit)}`, position: 'start', color: RED, fontSize: 10 },
                  data: [{ xAxis: limit }],
                },
        },
      ],
    },
    700,
    rows.length * 30 + 70,
  );
}

function levelSummaryCard(ev: BalanceEvaluation, level: BalanceLevel, lr: LevelResult): string {
  const inds = ev.pack.indicators;
  const cvLine = lr.composite
    ? `综合差异系数 ${formatCv(lr.composite.cv)}（标准 ≤ ${formatLimit(lr.composite.limit)}）${yesNo(lr.composite.pass, '达到', '未达到')}`
    : `差异系数达标 ${lr.indicators.filter((i) => i.pass).length} / ${lr.indicators.length} 项`;
  const gaps = inds.filter((i) => (lr.totalGaps[i.key] ?? 0) > 0).map((i) => `<li>${esc(i.zh)}：缺 ${formatGap(i, lr.totalGaps[i.key])} ${esc(gapUnit(i))}</li>`);
  return `<div class="card"><div>${esc(level)}</div>
    <div class="big ${lr.pass ? 'ok' : 'bad'}">${lr.pass ? '达到标准' : '未达到标准'}</div>
    <div>${cvLine}</div>
    ${lr.schoolsPassing === null ? `<div>参评学校 ${lr.counted} 所</div>` : `<div>学校达标 ${lr.schoolsPassing} / ${lr.counted} 所</div>`}
    ${ev.pack.schoolRule ? (gaps.length ? `<div>达标差距合计：</div><ul>${gaps.join('')}</ul>` : '<div>各校均无达标差距</div>') : ''}
  </div>`;
}

function indicatorTable(ev: BalanceEvaluation, level: BalanceLevel, lr: LevelResult, ctx: ReportContext): string {
  const perSchool = !!ev.pack.schoolRule;
  const rows = ev.pack.indicators.map((ind, k) => {
    const r = lr.indicators[k];
    return `<tr data-key="${esc(ind.key)}"><td>${esc(ind.zh)}</td><td class="c u">${esc(valueUnit(ind))}</td><td class="n">${formatValue(ind, r.mean)}</td><td class="n">${formatValue(ind, r.sd)}</td>
      <td class="n${r.pass === false ? ' fail' : ''}" data-cv="${esc(ind.key)}">${formatCv(r.cv)}</td>${lr.composite ? '' : `<td class="n">${formatLimit(r.limit)}</td><td class="c">${yesNo(r.pass, '达到', '未达到')}</td>`}
      ${perSchool ? `<td class="n">${formatValue(ind, r.threshold)}</td><td class="n">${r.schoolsMet ?? '—'} / ${lr.counted}</td>` : ''}</tr>`;
  });
  if (lr.composite)
    rows.push(
      `<tr class="sum"><td colspan="4">综合差异系数（标准 ≤ ${formatLimit(lr.composite.limit)}）</td><td class="n${lr.composite.pass ? '' : ' fail'}" data-cv="composite">${formatCv(lr.composite.cv)}</td></tr>`,
    );
  return `<table><thead><tr><th>指标（${esc(level)}）</th><th class="nw">单位</th><th class="nw">${term(ctx)}平均值</th><th class="nw">标准差</th><th class="nw">差异系数</th>${lr.composite ? '' : '<th class="nw">差异系数标准</th><th class="nw">是否达到</th>'}${perSchool ? '<th class="nw">学校标准值</th><th class="nw">达标学校</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function schoolTable(ev: BalanceEvaluation, level: BalanceLevel, lr: LevelResult, ctx: ReportContext): string {
  const inds = ev.pack.indicators;
  const perSchool = !!ev.pack.schoolRule;
  const share = (100 - 4 - 17 - 6.5 - (perSchool ? 10 : 0)) / inds.length;
  const cols = `<colgroup><col style="width:4%"><col style="width:17%"><col style="width:6.5%">${inds.map(() => `<col style="width:${share.toFixed(2)}%">`).join('')}${perSchool ? '<col style="width:5%"><col style="width:5%">' : ''}</colgroup>`;
  const head = `<tr><th>序号</th><th>学校名称</th><th>在校生</th>${inds.map((i) => `<th>${esc(i.zh)}<br><span class="muted">（${esc(valueUnit(i))}）</span></th>`).join('')}${perSchool ? '<th>达标项数</th><th>是否达标</th>' : ''}</tr>`;
  const body = lr.schools.map((s, idx) => {
    const cells = inds.map((ind) => `<td class="n${!s.excluded && (s.gaps[ind.key] ?? 0) > 0 ? ' fail' : ''}">${formatValue(ind, s.values[ind.key])}</td>`).join('');
    const verdict = s.excluded ? '<td class="c">不计入</td>' : `<td class="c">${yesNo(s.pass)}</td>`;
    return `<tr data-school="${esc(s.schoolCode)}"${s.excluded ? ' class="excluded"' : ''}><td class="c">${idx + 1}</td><td class="name">${esc(s.schoolName ?? s.schoolCode)}${s.excluded ? `<br><span class="muted">${esc(s.excludedReason?.split(' / ')[0] ?? '')}</span>` : ''}</td><td class="n">${int(s.students)}</td>${cells}${perSchool ? `<td class="c">${s.met ?? '—'}</td>${verdict}` : ''}</tr>`;
  });
  const foot = [
    [`${term(ctx)}平均值`, lr.indicators.map((r, k) => formatValue(inds[k], r.mean))],
    ['差异系数', lr.indicators.map((r) => formatCv(r.cv))],
    ...(perSchool ? [['学校标准值', lr.indicators.map((r, k) => formatValue(inds[k], r.threshold))] as [string, string[]]] : []),
  ] as [string, string[]][];
  const footRows = foot.map(([label, vs]) => `<tr class="sum"><td colspan="3">${label}</td>${vs.map((v) => `<td class="n">${v}</td>`).join('')}${perSchool ? '<td></td><td></td>' : ''}</tr>`);
  return `<table class="schools">${cols}<thead>${head}</thead><tbody>${body.join('')}${footRows.join('')}</tbody></table>`;
}

function gapTable(ev: BalanceEvaluation, ctx: ReportContext): string {
  const rows = gapRows(ev);
  const scoped = !!ctx.scopedTo;
  if (!ev.pack.indicators.some((i) => i.threshold)) return '<p class="muted">本标准不设学校达标值，没有差距清单。</p>';
  if (rows.length === 0) return '<p class="ok">各校各项指标均达到标准，没有差距。</p>';
  const out: string[] = [];
  for (const level of ev.pack.levels) {
    const lr = ev.levels[level];
    for (const ind of ev.pack.indicators) {
      const group = rows.filter((r) => r.level === level && r.indicator.key === ind.key);
      if (group.length === 0) continue;
      for (const r of group) {
        out.push(
          `<tr data-gap="${esc(r.schoolCode)}:${esc(ind.key)}"><td class="c">${esc(level)}</td><td>${esc(ind.zh)}</td><td>${esc(r.schoolName || r.schoolCode)}</td><td class="n">${formatValue(ind, r.value)} ${esc(valueUnit(ind))}</td><td class="n">${formatValue(ind, r.threshold)} ${esc(valueUnit(ind))}</td><td class="n bad">${formatGap(ind, r.gap)}</td><td class="c">${esc(gapUnit(ind))}</td></tr>`,
        );
      }
      const total = lr.totalGaps[ind.key] ?? 0;
      out.push(
        `<tr class="sum" data-total="${esc(level)}:${esc(ind.key)}"><td class="c">${esc(level)}</td><td colspan="4">${esc(ind.zh)} ${scoped ? `${term(ctx)}合计（${group.length} 所学校列出）` : `小计（${group.length} 所学校）`}</td><td class="n">${formatGap(ind, total)}</td><td class="c">${esc(gapUnit(ind))}</td></tr>`,
      );
    }
  }
  return `<table><thead><tr><th>学段</th><th>指标</th><th>学校</th><th>现值</th><th>标准值</th><th>差距（需增加）</th><th>单位</th></tr></thead><tbody>${out.join('')}</tbody></table>`;
}

function guaranteeTable(ev: BalanceEvaluation, list: SchoolGuarantees[]): string {
  const g = ev.pack.guarantees;
  if (!g) return '<p class="muted">本标准不含政府保障项目。</p>';
  if (list.length === 0) return '<p class="muted">没有学校数据。</p>';
  const rooms = g.specialRooms.fields;
  const roomName = (f: string) => FIELD_BY_KEY.get(f)?.zh.replace(/专用教室数$/, '教室') ?? f;
  const rows = list.map(
    (s) => `<tr><td>${esc(s.schoolName)}</td><td class="c">${esc(s.level)}</td>
      <td class="n${s.sizePass ? '' : ' fail'}">${int(s.students)} / ${int(s.maxStudents)}</td>
      <td class="n">${s.classes}</td><td class="n">${s.roomsRequired}</td>
      ${rooms.map((f) => `<td class="n${s.rooms[f] !== null && s.rooms[f] < s.roomsRequired ? ' fail' : ''}">${s.rooms[f] ?? '—'}</td>`).join('')}
      <td class="n${s.classesOverStandard > 0 ? ' fail' : ''}">${s.classesOverStandard}</td><td class="c">${yesNo(s.pass)}</td></tr>`,
  );
  return `<table><thead><tr><th>学校</th><th>类型</th><th>在校生 / 规模上限</th><th>班级数</th><th>应配专用教室（各）</th>${rooms.map((f) => `<th>${esc(roomName(f))}</th>`).join('')}<th>超标准班额班数</th><th>是否达标</th></tr></thead><tbody>${rows.join('')}</tbody></table>
    <p class="muted" style="font-size:8pt">${esc(Object.values(classSizeDefinitions(ev.pack.classSize)).join('；'))}。${g.note ? esc(g.note) : ''}</p>`;
}

function notesBlock(ev: BalanceEvaluation, ctx: ReportContext, opts: { missing: boolean } = { missing: true }): string {
  const known = namesInEvaluation(ev);
  const name = (c: string) => {
    const n = ctx.schoolNames?.get(c) ?? known.get(c);
    return n ? `${n}（${c}）` : c;
  };
  const lines = [`<p><b>评估依据：</b>${esc(ev.pack.basis)}</p>`];
  if (ev.pack.extends) lines.push(`<p>本地标准，在内置标准（${esc(ev.pack.extends.id)} 第 ${ev.pack.extends.version} 版）的基础上调整。</p>`);
  if (ev.pack.schoolRule)
    lines.push(
      `<p><b>学校达标规则：</b>至少 ${ev.pack.schoolRule.minMet} 项达到标准，其余项不低于标准的 ${+(Number(ev.pack.schoolRule.remainderMinShare) * 100).toFixed(2)}%${ev.pack.schoolRule.remainderNote ? `（${esc(ev.pack.schoolRule.remainderNote)}）` : ''}。</p>`,
    );
  lines.push(`<p><b>差异系数：</b>按在校生数加权，CV = S / X̄，X̄ 为${term(ctx)}合计比值；不足 ${ev.pack.exclusions.teachingPointMinStudents} 人的教学点不计入。</p>`);
  lines.push(`<p><b>数值与单位：</b>指标值按标准定义的单位（如人/百生、m²/生、元/生）列出；差距按需增加的资源计，教师、教室等按整数（向上取整），面积与金额保留两位小数。</p>`);
  if (opts.missing) lines.push(`<p><b>未填报数据的学校（未计入）：</b>${ev.missing.length ? esc(ev.missing.map(name).join('、')) : '无'}</p>`);
  lines.push(`<p><b>数据尚未审核的学校（结果可能变化）：</b>${ev.unapproved.length ? esc(ev.unapproved.map(name).join('、')) : '无'}</p>`);
  lines.push(`<p class="muted">由 均衡 Junheng 生成于 ${esc((ctx.generatedAt ?? new Date()).toLocaleString('zh-CN', { hour12: false }))}</p>`);
  return `<div class="note">${lines.join('')}</div>`;
}

function header(title: string, ev: BalanceEvaluation, ctx: ReportContext): string {
  return `<h1>${ctx.simulated ? '<span class="bad">【模拟】</span>' : ''}${esc(title)}</h1>
    <p class="sub">${esc(ctx.districtName)} · ${esc(schoolYearLabel(ev.year))}</p>
    <p class="sub">评估标准：${esc(ev.pack.name)}（${esc(ev.pack.id)} 第 ${ev.pack.version} 版）</p>`;
}

export function districtReportTitle(ev: BalanceEvaluation, districtName: string): string {
  return `${districtName} 义务教育${ev.pack.cvRule === 'composite' ? '基本' : '优质'}均衡发展 资源配置评估报告（${schoolYearLabel(ev.year)}）`;
}

/** The district report: summary, CV charts, indicator and school tables, gaps, 政府保障, notes. */
export function districtReportHtml(ev: BalanceEvaluation, ctx: ReportContext): string {
  const title = districtReportTitle(ev, ctx.districtName);
  const levels = ev.pack.levels.filter((lv) => ev.levels[lv]);
  const parts: string[] = [header(title, ev, ctx), framing(ev, ctx)];
  if (ev.unapproved.length || ev.missing.length)
    parts.push(
      `<div class="warn">${ev.missing.length ? `${ev.missing.length} 所学校本学年没有数据，未计入。` : ''}${ev.unapproved.length ? `${ev.unapproved.length} 所学校的数据尚未审核，结果可能变化。` : ''}详见报告末尾说明。</div>`,
    );
  parts.push('<h2>一、评估结论</h2>', `<div class="cards">${levels.map((lv) => levelSummaryCard(ev, lv, ev.levels[lv])).join('')}</div>`);
  parts.push('<h2>二、校际差异系数</h2>');
  for (const lv of levels) parts.push(`<div class="chart">${cvChart(lv, ev.levels[lv], ev.pack.indicators)}</div>`, indicatorTable(ev, lv, ev.levels[lv], ctx));
  parts.push(`<h2>三、各校指标${ev.pack.schoolRule ? '达标情况' : ''}</h2>`);
  if (ev.pack.schoolRule) parts.push('<p class="muted">红底数值低于学校标准值；灰色行为不计入评估的学校。</p>');
  for (const lv of levels) parts.push(`<h3>${esc(lv)}（${ev.levels[lv].schools.length} 所）</h3>`, schoolTable(ev, lv, ev.levels[lv], ctx));
  parts.push('<h2>四、达标差距清单</h2>', gapTable(ev, ctx));
  parts.push('<h2>五、政府保障程度（学校规模、音乐美术专用教室、班额）</h2>', guaranteeTable(ev, ev.guarantees));
  parts.push(notesBlock(ev, ctx));
  return page(title, parts.join('\n'), ctx);
}

/** The evaluated parts of a school: the school itself, or for a 一贯制 school its -P and -J sections. */
export function schoolParts(ev: BalanceEvaluation, code: string): { level: BalanceLevel; lr: LevelResult; school: SchoolResult }[] {
  const out: { level: BalanceLevel; lr: LevelResult; school: SchoolResult }[] = [];
  for (const level of ev.pack.levels) {
    const lr = ev.levels[level];
    for (const s of lr?.schools ?? []) if (s.schoolCode === code || s.schoolCode === `${code}-P` || s.schoolCode === `${code}-J`) out.push({ level, lr, school: s });
  }
  return out;
}

function rankOf(lr: LevelResult, key: string, value: number | null): string {
  if (value === null) return '—';
  const vs = lr.schools.filter((s) => !s.excluded && s.values[key] !== null).map((s) => s.values[key]!);
  return `${1 + vs.filter((v) => v > value).length} / ${vs.length}`;
}

/** Bars of value / threshold (2012: value / district mean) as %, red below 100%. */
function schoolChart(part: { level: BalanceLevel; lr: LevelResult; school: SchoolResult }, inds: Indicator[], ctx: ReportContext): string {
  const { level, lr, school } = part;
  const byStandard = inds.some((i) => i.threshold?.[level] !== undefined);
  const rows = inds.map((ind, k) => {
    const v = school.values[ind.key];
    const base = byStandard ? lr.indicators[k].threshold : lr.indicators[k].mean;
    return { name: ind.zh, ratio: v === null || !base ? null : v / base };
  });
  const max = Math.max(1.2, ...rows.map((r) => r.ratio ?? 0)) * 100 * 1.12;
  return svgChart(
    {
      title: { text: byStandard ? '本校值 / 学校标准值' : `本校值 / ${term(ctx)}平均值`, left: 'center', top: 4, textStyle: { fontSize: 13, fontFamily: FONT } },
      grid: { left: 270, right: 60, top: 44, bottom: 24 },
      xAxis: { type: 'value', max: Math.ceil(max / 20) * 20, axisLabel: { fontSize: 10, formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { fontSize: 10.5, width: 262, overflow: 'break', color: '#333' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((r) => ({
            value: r.ratio === null ? 0 : r.ratio * 100,
            itemStyle: { color: r.ratio !== null && r.ratio < 1 - 1e-12 ? (byStandard ? RED : '#e09b2d') : byStandard ? GREEN : BLUE },
          })),
          label: { show: true, position: 'right', fontSize: 10, formatter: (p: { dataIndex: number }) => pct(rows[p.dataIndex].ratio) },
          markLine: { symbol: 'none', silent: true, lineStyle: { color: '#555', type: 'dashed', width: 1.2 }, label: { formatter: '100%', position: 'start', fontSize: 10 }, data: [{ xAxis: 100 }] },
        },
      ],
    },
    700,
    rows.length * 30 + 70,
  );
}

export function schoolReportTitle(ev: BalanceEvaluation, schoolName: string): string {
  return `${schoolName} 资源配置达标情况（${schoolYearLabel(ev.year)}）`;
}

/** The report of one school; null when the school has no evaluated part this year. */
export function schoolReportHtml(ev: BalanceEvaluation, code: string, ctx: ReportContext): string | null {
  const parts = schoolParts(ev, code);
  if (parts.length === 0) return null;
  const inds = ev.pack.indicators;
  const g = ev.guarantees.find((x) => x.schoolCode === code);
  const schoolName = g?.schoolName ?? ctx.schoolNames?.get(code) ?? (parts[0].school.schoolName ?? code).replace(/\((小学部|初中部)\)$/, '');
  const title = schoolReportTitle(ev, schoolName);
  const out: string[] = [
    header(title, ev, ctx),
    framing(ev, ctx),
    `<p class="sub">学校标识码：${esc(code)}${ev.unapproved.includes(code) ? ' · <span class="bad">本学年数据尚未审核，结果可能变化</span>' : ''}</p>`,
  ];
  parts.forEach((part, n) => {
    const { level, lr, school: s } = part;
    const perSchool = !!ev.pack.schoolRule;
    out.push(`<h2>${n + 1}、${esc(s.schoolName ?? s.schoolCode)}（${esc(level)}，在校生 ${int(s.students)} 人）</h2>`);
    if (s.excluded) out.push(`<div class="warn">${esc(s.excludedReason ?? '不计入评估')}：本校不计入${term(ctx)}差异系数和达标统计，以下数值仅供参考。</div>`);
    if (perSchool)
      out.push(
        `<div class="cards"><div class="card"><div>达标项数</div><div class="big">${s.met ?? '—'} / ${inds.length}</div><div>规则：至少 ${ev.pack.schoolRule!.minMet} 项达标，其余不低于标准的 ${+(Number(ev.pack.schoolRule!.remainderMinShare) * 100).toFixed(2)}%</div></div>
         <div class="card"><div>本校是否达标</div><div class="big ${s.excluded ? 'muted' : s.pass ? 'ok' : 'bad'}">${s.excluded ? '不计入' : s.pass ? '达标' : '未达标'}</div><div>${esc(level)}${term(ctx)}达标学校 ${lr.schoolsPassing ?? '—'} / ${lr.counted} 所</div></div>
         <div class="card"><div>${esc(level)}${term(ctx)}结论</div><div class="big ${lr.pass ? 'ok' : 'bad'}">${lr.pass ? '达到标准' : '未达到标准'}</div></div></div>`,
      );
    out.push(`<div class="chart">${schoolChart(part, inds, ctx)}</div>`);
    const rows = inds.map((ind, k) => {
      const r = lr.indicators[k];
      const v = s.values[ind.key];
      const gap = s.gaps[ind.key];
      const failing = (gap ?? 0) > 0;
      return `<tr data-key="${esc(ind.key)}"><td>${esc(ind.zh)}</td><td class="c u">${esc(valueUnit(ind))}</td><td class="n${failing ? ' fail' : ''}">${formatValue(ind, v)}</td>
        ${perSchool ? `<td class="n">${formatValue(ind, r.threshold)}</td><td class="n">${pct(v !== null && r.threshold ? v / r.threshold : null)}</td><td class="c">${gap === null ? '—' : yesNo(gap === 0, '达标', '未达标')}</td><td class="n">${gap ? `<span class="bad">${formatGap(ind, gap)} ${esc(gapUnit(ind))}</span>` : gap === 0 ? '0' : '—'}</td>` : ''}
        <td class="n">${formatValue(ind, r.mean)}</td><td class="n">${pct(v !== null && r.mean ? v / r.mean : null)}</td><td class="c">${rankOf(lr, ind.key, v)}</td></tr>`;
    });
    out.push(
      `<table><thead><tr><th>指标</th><th class="nw">单位</th><th class="nw">本校值</th>${perSchool ? '<th class="nw">学校标准值</th><th class="nw">达标程度</th><th class="nw">是否达标</th><th class="nw">差距</th>' : ''}<th class="nw">${term(ctx)}平均值</th><th class="nw">占${term(ctx)}平均</th><th class="nw">${term(ctx)}排位</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  });
  out.push('<h2>政府保障程度</h2>', g ? guaranteeTable(ev, [g]) : '<p class="muted">本标准不含政府保障项目，或本校没有数据。</p>');
  out.push(notesBlock({ ...ev, unapproved: ev.unapproved.filter((c) => c === code) }, ctx, { missing: false }));
  return page(title, out.join('\n'), ctx);
}
