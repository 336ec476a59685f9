// 班额: classes above the pack's standard size, 大班额 and 超大班额, their trend over the years and the list.
import { useMemo, useState } from 'react';
import { Card, Col, Flex, Row, Segmented, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router-dom';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { useLabels, yearLabel } from '../../session.js';
import { formatPercent } from '../../../../src/core/format.js';
import { classBandLabel, CLASS_SIZE_TERMS } from '../../../../src/balance/class-size.js';
import { useYear } from '../../year.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { ErrorResult } from '../../components/Problem.js';
import { packQuery, type ClassSizes } from './shared.js';

const BAND_COLOR = { over: '#f59e0b', large: '#ef4444', huge: '#991b1b' } as const;
type Band = keyof typeof BAND_COLOR;
type Row = ClassSizes['list'][number];

export function ClassSizeTab({ year, standard, version }: { year: number; standard: string; version: number | null }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const { link } = useYear();
  const { data, error, reload } = useCall(API.balance.classSizes, { query: packQuery(year, standard, version) }, { silent: true });
  const [band, setBand] = useState<'all' | Band>('all');

  const option = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    const tr = data.trend;
    // 超标准班额 below 大班额, 大班额 and 超大班额 stacked: the bar's height is every class above its standard.
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 10 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: tr.map((x) => yearLabel(x.year, lang)), axisTick: { show: false } },
      yAxis: [
        { type: 'value', name: t('balance.classesN'), minInterval: 1, splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
        { type: 'value', name: t('overview.size'), min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 5) * 5 - 5), splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', stack: 'c', name: classBandLabel('over', lang), data: tr.map((x) => Math.max(0, x.overStandard - x.large - x.huge)), itemStyle: { color: BAND_COLOR.over }, barMaxWidth: 40 },
        { type: 'bar', stack: 'c', name: classBandLabel('large', lang), data: tr.map((x) => x.large), itemStyle: { color: BAND_COLOR.large }, barMaxWidth: 40 },
        { type: 'bar', stack: 'c', name: classBandLabel('huge', lang), data: tr.map((x) => x.huge), itemStyle: { color: BAND_COLOR.huge, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 40 },
        { type: 'line', yAxisIndex: 1, name: t('balance.maxSize'), data: tr.map((x) => x.maxSize), symbolSize: 7, lineStyle: { color: '#1d4ed8' }, itemStyle: { color: '#1d4ed8' } },
      ],
    };
  }, [data, t, lang]);

  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!data)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );

  const list = band === 'all' ? data.list : data.list.filter((r) => r.band === band);
  const st = data.standard;
  const columns: ColumnsType<Row> = [
    {
      title: t('overview.school'),
      dataIndex: 'schoolName',
      render: (n: string | undefined, r) => <Link to={link(`/schools/${r.schoolCode}`)}>{n ?? r.schoolCode}</Link>,
    },
    { title: t('overview.grade'), dataIndex: 'grade', render: (g: number) => L.grade(g), sorter: (a, b) => a.grade - b.grade },
    { title: t('overview.classNo'), dataIndex: 'classNo', align: 'right', render: (n: number) => t('overview.classSuffix', { n }) },
    {
      title: t('overview.size'),
      dataIndex: 'size',
      align: 'right',
      sorter: (a, b) => a.size - b.size,
      render: (v: number, r) => (
        <b className="jh-num" style={{ color: BAND_COLOR[r.band] }}>
          {v}
        </b>
      ),
    },
    { title: t('balance.standardSize'), dataIndex: 'standard', align: 'right', render: (v: number) => <span className="jh-num">{v}</span> },
    {
      title: t('balance.excess'),
      key: 'excess',
      align: 'right',
      sorter: (a, b) => a.size - a.standard - (b.size - b.standard),
      render: (_v, r) => <span className="jh-num">+{r.size - r.standard}</span>,
    },
    { title: t('balance.band'), dataIndex: 'band', align: 'center', render: (b: Band) => <Tag color={b === 'over' ? 'orange' : b === 'large' ? 'red' : 'magenta'}>{classBandLabel(b, lang)}</Tag> },
  ];

  const kpi = (title: string, value: number | null, color?: string, foot?: string, testId?: string) => (
    <Card variant="borderless" className="jh-kpi">
      <Statistic title={title} value={value ?? '—'} styles={{ content: { color } }} data-testid={testId} />
      {foot && <div className="jh-kpi-foot">{foot}</div>}
    </Card>
  );

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={5}>
          {kpi(t('overview.classes'), data.classes)}
        </Col>
        <Col xs={12} lg={5}>
          {kpi(
            CLASS_SIZE_TERMS.overStandard[lang],
            data.overStandard,
            data.overStandard ? BAND_COLOR.over : undefined,
            t('balance.overStandardFoot', { p: st.standard['小学'], j: st.standard['初中'], share: data.classes ? formatPercent(data.overStandard / data.classes) : '—' }),
            'balance-over-standard',
          )}
        </Col>
        <Col xs={12} lg={5}>
          {kpi(classBandLabel('large', lang), data.large, data.large ? BAND_COLOR.large : undefined, t('balance.largeFoot', { a: st.large, b: st.huge - 1 }))}
        </Col>
        <Col xs={12} lg={5}>
          {kpi(classBandLabel('huge', lang), data.huge, data.huge ? BAND_COLOR.huge : undefined, t('balance.hugeFoot', { n: st.huge }))}
        </Col>
        <Col xs={24} lg={4}>
          {kpi(t('balance.maxSize'), data.maxSize)}
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card variant="borderless" className="jh-card-fill" title={t('balance.classTrend')}>
            {option && <EChart option={option} height={420} data-testid="balance-class-trend" />}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            variant="borderless"
            className="jh-card-fill"
            title={t('balance.classList', { n: data.overStandard })}
            extra={
              <Segmented
                size="small"
                value={band}
                onChange={(v) => setBand(v as 'all' | Band)}
                options={[
                  { value: 'all', label: t('common.all') },
                  { value: 'over', label: classBandLabel('over', lang) },
                  { value: 'large', label: classBandLabel('large', lang) },
                  { value: 'huge', label: classBandLabel('huge', lang) },
                ]}
              />
            }
            styles={{ body: { paddingTop: 8 } }}
          >
            <Table
              size="small"
              rowKey={(r) => `${r.schoolCode}:${r.grade}:${r.classNo}`}
              dataSource={list}
              columns={columns}
              pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('balance.noOverClasses') }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('balance.classNote', { p: st.standard['小学'], j: st.standard['初中'] })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
