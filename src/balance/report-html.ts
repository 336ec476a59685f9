// Printable HTML of a balance evaluation, rendered to PDF by src/core/pdf.ts: the district report
// (summary, CV chart, indicator table, school × indicator table, gap list, 政府保障, notes) and the
// report of one school (its sections against the standards and the district). Self-contained:
// inline CSS and server-side SVG charts (echarts SSR), no scripts, no external resources.
// Every text from the data (school names, pack names) is escaped.
import { BASE_CSS, BLUE, esc, FONT, GREEN, RED } from '../core/report-html.js';
import * as echarts from 'echarts';
import { FIELD_BY_KEY } from '../registry/fields.js';
import { schoolYearLabel } from '../registry/excel.js';
import type { LevelResult, SchoolResult } from './evaluate.js';
import type { SchoolGuarantees } from './guarantees.js';
import { gapRows, namesInEvaluation, valueFormat, type BalanceEvaluation } from './report-xlsx.js';
import type { BalanceLevel, Indicator } from './standards.js';

export interface ReportContext {
  districtName: string;
  /** Names of the district's schools (for the missing / unapproved note, which carries codes only). */
  schoolNames?: ReadonlyMap<string, string>;
  generatedAt?: Date;
}

/** A number with the decimals its Excel format would show (see valueFormat), grouped by thousands. */
function num(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
const decimalsOf = (mean: number) => (valueFormat(mean) === '0.0000' ? 4 : 2);
const gapNum = (ind: Indicator, v: number) => num(v, ind.count ? 0 : 2);
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);
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
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
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
        text: `${level} 各指标差异系数${limit !== null ? `（${composite ? '综合差异系数' : ''}标准 ≤ ${limit.toFixed(2)}）` : ''}`,
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
          label: { show: true, position: 'right', fontSize: 10, formatter: (p: { dataIndex: number }) => (rows[p.dataIndex].cv === null ? '无' : rows[p.dataIndex].cv!.toFixed(3)) },
          markLine:
            limit === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: RED, type: 'dashed', width: 1.5 },
                  label: { formatter: `标准 ${limit.toFixed(2)}`, position: 'start', color: RED, fontSize: 10 },
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
    ? `综合差异系数 ${num(lr.composite.cv, 3)}（标准 ≤ ${lr.composite.limit}）${yesNo(lr.composite.pass, '达到', '未达到')}`
    : `差异系数达标 ${lr.indicators.filter((i) => i.pass).length} / ${lr.indicators.length} 项`;
  const gaps = inds.filter((i) => (lr.totalGaps[i.key] ?? 0) > 0).map((i) => `<li>${esc(i.zh)}：缺 ${gapNum(i, lr.totalGaps[i.key])} ${esc(i.unitZh)}</li>`);
  return `<div class="card"><div>${esc(level)}</div>
    <div class="big ${lr.pass ? 'ok' : 'bad'}">${lr.pass ? '达到标准' : '未达到标准'}</div>
    <div>${cvLine}</div>
    ${lr.schoolsPassing === null ? `<div>参评学校 ${lr.counted} 所</div>` : `<div>学校达标 ${lr.schoolsPassing} / ${lr.counted} 所</div>`}
    ${ev.pack.schoolRule ? (gaps.length ? `<div>达标差距合计：</div><ul>${gaps.join('')}</ul>` : '<div>各校均无达标差距</div>') : ''}
  </div>`;
}

function indicatorTable(ev: BalanceEvaluation, level: BalanceLevel, lr: LevelResult): string {
  const perSchool = !!ev.pack.schoolRule;
  const rows = ev.pack.indicators.map((ind, k) => {
    const r = lr.indicators[k];
    const d = decimalsOf(r.mean);
    return `<tr><td>${esc(ind.zh)}</td><td class="c">${esc(ind.unitZh)}</td><td class="n">${num(r.mean, d)}</td><td class="n">${num(r.sd, d)}</td>
      <td class="n${r.pass === false ? ' fail' : ''}">${num(r.cv, 4)}</td>${lr.composite ? '' : `<td class="n">${num(r.limit, 2)}</td><td class="c">${yesNo(r.pass, '达到', '未达到')}</td>`}
      ${perSchool ? `<td class="n">${num(r.threshold, d)}</td><td class="n">${r.schoolsMet ?? '—'} / ${lr.counted}</td>` : ''}</tr>`;
  });
  if (lr.composite) rows.push(`<tr class="sum"><td colspan="4">综合差异系数（标准 ≤ ${lr.composite.limit}）</td><td class="n${lr.composite.pass ? '' : ' fail'}">${num(lr.composite.cv, 4)}</td></tr>`);
  return `<table><thead><tr><th>指标（${esc(level)}）</th><th class="nw">单位</th><th class="nw">全县平均值</th><th class="nw">标准差</th><th class="nw">差异系数</th>${lr.composite ? '' : '<th class="nw">差异系数标准</th><th class="nw">是否达到</th>'}${perSchool ? '<th class="nw">学校标准值</th><th class="nw">达标学校</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function schoolTable(ev: BalanceEvaluation, level: BalanceLevel, lr: LevelResult): string {
  const inds = ev.pack.indicators;
  const perSchool = !!ev.pack.schoolRule;
  const dec = lr.indicators.map((r) => decimalsOf(r.mean));
  const share = (100 - 4 - 17 - 6.5 - (perSchool ? 10 : 0)) / inds.length;
  const cols = `<colgroup><col style="width:4%"><col style="width:17%"><col style="width:6.5%">${inds.map(() => `<col style="width:${share.toFixed(2)}%">`).join('')}${perSchool ? '<col style="width:5%"><col style="width:5%">' : ''}</colgroup>`;
  const head = `<tr><th>序号</th><th>学校名称</th><th>在校生</th>${inds.map((i) => `<th>${esc(i.zh)}<br><span class="muted">（${esc(i.unitZh)}）</span></th>`).join('')}${perSchool ? '<th>达标项数</th><th>是否达标</th>' : ''}</tr>`;
  const body = lr.schools.map((s, idx) => {
    const cells = inds.map((ind, k) => `<td class="n${!s.excluded && (s.gaps[ind.key] ?? 0) > 0 ? ' fail' : ''}">${num(s.values[ind.key], dec[k])}</td>`).join('');
    const verdict = s.excluded ? '<td class="c">不计入</td>' : `<td class="c">${yesNo(s.pass)}</td>`;
    return `<tr${s.excluded ? ' class="excluded"' : ''}><td class="c">${idx + 1}</td><td class="name">${esc(s.schoolName ?? s.schoolCode)}${s.excluded ? `<br><span class="muted">${esc(s.excludedReason?.split(' / ')[0] ?? '')}</span>` : ''}</td><td class="n">${num(s.students, 0)}</td>${cells}${perSchool ? `<td class="c">${s.met ?? '—'}</td>${verdict}` : ''}</tr>`;
  });
  const foot = [
    ['全县平均值', lr.indicators.map((r, k) => num(r.mean, dec[k]))],
    ['差异系数', lr.indicators.map((r) => num(r.cv, 4))],
    ...(perSchool ? [['学校标准值', lr.indicators.map((r, k) => num(r.threshold, dec[k]))] as [string, string[]]] : []),
  ] as [string, string[]][];
  const footRows = foot.map(([label, vs]) => `<tr class="sum"><td colspan="3">${label}</td>${vs.map((v) => `<td class="n">${v}</td>`).join('')}${perSchool ? '<td></td><td></td>' : ''}</tr>`);
  return `<table class="schools">${cols}<thead>${head}</thead><tbody>${body.join('')}${footRows.join('')}</tbody></table>`;
}

function gapTable(ev: BalanceEvaluation): string {
  const rows = gapRows(ev);
  if (!ev.pack.indicators.some((i) => i.threshold)) return '<p class="muted">本标准不设学校达标值，没有差距清单。</p>';
  if (rows.length === 0) return '<p class="ok">各校各项指标均达到标准，没有差距。</p>';
  const out: string[] = [];
  for (const level of ev.pack.levels) {
    const lr = ev.levels[level];
    for (const ind of ev.pack.indicators) {
      const group = rows.filter((r) => r.level === level && r.indicator.key === ind.key);
      if (group.length === 0) continue;
      const d = decimalsOf(lr.indicators.find((i) => i.key === ind.key)?.mean ?? 0);
      for (const r of group) {
        out.push(
          `<tr><td class="c">${esc(level)}</td><td>${esc(ind.zh)}</td><td>${esc(r.schoolName || r.schoolCode)}</td><td class="n">${num(r.value, d)}</td><td class="n">${num(r.threshold, d)}</td><td class="n bad">${gapNum(ind, r.gap)}</td><td class="c">${esc(ind.unitZh)}</td></tr>`,
        );
      }
      out.push(
        `<tr class="sum"><td class="c">${esc(level)}</td><td colspan="4">${esc(ind.zh)} 小计（${group.length} 所学校）</td><td class="n">${gapNum(ind, lr.totalGaps[ind.key] ?? 0)}</td><td class="c">${esc(ind.unitZh)}</td></tr>`,
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
      <td class="n${s.sizePass ? '' : ' fail'}">${num(s.students, 0)} / ${num(s.maxStudents, 0)}</td>
      <td class="n">${s.classes}</td><td class="n">${s.roomsRequired}</td>
      ${rooms.map((f) => `<td class="n${s.rooms[f] !== null && s.rooms[f] < s.roomsRequired ? ' fail' : ''}">${s.rooms[f] ?? '—'}</td>`).join('')}
      <td class="n${s.classesOverStandard > 0 ? ' fail' : ''}">${s.classesOverStandard}</td><td class="c">${yesNo(s.pass)}</td></tr>`,
  );
  return `<table><thead><tr><th>学校</th><th>类型</th><th>在校生 / 规模上限</th><th>班级数</th><th>应配专用教室（各）</th>${rooms.map((f) => `<th>${esc(roomName(f))}</th>`).join('')}<th>超标准班额班数</th><th>是否达标</th></tr></thead><tbody>${rows.join('')}</tbody></table>
    ${g.note ? `<p class="muted" style="font-size:8pt">${esc(g.note)}</p>` : ''}`;
}

function notesBlock(ev: BalanceEvaluation, ctx: ReportContext, opts: { missing: boolean } = { missing: true }): string {
  const known = namesInEvaluation(ev);
  const name = (c: string) => {
    const n = ctx.schoolNames?.get(c) ?? known.get(c);
    return n ? `${n}（${c}）` : c;
  };
  const lines = [`<p><b>评估依据：</b>${esc(ev.pack.basis)}</p>`];
  if (ev.pack.extends) lines.push(`<p>本地标准，继承 ${esc(ev.pack.extends.id)} 第 ${ev.pack.extends.version} 版。</p>`);
  if (ev.pack.schoolRule)
    lines.push(
      `<p><b>学校达标规则：</b>至少 ${ev.pack.schoolRule.minMet} 项达到标准，其余项不低于标准的 ${+(Number(ev.pack.schoolRule.remainderMinShare) * 100).toFixed(2)}%${ev.pack.schoolRule.remainderNote ? `（${esc(ev.pack.schoolRule.remainderNote)}）` : ''}。</p>`,
    );
  lines.push(`<p><b>差异系数：</b>按在校生数加权，CV = S / X̄，X̄ 为全县合计比值；不足 ${ev.pack.exclusions.teachingPointMinStudents} 人的教学点不计入。</p>`);
  if (opts.missing) lines.push(`<p><b>未填报数据的学校（未计入）：</b>${ev.missing.length ? esc(ev.missing.map(name).join('、')) : '无'}</p>`);
  lines.push(`<p><b>数据尚未审核的学校（结果可能变化）：</b>${ev.unapproved.length ? esc(ev.unapproved.map(name).join('、')) : '无'}</p>`);
  lines.push(`<p class="muted">由 均衡 Junheng 生成于 ${esc((ctx.generatedAt ?? new Date()).toLocaleString('zh-CN', { hour12: false }))}</p>`);
  return `<div class="note">${lines.join('')}</div>`;
}

function header(title: string, ev: BalanceEvaluation, ctx: ReportContext): string {
  return `<h1>${esc(title)}</h1>
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
  const parts: string[] = [header(title, ev, ctx)];
  if (ev.unapproved.length || ev.missing.length)
    parts.push(
      `<div class="warn">${ev.missing.length ? `${ev.missing.length} 所学校本学年没有数据，未计入。` : ''}${ev.unapproved.length ? `${ev.unapproved.length} 所学校的数据尚未审核，结果可能变化。` : ''}详见报告末尾说明。</div>`,
    );
  parts.push('<h2>一、评估结论</h2>', `<div class="cards">${levels.map((lv) => levelSummaryCard(ev, lv, ev.levels[lv])).join('')}</div>`);
  parts.push('<h2>二、校际差异系数</h2>');
  for (const lv of levels) parts.push(`<div class="chart">${cvChart(lv, ev.levels[lv], ev.pack.indicators)}</div>`, indicatorTable(ev, lv, ev.levels[lv]));
  parts.push(`<h2>三、各校指标${ev.pack.schoolRule ? '达标情况' : ''}</h2>`);
  if (ev.pack.schoolRule) parts.push('<p class="muted">红底数值低于学校标准值；灰色行为不计入评估的学校。</p>');
  for (const lv of levels) parts.push(`<h3>${esc(lv)}（${ev.levels[lv].schools.length} 所）</h3>`, schoolTable(ev, lv, ev.levels[lv]));
  parts.push('<h2>四、达标差距清单</h2>', gapTable(ev));
  parts.push('<h2>五、政府保障程度（学校规模、音乐美术专用教室、班额）</h2>', guaranteeTable(ev, ev.guarantees));
  parts.push(notesBlock(ev, ctx));
  return page(title, parts.join('\n'));
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
function schoolChart(part: { level: BalanceLevel; lr: LevelResult; school: SchoolResult }, inds: Indicator[]): string {
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
      title: { text: byStandard ? '本校值 / 学校标准值' : '本校值 / 全县平均值', left: 'center', top: 4, textStyle: { fontSize: 13, fontFamily: FONT } },
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
  const out: string[] = [header(title, ev, ctx), `<p class="sub">学校标识码：${esc(code)}${ev.unapproved.includes(code) ? ' · <span class="bad">本学年数据尚未审核，结果可能变化</span>' : ''}</p>`];
  parts.forEach((part, n) => {
    const { level, lr, school: s } = part;
    const perSchool = !!ev.pack.schoolRule;
    out.push(`<h2>${n + 1}、${esc(s.schoolName ?? s.schoolCode)}（${esc(level)}，在校生 ${num(s.students, 0)} 人）</h2>`);
    if (s.excluded) out.push(`<div class="warn">${esc(s.excludedReason ?? '不计入评估')}：本校不计入全县差异系数和达标统计，以下数值仅供参考。</div>`);
    if (perSchool)
      out.push(
        `<div class="cards"><div class="card"><div>达标项数</div><div class="big">${s.met ?? '—'} / ${inds.length}</div><div>规则：至少 ${ev.pack.schoolRule!.minMet} 项达标，其余不低于标准的 ${+(Number(ev.pack.schoolRule!.remainderMinShare) * 100).toFixed(2)}%</div></div>
         <div class="card"><div>本校是否达标</div><div class="big ${s.excluded ? 'muted' : s.pass ? 'ok' : 'bad'}">${s.excluded ? '不计入' : s.pass ? '达标' : '未达标'}</div><div>${esc(level)}全县达标学校 ${lr.schoolsPassing ?? '—'} / ${lr.counted} 所</div></div>
         <div class="card"><div>${esc(level)}全县结论</div><div class="big ${lr.pass ? 'ok' : 'bad'}">${lr.pass ? '达到标准' : '未达到标准'}</div></div></div>`,
      );
    out.push(`<div class="chart">${schoolChart(part, inds)}</div>`);
    const rows = inds.map((ind, k) => {
      const r = lr.indicators[k];
      const v = s.values[ind.key];
      const d = decimalsOf(r.mean);
      const gap = s.gaps[ind.key];
      const failing = (gap ?? 0) > 0;
      return `<tr><td>${esc(ind.zh)}</td><td class="c">${esc(ind.unitZh)}</td><td class="n${failing ? ' fail' : ''}">${num(v, d)}</td>
        ${perSchool ? `<td class="n">${num(r.threshold, d)}</td><td class="n">${pct(v !== null && r.threshold ? v / r.threshold : null)}</td><td class="c">${gap === null ? '—' : yesNo(gap === 0, '达标', '未达标')}</td><td class="n">${gap ? `<span class="bad">${gapNum(ind, gap)} ${esc(ind.unitZh)}</span>` : gap === 0 ? '0' : '—'}</td>` : ''}
        <td class="n">${num(r.mean, d)}</td><td class="n">${pct(v !== null && r.mean ? v / r.mean : null)}</td><td class="c">${rankOf(lr, ind.key, v)}</td></tr>`;
    });
    out.push(
      `<table><thead><tr><th>指标</th><th class="nw">单位</th><th class="nw">本校值</th>${perSchool ? '<th class="nw">学校标准值</th><th class="nw">达标程度</th><th class="nw">是否达标</th><th class="nw">差距</th>' : ''}<th class="nw">全县平均值</th><th class="nw">占全县平均</th><th class="nw">全县排位</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  });
  out.push('<h2>政府保障程度</h2>', g ? guaranteeTable(ev, [g]) : '<p class="muted">本标准不含政府保障项目，或本校没有数据。</p>');
  out.push(notesBlock({ ...ev, unapproved: ev.unapproved.filter((c) => c === code) }, ctx, { missing: false }));
  return page(title, out.join('\n'));
}
