// The levels and the catchments (townships) of a forecast in the year shown: base-year actual, forecast with its band,
// change, classes against classrooms, Σ shortfalls and schools over capacity.
import { useState } from 'react';
import { Segmented, Table, Tooltip, Typography } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import { FORECAST_FIGURES, type ForecastAggregate } from '../../../../../src/planning/forecast/contract.js';
import type { ForecastT } from './i18n.js';

export function AggregateTable({ aggregates, baseYear, year, t, label }: { aggregates: ForecastAggregate[]; baseYear: number; year: number; t: ForecastT; label: (a: ForecastAggregate) => string }) {
  const [kind, setKind] = useState<'level' | 'catchment'>('level');
  const rows = aggregates.filter((a) => a.kind === kind || a.kind === 'district');
  const at = (a: ForecastAggregate) => a.forecast.find((f) => f.year === year)!;
  const base = (a: ForecastAggregate) => a.history.find((h) => h.year === baseYear)?.students ?? null;
  const right = 'right' as const;
  return (
    <>
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as 'level' | 'catchment')}
        options={[
          { value: 'level', label: t('aggLevels') },
          { value: 'catchment', label: t('aggCatchments') },
        ]}
        style={{ marginBottom: 8 }}
        data-testid="forecast-agg-kind"
      />
      <Table<ForecastAggregate>
        size="small"
        rowKey={(a) => `${a.kind}|${a.key ?? ''}`}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 860 }}
        data-testid="forecast-agg-table"
        onRow={(a) => (a.kind === 'district' ? { style: { background: 'var(--ant-color-fill-quaternary, #fafafa)' } } : {})}
        columns={[
          { title: t('colScope'), key: 'scope', fixed: 'left' as const, width: 150, render: (_: unknown, a) => (a.kind === 'district' ? <b>{label(a)}</b> : label(a)) },
          { title: t('colSchools'), key: 'schools', align: right, width: 70, render: (_: unknown, a) => formatNumber(a.schools, 0) },
          { title: t('colBase', { y: baseYear }), key: 'base', align: right, render: (_: unknown, a) => formatNumber(base(a), 0) },
          {
            title: t('colForecast', { y: year }),
            key: 'forecast',
            align: right,
            render: (_: unknown, a) => {
              const f = at(a);
              return f.band ? (
                <Tooltip title={t('bandTip', { low: formatNumber(f.band.low, 0), high: formatNumber(f.band.high, 0) })}>
                  <span style={{ borderBottom: '1px dotted' }}>{formatNumber(f.students, 0)}</span>
                </Tooltip>
              ) : (
                formatNumber(f.students, 0)
              );
            },
          },
          {
            title: t('colChange'),
            key: 'change',
            align: right,
            render: (_: unknown, a) => {
              const b = base(a);
              return b ? formatNumber((at(a).students - b) / b, FORECAST_FIGURES.change) : formatNumber(null, 0);
            },
          },
          { title: t('colClasses'), key: 'classes', align: right, render: (_: unknown, a) => formatNumber(at(a).classes, 0) },
          {
            title: t('colRooms'),
            key: 'rooms',
            align: right,
            render: (_: unknown, a) =>
              a.unknownStock ? (
                <Tooltip title={t('unknownStock', { n: a.unknownStock })}>
                  <span style={{ borderBottom: '1px dotted' }}>{formatNumber(at(a).classrooms, 0)}*</span>
                </Tooltip>
              ) : (
                formatNumber(at(a).classrooms, 0)
              ),
          },
          {
            title: t('colShortfall'),
            key: 'shortfall',
            align: right,
            render: (_: unknown, a) => <Typography.Text type={at(a).shortfall > 0 ? 'danger' : undefined}>{formatNumber(at(a).shortfall, 0)}</Typography.Text>,
          },
          { title: t('colSeats'), key: 'seats', align: right, render: (_: unknown, a) => formatNumber(at(a).seatShortfall, 0) },
          { title: t('colOver'), key: 'over', align: right, render: (_: unknown, a) => formatNumber(at(a).overCapacity, 0) },
        ]}
      />
    </>
  );
}
