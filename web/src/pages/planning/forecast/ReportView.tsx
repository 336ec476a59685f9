// One forecast report on the page (from the registry or from a file): what to know first (no backtest, births only in
// part, housing, closed schools), the key figures, the chart of the district (or a level or catchment), the needs for
// new or enlarged schools, the levels and catchments, and every school — in the year chosen.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Select, Space, Typography } from 'antd';
import { bilingual } from '../../../api.js';
import { useI18n } from '../../../i18n.js';
import { useLabels, useMe } from '../../../session.js';
import { districtTerm } from '../../../../../src/core/district-term.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { ForecastAggregate, ForecastReport } from '../../../../../src/planning/forecast/contract.js';
import { AggregateTable } from './AggregateTable.js';
import { ForecastChart, ShortfallChart } from './Chart.js';
import { Kpis } from './Kpis.js';
import { NeedsCard } from './NeedsCard.js';
import { SchoolTable } from './SchoolTable.js';
import type { ForecastT } from './i18n.js';

export function ReportView({ r, t }: { r: ForecastReport; t: ForecastT }) {
  const { lang, pick } = useI18n();
  const me = useMe();
  const labels = useLabels();
  const term = districtTerm(me.districtName);
  const [year, setYear] = useState<number | null>(null);
  const [scope, setScope] = useState('district|');
  const shown = year !== null && r.forecastYears.includes(year) ? year : (r.forecastYears[0] ?? null);
  const level = (l: string | null) => (l === null ? t('unknownLevel') : labels.level(l));
  const township = (s: string | null) => s ?? t('noTownship');
  const label = (a: ForecastAggregate) => (a.kind === 'district' ? (lang === 'en' ? `The ${term.en}` : term.zh) : a.kind === 'level' ? level(a.key) : township(a.key));
  const keyOf = (a: ForecastAggregate) => `${a.kind}|${a.key ?? ''}`;
  const agg = r.aggregates.find((a) => keyOf(a) === scope) ?? r.aggregates[0];

  // Forecast years in which some school's entry grade still uses the window mean although births were asked for.
  const meanYears = useMemo(() => (r.params.entry === 'births' ? r.forecastYears.filter((y) => r.schools.some((s) => s.forecast.find((f) => f.year === y)?.entry.source === 'mean')) : []), [r]);
  if (r.baseYear === null || shown === null || !agg) return null;

  return (
    <div>
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }} size={8}>
        {r.source === 'file' && <Alert type="info" showIcon message={t('fromFileNote', { file: r.fileName ?? '' })} data-testid="forecast-file-note" />}
        {!r.backtest.available && <Alert type="warning" showIcon message={t('noBacktest', { reason: bilingual(r.backtest.reason, lang) })} data-testid="forecast-no-backtest" />}
        {meanYears.length > 0 && <Alert type="info" showIcon message={t('birthsPartial', { years: meanYears.join(t('listSep')) })} />}
        {r.housing.length > 0 && <Alert type="info" showIcon message={t('housingNote', { n: r.housing.length })} />}
        {r.closedSchools.length > 0 && <Alert type="info" showIcon message={t('closedNote', { names: r.closedSchools.map((s) => s.name).join(t('listSep')) })} />}
      </Space>
      <Kpis r={r} t={t} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={t('chartTitle')}
            extra={
              <Select
                size="small"
                value={keyOf(agg)}
                onChange={setScope}
                style={{ width: 170 }}
                options={r.aggregates.map((a) => ({ value: keyOf(a), label: label(a) }))}
                aria-label={t('chartScope')}
                data-testid="forecast-chart-scope"
              />
            }
          >
            <ForecastChart agg={agg} baseYear={r.baseYear} coverage={r.params.coverage} t={t} />
            {agg.unknownStock < agg.schools && <ShortfallChart agg={agg} t={t} />}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <NeedsCard needs={r.needs} t={t} township={township} level={level} />
        </Col>
      </Row>
      <Card
        size="small"
        title={t('aggTitle')}
        style={{ marginBottom: 12 }}
        extra={
          <Space size={6}>
            <Typography.Text type="secondary">{t('shownYear')}</Typography.Text>
            <Select size="small" value={shown} onChange={setYear} options={r.forecastYears.map((y) => ({ value: y, label: String(y) }))} style={{ width: 90 }} data-testid="forecast-year" />
          </Space>
        }
      >
        <AggregateTable aggregates={r.aggregates} baseYear={r.baseYear} year={shown} t={t} label={label} />
      </Card>
      <Card size="small" title={t('schoolsTitle', { y: shown })} style={{ marginBottom: 12 }}>
        <SchoolTable r={r} year={shown} t={t} level={level} township={township} gradeName={labels.grade} />
      </Card>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="forecast-class-sizes">
        {t('classSizeNote', {
          p: r.params.classSize.primary,
          j: r.params.classSize.junior,
          pack: pick(r.params.standard.name, r.params.standard.nameEn),
          l: r.params.classSize.large,
          h: r.params.classSize.huge,
          c: formatNumber(r.params.coverage, { decimals: 0, percent: true }),
        })}
      </Typography.Paragraph>
    </div>
  );
}
