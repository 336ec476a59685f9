// Every school of the level group with its strength components (z-score and raw figure, or why missing), its
// composite strength and its role (lead or member candidate, middle) or why it takes no part.
import { Card, Table, Typography } from 'antd';
import type { StrengthRow } from '../../../../../src/planning/pairing/contract.js';
import type { PairingT } from './i18n.js';
import { COMPONENT_KEYS, ComponentCell, LocationTag, RoleTag, z } from './shared.js';

export function StrengthTable({ t, lang, rows, selected, onSelect }: { t: PairingT; lang: 'zh' | 'en'; rows: StrengthRow[]; selected: string | null; onSelect: (code: string | null) => void }) {
  const sorted = [...rows].sort((a, b) => (b.strength ?? -Infinity) - (a.strength ?? -Infinity) || a.code.localeCompare(b.code));
  return (
    <Card size="small" title={t('strengthTitle')} data-testid="pairing-strength" styles={{ body: { padding: 0 } }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 12px' }}>
        {t('strengthHelp')}
      </Typography.Paragraph>
      <Table<StrengthRow>
        size="small"
        rowKey={(r) => `${r.code}|${r.group}`}
        dataSource={sorted}
        pagination={sorted.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        rowClassName={(r) => (r.code === selected ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => onSelect(r.code === selected ? null : r.code), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('colSchool'),
            key: 'school',
            render: (_: unknown, r) => (
              <span>
                {r.name} <LocationTag location={r.location} lang={lang} />
              </span>
            ),
          },
          ...COMPONENT_KEYS.map((k) => ({ title: t(k), key: k, render: (_: unknown, r: StrengthRow) => <ComponentCell t={t} k={k} c={r.components[k]} /> })),
          { title: t('strength'), dataIndex: 'strength', align: 'right' as const, width: 90, render: (v: number | null) => <b>{z(v)}</b> },
          { title: t('colRole'), key: 'role', width: 110, render: (_: unknown, r: StrengthRow) => <RoleTag row={r} t={t} /> },
        ]}
      />
    </Card>
  );
}
