// 学校达标: school × indicator heat map, coloured against the pack's thresholds; a row opens the what-if drawer.
import { useMemo, useState } from 'react';
import { Card, Flex, Input, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n.js';
import { formatNumber } from '../../../../src/core/format.js';
import { useYear } from '../../year.js';
import { AMBER, baseCode, CELL_BG, cellState, GREEN, PassTag, RED, useDistrictWord, usePackText, type BalanceLevel, type Evaluation, type SchoolResult } from './shared.js';
import { WhatIfDrawer } from './WhatIfDrawer.js';

const TEXT_COLOR = { met: GREEN, near: AMBER, below: RED, none: '#94a3b8' } as const;

export function SchoolsTab({ data, level, year, standard, version }: { data: Evaluation; level: BalanceLevel; year: number; standard: string; version: number | null }) {
  const { t } = useI18n();
  const { link } = useYear();
  const text = usePackText(data.pack);
  const d = useDistrictWord();
  /** An inspector sees only the assigned schools: the what-if (which recomputes the district's CVs) is not offered. */
  const scoped = !!data.scopedTo;
  const lv = data.levels[level]!;
  const [filter, setFilter] = useState<'all' | 'failing'>('all');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const perSchool = !!data.pack.schoolRule;
  const share = data.pack.schoolRule?.remainderMinShare;

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return lv.schools.filter((s) => (filter === 'all' || (!s.excluded && s.pass === false)) && (!needle || (s.schoolName ?? '').toLowerCase().includes(needle) || s.schoolCode.includes(needle)));
  }, [lv, filter, q]);

  const columns: ColumnsType<SchoolResult> = [
    {
      title: t('balance.school'),
      key: 'name',
      fixed: 'left',
      width: 168,
      sorter: (a, b) => (a.schoolName ?? a.schoolCode).localeCompare(b.schoolName ?? b.schoolCode, 'zh-CN'),
      render: (_v, r) => (
        <div style={{ lineHeight: 1.35 }}>
          <Link to={link(`/schools/${baseCode(r.schoolCode)}`)} onClick={(e) => e.stopPropagation()}>
            {r.schoolName || r.schoolCode}
          </Link>
          {r.excluded && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('balance.excluded')}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('common.students'),
      dataIndex: 'students',
      width: 70,
      align: 'right',
      sorter: (a, b) => a.students - b.students,
      render: (v: number) => <span className="jh-num">{formatNumber(v, 0)}</span>,
    },
    ...(perSchool
      ? ([
          {
            title: t('balance.met'),
            dataIndex: 'met',
            key: 'met',
            width: 68,
            align: 'center',
            sorter: (a, b) => (a.met ?? -1) - (b.met ?? -1),
            render: (v: number | null, r) => (r.excluded ? '—' : <span className="jh-num">{`${v} / ${data.pack.indicators.length}`}</span>),
          },
          {
            title: t('balance.result'),
            dataIndex: 'pass',
            key: 'pass',
            width: 74,
            align: 'center',
            sorter: (a, b) => Number(a.pass) - Number(b.pass),
            render: (p: boolean | null, r) => (r.excluded ? <Tag>{t('balance.excluded')}</Tag> : <PassTag pass={p} />),
          },
        ] as ColumnsType<SchoolResult>)
      : []),
    ...data.pack.indicators.map((ind): ColumnsType<SchoolResult>[number] => {
      const threshold = ind.threshold?.[level];
      const mean = lv.indicators.find((i) => i.key === ind.key)?.mean ?? null;
      return {
        title: (
          <Tooltip title={`${text.name(ind.key)}${threshold ? ` · ${t('balance.threshold')} ${text.value(ind.key, Number(threshold))} ${text.ratioUnit(ind.key)}` : ''}`}>
            <div className="jh-heat-head">
              {text.short(ind.key)}
              <div className="jh-heat-threshold">
                {threshold ? `≥ ${text.value(ind.key, Number(threshold))} ` : ''}
                {text.ratioUnit(ind.key)}
              </div>
            </div>
          </Tooltip>
        ),
        key: ind.key,
        width: 92,
        align: 'right',
        sorter: (a, b) => (a.values[ind.key] ?? -1) - (b.values[ind.key] ?? -1),
        onCell: (r) => {
          const v = r.values[ind.key];
          if (!perSchool) {
            // No per-school standard (2012): shade by distance from the district mean.
            const rel = v != null && mean ? v / mean : null;
            const bg = rel === null ? CELL_BG.none : rel < 0.7 ? CELL_BG.below : rel < 0.9 ? CELL_BG.near : '#ffffff';
            return { style: { background: bg } };
          }
          const st = r.excluded ? 'none' : cellState(data.pack, level, ind.key, v, r.gaps[ind.key]);
          return { style: { background: CELL_BG[st] } };
        },
        render: (_v, r) => {
          const v = r.values[ind.key];
          if (v === null || v === undefined) return <span className="jh-muted">—</span>;
          const g = r.gaps[ind.key];
          const st = !perSchool || r.excluded ? 'none' : cellState(data.pack, level, ind.key, v, g);
          const el = (
            <span style={{ color: perSchool && !r.excluded ? TEXT_COLOR[st] : undefined, fontWeight: 500 }} className="jh-num" data-testid={`balance-value-${r.schoolCode}-${ind.key}`}>
              {text.value(ind.key, v)}
            </span>
          );
          return g && g > 0 ? <Tooltip title={`${t('balance.gap')}: ${text.amountUnit(ind.key, g)}`}>{el}</Tooltip> : el;
        },
      };
    }),
  ];

  return (
    <Card
      variant="borderless"
      title={t('balance.matrix')}
      extra={
        <Flex gap={12} align="center" wrap>
          {perSchool ? (
            <Flex gap={10} align="center" className="jh-heat-legend">
              <span>
                <i style={{ background: CELL_BG.met }} />
                {t('balance.legendMet')}
              </span>
              <span>
                <i style={{ background: CELL_BG.near }} />
                {t('balance.legendNear', { share: share ? `${Math.round(Number(share) * 100)}%` : '' })}
              </span>
              <span>
                <i style={{ background: CELL_BG.below }} />
                {t('balance.legendBelow', { share: share ? `${Math.round(Number(share) * 100)}%` : '' })}
              </span>
            </Flex>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('balance.matrixHelpComposite', { d })}
            </Typography.Text>
          )}
          <Input allowClear size="small" prefix={<SearchOutlined />} placeholder={t('schools.searchPh')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 180 }} />
          {perSchool && (
            <Segmented
              size="small"
              value={filter}
              onChange={(v) => setFilter(v as 'all' | 'failing')}
              options={[
                { value: 'all', label: t('common.all') },
                { value: 'failing', label: t('balance.onlyFailing') },
              ]}
            />
          )}
        </Flex>
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid={scoped ? 'balance-scoped' : undefined}>
        {scoped ? t('balance.scoped', { d }) : t('balance.whatIfHint', { d })}
      </Typography.Paragraph>
      <Table
        size="small"
        bordered
        rowKey="schoolCode"
        className={scoped ? 'jh-heat' : 'jh-clickable-rows jh-heat'}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content', y: 620 }}
        data-testid="balance-heatmap"
        onRow={(r) => ({
          onClick: scoped ? undefined : () => setOpen(r.schoolCode),
          style: r.excluded ? { opacity: 0.6 } : undefined,
          'data-testid': `balance-school-${r.schoolCode}`,
        })}
      />
      <WhatIfDrawer code={scoped ? null : open} data={data} level={level} year={year} standard={standard} version={version} onClose={() => setOpen(null)} />
    </Card>
  );
}
