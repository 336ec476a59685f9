// Import an exam's scores: drop a file → the import route (202 {jobId}) → poll the job route for the
// phase and progress → the problems table (nothing saved) or success with a link to the report.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Drawer, Flex, Progress, Result, Spin, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError, bilingual } from '../../api.js';
import { API, call, download, upload } from '../../client.js';
import { useI18n } from '../../i18n.js';
import { useExamT, type ExamKey } from './i18n.js';
import type { Exam, Job, JobPhase, JobProblem } from './types.js';

const PHASES: JobPhase[] = ['reading', 'checking', 'analysing', 'writing', 'done'];
/** Share of the whole import at the start of each phase (reading a big file and writing take the most time). */
const SPAN: Partial<Record<JobPhase, [number, number]>> = { queued: [0, 0], reading: [0, 45], checking: [45, 50], analysing: [50, 55], writing: [55, 99] };

function overall(job: Job): number {
  if (job.phase === 'done') return 100;
  const [a, b] = SPAN[job.phase] ?? [0, 0];
  const within = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  return Math.floor(a + (b - a) * within);
}

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: string }
  | { kind: 'running'; file: string; job: Job }
  | { kind: 'done'; file: string; job: Job }
  | { kind: 'problems'; file: string; problems: JobProblem[]; count: number }
  | { kind: 'error'; file: string; message: string };

export function ExamImportPanel({ exam, onImported }: { exam: Exam; onImported?: () => void }) {
  const t = useExamT();
  const { t: tt, lang } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const poll = (file: string, jobId: string) => {
    call(API.exams.job, { params: { id: jobId } }, { silent: true })
      .then(({ job }) => {
        if (!alive.current) return;
        if (job.phase === 'done') {
          setState({ kind: 'done', file, job });
          onImported?.();
        } else if (job.phase === 'failed') {
          const problems = job.problems ?? [];
          if (problems.length) setState({ kind: 'problems', file, problems, count: problems.length });
          else setState({ kind: 'error', file, message: bilingual(job.error?.message ?? t('imp.failed'), lang) });
        } else {
          setState({ kind: 'running', file, job });
          timer.current = setTimeout(() => poll(file, jobId), 400);
        }
      })
      .catch((e: unknown) => {
        if (!alive.current) return;
        setState({ kind: 'error', file, message: e instanceof ApiError ? bilingual(e.message, lang) : String(e) });
      });
  };

  const customRequest: UploadProps['customRequest'] = (opt) => {
    const file = opt.file as File;
    const name = file.name ?? 'scores.csv';
    setState({ kind: 'uploading', file: name });
    upload(API.exams.importScores, { params: { id: exam.id } }, file, name, { silent: true })
      .then((r) => {
        opt.onSuccess?.(r);
        poll(name, r.jobId);
      })
      .catch((e: unknown) => {
        opt.onError?.(e as Error);
        if (e instanceof ApiError && e.status === 401) return;
        if (e instanceof ApiError && e.problems.length) setState({ kind: 'problems', file: name, problems: e.problems as JobProblem[], count: e.problems.length });
        else setState({ kind: 'error', file: name, message: e instanceof ApiError ? bilingual(e.message, lang) : String(e) });
      });
  };

  const busy = state.kind === 'uploading' || state.kind === 'running';
  const job = state.kind === 'running' || state.kind === 'done' ? state.job : null;
  const phaseIndex = job ? (job.phase === 'done' ? PHASES.length : Math.max(0, PHASES.indexOf(job.phase))) : 0;
  const percent = job ? overall(job) : 0;
  const students = state.kind === 'done' ? (state.job.result?.students ?? 0) : 0;
  const problems = state.kind === 'problems' ? state.problems : [];
  const sheets = [...new Set(problems.map((p) => p.sheet).filter(Boolean))];

  return (
    <div>
      {exam.studentCount > 0 && state.kind === 'idle' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('imp.replace', { n: exam.studentCount })} />}
      <Spin spinning={state.kind === 'uploading'} description={t('imp.uploading')}>
        <div data-testid="exams-upload">
          <Upload.Dragger
            name="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            customRequest={customRequest}
            disabled={busy}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imp.drag')}</p>
            <p className="ant-upload-hint" style={{ padding: '0 24px' }}>
              {t('imp.hint')}
            </p>
            <p className="ant-upload-hint" style={{ padding: '4px 24px 0' }}>
              {t('imp.columns')}
              {exam.subjects.map((s) => s.subject).join('、')}
            </p>
          </Upload.Dragger>
          <Button
            type="link"
            icon={<DownloadOutlined />}
            style={{ paddingInline: 0, marginTop: 8 }}
            onClick={() => void download(API.exams.template, { params: { id: exam.id } }, `${exam.name}-成绩导入模板.xlsx`).catch(() => undefined)}
            data-testid="exam-template"
          >
            {t('imp.template')}
          </Button>
        </div>
      </Spin>

      {(state.kind === 'running' || state.kind === 'done') && (
        <div className="jh-exam-progress" data-testid="exams-progress" data-phase={state.job.phase}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>
              <FileExcelOutlined /> {state.file}
            </Typography.Text>
            <Typography.Text type="secondary" className="jh-num">
              {state.kind === 'done' ? t('imp.students', { n: students.toLocaleString() }) : t(`imp.phase.${state.job.phase}` as ExamKey)}
            </Typography.Text>
          </Flex>
          <Progress percent={percent} status={state.kind === 'done' ? 'success' : 'active'} />
          <Steps
            size="small"
            current={phaseIndex}
            status={state.kind === 'done' ? 'finish' : 'process'}
            style={{ marginTop: 12 }}
            items={PHASES.map((p) => ({ title: t(`imp.phase.${p}` as ExamKey) }))}
          />
        </div>
      )}

      {state.kind === 'done' && (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          style={{ padding: '24px 0 8px' }}
          title={<span data-testid="exams-import-done">{t('imp.success')}</span>}
          subTitle={t('imp.successDetail', { n: students.toLocaleString() })}
          extra={
            <Link to={`/exams/${exam.id}`}>
              <Button type="primary" data-testid="exams-open-report">
                {t('imp.openReport')}
              </Button>
            </Link>
          }
        />
      )}
      {state.kind === 'error' && <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('imp.failed')} description={`${state.file}: ${state.message}`} />}
      {state.kind === 'problems' && (
        <div data-testid="exams-problems" style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            title={<b>{t('imp.problems', { n: state.count })}</b>}
            description={
              <Flex gap={8} wrap align="center">
                <span>{t('imp.problemsHelp')}</span>
                <Tag icon={<FileExcelOutlined />}>{state.file}</Tag>
                {state.count > problems.length && <span>{t('imp.problemsMore', { n: state.count })}</span>}
              </Flex>
            }
          />
          <Table<JobProblem>
            size="small"
            style={{ marginTop: 12 }}
            rowKey={(r) => `${r.sheet}|${r.row}|${r.column}|${r.reason}`}
            dataSource={problems}
            pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showTotal: (n) => tt('common.items', { n }) }}
            scroll={{ x: 720 }}
            columns={[
              ...(sheets.length ? [{ title: tt('upload.col.sheet'), dataIndex: 'sheet', width: 110 }] : []),
              {
                title: tt('upload.col.row'),
                dataIndex: 'row',
                width: 70,
                align: 'right' as const,
                render: (r: number | null) => (r ? r : '—'),
                sorter: (a: JobProblem, b: JobProblem) => (a.row ?? 0) - (b.row ?? 0),
              },
              { title: tt('upload.col.column'), dataIndex: 'column', width: 70, align: 'center' as const, render: (c: string | null) => (c ? <Tag>{c}</Tag> : '—') },
              { title: tt('upload.col.header'), dataIndex: 'header', width: 140, ellipsis: true, render: (h: string | null) => h ?? '—' },
              { title: tt('upload.col.reason'), dataIndex: 'reason', render: (r: string) => <Typography.Text type="danger">{bilingual(r, lang)}</Typography.Text> },
            ]}
          />
        </div>
      )}
      {(state.kind === 'done' || state.kind === 'problems' || state.kind === 'error') && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button type="link" onClick={() => setState({ kind: 'idle' })}>
            {t('imp.again')}
          </Button>
        </Flex>
      )}
    </div>
  );
}

export function ExamImportDrawer({ exam, onClose, onImported }: { exam: Exam | null; onClose: () => void; onImported?: () => void }) {
  const t = useExamT();
  return (
    <Drawer open={!!exam} onClose={onClose} title={exam ? t('imp.title', { name: exam.name }) : ''} size={860} destroyOnHidden>
      {exam && <ExamImportPanel exam={exam} onImported={onImported} />}
    </Drawer>
  );
}
