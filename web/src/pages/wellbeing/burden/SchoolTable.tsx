// The schools (and the district) of the report with their grades and sexes as a tree: records, the share over the
// homework limit, the mean minutes against the grade's limit, the share short of sleep, the mean hours against the
// target. Withheld (small) cells show a dash with the reason.
import { Button, Grid, Table, Tag, Tooltip, Typography } from 'antd';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import type { BurdenCellWire } from '../../../../../src/wellbeing/burden/contract.js';
import type { BurdenT } from './i18n.js';

export type Row = BurdenCellWire & { key: string; label: string; children?: Row[] };

export function treeOf(cells: BurdenCellWire[], districtLabel: string, gradeName: (g: number) => string, t: BurdenT): Row[] {
  const sub = (school: string | null): Row[] =>
    cells
      .filter((c) => c.school === school && c.grade !== null && c.sex === null)
      .map((g) => {
        const sexes = cells
          .filter((c) => c.school === school && c.grade === g.grade && c.sex !== null)
          .map((s) => ({ ...s, key: `${school ?? '*'}|${g.grade}|${s.sex}`, label: t(s.sex === 'M' ? 'boys' : 'girls') }));
        return { ...g, key: `${school ?? '*'}|${g.grade}`, label: gradeName(g.grade!), ...(sexes.length ? { children: sexes } : {}) };
      });
  return cells.filter((c) => c.grade === null).map((c) => ({ ...c, key: c.school ?? '*', label: c.school === null ? districtLabel : (c.schoolName ?? c.school), children: sub(c.school) }));
}

export function SchoolTable({
  rows,
  t,
  min,
  loading,
  canPupils,
  onPupils,
}: {
  rows: Row[];
  t: BurdenT;
  min: number;
  loading: boolean;
  canPupils: (school: string) => boolean;
  onPupils: (r: Row) => void;
}) {
  // On a phone: a narrower name column and no limit columns (the tags say within / over).
  const narrow = !Grid.useBreakpoint().md;
  const hidden = (
    <Tooltip title={t('withheld', { n: min })}>
      <Typography.Text type="secondary">{formatNumber(null, 0)}</Typography.Text>
    </Tooltip>
  );
  const flag = (bad: boolean | null, words: [string, string]) => (bad === null ? null : <Tag color={bad ? 'red' : 'green'}>{bad ? words[0] : words[1]}</Tag>);
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: narrow ? 640 : 900 }}
      data-testid="burden-table"
      columns={[
        { title: t('colSchool'), dataIndex: 'label', key: 'label', width: narrow ? 120 : 200, fixed: 'left' as const },
        { title: t('colRecords'), key: 'records', align: 'right' as const, render: (_: unknown, r: Row) => formatNumber(r.records, 0) },
        { title: t('colOver'), key: 'over', align: 'right' as const, render: (_: unknown, r: Row) => (r.homeworkSuppressed ? hidden : formatPercent(r.overShare)) },
        {
          title: t('colMeanHw'),
          key: 'meanHw',
          align: 'right' as const,
          render: (_: unknown, r: Row) =>
            r.homeworkSuppressed ? (
              hidden
            ) : (
              <>
                {formatNumber(r.meanHomework, 1)} {flag(r.meanWithinLimit === null ? null : !r.meanWithinLimit, [t('meanOver'), t('within')])}
              </>
            ),
        },
        ...(narrow ? [] : [{ title: t('colLimit'), key: 'limit', align: 'right' as const, render: (_: unknown, r: Row) => (r.homeworkLimit === null ? '' : `≤ ${formatNumber(r.homeworkLimit, 0)}`) }]),
        { title: t('colShort'), key: 'short', align: 'right' as const, render: (_: unknown, r: Row) => (r.sleepSuppressed ? hidden : formatPercent(r.sleepShortShare)) },
        {
          title: t('colMeanSleep'),
          key: 'meanSleep',
          align: 'right' as const,
          render: (_: unknown, r: Row) =>
            r.sleepSuppressed ? (
              hidden
            ) : (
              <>
                {formatNumber(r.meanSleep, 2)} {flag(r.meanSleepMeets === null ? null : !r.meanSleepMeets, [t('meanShort'), t('meets')])}
              </>
            ),
        },
        ...(narrow ? [] : [{ title: t('colTarget'), key: 'target', align: 'right' as const, render: (_: unknown, r: Row) => (r.sleepTarget === null ? '' : `≥ ${formatNumber(r.sleepTarget, 0)}`) }]),
        {
          title: '',
          key: 'pupils',
          render: (_: unknown, r: Row) =>
            r.school !== null && r.grade === null && canPupils(r.school) ? (
              <Button size="small" onClick={() => onPupils(r)} data-testid={`burden-pupils-${r.school}`}>
                {t('pupils')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
