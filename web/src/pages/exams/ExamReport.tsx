// /exams/:id — the district report of one exam: key figures, 三率一分 by subject, the distribution of 总分 with the
// fitted normal curve, box plots by school, the school ranking (with the rank change against an earlier exam),
// the 后x% chart and the subject-balance heat map.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Segmented, Select, Skeleton, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { CloudUploadOutlined, FileExcelOutlined, FilePdfOutlined, InfoCircleOutlined, SearchOutlined, SettingOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { download } from '../../api.js';
import { useApi } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { fmtTime, isBureau, useLabels, useMe } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult, NotFoundPage, PageSpin } from '../../components/Problem.js';
import { useExamT, type ExamT } from './i18n.js';
import { BAND_COLORS, balanceHeatmapOption, bottomOption, boxplotOption, histogramOption } from './charts.js';
import { ExamFormModal } from './ExamForm.js';
import { ExamImportDrawer } from './ExamImport.js';
import { ItemsSection } from './ItemsTab.js';
import { useExam, byNum, competitionRanks, cutsOf, ExamChart, ExamTypeTag, fullOf, normCompare, num, pct, RED, signColor, signed, signedPct, useSchoolNames } from './shared.js';
import { TOTAL, type CompareRow, type Exam, type ExamReport, type SchoolGroup, type Stats } from './types.js';
import './exams.css';

type Names = ReturnType<typeof useSchoolNames>;


/** The cut scores of a column in points (总分: the sums of the subjects' cut scores). */
export function cutScores(exam: Exam, subject: string) {
  const list = subject === TOTAL ? exam.subjects : exam.subjects.filter((s) => s.subject === subject);
  const sum = (k: 'excellent' | 'pass' | 'low') => list.reduce((a, s) => a + cutsOf(exam, s)[k] * s.fullMarks, 0);
  return { excellent: sum('excellent'), pass: sum('pass'), low: sum('low') };
}

export function SubjectSelect({ subjects, value, onChange }: { subjects: string[]; value: string; onChange: (s: string) => void }) {
  const ordered = [TOTAL, ...subjects.filter((s) => s !== TOTAL)];
  if (ordered.length > 7) return <Select size="small" value={value} onChange={onChange} options={ordered.map((s) => ({ value: s, label: s }))} style={{ width: 130 }} />;
  return <Segmented size="small" value={value} onChange={(v) => onChange(String(v))} options={ordered} />;
}

function Kpi({ title, value, unit, foot, extra, testId }: { title: React.ReactNode; value: React.ReactNode; unit?: string; foot?: React.ReactNode; extra?: React.ReactNode; testId?: string }) {
  return (
    <Card className="jh-kpi jh-card-fill" variant="borderless" data-testid={testId}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div className="jh-exam-kpi-title">{title}</div>
        {extra}
      </Flex>
      <div className="jh-exam-kpi-value">
        {value}
        {unit && <span className="jh-exam-kpi-unit">{unit}</span>}
      </div>
      {foot && <div className="jh-kpi-foot">{foot}</div>}
    </Card>
  );
}

export function statsColumns(t: ExamT, opts: { full?: (row: { key: string }) => number } = {}): ColumnsType<{ key: string; stats: Stats }> {
  return [
    ...(opts.full ? [{ title: t('r.fullMarks'), key: 'full', width: 70, align: 'right' as const, render: (_: unknown, row: { key: string }) => opts.full!(row) }] : []),
    { title: t('r.n'), key: 'n', width: 80, align: 'right', render: (_, row) => row.stats.n.toLocaleString(), sorter: (a, b) => a.stats.n - b.stats.n },
    { title: t('r.mean'), key: 'mean', width: 80, align: 'right', render: (_, row) => num(row.stats.mean, 2), sorter: (a, b) => byNum(a.stats.mean, b.stats.mean) },
    { title: t('r.sd'), key: 'sd', width: 80, align: 'right', render: (_, row) => num(row.stats.sd, 2) },
    { title: t('r.median'), key: 'median', width: 80, align: 'right', render: (_, row) => num(row.stats.median, 1) },
    { title: t('r.minmax'), key: 'minmax', width: 100, align: 'right', render: (_, row) => (row.stats.min === null ? '—' : `${row.stats.min}–${row.stats.max}`) },
    { title: t('r.excellentRate'), key: 'ex', width: 80, align: 'right', render: (_, row) => pct(row.stats.excellent_rate), sorter: (a, b) => byNum(a.stats.excellent_rate, b.stats.excellent_rate) },
    { title: t('r.passRate'), key: 'pass', width: 80, align: 'right', render: (_, row) => pct(row.stats.pass_rate), sorter: (a, b) => byNum(a.stats.pass_rate, b.stats.pass_rate) },
    {
      title: t('r.lowRate'),
      key: 'low',
      width: 80,
      align: 'right',
      render: (_, row) => <span style={(row.stats.low_rate ?? 0) >= 0.2 ? { color: RED } : undefined}>{pct(row.stats.low_rate)}</span>,
      sorter: (a, b) => byNum(a.stats.low_rate, b.stats.low_rate),
    },
    { title: t('r.scoreRate'), key: 'sr', width: 80, align: 'right', render: (_, row) => pct(row.stats.score_rate), sorter: (a, b) => byNum(a.stats.score_rate, b.stats.score_rate) },
  ];
}

// ---------- sections ----------

function SubjectTable({ exam, report }: { exam: Exam; report: ExamReport }) {
  const t = useExamT();
  const rows = report.subjects.map((s) => ({ key: s, stats: report.district.stats[s] })).filter((r) => r.stats);
  const cuts = (s: string) => {
    const c = cutScores(exam, s);
    return `${t('r.excellentRate')} ≥ ${+c.excellent.toFixed(1)} · ${t('r.passRate')} ≥ ${+c.pass.toFixed(1)} · ${t('r.lowRate')} < ${+c.low.toFixed(1)}`;
  };
  return (
    <Card variant="borderless" title={t('r.subjects')} size="small" styles={{ body: { padding: 0 } }}>
      <Table
        size="small"
        className="jh-exam-table"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 960 }}
        data-testid="exam-subject-table"
        rowClassName={(r) => (r.key === TOTAL ? 'jh-exam-total' : '')}
        columns={[
          {
            title: t('r.subject'),
            dataIndex: 'key',
            width: 120,
            fixed: 'left',
            render: (s: string) => (
              <Tooltip title={cuts(s)}>
                <span>{s}</span>
              </Tooltip>
            ),
          },
          ...statsColumns(t, { full: (r) => fullOf(exam, r.key) }),
        ]}
      />
    </Card>
  );
}

function HistogramCard({ exam, report }: { exam: Exam; report: ExamReport }) {
  const t = useExamT();
  const [subject, setSubject] = useState(TOTAL);
  const shape = report.shape[subject];
  const stats = report.district.stats[subject];
  const cuts = cutScores(exam, subject);
  const option = useMemo(() => (shape && stats ? histogramOption(shape, stats, t, cuts) : null), [shape, stats, t, cuts.excellent, cuts.pass, cuts.low]); // eslint-disable-line react-hooks/exhaustive-deps
  const p = shape?.normality.p ?? null;
  const skew = shape?.skewness ?? null;
  return (
    <Card variant="borderless" size="small" title={t('r.histogram')} extra={<SubjectSelect subjects={report.subjects} value={subject} onChange={setSubject} />} className="jh-card-fill">
      <Row gutter={[16, 8]}>
        <Col xs={24} xl={17}>
          {option ? <ExamChart option={option} height={340} testId="exam-histogram" /> : <Empty />}
          <Flex gap={16} justify="center" wrap className="jh-exam-help" style={{ marginTop: 4 }}>
            {(
              [
                ['low', t('r.legendLow'), `< ${+cuts.low.toFixed(1)}`],
                ['fail', t('r.legendFail'), `< ${+cuts.pass.toFixed(1)}`],
                ['pass', t('r.legendPass'), `≥ ${+cuts.pass.toFixed(1)}`],
                ['excellent', t('r.legendExcellent'), `≥ ${+cuts.excellent.toFixed(1)}`],
              ] as const
            ).map(([k, label, rule]) => (
              <span key={k}>
                <span className="jh-legend-dot" style={{ background: BAND_COLORS[k], borderRadius: 2 }} />
                {label} {rule}
              </span>
            ))}
          </Flex>
        </Col>
        <Col xs={24} xl={7}>
          <Typography.Text strong>{t('r.shape')}</Typography.Text>
          <div className="jh-exam-shape" style={{ marginTop: 10 }}>
            <div>
              <div className="jh-exam-shape-label">{t('r.mean')}</div>
              <div className="jh-exam-shape-value">{num(stats?.mean, 1)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.sd')}</div>
              <div className="jh-exam-shape-value">{num(stats?.sd, 1)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.skewness')}</div>
              <div className="jh-exam-shape-value" data-testid="exam-skewness">{num(skew, 3)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.kurtosis')}</div>
              <div className="jh-exam-shape-value">{num(shape?.kurtosis, 3)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.k2')}</div>
              <div className="jh-exam-shape-value">{num(shape?.normality.statistic, 2)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.p')}</div>
              <div className="jh-exam-shape-value">{p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3)}</div>
            </div>
          </div>
          <Space orientation="vertical" size={6} style={{ marginTop: 14 }}>
            <Tag color={p === null ? 'default' : p >= 0.05 ? 'success' : 'warning'} style={{ whiteSpace: 'normal' }}>
              {p === null ? t('r.normalNa') : p >= 0.05 ? t('r.normalYes') : t('r.normalNo')}
            </Tag>
            {skew !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {skew < -0.2 ? t('r.skewLeft') : skew > 0.2 ? t('r.skewRight') : t('r.skewNone')}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('r.testName')} · n = {stats?.n.toLocaleString()}
            </Typography.Text>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

function BoxplotCard({ exam, report, names }: { exam: Exam; report: ExamReport; names: Names }) {
  const t = useExamT();
  const [subject, setSubject] = useState(TOTAL);
  const flagged = new Set(report.bottom.schools.filter((s) => s.flagged).map((s) => s.school));
  const option = useMemo(
    () =>
      boxplotOption(
        report.schools.map((s) => ({ name: names.name(s.school), stats: s.stats[subject], highlight: subject === TOTAL && flagged.has(s.school) })).filter((r) => r.stats),
        report.district.stats[subject]?.mean ?? null,
        fullOf(exam, subject),
        t,
      ),
    [report, subject, names, exam, t], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const height = Math.max(260, 26 * report.schools.length + 60);
  return (
    <Card variant="borderless" size="small" title={t('r.boxplot')} extra={<SubjectSelect subjects={report.subjects} value={subject} onChange={setSubject} />} className="jh-card-fill">
      <div className="jh-exam-help">{t('r.boxHelp')}</div>
      <ExamChart option={option} height={height} testId="exam-boxplot" />
    </Card>
  );
}

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

function SchoolRankCard({ exam, exams, report, names, ranked }: { exam: Exam; exams: Exam[]; report: ExamReport; names: Names; ranked: boolean }) {
  const t = useExamT();
  const { lang } = useI18n();
  const L = useLabels();
  const navigate = useNavigate();
  const [subject, setSubject] = useState(TOTAL);
  const [q, setQ] = useState('');
  const [location, setLocation] = useState<string | undefined>(undefined);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [withId, setWithId] = useState<number | undefined>(undefined);
  const compare = useApi<Record<string, unknown>>(withId ? `/api/exams/${exam.id}/compare?with=${withId}` : null, { silent: true });
  const x = report.bottom.percentile;
  const subjects = report.subjects.filter((s) => s !== TOTAL);
  const district = report.district.stats[subject];

  const changes = useMemo(() => {
    const raw = compare.data;
    const list = (Array.isArray(raw?.schools) ? raw.schools : Array.isArray(raw?.compare) ? raw.compare : Array.isArray(raw) ? raw : []) as Record<string, unknown>[];
    return new Map(list.map(normCompare).map((c) => [c.school, c]));
  }, [compare.data]);

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
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const earlier = exams.filter((e) => e.id !== exam.id && e.studentCount > 0);
  const subjectMeans = subject === TOTAL;

  const columns: ColumnsType<RankRow> = [
    // Ranks only mean something among all schools (a clerk sees their own school only).
    ...(ranked
      ? [{ title: t('r.rank'), key: 'rank', dataIndex: 'rank', width: 64, align: 'center' as const, fixed: 'left' as const, sorter: (a: RankRow, b: RankRow) => byNum(b.rank, a.rank), render: (r: number | null) => <b>{r ?? '—'}</b> }]
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
    { title: t('r.n'), key: 'n', width: 70, align: 'right', render: (_, r) => r.stats?.n ?? 0, sorter: (a, b) => (a.stats?.n ?? 0) - (b.stats?.n ?? 0) },
    { title: t('r.mean'), key: 'mean', width: 80, align: 'right', render: (_, r) => <b>{num(r.stats?.mean, 1)}</b>, sorter: (a, b) => byNum(a.stats?.mean, b.stats?.mean) },
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
    { title: t('r.lowRate'), key: 'low', width: 80, align: 'right', render: (_, r) => <span style={(r.stats?.low_rate ?? 0) > (district?.low_rate ?? 1) ? { color: RED } : undefined}>{pct(r.stats?.low_rate)}</span>, sorter: (a, b) => byNum(a.stats?.low_rate, b.stats?.low_rate) },
    { title: t('r.scoreRate'), key: 'sr', width: 80, align: 'right', render: (_, r) => pct(r.stats?.score_rate), sorter: (a, b) => byNum(a.stats?.score_rate, b.stats?.score_rate) },
    ...(subjectMeans
      ? [
          { title: t('r.allPassShort'), key: 'allPass', width: 96, align: 'right' as const, render: (_: unknown, r: RankRow) => pct(r.allPassRate), sorter: (a: RankRow, b: RankRow) => byNum(a.allPassRate, b.allPassRate) },
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
                <Tooltip title={`${t('r.linked')} ${r.change.n}${r.change.percentileChange !== null ? ` · ${t('r.pctChange')} ${signed(r.change.percentileChange, 1)}` : ''}${r.change.rankBefore != null ? ` · ${t('r.schoolRankChange')} ${r.change.rankBefore} → ${r.change.rankAfter ?? '—'}` : ''}`}>
                  <span style={signColor(r.change.rankChange)} data-testid={`exam-change-${r.school}`}>
                    {r.change.rankChange === null ? '—' : `${r.change.rankChange > 0 ? '▲' : r.change.rankChange < 0 ? '▼' : ''}${Math.abs(r.change.rankChange).toFixed(1)}`}
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
    if (key === 'n') return district.n;
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
        <Input allowClear size="small" prefix={<SearchOutlined />} placeholder={t('r.searchSchool')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} data-testid="exam-school-search" />
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
          placeholder={t('r.comparePh')}
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
          onRow={(r) => ({ onClick: () => navigate(`/exams/${exam.id}/schools/${r.school}`), 'data-testid': `exam-school-${r.school}` }) as React.HTMLAttributes<HTMLElement>}
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

function BottomCard({ report, names }: { report: ExamReport; names: Names }) {
  const t = useExamT();
  const x = report.bottom.percentile;
  const option = useMemo(() => bottomOption(report.bottom.schools.map((s) => ({ ...s, name: names.name(s.school) })), x, t), [report, names, x, t]);
  const height = Math.max(240, 24 * report.bottom.schools.length + 60);
  return (
    <Card variant="borderless" size="small" title={t('r.bottomChart', { x })} className="jh-card-fill">
      <div className="jh-exam-help">{t('r.bottomHelp', { x, t: num(report.bottom.threshold, 1) })}</div>
      <ExamChart option={option} height={height} testId="exam-bottom-chart" />
    </Card>
  );
}

function BalanceCard({ report, names }: { report: ExamReport; names: Names }) {
  const t = useExamT();
  const subjects = report.subjects.filter((s) => s !== TOTAL);
  const option = useMemo(
    () =>
      balanceHeatmapOption(
        report.balance.map((b) => names.name(b.school)),
        subjects,
        report.balance.map((b) => subjects.map((s) => b.subjects[s] ?? null)),
        t,
      ),
    [report, names, t], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const height = Math.max(240, 26 * report.balance.length + 100);
  return (
    <Card variant="borderless" size="small" title={t('r.balance')} className="jh-card-fill">
      <div className="jh-exam-help">{t('r.balanceHelp')}</div>
      <ExamChart option={option} height={height} testId="exam-balance" />
    </Card>
  );
}

// ---------- page ----------

export default function ExamReportPage() {
  const { id = '' } = useParams();
  const t = useExamT();
  const { lang } = useI18n();
  const L = useLabels();
  const me = useMe();
  const bureau = isBureau(me.role);
  const { exam, exams, loaded, error: examError, reload: reloadExams } = useExam(id);
  const report = useApi<{ report: ExamReport; computedAt?: string }>(exam && exam.studentCount > 0 ? `/api/exams/${id}/report` : null, { silent: true });
  const names = useSchoolNames();
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [downloading, setDownloading] = useState<string | null>(null);

  if (examError) return <ErrorResult error={examError} onRetry={reloadExams} />;
  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  if (!loaded) return <PageSpin />;
  if (!exam) return <NotFoundPage />;

  const r = report.data?.report ?? null;
  const fullTotal = fullOf(exam, TOTAL);
  const total = r?.district.stats[TOTAL];
  const cv = r?.cvOfSchoolMeans;
  const flagged = r?.bottom.schools.filter((s) => s.flagged).length ?? 0;
  const multi = (r?.schools.length ?? 0) > 1;

  const get = async (kind: 'xlsx' | 'pdf') => {
    setDownloading(kind);
    try {
      if (kind === 'pdf') await download(`/api/exams/${exam.id}/report.pdf`, `${exam.name} 成绩分析报告.pdf`);
      else await download(`/api/exams/${exam.id}/export.xlsx`, `${exam.name}.xlsx`);
    } catch {
      /* shown by the API client */
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div>
      <PageHeader
        crumbs={[{ title: t('title'), to: '/exams' }, { title: exam.name }]}
        title={exam.name}
        tags={
          <Space size={4}>
            <ExamTypeTag type={exam.type} />
            <Tag>{L.grade(exam.grade)}</Tag>
            {exam.date && <Tag>{exam.date}</Tag>}
          </Space>
        }
        subtitle={
          <span>
            {[exam.term, exam.scope, exam.subjects.map((s) => `${s.subject}${s.fullMarks}`).join(' ')].filter(Boolean).join(' · ')}
            {report.data?.computedAt && <span className="jh-muted"> · {t('r.computed', { at: fmtTime(report.data.computedAt) })}</span>}
          </span>
        }
        extra={
          <>
            {bureau && (
              <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)}>
                {exam.studentCount ? t('reimport') : t('import')}
              </Button>
            )}
            {bureau && (
              <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="exam-settings">
                {t('settings')}
              </Button>
            )}
            {r && (
              <Button icon={<FileExcelOutlined />} loading={downloading === 'xlsx'} onClick={() => void get('xlsx')} data-testid="exam-export">
                {t('r.export')}
              </Button>
            )}
            {r && (
              <Button icon={<FilePdfOutlined />} loading={downloading === 'pdf'} onClick={() => void get('pdf')} data-testid="exam-export-pdf">
                {t('r.pdf')}
              </Button>
            )}
          </>
        }
      />
      {exam.studentCount === 0 ? (
        <Card variant="borderless">
          <Empty description={t('r.noData')}>
            {bureau && (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setImporting(true)}>
                {t('import')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : !r ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {me.role === 'clerk' && <Alert type="info" showIcon title={t('r.clerkNote')} />}
          <Row gutter={[16, 16]} data-testid="exam-kpis">
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi title={t('r.students')} value={r.district.n.toLocaleString()} unit={lang === 'zh' ? '人' : ''} foot={multi ? t('r.studentsFoot', { n: (total?.n ?? 0).toLocaleString(), schools: r.schools.length }) : t('r.studentsFootOne', { n: (total?.n ?? 0).toLocaleString() })} />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi title={t('r.totalMean')} value={num(total?.mean, 1)} foot={t('r.totalMeanFoot', { full: fullTotal, sd: num(total?.sd, 1), rate: pct(total?.score_rate) })} />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi title={t('r.allPass')} value={pct(r.district.allPassRate)} foot={t('r.allPassFoot')} />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi
                title={t('r.cv')}
                value={<span style={cv?.pass === false ? { color: RED } : undefined}>{num(cv?.cv, 3)}</span>}
                extra={cv?.pass != null && <Tag color={cv.pass ? 'success' : 'error'}>{cv.pass ? t('r.cvPass') : t('r.cvFail')}</Tag>}
                foot={t('r.cvFoot', { limit: cv?.limit ?? 0.15 })}
                testId="exam-cv"
              />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi
                title={t('r.bottom', { x: r.bottom.percentile })}
                value={num(r.bottom.threshold, 1)}
                unit={lang === 'zh' ? '分' : ''}
                foot={multi ? t('r.bottomFoot', { n: flagged, x: r.bottom.percentile }) : undefined}
              />
            </Col>
          </Row>
          <SubjectTable exam={exam} report={r} />
          <HistogramCard exam={exam} report={r} />
          <SchoolRankCard exam={exam} exams={exams} report={r} names={names} ranked={multi} />
          {multi && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <BoxplotCard exam={exam} report={r} names={names} />
              </Col>
              <Col xs={24} xl={12}>
                <BottomCard report={r} names={names} />
              </Col>
            </Row>
          )}
          {multi && <BalanceCard report={r} names={names} />}
          <ItemsSection examId={exam.id} />
        </Space>
      )}
      <ExamFormModal
        open={editing}
        exam={exam}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reloadExams();
          report.reload();
        }}
      />
      <ExamImportDrawer
        exam={importing ? exam : null}
        onClose={() => setImporting(false)}
        onImported={() => {
          reloadExams();
          report.reload();
        }}
      />
    </div>
  );
}
