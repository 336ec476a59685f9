import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Result, Row, Segmented, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router-dom';
import { useApi } from '../hooks.js';
import { useI18n, type TKey } from '../i18n.js';
import { fmt, yearLabel } from '../session.js';
import { useYear } from '../year.js';
import { EChart, type EChartOption } from '../components/EChart.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult } from '../components/Problem.js';
import type { IndicatorResult, LevelResult, SchoolResult } from '../../../src/balance/evaluate.js';

type LevelName = '小学' | '初中';

// The evaluator's own result types: one definition for the server and the page.
type Indicator = IndicatorResult;
type SchoolRow = SchoolResult;
type LevelEval = LevelResult;

interface BalanceEvaluation {
  year: number;
  standard: string;
  version: number;
  missing: string[];
  levels: Partial<Record<LevelName, LevelEval>>;
}

type Unit = 'person' | 'room' | 'm2' | 'yuan';

const INDICATORS: { key: string; unit: Unit }[] = [
  { key: 'teachers_above_degree_per100', unit: 'person' },
  { key: 'backbone_per100', unit: 'person' },
  { key: 'pe_art_per100', unit: 'person' },
  { key: 'teaching_area_per_student', unit: 'm2' },
  { key: 'sports_area_per_student', unit: 'm2' },
  { key: 'equipment_per_student', unit: 'yuan' },
  { key: 'multimedia_per100', unit: 'room' },
];
const UNIT_OF: Record<string, Unit> = Object.fromEntries(INDICATORS.map((i) => [i.key, i.unit]));

const LEVELS: { key: LevelName; label: TKey }[] = [
  { key: '小学', label: 'balance.primary' },
  { key: '初中', label: 'balance.junior' },
];

const GREEN = '#16a34a';
const RED = '#dc2626';

/** School code without the level suffix (-P primary, -J junior) → the school page. */
const schoolLink = (code: string) => code.replace(/-[PJ]$/i, '');

function LevelView({ level, data }: { level: LevelName; data: LevelEval }) {
  const { t, lang } = useI18n();
  const { link } = useYear();

  const indLabel = (key: string) => {
    const k = `balance.ind.${key}` as TKey;
    const s = t(k);
    return s === k ? key : s;
  };
  const unitLabel = (key: string) => {
    const u = UNIT_OF[key];
    if (u === 'm2') return 'm²';
    if (!u) return '';
    return t(`balance.unit.${u}` as TKey);
  };
  /** Gaps of teachers and rooms are whole counts; areas and money get thousands separators. */
  const fmtGap = (key: string, n: number | null | undefined) => {
    if (n === null || n === undefined) return '—';
    const u = UNIT_OF[key];
    if (u === 'person' || u === 'room') return fmt(Math.ceil(n - 1e-9), 0, lang);
    return fmt(n, u === 'yuan' ? 0 : 1, lang);
  };

  const indicators = useMemo(() => {
    const byKey = new Map(data.indicators.map((i) => [i.key, i]));
    const known = INDICATORS.map((i) => byKey.get(i.key)).filter((i): i is Indicator => !!i);
    return [...known, ...data.indicators.filter((i) => !UNIT_OF[i.key])];
  }, [data]);

  const evaluated = data.schools.filter((s) => !s.excluded);
  const passing = evaluated.filter((s) => s.pass).length;
  const levelName = t(LEVELS.find((l) => l.key === level)!.label);

  const cvOption = useMemo<EChartOption>(() => {
    const limit = indicators[0]?.limit ?? 0.5;
    const sameLimit = indicators.every((i) => i.limit === limit);
    return {
      grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const x = (p as { dataIndex: number }[])[0];
          const ind = x ? indicators[x.dataIndex] : undefined;
          if (!ind) return '';
          return `${indLabel(ind.key)}<br/>${t('balance.cv')}: <b>${fmt(ind.cv, 3, lang)}</b><br/>${t('balance.limit')}: ${fmt(ind.limit, 3, lang)}`;
        },
      },
      xAxis: {
        type: 'category',
        data: indicators.map((i) => indLabel(i.key)),
        axisTick: { show: false },
        axisLabel: { interval: 0, rotate: 35, width: 110, overflow: 'truncate', fontSize: 11 },
      },
      yAxis: {
        type: 'value',
        name: t('balance.cv'),
        // Always show the limit line: the axis reaches at least 10% above the highest limit.
        max: (v: { max: number }) => Math.ceil(Math.max(v.max, ...indicators.map((i) => i.limit)) * 1.1 * 10) / 10,
        splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } },
      },
      series: [
        {
          type: 'bar',
          name: t('balance.cv'),
          barMaxWidth: 48,
          data: indicators.map((i) => ({
            value: i.cv ?? 0,
            itemStyle: { color: i.cv !== null && i.cv > i.limit ? RED : '#1d4ed8', borderRadius: [4, 4, 0, 0] },
          })),
          label: { show: true, position: 'top', color: '#475569', fontSize: 11, formatter: (p: unknown) => fmt(indicators[(p as { dataIndex: number }).dataIndex]?.cv, 3, lang) },
          markLine: sameLimit
            ? {
                symbol: 'none',
                lineStyle: { color: RED, type: 'dashed' },
                label: { formatter: `${t('balance.limit')} ${limit}`, position: 'end', color: RED },
                data: [{ yAxis: limit }],
              }
            : undefined,
        },
        ...(sameLimit
          ? []
          : [
              {
                type: 'line' as const,
                name: t('balance.limit'),
                step: 'middle' as const,
                symbol: 'none',
                lineStyle: { color: RED, type: 'dashed' as const },
                data: indicators.map((i) => i.limit),
              },
            ]),
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [indicators, lang, t]);

  const indColumns: ColumnsType<Indicator> = [
    { title: t('balance.indicator'), dataIndex: 'key', render: (k: string) => indLabel(k) },
    { title: t('balance.threshold'), dataIndex: 'threshold', align: 'right', render: (v: number, r) => `${fmt(v, 2, lang)} ${unitLabel(r.key)}` },
    { title: t('balance.mean'), dataIndex: 'mean', align: 'right', render: (v: number | null) => fmt(v, 2, lang) },
    {
      title: t('balance.cv'),
      dataIndex: 'cv',
      align: 'right',
      render: (v: number | null, r) => <span style={{ color: v !== null && v > r.limit ? RED : undefined, fontWeight: 600 }}>{fmt(v, 3, lang)}</span>,
    },
    { title: t('balance.limit'), dataIndex: 'limit', align: 'right', render: (v: number) => fmt(v, 3, lang) },
    { title: t('balance.schoolsMet'), dataIndex: 'schoolsMet', align: 'right', render: (v: number) => `${v} / ${evaluated.length}` },
    {
      title: t('balance.totalGap'),
      key: 'gap',
      align: 'right',
      render: (_v, r) => {
        const g = data.totalGaps[r.key];
        return g ? <span style={{ color: RED }}>{`${fmtGap(r.key, g)} ${unitLabel(r.key)}`}</span> : <span className="jh-muted">0</span>;
      },
    },
    { title: t('balance.result'), dataIndex: 'pass', align: 'center', render: (p: boolean) => <Tag color={p ? 'success' : 'error'}>{p ? t('balance.pass') : t('balance.fail')}</Tag> },
  ];

  const schoolColumns: ColumnsType<SchoolRow> = [
    {
      title: t('balance.school'),
      key: 'name',
      fixed: 'left',
      width: 200,
      render: (_v, r) => (
        <div>
          <Link to={link(`/schools/${schoolLink(r.school_code)}`)}>{r.school_name || r.school_code}</Link>
          {r.excluded && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('balance.excluded')}
                {r.excludedReason ? `：${r.excludedReason}` : ''}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { title: t('balance.met'), dataIndex: 'met', key: 'met', fixed: 'left', width: 80, align: 'center', render: (v: number, r) => (r.excluded ? '—' : `${v} / ${indicators.length}`) },
    {
      title: t('balance.result'),
      dataIndex: 'pass',
      key: 'pass',
      fixed: 'left',
      width: 90,
      align: 'center',
      render: (p: boolean, r) => (r.excluded ? <Tag>{t('balance.excluded')}</Tag> : <Tag color={p ? 'success' : 'error'}>{p ? t('balance.pass') : t('balance.fail')}</Tag>),
    },
    ...indicators.map(
      (ind): ColumnsType<SchoolRow>[number] => ({
        title: (
          <Tooltip title={`${t('balance.threshold')} ${fmt(ind.threshold, 2, lang)} ${unitLabel(ind.key)}`}>
            <span style={{ fontSize: 12 }}>{indLabel(ind.key)}</span>
          </Tooltip>
        ),
        key: ind.key,
        width: 120,
        align: 'right',
        onCell: (r) => {
          const v = r.values[ind.key];
          const g = r.gaps[ind.key];
          const bg = r.excluded || v === null || v === undefined ? '#f1f5f9' : g !== null && g !== undefined && g > 0 ? '#fee2e2' : '#dcfce7';
          return { style: { background: bg } };
        },
        render: (_v, r) => {
          const v = r.values[ind.key];
          const g = r.gaps[ind.key];
          if (v === null || v === undefined) return <span className="jh-muted">—</span>;
          const color = r.excluded ? '#94a3b8' : g !== null && g !== undefined && g > 0 ? RED : GREEN;
          const text = <span style={{ color, fontWeight: 500 }} className="jh-num">{fmt(v, 2, lang)}</span>;
          return g && g > 0 ? <Tooltip title={`${t('balance.gap')}: ${fmtGap(ind.key, g)} ${unitLabel(ind.key)}`}>{text}</Tooltip> : text;
        },
      }),
    ),
  ];

  return (
    <Flex vertical gap={16}>
      <Alert
        type={data.pass ? 'success' : 'error'}
        showIcon
        data-testid="balance-banner"
        title={<b>{t(data.pass ? 'balance.levelPass' : 'balance.levelFail', { level: levelName })}</b>}
        description={t('balance.schoolsPass', { n: passing, total: evaluated.length })}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card variant="borderless" className="jh-card-fill" title={t('balance.cvChart')}>
            {indicators.length ? <EChart option={cvOption} height={320} data-testid="balance-cv-chart" /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card variant="borderless" className="jh-card-fill" title={t('balance.indicators')} styles={{ body: { paddingTop: 8 } }}>
            <Table size="small" rowKey="key" dataSource={indicators} columns={indColumns} pagination={false} scroll={{ x: 'max-content' }} />
          </Card>
        </Col>
      </Row>
      <Card
        variant="borderless"
        title={t('balance.matrix')}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('balance.matrixHelp')}
          </Typography.Text>
        }
        styles={{ body: { paddingTop: 8 } }}
      >
        <Table
          size="small"
          bordered
          rowKey="school_code"
          dataSource={data.schools}
          columns={schoolColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(r) => (r.excluded ? { style: { opacity: 0.6 } } : {})}
        />
      </Card>
    </Flex>
  );
}

export default function BalancePage() {
  const { t, lang } = useI18n();
  const { year } = useYear();
  const { data, error, reload } = useApi<BalanceEvaluation>(`/api/balance/evaluation?year=${year}`, { silent: true });
  const [level, setLevel] = useState<LevelName>('小学');

  if (error) return <ErrorResult error={error} onRetry={reload} />;

  const current = data?.levels[level];

  return (
    <div>
      <PageHeader
        title={t('balance.title')}
        subtitle={t('balance.subtitle', { year: yearLabel(year, lang) })}
        tags={data?.standard ? <Tag color="blue">{t('balance.standard', { s: `${data.standard}${data.version ? ` (${data.version})` : ''}` })}</Tag> : undefined}
        extra={
          <Segmented
            data-testid="balance-level"
            value={level}
            onChange={(v) => setLevel(v as LevelName)}
            options={LEVELS.map((l) => ({ value: l.key, label: t(l.label) }))}
          />
        }
      />
      {data && data.missing.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('balance.missing')} description={data.missing.join('、')} data-testid="balance-missing" />
      )}
      {!data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : current ? (
        <LevelView key={level} level={level} data={current} />
      ) : (
        <Card variant="borderless">
          <Result status="info" title={t('balance.noLevel')} />
        </Card>
      )}
    </div>
  );
}
