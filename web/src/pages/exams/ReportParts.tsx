// Pieces the exam report pages share: the cut scores of a column, the subject picker, the key-figure card and the
// columns of 三率一分.
import { Card, Flex, Segmented, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { ExamT } from './i18n.js';
import { byNum, count, cutsOf, figure, pct, RED, Withheld, type useSchoolNames } from './shared.js';
import { TOTAL, type Exam, type Stats } from './types.js';

export type Names = ReturnType<typeof useSchoolNames>;

/** The cut scores of a column in points (总分: the sums of the subjects' cut scores). */
export function cutScores(exam: Exam, subject: string) {
  const list = subject === TOTAL ? exam.subjects : exam.subjects.filter((s) => s.subject === subject);
  const sum = (k: 'excellent' | 'pass' | 'low') => list.reduce((a, s) => a + cutsOf(s)[k] * s.fullMarks, 0);
  return { excellent: sum('excellent'), pass: sum('pass'), low: sum('low') };
}

export function SubjectSelect({ subjects, value, onChange }: { subjects: string[]; value: string; onChange: (s: string) => void }) {
  const ordered = [TOTAL, ...subjects.filter((s) => s !== TOTAL)];
  if (ordered.length > 7) return <Select size="small" value={value} onChange={onChange} options={ordered.map((s) => ({ value: s, label: s }))} style={{ width: 130 }} />;
  return <Segmented size="small" value={value} onChange={(v) => onChange(String(v))} options={ordered} />;
}

export function Kpi({ title, value, unit, foot, extra, testId }: { title: React.ReactNode; value: React.ReactNode; unit?: string; foot?: React.ReactNode; extra?: React.ReactNode; testId?: string }) {
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
    { title: t('r.n'), key: 'n', width: 80, align: 'right', render: (_, row) => count(row.stats.n), sorter: (a, b) => a.stats.n - b.stats.n },
    {
      title: t('r.mean'),
      key: 'mean',
      width: 80,
      align: 'right',
      render: (_, row) => (row.stats.suppressed ? <Withheld /> : figure('score', row.stats.mean)),
      sorter: (a, b) => byNum(a.stats.mean, b.stats.mean),
    },
    { title: t('r.sd'), key: 'sd', width: 80, align: 'right', render: (_, row) => figure('score', row.stats.sd) },
    { title: t('r.median'), key: 'median', width: 80, align: 'right', render: (_, row) => figure('score', row.stats.median) },
    { title: t('r.minmax'), key: 'minmax', width: 100, align: 'right', render: (_, row) => (row.stats.min === null ? '—' : `${figure('score', row.stats.min)}–${figure('score', row.stats.max)}`) },
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
