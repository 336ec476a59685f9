// The yearly exchange rules of one school year from the facts (GET /api/teachers/moves/rules): per school in the
// user's scope and for the district (first row), the eligible teachers of the roster of the year before, every mover
// (for information), the eligible movers and their rate against 10 %, the 骨干 among them and their share against 20 % — each with a met / not met tag; a
// missing roster is said, not shown as zeros that look like facts. The targets pack's id is printed.
import { Alert, Card, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { API } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import { MOVES_FIGURES, type ExchangeRuleRowWire } from '../../../../../src/teachers/moves/contract.js';
import type { MovesT } from './i18n.js';

function MetTag({ t, met }: { t: MovesT; met: boolean | null }) {
  if (met === null) return <Tag>{t('na')}</Tag>;
  return <Tag color={met ? 'green' : 'red'}>{t(met ? 'met' : 'notMet')}</Tag>;
}

export function RulesCard({ t, year, years, onYear }: { t: MovesT; year: number; years: number[]; onYear: (y: number) => void }) {
  const rules = useCall(API.moves.rules, { query: { year } });
  const d = rules.data;
  if (rules.error) return <ErrorResult error={rules.error} onRetry={rules.reload} />;
  const yl = (y: number) => t('yearLabel', { y, y1: y + 1 });
  const rows: (ExchangeRuleRowWire & { key: string })[] = d ? [{ ...d.district, schoolName: t('district'), key: 'district' }, ...d.schools.map((s) => ({ ...s, key: s.schoolCode ?? '' }))] : [];
  const count = (v: number) => formatNumber(v, MOVES_FIGURES.count);
  const share = (v: number | null) => formatNumber(v, MOVES_FIGURES.share);
  return (
    <Card
      size="small"
      title={t('rules')}
      extra={<Select value={year} onChange={onYear} options={years.map((y) => ({ value: y, label: yl(y) }))} style={{ width: 150 }} data-testid="moves-rules-year" />}
      style={{ marginBottom: 12 }}
      data-testid="moves-rules"
    >
      {d && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('rulesHelp', { ry: yl(d.rosterYear), min: d.targets.minYears, age: d.targets.maxAge, pack: d.targets.id })}
          <Tooltip title={d.targets.source}>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4, textDecoration: 'underline dotted' }}>
              ⓘ
            </Typography.Text>
          </Tooltip>
        </Typography.Paragraph>
      )}
      {d?.rosterMissing && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('rosterMissing', { ry: yl(d.rosterYear) })} data-testid="moves-roster-missing" />}
      <Table
        rowKey="key"
        size="small"
        loading={rules.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 820 }}
        onRow={(r) => (r.schoolCode === null ? { style: { fontWeight: 600, background: '#fafafa' } } : {})}
        columns={[
          { title: t('r.school'), dataIndex: 'schoolName', fixed: 'left', width: 160, ellipsis: true },
          {
            title: t('r.eligible'),
            dataIndex: 'eligible',
            align: 'right',
            width: 100,
            render: (v: number, r) => (r.roster ? count(v) : <Tag>{t('noRoster')}</Tag>),
          },
          {
            title: (
              <Tooltip title={t('r.allMoversHelp')}>
                <span style={{ textDecoration: 'underline dotted' }}>{t('r.allMovers')}</span>
              </Tooltip>
            ),
            dataIndex: 'allMovers',
            align: 'right',
            width: 90,
            render: (v: number) => <Typography.Text type="secondary">{count(v)}</Typography.Text>,
          },
          { title: t('r.movers'), dataIndex: 'movers', align: 'right', width: 100, render: count },
          {
            title: t('r.rate', { p: d ? formatPercent(d.targets.rate, 0) : '' }),
            key: 'rate',
            align: 'right',
            width: 150,
            render: (_: unknown, r) => (
              <span data-testid={`moves-rate-${r.key}`}>
                {share(r.rate)} <MetTag t={t} met={r.rateMet} />
              </span>
            ),
          },
          { title: t('r.backbone'), dataIndex: 'backboneMovers', align: 'right', width: 90, render: count },
          {
            title: t('r.share', { p: d ? formatPercent(d.targets.backboneShare, 0) : '' }),
            key: 'share',
            align: 'right',
            width: 150,
            render: (_: unknown, r) => (
              <span data-testid={`moves-share-${r.key}`}>
                {share(r.backboneShare)} <MetTag t={t} met={r.backboneMet} />
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
