// The school table of the district report: ranks by a subject or 总分, the rates, 后x%, each subject's mean, and
// (choosing an earlier exam) each school's change of mean rank and percentile, students linked by 学籍号.
import { useMemo, useState } from 'react';
import { Alert, Card, Flex, Input, Segmented, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { InfoCircleOutlined, SearchOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { useCan, useLabels } from '../../session.js';
import { comparable } from '../../../../src/exams/cohort-rule.js';
import { useExamT } from './i18n.js';
import { SubjectSelect, type Names } from './ReportParts.js';
import { byNum, competitionRanks, count, num, pct, RED, signColor, signed, signedPct, Withheld } from './shared.js';
import { TOTAL, type CompareRow, type Exam, type ExamReport, type SchoolGroup, type Stats } from './types.js';

interface RankRow {
  school: string;
  name: string;
  level: string | null;
  location: string | null;
  n: number;
  stats: Stats | undefined;
  rank: number | null;
  allPassRate: number | null;
  bottomRate: number | null;
  flagged: boolean;
  means: Record<string, number | null>;
  change: CompareRow | null;
}

export function SchoolRankCard({ exam, exams, report, names, ranked: many }: { exam: Exam; exams: Exam[]; report: ExamReport; names: Names; ranked: boolean }) {
  const t = useExamT();
  const can = useCan();
  // An exam may hide ranks (名次) from readers without 'exams.ranks' (clerks, viewers): no rank column, schools by name.
  const ranksHidden = exam.hideRanks && !can('exams.ranks');
  const ranked = many && !ranksHidden;
  const { lang } = useI18n();
  const L = useLabels();
  const navigate = useNavigate();
  const [subject, setSubject] = useState(TOTAL);
  const [q, setQ] = useState('');
  const [location, setLocation] = useState<string | undefined>(undefined);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [withId, setWithId] = useState<number | undefined>(undefined);
  const compare = useCall(API.exams.compare, withId ? { params: { id: exam.id }, query: { with: withId } } : null, { silent: true });
  const x = report.bottom.percentile;
  const subjects = report.subjects.filter((s) => s !== TOTAL);
  const district = report.district.stats[subject];

  const changes = useMemo(() => new Map((compare.data?.schools ?? []).map((c) => [c.schoolCode, c])), [compare.data]);

  const rows: RankRow[] = useMemo(() => {
    const ranks = competitionRanks(report.schools.map((s) => s.stats[subject]?.mean ?? null));
    const bottom = new Map(report.bottom.schools.map((b) => [b.school, b]));
    return report.schools.map((s: SchoolGroup, i) => ({
      school: s.school,
      name: names.name(s.school),
      level: names.level(s.school),
      location: names.location(s.school),
      n: s.n,
      stats: s.stats[subject],
      rank: ranks[i],
      allPassRate: s.allPassRate,
      bottomRate: bottom.get(s.school)?.rate ?? null,
      flagged: bottom.get(s.school)?.flagged ?? false,
      means: Object.fromEntries(subjects.map((sub) => [sub, s.stats[sub]?.mean ?? null])),
      change: changes.get(s.school) ?? null,
    }));
  }, [report, subject, names, changes]); // eslint-disable-line react-hooks/exhaustive-deps

  const locations = [...new Set(rows.map((r) => r.location).filter((l): l is string => !!l))];
  const qq = q.trim().toLowerCase();
  const shown = rows
    .filter((r) => (!qq || r.name.toLowerCase().includes(qq) || r.school.includes(qq)) && (!location || r.location === location) && (!onlyFlagged || r.flagged))
    .sort((a, b) => (ranksHidden ? a.name.localeCompare(b.name, 'zh') : (a.rank ?? 1e9) - (b.rank ?? 1e9)));
  // Only earlier exams of the same cohort can be compared (cohort-rule.ts; the server checks the same).
  const earlier = exams.filter((e) => e.studentCount > 0 && comparable(exam, e));
  const subjectMeans = subject === TOTAL;

  const columns: ColumnsType<RankRow> = [
    // Ranks only mean something among all schools (a clerk sees their own school only).
    ...(ranked
      ? [
          {
            title: t('r.rank'),
            key: 'rank',
            dataIndex: 'rank',
            width: 64,
            align: 'center' as const,
            fixed: 'left' as const,
            sorter: (a: RankRow, b: RankRow) => byNum(b.rank, a.rank),
            render: (r: number | null) => <b>{r ?? '—'}</b>,
          },
        ]
      : []),
    {
      title: t('r.school'),
      key: 'name',
      dataIndex: 'name',
      width: 200,
      fixed: 'left',
      render: (name: string, r) => (
        <Space size={4}>
          <a>{name}</a>
          {r.flagged && subject === TOTAL && (
            <Tooltip title={t('r.flagged')}>
              <WarningOutlined style={{ color: RED }} />
            </Tooltip>
          )}
        </Space>
      ),
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh'),
    },
    { title: t('r.n'), key: 'n', width: 70, align: 'right', render: (_, r) => count(r.stats?.n ?? 0), sorter: (a, b) => (a.stats?.n ?? 0) - (b.stats?.n ?? 0) },
    {
      title: t('r.mean'),
      key: 'mean',
      width: 80,
      align: 'right',
      render: (_, r) => (r.stats?.suppressed ? <Withheld min={report.minCellSize} /> : <b>{num(r.stats?.mean, 1)}</b>),
      sorter: (a, b) => byNum(a.stats?.mean, b.stats?.mean),
    },
    {
      title: (
        <Tooltip title={t('r.overMeanHelp')}>
          {t('r.overMean')} <InfoCircleOutlined className="jh-muted" />
        </Tooltip>
      ),
      key: 'over',
      width: 90,
      align: 'right',
      render: (_, r) => <span style={signColor(r.stats?.over_mean_rate)}>{signedPct(r.stats?.over_mean_rate)}</span>,
      sorter: (a, b) => byNum(a.stats?.over_mean_rate, b.stats?.over_mean_rate),
    },
    { title: t('r.excellentRate'), key: 'ex', width: 80, align: 'right', render: (_, r) => pct(r.stats?.excellent_rate), sorter: (a, b) => byNum(a.stats?.excellent_rate, b.stats?.excellent_rate) },
    { title: t('r.passRate'), key: 'pass', width: 80, align: 'right', render: (_, r) => pct(r.stats?.pass_rate), sorter: (a, b) => byNum(a.stats?.pass_rate, b.stats?.pass_rate) },
    {
      title: t('r.lowRate'),
      key: 'low',
      width: 80,
      align: 'right',
      render: (_, r) => <span style={(r.stats?.low_rate ?? 0) > (district?.low_rate ?? 1) ? { color: RED } : undefined}>{pct(r.stats?.low_rate)}</span>,
      sorter: (a, b) => byNum(a.stats?.low_rate, b.stats?.low_rate),
    },
    { title: t('r.scoreRate'), key: 'sr', width: 80, align: 'right', render: (_, r) => pct(r.stats?.score_rate), sorter: (a, b) => byNum(a.stats?.score_rate, b.stats?.score_rate) },
    ...(subjectMeans
      ? [
          {
            title: t('r.allPassShort'),
            key: 'allPass',
            width: 96,
            align: 'right' as const,
            render: (_: unknown, r: RankRow) => pct(r.allPassRate),
            sorter: (a: RankRow, b: RankRow) => byNum(a.allPassRate, b.allPassRate),
          },
          {
            title: t('r.bottomChart', { x }),
            key: 'bottom',
            width: 100,
            align: 'right' as const,
            render: (_: unknown, r: RankRow) => <span style={r.flagged ? { color: RED, fontWeight: 600 } : undefined}>{pct(r.bottomRate)}</span>,
            sorter: (a: RankRow, b: RankRow) => byNum(a.bottomRate, b.bottomRate),
          },
          ...subjects.map((sub) => ({
            title: sub,
            key: `m-${sub}`,
            width: Math.max(72, sub.length * 14 + 40),
            align: 'right' as const,
            render: (_: unknown, r: RankRow) => {
              const m = r.means[sub];
              const d = report.district.stats[sub]?.mean ?? null;
              return <span style={m !== null && d !== null && m < d ? { color: '#b45309' } : undefined}>{num(m, 1)}</span>;
            },
            sorter: (a: RankRow, b: RankRow) => byNum(a.means[sub], b.means[sub]),
          })),
        ]
      : []),
    ...(withId
      ? [
          {
            title: (
              <Tooltip title={t('r.rankChangeHelp')}>
                {t('r.rankChange')} <InfoCircleOutlined className="jh-muted" />
              </Tooltip>
            ),
            key: 'change',
            width: 100,
            align: 'right' as const,
            fixed: 'right' as const,
            render: (_: unknown, r: RankRow) =>
              r.change ? (
                <Tooltip title={`${t('r.linked')} ${r.change.n}${r.change.percentileChange !== null ? ` · ${t('r.pctChange')} ${signed(r.change.percentileChange, 1)}` : ''}`}>
                  <span style={signColor(r.change.rankChange)} data-testid={`exam-change-${r.school}`}>
                    {r.change.suppressed ? (
                      <Withheld min={report.minCellSize} />
                    ) : r.change.rankChange === null ? (
                      '—'
                    ) : (
                      `${r.change.rankChange > 0 ? '▲' : r.change.rankChange < 0 ? '▼' : ''}${num(Math.abs(r.change.rankChange), 1)}`
                    )}
                  </span>
                </Tooltip>
              ) : (
                <span className="jh-muted">—</span>
              ),
            sorter: (a: RankRow, b: RankRow) => byNum(a.change?.rankChange, b.change?.rankChange),
          },
          {
            title: t('r.pctChange'),
            key: 'pchange',
            width: 110,
            align: 'right' as const,
            fixed: 'right' as const,
            render: (_: unknown, r: RankRow) => <span style={signColor(r.change?.percentileChange)}>{signed(r.change?.percentileChange, 1)}</span>,
            sorter: (a: RankRow, b: RankRow) => byNum(a.change?.percentileChange, b.change?.percentileChange),
          },
        ]
      : []),
  ];

  /** The district row above the schools, cell by column key. */
  const summaryCell = (key: string): React.ReactNode => {
    if (!district) return null;
    if (key === 'name') return <b>{t('r.district')}</b>;
    if (key === 'n') return count(district.n);
    if (district.suppressed && key !== 'bottom') return key === 'mean' ? <Withheld min={report.minCellSize} /> : '—';
    if (key === 'mean') return <b>{num(district.mean, 1)}</b>;
    if (key === 'ex') return pct(district.excellent_rate);
    if (key === 'pass') return pct(district.pass_rate);
    if (key === 'low') return pct(district.low_rate);
    if (key === 'sr') return pct(district.score_rate);
    if (key === 'allPass') return pct(report.district.allPassRate);
    if (key === 'bottom') return `${x}%`;
    if (key.startsWith('m-')) return num(report.district.stats[key.slice(2)]?.mean, 1);
    return '—';
  };

  return (
    <Card
      variant="borderless"
      size="small"
      title={t('r.schoolTable')}
      extra={
        <div className="jh-exam-card-toolbar">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('r.sortBy')}
          </Typography.Text>
          <SubjectSelect subjects={report.subjects} value={subject} onChange={setSubject} />
        </div>
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 10 }}>
        <Input
          allowClear
          size="small"
          prefix={<SearchOutlined />}
          placeholder={t('r.searchSchool')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 200 }}
          data-testid="exam-school-search"
        />
        {locations.length > 1 && (
          <Segmented
            size="small"
            value={location ?? ''}
            onChange={(v) => setLocation(v ? String(v) : undefined)}
            options={[{ value: '', label: lang === 'zh' ? '全部' : 'All' }, ...locations.map((l) => ({ value: l, label: L.location(l) }))]}
          />
        )}
        <Space size={6}>
          <Switch size="small" checked={onlyFlagged} onChange={setOnlyFlagged} />
          <Typography.Text style={{ fontSize: 12 }}>{t('r.filterFlagged', { x })}</Typography.Text>
        </Space>
        <span style={{ flex: 1 }} />
        <SwapOutlined className="jh-muted" />
        <Select
          allowClear
          size="small"
          disabled={!earlier.length}
          placeholder={earlier.length ? t('r.comparePh') : t('r.compareNone')}
          title={earlier.length ? undefined : t('r.compareNoneHelp')}
          value={withId}
          onChange={setWithId}
          loading={compare.loading}
          style={{ width: 260 }}
          options={earlier.map((e) => ({ value: e.id, label: `${e.name}${e.date ? `（${e.date}）` : ''}` }))}
          data-testid="exam-compare"
        />
      </Flex>
      {compare.error && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={compare.error.message} />}
      <div data-testid="exam-school-table">
        <Table<RankRow>
          size="small"
          bordered
          className="jh-exam-table jh-clickable-rows"
          rowKey="school"
          dataSource={shown}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content', y: 640 }}
          rowClassName={(r) => (r.flagged && subject === TOTAL ? 'jh-exam-flagged' : '')}
          onRow={(r) => ({ onClick: () => void navigate(`/exams/${exam.id}/schools/${r.school}`), 'data-testid': `exam-school-${r.school}` }) as React.HTMLAttributes<HTMLElement>}
          summary={() =>
            district ? (
              <Table.Summary fixed="top">
                <Table.Summary.Row className="jh-exam-total">
                  {columns.map((c, i) => (
                    <Table.Summary.Cell key={String(c.key)} index={i} align={c.align === 'center' ? 'center' : c.key === 'name' ? 'left' : 'right'}>
                      {summaryCell(String(c.key))}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </div>
    </Card>
  );
}
