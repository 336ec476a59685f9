// The charts of the homework and sleep page: per grade, the mean against the limit (bars and the limit as a step
// line, the share beyond it in the tooltip); the distribution over the bands; the trend over the years. Every figure
// through the one formatter; withheld cells draw no bar.
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import type { BurdenCellWire, BurdenTrendPoint } from '../../../../../src/wellbeing/burden/contract.js';
import type { BurdenT } from './i18n.js';

const BAR = '#1d4ed8';
const LIMIT = '#ef4444';
const grid = { left: 8, right: 12, top: 44, bottom: 8, containLabel: true };

/** Mean homework (or sleep) per grade of one scope, with the grade's limit (or target) as a step line. */
export function GradeChart({ kind, cells, t, gradeName }: { kind: 'homework' | 'sleep'; cells: BurdenCellWire[]; t: BurdenT; gradeName: (g: number) => string }) {
  const option = useMemo<EChartOption>(() => {
    const grades = cells.filter((c) => c.grade !== null && c.sex === null).sort((a, b) => a.grade! - b.grade!);
    const hw = kind === 'homework';
    const off = (c: BurdenCellWire) => (hw ? c.homeworkSuppressed : c.sleepSuppressed);
    const mean = (c: BurdenCellWire) => (off(c) ? null : hw ? c.meanHomework : c.meanSleep);
    const limit = (c: BurdenCellWire) => (hw ? c.homeworkLimit : c.sleepTarget);
    const share = (c: BurdenCellWire) => (hw ? c.overShare : c.sleepShortShare);
    const d = hw ? 1 : 2;
    return {
      legend: { top: 0, data: [t(hw ? 'seriesMeanHw' : 'seriesMeanSleep'), t(hw ? 'seriesLimit' : 'seriesTarget')] },
      grid,
      tooltip: {
        trigger: 'axis',
        formatter: (ps: unknown) => {
          const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const c = grades[i];
          if (!c) return '';
          return [
            `<b>${gradeName(c.grade!)}</b>`,
            `${t(hw ? 'seriesMeanHw' : 'seriesMeanSleep')}：${formatNumber(mean(c), d)}`,
            `${t(hw ? 'seriesLimit' : 'seriesTarget')}：${formatNumber(limit(c), hw ? 0 : 0)}`,
            `${t(hw ? 'seriesOver' : 'seriesShort')}：${formatPercent(off(c) ? null : share(c))}`,
          ].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: grades.map((c) => gradeName(c.grade!)), axisLabel: { interval: 0, rotate: grades.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', min: hw ? 0 : 6, axisLabel: { formatter: (v: number) => formatNumber(v, 0) } },
      series: [
        { name: t(hw ? 'seriesMeanHw' : 'seriesMeanSleep'), type: 'bar', data: grades.map(mean), itemStyle: { color: BAR }, barMaxWidth: 36 },
        {
          name: t(hw ? 'seriesLimit' : 'seriesTarget'),
          type: 'line',
          step: 'middle',
          symbol: 'none',
          data: grades.map(limit),
          lineStyle: { color: LIMIT, type: 'dashed', width: 2 },
          itemStyle: { color: LIMIT },
        },
      ],
    };
  }, [kind, cells, t, gradeName]);
  return <EChart option={option} height={280} data-testid={`burden-chart-${kind}`} />;
}

/** Pupils per band of one cell, as shares of those who answered. */
export function DistributionChart({ kind, cell, labels, t }: { kind: 'homework' | 'sleep'; cell: BurdenCellWire | undefined; labels: string[]; t: BurdenT }) {
  const option = useMemo<EChartOption>(() => {
    const counts = (kind === 'homework' ? cell?.homeworkBands : cell?.sleepBands) ?? null;
    const n = kind === 'homework' ? (cell?.homeworkAnswered ?? 0) : (cell?.sleepAnswered ?? 0);
    return {
      title: { text: t(kind === 'homework' ? 'distHomework' : 'distSleep'), textStyle: { fontSize: 13, fontWeight: 'normal' }, left: 0, top: 0 },
      grid: { ...grid, top: 36, bottom: 4 },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: unknown) => {
          const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          return counts ? `${labels[i]}<br/>${t('distPupils')}：${formatNumber(counts[i], 0)}（${formatPercent(n ? counts[i] / n : null)}）` : '';
        },
      },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0, fontSize: 11 } },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
      series: [{ type: 'bar', data: counts ? counts.map((c) => (n ? c / n : 0)) : [], itemStyle: { color: kind === 'homework' ? BAR : '#0ea5a4' }, barMaxWidth: 40 }],
    };
  }, [kind, cell, labels, t]);
  return <EChart option={option} height={240} data-testid={`burden-dist-${kind}`} />;
}

/** The district's (or one school's) share over the homework limit and short of sleep per year. */
export function TrendChart({ points, t }: { points: BurdenTrendPoint[]; t: BurdenT }) {
  const option = useMemo<EChartOption>(
    () => ({
      legend: { top: 0 },
      grid,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v : null) },
      xAxis: { type: 'category', data: points.map((p) => `${p.year}–${p.year + 1}`) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
      series: [
        { name: t('seriesOver'), type: 'line', data: points.map((p) => (p.homeworkSuppressed ? null : p.overShare)), itemStyle: { color: BAR } },
        { name: t('seriesShort'), type: 'line', data: points.map((p) => (p.sleepSuppressed ? null : p.sleepShortShare)), itemStyle: { color: '#0ea5a4' } },
      ],
    }),
    [points, t],
  );
  return <EChart option={option} height={240} data-testid="burden-trend" />;
}
