// The district's schools at a glance (各校名册概况) before one is chosen, for one who may see several schools: per school
// its level (学段), the year's roster rows and 专任 teachers, the statistics' status, and tags where the statistics'
// typed-in teacher figures differ from the roster's or rows need their 学部 checked. Aggregates only (API.roster.schools,
// 'teachers.read'); sortable, searchable by name or code; a row opens that school's roster.
import { useMemo, useState } from 'react';
import { Card, Flex, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import { STAT_STATUSES } from '../../../../../src/registry/model.js';
import type { RosterSchoolWire, RosterSchoolsWire } from '../../../../../src/teachers/roster/contract.js';
import { useLabels } from '../../../session.js';
import type { RosterT } from './i18n.js';

const STATUS_COLOR = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'error' } as const;
const n = (x: number) => formatNumber(x, 0);

/** Sort rank of a statistics' status: none first, then the order of STAT_STATUSES. */
const statusRank = (s: RosterSchoolWire['status']) => (s === null ? -1 : STAT_STATUSES.indexOf(s));
/** How much a school needs looking at: figures that differ plus rows whose 学部 needs checking. */
const attention = (s: RosterSchoolWire) => s.differences.length + s.sectionToCheck;
/** A school matches the search text by its name or code (case-insensitive). */
const matches = (s: RosterSchoolWire, text: string) => !text || s.name.toLowerCase().includes(text) || s.code.toLowerCase().includes(text);

export function SchoolsOverview({ t, data, loading, onPick }: { t: RosterT; data: RosterSchoolsWire | null; loading: boolean; onPick: (code: string) => void }) {
  const labels = useLabels();
  const [q, setQ] = useState('');
  const schools = useMemo(() => data?.schools ?? [], [data]);
  const shown = useMemo(() => schools.filter((s) => matches(s, q.trim().toLowerCase())), [schools, q]);
  const withRoster = schools.filter((s) => s.hasRoster).length;
  const year = data?.year;

  return (
    <Card size="small" title={year === undefined ? t('overview') : `${t('yearLabel', { y: year, y1: year + 1 })} · ${t('overview')}`} data-testid="roster-overview-card">
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('ov.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220, maxWidth: '100%' }} data-testid="roster-overview-search" />
        <Typography.Text type="secondary">{t('ov.count', { n: n(schools.length), m: n(withRoster) })}</Typography.Text>
        <Typography.Text type="secondary">{t('ov.hint')}</Typography.Text>
      </Flex>
      <Table<RosterSchoolWire>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('ov.empty') }}
        onRow={(s) => ({ onClick: () => onPick(s.code), style: { cursor: 'pointer' } })}
        data-testid="roster-overview"
        columns={[
          {
            title: t('school'),
            dataIndex: 'name',
            fixed: 'left',
            width: 170,
            sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
            render: (name: string, s) => (
              <Typography.Link
                onClick={(e) => {
                  e.stopPropagation();
                  onPick(s.code);
                }}
                data-testid={`roster-overview-open-${s.code}`}
              >
                {name}
              </Typography.Link>
            ),
          },
          { title: t('ov.level'), dataIndex: 'level', width: 110, sorter: (a, b) => a.level.localeCompare(b.level, 'zh-CN'), render: (l: string) => labels.level(l) },
          {
            title: t('staff'),
            dataIndex: 'rows',
            width: 90,
            align: 'right',
            sorter: (a, b) => a.rows - b.rows,
            render: (rows: number, s) => (s.hasRoster ? n(rows) : <Typography.Text type="secondary">{t('noRoster')}</Typography.Text>),
          },
          { title: t('fullTime'), dataIndex: 'fullTime', width: 90, align: 'right', sorter: (a, b) => a.fullTime - b.fullTime, render: (x: number, s) => (s.hasRoster ? n(x) : '—') },
          {
            title: t('ov.status'),
            dataIndex: 'status',
            width: 120,
            sorter: (a, b) => statusRank(a.status) - statusRank(b.status),
            render: (st: RosterSchoolWire['status']) => (st ? <Tag color={STATUS_COLOR[st]}>{t(`status.${st}`)}</Tag> : <Typography.Text type="secondary">{t('status.none')}</Typography.Text>),
          },
          {
            title: t('ov.flags'),
            key: 'flags',
            width: 220,
            sorter: (a, b) => attention(a) - attention(b),
            render: (_: unknown, s) => (
              <Flex wrap gap={4}>
                {s.differences.length > 0 && (
                  <Tooltip
                    title={s.differences.map((d) => (
                      <div key={d.key}>{t('ov.diffLine', { field: labels.fieldLabel(d.key), typed: d.typed === null ? '—' : n(d.typed), roster: n(d.roster) })}</div>
                    ))}
                  >
                    <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid={`roster-overview-diff-${s.code}`}>
                      {t('ov.differs', { n: n(s.differences.length) })}
                    </Tag>
                  </Tooltip>
                )}
                {s.sectionToCheck > 0 && (
                  <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                    {t('sectionCheckTag', { n: n(s.sectionToCheck) })}
                  </Tag>
                )}
                {s.hasRoster && s.fromRoster && attention(s) === 0 && (
                  <Tag color="green" style={{ marginInlineEnd: 0 }}>
                    {t('ov.fromRoster')}
                  </Tag>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
