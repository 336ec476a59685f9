// /exams/:id/students/:sid — a student's report card: per subject the score, ranks and T against the class, school
// and district means, and a radar of score rates.
import { useMemo } from 'react';
import { Card, Col, Flex, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useParams } from 'react-router-dom';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult, PageSpin } from '../../components/Problem.js';
import { useExamT } from './i18n.js';
import { radarOption, scoreRateBars } from './charts.js';
import { ExamChart, num, ScoreCell, useSchoolNames } from './shared.js';
import { TOTAL, type ReportCard } from './types.js';
import './exams.css';

type CardSubject = ReportCard['subjects'][number];

type Row = CardSubject & { key: string; isTotal?: boolean };

function Kpi({ title, value, of }: { title: string; value: React.ReactNode; of?: React.ReactNode }) {
  return (
    <Card className="jh-kpi jh-card-fill" variant="borderless">
      <div className="jh-exam-kpi-title">{title}</div>
      <div className="jh-exam-kpi-value">
        {value}
        {of && <span className="jh-exam-kpi-unit">{of}</span>}
      </div>
    </Card>
  );
}

export default function StudentCardPage() {
  const { id = '', sid = '' } = useParams();
  const t = useExamT();
  const names = useSchoolNames();
  const { data, error, reload } = useCall(API.exams.studentCard, { params: { id, sid } }, { silent: true });

  const charts = useMemo(() => {
    if (!data) return null;
    const subs = data.subjects;
    const rate = (v: number | null, full: number) => (v === null ? null : v / full);
    const series = [
      { name: t('c.student'), values: subs.map((s) => rate(s.score, s.fullMarks)), color: '#1d4ed8', area: true },
      { name: t('c.classMean'), values: subs.map((s) => rate(s.means.class, s.fullMarks)), color: '#0ea5a4' },
      { name: t('c.schoolMean'), values: subs.map((s) => rate(s.means.school, s.fullMarks)), color: '#f59e0b' },
      { name: t('c.districtMean'), values: subs.map((s) => rate(s.means.district, s.fullMarks)), color: '#94a3b8' },
    ];
    return {
      radar:
        subs.length >= 3
          ? radarOption(
              subs.map((s) => s.subject),
              series,
            )
          : null,
      bars: scoreRateBars(
        subs.map((s) => s.subject),
        series.map((s) => ({ name: s.name, values: s.values, color: s.color })),
      ),
    };
  }, [data, t]);

  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!data) return <PageSpin />;
  const { student, total, counts, exam } = data;
  const schoolName = names.name(student.schoolCode);
  const rows: Row[] = [
    ...data.subjects.map((s) => ({ ...s, key: s.subject })),
    {
      key: TOTAL,
      subject: TOTAL,
      fullMarks: total.fullMarks,
      score: total.score,
      mark: null,
      rankDistrict: total.rankDistrict,
      rankSchool: total.rankSchool,
      rankClass: total.rankClass,
      t: total.t,
      means: total.means,
      isTotal: true,
    },
  ];
  const vs = (score: number | null, mean: number | null) => {
    if (score === null || mean === null) return num(mean, 1);
    const d = score - mean;
    return (
      <span>
        {num(mean, 1)}
        <span className="jh-exam-delta" style={{ color: d >= 0 ? '#16a34a' : '#dc2626' }}>
          {d >= 0 ? '▲' : '▼'}
          {Math.abs(d).toFixed(1)}
        </span>
      </span>
    );
  };
  const columns: ColumnsType<Row> = [
    { title: t('r.subject'), dataIndex: 'subject', width: 100, render: (s: string) => <b>{s}</b> },
    { title: t('r.fullMarks'), dataIndex: 'fullMarks', width: 70, align: 'right' },
    {
      title: t('c.score'),
      key: 'score',
      width: 80,
      align: 'right',
      render: (_, r) => (r.isTotal ? <b>{num(r.score, 1)}</b> : <ScoreCell score={r.score} mark={r.mark} t={t} />),
    },
    { title: t('c.classMean'), key: 'cm', width: 100, align: 'right', render: (_, r) => vs(r.score, r.means.class) },
    { title: t('c.schoolMean'), key: 'sm', width: 100, align: 'right', render: (_, r) => vs(r.score, r.means.school) },
    { title: t('c.districtMean'), key: 'dm', width: 100, align: 'right', render: (_, r) => vs(r.score, r.means.district) },
    { title: t('s.rankClass'), dataIndex: 'rankClass', width: 76, align: 'center', render: (x: number | null) => x ?? '—' },
    { title: t('s.rankSchool'), dataIndex: 'rankSchool', width: 76, align: 'center', render: (x: number | null) => x ?? '—' },
    { title: t('s.rankDistrict'), dataIndex: 'rankDistrict', width: 80, align: 'center', render: (x: number | null) => x ?? '—' },
    { title: t('s.t'), dataIndex: 't', width: 70, align: 'right', render: (x: number | null) => <span style={x !== null && x < 40 ? { color: '#dc2626' } : undefined}>{num(x, 1)}</span> },
  ];

  return (
    <div>
      <PageHeader
        crumbs={[
          { title: t('title'), to: '/exams' },
          { title: exam.name, to: `/exams/${exam.id}` },
          { title: schoolName, to: `/exams/${exam.id}/schools/${student.schoolCode}` },
          { title: student.name ?? student.studentId },
        ]}
        title={
          <Space size={10}>
            {student.name ?? student.studentId}
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
              {t('c.title')}
            </Typography.Text>
          </Space>
        }
        tags={
          <Space size={4}>
            <Tag color="blue">{schoolName}</Tag>
            {student.className && <Tag>{student.className}</Tag>}
            {student.gender && <Tag>{student.gender}</Tag>}
          </Space>
        }
        subtitle={
          <span>
            {t('s.studentId')} <span className="jh-num">{student.studentId}</span> · {exam.name}
            {exam.date ? ` · ${exam.date}` : ''}
          </span>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={[16, 16]} data-testid="exam-card-kpis">
          <Col xs={12} lg={8} xxl={4} flex="1 1 0">
            <Kpi title={t('c.total')} value={num(total.score, 1)} of={`/ ${total.fullMarks}`} />
          </Col>
          <Col xs={12} lg={8} xxl={4} flex="1 1 0">
            <Kpi title={t('s.rankClass')} value={total.rankClass ?? '—'} of={counts.class ? t('c.ofN', { n: counts.class }) : undefined} />
          </Col>
          <Col xs={12} lg={8} xxl={4} flex="1 1 0">
            <Kpi title={t('s.rankSchool')} value={total.rankSchool ?? '—'} of={counts.school ? t('c.ofN', { n: counts.school }) : undefined} />
          </Col>
          <Col xs={12} lg={8} xxl={4} flex="1 1 0">
            <Kpi title={t('s.rankDistrict')} value={total.rankDistrict ?? '—'} of={counts.district ? t('c.ofN', { n: counts.district.toLocaleString() }) : undefined} />
          </Col>
          <Col xs={12} lg={8} xxl={4} flex="1 1 0">
            <Kpi title={t('s.t')} value={num(total.t, 1)} of={total.z !== null ? `Z ${num(total.z, 2)}` : undefined} />
          </Col>
        </Row>
        <Card variant="borderless" size="small" styles={{ body: { padding: 0 } }}>
          <Table<Row>
            size="small"
            className="jh-exam-table"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            columns={columns}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r.isTotal ? 'jh-exam-total' : '')}
            data-testid="exam-card-table"
          />
        </Card>
        {charts && (
          <Card variant="borderless" size="small" title={t('c.chart')}>
            <Row gutter={[16, 16]}>
              {charts.radar && (
                <Col xs={24} xl={10}>
                  <ExamChart option={charts.radar} height={340} testId="exam-card-radar" />
                </Col>
              )}
              <Col xs={24} xl={charts.radar ? 14 : 24}>
                <Flex vertical>
                  <ExamChart option={charts.bars} height={340} />
                </Flex>
              </Col>
            </Row>
          </Card>
        )}
      </Space>
    </div>
  );
}
