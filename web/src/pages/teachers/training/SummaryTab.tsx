// 学时达标: which roster and targets the figures use, the per-school table (full-time teachers, how many meet 96 h this
// year and 360 h over five years, the shares; the district row) and a bar chart of the shares against the 100 % target.
// A school without full-time teachers has no share (—), never 0 %. Every figure through the one formatter.
import { useMemo } from 'react';
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { TRAINING_FIGURES, type SchoolTrainingWire, type TrainingSummary } from '../../../../../src/teachers/training/contract.js';
import type { TrainingT } from './i18n.js';

const YEAR = '#1d4ed8';
const WINDOW = '#0ea5a4';
const pct = (v: number | null) => formatNumber(v, TRAINING_FIGURES.share);
const n0 = (v: number) => formatNumber(v, TRAINING_FIGURES.count);

type Row = Omit<SchoolTrainingWire, 'hasRoster'> & { hasRoster: boolean; district?: boolean };

export function SummaryTab({ s, t, termWord, scoped }: { s: TrainingSummary; t: TrainingT; termWord: string; scoped: boolean }) {
  const ry = s.rosterYear;
  const rosterLabel = (y: number) => `${y}–${y + 1}`;
  if (ry === null) return <Empty description={t('noRoster', { y: s.year })} data-testid="training-no-roster" />;
  const district: Row = { schoolCode: '*', schoolName: t('districtRow', { term: termWord }), hasRoster: true, district: true, ...s.district };
  const rows: Row[] = [...s.schools, district];
  const share = (v: number | null) => (v === null ? <Typography.Text type="secondary">{pct(null)}</Typography.Text> : pct(v));
  return (
    <div data-testid="training-summary">
      <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 12 }}>
        <Alert
          type={s.rosterFallback ? 'warning' : 'info'}
          showIcon
          message={t('rosterUsed', { r: rosterLabel(ry) })}
          description={s.rosterFallback ? t('rosterFallback', { y: rosterLabel(s.year), r: rosterLabel(ry) }) : undefined}
          data-testid="training-roster"
        />
        {scoped && <Alert type="info" showIcon message={t('scopeNote', { term: termWord })} />}
      </Space>
      <Table<Row>
        rowKey="schoolCode"
        size="middle"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        data-testid="training-schools"
        rowClassName={(r) => (r.district ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: t('colSchool'),
            key: 'school',
            fixed: 'left',
            width: 180,
            render: (_: unknown, r: Row) => (
              <Space size={4} wrap>
                {r.district ? <Typography.Text strong>{r.schoolName}</Typography.Text> : r.schoolName}
                {!r.district && !r.hasRoster && <Tag>{t('noRosterTag')}</Tag>}
                {!r.district && r.hasRoster && r.teachers === 0 && <Tag>{t('noFullTime')}</Tag>}
              </Space>
            ),
          },
          { title: t('colTeachers'), dataIndex: 'teachers', align: 'right', render: n0 },
          {
            title: t('colMetYear', { h: s.targets.yearHours }),
            children: [
              { title: t('colTeachers'), dataIndex: 'metYear', key: 'metYear', align: 'right', render: n0 },
              { title: t('colShare'), key: 'shareYear', align: 'right', render: (_: unknown, r: Row) => share(r.shareYear) },
            ],
          },
          {
            title: t('colMetWindow', { h: s.targets.windowHours }),
            children: [
              { title: t('colTeachers'), dataIndex: 'metWindow', key: 'metWindow', align: 'right', render: n0 },
              { title: t('colShare'), key: 'shareWindow', align: 'right', render: (_: unknown, r: Row) => share(r.shareWindow) },
            ],
          },
        ]}
      />
      <Card size="small" title={t('chartTitle')} style={{ marginTop: 12 }}>
        <SharesChart s={s} t={t} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('chartEmpty')}
        </Typography.Text>
      </Card>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }} data-testid="training-targets">
        {t('targetsNote', { id: s.targets.id, v: s.targets.version, yh: s.targets.yearHours, wh: s.targets.windowHours, from: s.windowFrom, y: s.year, src: s.targets.source })}
      </Typography.Paragraph>
    </div>
  );
}

/** One pair of horizontal bars per school with full-time teachers: the year's and the window's share; the target (100 %) as a line. */
function SharesChart({ s, t }: { s: TrainingSummary; t: TrainingT }) {
  const rows = useMemo(() => s.schools.filter((x) => x.teachers > 0), [s]);
  const option = useMemo<EChartOption>(() => {
    const yearName = t('seriesYear', { h: s.targets.yearHours });
    const windowName = t('seriesWindow', { h: s.targets.windowHours });
    return {
      legend: { top: 0, data: [yearName, windowName] },
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const x = rows[(ps as { dataIndex: number }[])[0]?.dataIndex ?? 0];
          if (!x) return '';
          return [
            `<b>${x.schoolName}</b>`,
            `${yearName}：${pct(x.shareYear)}（${n0(x.metYear)}/${n0(x.teachers)}）`,
            `${windowName}：${pct(x.shareWindow)}（${n0(x.metWindow)}/${n0(x.teachers)}）`,
          ].join('<br/>');
        },
      },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatNumber(v, { decimals: 0, percent: true }) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((x) => x.schoolName), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        {
          name: yearName,
          type: 'bar',
          barMaxWidth: 14,
          itemStyle: { color: YEAR },
          data: rows.map((x) => x.shareYear ?? 0),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: '#dc2626' },
            label: { formatter: t('targetLine', { p: formatNumber(1, { decimals: 0, percent: true }) }), position: 'insideEndTop' },
            data: [{ xAxis: 1 }],
          },
        },
        { name: windowName, type: 'bar', barMaxWidth: 14, itemStyle: { color: WINDOW }, data: rows.map((x) => x.shareWindow ?? 0) },
      ],
    };
  }, [rows, s, t]);
  return <EChart option={option} height={Math.max(180, 70 + rows.length * 40)} data-testid="training-chart" />;
}
