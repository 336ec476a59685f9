// /exams/:id/schools/:code — one school's report: key figures against the district, each subject against the
// district, the classes compared, and the student list (names only when the server sends them).
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { FileExcelOutlined, FilePdfOutlined, InfoCircleOutlined, SearchOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { API, download } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { useCan } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult, NotFoundPage, PageSpin } from '../../components/Problem.js';
import { useExamT } from './i18n.js';
import { classChartOption, scoreRateBars } from './charts.js';
import { SubjectSelect } from './ReportParts.js';
import { byNum, competitionRanks, count, cutsOf, ExamChart, ExamTypeTag, num, pct, RateVs, RED, ScoreCell, signColor, signed, signedPct, useExam, useSchoolNames, Withheld } from './shared.js';
import { TOTAL, type ClassGroup, type ExamReport, type Stats, type StudentRow } from './types.js';
import './exams.css';

function Kpi({ title, value, foot, extra }: { title: React.ReactNode; value: React.ReactNode; foot?: React.ReactNode; extra?: React.ReactNode }) {
  return (
    <Card className="jh-kpi jh-card-fill" variant="borderless">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div className="jh-exam-kpi-title">{title}</div>
        {extra}
      </Flex>
      <div className="jh-exam-kpi-value">{value}</div>
      {foot && <div className="jh-kpi-foot">{foot}</div>}
    </Card>
  );
}

interface SubjectRow {
  subject: string;
  school: Stats;
  district: Stats;
  balance: number | null;
  rank: number | null;
}

function SubjectsCard({ report, code, ranksHidden }: { report: ExamReport; code: string; ranksHidden: boolean }) {
  const t = useExamT();
  const school = report.schools.find((s) => s.school === code)!;
  const balance = report.balance.find((b) => b.school === code);
  const many = report.schools.length > 1 && !ranksHidden;
  const rows: SubjectRow[] = report.subjects
    .filter((s) => school.stats[s] && report.district.stats[s])
    .map((s) => {
      const ranks = competitionRanks(report.schools.map((x) => x.stats[s]?.mean ?? null));
      return {
        subject: s,
        school: school.stats[s],
        district: report.district.stats[s],
        balance: balance?.subjects[s] ?? null,
        rank: many ? ranks[report.schools.findIndex((x) => x.school === code)] : null,
      };
    });
  const subjects = report.subjects.filter((s) => s !== TOTAL);
  const chart = useMemo(
    () =>
      scoreRateBars(subjects, [
        { name: t('s.school'), values: subjects.map((s) => school.stats[s]?.score_rate ?? null), color: '#1d4ed8' },
        { name: t('r.district'), values: subjects.map((s) => report.district.stats[s]?.score_rate ?? null), color: '#cbd5e1' },
      ]),
    [report, code, t], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const columns: ColumnsType<SubjectRow> = [
    { title: t('r.subject'), dataIndex: 'subject', width: 100, fixed: 'left', render: (s: string) => <b>{s}</b> },
    { title: t('r.n'), key: 'n', width: 64, align: 'right', render: (_, r) => count(r.school.n) },
    { title: t('s.schoolMean'), key: 'mean', width: 84, align: 'right', render: (_, r) => (r.school.suppressed ? <Withheld min={report.minCellSize} /> : <b>{num(r.school.mean, 1)}</b>) },
    { title: t('s.districtMean'), key: 'dmean', width: 84, align: 'right', render: (_, r) => num(r.district.mean, 1) },
    { title: t('r.overMean'), key: 'over', width: 84, align: 'right', render: (_, r) => <span style={signColor(r.school.over_mean_rate)}>{signedPct(r.school.over_mean_rate)}</span> },
    { title: t('r.excellentRate'), key: 'ex', width: 96, align: 'right', render: (_, r) => <RateVs value={r.school.excellent_rate} base={r.district.excellent_rate} /> },
    { title: t('r.passRate'), key: 'pass', width: 96, align: 'right', render: (_, r) => <RateVs value={r.school.pass_rate} base={r.district.pass_rate} /> },
    { title: t('r.lowRate'), key: 'low', width: 96, align: 'right', render: (_, r) => <RateVs value={r.school.low_rate} base={r.district.low_rate} inverse /> },
    { title: t('r.scoreRate'), key: 'sr', width: 80, align: 'right', render: (_, r) => pct(r.school.score_rate) },
    {
      title: (
        <Tooltip title={t('r.balanceHelp')}>
          {t('r.balance')} <InfoCircleOutlined className="jh-muted" />
        </Tooltip>
      ),
      key: 'bal',
      width: 88,
      align: 'right',
      render: (_, r) => (r.subject === TOTAL ? '' : <span style={signColor(r.balance, 2)}>{signed(r.balance, 2)}</span>),
    },
    ...(many ? [{ title: t('s.schoolRank'), key: 'rank', width: 84, align: 'center' as const, render: (_: unknown, r: SubjectRow) => (r.rank ? `${r.rank} / ${report.schools.length}` : '—') }] : []),
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={15}>
        <Card variant="borderless" size="small" title={t('s.vsDistrict')} className="jh-card-fill" styles={{ body: { padding: 0 } }}>
          <Table<SubjectRow>
            size="small"
            className="jh-exam-table"
            rowKey="subject"
            pagination={false}
            dataSource={rows}
            columns={columns}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r.subject === TOTAL ? 'jh-exam-total' : '')}
            data-testid="exam-school-subjects"
          />
        </Card>
      </Col>
      <Col xs={24} xxl={9}>
        <Card variant="borderless" size="small" title={t('s.scoreRateChart')} className="jh-card-fill">
          <ExamChart option={chart} height={260} />
        </Card>
      </Col>
    </Row>
  );
}

interface ClassRow extends ClassGroup {
  key: string;
}

function ClassesCard({ report, code, onPick }: { report: ExamReport; code: string; onPick?: (c: string) => void }) {
  const t = useExamT();
  const [subject, setSubject] = useState(TOTAL);
  const classes: ClassRow[] = report.classes.filter((c) => c.school === code).map((c) => ({ ...c, key: c.class }));
  const school = report.schools.find((s) => s.school === code)!;
  const district = report.district.stats[subject];
  const subjects = report.subjects.filter((s) => s !== TOTAL);
  const option = useMemo(
    () =>
      classChartOption(
        classes.map((c) => ({ name: c.class, mean: c.stats[subject]?.mean ?? null, over: c.stats[subject]?.over_mean_rate ?? null })),
        district?.mean ?? null,
        school.stats[subject]?.mean ?? null,
        t,
      ),
    [report, code, subject, t], // eslint-disable-line react-hooks/exhaustive-deps
  );
  if (!classes.length) return null;
  const st = (c: ClassRow) => c.stats[subject];
  const columns: ColumnsType<ClassRow> = [
    { title: t('s.class'), dataIndex: 'class', width: 90, fixed: 'left', render: (c: string) => (onPick ? <a>{c}</a> : c), sorter: (a, b) => a.class.localeCompare(b.class, 'zh', { numeric: true }) },
    { title: t('r.n'), key: 'n', width: 64, align: 'right', render: (_, c) => count(st(c)?.n ?? 0) },
    {
      title: t('r.mean'),
      key: 'mean',
      width: 76,
      align: 'right',
      render: (_, c) => (st(c)?.suppressed ? <Withheld min={report.minCellSize} /> : <b>{num(st(c)?.mean, 1)}</b>),
      sorter: (a, b) => byNum(st(a)?.mean, st(b)?.mean),
    },
    { title: t('r.sd'), key: 'sd', width: 70, align: 'right', render: (_, c) => num(st(c)?.sd, 1) },
    {
      title: t('r.overMean'),
      key: 'over',
      width: 84,
      align: 'right',
      render: (_, c) => <span style={signColor(st(c)?.over_mean_rate)}>{signedPct(st(c)?.over_mean_rate)}</span>,
      sorter: (a, b) => byNum(st(a)?.over_mean_rate, st(b)?.over_mean_rate),
    },
    { title: t('r.excellentRate'), key: 'ex', width: 76, align: 'right', render: (_, c) => pct(st(c)?.excellent_rate), sorter: (a, b) => byNum(st(a)?.excellent_rate, st(b)?.excellent_rate) },
    { title: t('r.passRate'), key: 'pass', width: 76, align: 'right', render: (_, c) => pct(st(c)?.pass_rate), sorter: (a, b) => byNum(st(a)?.pass_rate, st(b)?.pass_rate) },
    {
      title: t('r.lowRate'),
      key: 'low',
      width: 76,
      align: 'right',
      render: (_, c) => <span style={(st(c)?.low_rate ?? 0) > (district?.low_rate ?? 1) ? { color: RED } : undefined}>{pct(st(c)?.low_rate)}</span>,
      sorter: (a, b) => byNum(st(a)?.low_rate, st(b)?.low_rate),
    },
    ...(subject === TOTAL
      ? [
          { title: t('r.allPassShort'), key: 'ap', width: 80, align: 'right' as const, render: (_: unknown, c: ClassRow) => pct(c.allPassRate) },
          ...subjects.map((s) => ({
            title: s,
            key: `m-${s}`,
            width: Math.max(72, s.length * 14 + 40),
            align: 'right' as const,
            render: (_: unknown, c: ClassRow) => {
              const m = c.stats[s]?.mean ?? null;
              const d = report.district.stats[s]?.mean ?? null;
              return <span style={m !== null && d !== null && m < d ? { color: '#b45309' } : undefined}>{num(m, 1)}</span>;
            },
            sorter: (a: ClassRow, b: ClassRow) => byNum(a.stats[s]?.mean, b.stats[s]?.mean),
          })),
        ]
      : []),
  ];
  return (
    <Card variant="borderless" size="small" title={t('s.classes')} extra={<SubjectSelect subjects={report.subjects} value={subject} onChange={setSubject} />}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={14}>
          <Table<ClassRow>
            size="small"
            bordered
            className={onPick ? 'jh-exam-table jh-clickable-rows' : 'jh-exam-table'}
            rowKey="key"
            pagination={false}
            dataSource={classes}
            columns={columns}
            scroll={{ x: 'max-content' }}
            onRow={(c) => ({ onClick: () => onPick?.(c.class) })}
            data-testid="exam-class-table"
          />
        </Col>
        <Col xs={24} xxl={10}>
          <Typography.Text strong>{t('s.classChart')}</Typography.Text>
          <ExamChart option={option} height={Math.max(280, 40 + classes.length * 4)} testId="exam-class-chart" />
        </Col>
      </Row>
    </Card>
  );
}

function StudentsCard({
  examId,
  code,
  subjects,
  lowCuts,
  klass,
  setKlass,
  classes,
  ranksHidden,
}: {
  ranksHidden: boolean;
  examId: number;
  code: string;
  subjects: string[];
  lowCuts: number[];
  klass: string | undefined;
  setKlass: (c: string | undefined) => void;
  classes: string[];
}) {
  const t = useExamT();
  const { t: tt } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const data = useCall(API.exams.schoolStudents, { params: { id: examId, code } }, { silent: true });
  const students = useMemo(() => data.data?.students ?? [], [data.data]);
  const namesShown = data.data?.namesShown ?? false;
  const qq = q.trim().toLowerCase();
  const shown = students.filter((s) => (!klass || s.className === klass) && (!qq || s.studentId.toLowerCase().includes(qq) || (s.name ?? '').toLowerCase().includes(qq)));

  if (data.error) return <Alert type="info" showIcon title={data.error.message.split(' / ')[0]} />;
  const allColumns: ColumnsType<StudentRow> = [
    { title: t('s.rankSchool'), dataIndex: 'rankSchool', width: 72, align: 'center', fixed: 'left', sorter: (a, b) => byNum(b.rankSchool, a.rankSchool), render: (r: number | null) => r ?? '—' },
    { title: t('s.studentId'), dataIndex: 'studentId', width: 130, fixed: 'left', render: (id: string) => <a className="jh-num">{id}</a>, sorter: (a, b) => a.studentId.localeCompare(b.studentId) },
    ...(namesShown ? [{ title: t('s.name'), dataIndex: 'name', width: 90, render: (n: string | null) => n ?? '—' }] : []),
    { title: t('s.class'), dataIndex: 'className', width: 76, sorter: (a, b) => a.className.localeCompare(b.className, 'zh', { numeric: true }) },
    ...subjects.map((s, k) => ({
      title: s,
      key: `s-${s}`,
      width: Math.max(72, s.length * 14 + 40),
      align: 'right' as const,
      render: (_: unknown, r: StudentRow) => <ScoreCell score={r.scores[k] ?? null} mark={r.marks[k] ?? null} t={t} lowCut={lowCuts[k]} />,
      sorter: (a: StudentRow, b: StudentRow) => byNum(a.scores[k], b.scores[k]),
    })),
    { title: TOTAL, dataIndex: 'total', width: 76, align: 'right', render: (x: number | null) => <b>{num(x, 1)}</b>, sorter: (a, b) => byNum(a.total, b.total) },
    { title: t('s.rankClass'), dataIndex: 'rankClass', width: 72, align: 'center', render: (r: number | null) => r ?? '—', sorter: (a, b) => byNum(b.rankClass, a.rankClass) },
    { title: t('s.rankDistrict'), dataIndex: 'rankDistrict', width: 80, align: 'center', render: (r: number | null) => r ?? '—', sorter: (a, b) => byNum(b.rankDistrict, a.rankDistrict) },
    { title: t('s.t'), dataIndex: 't', width: 64, align: 'right', render: (x: number | null) => num(x, 1), sorter: (a, b) => byNum(a.t, b.t) },
  ];
  // An exam that hides ranks sends none: no rank columns then.
  const columns = ranksHidden ? allColumns.filter((c) => !String((c as { dataIndex?: string }).dataIndex ?? '').startsWith('rank')) : allColumns;
  return (
    <Card
      variant="borderless"
      size="small"
      title={
        <Space>
          {t('s.students')}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
            {t('s.studentsHelp')}
          </Typography.Text>
        </Space>
      }
      extra={
        <Flex gap={8} wrap align="center">
          {!namesShown && data.data && (
            <Tooltip title={t('s.namesHidden')}>
              <Tag>{t('s.namesHidden')}</Tag>
            </Tooltip>
          )}
          <Select allowClear size="small" placeholder={t('s.allClasses')} value={klass} onChange={setKlass} options={classes.map((c) => ({ value: c, label: c }))} style={{ width: 120 }} />
          <Input allowClear size="small" prefix={<SearchOutlined />} placeholder={t('s.searchStudent')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 180 }} />
        </Flex>
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      <Table<StudentRow>
        size="small"
        bordered
        className="jh-exam-table jh-clickable-rows"
        rowKey="studentId"
        loading={data.loading && !data.data}
        dataSource={shown}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => tt('common.items', { n }) }}
        onRow={(r) =>
          ({ onClick: () => void navigate(`/exams/${examId}/students/${encodeURIComponent(r.studentId)}`), 'data-testid': `exam-student-${r.studentId}` }) as React.HTMLAttributes<HTMLElement>
        }
        data-testid="exam-students"
      />
    </Card>
  );
}

export default function SchoolReportPage() {
  const { id = '', code = '' } = useParams();
  const t = useExamT();
  const { lang } = useI18n();
  const can = useCan();
  /** Student rows of this school (the export with them too): 'students.read' for the school. */
  const students = can('students.read', code);
  const { exam, loaded, error: examError, reload } = useExam(id);
  // Naming the school: outside the user's scope the server answers 403, and the page shows that.
  const report = useCall(API.exams.report, exam && exam.studentCount > 0 ? { params: { id }, query: { school: code } } : null, { silent: true });
  const names = useSchoolNames();
  const [klass, setKlass] = useState<string | undefined>(undefined);
  const [downloading, setDownloading] = useState<'xlsx' | 'pdf' | null>(null);

  if (examError) return <ErrorResult error={examError} onRetry={reload} />;
  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  if (!loaded) return <PageSpin />;
  if (!exam) return <NotFoundPage />;
  const r = report.data?.report ?? null;
  const school = r?.schools.find((s) => s.school === code) ?? null;
  const name = names.name(code);
  const x = r?.bottom.percentile ?? exam.bottomPercentile;
  const bottom = r?.bottom.schools.find((s) => s.school === code) ?? null;
  const totalRanks = r ? competitionRanks(r.schools.map((s) => s.stats[TOTAL]?.mean ?? null)) : [];
  const ranksHidden = exam.hideRanks && !can('exams.ranks');
  const rank = r && school && !ranksHidden ? totalRanks[r.schools.indexOf(school)] : null;
  const total = school?.stats[TOTAL];
  const dTotal = r?.district.stats[TOTAL];
  const classes = r ? r.classes.filter((c) => c.school === code).map((c) => c.class) : [];
  const subjects = exam.subjects.map((s) => s.subject);

  const exportFile = async (kind: 'xlsx' | 'pdf') => {
    setDownloading(kind);
    try {
      const input = { params: { id: exam.id }, query: { school: code } };
      if (kind === 'pdf') await download(API.exams.reportPdf, input, `${exam.name} 成绩分析报告-${name}.pdf`);
      else await download(API.exams.exportXlsx, input, `${exam.name}-${name}.xlsx`);
    } catch {
      /* shown by the API client */
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div>
      <PageHeader
        crumbs={[{ title: t('title'), to: '/exams' }, { title: exam.name, to: `/exams/${exam.id}` }, { title: name }]}
        title={name}
        tags={
          <Space size={4}>
            <ExamTypeTag type={exam.type} />
            <Tag>{exam.name}</Tag>
            {bottom?.flagged && (
              <Tag color="error" icon={<WarningOutlined />}>
                {t('s.flagged', { x })}
              </Tag>
            )}
          </Space>
        }
        subtitle={<span className="jh-num">{code}</span>}
        extra={
          school && (
            <>
              {students && (
                <Button icon={<FileExcelOutlined />} loading={downloading === 'xlsx'} onClick={() => void exportFile('xlsx')} data-testid="exam-school-export">
                  {t('r.export')}
                </Button>
              )}
              {can('exams.read', code) && (
                <Button icon={<FilePdfOutlined />} loading={downloading === 'pdf'} onClick={() => void exportFile('pdf')} data-testid="exam-school-export-pdf">
                  {t('r.pdf')}
                </Button>
              )}
            </>
          )
        }
      />
      {!r ? (
        exam.studentCount === 0 ? (
          <Card variant="borderless">
            <Empty description={t('r.noData')} />
          </Card>
        ) : (
          <Card variant="borderless">
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        )
      ) : !school ? (
        <Card variant="borderless">
          <Empty description={t('s.notFound')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]} data-testid="exam-school-kpis">
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi title={t('r.students')} value={count(school.n)} foot={`${t('r.district')} ${count(r.district.n)}`} />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi
                title={t('r.totalMean')}
                value={total?.suppressed ? <Withheld min={r.minCellSize} /> : num(total?.mean, 1)}
                extra={<span style={{ ...signColor(total?.over_mean_rate), fontSize: 13, fontWeight: 600 }}>{signedPct(total?.over_mean_rate)}</span>}
                foot={`${t('r.district')} ${num(dTotal?.mean, 1)} · ${t('r.overMean')} ${signedPct(total?.over_mean_rate)}`}
              />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi title={t('r.allPass')} value={pct(school.allPassRate)} foot={`${t('r.district')} ${pct(r.district.allPassRate)}`} />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi
                title={t('s.bottomRate', { x })}
                value={<span style={bottom?.flagged ? { color: RED } : undefined}>{pct(bottom?.rate)}</span>}
                extra={bottom?.flagged && <Tag color="error">{t('r.flagged')}</Tag>}
                foot={t('s.bottomFoot', { x, count: bottom?.count ?? 0 })}
              />
            </Col>
            {r.schools.length > 1 && !ranksHidden && (
              <Col xs={12} lg={8} xxl={4} flex="1 1 0">
                <Kpi
                  title={t('s.schoolRank')}
                  value={
                    <>
                      {rank ?? '—'}
                      <span className="jh-exam-kpi-unit">/ {r.schools.length}</span>
                    </>
                  }
                  foot={lang === 'zh' ? '按总分均分' : 'by mean 总分'}
                />
              </Col>
            )}
          </Row>
          <SubjectsCard report={r} code={code} ranksHidden={ranksHidden} />
          <ClassesCard
            report={r}
            code={code}
            onPick={
              !students
                ? undefined
                : (c) => {
                    setKlass(c);
                    document.querySelector('[data-testid=exam-students]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                  }
            }
          />
          {students && (
            <StudentsCard
              examId={exam.id}
              code={code}
              subjects={subjects}
              lowCuts={exam.subjects.map((s) => s.fullMarks * cutsOf(s).low)}
              klass={klass}
              setKlass={setKlass}
              classes={classes}
              ranksHidden={ranksHidden}
            />
          )}
        </Space>
      )}
    </div>
  );
}
