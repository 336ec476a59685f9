// /exams/:id — the district report of one exam: key figures, 三率一分 by subject, the distribution of 总分 with the
// fitted normal curve, box plots by school, the school ranking (with the rank change against an earlier exam),
// the 后x% chart and the subject-balance heat map (DistrictCards.tsx, SchoolRankCard.tsx), and the item analysis.
import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Tag } from 'antd';
import { CloudUploadOutlined, FileExcelOutlined, FilePdfOutlined, SettingOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { API, download } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { fmtTime, useCan, useLabels, useMe } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult, NotFoundPage, PageSpin } from '../../components/Problem.js';
import { useExamT } from './i18n.js';
import { BalanceCard, BottomCard, BoxplotCard, HistogramCard, SubjectTable } from './DistrictCards.js';
import { ExamFormModal } from './ExamForm.js';
import { ExamImportDrawer } from './ExamImport.js';
import { ItemsSection } from './ItemsTab.js';
import { Kpi } from './ReportParts.js';
import { SchoolRankCard } from './SchoolRankCard.js';
import { count, figure, useExam, ExamTypeTag, fullOf, num, pct, RED, useSchoolNames, Withheld } from './shared.js';
import { TOTAL } from './types.js';
import './exams.css';

// ---------- page ----------

export default function ExamReportPage() {
  const { id = '' } = useParams();
  const t = useExamT();
  const { lang } = useI18n();
  const L = useLabels();
  const me = useMe();
  const can = useCan();
  const manage = can('exams.manage');
  /** A report cut to the user's own school (a clerk's): no ranks among schools, and a note. */
  const ownOnly = me.capabilities['exams.read'] === 'own';
  const { exam, exams, loaded, error: examError, reload: reloadExams } = useExam(id);
  const report = useCall(API.exams.report, exam && exam.studentCount > 0 ? { params: { id } } : null, { silent: true });
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
      if (kind === 'pdf') await download(API.exams.reportPdf, { params: { id: exam.id } }, `${exam.name} 成绩分析报告.pdf`);
      else await download(API.exams.exportXlsx, { params: { id: exam.id } }, `${exam.name}.xlsx`);
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
            {manage && (
              <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)}>
                {exam.studentCount ? t('reimport') : t('import')}
              </Button>
            )}
            {manage && (
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
            {manage && (
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
          {ownOnly && <Alert type="info" showIcon title={t('r.clerkNote')} />}
          <Row gutter={[16, 16]} data-testid="exam-kpis">
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi
                title={t('r.students')}
                value={count(r.district.n)}
                unit={lang === 'zh' ? '人' : ''}
                foot={multi ? t('r.studentsFoot', { n: count(total?.n ?? 0), schools: r.schools.length }) : t('r.studentsFootOne', { n: count(total?.n ?? 0) })}
              />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi
                title={t('r.totalMean')}
                value={total?.suppressed ? <Withheld min={r.minCellSize} /> : num(total?.mean, 1)}
                foot={t('r.totalMeanFoot', { full: fullTotal, sd: num(total?.sd, 1), rate: pct(total?.score_rate) })}
              />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi title={t('r.allPass')} value={pct(r.district.allPassRate)} foot={t('r.allPassFoot')} />
            </Col>
            <Col xs={12} lg={8} xxl={4} flex="1 1 0">
              <Kpi
                title={t('r.cv')}
                value={<span style={cv?.pass === false ? { color: RED } : undefined}>{num(cv?.cv, 3)}</span>}
                extra={cv?.pass != null && <Tag color={cv.pass ? 'success' : 'error'}>{cv.pass ? t('r.cvPass') : t('r.cvFail')}</Tag>}
                foot={t('r.cvFoot', { limit: figure('cv', cv?.limit) })}
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
          <ItemsSection exam={exam} />
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
