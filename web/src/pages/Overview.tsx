import { useMemo } from 'react';
import { Badge, Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Table, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, InfoCircleOutlined, RightOutlined, TeamOutlined, UserOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useCall } from '../hooks.js';
import { API } from '../client.js';
import { useI18n } from '../i18n.js';
import { fmt, useCan, useLabels, yearLabel } from '../session.js';
import { useYear } from '../year.js';
import { EChart, CHART_COLORS, type EChartOption } from '../components/EChart.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult } from '../components/Problem.js';
import { STATUS_COLORS } from '../session.js';
import type { StatStatus } from '../types.js';
import { BAND_COLORS, bandColor, sizeClass, useClassSize } from '../util.js';

function Kpi({
  icon,
  color,
  title,
  value,
  suffix,
  foot,
  precision,
}: {
  icon: React.ReactNode;
  color: string;
  title: React.ReactNode;
  value: number | string;
  suffix?: string;
  foot?: React.ReactNode;
  precision?: number;
}) {
  return (
    <Card className="jh-kpi jh-card-fill" variant="borderless">
      <Flex gap={14} align="flex-start">
        <div className="jh-kpi-icon" style={{ background: `${color}14`, color }}>
          {icon}
        </div>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Statistic title={title} value={value} suffix={suffix} precision={precision} />
          {foot && <div className="jh-kpi-foot">{foot}</div>}
        </div>
      </Flex>
    </Card>
  );
}

export default function OverviewPage() {
  const { t, lang } = useI18n();
  const L = useLabels();
  const can = useCan();
  const { year, link } = useYear();
  const { data, loading, error, reload } = useCall(API.registry.overview, { query: { year } }, { silent: true });
  // A school's page is worth opening for whoever reads its figures; reviewers follow the queue.
  const canOpenSchool = (code: string) => can('stats.read', code);
  const reviewer = can('stats.review');

  const cs = useClassSize(data?.classSize.thresholds);
  const derived = useMemo(() => {
    if (!data) return null;
    const c = data.classSize;
    return {
      over: c.overStandard,
      share: c.classes ? (c.overStandard / c.classes) * 100 : 0,
      ratio: data.teachers ? data.students / data.teachers : null,
      avgClass: data.classes ? data.students / data.classes : null,
    };
  }, [data]);
  /** The rule behind the counts: the thresholds and where they come from (the pack's own note). */
  const bandsHelp = data
    ? t('overview.bandsHelp', {
        p: data.classSize.thresholds.standard['小学'],
        j: data.classSize.thresholds.standard['初中'],
        large: data.classSize.thresholds.large,
        largeTo: data.classSize.thresholds.huge - 1,
        huge: data.classSize.thresholds.huge,
        pack: data.classSize.thresholds.standardName,
      })
    : '';

  const bandOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    const bands = data.classSize.bands;
    return {
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const x = (p as { dataIndex: number; value: number }[])[0];
          return `${cs.label(bands[x.dataIndex].band)}<br/><b>${fmt(x.value)}</b> ${t('common.unitClasses')}`;
        },
      },
      xAxis: { type: 'category', data: bands.map((b) => t(`overview.band.${b.band}` as never)), axisTick: { show: false }, axisLabel: { interval: 0, width: 64, overflow: 'break', lineHeight: 14 } },
      yAxis: { type: 'value', name: t('common.classes'), splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
      series: [
        {
          type: 'bar',
          name: t('common.classes'),
          barMaxWidth: 56,
          data: bands.map((b) => ({ value: b.classes, itemStyle: { color: BAND_COLORS[b.band] ?? CHART_COLORS[0], borderRadius: [4, 4, 0, 0] } })),
          label: { show: true, position: 'top', color: '#475569', fontSize: 12 },
        },
      ],
    };
  }, [data, t, cs]);

  const levelOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const x = p as { name: string; value: number; percent: number; data: { students: number } };
          return `${x.name}<br/>${t('common.schools')}: <b>${fmt(x.value)}</b> (${fmt(x.percent, 1, lang)}%)<br/>${t('common.students')}: ${fmt(x.data.students, 0, lang)}`;
        },
      },
      legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemGap: 12 },
      series: [
        {
          type: 'pie',
          radius: ['42%', '64%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { show: true, formatter: '{c}', color: '#475569' },
          data: data.byLevel.map((l) => ({ name: L.level(l.level), value: l.schools, students: l.students })),
        },
      ],
    };
  }, [data, L, t, lang]);

  const locationOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    return {
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
      xAxis: { type: 'category', data: data.byLocation.map((l) => L.location(l.location)), axisTick: { show: false } },
      yAxis: [
        { type: 'value', name: t('common.schools'), splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
        { type: 'value', name: t('common.students'), splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('common.schools'), barMaxWidth: 36, data: data.byLocation.map((l) => l.schools), itemStyle: { borderRadius: [4, 4, 0, 0] } },
        { type: 'bar', name: t('common.students'), yAxisIndex: 1, barMaxWidth: 36, data: data.byLocation.map((l) => l.students), itemStyle: { borderRadius: [4, 4, 0, 0] } },
      ],
    };
  }, [data, L, t]);

  const trendOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    const trend = [...data.trend].sort((a, b) => a.year - b.year);
    return {
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: trend.map((x) => yearLabel(x.year, 'en')), axisTick: { show: false } },
      yAxis: [
        { type: 'value', name: t('common.students'), splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
        { type: 'value', name: `${t('common.teachers')} / ${t('common.classes')}`, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('common.students'), barMaxWidth: 36, data: trend.map((x) => x.students), itemStyle: { color: '#bfdbfe', borderRadius: [4, 4, 0, 0] } },
        { type: 'line', name: t('common.teachers'), symbolSize: 7, yAxisIndex: 1, data: trend.map((x) => x.teachers), itemStyle: { color: '#8b5cf6' } },
        { type: 'line', name: t('common.classes'), symbolSize: 7, yAxisIndex: 1, data: trend.map((x) => x.classes), itemStyle: { color: '#f59e0b' } },
      ],
    };
  }, [data, t]);

  if (error) return <ErrorResult error={error} onRetry={reload} />;

  const status = data?.statusCounts;
  const statusTotal = status ? (['draft', 'submitted', 'approved', 'returned'] as StatStatus[]).reduce((s, k) => s + (status[k] ?? 0), 0) : 0;
  const empty = data && data.schools > 0 && data.classes === 0 && data.students === 0;

  return (
    <div>
      <PageHeader
        title={t('overview.title')}
        subtitle={data ? `${data.districtName} · ${t('overview.subtitle', { year: yearLabel(year, lang) })}` : t('overview.subtitle', { year: yearLabel(year, lang) })}
      />
      <div className="jh-kpi-grid" data-testid="overview-cards">
        {!data || !derived ? (
          Array.from({ length: 5 }, (_, i) => (
            <Card key={i} variant="borderless">
              <Skeleton active paragraph={{ rows: 1 }} />
            </Card>
          ))
        ) : (
          <>
            <Kpi
              icon={<BankOutlined />}
              color="#1d4ed8"
              title={t('overview.schools')}
              value={fmt(data.schools, 0, lang)}
              suffix={t('common.unitSchools')}
              foot={data.byLevel.map((l) => `${L.level(l.level)} ${fmt(l.schools, 0, lang)}`).join(' · ')}
            />
            <Kpi
              icon={<UserOutlined />}
              color="#0ea5a4"
              title={t('overview.students')}
              value={fmt(data.students, 0, lang)}
              suffix={t('common.persons')}
              foot={derived.avgClass ? t('overview.avgClass', { n: fmt(derived.avgClass, 1, lang) }) : undefined}
            />
            <Kpi
              icon={<TeamOutlined />}
              color="#8b5cf6"
              title={t('overview.teachers')}
              value={fmt(data.teachers, 0, lang)}
              suffix={t('common.persons')}
              foot={derived.ratio ? t('overview.ratio', { r: fmt(derived.ratio, 1, lang) }) : undefined}
            />
            <Kpi
              icon={<ApartmentOutlined />}
              color="#f59e0b"
              title={t('overview.classes')}
              value={fmt(data.classes, 0, lang)}
              suffix={t('common.unitClasses')}
              foot={data.byLocation.map((l) => `${L.location(l.location)} ${fmt(l.students, 0, lang)}`).join(' · ')}
            />
            <Kpi
              icon={<WarningOutlined />}
              color={derived.share > 0 ? '#dc2626' : '#16a34a'}
              title={
                <span data-testid="overview-over-standard">
                  {t('overview.overShare')}{' '}
                  <Tooltip title={bandsHelp}>
                    <InfoCircleOutlined />
                  </Tooltip>
                </span>
              }
              value={fmt(derived.share, 1, lang)}
              suffix="%"
              foot={t('overview.overShareOf', { n: fmt(derived.over, 0, lang), large: fmt(data.classSize.large, 0, lang), huge: fmt(data.classSize.huge, 0, lang) })}
            />
          </>
        )}
      </div>

      {empty && (
        <Card variant="borderless" style={{ marginTop: 16 }}>
          <Empty description={t('overview.noData')} />
        </Card>
      )}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16}>
          <Card variant="borderless" className="jh-card-fill" title={t('overview.bands')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }} data-testid="overview-bands-help">
              {bandsHelp}
            </Typography.Paragraph>
            {bandOption ? <EChart option={bandOption} height={300} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            variant="borderless"
            className="jh-card-fill"
            title={t('overview.statusTitle', { year: yearLabel(year, lang) })}
            extra={
              reviewer && (
                <Link to={link('/review')}>
                  {t('overview.toReview')} <RightOutlined />
                </Link>
              )
            }
          >
            {!status ? (
              <Skeleton active />
            ) : (
              <>
                <Flex justify="center" style={{ margin: '8px 0 20px' }}>
                  <Progress
                    type="dashboard"
                    size={168}
                    percent={statusTotal ? Math.round(((status.approved ?? 0) / statusTotal) * 100) : 0}
                    success={{ percent: statusTotal ? Math.round(((status.approved ?? 0) / statusTotal) * 100) : 0 }}
                    format={(p) => (
                      <div>
                        <div style={{ fontSize: 28, fontWeight: 600 }}>{p}%</div>
                        <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.45)' }}>{t('overview.approvedShare')}</div>
                      </div>
                    )}
                  />
                </Flex>
                <Row gutter={[8, 12]}>
                  {(['draft', 'submitted', 'approved', 'returned'] as StatStatus[]).map((s) => (
                    <Col span={12} key={s}>
                      <Flex justify="space-between" align="center" style={{ padding: '6px 12px', background: '#f7f8fb', borderRadius: 6 }}>
                        <Badge status={STATUS_COLORS[s] as 'default' | 'processing' | 'success' | 'error'} text={L.status(s)} />
                        {reviewer && s !== 'draft' ? (
                          <Link to={link(`/review?status=${s}`)} style={{ fontWeight: 600, fontSize: 16 }}>
                            {status[s] ?? 0}
                          </Link>
                        ) : (
                          <b style={{ fontSize: 16 }}>{status[s] ?? 0}</b>
                        )}
                      </Flex>
                    </Col>
                  ))}
                </Row>
                {reviewer && (status.submitted ?? 0) > 0 && (
                  <Link to={link('/review?status=submitted')}>
                    <Button type="primary" block style={{ marginTop: 16 }}>
                      {t('overview.toReview')} ({status.submitted})
                    </Button>
                  </Link>
                )}
              </>
            )}
          </Card>
        </Col>

        <Col xs={24} lg={12} xl={8}>
          <Card variant="borderless" className="jh-card-fill" title={t('overview.byLevel')}>
            {levelOption ? data?.byLevel.length ? <EChart option={levelOption} height={280} /> : <Empty /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Card variant="borderless" className="jh-card-fill" title={t('overview.byLocation')}>
            {locationOption ? data?.byLocation.length ? <EChart option={locationOption} height={280} /> : <Empty /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" className="jh-card-fill" title={t('overview.trend')}>
            {trendOption ? data?.trend.length ? <EChart option={trendOption} height={280} /> : <Empty /> : <Skeleton active />}
          </Card>
        </Col>

        {can('stats.read') && (
          <Col xs={24}>
            <Card variant="borderless" title={t('overview.largest')} styles={{ body: { paddingTop: 8 } }}>
              <Table
                size="middle"
                rowKey={(r) => `${r.schoolCode}-${r.grade}-${r.classNo}`}
                loading={loading && !data}
                dataSource={data?.largestClasses ?? []}
                pagination={false}
                scroll={{ x: 640 }}
                columns={[
                  { title: '#', key: 'i', width: 48, render: (_v, _r, i) => <span className="jh-muted">{i + 1}</span> },
                  {
                    title: t('overview.school'),
                    dataIndex: 'schoolName',
                    width: 200,
                    render: (v: string, r) => (canOpenSchool(r.schoolCode) ? <Link to={link(`/schools/${r.schoolCode}`)}>{v}</Link> : v),
                  },
                  { title: t('schools.code'), dataIndex: 'schoolCode', width: 140, responsive: ['md'], render: (v: string) => <span className="jh-muted jh-num">{v}</span> },
                  { title: t('overview.grade'), dataIndex: 'grade', width: 120, render: (g: number) => L.grade(g) },
                  { title: t('overview.classNo'), dataIndex: 'classNo', width: 100, render: (n: number) => t('overview.classSuffix', { n }) },
                  {
                    title: t('overview.size'),
                    dataIndex: 'size',
                    width: 220,
                    render: (n: number, r) => (
                      <Tooltip title={`${cs.label(r.band)} · ${t('overview.standardOf', { n: r.standard })}`}>
                        <Flex align="center" gap={10}>
                          <span className={sizeClass(r.band)} style={{ minWidth: 28 }} data-band={r.band}>
                            {n}
                          </span>
                          <Progress percent={Math.min(100, (n / 80) * 100)} showInfo={false} size="small" strokeColor={bandColor(r.band)} style={{ width: 120, margin: 0 }} />
                        </Flex>
                      </Tooltip>
                    ),
                  },
                ]}
              />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
