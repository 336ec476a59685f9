// The consolidation candidates beside the layout map (撤并候选): 教学点 and schools under the threshold, the smallest
// first, with the nearest school that could take their pupils and how far it is. A row selects the school on the map.
import { Card, Table, Tag, Typography } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import type { MapSchool } from '../../../../../src/planning/map/contract.js';
import { useI18n } from '../../../i18n.js';
import { levelName, type MapT } from './i18n.js';

export function CandidatesCard({
  t,
  candidates,
  threshold,
  selected,
  onSelect,
}: {
  t: MapT;
  candidates: MapSchool[];
  threshold: number;
  selected: string | null;
  onSelect: (code: string | null) => void;
}) {
  const { lang } = useI18n();
  return (
    <Card title={t('candidatesTitle')} size="small" data-testid="map-candidates" styles={{ body: { padding: 0 } }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 12px' }}>
        {t('candidatesHelp', { n: formatNumber(threshold, 0) })}
      </Typography.Paragraph>
      <Table<MapSchool>
        size="small"
        rowKey="code"
        pagination={candidates.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
        dataSource={candidates}
        locale={{ emptyText: t('candidatesNone') }}
        rowClassName={(r) => (r.code === selected ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => onSelect(r.code === selected ? null : r.code), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('colSchool'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <span>
                {name}{' '}
                {r.level === '教学点' && (
                  <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                    {levelName(lang, r.level)}
                  </Tag>
                )}
              </span>
            ),
          },
          { title: t('colStudents'), dataIndex: 'students', align: 'right', width: 56, render: (v: number | null) => formatNumber(v, 0) },
          {
            title: t('colNearest'),
            key: 'nearest',
            render: (_: unknown, r) =>
              r.lat === null ? <Typography.Text type="secondary">{t('noCoords')}</Typography.Text> : r.nearest ? r.nearest.name : <Typography.Text type="secondary">{t('noNearest')}</Typography.Text>,
          },
          { title: t('colKm'), key: 'km', align: 'right', width: 64, render: (_: unknown, r) => formatNumber(r.nearest?.km ?? null, 1) },
        ]}
      />
    </Card>
  );
}
