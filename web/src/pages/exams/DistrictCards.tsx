// The district report's cards: 三率一分 by subject, the distribution with the fitted normal curve and its shape, box
// plots by school, the 后x% chart and the subject-balance heat map.
import { useMemo, useState } from 'react';
import { Card, Col, Empty, Flex, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useExamT } from './i18n.js';
import { BAND_COLORS, balanceHeatmapOption, bottomOption, boxplotOption, histogramOption } from './charts.js';
import { cutScores, statsColumns, SubjectSelect, type Names } from './ReportParts.js';
import { count, ExamChart, figure, formatP, fullOf, num } from './shared.js';
import { TOTAL, type Exam, type ExamReport } from './types.js';

export function SubjectTable({ exam, report }: { exam: Exam; report: ExamReport }) {
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
export function HistogramCard({ exam, report }: { exam: Exam; report: ExamReport }) {
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
              <div className="jh-exam-shape-value">{figure('score', stats?.sd)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.skewness')}</div>
              <div className="jh-exam-shape-value" data-testid="exam-skewness">
                {figure('shape', skew)}
              </div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.kurtosis')}</div>
              <div className="jh-exam-shape-value">{figure('shape', shape?.kurtosis)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.k2')}</div>
              <div className="jh-exam-shape-value">{figure('shape', shape?.normality.statistic)}</div>
            </div>
            <div>
              <div className="jh-exam-shape-label">{t('r.p')}</div>
              <div className="jh-exam-shape-value">{p === null ? '—' : formatP(p).replace(/^p [=<] ?/, (m) => (m.startsWith('p <') ? '< ' : ''))}</div>
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
              {t('r.testName')} · n = {count(stats?.n)}
            </Typography.Text>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}
export function BoxplotCard({ exam, report, names }: { exam: Exam; report: ExamReport; names: Names }) {
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
export function BottomCard({ report, names }: { report: ExamReport; names: Names }) {
  const t = useExamT();
  const x = report.bottom.percentile;
  const option = useMemo(
    () =>
      bottomOption(
        report.bottom.schools.map((s) => ({ ...s, name: names.name(s.school) })),
        x,
        t,
      ),
    [report, names, x, t],
  );
  const height = Math.max(240, 24 * report.bottom.schools.length + 60);
  return (
    <Card variant="borderless" size="small" title={t('r.bottomChart', { x })} className="jh-card-fill">
      <div className="jh-exam-help">{t('r.bottomHelp', { x, t: num(report.bottom.threshold, 1) })}</div>
      <ExamChart option={option} height={height} testId="exam-bottom-chart" />
    </Card>
  );
}
export function BalanceCard({ report, names }: { report: ExamReport; names: Names }) {
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
