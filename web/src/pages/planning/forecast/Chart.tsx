// The charts of one aggregate (the district, a level or a catchment): actual students over the history years, the
// forecast (dashed, starting from the base year's actual) and its uncertainty band (shaded, stacked from the lower
// bound); and per forecast year the classroom shortfall (Σ of the schools', bars from 0) with the schools over
// capacity. Every figure through the one formatter.
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { ForecastAggregate } from '../../../../../src/planning/forecast/contract.js';
import type { ForecastT } from './i18n.js';

const ACTUAL = '#1d4ed8';
const FORECAST = '#f59e0b';
const BAND = 'rgba(245, 158, 11, 0.18)';
const SHORT = '#ef4444';
const SCHOOLS = '#64748b';

export function ForecastChart({ agg, baseYear, coverage, t }: { agg: ForecastAggregate; baseYear: number; coverage: number; t: ForecastT }) {
  const option = useMemo<EChartOption>(() => {
    const years = [...agg.history.map((h) => h.year), ...agg.forecast.map((f) => f.year)];
    const hist = new Map(agg.history.map((h) => [h.year, h.students]));
    const fc = new Map(agg.forecast.map((f) => [f.year, f]));
    const base = hist.get(baseYear) ?? null;
    const actual = years.map((y) => hist.get(y) ?? null);
    const forecast = years.map((y) => (y === baseYear ? base : (fc.get(y)?.students ?? null)));
    const low = years.map((y) => fc.get(y)?.band?.low ?? (y === baseYear && base !== null && agg.forecast[0]?.band ? base : null));
    const width = years.map((y) => {
      const b = fc.get(y)?.band;
      return b ? b.high - b.low : y === baseYear && base !== null && agg.forecast[0]?.band ? 0 : null;
    });
    const bandName = t('seriesBand', { p: formatNumber(coverage, { decimals: 0, percent: true }) });
    return {
      legend: { top: 0, data: [t('seriesActual'), t('seriesForecast'), bandName] },
      grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: unknown) => {
          const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const y = years[i];
          const f = fc.get(y);
          const lines = [`<b>${y}</b>`];
          if (hist.has(y)) lines.push(`${t('seriesActual')}：${formatNumber(hist.get(y), 0)}`);
          if (f) {
            lines.push(`${t('seriesForecast')}：${formatNumber(f.students, 0)}`);
            if (f.band) lines.push(`${bandName}：${formatNumber(f.band.low, 0)}–${formatNumber(f.band.high, 0)}`);
          }
          return lines.join('<br/>');
        },
      },
      xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatNumber(v, 0) } },
      series: [
        { name: 'low', type: 'line', stack: 'band', data: low, symbol: 'none', lineStyle: { opacity: 0 }, silent: true, z: 1 },
        { name: bandName, type: 'line', stack: 'band', data: width, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: BAND }, itemStyle: { color: BAND }, silent: true, z: 1 },
        { name: t('seriesActual'), type: 'line', data: actual, itemStyle: { color: ACTUAL }, lineStyle: { width: 3 }, symbolSize: 7, z: 3 },
        { name: t('seriesForecast'), type: 'line', data: forecast, itemStyle: { color: FORECAST }, lineStyle: { width: 3, type: 'dashed' }, symbolSize: 6, z: 3 },
      ],
    };
  }, [agg, baseYear, coverage, t]);
  return <EChart option={option} height={300} data-testid="forecast-chart" />;
}

/** Per forecast year: the classroom shortfall (Σ of the schools', bars) and the schools over capacity (line). */
export function ShortfallChart({ agg, t }: { agg: ForecastAggregate; t: ForecastT }) {
  const option = useMemo<EChartOption>(
    () => ({
      legend: { top: 0, data: [t('seriesShortfall'), t('seriesOver')] },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatNumber(typeof v === 'number' ? v : null, 0) },
      xAxis: { type: 'category', data: agg.forecast.map((f) => String(f.year)) },
      yAxis: [
        { type: 'value', min: 0, minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v, 0) } },
        { type: 'value', min: 0, minInterval: 1, splitLine: { show: false }, axisLabel: { formatter: (v: number) => formatNumber(v, 0) } },
      ],
      series: [
        { name: t('seriesShortfall'), type: 'bar', data: agg.forecast.map((f) => f.shortfall), itemStyle: { color: SHORT }, barMaxWidth: 22 },
        { name: t('seriesOver'), type: 'line', yAxisIndex: 1, data: agg.forecast.map((f) => f.overCapacity), itemStyle: { color: SCHOOLS }, lineStyle: { color: SCHOOLS } },
      ],
    }),
    [agg, t],
  );
  return <EChart option={option} height={170} data-testid="forecast-shortfall-chart" />;
}
