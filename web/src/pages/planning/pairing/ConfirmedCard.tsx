// The confirmed pairings of the school year: lead, member, type (close ones counted towards the target), distance,
// note and who confirmed; the bureau removes one here (audited on the server).
import { App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { API, call } from '../../../client.js';
import type { Pairing } from '../../../../../src/planning/pairing/contract.js';
import type { PairingT } from './i18n.js';
import { km, TypeTag } from './shared.js';

export function ConfirmedCard({
  t,
  lang,
  year,
  pairings,
  canManage,
  selected,
  onChanged,
  loading,
}: {
  t: PairingT;
  lang: 'zh' | 'en';
  year: number;
  pairings: Pairing[];
  canManage: boolean;
  selected: string | null;
  onChanged: () => void;
  loading: boolean;
}) {
  const { message } = App.useApp();
  const rows = selected ? pairings.filter((p) => p.leadCode === selected || p.memberCode === selected) : pairings;
  const remove = async (p: Pairing) => {
    try {
      await call(API.pairing.remove, { params: { id: p.id } });
      message.success(t('removed'));
      onChanged();
    } catch {
      // Shown by the API client.
    }
  };
  return (
    <Card size="small" title={t('confirmedTitle', { year })} data-testid="pairing-confirmed" styles={{ body: { padding: 0 } }}>
      <Table<Pairing>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: t('noPairings') }}

        columns={[
          {
            title: `${t('colLead')} → ${t('colMember')}`,
            key: 'who',
            render: (_: unknown, p) => (
              <Space orientation="vertical" size={2}>
                <span>
                  {p.leadName} → {p.memberName}
                </span>
                <Space size={6} wrap>
                  <TypeTag type={p.type} close={p.close} t={t} lang={lang} />
                  {p.km !== null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {km(p.km)} {t('km')}
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('colBy')}：{p.confirmedBy}
                  </Typography.Text>
                </Space>
                {p.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.note}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('colAction'),
                  key: 'remove',
                  width: 72,
                  render: (_: unknown, p: Pairing) => (
                    <Popconfirm title={t('removeConfirm')} okText={t('remove')} cancelText={t('cancel')} onConfirm={() => remove(p)}>
                      <Button size="small" danger type="link" data-testid={`pairing-remove-${p.id}`}>
                        {t('remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
