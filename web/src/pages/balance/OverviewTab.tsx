// 概览: each level's result, the CVs against their limits (or the 2012 综合差异系数) and the indicator summary.
import { useMemo } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useI18n } from '../../i18n.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { BLUE, LEVELS, PassTag, RED, useDistrictWord, usePackText, type BalanceLevel, type Evaluation, type IndicatorResult, type LevelResult } from './shared.js';

export const LEVEL_CODE: Record<BalanceLevel, string> = { 小学: 'primary', 初中: 'junior' };

/** Cost of a level's total gaps at the pack's unit costs (yuan); null when the pack sets none. */
export function gapCost(data: Evaluation, lv: LevelResult, costs?: Record<string, number>): number | null {
  const c = costs ?? data.pack.unitCosts;
  if (!c || !data.pack.schoolRule) return null;
  return Object.entries(lv.totalGaps).reduce((s, [k, g]) => s + g * (c[k] ?? 0), 0);
}

function LevelCard({ data, level, active, onClick }: { data: Evaluation; level: BalanceLevel; active: boolean; onClick: () => void }) {
  const { t } = useI18n();
  const text = usePackText(data.pack);
  const lv = data.levels[level];
  const code = LEVEL_CODE[level];
  if (!lv) return null;
  const cvPassing = lv.indicators.filter((i) => i.pass).length;
  const cvFailing = lv.indicators.filter((i) => i.pass === false).length;
  const cost = gapCost(data, lv);
  const maxCv = lv.indicators.reduce<IndicatorResult | null>((m, i) => (i.cv !== null && (m === null || i.cv > (m.cv ?? 0)) ? i : m), null);
  return (
    <Card variant="borderless" hoverable onClick={onClick} className={`jh-level-card${active ? ' active' : ''}`} data-testid={`balance-summary-${code}`} styles={{ body: { padding: '14px 18px' } }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 10 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {lv.pass ? <CheckCircleFilled style={{ color: '#16a34a', marginRight: 8 }} /> : <CloseCircleFilled style={{ color: RED, marginRight: 8 }} />}
          {text.level(level)}
        </Typography.Text>
        <PassTag pass={lv.pass} testId={`balance-pass-${code}`} />
      </Flex>
      <div className="jh-level-stats">
        {lv.composite ? (
          <div>
            <div className="jh-level-stat-label">{t('balance.composite')}</div>
            <div className="jh-level-stat-value" style={{ color: lv.composite.pass ? undefined : RED }}>
              {text.cv(lv.composite.cv)} <span className="jh-level-stat-of">≤ {text.limit(lv.composite.limit)}</span>
            </div>
          </div>
        ) : (
          <div>
            <div className="jh-level-stat-label">{t('balance.cvPassing')}</div>
            <div className="jh-level-stat-value" style={{ color: cvFailing ? RED : undefined }}>
              <span data-testid={`balance-cv-passing-${code}`}>{cvPassing}</span> <span className="jh-level-stat-of">/ {lv.indicators.length}</span>
            </div>
            <span data-testid={`balance-cv-failing-${code}`} hidden>
              {cvFailing}
            </span>
          </div>
        )}
        <div>
          <div className="jh-level-stat-label">{lv.schoolsPassing === null ? t('balance.maxCv') : t('balance.schoolsPassing')}</div>
          <div className="jh-level-stat-value">
            {lv.schoolsPassing === null ? (
              <Tooltip title={maxCv ? text.name(maxCv.key) : undefined}>
                <span>{text.cv(maxCv?.cv)}</span> <span className="jh-level-stat-of">{maxCv ? text.short(maxCv.key) : ''}</span>
              </Tooltip>
            ) : (
              <>
                <span style={{ color: lv.schoolsPassing < lv.counted ? RED : undefined }}>{lv.schoolsPassing}</span> <span className="jh-level-stat-of">/ {lv.counted}</span>
              </>
            )}
          </div>
        </div>
        <div>
          <div className="jh-level-stat-label">{cost === null ? t('balance.counted') : t('balance.gapCost')}</div>
          <div className="jh-level-stat-value">
            {cost === null ? (
              lv.counted
            ) : (
              <>
                {text.wan(cost)} <span className="jh-level-stat-of">{t('balance.wan')}</span>
              </>
            )}
          </div>
        </div>
      </div>
    </Card>
  );
}

export function CvChart({ data, lv, height = 320 }: { data: Evaluation; lv: LevelResult; height?: number }) {
  const { t } = useI18n();
  const text = usePackText(data.pack);
  const indicators = lv.indicators;
  const option = useMemo<EChartOption>(() => {
    const limits = indicators.map((i) => i.limit ?? lv.composite?.limit ?? 0);
    const limit = limits[0] ?? 0.5;
    const sameLimit = limits.every((l) => l === limit);
    const composite = lv.composite;
    const top = Math.max(...indicators.map((i) => i.cv ?? 0), ...limits, composite?.cv ?? 0);
    return {
      grid: { left: 8, right: 72, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const x = (p as { dataIndex: number }[])[0];
          const ind = x ? indicators[x.dataIndex] : undefined;
          if (!ind) return '';
          const lim = ind.limit === null ? '' : `<br/>${t('balance.limit')}: ${text.limit(ind.limit)}`;
          return `${text.name(ind.key)}<br/>${t('balance.cv')}: <b>${text.cv(ind.cv)}</b>${lim}`;
        },
      },
      xAxis: {
        type: 'category',
        data: indicators.map((i) => text.short(i.key)),
        axisTick: { show: false },
        axisLabel: { interval: 0, rotate: 30, width: 100, overflow: 'truncate', fontSize: 11 },
      },
      yAxis: {
        type: 'value',
        name: t('balance.cv'),
        max: Math.ceil(top * 1.15 * 10) / 10,
        splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } },
      },
      series: [
        {
          type: 'bar',
          name: t('balance.cv'),
          barMaxWidth: 44,
          data: indicators.map((i) => ({
            value: i.cv ?? 0,
            itemStyle: { color: i.pass === false ? RED : composite ? '#64748b' : BLUE, borderRadius: [4, 4, 0, 0] },
          })),
          label: { show: true, position: 'top', color: '#475569', fontSize: 11, formatter: (p: unknown) => text.cv(indicators[(p as { dataIndex: number }).dataIndex]?.cv) },
          markLine: composite
            ? {
                symbol: 'none',
                data: [
                  { yAxis: composite.limit, lineStyle: { color: RED, type: 'dashed' }, label: { formatter: `${t('balance.limit')} ${text.limit(composite.limit)}`, position: 'end', color: RED } },
                  {
                    yAxis: composite.cv ?? 0,
                    lineStyle: { color: composite.pass ? BLUE : RED, type: 'solid', width: 2 },
                    label: { formatter: `${t('balance.compositeShort')} ${text.cv(composite.cv)}`, position: 'end', color: composite.pass ? BLUE : RED },
                  },
                ],
              }
            : sameLimit
              ? {
                  symbol: 'none',
                  lineStyle: { color: RED, type: 'dashed' },
                  label: { formatter: `${t('balance.limit')} ${text.limit(limit)}`, position: 'end', color: RED },
                  data: [{ yAxis: limit }],
                }
              : undefined,
        },
        ...(composite || sameLimit
          ? []
          : [
              {
                type: 'line' as const,
                name: t('balance.limit'),
                step: 'middle' as const,
                symbol: 'none',
                lineStyle: { color: RED, type: 'dashed' as const },
                data: limits,
              },
            ]),
      ],
    };
  }, [indicators, lv.composite, text, t]);
  return indicators.length ? <EChart option={option} height={height} data-testid="balance-cv-chart" /> : <Empty />;
}

export function OverviewTab({ data, level, onLevel }: { data: Evaluation; level: BalanceLevel; onLevel: (l: BalanceLevel) => void }) {
  const { t, lang } = useI18n();
  const text = usePackText(data.pack);
  const d = useDistrictWord();
  const lv = data.levels[level]!;
  const composite = !!lv.composite;
  const perSchool = !!data.pack.schoolRule;
  const evaluated = lv.counted;

  const columns: ColumnsType<IndicatorResult> = [
    {
      title: t('balance.indicator'),
      dataIndex: 'key',
      render: (k: string) => (
        <Typography.Text style={{ fontSize: 13 }} title={text.name(k)}>
          {text.short(k)}{' '}
          <span className="jh-unit" data-testid={`balance-unit-${k}`}>
            {lang === 'zh' ? `（${text.ratioUnit(k)}）` : `(${text.ratioUnit(k)})`}
          </span>
        </Typography.Text>
      ),
    },
    ...(perSchool
      ? [
          {
            title: t('balance.threshold'),
            dataIndex: 'threshold',
            align: 'right' as const,
            render: (v: number | null, r: IndicatorResult) => <span className="jh-num">{text.value(r.key, v)}</span>,
          },
        ]
      : []),
    { title: t('balance.mean', { d }), dataIndex: 'mean', align: 'right', render: (v: number, r) => <span className="jh-num">{text.value(r.key, v)}</span> },
    ...(composite ? [{ title: t('balance.sd'), dataIndex: 'sd', align: 'right' as const, render: (v: number, r: IndicatorResult) => <span className="jh-num">{text.value(r.key, v)}</span> }] : []),
    {
      title: t('balance.cv'),
      dataIndex: 'cv',
      align: 'right',
      render: (v: number | null, r) => (
        <span style={{ color: r.pass === false ? RED : undefined, fontWeight: 600 }} className="jh-num" data-testid={`balance-cv-${r.key}`}>
          {text.cv(v)}
        </span>
      ),
    },
    ...(composite ? [] : [{ title: t('balance.limit'), dataIndex: 'limit', align: 'right' as const, render: (v: number | null) => <span className="jh-num">{text.limit(v)}</span> }]),
    ...(perSchool
      ? [
          {
            title: t('balance.schoolsMet'),
            dataIndex: 'schoolsMet',
            align: 'right' as const,
            render: (v: number | null) => (
              <span className="jh-num" style={{ color: v !== null && v < evaluated ? RED : undefined }}>
                {v ?? '—'} / {evaluated}
              </span>
            ),
          },
          {
            title: t('balance.totalGap'),
            key: 'gap',
            align: 'right' as const,
            render: (_v: unknown, r: IndicatorResult) => {
              const g = lv.totalGaps[r.key];
              return g ? (
                <span style={{ color: RED }} className="jh-num" data-testid={`balance-total-gap-${r.key}`}>
                  {text.amountUnit(r.key, g)}
                </span>
              ) : (
                <span className="jh-muted" data-testid={`balance-total-gap-${r.key}`}>
                  {text.amountUnit(r.key, 0)}
                </span>
              );
            },
          },
        ]
      : []),
    ...(composite ? [] : [{ title: t('balance.result'), dataIndex: 'pass', align: 'center' as const, render: (p: boolean | null) => <PassTag pass={p} /> }]),
  ];

  const levelName = text.level(level);
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {LEVELS.filter((l) => data.levels[l.key]).map((l) => (
          <Col key={l.key} xs={24} md={12}>
            <LevelCard data={data} level={l.key} active={l.key === level} onClick={() => onLevel(l.key)} />
          </Col>
        ))}
      </Row>
      <Alert
        type={lv.pass ? 'success' : 'error'}
        showIcon
        data-testid="balance-banner"
        title={<b>{t(lv.pass ? 'balance.levelPass' : 'balance.levelFail', { level: levelName })}</b>}
        description={
          composite
            ? t('balance.compositeDesc', { cv: text.cv(lv.composite!.cv), limit: text.limit(lv.composite!.limit) })
            : [
                t('balance.cvDesc', { n: lv.indicators.filter((i) => i.pass).length, total: lv.indicators.length }),
                perSchool
                  ? t('balance.schoolsPass', {
                      n: lv.schoolsPassing ?? 0,
                      total: evaluated,
                      min: data.pack.schoolRule!.minMet,
                      k: lv.indicators.length,
                      share: `${Math.round(Number(data.pack.schoolRule!.remainderMinShare) * 100)}%`,
                    })
                  : '',
              ]
                .filter(Boolean)
                .join('；')
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card variant="borderless" className="jh-card-fill" title={t('balance.cvChart')}>
            <CvChart data={data} lv={lv} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            variant="borderless"
            className="jh-card-fill"
            title={t('balance.indicators')}
            extra={
              composite ? (
                <Tag color={lv.composite!.pass ? 'success' : 'error'}>
                  {t('balance.composite')} {text.cv(lv.composite!.cv)} / {text.limit(lv.composite!.limit)}
                </Tag>
              ) : undefined
            }
            styles={{ body: { paddingTop: 8 } }}
          >
            <Table size="small" rowKey="key" dataSource={lv.indicators} columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="balance-indicators" />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
