// /wellbeing/settings — 健康数据设置: how many school years pupil-level health rows (fitness, vision, homework and
// sleep) are kept. The page explains what a purge removes (pupil rows) and keeps (aggregates per school, grade and
// sex, so every report stays the same), shows the counts per kind and year from the server's preview of the chosen
// value (before it is saved), and purges only after a confirmation naming the rows to be deleted. Bureau only
// ('wellbeing.manage'); every change and purge is audited by the server.
import { useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Popconfirm, Radio, Space, Table, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { API, call } from '../../client.js';
import { useCall } from '../../hooks.js';
import { fmtTime } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { formatNumber } from '../../../../src/core/format.js';
import type { RetentionPreview } from '../../../../src/wellbeing/retention/contract.js';
import { useWbT } from './i18n.js';

type KindRow = RetentionPreview['kinds'][number];

export default function SettingsPage() {
  const t = useWbT();
  const { message } = App.useApp();
  const setting = useCall(API.retention.setting, {});
  const saved = setting.data?.retentionYears ?? null;
  // The value being edited: undefined until the user changes it (then the saved one is shown).
  const [draft, setDraft] = useState<number | null | undefined>(undefined);
  const value = draft === undefined ? saved : draft;
  const preview = useCall(API.retention.preview, setting.data ? { query: { years: value ?? undefined } } : null);
  const [busy, setBusy] = useState(false);

  if (setting.error) return <ErrorResult error={setting.error} onRetry={setting.reload} />;
  const p = preview.data;
  // A preview of "keep" (null) asks for the saved value when nothing is given: show nothing to purge then.
  const kinds = value === null ? (p?.kinds ?? []).map((k) => ({ ...k, kept: [...k.purge.map((x) => x.year), ...k.kept].sort((a, b) => b - a), purge: [] })) : (p?.kinds ?? []);
  const rows = kinds.reduce((n, k) => n + k.purge.reduce((m, x) => m + x.pupilRows, 0), 0);
  const dirty = value !== saved;

  const save = async () => {
    setBusy(true);
    try {
      await call(API.retention.saveSetting, { body: { retentionYears: value } });
      message.success(t('retSaved'));
      setDraft(undefined);
      setting.reload();
      preview.reload();
    } finally {
      setBusy(false);
    }
  };
  const purge = async () => {
    if (saved === null) return;
    setBusy(true);
    try {
      const res = await call(API.retention.purge, { body: { retentionYears: saved } });
      const n = res.purged.reduce((m, x) => m + x.pupilRows, 0);
      message.success(n ? t('purgeDone', { n: formatNumber(n, 0) }) : t('purgeNothing'));
      preview.reload();
    } finally {
      setBusy(false);
    }
  };
  const years = (list: number[]) => (list.length ? list.map((y) => t('yearLabel', { y, y1: y + 1 })).join('、') : t('nothing'));

  return (
    <div data-testid="wellbeing-settings">
      <PageHeader title={t('setTitle')} subtitle={t('setSubtitle')} />
      <Card title={t('retTitle')} loading={setting.loading && !setting.data}>
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('retExplain')} />
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Text strong>{t('retYears')}</Typography.Text>
            <Radio.Group value={value === null ? 'keep' : 'limit'} onChange={(e) => setDraft(e.target.value === 'keep' ? null : (saved ?? 3))} data-testid="retention-mode">
              <Radio value="keep">{t('retKeep')}</Radio>
              <Radio value="limit">{t('retLimit')}</Radio>
            </Radio.Group>
            {value !== null && (
              <Space align="center">
                <InputNumber min={1} max={30} precision={0} value={value} onChange={(v) => v !== null && setDraft(v)} style={{ width: 80 }} data-testid="retention-years" />
                <Typography.Text>{t('retYearsUnit')}</Typography.Text>
              </Space>
            )}
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="retention-save">
              {t('retSave')}
            </Button>
          </Space>
          {setting.data?.updatedBy && <Typography.Text type="secondary">{t('retUpdated', { who: setting.data.updatedBy, when: fmtTime(setting.data.updatedAt) })}</Typography.Text>}
          {value === null ? (
            <Typography.Text>{t('retNone')}</Typography.Text>
          ) : (
            p?.referenceYear != null &&
            p.keepFrom != null && <Typography.Text>{t('retReference', { y: p.referenceYear, y1: p.referenceYear + 1, from: p.keepFrom, from1: p.keepFrom + 1 })}</Typography.Text>
          )}
        </Space>
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          {t('previewTitle')}
        </Typography.Title>
        <Table<KindRow>
          size="small"
          rowKey="kind"
          loading={preview.loading}
          pagination={false}
          dataSource={kinds}
          scroll={{ x: 760 }}
          data-testid="retention-preview"
          columns={[
            { title: t('colKind'), key: 'kind', render: (_: unknown, k: KindRow) => t(`kind_${k.kind}`) },
            {
              title: t('colPurge'),
              key: 'purge',
              render: (_: unknown, k: KindRow) =>
                k.purge.length ? k.purge.map((x) => <div key={x.year}>{t('rowsOfYear', { y: t('yearLabel', { y: x.year, y1: x.year + 1 }), n: formatNumber(x.pupilRows, 0) })}</div>) : t('nothing'),
            },
            {
              title: t('colKept'),
              key: 'kept',
              render: (_: unknown, k: KindRow) =>
                k.purge.length ? k.purge.map((x) => <div key={x.year}>{t('talliesOfYear', { y: t('yearLabel', { y: x.year, y1: x.year + 1 }), n: formatNumber(x.tallies, 0) })}</div>) : t('nothing'),
            },
            { title: t('colKeptYears'), key: 'keptYears', render: (_: unknown, k: KindRow) => years(k.kept) },
            { title: t('colPurgedYears'), key: 'purged', render: (_: unknown, k: KindRow) => years(k.purged) },
          ]}
        />
        <Space wrap style={{ marginTop: 16 }} align="center">
          <Popconfirm title={t('purgeConfirm', { n: formatNumber(rows, 0) })} onConfirm={() => void purge()} disabled={dirty || saved === null || rows === 0} okButtonProps={{ danger: true }}>
            <Button danger icon={<DeleteOutlined />} disabled={dirty || saved === null || rows === 0} loading={busy} data-testid="retention-purge">
              {t('purgeNow')}
            </Button>
          </Popconfirm>
          {dirty && <Typography.Text type="secondary">{t('purgeNeedSave')}</Typography.Text>}
          <Typography.Text type="secondary">{t('retAudit')}</Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
