// The 梯队 of the district against its targets (the targets pack's tier counts): full-time teachers per tier, the
// target, the progress and the teachers still short.
import { Grid, Progress, Table, Tag } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import { tierLabel, type StructureTier } from '../../../../../src/teachers/structure/contract.js';
import { useI18n } from '../../../i18n.js';
import type { StructureT } from './i18n.js';

export function TierTable({ tiers, t }: { tiers: StructureTier[]; t: StructureT }) {
  const { lang } = useI18n();
  const narrow = !Grid.useBreakpoint().sm;
  const right = 'right' as const;
  return (
    <Table<StructureTier>
      size="small"
      rowKey="tier"
      dataSource={tiers}
      pagination={false}
      data-testid="structure-tier-table"
      columns={[
        { title: t('colTier'), key: 'tier', render: (_: unknown, x) => tierLabel(x.tier, lang) },
        { title: t('colCount'), key: 'count', align: right, render: (_: unknown, x) => formatNumber(x.count, 0) },
        { title: t('colTarget'), key: 'target', align: right, render: (_: unknown, x) => formatNumber(x.target, 0) },
        ...(narrow
          ? []
          : [
              {
                title: t('colProgress'),
                key: 'progress',
                width: 130,
                render: (_: unknown, x: StructureTier) => (
                  <Progress
                    percent={x.target > 0 ? Math.min(100, (x.count / x.target) * 100) : 100}
                    size="small"
                    status={x.met ? 'success' : 'normal'}
                    format={() => formatNumber(x.target > 0 ? x.count / x.target : null, { decimals: 0, percent: true })}
                  />
                ),
              },
            ]),
        {
          title: t('colShort'),
          key: 'short',
          align: right,
          render: (_: unknown, x) => (x.met ? <Tag color="success">{t('met')}</Tag> : formatNumber(x.short, 0)),
        },
      ]}
    />
  );
}
