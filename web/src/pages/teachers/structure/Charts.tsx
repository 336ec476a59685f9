// The structure's charts, one bar per school (horizontal: long school names and many schools read on a phone too): the
// age bands of the full-time teachers stacked to 100 %, and the 骨干 share with the target (30 %) as a line, bars
// below it in red. Every figure through the one formatter.
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { AGE_BANDS, ageBandLabel, STRUCTURE_FIGURES, type StructureSchool } from '../../../../../src/teachers/structure/contract.js';
import { useI18n } from '../../../i18n.js';
import type { StructureT } from './i18n.js';

export const AGE_COLORS = ['#22c55e', '#1d4ed8', '#f59e0b', '#ef4444'];
const MET = '#0ea5a4';
const NOT_MET = '#ef4444';

const heightFor = (n: number) => Math.max(160, 60 + n * 26);
const pct = (v: number | null) => formatNumber(v, STRUCTURE_FIGURES.share);
/** The schools with 专任 teachers (the others have no shares). */
const withShares = (schools: StructureSchool[]) => schools.filter((s) => s.fullTime > 0);

export function AgeChart({ schools, t }: { schools: StructureSchool[]; t: StructureT }) {
  const { lang } = useI18n();
  const rows = withShares(schools);
  const option = useMemo<EChartOption>(
    () => ({
      legend: { top: 0, type: 'scroll', data: AGE_BANDS.map((b) => ageBandLabel(b, lang)) },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const s = rows[i];
          if (!s) return '';
          return [`<b>${s.name}</b>`, ...s.ageBands.map((a) => t('bandTip', { label: ageBandLabel(a.band, lang), n: a.count, p: pct(a.share) }))].join('<br/>');
        },
      },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => formatNumber(v, { decimals: 0, percent: true }) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((s) => s.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: AGE_BANDS.map((b, j) => ({
        name: ageBandLabel(b, lang),
        type: 'bar',
        stack: 'age',
        barMaxWidth: 18,
        itemStyle: { color: AGE_COLORS[j] },
        data: rows.map((s) => s.ageBands[j].share ?? 0),
      })),
    }),
    [rows, lang, t],
  );
  return <EChart option={option} height={heightFor(rows.length)} data-testid="structure-age-chart" />;
}

export function BackboneChart({ schools, target, t }: { schools: StructureSchool[]; target: number; t: StructureT }) {
  const rows = withShares(schools);
  // The axis ends at the next 10 % above the largest share and the target (room for the bars' labels).
  const top = Math.min(1, Math.ceil(Math.max(target, ...rows.map((s) => s.backbone.share ?? 0)) * 10 + 0.5) / 10);
  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const s = rows[(ps as { dataIndex: number }[])[0]?.dataIndex ?? 0];
          return s ? `<b>${s.name}</b><br/>${pct(s.backbone.share)}（${s.backbone.count}/${s.fullTime}）` : '';
        },
      },
      xAxis: { type: 'value', min: 0, max: top, interval: 0.1, axisLabel: { formatter: (v: number) => formatNumber(v, { decimals: 0, percent: true }) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((s) => s.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((s) => ({ value: s.backbone.share ?? 0, itemStyle: { color: s.backbone.met ? MET : NOT_MET } })),
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => pct(typeof p.value === 'number' ? p.value : null), fontSize: 11 },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: '#64748b' },
            label: { formatter: t('targetLine', { p: pct(target) }), position: 'start' },
            data: [{ xAxis: target }],
          },
        },
      ],
    }),
    [rows, target, top, t],
  );
  return <EChart option={option} height={heightFor(rows.length)} data-testid="structure-backbone-chart" />;
}
