// The suggested pairs of the chosen level group: lead and member with their strengths, the distance, the gap, the
// urban–rural bonus and the complementarity; a row opens to each school's strength components; the bureau confirms a
// pair from here (type and note in the modal).
import { Button, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd';
import type { StrengthRow, SuggestedPair } from '../../../../../src/planning/pairing/contract.js';
import type { PairingT } from './i18n.js';
import { COMPONENT_KEYS, ComponentCell, gap, km, LocationTag, z } from './shared.js';

export function SuggestionTable({
  t,
  lang,
  pairs,
  schoolOf,
  canManage,
  onConfirm,
  loading,
}: {
  t: PairingT;
  lang: 'zh' | 'en';
  pairs: SuggestedPair[];
  schoolOf: (code: string, group: string) => StrengthRow | undefined;
  canManage: boolean;
  onConfirm: (p: SuggestedPair) => void;
  loading: boolean;
}) {
  const school = (name: string, code: string, group: string, strength: number) => {
    const s = schoolOf(code, group);
    return (
      <Space size={4} wrap>
        <span>{name}</span>
        {s && <LocationTag location={s.location} lang={lang} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('strength')} {z(strength)}
        </Typography.Text>
      </Space>
    );
  };
  const components = (code: string, group: string, title: string) => {
    const s = schoolOf(code, group);
    if (!s) return null;
    return (
      <Descriptions
        size="small"
        column={1}
        title={<span style={{ fontSize: 13 }}>{title}</span>}
        styles={{ label: { width: 120 } }}
        items={[
          ...COMPONENT_KEYS.map((k) => ({ key: k, label: t(k), children: <ComponentCell t={t} k={k} c={s.components[k]} /> })),
          { key: 'strength', label: t('strength'), children: z(s.strength) },
        ]}
      />
    );
  };
  return (
    <Card size="small" title={t('suggestionsTitle')} data-testid="pairing-suggestions" styles={{ body: { padding: 0 } }}>
      <Table<SuggestedPair>
        size="small"
        loading={loading}
        rowKey={(p) => `${p.group}|${p.leadCode}|${p.memberCode}`}
        dataSource={pairs}
        pagination={pairs.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: t('noSuggestions') }}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (p) => (
            <Row gutter={[32, 8]} style={{ padding: '4px 8px' }}>
              <Col xs={24} md={12}>
                {components(p.leadCode, p.group, `${t('colLead')}：${p.leadName}`)}
              </Col>
              <Col xs={24} md={12}>
                {components(p.memberCode, p.group, `${t('colMember')}：${p.memberName}`)}
              </Col>
            </Row>
          ),
        }}
        columns={[
          { title: t('colLead'), key: 'lead', render: (_: unknown, p) => school(p.leadName, p.leadCode, p.group, p.leadStrength) },
          { title: t('colMember'), key: 'member', render: (_: unknown, p) => school(p.memberName, p.memberCode, p.group, p.memberStrength) },
          { title: t('colKm'), dataIndex: 'km', align: 'right', width: 100, render: (v: number) => km(v) },
          { title: t('colGap'), dataIndex: 'gap', align: 'right', width: 90, render: (v: number) => gap(v) },
          { title: t('colBonus'), dataIndex: 'bonus', align: 'right', width: 100, render: (v: number) => (v ? gap(v) : '—') },
          { title: t('colComplementarity'), dataIndex: 'complementarity', align: 'right', width: 100, render: (v: number) => <b>{gap(v)}</b> },
          ...(canManage
            ? [
                {
                  title: t('colAction'),
                  key: 'action',
                  width: 110,
                  render: (_: unknown, p: SuggestedPair) => (
                    <Button size="small" type="primary" ghost onClick={() => onConfirm(p)} data-testid={`pairing-confirm-${p.memberCode}`}>
                      {t('confirm')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
