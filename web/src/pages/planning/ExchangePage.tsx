// /planning/exchange — 教师交流轮岗 (the bureau and its personnel staff: teacher rows are personal data). The plans of the
// district (a roster plan tagged, once locked 已写入交流记录) with a new-plan card (from the roster or a teacher file,
// template, rules); ?plan=ID opens one plan (exchange/PlanView.tsx): KPIs, violations,
// editable moves, pins and re-solve, schools before and after, lock and export.
import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { formatNumber } from '../../../../src/core/format.js';
import { EXCHANGE_FIGURES, type ExchangePlanSummary } from '../../../../src/planning/exchange/contract.js';
import { useExchangeT } from './exchange/i18n.js';
import { NewPlanCard } from './exchange/NewPlanCard.js';
import { PlanView } from './exchange/PlanView.js';

export default function ExchangePage() {
  const t = useExchangeT();
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('plan')) || null;
  const open = (plan: number | null) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (plan) n.set('plan', String(plan));
      else n.delete('plan');
      return n;
    });

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        crumbs={id ? [{ title: t('title'), to: '/planning/exchange' }, { title: t('plans') }] : undefined}
        extra={
          id ? (
            <Button onClick={() => open(null)} data-testid="exchange-back">
              {t('back')}
            </Button>
          ) : undefined
        }
      />
      {id ? <PlanView key={id} t={t} id={id} onDeleted={() => open(null)} /> : <PlanList onOpen={open} />}
    </div>
  );
}

function PlanList({ onOpen }: { onOpen: (id: number) => void }) {
  const t = useExchangeT();
  const list = useCall(API.exchange.list, {});
  const [creating, setCreating] = useState(false);
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const plans = list.data?.plans ?? [];
  const cv = (v: number) => formatNumber(v, EXCHANGE_FIGURES.cv);
  return (
    <>
      <Card
        title={t('plans')}
        style={{ marginBottom: 12 }}
        extra={
          !creating && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="exchange-create">
              {t('newPlan')}
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={plans}
          pagination={false}
          locale={{ emptyText: t('noPlans') }}
          scroll={{ x: 820 }}
          onRow={(p: ExchangePlanSummary) => ({ onClick: () => onOpen(p.id), style: { cursor: 'pointer' } })}
          data-testid="exchange-list"
          columns={[
            {
              title: t('col.name'),
              dataIndex: 'name',
              render: (n: string, p: ExchangePlanSummary) => (
                <>
                  <Typography.Link onClick={() => onOpen(p.id)} data-testid={`exchange-open-${p.id}`}>
                    {n}
                  </Typography.Link>
                  {p.source === 'roster' && (
                    <Tag color={p.status === 'locked' ? 'green' : 'cyan'} style={{ marginInlineStart: 6 }}>
                      {t(p.status === 'locked' ? 'recorded' : 'source.roster')}
                    </Tag>
                  )}
                </>
              ),
            },
            { title: t('col.year'), dataIndex: 'year', width: 120, render: (y: number) => t('yearLabel', { y, y1: y + 1 }) },
            { title: t('col.status'), dataIndex: 'status', width: 90, render: (s: ExchangePlanSummary['status']) => <Tag color={s === 'draft' ? 'blue' : 'green'}>{t(`status.${s}`)}</Tag> },
            { title: t('col.teachers'), dataIndex: 'teachers', width: 80, align: 'right', render: (v: number) => formatNumber(v, 0) },
            { title: t('col.movers'), dataIndex: 'movers', width: 90, align: 'right', render: (v: number) => formatNumber(v, 0) },
            { title: t('col.cv'), key: 'cv', width: 160, align: 'right', render: (p: ExchangePlanSummary) => `${cv(p.cvBefore)} → ${cv(p.cvAfter)}` },
            {
              title: t('col.violations'),
              dataIndex: 'violations',
              width: 80,
              align: 'right',
              render: (v: number) => (v > 0 ? <Typography.Text type="danger">{formatNumber(v, 0)}</Typography.Text> : '0'),
            },
            { title: t('col.updated'), key: 'u', width: 120, render: (p: ExchangePlanSummary) => (p.lockedAt ?? p.updatedAt ?? p.createdAt).slice(0, 10) },
          ]}
        />
      </Card>
      {(creating || (list.data && plans.length === 0)) && <NewPlanCard t={t} onCreated={onOpen} />}
    </>
  );
}
