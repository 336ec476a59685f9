// Printable HTML of an exam report, rendered to PDF by src/core/pdf.ts: the district report (summary cards, 三率一分
// per subject and 总分, the 总分 histogram with the fitted normal curve and its shape, the school table with 超均率
// and 后x%率) or the report of one school (its subjects against the district and its classes). Self-contained:
// inline CSS and a server-side SVG chart (echarts SSR), no scripts, no external resources. Every text from the
// data (exam, school and class names, subjects) is escaped.
import { BASE_CSS, esc, FONT, fixed, GREEN, RED } from '../core/report-html.js';
import * as echarts from 'echarts';
import { TOTAL } from './analysis/analyze.js';
import type { Stats } from './analysis/stats.js';
import type { ExamDto, Report } from './service.js';

export interface ExamReportContext {
  districtName: string;
  /** School code → name. */
  schoolNames: ReadonlyMap<string, string>;
  /** One school's report (its code); else the district report. */
  school?: string;
  /** The report is a clerk's view (their own school only among the schools). */
  ownOnly?: boolean;
  generatedAt?: Date;
}

const num = (v: number | null | undefined, d = 2) => fixed(v, d);
const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);
const signedPct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v > 0.0005 ? '+' : ''}${pct(v).replace(/^-/, '−')}`);
const signedNum = (v: number | null | undefined, d = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${Number(v.toFixed(d)) > 0 ? '+' : ''}${num(v, d)}`);
const cls = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : v > 0 ? ' above' : v < 0 ? ' below' : '');

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

const statsCells = (st: Stats | undefined) =>
  st
    ? `<td class="n">${st.n}</td><td class="n">${num(st.mean)}</td><td class="n">${num(st.sd)}</td><td class="n">${num(st.median, 1)}</td><td class="n">${st.min === null ? '—' : `${st.min}–${st.max}`}</td><td class="n">${pct(st.excellent_rate)}</td><td class="n">${pct(st.pass_rate)}</td><td class="n${(st.low_rate ?? 0) >= 0.2 ? ' bad' : ''}">${pct(st.low_rate)}</td><td class="n">${pct(st.score_rate)}</td>`
    : `<td colspan="9" class="c muted">无数据</td>`;
const STATS_HEAD = '<th>人数</th><th>均分</th><th>标准差</th><th>中位数</th><th>最低–最高</th><th>优秀率</th><th>及格率</th><th>低分率</th><th>得分率</th>';

function subjectTable(exam: ExamDto, report: Report): string {
  const body = report.subjects
    .map((s) => {
      const c = cutScores(exam, s);
      return `<tr${s === TOTAL ? ' class="sum"' : ''}><td>${esc(s)}</td><td class="n">${num(c.full, 0)}</td><td class="n">${num(c.excellent, 1)} / ${num(c.pass, 1)} / ${num(c.low, 1)}</td>${statsCells(report.district.stats[s])}</tr>`;
    })
    .join('');
  return `<table><thead><tr><th>科目</th><th>满分</th><th>优秀/及格/低分线</th>${STATS_HEAD}</tr></thead><tbody>${body}</tbody></table>`;
}

function shapeLine(report: Report, column = TOTAL): string {
  const s = report.shape[column];
  if (!s) return '';
  const p = s.normality.p;
  return `<p>偏度 G1 = ${num(s.skewness, 3)}；峰度 G2 = ${num(s.kurtosis, 3)}；D'Agostino–Pearson K² = ${num(s.normality.statistic, 3)}，p = ${p === null ? '—' : p < 0.001 ? '&lt; 0.001' : num(p, 3)}${p === null ? '（人数不足 8 人，不检验）' : p < 0.05 ? '（在 0.05 水平上偏离正态）' : '（未见明显偏离正态）'}</p>`;
}

const schoolName = (ctx: ExamReportContext, code: string) => ctx.schoolNames.get(code) ?? code;

function schoolTable(report: Report, ctx: ExamReportContext): string {
  const bottom = new Map(report.bottom.schools.map((b) => [b.school, b]));
  const rows = [...report.schools].sort((a, b) => (b.stats[TOTAL]?.mean ?? -Infinity) - (a.stats[TOTAL]?.mean ?? -Infinity));
  const body = rows
    .map((s, i) => {
      const st = s.stats[TOTAL];
      const b = bottom.get(s.school);
      return `<tr${b?.flagged ? ' class="flag"' : ''}><td class="c">${i + 1}</td><td>${esc(schoolName(ctx, s.school))}</td><td class="n">${s.n}</td><td class="n">${st?.n ?? 0}</td><td class="n">${num(st?.mean)}</td><td class="n${cls(st?.over_mean_rate)}">${signedPct(st?.over_mean_rate)}</td><td class="n">${pct(st?.excellent_rate)}</td><td class="n">${pct(st?.pass_rate)}</td><td class="n">${pct(st?.low_rate)}</td><td class="n">${pct(s.allPassRate)}</td><td class="n">${pct(b?.rate)}</td><td class="c">${b?.flagged ? '<span class="bad">预警</span>' : ''}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>序</th><th>学校</th><th>参考人数</th><th>总分人数</th><th>总分均分</th><th>超均率</th><th>优秀率</th><th>及格率</th><th>低分率</th><th>全科合格率</th><th>后${report.bottom.percentile}%率</th><th>预警</th></tr></thead><tbody>${body}</tbody></table>`;
}

function schoolSubjects(report: Report, code: string): string {
  const s = report.schools.find((x) => x.school === code);
  if (!s) return '<p class="muted">该校无成绩。</p>';
  const bal = report.balance.find((b) => b.school === code);
  const body = report.subjects
    .map((sub) => {
      const st = s.stats[sub];
      const d = report.district.stats[sub];
      const diff = st?.mean !== null && st?.mean !== undefined && d?.mean !== null && d?.mean !== undefined ? st.mean - d.mean : null;
      const b = sub === TOTAL ? null : (bal?.subjects[sub] ?? null);
      return `<tr${sub === TOTAL ? ' class="sum"' : ''}><td>${esc(sub)}</td><td class="n">${st?.n ?? 0}</td><td class="n">${num(st?.mean)}</td><td class="n">${num(d?.mean)}</td><td class="n${cls(diff)}">${signedNum(diff, 2)}</td><td class="n${cls(st?.over_mean_rate)}">${signedPct(st?.over_mean_rate)}</td><td class="n">${pct(st?.excellent_rate)} <span class="muted">/ ${pct(d?.excellent_rate)}</span></td><td class="n">${pct(st?.pass_rate)} <span class="muted">/ ${pct(d?.pass_rate)}</span></td><td class="n">${pct(st?.low_rate)} <span class="muted">/ ${pct(d?.low_rate)}</span></td><td class="n${cls(b)}">${sub === TOTAL ? '' : signedNum(b, 2)}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>科目</th><th>人数</th><th>本校均分</th><th>全县均分</th><th>差</th><th>超均率</th><th>优秀率（本校/全县）</th><th>及格率（本校/全县）</th><th>低分率（本校/全县）</th><th>学科均衡（Z 差）</th></tr></thead><tbody>${body}</tbody></table>`;
}

function classTable(report: Report, code: string): string {
  const list = report.classes.filter((c) => c.school === code).sort((a, b) => (a.class < b.class ? -1 : a.class > b.class ? 1 : 0));
  if (!list.length) return '<p class="muted">无班级数据。</p>';
  const subs = report.subjects.filter((s) => s !== TOTAL);
  const body = list
    .map((c) => {
      const st = c.stats[TOTAL];
      return `<tr><td>${esc(c.class)}</td><td class="n">${c.n}</td>${subs.map((s) => `<td class="n">${num(c.stats[s]?.mean, 1)}</td>`).join('')}<td class="n">${num(st?.mean, 1)}</td><td class="n${cls(st?.over_mean_rate)}">${signedPct(st?.over_mean_rate)}</td><td class="n">${pct(st?.excellent_rate)}</td><td class="n">${pct(st?.pass_rate)}</td><td class="n">${pct(st?.low_rate)}</td><td class="n">${pct(c.allPassRate)}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>班级</th><th>人数</th>${subs.map((s) => `<th>${esc(s)}均分</th>`).join('')}<th>总分均分</th><th>超均率</th><th>优秀率</th><th>及格率</th><th>低分率</th><th>全科合格率</th></tr></thead><tbody>${body}</tbody></table>`;
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
  const cards = `
<div class="cards">
  <div class="card"><div>参考人数</div><div class="big">${report.district.n}</div><div>总分有效 ${total?.n ?? 0} 人${ctx.ownOnly ? '' : `，学校 ${report.schools.length} 所`}</div></div>
  <div class="card"><div>总分均分</div><div class="big">${num(total?.mean, 1)}</div><div>满分 ${num(full, 0)}，标准差 ${num(total?.sd, 1)}，得分率 ${pct(total?.score_rate)}</div></div>
  <div class="card"><div>全科合格率</div><div class="big">${pct(report.district.allPassRate)}</div><div>各科均及格的学生 / 各科均有成绩的学生</div></div>
  <div class="card"><div>校际差异系数</div><div class="big${cv.pass === false ? ' bad' : ''}">${num(cv.cv, 3)}</div><div>标准 &lt; ${num(cv.limit, 2)}：${cv.pass === null ? '—' : cv.pass ? '<span class="ok">达标</span>' : '<span class="bad">未达标</span>'}</div></div>
  <div class="card"><div>后${report.bottom.percentile}% 分数线</div><div class="big">${num(report.bottom.threshold, 1)}</div><div>${ctx.ownOnly ? '' : `后${report.bottom.percentile}%率预警学校 ${flagged.length} 所`}</div></div>
</div>`;
  const schoolCards = mine
    ? `<div class="cards">
  <div class="card"><div>本校参考人数</div><div class="big">${mine.n}</div><div>总分有效 ${mine.stats[TOTAL]?.n ?? 0} 人</div></div>
  <div class="card"><div>本校总分均分</div><div class="big">${num(mine.stats[TOTAL]?.mean, 1)}</div><div>超均率 <span class="${cls(mine.stats[TOTAL]?.over_mean_rate).trim()}">${signedPct(mine.stats[TOTAL]?.over_mean_rate)}</span></div></div>
  <div class="card"><div>本校全科合格率</div><div class="big">${pct(mine.allPassRate)}</div><div>全县 ${pct(report.district.allPassRate)}</div></div>
  <div class="card"><div>本校后${report.bottom.percentile}%率</div><div class="big${myBottom?.flagged ? ' bad' : ''}">${pct(myBottom?.rate)}</div><div>${myBottom?.flagged ? '<span class="bad">预警</span>' : '未预警'}</div></div>
</div>`
    : '';
  let n = 0;
  const h = (text: string) => `<h2>${['一', '二', '三', '四', '五', '六', '七'][n++]}、${text}</h2>`;
  const body = `
<h1>${esc(ctx.districtName)} ${esc(title)}</h1>
<p class="sub">考试：${esc(exam.name)}；日期 ${esc(exam.date ?? '—')}${exam.term ? `；${esc(exam.term)}` : ''}；${esc(exam.grade)} 年级 · ${esc(exam.type)}${exam.scope ? ` · ${esc(exam.scope)}` : ''}</p>
<p class="sub">科目：${esc(subjects)}；生成日期 ${at}${ctx.ownOnly && !school ? '；本报告只含本校数据与全县汇总' : ''}</p>
${school ? `${h(`${esc(schoolName(ctx, school))} 概况`)}${schoolCards}${h('各科与全县对比')}${schoolSubjects(report, school)}${h('班级')}${classTable(report, school)}${h('全县概况')}` : h('概况')}
${cards}
${h('三率一分（全县）')}
${subjectTable(exam, report)}
${h('总分分布')}
<div class="chart">${histogramSvg(report)}</div>
${shapeLine(report)}
${school ? '' : `${h('学校')}${report.schools.length ? schoolTable(report, ctx) : '<p class="muted">无学校数据。</p>'}`}
<div class="note">
<p>说明：优秀率、及格率、低分率按各科满分的比例划线，总分的线为各科分数线之和；超均率 =（均分 − 全县均分）/ 全县均分；全科合格率 = 各科均及格的学生 / 各科均有成绩的学生。校际差异系数为各校总分均分按人数加权的变异系数，标准 &lt; ${num(cv.limit, 2)}。后${report.bottom.percentile}%率为本校总分不高于全县第 ${report.bottom.percentile} 百分位数（${num(report.bottom.threshold, 1)} 分）的学生所占比例。缺考、作弊、免考不计入人数与总分。偏度、峰度为样本修正值（同 Excel SKEW/KURT），正态检验为 D'Agostino–Pearson K²。</p>
</div>`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}
