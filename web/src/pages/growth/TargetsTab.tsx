// Next-assessment targets: per exam series (same type and grade) the mean of each school's previous two years —
// mean z of 总分, excellent and pass rates — and the value-added of 总分 into that grade.
import { Card, Empty, Flex, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table/index.js';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { ErrorResult } from '../../components/Problem.js';
import { useGrowthT } from './i18n.js';
import { gf } from './charts.js';
import type { TargetsResponse } from './types.js';

type Series = TargetsResponse['series'][number];
type Target = Series['metrics'][number]['schools'][number];

/** The targets of every school in the user's scope (a clerk: the own school; the server cuts them). */
export function TargetsTab() {
  const t = useGrowthT();
  const { lang } = useI18n();
  const res = useCall(API.growth.targets, {}, { silent: true });
  const [pick, setPick] = useState<string | null>(null);
  if (res.error) return <ErrorResult error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const series = res.data.series;
  if (!series.length) return <Empty description={t('t.none')} />;
  const current = series.find((s) => s.key === pick) ?? series[series.length - 1];
  const name = (s: Series) => (s.kind === 'valueAdded' ? t('t.va', { grade: s.grade, type: s.type }) : t('t.achievement', { grade: s.grade, type: s.type }));
  const rate = (m: string) => m === 'excellentRate' || m === 'passRate';
  const fmt = (m: string, v: number) => gf(rate(m) ? 'rate' : m === 'meanZ' ? 'meanZ' : 'effect', v);
  return (
    <Flex vertical gap={12} data-testid="growth-targets">
      <Typography.Text type="secondary">{lang === 'en' ? res.data.rule.en : res.data.rule.zh}</Typography.Text>
      <Segmented value={current.key} onChange={(v) => setPick(String(v))} options={series.map((s) => ({ value: s.key, label: name(s) }))} />
      <Typography.Text>{current.exams.map((e) => e.name).join(' · ')}</Typography.Text>
      {current.metrics.map((m) => {
        const columns: ColumnsType<Target> = [
          { title: t('c.school'), dataIndex: 'name', key: 'name', width: 220 },
          {
            title: t('t.base'),
            key: 'base',
            render: (_, r) => (
              <Flex gap={8} wrap>
                {r.years.map((y, i) => (
                  <span key={y}>
                    <Typography.Text type="secondary">{y}:</Typography.Text> {fmt(m.metric, r.values[i])}
                  </span>
                ))}
                {r.partial && <Tag color="orange">{t('t.partial')}</Tag>}
              </Flex>
            ),
          },
          { title: t('t.target', { year: current.targetYear }), key: 'target', width: 140, align: 'right', render: (_, r) => <Typography.Text strong>{fmt(m.metric, r.target)}</Typography.Text> },
        ];
        return (
          <Card key={m.metric} size="small" title={t(`t.${m.metric}`)}>
            <Table<Target> rowKey="school" size="small" columns={columns} dataSource={m.schools} pagination={false} scroll={{ x: 480 }} />
            {'withheld' in m && m.withheld.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }} data-testid="growth-targets-withheld">
                {t('t.withheld', { list: m.withheld.map((w) => w.name).join(lang === 'en' ? ', ' : '、') })}
              </Typography.Paragraph>
            )}
          </Card>
        );
      })}
    </Flex>
  );
}
