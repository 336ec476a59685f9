// 趋势: each indicator's CV over the years against its limit (one chart per level) and schools passing per year.
import { useMemo } from 'react';
import { Card, Col, Empty, Flex, Row, Skeleton, Table, Tag } from 'antd';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { yearLabel } from '../../session.js';
import { formatCv } from '../../../../src/balance/figures.js';
import { CHART_COLORS, EChart, type EChartOption } from '../../components/EChart.js';
import { ErrorResult } from '../../components/Problem.js';
import { LEVELS, packQuery, PassTag, RED, usePackText, type BalanceLevel, type StandardPack, type Trend } from './shared.js';

function LevelTrend({ trend, level, pack }: { trend: Trend; level: BalanceLevel; pack: StandardPack | null }) {
  const { t, lang } = useI18n();
  const text = usePackText(pack);
  const years = useMemo(() => trend.years.filter((y) => y.levels[level]), [trend, level]);
  const keys = useMemo(() => years[0]?.levels[level]?.indicators.map((i) => i.key) ?? [], [years, level]);

  const cvOption = useMemo<EChartOption>(() => {
    const limits = years.flatMap((y) => y.levels[level]!.indicators.map((i) => i.limit ?? y.levels[level]!.composite?.limit ?? null)).filter((x): x is number => x !== null);
    const limit = limits[0] ?? null;
    const sameLimit = limit !== null && limits.every((l) => l === limit);
    const composite = years.some((y) => y.levels[level]!.composite);
    const perYearLimit = years.map((y) => y.levels[level]!.composite?.limit ?? y.levels[level]!.indicators[0]?.limit ?? null);
    return {
      color: CHART_COLORS,
      grid: { left: 8, right: 80, top: 78, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, right: 0, itemWidth: 14, itemHeight: 8, itemGap: 12, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatCv(v as number) },
      xAxis: { type: 'category', data: years.map((y) => yearLabel(y.year, lang)), boundaryGap: false, axisTick: { show: false } },
      yAxis: {
        type: 'value',
        name: t('balance.cv'),
        min: 0,
        max: (v: { max: number }) => Math.ceil(Math.max(v.max, ...limits) * 1.15 * 10) / 10,
        splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } },
      },
      series: [
        ...keys.map((k, idx) => ({
          type: 'line' as const,
          name: text.short(k),
          data: years.map((y) => y.levels[level]!.indicators.find((i) => i.key === k)?.cv ?? null),
          symbolSize: 6,
          lineStyle: { width: composite ? 1.2 : 2, opacity: composite ? 0.7 : 1 },
          ...(idx === 0 && sameLimit
            ? {
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: RED, type: 'dashed' as const, width: 1.5 },
                  label: { formatter: `${t('balance.limit')} ${text.limit(limit)}`, position: 'end' as const, color: RED },
                  data: [{ yAxis: limit }],
                },
              }
            : {}),
        })),
        ...(composite
          ? [
              {
                type: 'line' as const,
                name: t('balance.compositeShort'),
                data: years.map((y) => y.levels[level]!.composite?.cv ?? null),
                symbolSize: 9,
                lineStyle: { width: 3.5, color: '#0f172a' },
                itemStyle: { color: '#0f172a' },
                z: 5,
              },
            ]
          : []),
        ...(!sameLimit ? [{ type: 'line' as const, name: t('balance.limit'), data: perYearLimit, symbol: 'none', lineStyle: { color: RED, type: 'dashed' as const } }] : []),
      ],
    };
  }, [years, keys, level, text, t, lang]);

  const passOption = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 8 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: years.map((y) => yearLabel(y.year, lang)), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
      series: [
        {
          type: 'bar',
          name: t('balance.schoolsPassingShort'),
          data: years.map((y) => y.levels[level]!.schoolsPassing),
          itemStyle: { color: '#16a34a', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 28,
          label: { show: true, position: 'top', fontSize: 11 },
        },
        { type: 'bar', name: t('balance.counted'), data: years.map((y) => y.levels[level]!.counted), itemStyle: { color: '#cbd5e1', borderRadius: [3, 3, 0, 0] }, barMaxWidth: 28 },
      ],
    }),
    [years, level, t, lang],
  );

  const perSchool = years.some((y) => y.levels[level]!.schoolsPassing !== null);
  return (
    <Card
      variant="borderless"
      title={text.level(level)}
      extra={
        <Flex gap={4} wrap>
          {years.map((y) => (
            <Tag key={y.year} variant="outlined" style={{ marginInlineEnd: 0 }}>
              {yearLabel(y.year, lang)} <PassTag pass={y.levels[level]!.pass} />
            </Tag>
          ))}
        </Flex>
      }
    >
      {years.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={perSchool ? 16 : 24}>
            <EChart option={cvOption} height={340} data-testid={`balance-trend-cv-${level === '小学' ? 'primary' : 'junior'}`} />
          </Col>
          {perSchool && (
            <Col xs={24} xl={8}>
              <div className="jh-chart-title">{t('balance.schoolsPassingByYear')}</div>
              <EChart option={passOption} height={316} />
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}

export function TrendTab({ standard, version, pack }: { standard: string; version: number | null; pack: StandardPack | null }) {
  const { t, lang } = useI18n();
  const { data, error, reload } = useCall(API.balance.trend, { query: packQuery(null, standard, version) }, { silent: true });
  const text = usePackText(pack);
  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!data)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  const levels = LEVELS.filter((l) => data.years.some((y) => y.levels[l.key]));
  // Total gaps per year: a compact table under the charts (only for packs with per-school standards).
  const gapKeys = pack?.schoolRule ? pack.indicators.map((i) => i.key) : [];
  return (
    <Flex vertical gap={16}>
      {levels.map((l) => (
        <LevelTrend key={l.key} trend={data} level={l.key} pack={pack} />
      ))}
      {gapKeys.length > 0 && (
        <Card variant="borderless" title={t('balance.gapTrend')} styles={{ body: { paddingTop: 8 } }}>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowKey={(r) => `${r.year}:${r.level}`}
            dataSource={data.years.flatMap((y) => levels.filter((l) => y.levels[l.key]).map((l) => ({ year: y.year, level: l.key, gaps: y.levels[l.key]!.totalGaps })))}
            columns={[
              { title: t('header.year'), dataIndex: 'year', render: (y: number) => yearLabel(y, lang) },
              { title: t('schools.level'), dataIndex: 'level', render: (l: string) => text.level(l) },
              ...gapKeys.map((k) => ({
                title: <span title={text.name(k)}>{text.short(k)}</span>,
                key: k,
                align: 'right' as const,
                render: (_v: unknown, r: { gaps: Record<string, number> }) =>
                  r.gaps[k] ? (
                    <span className="jh-num" style={{ color: RED }}>
                      {text.amountUnit(k, r.gaps[k])}
                    </span>
                  ) : (
                    <span className="jh-muted">0</span>
                  ),
              })),
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
