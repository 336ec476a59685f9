// Charts of the growth pages: the error-bar chart of value-added with intervals (schools or classes), the
// achievement × growth quadrant scatter, and a class's entry-vs-exit scatter with the district's regression line.
// ECharts types registered here besides the shared ones: scatter, custom (the interval bars), mark areas.
import * as echarts from 'echarts/core';
import { CustomChart, ScatterChart } from 'echarts/charts';
import { MarkAreaComponent, DataZoomComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { EChart } from '../../components/EChart.js';
import { gf, gfInterval } from '../../../../src/growth/figures.js';
import type { GrowthT } from './i18n.js';
import type { Label, Quadrant, ShownSchool, StudentRow } from './types.js';

// LabelLayout: without it ECharts ignores `labelLayout` (hideOverlap, moveOverlap) and the quadrant's labels overlap.
echarts.use([ScatterChart, CustomChart, MarkAreaComponent, DataZoomComponent, LabelLayout]);

export const LABEL_COLOR: Record<Label, string> = { above: '#16a34a', expected: '#1d4ed8', below: '#dc2626' };
export const AXIS_SPLIT = { lineStyle: { type: 'dashed', color: '#eef0f4' } } as const;

/** Options of the chart types registered above are not in EChartOption's union: plain objects, checked by ECharts. */
export type AnyOption = Record<string, unknown>;

export function GrowthChart({
  option,
  height,
  testId,
  onClick,
}: {
  option: AnyOption;
  height?: number;
  testId?: string;
  onClick?: (p: { dataIndex: number; name: string; seriesName?: string; value: unknown }) => void;
}) {
  return <EChart option={option} height={height} data-testid={testId} onClick={onClick} />;
}

export { gf, gfInterval };

export interface BarRow {
  name: string;
  n: number;
  effect: number;
  se: number;
  lower: number;
  upper: number;
  label: Label;
}

/** Effects with 95% intervals, one row each, sorted with the largest on top; `narrow` (a phone): shorter names, no values at the right. */
export function errorBarOption(rows: BarRow[], t: GrowthT, narrow = false): AnyOption {
  const sorted = [...rows].sort((a, b) => a.effect - b.effect); // category axis draws bottom-up
  const names = sorted.map((r) => r.name);
  const lo = Math.min(0, ...sorted.map((r) => r.lower));
  const hi = Math.max(0, ...sorted.map((r) => r.upper));
  const pad = (hi - lo) * 0.05 || 0.05;
  const tooltip = (i: number) => {
    const r = sorted[i];
    return `<b>${r.name}</b><br/>${t('c.effect')}: ${gf('effect', r.effect)}<br/>SE: ${gf('se', r.se)}<br/>${t('c.interval')}: ${gf('bound', r.lower)} ~ ${gf('bound', r.upper)}<br/>n = ${r.n} · ${t(`l.${r.label}`)}`;
  };
  return {
    grid: { left: 8, right: narrow ? 16 : 96, top: 16, bottom: 36, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => tooltip(p.dataIndex) },
    xAxis: {
      type: 'value',
      min: Math.floor((lo - pad) * 20) / 20,
      max: Math.ceil((hi + pad) * 20) / 20,
      splitLine: AXIS_SPLIT,
      splitNumber: narrow ? 3 : 5,
      axisLabel: { formatter: (v: number) => gf('bound', v), showMinLabel: false, showMaxLabel: false },
      name: narrow ? '' : 'SD',
      nameGap: 8,
    },
    yAxis: { type: 'category', data: names, axisTick: { show: false }, axisLabel: { width: narrow ? 96 : 170, overflow: 'truncate', color: '#334155' } },
    series: [
      {
        type: 'custom',
        name: t('c.interval'),
        encode: { x: [1, 2], y: 0 },
        data: sorted.map((r, i) => [i, r.lower, r.upper]),
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (v: number[]) => number[]; size: (v: number[]) => number[]; style: () => object }) => {
          const i = api.value(0);
          const a = api.coord([api.value(1), i]);
          const b = api.coord([api.value(2), i]);
          const h = Math.min(8, api.size([0, 1])[1] * 0.35);
          const stroke = LABEL_COLOR[sorted[i].label];
          const line = (x1: number, y1: number, x2: number, y2: number) => ({ type: 'line', shape: { x1, y1, x2, y2 }, style: { stroke, lineWidth: 2 } });
          return { type: 'group', children: [line(a[0], a[1], b[0], b[1]), line(a[0], a[1] - h, a[0], a[1] + h), line(b[0], b[1] - h, b[0], b[1] + h)] };
        },
        z: 2,
      },
      {
        type: 'scatter',
        name: t('c.effect'),
        data: sorted.map((r, i) => ({ value: [r.effect, i], itemStyle: { color: LABEL_COLOR[r.label] } })),
        symbolSize: 10,
        z: 3,
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#475569', type: 'solid', width: 1.2 }, label: { show: false }, data: [{ xAxis: 0 }] },
      },
      {
        // The value at the right edge of each row (not on a phone: the tooltip has it).
        type: 'scatter',
        data: sorted.map((r, i) => ({
          value: [Math.ceil((hi + pad) * 20) / 20, i],
          symbolSize: 0,
          label: { show: !narrow, position: 'right', formatter: `${gf('effect', r.effect)}  n = ${gf('count', r.n)}`, color: '#64748b', fontSize: 11 },
        })),
        tooltip: { show: false },
        silent: true,
      },
    ],
  };
}

/**
 * Achievement (or entry) × growth. A label that would overlap another is moved up or down, else hidden — the larger
 * school (bigger dot) keeps its label (labelLayout); the tooltip and the list beside the chart name every school.
 * `narrow` (a phone): no labels at all.
 */
export function quadrantOption(rows: ShownSchool[], axis: 'achievement' | 'entry', labels: Record<Quadrant, { zh: string; en: string }>, lang: 'zh' | 'en', t: GrowthT, narrow = false): AnyOption {
  const xv = (s: ShownSchool) => (axis === 'entry' ? s.entryMean : s.achievement);
  const xs = rows.map(xv);
  const ys = rows.map((s) => s.effect);
  // Symmetric around the district (0), rounded up to a tick, so that the four quadrants fill the plot.
  const xr = Math.ceil((Math.max(0.3, ...xs.map(Math.abs)) * 1.15) / 0.25) * 0.25;
  const yr = Math.ceil((Math.max(0.1, ...ys.map(Math.abs)) * 1.2) / 0.1) * 0.1;
  const q = (k: Quadrant) => (lang === 'en' ? labels[k].en : labels[k].zh);
  const area = (k: Quadrant, x0: number, y0: number, x1: number, y1: number, color: string, position: string) => [
    { name: q(k), xAxis: x0, yAxis: y0, itemStyle: { color }, label: { position, color: '#475569', fontWeight: 600, fontSize: 13 } },
    { xAxis: x1, yAxis: y1 },
  ];
  return {
    grid: { left: 56, right: 24, top: 24, bottom: 48 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { school: ShownSchool } }) => {
        const s = p.data.school;
        return `<b>${s.name}</b><br/>${t('c.effect')}: ${gf('effect', s.effect)} (SE ${gf('se', s.se)})<br/>${t('c.achievement')}: ${gf('meanZ', s.achievement)}<br/>${t('c.entryMean')}: ${gf('meanZ', s.entryMean)}<br/>n = ${s.n}`;
      },
    },
    xAxis: {
      type: 'value',
      min: -xr,
      max: xr,
      name: axis === 'entry' ? t('chart.axisEntry') : t('chart.axisAchievement'),
      nameLocation: 'middle',
      nameGap: 28,
      splitLine: AXIS_SPLIT,
      axisLabel: { formatter: (v: number) => gf('meanZ', v) },
      axisLine: { onZero: false },
    },
    yAxis: {
      type: 'value',
      min: -yr,
      max: yr,
      name: t('chart.axisGrowth'),
      nameLocation: 'middle',
      nameGap: 42,
      splitLine: AXIS_SPLIT,
      axisLabel: { formatter: (v: number) => gf('meanZ', v) },
      axisLine: { onZero: false },
    },
    series: [
      {
        type: 'scatter',
        data: rows.map((s) => ({
          value: [xv(s), s.effect],
          school: s,
          name: s.name,
          itemStyle: { color: LABEL_COLOR[s.label], opacity: 0.85 },
          symbolSize: Math.max(8, Math.min(30, Math.sqrt(s.n) * 1.3)),
        })),
        // On a phone the plot is too small for names: a tap shows the school (emphasis), the list below names them all.
        label: { show: !narrow, position: 'right', formatter: (p: { data: { school: ShownSchool } }) => p.data.school.name, fontSize: 11, color: '#334155' },
        emphasis: { label: { show: true, fontWeight: 600 } },
        labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#475569', type: 'solid', width: 1 }, label: { show: false }, data: [{ xAxis: 0 }, { yAxis: 0 }] },
        markArea: {
          silent: true,
          data: [
            area('high-achievement-high-growth', 0, 0, xr, yr, 'rgba(22,163,74,0.06)', 'insideTopRight'),
            area('low-achievement-high-growth', -xr, 0, 0, yr, 'rgba(29,78,216,0.05)', 'insideTopLeft'),
            area('high-achievement-low-growth', 0, -yr, xr, 0, 'rgba(217,119,6,0.06)', 'insideBottomRight'),
            area('low-achievement-low-growth', -xr, -yr, 0, 0, 'rgba(220,38,38,0.06)', 'insideBottomLeft'),
          ],
        },
      },
    ],
  };
}

/** Entry vs exit points of students with the district line and the school's line (the line + its value-added). */
export function studentScatterOption(
  students: StudentRow[],
  line: { intercept: number; slope: number },
  schoolShift: number | null,
  t: GrowthT,
  selected: string | null,
  shiftName: string = t('chart.schoolLine'),
): AnyOption {
  const xs = students.map((s) => s.pre);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y = (x: number) => line.intercept + line.slope * x;
  return {
    grid: { left: 56, right: 24, top: 36, bottom: 48 },
    legend: { top: 0, data: [t('chart.line'), ...(schoolShift !== null ? [shiftName] : [])] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesType: string; data: { s?: StudentRow } }) => {
        const s = p.data?.s;
        if (!s) return '';
        return `<b>${s.name ?? s.studentId}</b> ${s.class}<br/>${t('st.pre')} ${s.pre} → ${t('st.post')} ${s.post}<br/>${t('st.expected')} ${gf('score', s.expected)} · ${t('st.residual')} ${gf('z', s.residualZ)}${s.sgp !== null ? `<br/>SGP ${s.sgp}` : ''}`;
      },
    },
    xAxis: { type: 'value', name: t('st.pre'), nameLocation: 'middle', nameGap: 28, scale: true, splitLine: AXIS_SPLIT },
    yAxis: { type: 'value', name: t('st.post'), nameLocation: 'middle', nameGap: 42, scale: true, splitLine: AXIS_SPLIT },
    series: [
      {
        type: 'scatter',
        name: t('chart.scatter'),
        data: students.map((s) => ({
          value: [s.pre, s.post],
          s,
          itemStyle: {
            color: s.residualZ >= 0 ? '#16a34a' : '#dc2626',
            opacity: selected === s.studentId ? 1 : 0.7,
            borderColor: selected === s.studentId ? '#111827' : undefined,
            borderWidth: selected === s.studentId ? 2 : 0,
          },
          symbolSize: selected === s.studentId ? 14 : 8,
        })),
      },
      {
        type: 'line',
        name: t('chart.line'),
        data: [
          [x0, y(x0)],
          [x1, y(x1)],
        ],
        symbol: 'none',
        itemStyle: { color: '#1d4ed8' },
        lineStyle: { color: '#1d4ed8', width: 2 },
        tooltip: { show: false },
      },
      ...(schoolShift !== null
        ? [
            {
              type: 'line',
              name: shiftName,
              data: [
                [x0, y(x0) + schoolShift],
                [x1, y(x1) + schoolShift],
              ],
              symbol: 'none',
              itemStyle: { color: '#0ea5a4' },
              lineStyle: { color: '#0ea5a4', width: 1.5, type: 'dashed' },
              tooltip: { show: false },
            },
          ]
        : []),
    ],
  };
}
