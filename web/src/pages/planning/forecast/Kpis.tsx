// The key figures of a forecast: students next year and at the horizon against the base year (with the band), classes
// needed against the rooms, the peak classroom shortfall, schools over capacity, and the backtest error against the
// naive "same as last year".
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import { FORECAST_FIGURES, type ForecastReport } from '../../../../../src/planning/forecast/contract.js';
import type { ForecastT } from './i18n.js';

interface Kpi {
  key: string;
  title: string;
  value: string;
  foot: string;
  help?: string;
  tone?: 'bad' | 'good';
}

export function Kpis({ r, t }: { r: ForecastReport; t: ForecastT }) {
  const d = r.aggregates.find((a) => a.kind === 'district');
  if (!d || r.baseYear === null || !d.forecast.length) return null;
  const now = d.history.find((h) => h.year === r.baseYear)?.students ?? null;
  const first = d.forecast[0];
  const last = d.forecast[d.forecast.length - 1];
  const change = (v: number) => (now ? t('kpiVsBase', { y: r.baseYear!, c: formatNumber((v - now) / now, FORECAST_FIGURES.change) }) : '');
  const band = (b: { low: number; high: number } | null) => (b ? t('kpiBand', { low: formatNumber(b.low, 0), high: formatNumber(b.high, 0) }) : '');
  const peak = d.forecast.reduce((p, f) => (f.shortfall > p.shortfall ? f : p), d.forecast[0]);
  // No school with a known classroom stock: no shortfall to speak of.
  const noStock = d.unknownStock === d.schools;
  const bt = r.backtest;
  const items: Kpi[] = [
    { key: 'next', title: t('kpiNext', { y: first.year }), value: formatNumber(first.students, 0), foot: [change(first.students), band(first.band)].filter(Boolean).join(' · ') },
    {
      key: 'end',
      title: t('kpiEnd', { y: last.year, h: r.params.horizon }),
      value: formatNumber(last.students, 0),
      foot: [change(last.students), band(last.band)].filter(Boolean).join(' · '),
    },
    {
      key: 'classes',
      title: t('kpiClasses', { y: first.year }),
      value: formatNumber(first.classes, 0),
      foot: noStock ? t('roomsUnknownAll') : t('kpiClassesFoot', { r: formatNumber(first.classrooms, 0) }),
    },
    {
      key: 'shortfall',
      title: t('kpiShortfall'),
      value: noStock ? formatNumber(null, 0) : formatNumber(peak.shortfall, 0),
      foot: noStock ? t('roomsUnknownAll') : peak.shortfall > 0 ? t('kpiShortfallFoot', { y: peak.year, s: formatNumber(peak.seatShortfall, 0) }) : t('kpiShortfallNone'),
      tone: noStock ? undefined : peak.shortfall > 0 ? 'bad' : 'good',
    },
    {
      key: 'over',
      title: t('kpiOver', { y: first.year }),
      value: noStock ? formatNumber(null, 0) : t('schoolsN', { n: formatNumber(first.overCapacity, 0) }),
      foot: noStock ? t('roomsUnknownAll') : t('kpiOverFoot', { y: last.year, n: formatNumber(last.overCapacity, 0) }),
      tone: !noStock && first.overCapacity > 0 ? 'bad' : undefined,
    },
    {
      key: 'mape',
      title: t('kpiMape'),
      value: bt.available ? formatPercent(bt.mape) : formatPercent(null),
      foot: bt.available ? t('kpiMapeFoot', { v: formatPercent(bt.naiveMape) }) : t('kpiMapeNone'),
      help: t('kpiMapeHelp'),
      tone: bt.available && bt.mape !== null && bt.naiveMape !== null ? (bt.mape <= bt.naiveMape ? 'good' : 'bad') : undefined,
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {items.map((k) => (
        <Col xs={12} md={8} xl={4} key={k.key}>
          <Card size="small" style={{ height: '100%' }} data-testid={`forecast-kpi-${k.key}`}>
            <Statistic
              title={
                <span>
                  {k.title}
                  {k.help && (
                    <Tooltip title={k.help}>
                      <InfoCircleOutlined style={{ marginLeft: 6 }} />
                    </Tooltip>
                  )}
                </span>
              }
              value={k.value}
              valueStyle={{ fontSize: 22, color: k.tone === 'bad' ? '#cf1322' : k.tone === 'good' ? '#389e0d' : undefined }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {k.foot}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
