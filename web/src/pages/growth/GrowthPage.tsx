// /growth — 增值评价: pick the entry and the exit exam (only pairs that share students) and the subject or 总分;
// key figures (linkage, model, verdicts), then tabs: the school value-added table with the error-bar chart, the
// quadrant scatter, the classes of a school, a class's students (entry vs exit with the district line, a student's
// card), the plain gain model for comparison, and two-year targets. Excel and PDF downloads.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, InputNumber, Row, Segmented, Select, Skeleton, Tabs, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, InfoCircleOutlined, SwapRightOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { API, download } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { useGrowthT } from './i18n.js';
import { gf } from './charts.js';
import { SchoolsTab, QuadrantTab, GainTab } from './SchoolsTab.js';
import { ClassesTab } from './ClassesTab.js';
import { StudentsTab } from './StudentsTab.js';
import { TargetsTab } from './TargetsTab.js';
import { TOTAL, type ExamOption, type PairQuery } from './types.js';
import './growth.css';

const TABS = ['schools', 'quadrant', 'classes', 'students', 'gain', 'targets'] as const;
type TabName = (typeof TABS)[number];

function Kpi({ title, value, foot, help, testId }: { title: React.ReactNode; value: React.ReactNode; foot?: React.ReactNode; help?: string; testId?: string }) {
  return (
    <Card className="jh-kpi jh-card-fill" variant="borderless" data-testid={testId}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        {help && (
          <Tooltip title={help}>
            <InfoCircleOutlined style={{ color: 'var(--jh-text-2)' }} />
          </Tooltip>
        )}
      </Flex>
      <div className="jh-growth-kpi-value">{value}</div>
      {foot && <div className="jh-kpi-foot">{foot}</div>}
    </Card>
  );
}

const examLabel = (e: ExamOption | undefined) => (e ? e.name : '');

export default function GrowthPage() {
  const t = useGrowthT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [busy, setBusy] = useState<string | null>(null);
  const list = useCall(API.growth.exams, {}, { silent: true });
  const exams = useMemo(() => list.data?.exams ?? [], [list.data]);
  const pairs = list.data?.pairs ?? [];
  const byId = useMemo(() => new Map(exams.map((e) => [e.id, e])), [exams]);

  const setParam = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );

  // The pair: from the URL when it is a known pair, else the latest.
  const wantFrom = Number(params.get('from')) || null;
  const wantTo = Number(params.get('to')) || null;
  const pair = pairs.find((p) => p.from === wantFrom && p.to === wantTo) ?? (wantFrom ? pairs.find((p) => p.from === wantFrom) : undefined) ?? pairs[0];
  const from = pair?.from ?? null;
  const to = pair?.to ?? null;
  const subjects = pair?.subjects ?? [TOTAL];
  const subject = subjects.includes(params.get('subject') ?? '') ? params.get('subject')! : TOTAL;
  // The minimum n asked for (none: the server's configured value). The server raises it to that value for a user
  // without pupil-level rights for every school, so the field shows what the answer used.
  const askedMinN = Number(params.get('minN')) || undefined;
  const tab: TabName = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabName) : 'schools';
  const q: PairQuery | null = pair ? { from: pair.from, to: pair.to, subject, minN: askedMinN } : null;
  const va = useCall(API.growth.valueAdded, q ? { query: q } : null, { silent: true });
  const data = va.data;

  const entryIds = [...new Set(pairs.map((p) => p.from))].sort((a, b) => (byId.get(b)?.date ?? '').localeCompare(byId.get(a)?.date ?? ''));
  const exitPairs = pairs.filter((p) => p.from === from);

  const doDownload = async (kind: 'xlsx' | 'pdf') => {
    if (!q || !data) return;
    setBusy(kind);
    const base = `增值评价-${data.from.name}-${data.to.name}-${data.subject}`;
    try {
      if (kind === 'xlsx') await download(API.growth.exportXlsx, { query: q }, `${base}.xlsx`);
      else await download(API.growth.reportPdf, { query: q }, `${base}.pdf`);
    } catch {
      /* shown by the API client */
    } finally {
      setBusy(null);
    }
  };

  const school = params.get('school');
  const klass = params.get('class');
  const openSchool = (code: string, next: TabName = 'classes') => setParam({ school: code, class: null, tab: next });

  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const header = (
    <PageHeader
      title={t('title')}
      subtitle={t('subtitle')}
      extra={
        data && (
          <>
            <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void doDownload('xlsx')} data-testid="growth-export-xlsx">
              {t('exportXlsx')}
            </Button>
            <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void doDownload('pdf')} data-testid="growth-export-pdf">
              {t('exportPdf')}
            </Button>
          </>
        )
      }
    />
  );
  if (!list.data)
    return (
      <div>
        {header}
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  if (!pairs.length)
    return (
      <div>
        {header}
        <Card variant="borderless">
          <Empty description={t('noExams')} />
        </Card>
      </div>
    );

  const L = data?.linkage;
  const m = data?.model;
  const d = data?.district;
  // Student rows need 'students.read' (for some school): viewers have no students tab.
  const tabs = TABS.filter((x) => x !== 'students' || can('students.read'));
  const tabLabel = (name: TabName) => <span data-testid={`growth-tab-${name}`}>{t(`tab.${name}`)}</span>;

  return (
    <div className="jh-growth">
      {header}
      <Card variant="borderless" className="jh-section" size="small">
        <Flex wrap gap={12} align="center">
          <Flex gap={6} align="center" className="jh-growth-field">
            <Typography.Text type="secondary" className="jh-growth-field-label">
              {t('entry')}
            </Typography.Text>
            <Select
              data-testid="growth-from"
              value={from ?? undefined}
              className="jh-growth-exam"
              popupMatchSelectWidth={false}
              onChange={(v: number) => {
                const first = pairs.find((p) => p.from === v);
                setParam({ from: String(v), to: first ? String(first.to) : null, school: null, class: null });
              }}
              options={entryIds.map((id) => ({ value: id, label: examLabel(byId.get(id)) }))}
            />
          </Flex>
          <SwapRightOutlined className="jh-growth-arrow" style={{ color: 'var(--jh-text-2)' }} />
          <Flex gap={6} align="center" className="jh-growth-field">
            <Typography.Text type="secondary" className="jh-growth-field-label">
              {t('exit')}
            </Typography.Text>
            <Select
              data-testid="growth-to"
              value={to ?? undefined}
              className="jh-growth-exam"
              popupMatchSelectWidth={false}
              onChange={(v: number) => setParam({ from: String(from), to: String(v), school: null, class: null })}
              options={exitPairs.map((p) => ({
                value: p.to,
                label: (
                  <Flex justify="space-between" gap={12}>
                    <span>{examLabel(byId.get(p.to))}</span>
                    <Typography.Text type="secondary">{t('shared', { n: p.shared })}</Typography.Text>
                  </Flex>
                ),
              }))}
              labelRender={() => examLabel(byId.get(to))}
            />
          </Flex>
          <Flex gap={6} align="center" className="jh-growth-field">
            <Typography.Text type="secondary" className="jh-growth-field-label">
              {t('subject')}
            </Typography.Text>
            <div className="jh-growth-scroll">
              <Segmented
                data-testid="growth-subject"
                value={subject}
                onChange={(v) => setParam({ subject: String(v) === TOTAL ? null : String(v) })}
                options={[TOTAL, ...subjects.filter((s) => s !== TOTAL)]}
              />
            </div>
          </Flex>
          <Flex gap={6} align="center" className="jh-growth-field">
            <Typography.Text type="secondary" className="jh-growth-field-label">
              {t('minN')}
            </Typography.Text>
            <InputNumber
              size="middle"
              min={1}
              max={500}
              value={data?.minN ?? askedMinN}
              style={{ width: 72 }}
              onChange={(v) => v && setParam({ minN: v === data?.minNFloor ? null : String(v) })}
              data-testid="growth-minn"
            />
          </Flex>
        </Flex>
      </Card>

      {va.error && <ErrorResult error={va.error} onRetry={va.reload} />}
      {!data && !va.error && (
        <Card variant="borderless" className="jh-section">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      )}
      {data && L && m && d && (
        <>
          {data.scope === 'own' && <Alert className="jh-section" type="info" showIcon message={t('own')} />}
          <Row gutter={[16, 16]} className="jh-section" data-testid="growth-kpis">
            <Col xs={24} sm={12} xl={6}>
              <Kpi
                title={t('k.linkage')}
                value={gf('rate', L.rate)}
                foot={t('k.linkageFoot', { linked: gf('count', L.linked), a: gf('count', L.entry.unmatched), b: gf('count', L.exit.unmatched), m: gf('count', L.movers) })}
                testId="growth-linkage"
              />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi
                title={t('k.model')}
                value={
                  <span>
                    β₁ = {gf('coef', m.beta.pre)}
                    <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 8 }}>
                      SE {gf('coef', m.betaSE.pre)}
                    </Typography.Text>
                  </span>
                }
                foot={t('k.modelFoot', { tau2: gf('variance', m.tau2), sigma2: gf('variance', m.sigma2), icc: gf('coef', m.icc), n: gf('count', m.n) })}
                help={t('k.modelHelp')}
              />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi
                title={t('k.labels')}
                value={
                  <span>
                    <span style={{ color: '#16a34a' }}>{d.above}</span> / {d.expected} / <span style={{ color: '#dc2626' }}>{d.below}</span>
                  </span>
                }
                foot={t('k.labelsFoot', { s: d.suppressed })}
              />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi title={t('k.gain')} value={gf('effect', d.gainMean)} foot={t('k.gainFoot', { rc: gf('rankChange', d.rankChangeMean) })} />
            </Col>
          </Row>
          <Card variant="borderless" className="jh-section">
            <Tabs
              activeKey={tab}
              onChange={(k) => setParam({ tab: k === 'schools' ? null : k })}
              items={tabs.map((name) => ({
                key: name,
                label: tabLabel(name),
                children:
                  name === 'schools' ? (
                    <SchoolsTab data={data} onOpen={(code) => openSchool(code)} />
                  ) : name === 'quadrant' ? (
                    <QuadrantTab data={data} onOpen={(code) => openSchool(code)} />
                  ) : name === 'classes' ? (
                    <ClassesTab data={data} school={school} onSchool={(c) => setParam({ school: c, class: null })} onClass={(c) => setParam({ school, class: c, tab: 'students' })} />
                  ) : name === 'students' ? (
                    <StudentsTab data={data} query={q!} school={school} klass={klass} onSchool={(c) => setParam({ school: c, class: null })} onClass={(c) => setParam({ class: c })} />
                  ) : name === 'gain' ? (
                    <GainTab data={data} />
                  ) : (
                    <TargetsTab />
                  ),
              }))}
            />
          </Card>
        </>
      )}
    </div>
  );
}
