import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Popconfirm, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { CheckOutlined, EyeOutlined, ReloadOutlined, RollbackOutlined, UnlockOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { API, call, download } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { fmt, fmtTime, useLabels, yearLabel } from '../session.js';
import { useYear } from '../year.js';
import { PageHeader } from '../components/PageHeader.js';
import { DownloadButton } from '../components/DownloadButton.js';
import { ErrorResult } from '../components/Problem.js';
import { ReturnModal } from '../components/ReturnModal.js';
import { StatusTag } from '../components/StatusTag.js';
import type { ReviewItem, StatStatus } from '../types.js';

export default function ReviewPage() {
  const { t, lang } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { year, link } = useYear();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'submitted';
  const [returning, setReturning] = useState<ReviewItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const { data, loading, error, reload } = useCall(API.registry.review, { query: { year, status: status === 'all' ? undefined : (status as StatStatus) } }, { silent: true });
  const items = data?.items ?? [];

  const act = async (item: ReviewItem, action: 'approve' | 'return' | 'reopen', body: { comment?: string } = {}, quiet = false) => {
    setBusy(`${item.schoolCode}:${action}`);
    try {
      await call(API.registry[action], { params: { code: item.schoolCode, year }, body });
      if (!quiet) message.success(action === 'approve' ? t('review.approved') : action === 'return' ? t('review.returned') : t('review.reopened'));
      return true;
    } catch {
      return false;
    } finally {
      setBusy(null);
    }
  };

  const approveSelected = async () => {
    let ok = 0;
    for (const code of selected) {
      const item = items.find((i) => i.schoolCode === code);
      if (item && (await act(item, 'approve', undefined, true))) ok++;
    }
    message.success(`${t('review.approved')} · ${ok}`);
    setSelected([]);
    reload();
  };

  if (error) return <ErrorResult error={error} onRetry={reload} />;

  return (
    <div>
      <PageHeader
        title={t('review.title')}
        subtitle={t('review.subtitle', { year: yearLabel(year, lang) })}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
            <DownloadButton
              data-testid="review-export"
              get={() => download(API.registry.exportReview, { query: { year, status: status === 'all' ? undefined : (status as StatStatus) } }, `review-${year}.xlsx`)}
            >
              {t('schools.export')}
            </DownloadButton>
          </>
        }
      />
      <Card variant="borderless">
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Segmented
            value={status}
            onChange={(v) => {
              setSelected([]);
              setParams(
                (p) => {
                  const n = new URLSearchParams(p);
                  n.set('status', String(v));
                  return n;
                },
                { replace: true },
              );
            }}
            options={[...(['submitted', 'returned', 'approved', 'draft'] as StatStatus[]).map((s) => ({ value: s, label: L.status(s) })), { value: 'all', label: t('status.all') }]}
            data-testid="review-status"
          />
          {status === 'submitted' && selected.length > 0 && (
            <Popconfirm title={t('school.approveConfirm')} onConfirm={() => approveSelected()}>
              <Button type="primary" icon={<CheckOutlined />} loading={!!busy}>
                {t('review.approveAll', { n: selected.length })}
              </Button>
            </Popconfirm>
          )}
        </Flex>
        <Table<ReviewItem>
          rowKey="schoolCode"
          size="middle"
          loading={loading}
          dataSource={items}
          scroll={{ x: 1240 }}
          rowSelection={
            status === 'submitted' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (r) => ({ disabled: r.status !== 'submitted' }) } : undefined
          }
          locale={{ emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'submitted' ? t('review.empty') : t('common.noData')} /> }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.items', { n }) }}
          columns={[
            {
              title: t('review.school'),
              dataIndex: 'schoolName',
              width: 230,
              render: (v: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Link to={link(`/schools/${r.schoolCode}`)}>{v}</Link>
                  <span className="jh-muted jh-num" style={{ fontSize: 12 }}>
                    {r.schoolCode}
                  </span>
                </Space>
              ),
            },
            { title: t('review.level'), dataIndex: 'level', width: 120, render: (v: string) => L.level(v) },
            { title: t('review.status'), dataIndex: 'status', width: 110, render: (s: StatStatus) => <StatusTag status={s} /> },
            { title: t('review.submittedBy'), dataIndex: 'submittedBy', width: 130, render: (v: string | null) => v ?? '—' },
            {
              title: t('review.submittedAt'),
              dataIndex: 'submittedAt',
              width: 160,
              sorter: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
              render: (v: string | null) => fmtTime(v),
            },
            { title: t('review.students'), dataIndex: 'students', width: 100, align: 'right', render: (v: number | null) => fmt(v, 0, lang) },
            {
              title: t('review.problems'),
              dataIndex: 'problems',
              width: 120,
              sorter: (a, b) => a.problems - b.problems,
              render: (n: number) =>
                n > 0 ? (
                  <Tooltip title={t('form.rules')}>
                    <Tag color="warning" icon={<WarningOutlined />}>
                      {t('review.problemsN', { n })}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tag color="success">{t('review.clean')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              key: 'act',
              width: 290,
              fixed: 'right',
              render: (_v, r) => (
                <Space size={4}>
                  <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => navigate(link(`/schools/${r.schoolCode}`))}>
                    {t('common.view')}
                  </Button>
                  {r.status === 'submitted' && (
                    <>
                      <Popconfirm title={t('school.approveConfirm')} onConfirm={async () => (await act(r, 'approve')) && reload()}>
                        <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy === `${r.schoolCode}:approve`} data-testid={`approve-${r.schoolCode}`}>
                          {t('school.approve')}
                        </Button>
                      </Popconfirm>
                      <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReturning(r)} data-testid={`return-${r.schoolCode}`}>
                        {t('school.return')}
                      </Button>
                    </>
                  )}
                  {r.status === 'approved' && (
                    <Popconfirm title={t('school.reopenConfirm')} onConfirm={async () => (await act(r, 'reopen')) && reload()}>
                      <Button size="small" icon={<UnlockOutlined />} loading={busy === `${r.schoolCode}:reopen`}>
                        {t('school.reopen')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ReturnModal
        open={!!returning}
        schoolName={returning?.schoolName}
        onCancel={() => setReturning(null)}
        onSubmit={async (comment) => {
          if (returning && (await act(returning, 'return', { comment }))) {
            setReturning(null);
            reload();
          }
        }}
      />
    </div>
  );
}
