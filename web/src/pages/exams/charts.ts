// ECharts options of the exam reports: histogram with the fitted normal curve, box plots by school, the 后x% chart,
// the subject-balance heat map, class and student comparisons.
import { CHART_COLORS } from '../../components/EChart.js';
import type { ExamT } from './i18n.js';
import { AXIS_SPLIT, BLUE, num, pct, RED, round, signed, type AnyChartOption } from './shared.js';
import type { BottomSchool, ColumnShape, Stats } from './types.js';

/** Bars of the histogram by the band's middle: 低分, below 合格, 合格, 优秀. */
export const BAND_COLORS = { low: '#fca5a5', fail: '#cbd5e1', pass: '#93c5fd', excellent: '#3b82f6' } as const;

const bandLabel = (edges: number[], k: number) => `${+edges[k].toFixed(2)}–${+edges[k + 1].toFixed(2)}`;

/** Bars per score band and the normal density scaled to counts, with the mean and ±1 sd marked. */
export function histogramOption(shape: ColumnShape, stats: Stats, t: ExamT, cuts?: { excellent: number; pass: number; low: number }): AnyChartOption {
  const { edges, counts, normal } = shape.histogram;
  const labels = counts.map((_, k) => bandLabel(edges, k));
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  // The band that holds a score: for a mark line on the category axis.
  const bandOf = (x: number | null) => {
    if (x === null) return null;
    for (let k = 0; k < counts.length; k++) if (x < edges[k + 1] || k === counts.length - 1) return labels[k];
    return null;
  };
  const colorOf = (k: number) => {
    if (!cuts) return BAND_COLORS.pass;
    const mid = (edges[k] + edges[k + 1]) / 2;
    return mid >= cuts.excellent ? BAND_COLORS.excellent : mid >= cuts.pass ? BAND_COLORS.pass : mid < cuts.low ? BAND_COLORS.low : BAND_COLORS.fail;
  };
  const meanBand = bandOf(stats.mean);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 36, containLabel: true },
    legend: { top: 0, data: [t('r.count'), t('r.normal')] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: unknown) => {
        const list = ps as { dataIndex: number; seriesName: string; value: number; marker: string }[];
        const k = list[0]?.dataIndex ?? 0;
        const rows = list.map((p) => `${p.marker}${p.seriesName}: <b>${typeof p.value === 'number' ? (p.seriesName === t('r.count') ? p.value : num(p.value, 1)) : p.value}</b>`);
        return `${t('r.band')} ${labels[k]}<br/>${rows.join('<br/>')}<br/><span style="color:#64748b">${pct(counts[k] / total)}</span>`;
      },
    },
    xAxis: { type: 'category', data: labels, name: t('r.band'), nameLocation: 'middle', nameGap: 30, axisTick: { alignWithLabel: true }, axisLabel: { fontSize: 11, hideOverlap: true } },
    yAxis: { type: 'value', name: t('r.count'), minInterval: 1, splitLine: AXIS_SPLIT },
    series: [
      {
        type: 'bar',
        name: t('r.count'),
        barCategoryGap: '4%',
        data: counts.map((c, k) => ({ value: c, itemStyle: { color: colorOf(k), borderRadius: [2, 2, 0, 0] } })),
        markLine: meanBand
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#0f172a', type: 'dashed' },
              label: { formatter: `${t('r.mean')} ${num(stats.mean, 1)}`, position: 'end', color: '#0f172a' },
              data: [{ xAxis: meanBand }],
            }
          : undefined,
      },
      {
        type: 'line',
        name: t('r.normal'),
        smooth: true,
        symbol: 'none',
        lineStyle: { width: 2.5, color: '#f59e0b' },
        itemStyle: { color: '#f59e0b' },
        data: normal.map((x) => round(x, 2)),
        z: 5,
      },
    ],
  };
}

export interface BoxRow {
  name: string;
  stats: Stats;
  highlight?: boolean;
}

/** Horizontal box plots (min, Q1, median, Q3, max) by school, best median on top, with the district mean. */
export function boxplotOption(rows: BoxRow[], districtMean: number | null, full: number, t: ExamT): AnyChartOption {
  const list = rows.filter((r) => r.stats.n > 0 && r.stats.median !== null).sort((a, b) => (a.stats.median ?? 0) - (b.stats.median ?? 0));
  return {
    grid: { left: 8, right: 28, top: 16, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const x = p as { dataIndex: number; seriesType: string };
        const r = list[x.dataIndex];
        if (!r) return '';
        const s = r.stats;
        return `<b>${r.name}</b><br/>${t('r.n')}: ${s.n}<br/>${t('r.mean')}: ${num(s.mean, 1)}<br/>Max: ${num(s.max, 1)}<br/>Q3: ${num(s.q3, 1)}<br/>${t('r.median')}: ${num(s.median, 1)}<br/>Q1: ${num(s.q1, 1)}<br/>Min: ${num(s.min, 1)}`;
      },
    },
    yAxis: { type: 'category', data: list.map((r) => r.name), axisTick: { show: false }, axisLabel: { fontSize: 12, color: '#334155' } },
    xAxis: { type: 'value', min: 0, max: full, splitLine: AXIS_SPLIT },
    series: [
      {
        type: 'boxplot',
        name: t('r.boxplot'),
        boxWidth: [6, 18],
        itemStyle: { color: '#dbeafe', borderColor: BLUE, borderWidth: 1.2 },
        data: list.map((r) => ({
          value: [r.stats.min, r.stats.q1, r.stats.median, r.stats.q3, r.stats.max],
          itemStyle: r.highlight ? { color: '#fee2e2', borderColor: RED } : undefined,
        })),
        markLine:
          districtMean === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#f59e0b', type: 'dashed', width: 1.5 },
                label: { formatter: `${t('r.district')} ${num(districtMean, 1)}`, color: '#b45309' },
                data: [{ xAxis: districtMean }],
              },
      },
      {
        type: 'scatter',
        name: t('r.mean'),
        symbol: 'diamond',
        symbolSize: 7,
        itemStyle: { color: '#0f172a' },
        data: list.map((r, i) => [r.stats.mean, i]),
        tooltip: { show: false },
        z: 5,
      },
    ],
  };
}

/** Each school's 后x%率 as horizontal bars, highest on top; flagged schools in red; the district's x% as a line. */
export function bottomOption(rows: (BottomSchool & { name: string })[], x: number, t: ExamT): AnyChartOption {
  const list = rows.filter((r) => r.rate !== null).sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0));
  const maxRate = Math.max(x / 100, ...list.map((r) => r.rate ?? 0));
  return {
    grid: { left: 8, right: 48, top: 16, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: unknown) => {
        const p = (ps as { dataIndex: number }[])[0];
        const r = list[p?.dataIndex ?? 0];
        if (!r) return '';
        return `<b>${r.name}</b><br/>${t('r.bottomChart', { x })}: <b>${pct(r.rate)}</b><br/>${r.count} / ${r.n}${r.flagged ? `<br/><span style="color:${RED}">${t('r.flagged')}</span>` : ''}`;
      },
    },
    yAxis: { type: 'category', data: list.map((r) => r.name), axisTick: { show: false }, axisLabel: { fontSize: 12, color: '#334155' } },
    xAxis: { type: 'value', min: 0, max: Math.min(1, Math.ceil(maxRate * 10 + 0.5) / 10), axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: AXIS_SPLIT },
    series: [
      {
        type: 'bar',
        name: t('r.bottomChart', { x }),
        barMaxWidth: 18,
        data: list.map((r) => ({ value: round(r.rate, 4), itemStyle: { color: r.flagged ? RED : '#94a3b8', borderRadius: [0, 3, 3, 0] } })),
        label: { show: true, position: 'right', fontSize: 11, color: '#475569', formatter: (p: unknown) => pct((p as { value: number }).value ?? null) },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#0f172a', type: 'dashed', width: 1.5 },
          label: { formatter: `${t('r.district')} ${x}%`, color: '#0f172a' },
          data: [{ xAxis: x / 100 }],
        },
      },
    ],
  };
}

/** Schools × subjects, the balance index b_s (standardised gap minus the school's average), diverging colours. */
export function balanceHeatmapOption(schools: string[], subjects: string[], values: (number | null)[][], t: ExamT): AnyChartOption {
  const data: [number, number, number | null][] = [];
  let extent = 0.3;
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      data.push([j, i, v === null ? null : round(v, 2)]);
      if (v !== null) extent = Math.max(extent, Math.abs(v));
    }),
  );
  extent = Math.ceil(extent * 10) / 10;
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    tooltip: {
      formatter: (p: unknown) => {
        const d = (p as { value: [number, number, number | null] }).value;
        return `${schools[d[1]]}<br/>${subjects[d[0]]}: <b>${signed(d[2], 2)}</b>`;
      },
    },
    xAxis: { type: 'category', data: subjects, position: 'top', splitArea: { show: true }, axisTick: { show: false }, axisLabel: { color: '#334155' } },
    yAxis: { type: 'category', data: schools, inverse: true, splitArea: { show: true }, axisTick: { show: false }, axisLabel: { color: '#334155' } },
    visualMap: {
      min: -extent,
      max: extent,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemHeight: 220,
      precision: 2,
      text: [t('r.strong'), t('r.weak')],
      inRange: { color: ['#dc2626', '#fca5a5', '#f8fafc', '#86efac', '#16a34a'] },
    },
    series: [
      {
        type: 'heatmap',
        name: t('r.balance'),
        data,
        label: {
          show: true,
          fontSize: 11,
          formatter: (p: unknown) => {
            const v = (p as { value: [number, number, number | null] }).value[2];
            return signed(v, 2);
          },
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } },
      },
    ],
  };
}

/** Grouped bars of score rate per subject: the school against the district (and, on a report card, class/student). */
export function scoreRateBars(subjects: string[], series: { name: string; values: (number | null)[]; color?: string }[]): AnyChartOption {
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? pct(v) : '—') },
    xAxis: { type: 'category', data: subjects, axisTick: { show: false } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: AXIS_SPLIT },
    series: series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 22,
      itemStyle: { color: s.color ?? CHART_COLORS[i % CHART_COLORS.length], borderRadius: [3, 3, 0, 0] },
      data: s.values.map((v) => round(v, 4)),
    })),
  };
}

/** Class comparison: mean 总分 per class (bars) and 超均率 (line) against the district. */
export function classChartOption(classes: { name: string; mean: number | null; over: number | null }[], districtMean: number | null, schoolMean: number | null, t: ExamT): AnyChartOption {
  return {
    grid: { left: 8, right: 72, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: classes.map((c) => c.name), axisTick: { show: false }, axisLabel: { interval: 0, rotate: classes.length > 10 ? 30 : 0 } },
    yAxis: [
      {
        type: 'value',
        name: t('r.mean'),
        splitLine: AXIS_SPLIT,
        // From 0: bars whose axis starts higher would make small differences look large.
        min: 0,
      },
      { type: 'value', name: t('r.overMean'), splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    ],
    series: [
      {
        type: 'bar',
        name: t('r.mean'),
        barMaxWidth: 36,
        itemStyle: { color: '#93c5fd', borderRadius: [3, 3, 0, 0] },
        data: classes.map((c) => round(c.mean, 1)),
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            ...(districtMean === null
              ? []
              : [{ yAxis: round(districtMean, 1), name: t('r.district'), lineStyle: { color: '#f59e0b', type: 'dashed' as const }, label: { formatter: `${t('r.district')} {c}`, color: '#b45309' } }]),
            ...(schoolMean === null
              ? []
              : [
                  {
                    yAxis: round(schoolMean, 1),
                    name: t('s.schoolMean'),
                    lineStyle: { color: BLUE, type: 'dotted' as const },
                    label: { formatter: `${t('s.schoolMean')} {c}`, color: BLUE, position: 'insideEndTop' },
                  },
                ]),
          ],
        },
      },
      {
        type: 'line',
        name: t('r.overMean'),
        yAxisIndex: 1,
        symbolSize: 7,
        itemStyle: { color: '#8b5cf6' },
        data: classes.map((c) => round(c.over, 4)),
        tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? pct(v) : '—') },
      },
    ],
  };
}

/** Radar of score rates (0–1) per subject: the student against class, school and district. */
export function radarOption(subjects: string[], series: { name: string; values: (number | null)[]; color: string; area?: boolean }[]): AnyChartOption {
  return {
    legend: { bottom: 0 },
    tooltip: { trigger: 'item' },
    radar: {
      indicator: subjects.map((s) => ({ name: s, max: 1, min: 0 })),
      radius: '64%',
      center: ['50%', '48%'],
      splitNumber: 4,
      axisName: { color: '#334155' },
      splitArea: { areaStyle: { color: ['#fbfcfe', '#f4f6fb'] } },
    },
    series: [
      {
        type: 'radar',
        symbolSize: 5,
        data: series.map((s) => ({
          name: s.name,
          value: s.values.map((v) => round(v, 3) ?? 0),
          itemStyle: { color: s.color },
          lineStyle: { color: s.color, width: s.area ? 2.5 : 1.5, type: s.area ? 'solid' : 'dashed' },
          areaStyle: s.area ? { color: s.color, opacity: 0.15 } : undefined,
        })),
      },
    ],
  };
}
