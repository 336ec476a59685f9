// The additions of the fitness report (/wellbeing): the trend over years (district and each school against the
// target), the schools furthest below the target, per-item figures by grade and sex, and the distribution of totals.
// Every figure goes through the one number formatter; withheld figures show as such.
import { useMemo, useState } from 'react';
import { Alert, Empty, Grid, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import type { FitnessReport, FitnessTrendPoint } from '../../../../../src/wellbeing/contract.js';
import type { WbT } from '../i18n.js';

type Metric = 'passRate' | 'goodRate' | 'excellentRate' | 'meanTotal';
const RATE_METRICS: Metric[] = ['passRate', 'goodRate', 'excellentRate'];
const yearLabel = (y: number) => `${y}–${y + 1}`;
/** A rate or mean as the chart plots it: per cent for rates; null when withheld or absent. */
const plotted = (p: FitnessTrendPoint | undefined, m: Metric) => {
  const v = p?.[m] ?? null;
  return v === null ? null : RATE_METRICS.includes(m) ? Number(formatNumber(v * 100, { decimals: 1, grouping: false })) : Number(formatNumber(v, { decimals: 1, grouping: false }));
};
const shown = (m: Metric, v: number | null) => (RATE_METRICS.includes(m) ? formatPercent(v) : formatNumber(v, 1));

function Withheld({ t, min }: { t: WbT; min: number }) {
  return (
    <Tooltip title={t('suppressed', { n: min })}>
      <Typography.Text type="secondary">{formatNumber(null, 0)}</Typography.Text>
    </Tooltip>
  );
}

/** The scopes a panel can show: the district and the schools of the report (in the caller's scope). */
function scopes(data: FitnessReport, districtLabel: string) {
  return [{ value: '*', label: districtLabel }, ...data.cells.filter((c) => c.school !== null && c.grade === null).map((c) => ({ value: c.school!, label: c.schoolName ?? c.school! }))];
}

export function TrendPanel({ data, t, districtLabel }: { data: FitnessReport; t: WbT; districtLabel: string }) {
  const [scope, setScope] = useState('*');
  const [metric, setMetric] = useState<Metric>('passRate');
  const narrow = !Grid.useBreakpoint().md;
  const school = data.trend.schools.find((s) => s.school === scope);
  const years = data.trend.district.map((p) => p.year);
  const series = [{ name: districtLabel, points: data.trend.district }, ...(school ? [{ name: school.schoolName ?? school.school, points: school.points }] : [])];
  // Rates: the axis from a little below the lowest value (and the target) up to 100 %, so that changes of a point show.
  const values = [
    ...series.flatMap((x) =>
      years.map((y) =>
        plotted(
          x.points.find((p) => p.year === y),
          metric,
        ),
      ),
    ),
    ...(metric === 'passRate' ? [data.target.percent] : []),
  ].filter((v): v is number => v !== null);
  const low = values.length ? Math.max(0, Math.floor((Math.min(...values) - 5) / 5) * 5) : 0;
  const option: EChartOption = {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? formatNumber(null, 0) : RATE_METRICS.includes(metric) ? `${formatNumber(Number(v), 1)}%` : formatNumber(Number(v), 1)),
    },
    xAxis: { type: 'category', data: years.map(yearLabel) },
    yAxis: {
      type: 'value',
      min: RATE_METRICS.includes(metric) ? low : undefined,
      max: RATE_METRICS.includes(metric) ? 100 : undefined,
      interval: RATE_METRICS.includes(metric) ? (100 - low <= 30 ? 5 : 100 - low <= 60 ? 10 : 20) : undefined,
      scale: !RATE_METRICS.includes(metric),
      axisLabel: { formatter: RATE_METRICS.includes(metric) ? '{value}%' : '{value}' },
    },
    series: series.map((s, i) => ({
      type: 'line',
      name: s.name,
      connectNulls: false,
      lineStyle: i === 1 ? { type: 'dashed' } : undefined,
      data: years.map((y) =>
        plotted(
          s.points.find((p) => p.year === y),
          metric,
        ),
      ),
      markLine:
        i === 0 && metric === 'passRate'
          ? {
              symbol: 'none',
              animation: false,
              lineStyle: { color: '#dc2626', type: 'dashed', width: 1.5 },
              label: { formatter: t('targetLine', { p: formatPercent(data.target.percent / 100, 0) }), position: 'insideEndTop' },
              data: [{ yAxis: data.target.percent }],
            }
          : undefined,
    })),
  };
  const rows = (school?.points ?? data.trend.district).map((p) => ({ ...p, key: p.year }));
  return (
    <div data-testid="fitness-trend">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('trendOf')}</Typography.Text>
        <Select value={scope} onChange={setScope} options={scopes(data, districtLabel)} style={{ width: narrow ? 200 : 260 }} showSearch optionFilterProp="label" data-testid="fitness-trend-scope" />
        <Segmented<Metric> value={metric} onChange={setMetric} options={(['passRate', 'goodRate', 'excellentRate', 'meanTotal'] as const).map((m) => ({ value: m, label: t(m) }))} />
      </Space>
      {years.length < 2 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('trendNone')} />}
      <EChart option={option} height={narrow ? 240 : 300} data-testid="fitness-trend-chart" />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('trendTable')}：{school ? (school.schoolName ?? school.school) : districtLabel}
      </Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 640 }}
        columns={[
          { title: t('colYear'), key: 'y', render: (_: unknown, p: FitnessTrendPoint) => t('yearLabel', { y: p.year, y1: p.year + 1 }) },
          { title: t('colTested'), key: 'n', align: 'right' as const, render: (_: unknown, p: FitnessTrendPoint) => formatNumber(p.tested, 0) },
          ...(['passRate', 'goodRate', 'excellentRate', 'meanTotal'] as const).map((m) => ({
            title: t(m),
            key: m,
            align: 'right' as const,
            render: (_: unknown, p: FitnessTrendPoint) => (p.suppressed ? <Withheld t={t} min={data.minCellSize} /> : shown(m, p[m])),
          })),
        ]}
      />
    </div>
  );
}

export function BelowTargetPanel({ data, t }: { data: FitnessReport; t: WbT }) {
  type B = FitnessReport['belowTarget'][number];
  if (data.belowTarget.length === 0) return <Empty description={t('belowNone')} data-testid="fitness-below" />;
  return (
    <div data-testid="fitness-below">
      <Typography.Paragraph type="secondary">{t('belowNote', { n: data.minCellSize })}</Typography.Paragraph>
      <Table<B>
        size="small"
        rowKey="school"
        pagination={false}
        dataSource={data.belowTarget}
        scroll={{ x: 560 }}
        columns={[
          { title: t('colSchool'), key: 'school', render: (_: unknown, b: B) => b.schoolName ?? b.school },
          { title: t('colScored'), key: 'scored', align: 'right' as const, render: (_: unknown, b: B) => formatNumber(b.scored, 0) },
          { title: t('colPass'), key: 'pass', align: 'right' as const, render: (_: unknown, b: B) => formatPercent(b.passRate) },
          { title: t('colGap'), key: 'gap', align: 'right' as const, render: (_: unknown, b: B) => formatNumber(b.gapPoints, 1) },
          { title: t('colShort'), key: 'short', align: 'right' as const, render: (_: unknown, b: B) => formatNumber(b.short, 0) },
        ]}
      />
    </div>
  );
}

export function ItemsPanel({
  data,
  t,
  districtLabel,
  gradeName,
  onScope,
  loading,
}: {
  data: FitnessReport;
  t: WbT;
  districtLabel: string;
  gradeName: (g: number) => string;
  onScope: (school: string | undefined) => void;
  loading: boolean;
}) {
  const grades = useMemo(() => [...new Set(data.items.figures.map((f) => f.grade))].sort((a, b) => a - b), [data]);
  const [grade, setGrade] = useState<number | undefined>(undefined);
  const g = grade !== undefined && grades.includes(grade) ? grade : grades[0];
  type F = FitnessReport['items']['figures'][number];
  const figs = data.items.figures.filter((f) => f.grade === g);
  // BMI is scored by weight band, not by levels: its points are 100 normal, 80 under- or overweight, 60 obese (the
  // pack's bmi.points), so its shares at ≥ 90, 80–89 and 60–79 points are the bands' shares; shown apart.
  const items = data.itemOrder.filter((i) => i !== 'bmi' && figs.some((f) => f.item === i));
  const cell = (item: string, sex: 'M' | 'F' | null) => figs.find((f) => f.item === item && f.sex === sex);
  const fig = (f: F | undefined, k: 'passRate' | 'goodRate' | 'excellentRate' | 'meanPoints') =>
    !f ? formatNumber(null, 0) : f.suppressed ? <Withheld t={t} min={data.minCellSize} /> : k === 'meanPoints' ? formatNumber(f[k], 1) : formatPercent(f[k]);
  const bmi = (['', 'M', 'F'] as const).map((sx) => ({ key: sx || 'all', label: sx === '' ? t('both') : t(sx === 'M' ? 'boys' : 'girls'), f: cell('bmi', sx === '' ? null : sx) }));
  const share = (f: F | undefined, v: (f: F) => number | null) => (!f ? formatNumber(null, 0) : f.suppressed ? <Withheld t={t} min={data.minCellSize} /> : formatPercent(v(f)));
  const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  type BmiRow = (typeof bmi)[number];
  const group = (sex: 'M' | 'F' | null, title: string) => ({
    title,
    children: [
      { title: t('colItemScored'), key: `${sex}-n`, align: 'right' as const, render: (_: unknown, r: { item: string }) => formatNumber(cell(r.item, sex)?.scored ?? null, 0) },
      { title: t('colItemPass'), key: `${sex}-p`, align: 'right' as const, render: (_: unknown, r: { item: string }) => fig(cell(r.item, sex), 'passRate') },
      { title: t('colItemGood'), key: `${sex}-g`, align: 'right' as const, render: (_: unknown, r: { item: string }) => fig(cell(r.item, sex), 'goodRate') },
      { title: t('colItemExc'), key: `${sex}-e`, align: 'right' as const, render: (_: unknown, r: { item: string }) => fig(cell(r.item, sex), 'excellentRate') },
      { title: t('colItemMean'), key: `${sex}-m`, align: 'right' as const, render: (_: unknown, r: { item: string }) => fig(cell(r.item, sex), 'meanPoints') },
    ],
  });
  return (
    <div data-testid="fitness-items">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('itemsOf')}</Typography.Text>
        <Select
          value={data.items.school ?? '*'}
          onChange={(v: string) => onScope(v === '*' ? undefined : v)}
          options={scopes(data, districtLabel)}
          style={{ width: 240 }}
          showSearch
          optionFilterProp="label"
          data-testid="fitness-items-scope"
        />
        <Typography.Text>{t('itemsGrade')}</Typography.Text>
        <Select value={g} onChange={setGrade} options={grades.map((x) => ({ value: x, label: gradeName(x) }))} style={{ width: 110 }} data-testid="fitness-items-grade" />
      </Space>
      <Typography.Paragraph type="secondary">{t('itemsNote')}</Typography.Paragraph>
      <Table
        size="small"
        bordered
        rowKey="item"
        loading={loading}
        pagination={false}
        dataSource={items.map((item) => ({ item }))}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('colItem'), key: 'item', fixed: 'left' as const, width: 120, render: (_: unknown, r: { item: string }) => data.itemNames[r.item] ?? r.item },
          group(null, t('both')),
          group('M', t('boys')),
          group('F', t('girls')),
        ]}
      />
      {bmi.some((b) => b.f) && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('bmiTitle')}
          </Typography.Title>
          <Table<BmiRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={bmi}
            scroll={{ x: 560 }}
            data-testid="fitness-items-bmi"
            columns={[
              { title: '', key: 'label', dataIndex: 'label' },
              { title: t('colItemScored'), key: 'n', align: 'right' as const, render: (_: unknown, b: BmiRow) => formatNumber(b.f?.scored ?? null, 0) },
              { title: t('bmiNormal'), key: 'normal', align: 'right' as const, render: (_: unknown, b: BmiRow) => share(b.f, (f) => f.excellentRate) },
              { title: t('bmiOff'), key: 'off', align: 'right' as const, render: (_: unknown, b: BmiRow) => share(b.f, (f) => minus(f.goodRate, f.excellentRate)) },
              { title: t('bmiObese'), key: 'obese', align: 'right' as const, render: (_: unknown, b: BmiRow) => share(b.f, (f) => minus(f.passRate, f.goodRate)) },
            ]}
          />
        </>
      )}
    </div>
  );
}

export function DistributionPanel({ data, t, districtLabel }: { data: FitnessReport; t: WbT; districtLabel: string }) {
  const [scope, setScope] = useState('*');
  const narrow = !Grid.useBreakpoint().md;
  const cell = data.cells.find((c) => (scope === '*' ? c.school === null : c.school === scope) && c.grade === null);
  const bins = cell?.histogram ?? null;
  const labels = (bins ?? []).map((_, i) => (i === bins!.length - 1 ? `${i * 10}–${i * 10 + 10}` : `${i * 10}–`));
  const option: EChartOption = {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => {
        const p = (Array.isArray(ps) ? ps[0] : ps) as { dataIndex: number; value: number };
        const lo = p.dataIndex * 10;
        const last = p.dataIndex === (bins?.length ?? 0) - 1;
        return `${lo} ≤ ${t('distAxis')} ${last ? '≤' : '<'} ${lo + 10}<br/>${t('distCount')}：${formatNumber(p.value, 0)}`;
      },
    },
    xAxis: { type: 'category', data: labels, name: narrow ? '' : t('distAxis'), axisLabel: { interval: 0, rotate: narrow ? 45 : 0 } },
    yAxis: { type: 'value', name: t('distCount'), minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: (bins ?? []).map((n, i) => ({ value: n, itemStyle: { color: i >= 9 ? '#16a34a' : i >= 8 ? '#0ea5a4' : i >= 6 ? '#1d4ed8' : '#ef4444' } })),
        barCategoryGap: '10%',
      },
    ],
  };
  return (
    <div data-testid="fitness-distribution">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('distOf')}</Typography.Text>
        <Select value={scope} onChange={setScope} options={scopes(data, districtLabel)} style={{ width: 260 }} showSearch optionFilterProp="label" data-testid="fitness-dist-scope" />
      </Space>
      {!cell ? (
        <Empty />
      ) : bins === null ? (
        <Alert type="info" showIcon message={t('distWithheld', { n: data.minCellSize })} />
      ) : (
        <EChart option={option} height={narrow ? 240 : 300} data-testid="fitness-dist-chart" />
      )}
    </div>
  );
}
