// 历史: the saved evaluations (a fixed record of year, pack and version, who and when), and a look at one.
import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Modal, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { fmtTime, yearLabel } from '../../session.js';
import { LEVELS, PassTag, RED, usePackText, type SavedEvaluation, type StandardItem } from './shared.js';

function SavedView({ id }: { id: number }) {
  const { t } = useI18n();
  const { data } = useCall(API.balance.getEvaluation, { params: { id } }, { silent: true });
  const text = usePackText(data?.result.pack);
  if (!data) return <Skeleton active />;
  const r = data.result;
  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'pack', label: t('balance.pack'), children: `${text.packName(r.pack)} · v${data.standardVersion}`, span: 2 },
          { key: 'by', label: t('balance.savedBy'), children: data.createdBy },
          { key: 'at', label: t('balance.savedAt'), children: fmtTime(data.createdAt) },
          ...(data.note ? [{ key: 'note', label: t('balance.note'), children: data.note, span: 2 }] : []),
        ]}
      />
      {LEVELS.filter((l) => r.levels[l.key]).map((l) => {
        const lv = r.levels[l.key]!;
        return (
          <Card key={l.key} size="small" title={text.level(l.key)} extra={<PassTag pass={lv.pass} />}>
            <Flex wrap gap={6}>
              {lv.indicators.map((i) => (
                <Tag key={i.key} color={i.pass === false ? 'error' : 'default'}>
                  {text.short(i.key)} {text.cv(i.cv)}
                </Tag>
              ))}
              {lv.composite && (
                <Tag color={lv.composite.pass ? 'success' : 'error'}>
                  {t('balance.compositeShort')} {text.cv(lv.composite.cv)}
                </Tag>
              )}
            </Flex>
            {lv.schoolsPassing !== null && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                {t('balance.schoolsPassing')}: <span style={{ color: lv.schoolsPassing < lv.counted ? RED : undefined }}>{lv.schoolsPassing}</span> / {lv.counted}
              </Typography.Text>
            )}
          </Card>
        );
      })}
    </Flex>
  );
}

export function HistoryTab({ tick, standards, onOpen }: { tick: number; standards: StandardItem[]; onOpen: (e: SavedEvaluation) => void }) {
  const { t, lang, pick } = useI18n();
  const { data, reload, loading } = useCall(API.balance.listEvaluations, {}, { silent: true });
  const [view, setView] = useState<SavedEvaluation | null>(null);
  useEffect(() => {
    if (tick) reload();
  }, [tick, reload]);
  const packName = (id: string) => {
    const s = standards.find((x) => x.id === id);
    return s ? pick(s.name, s.nameEn) : id;
  };
  const columns: ColumnsType<SavedEvaluation> = [
    { title: '#', dataIndex: 'id', width: 56 },
    { title: t('header.year'), dataIndex: 'year', width: 130, render: (y: number) => yearLabel(y, lang) },
    {
      title: t('balance.pack'),
      key: 'pack',
      render: (_v, r) => (
        <Space size={4}>
          <span>{packName(r.standardId)}</span>
          <Tag>v{r.standardVersion}</Tag>
        </Space>
      ),
    },
    { title: t('balance.savedBy'), dataIndex: 'createdBy', width: 110 },
    { title: t('balance.savedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
    { title: t('balance.note'), dataIndex: 'note', render: (v: string | null) => v || <span className="jh-muted">—</span> },
    {
      title: t('common.actions'),
      key: 'act',
      width: 150,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setView(r)}>
            {t('common.view')}
          </Button>
          <Button type="link" size="small" onClick={() => onOpen(r)}>
            {t('balance.reopen')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Card variant="borderless" title={t('balance.history')} styles={{ body: { paddingTop: 8 } }}>
      {!data && loading ? (
        <Skeleton active />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={data?.evaluations ?? []}
          columns={columns}
          pagination={{ pageSize: 15, hideOnSinglePage: true, size: 'small' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('balance.noHistory')} /> }}
          data-testid="balance-history"
        />
      )}
      <Modal open={!!view} title={view ? `${t('balance.savedEval')} #${view.id} · ${yearLabel(view.year, lang)}` : ''} footer={null} onCancel={() => setView(null)} width={720} destroyOnHidden>
        {view && <SavedView id={view.id} />}
      </Modal>
    </Card>
  );
}
