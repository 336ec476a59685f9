// Per school: 骨干 per 100 students before and after the moves (a horizontal bar chart, the district's figure as a
// line), and a table of students, teachers, departures and arrivals, 骨干 before → after, with the arrivals and
// departures per subject under each school.
import { useMemo } from 'react';
import { Card, Table, Typography } from 'antd';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { EXCHANGE_FIGURES, type ExchangeFlowWire, type ExchangePlanDetail, type ExchangeSchoolWire } from '../../../../../src/planning/exchange/contract.js';
import type { ExchangeT } from './i18n.js';

const BEFORE = '#94a3b8';
const AFTER = '#1d4ed8';
const DISTRICT = '#ef4444';
const per100 = (v: number | null) => formatNumber(v, EXCHANGE_FIGURES.per100);

export function BackboneChart({ t, plan }: { t: ExchangeT; plan: ExchangePlanDetail }) {
  const option = useMemo<EChartOption>(() => {
    // Category axes run bottom-up: the school with the most 骨干 per 100 students before the moves stands at the top.
    const rows = [...plan.schools].sort((a, b) => (a.per100Before ?? 0) - (b.per100Before ?? 0));
    return {
      legend: { top: 0, data: [t('c.before'), t('c.after'), t('c.district')] },
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const s = rows[i];
          if (!s) return '';
          return [
            `<b>${s.schoolName}</b>`,
            `${t('c.before')}：${per100(s.per100Before)}（${t('m.backbone')} ${s.backboneBefore}）`,
            `${t('c.after')}：${per100(s.per100After)}（${t('m.backbone')} ${s.backboneAfter}）`,
            `${t('s.students')}：${formatNumber(s.students, 0)}`,
          ].join('<br/>');
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, EXCHANGE_FIGURES.per100) } },
      yAxis: { type: 'category', data: rows.map((s) => s.schoolName), axisLabel: { width: 180, overflow: 'truncate', fontSize: 11 } },
      series: [
        { name: t('c.before'), type: 'bar', data: rows.map((s) => s.per100Before), itemStyle: { color: BEFORE }, barMaxWidth: 10, barGap: '10%' },
        {
          name: t('c.after'),
          type: 'bar',
          data: rows.map((s) => s.per100After),
          itemStyle: { color: AFTER },
          barMaxWidth: 10,
          markLine:
            plan.per100District === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: DISTRICT, type: 'dashed' },
                  label: { formatter: () => per100(plan.per100District), color: DISTRICT },
                  data: [{ xAxis: plan.per100District }],
                },
        },
        // The district's figure as a legend entry (the dashed line of the markLine above).
        { name: t('c.district'), type: 'line', data: [], itemStyle: { color: DISTRICT }, lineStyle: { color: DISTRICT, type: 'dashed' } },
      ],
    };
  }, [plan, t]);
  return <EChart option={option} height={Math.max(280, plan.schools.length * 24 + 70)} data-testid="exchange-chart" />;
}

export function SchoolsCard({ t, plan }: { t: ExchangeT; plan: ExchangePlanDetail }) {
  const flows = useMemo(() => {
    const m = new Map<string, ExchangeFlowWire[]>();
    for (const f of plan.flows) m.set(f.schoolCode, [...(m.get(f.schoolCode) ?? []), f]);
    return m;
  }, [plan.flows]);
  const arrow = (a: string, b: string) => `${a} → ${b}`;
  return (
    <Card size="small" title={t('schools')} style={{ marginBottom: 12 }} data-testid="exchange-schools">
      <Table
        rowKey="schoolCode"
        size="small"
        pagination={false}
        dataSource={plan.schools}
        scroll={{ x: 820 }}
        expandable={{
          rowExpandable: (s: ExchangeSchoolWire) => flows.has(s.schoolCode),
          expandedRowRender: (s: ExchangeSchoolWire) => (
            <div>
              <Typography.Text type="secondary">{t('s.subjects')}：</Typography.Text>{' '}
              {(flows.get(s.schoolCode) ?? []).map((f) => (
                <Typography.Text key={f.subject} style={{ marginRight: 16, whiteSpace: 'nowrap' }}>
                  {f.subject} +{f.arrivals} / −{f.departures}
                </Typography.Text>
              ))}
            </div>
          ),
        }}
        columns={[
          { title: t('s.school'), dataIndex: 'schoolName', ellipsis: true },
          { title: t('s.students'), dataIndex: 'students', align: 'right', width: 90, render: (v: number) => formatNumber(v, 0) },
          { title: t('s.teachers'), dataIndex: 'teachers', align: 'right', width: 70 },
          { title: t('s.departures'), dataIndex: 'departures', align: 'right', width: 60 },
          { title: t('s.arrivals'), dataIndex: 'arrivals', align: 'right', width: 60 },
          { title: t('s.backbone'), key: 'b', align: 'right', width: 120, render: (s: ExchangeSchoolWire) => arrow(String(s.backboneBefore), String(s.backboneAfter)) },
          { title: t('s.per100'), key: 'p', align: 'right', width: 200, render: (s: ExchangeSchoolWire) => arrow(per100(s.per100Before), per100(s.per100After)) },
        ]}
      />
    </Card>
  );
}
