// The results tab: responses and response rate per school against the sample target; the recognition rate
// (社会认可度) with its 95 % Wilson interval as bars with error bars and the gate line (≥ 85 %, the rule's data); per
// dimension and per question distributions for the district or one school. Withheld units (fewer than minCellSize
// responses) show as “人数过少” and never a number. While the survey is open only codes and responses per school are
// shown, with a note that the results appear once it is closed. Export as .xlsx.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { CustomChart } from 'echarts/charts';
import { API, download } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { useI18n } from '../../../i18n.js';
import { useMe } from '../../../session.js';
import { DownloadButton } from '../../../components/DownloadButton.js';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { ErrorResult } from '../../../components/Problem.js';
import { districtTerm } from '../../../../../src/core/district-term.js';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import type { Questionnaire, Rate, ResultUnit, Results } from '../../../../../src/wellbeing/surveys/contract.js';
import type { SvT } from './i18n.js';
import { byDimension } from './QuestionnaireTab.js';
import { dimensionName, textOf, type Lang } from './shared.js';

// Error bars are drawn by a custom series (whiskers at the interval's ends); registered once, beside the app's charts.
echarts.use([CustomChart]);

const pct = (v: number | null | undefined, d = 1) => formatPercent(v === null || v === undefined ? null : v / 100, d);
const GOOD = '#16a34a';
const BAD = '#dc2626';

export function ResultsTab({ t, id }: { t: SvT; id: number }) {
  const { lang } = useI18n();
  const me = useMe();
  const r = useCall(API.surveys.results, { params: { id } });
  const [unitKey, setUnitKey] = useState<string>('*');
  if (r.error) return <ErrorResult error={r.error} onRetry={r.reload} />;
  const data = r.data;
  if (!data) return <Card loading />;
  const term = districtTerm(me.districtName);
  const unitName = (u: ResultUnit) => (u.school === null ? (lang === 'en' ? term.en : term.zh) : (u.schoolName ?? u.school));
  const unit = data.units.find((u) => (u.school ?? '*') === unitKey) ?? data.units[0];
  const district = data.units.find((u) => u.school === null) ?? null;
  const small = t('r.small', { n: data.minCellSize });
  const rule = data.rule;
  // The chart shows the units with responses (a withheld one by name only); the table lists every school.
  const charted = data.units.filter((u) => u.responses > 0 || u.suppressed);
  const names = new Map(data.units.map((u) => [u.school, unitName(u)]));
  const leftOut = data.estimator.leftOut.map((c) => names.get(c) ?? c).join(lang === 'en' ? ', ' : '、');

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="survey-results">
      <Card size="small">
        <Flex justify="space-between" align="start" wrap gap={8}>
          <Typography.Text type="secondary" style={{ maxWidth: 820 }} data-testid="results-gate">
            {t('r.gateSource', { p: rule.thresholdPercent, source: lang === 'en' ? rule.sourceEn : rule.source, id: rule.id, v: rule.version, k: rule.topOptions })}
          </Typography.Text>
          <DownloadButton get={() => download(API.surveys.resultsXlsx, { params: { id } }, `${data.survey.title}.xlsx`)} data-testid="results-export">
            {t('r.export')}
          </DownloadButton>
        </Flex>
        {data.final && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="results-estimator">
            {t(data.estimator.method === 'stratified' ? 'r.estimatorStratified' : 'r.estimatorPooled')}
            {leftOut && ` ${t('r.estimatorLeftOut', { s: leftOut })}`}
          </Typography.Paragraph>
        )}
        {!data.final && <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('r.pendingTitle')} description={t('r.pendingText')} data-testid="results-pending" />}
        {district && <Kpis t={t} unit={district} small={small} threshold={rule.thresholdPercent} final={data.final} />}
      </Card>
      {data.final && (
        <Card size="small" title={t('r.chart')}>
          {charted.length === 0 ? (
            <Empty description={t('r.noResponses')} />
          ) : (
            <RateChart
              t={t}
              bars={charted.map((u) => ({ name: unitName(u), rate: u.suppressed ? null : (u.overall ?? null), suppressed: u.suppressed }))}
              threshold={rule.thresholdPercent}
              small={small}
              testId="results-chart"
            />
          )}
        </Card>
      )}
      <Card size="small" title={t('r.bySchool')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('r.smallNote', { n: data.minCellSize })}
        </Typography.Paragraph>
        <UnitsTable t={t} data={data} unitName={unitName} small={small} />
      </Card>
      {data.final && (
        <>
          <Card
            size="small"
            title={t('r.byDimension')}
            extra={
              <Space>
                <Typography.Text type="secondary">{t('r.unit')}</Typography.Text>
                <Select
                  value={unit.school ?? '*'}
                  onChange={setUnitKey}
                  style={{ width: 220 }}
                  showSearch
                  optionFilterProp="label"
                  options={data.units.map((u) => ({ value: u.school ?? '*', label: unitName(u) }))}
                  data-testid="results-unit"
                />
              </Space>
            }
          >
            {unit.suppressed ? (
              <Tag data-testid="results-unit-small">{small}</Tag>
            ) : unit.responses === 0 || !unit.dimensions ? (
              <Empty description={t('r.noResponses')} />
            ) : (
              <RateChart
                t={t}
                bars={unit.dimensions.map((d) => ({ name: dimensionName(d.dimension, lang), rate: d.rate, suppressed: false }))}
                threshold={rule.thresholdPercent}
                small={small}
                testId="results-dimensions"
              />
            )}
          </Card>
          <Card size="small" title={`${t('r.byQuestion')} · ${unitName(unit)}`}>
            {unit.suppressed ? (
              <Typography.Text type="secondary">{t('r.withheld')}</Typography.Text>
            ) : unit.responses === 0 || !unit.questions ? (
              <Empty description={t('r.noResponses')} />
            ) : (
              <QuestionTable t={t} lang={lang} questionnaire={data.questionnaire} unit={unit} topOptions={rule.topOptions} />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}

function Kpis({ t, unit, small, threshold, final }: { t: SvT; unit: ResultUnit; small: string; threshold: number; final: boolean }) {
  const o = unit.overall;
  return (
    <Row gutter={[16, 12]} style={{ marginTop: 12 }} data-testid="results-kpis">
      <Col xs={12} md={6}>
        <Statistic title={t('r.responses')} value={formatNumber(unit.responses, 0)} />
        {unit.target !== null && (
          <Typography.Text type="secondary">
            {t('r.target')} {formatNumber(unit.target, 0)}
          </Typography.Text>
        )}
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('r.responseRate')} value={pct(unit.responseRate)} />
      </Col>
      <Col xs={24} md={12}>
        <Statistic title={t('r.recognition')} value={!final ? t('r.pending') : unit.suppressed ? small : pct(o?.rate ?? null)} />
        {!unit.suppressed && o && o.rate !== null && (
          <Space wrap>
            <Typography.Text type="secondary">{t('r.interval', { low: pct(o.low), high: pct(o.high) })}</Typography.Text>
            <GateTag t={t} meets={o.meetsGate} threshold={threshold} />
          </Space>
        )}
      </Col>
    </Row>
  );
}

function GateTag({ t, meets, threshold }: { t: SvT; meets: boolean | null; threshold: number }) {
  if (meets === null) return null;
  return (
    <Tooltip title={t('r.gate', { p: threshold })}>
      <Tag color={meets ? 'green' : 'red'}>{t(meets ? 'r.gateMet' : 'r.gateNotMet')}</Tag>
    </Tooltip>
  );
}

interface Bar {
  name: string;
  rate: Rate | null;
  suppressed: boolean;
}

/** Horizontal bars of rates (percent) with 95 % interval whiskers and the gate line; withheld bars are named, not drawn. */
function RateChart({ t, bars, threshold, small, testId }: { t: SvT; bars: Bar[]; threshold: number; small: string; testId: string }) {
  const option = useMemo<EChartOption>(() => {
    const names = bars.map((b) => (b.suppressed ? `${b.name} · ${small}` : b.name));
    const custom = {
      type: 'custom',
      name: '95%',
      silent: true,
      z: 10,
      data: bars.flatMap((b, i) => (b.rate && b.rate.low !== null && b.rate.high !== null ? [[b.rate.low, b.rate.high, i]] : [])),
      encode: { x: [0, 1], y: 2 },
      renderItem: (_p: unknown, api: { value: (i: number) => number; coord: (v: number[]) => number[]; size: (v: number[]) => number[] }) => {
        const lo = api.coord([api.value(0), api.value(2)]);
        const hi = api.coord([api.value(1), api.value(2)]);
        const h = Math.max(4, api.size([0, 1])[1] * 0.22);
        const style = { stroke: '#0f172a', lineWidth: 1.5 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0], y1: lo[1] - h, x2: lo[0], y2: lo[1] + h }, style },
            { type: 'line', shape: { x1: hi[0], y1: hi[1] - h, x2: hi[0], y2: hi[1] + h }, style },
          ],
        };
      },
    };
    return {
      grid: { left: 8, right: 56, top: 30, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const b = bars[i];
          if (!b) return '';
          if (b.suppressed || !b.rate || b.rate.rate === null) return `${b.name}<br/>${b.suppressed ? small : '—'}`;
          return `${b.name}<br/>${t('r.rate')} ${pct(b.rate.rate)}<br/>${t('r.interval', { low: pct(b.rate.low), high: pct(b.rate.high) })}<br/>n = ${formatNumber(b.rate.respondents, 0)}`;
        },
      },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => pct(v, 0) } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t('r.rate'),
          barMaxWidth: 22,
          data: bars.map((b) => ({
            value: b.rate?.rate ?? null,
            itemStyle: { color: b.rate?.meetsGate === true ? GOOD : b.rate?.meetsGate === false ? BAD : '#94a3b8' },
          })),
          label: { show: true, position: 'insideLeft', color: '#fff', fontWeight: 600, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? pct(p.value) : '') },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#d97706', type: 'dashed', width: 2 },
            label: { formatter: t('r.gate', { p: threshold }), position: 'start', color: '#b45309' },
            data: [{ xAxis: threshold }],
          },
        },
        custom,
      ],
    } as unknown as EChartOption;
  }, [bars, threshold, small, t]);
  return <EChart option={option} height={Math.max(160, 60 + bars.length * 34)} data-testid={testId} />;
}

function UnitsTable({ t, data, unitName, small }: { t: SvT; data: Results; unitName: (u: ResultUnit) => string; small: string }) {
  const smallTag = <Tag data-testid="results-small">{small}</Tag>;
  const pending = <Typography.Text type="secondary">{t('r.pending')}</Typography.Text>;
  return (
    <Table<ResultUnit>
      rowKey={(u) => u.school ?? '*'}
      size="small"
      pagination={false}
      dataSource={data.units}
      scroll={{ x: 980 }}
      data-testid="results-table"
      columns={[
        { title: t('r.school'), key: 's', fixed: 'left' as const, width: 180, render: (_: unknown, u: ResultUnit) => (u.school === null ? <strong>{unitName(u)}</strong> : unitName(u)) },
        { title: t('r.codes'), key: 'c', align: 'right' as const, render: (_: unknown, u: ResultUnit) => formatNumber(u.codesIssued - u.codesVoided, 0) },
        { title: t('r.responses'), key: 'n', align: 'right' as const, render: (_: unknown, u: ResultUnit) => formatNumber(u.responses, 0) },
        { title: t('r.responseRate'), key: 'rr', align: 'right' as const, render: (_: unknown, u: ResultUnit) => pct(u.responseRate) },
        { title: t('r.target'), key: 'tg', align: 'right' as const, render: (_: unknown, u: ResultUnit) => formatNumber(u.target, 0) },
        {
          title: t('r.targetMet'),
          key: 'tm',
          render: (_: unknown, u: ResultUnit) => (u.targetMet === null ? formatNumber(null, 0) : <Tag color={u.targetMet ? 'green' : 'orange'}>{t(u.targetMet ? 'r.yes' : 'r.no')}</Tag>),
        },
        { title: t('r.margin'), key: 'm', align: 'right' as const, render: (_: unknown, u: ResultUnit) => (u.suppressed ? formatNumber(null, 1) : formatNumber(u.marginPercent, 1)) },
        { title: t('r.rate'), key: 'rate', align: 'right' as const, render: (_: unknown, u: ResultUnit) => (u.suppressed ? smallTag : !data.final ? pending : pct(u.overall?.rate ?? null)) },
        {
          title: t('r.ci'),
          key: 'ci',
          render: (_: unknown, u: ResultUnit) => (u.suppressed || !u.overall || u.overall.rate === null ? '' : `${pct(u.overall.low)} – ${pct(u.overall.high)}`),
        },
        {
          title: t('r.gate', { p: data.rule.thresholdPercent }),
          key: 'g',
          render: (_: unknown, u: ResultUnit) => (u.suppressed || !u.overall ? null : <GateTag t={t} meets={u.overall.meetsGate} threshold={data.rule.thresholdPercent} />),
        },
      ]}
    />
  );
}

/** Option colours of a scale, best (green) to worst (red); choice questions take the chart palette. */
const SCALE_COLORS: Record<number, string[]> = {
  3: ['#16a34a', '#cbd5e1', '#dc2626'],
  4: ['#16a34a', '#86efac', '#fca5a5', '#dc2626'],
  5: ['#15803d', '#4ade80', '#cbd5e1', '#f87171', '#b91c1c'],
  6: ['#15803d', '#4ade80', '#bbf7d0', '#fecaca', '#f87171', '#b91c1c'],
  7: ['#15803d', '#22c55e', '#86efac', '#cbd5e1', '#fca5a5', '#ef4444', '#b91c1c'],
};
const CHOICE_COLORS = ['#1d4ed8', '#0ea5a4', '#f59e0b', '#8b5cf6', '#ef4444', '#64748b', '#22c55e', '#ec4899', '#0891b2', '#a16207'];

function QuestionTable({ t, lang, questionnaire, unit, topOptions }: { t: SvT; lang: Lang; questionnaire: Questionnaire; unit: ResultUnit; topOptions: number }) {
  const answers = new Map((unit.questions ?? []).map((q) => [q.questionId, q]));
  return (
    <div data-testid="results-questions">
      {byDimension(questionnaire.questions).map((g) => (
        <div key={g.dimension} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{dimensionName(g.dimension, lang)}</Typography.Text>
          {g.items.map(({ q, index }) => {
            const a = answers.get(q.id);
            const n = a?.answered ?? 0;
            const colors = q.type === 'scale' ? (SCALE_COLORS[q.options.length] ?? CHOICE_COLORS) : CHOICE_COLORS;
            return (
              <div key={q.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <span>
                    {index + 1}. {textOf(q.text, lang)} {q.counts && <Tag color="blue">{t('r.counted')}</Tag>}
                  </span>
                  <Typography.Text type="secondary">
                    {t('r.answered')} {formatNumber(n, 0)}
                  </Typography.Text>
                </Flex>
                {n > 0 && (
                  <>
                    <div style={{ display: 'flex', height: 14, borderRadius: 3, overflow: 'hidden', margin: '6px 0', background: '#f1f5f9' }}>
                      {q.options.map((o, k) => {
                        const c = a?.counts[o.value] ?? 0;
                        return c > 0 ? (
                          <div key={o.value} title={`${textOf(o.label, lang)} ${formatNumber(c, 0)}`} style={{ width: `${(100 * c) / n}%`, background: colors[k % colors.length] }} />
                        ) : null;
                      })}
                    </div>
                    <Flex gap={12} wrap style={{ fontSize: 12 }}>
                      {q.options.map((o, k) => {
                        const c = a?.counts[o.value] ?? 0;
                        return (
                          <span key={o.value} style={{ fontWeight: q.counts && k < topOptions ? 600 : 400 }}>
                            <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: colors[k % colors.length], marginRight: 4 }} />
                            {textOf(o.label, lang)} {lang === 'en' ? `${formatNumber(c, 0)} (${formatPercent(c / n)})` : `${formatNumber(c, 0)}（${formatPercent(c / n)}）`}
                          </span>
                        );
                      })}
                    </Flex>
                  </>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
