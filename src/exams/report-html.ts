// Printable HTML of an exam report, rendered to PDF by src/core/pdf.ts: the district report (summary cards, 三率一分
// per subject and 总分, the 总分 histogram with the fitted normal curve and its shape, the school table with 超均率
// and 后x%率) or the report of one school (its subjects against the district and its classes). Self-contained:
// inline CSS and a server-side SVG chart (echarts SSR), no scripts, no external resources. Every text from the
// data (exam, school and class names, subjects) is escaped.
import { BASE_CSS, esc, FONT, GREEN, RED } from '../core/report-html.js';
import { districtTerm } from '../core/district-term.js';
import { formatNumber } from '../core/format.js';
import { figure, formatP, withheldText } from './figures.js';
import * as echarts from 'echarts';
import { TOTAL } from './analysis/analyze.js';
import type { ExamDto, Report } from './service.js';

type Stats = Report['district']['stats'][string];

export interface ExamReportContext {
  districtName: string;
  /** School code → name. */
  schoolNames: ReadonlyMap<string, string>;
  /** One school's report (its code); else the district report. */
  school?: string;
  /** The report is a clerk's view (their own school only among the schools). */
  ownOnly?: boolean;
  /** Without the order of schools (名次): the exam hides ranks from this reader. */
  hideRanks?: boolean;
  generatedAt?: Date;
}

// Every figure through figures.ts (core/format.ts): the same text as the web page and the workbook.
const score = (v: number | null | undefined) => figure('score', v);
const pct = (v: number | null | undefined) => figure('rate', v);
const signedPct = (v: number | null | undefined) => figure('overMean', v);
const count = (v: number | null | undefined) => figure('count', v);
/** Full marks as defined (120, 7.5). */
const marks = (v: number) => formatNumber(v, { decimals: Number.isInteger(v) ? 0 : 1, grouping: false });
const cls = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : v > 0 ? ' above' : v < 0 ? ' below' : '');
/** The district's own word (全县 / 全区). */
const whole = (ctx: ExamReportContext) => districtTerm(ctx.districtName).zh;

const CSS = `
${BASE_CSS}tr.sum td { background: #f2f2f2; font-weight: bold; }
tr.flag td { background: #fdecec; }
.above { color: ${GREEN}; }
.below { color: ${RED}; }
.bad { color: ${RED}; font-weight: bold; }
.ok { color: ${GREEN}; font-weight: bold; }
.cards { display: flex; gap: 8px; margin: 6px 0 4px; }
.card { flex: 1; border: 1px solid #c9d3e0; border-radius: 4px; padding: 6px 8px; page-break-inside: avoid; }
.card .big { font-size: 14pt; font-weight: bold; margin: 2px 0 2px; }
.card div { margin: 1px 0; font-size: 8.5pt; }
.chart { text-align: center; page-break-inside: avoid; margin: 4px 0; }
.chart svg { max-width: 100%; height: auto; }
.note { font-size: 8pt; color: #555; border-top: 1px solid #ccc; margin-top: 16px; padding-top: 6px; }
.note p { margin: 2px 0; }
`;

function svgChart(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const bandLabel = (edges: number[], k: number) => `${+edges[k].toFixed(2)}–${+edges[k + 1].toFixed(2)}`;

/** Bars per 总分 band and the fitted normal density scaled to counts (SVG). Empty without data. */
export function histogramSvg(report: Report, column = TOTAL): string {
  const shape = report.shape[column];
  if (!shape || !shape.histogram.counts.length) return '';
  const { edges, counts, normal } = shape.histogram;
  return svgChart(
    {
      grid: { left: 10, right: 16, top: 36, bottom: 36, containLabel: true },
      legend: { top: 0, data: ['人数', '正态曲线'] },
      xAxis: { type: 'category', data: counts.map((_, k) => bandLabel(edges, k)), name: '分数段', nameLocation: 'middle', nameGap: 28, axisLabel: { fontSize: 9, hideOverlap: true } },
      yAxis: { type: 'value', name: '人数', minInterval: 1 },
      series: [
        { type: 'bar', name: '人数', barCategoryGap: '4%', data: counts, itemStyle: { color: '#5b8ff9' }, label: { show: counts.length <= 20, position: 'top', fontSize: 9 } },
        {
          type: 'line',
          name: '正态曲线',
          smooth: true,
          symbol: 'none',
          lineStyle: { width: 2.5, color: '#f59e0b' },
          itemStyle: { color: '#f59e0b' },
          data: normal.map((x) => Math.round(x * 100) / 100),
          z: 5,
        },
      ],
    },
    720,
    300,
  );
}

const shareOf = (v: string | number) => Number(v);

/** The cut scores in points of a column (总分: the sums of the subjects' cut scores). */
function cutScores(exam: ExamDto, column: string) {
  const list = column === TOTAL ? exam.subjects : exam.subjects.filter((s) => s.subject === column);
  const sum = (k: 'excellent' | 'pass' | 'low') => list.reduce((a, s) => a + shareOf(s[k]) * s.fullMarks, 0);
  return { full: list.reduce((a, s) => a + s.fullMarks, 0), excellent: sum('excellent'), pass: sum('pass'), low: sum('low') };
}

const statsCells = (st: Stats | undefined, min?: number) =>
  st?.suppressed
    ? `<td class="n">${count(st.n)}</td><td colspan="8" class="c muted">${esc(withheldText(min))}</td>`
    : st
      ? `<td class="n">${count(st.n)}</td><td class="n">${score(st.mean)}</td><td class="n">${score(st.sd)}</td><td class="n">${score(st.median)}</td><td class="n">${st.min === null ? '—' : `${score(st.min)}–${score(st.max)}`}</td><td class="n">${pct(st.excellent_rate)}</td><td class="n">${pct(st.pass_rate)}</td><td class="n${(st.low_rate ?? 0) >= 0.2 ? ' bad' : ''}">${pct(st.low_rate)}</td><td class="n">${pct(st.score_rate)}</td>`
      : `<td colspan="9" class="c muted">无数据</td>`;
const STATS_HEAD = '<th>人数</th><th>均分</th><th>标准差</th><th>中位数</th><th>最低–最高</th><th>优秀率</th><th>合格率</th><th>低分率</th><th>得分率</th>';

function subjectTable(exam: ExamDto, report: Report): string {
  const body = report.subjects
    .map((s) => {
      const c = cutScores(exam, s);
      return `<tr${s === TOTAL ? ' class="sum"' : ''}><td>${esc(s)}</td><td class="n">${marks(c.full)}</td><td class="n">${score(c.excellent)} / ${score(c.pass)} / ${score(c.low)}</td>${statsCells(report.district.stats[s], report.minCellSize)}</tr>`;
    })
    .join('');
  return `<table><thead><tr><th>科目</th><th>满分</th><th>优秀/合格/低分线</th>${STATS_HEAD}</tr></thead><tbody>${body}</tbody></table>`;
}

function shapeLine(report: Report, column = TOTAL): string {
  const s = report.shape[column];
  if (!s) return '';
  const p = s.normality.p;
  return `<p>偏度 G1 = ${figure('shape', s.skewness)}；峰度 G2 = ${figure('shape', s.kurtosis)}；D'Agostino–Pearson K² = ${figure('shape', s.normality.statistic)}，${p === null ? 'p = —' : esc(formatP(p))}${p === null ? '（人数不足 8 人，不检验）' : p < 0.05 ? '（在 0.05 水平上偏离正态）' : '（未见明显偏离正态）'}</p>`;
}

const schoolName = (ctx: ExamReportContext, code: string) => ctx.schoolNames.get(code) ?? code;

function schoolTable(report: Report, ctx: ExamReportContext): string {
  const bottom = new Map(report.bottom.schools.map((b) => [b.school, b]));
  // By 总分 mean with its order (序), or, where the exam hides ranks from the reader, by school name without one.
  const rows = ctx.hideRanks
    ? [...report.schools].sort((a, b) => schoolName(ctx, a.school).localeCompare(schoolName(ctx, b.school), 'zh-CN'))
    : [...report.schools].sort((a, b) => (b.stats[TOTAL]?.mean ?? -Infinity) - (a.stats[TOTAL]?.mean ?? -Infinity));
  const body = rows
    .map((s, i) => {
      const st = s.stats[TOTAL];
      const b = bottom.get(s.school);
      const order = ctx.hideRanks ? '' : `<td class="c">${st?.suppressed ? '' : i + 1}</td>`;
      const figures = st?.suppressed
        ? `<td colspan="8" class="c muted">${esc(withheldText(report.minCellSize))}</td>`
        : `<td class="n">${score(st?.mean)}</td><td class="n${cls(st?.over_mean_rate)}">${signedPct(st?.over_mean_rate)}</td><td class="n">${pct(st?.excellent_rate)}</td><td class="n">${pct(st?.pass_rate)}</td><td class="n">${pct(st?.low_rate)}</td><td class="n">${pct(s.allPassRate)}</td><td class="n">${pct(b?.rate)}</td><td class="c">${b?.flagged ? '<span class="bad">预警</span>' : ''}</td>`;
      return `<tr${b?.flagged ? ' class="flag"' : ''}>${order}<td>${esc(schoolName(ctx, s.school))}</td><td class="n">${count(s.n)}</td><td class="n">${count(st?.n ?? 0)}</td>${figures}</tr>`;
    })
    .join('');
  return `<table><thead><tr>${ctx.hideRanks ? '' : '<th>序</th>'}<th>学校</th><th>参考人数</th><th>总分人数</th><th>总分均分</th><th>超均率</th><th>优秀率</th><th>合格率</th><th>低分率</th><th>全科合格率</th><th>后${report.bottom.percentile}%率</th><th>预警</th></tr></thead><tbody>${body}</tbody></table>`;
}

function schoolSubjects(report: Report, code: string, ctx: ExamReportContext): string {
  const s = report.schools.find((x) => x.school === code);
  if (!s) return '<p class="muted">该校无成绩。</p>';
  const bal = report.balance.find((b) => b.school === code);
  const body = report.subjects
    .map((sub) => {
      const st = s.stats[sub];
      const d = report.district.stats[sub];
      const diff = st?.mean !== null && st?.mean !== undefined && d?.mean !== null && d?.mean !== undefined ? st.mean - d.mean : null;
      const b = sub === TOTAL ? null : (bal?.subjects[sub] ?? null);
      if (st?.suppressed)
        return `<tr${sub === TOTAL ? ' class="sum"' : ''}><td>${esc(sub)}</td><td class="n">${count(st.n)}</td><td colspan="8" class="c muted">${esc(withheldText(report.minCellSize))}</td></tr>`;
      return `<tr${sub === TOTAL ? ' class="sum"' : ''}><td>${esc(sub)}</td><td class="n">${count(st?.n ?? 0)}</td><td class="n">${score(st?.mean)}</td><td class="n">${score(d?.mean)}</td><td class="n${cls(diff)}">${figure('diff', diff)}</td><td class="n${cls(st?.over_mean_rate)}">${signedPct(st?.over_mean_rate)}</td><td class="n">${pct(st?.excellent_rate)} <span class="muted">/ ${pct(d?.excellent_rate)}</span></td><td class="n">${pct(st?.pass_rate)} <span class="muted">/ ${pct(d?.pass_rate)}</span></td><td class="n">${pct(st?.low_rate)} <span class="muted">/ ${pct(d?.low_rate)}</span></td><td class="n${cls(b)}">${sub === TOTAL ? '' : figure('balance', b)}</td></tr>`;
    })
    .join('');
  const w = whole(ctx);
  return `<table><thead><tr><th>科目</th><th>人数</th><th>本校均分</th><th>${w}均分</th><th>差</th><th>超均率</th><th>优秀率（本校/${w}）</th><th>合格率（本校/${w}）</th><th>低分率（本校/${w}）</th><th>学科均衡（Z 差）</th></tr></thead><tbody>${body}</tbody></table>`;
}

function classTable(report: Report, code: string): string {
  const list = report.classes.filter((c) => c.school === code).sort((a, b) => (a.class < b.class ? -1 : a.class > b.class ? 1 : 0));
  if (!list.length) return '<p class="muted">无班级数据。</p>';
  const subs = report.subjects.filter((s) => s !== TOTAL);
  const body = list
    .map((c) => {
      const st = c.stats[TOTAL];
      const cell = (x: Stats | undefined) => (x?.suppressed ? `<td class="c muted">${esc(withheldText(report.minCellSize))}</td>` : `<td class="n">${score(x?.mean)}</td>`);
      const rest = st?.suppressed
        ? `<td colspan="6" class="c muted">${esc(withheldText(report.minCellSize))}</td>`
        : `<td class="n">${score(st?.mean)}</td><td class="n${cls(st?.over_mean_rate)}">${signedPct(st?.over_mean_rate)}</td><td class="n">${pct(st?.excellent_rate)}</td><td class="n">${pct(st?.pass_rate)}</td><td class="n">${pct(st?.low_rate)}</td><td class="n">${pct(c.allPassRate)}</td>`;
      return `<tr><td>${esc(c.class)}</td><td class="n">${count(c.n)}</td>${subs.map((s) => cell(c.stats[s])).join('')}${rest}</tr>`;
    })
    .join('');
  return `<table><thead><tr><th>班级</th><th>人数</th>${subs.map((s) => `<th>${esc(s)}均分</th>`).join('')}<th>总分均分</th><th>超均率</th><th>优秀率</th><th>合格率</th><th>低分率</th><th>全科合格率</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function examReportTitle(exam: ExamDto, ctx: ExamReportContext): string {
  return `${exam.name} 成绩分析报告${ctx.school ? `（${schoolName(ctx, ctx.school)}）` : ''}`;
}

export function examReportHtml(exam: ExamDto, report: Report, ctx: ExamReportContext): string {
  const at = (ctx.generatedAt ?? new Date()).toISOString().slice(0, 10);
  const title = examReportTitle(exam, ctx);
  const total = report.district.stats[TOTAL];
  const cv = report.cvOfSchoolMeans;
  const flagged = report.bottom.schools.filter((s) => s.flagged);
  const full = cutScores(exam, TOTAL).full;
  const subjects = exam.subjects.map((s) => `${s.subject}（${s.fullMarks}）`).join('、');
  const school = ctx.school;
  const mine = school ? report.schools.find((s) => s.school === school) : undefined;
  const myBottom = school ? report.bottom.schools.find((s) => s.school === school) : undefined;
  const w = whole(ctx);
  const min = report.minCellSize;
  const big = (st: Stats | undefined, text: string) => (st?.suppressed ? `<span class="muted">${esc(withheldText(min))}</span>` : text);
  const cards = `
<div class="cards">
  <div class="card"><div>参考人数</div><div class="big">${count(report.district.n)}</div><div>总分有效 ${count(total?.n ?? 0)} 人${ctx.ownOnly ? '' : `，学校 ${count(report.schools.length)} 所`}</div></div>
  <div class="card"><div>总分均分</div><div class="big">${big(total, score(total?.mean))}</div><div>满分 ${marks(full)}，标准差 ${score(total?.sd)}，得分率 ${pct(total?.score_rate)}</div></div>
  <div class="card"><div>全科合格率</div><div class="big">${big(total, pct(report.district.allPassRate))}</div><div>各科均合格的学生 / 各科均有成绩的学生</div></div>
  <div class="card"><div>校际差异系数</div><div class="big${cv.pass === false ? ' bad' : ''}">${figure('cv', cv.cv)}</div><div>参考线 &lt; ${figure('cv', cv.limit)}：${cv.pass === null ? '—' : cv.pass ? '<span class="ok">达标</span>' : '<span class="bad">未达标</span>'}</div></div>
  <div class="card"><div>后${report.bottom.percentile}%分数线</div><div class="big">${big(total, score(report.bottom.threshold))}</div><div>${ctx.ownOnly ? '' : `后${report.bottom.percentile}%率预警学校 ${count(flagged.length)} 所`}</div></div>
</div>`;
  const mt = mine?.stats[TOTAL];
  const schoolCards = mine
    ? `<div class="cards">
  <div class="card"><div>本校参考人数</div><div class="big">${count(mine.n)}</div><div>总分有效 ${count(mt?.n ?? 0)} 人</div></div>
  <div class="card"><div>本校总分均分</div><div class="big">${big(mt, score(mt?.mean))}</div><div>超均率 <span class="${cls(mt?.over_mean_rate).trim()}">${signedPct(mt?.over_mean_rate)}</span></div></div>
  <div class="card"><div>本校全科合格率</div><div class="big">${big(mt, pct(mine.allPassRate))}</div><div>${w} ${pct(report.district.allPassRate)}</div></div>
  <div class="card"><div>本校后${report.bottom.percentile}%率</div><div class="big${myBottom?.flagged ? ' bad' : ''}">${big(mt, pct(myBottom?.rate))}</div><div>${myBottom?.flagged ? '<span class="bad">预警</span>' : '未预警'}</div></div>
</div>`
    : '';
  let n = 0;
  const h = (text: string) => `<h2>${['一', '二', '三', '四', '五', '六', '七'][n++]}、${text}</h2>`;
  const body = `
<h1>${esc(ctx.districtName)} ${esc(title)}</h1>
<p class="sub">考试：${esc(exam.name)}；日期 ${esc(exam.date ?? '—')}${exam.term ? `；${esc(exam.term)}` : ''}；${esc(exam.grade)} 年级 · ${esc(exam.type)}${exam.scope ? ` · ${esc(exam.scope)}` : ''}</p>
<p class="sub">科目：${esc(subjects)}；生成日期 ${at}${ctx.ownOnly && !school ? `；本报告只含本校数据与${w}汇总` : ''}</p>
${school ? `${h(`${esc(schoolName(ctx, school))} 概况`)}${schoolCards}${h(`各科与${w}对比`)}${schoolSubjects(report, school, ctx)}${h('班级')}${classTable(report, school)}${h(`${w}概况`)}` : h('概况')}
${cards}
${h(`三率一分（${w}）`)}
${subjectTable(exam, report)}
${h('总分分布')}
<div class="chart">${histogramSvg(report)}</div>
${shapeLine(report)}
${school ? '' : `${h('学校')}${report.schools.length ? schoolTable(report, ctx) : '<p class="muted">无学校数据。</p>'}`}
<div class="note">
<p>说明：优秀率、合格率、低分率按各科满分的比例划线，总分的线为各科分数线之和；超均率 =（均分 − ${w}均分）/ ${w}均分；全科合格率 = 各科均合格的学生 / 各科均有成绩的学生。校际差异系数为各校总分均分按人数加权的变异系数，参考线 &lt; ${figure('cv', cv.limit)} 为本地选定的值。后${report.bottom.percentile}%率为本校总分不高于${w}第 ${report.bottom.percentile} 百分位数（${score(report.bottom.threshold)} 分）的学生所占比例；x 在考试设置中可改。缺考、作弊、免考不计入人数与总分。偏度、峰度为样本修正值（同 Excel SKEW/KURT），正态检验为 D'Agostino–Pearson K²。${min ? `人数少于 ${min} 人的班级、学校不公布成绩（标为“${esc(withheldText(min))}”），其中只有一个时另一个人数最少的也不公布，以免由合计推算；人数下限为本地设置，可修改。` : ''}</p>
</div>`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}
