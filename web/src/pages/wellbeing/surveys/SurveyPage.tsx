// /surveys/:id — one satisfaction survey. The bureau (surveys.manage) works through its tabs: the questionnaire
// (edited while a draft: each save a new version), the sampling plan, the access codes (slips PDF, batches, open and
// close) and the results; everyone else who may read surveys (a clerk for the own school, inspectors, viewers) sees
// the results only.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Tabs } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { API, call } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { fmtTime, useCan } from '../../../session.js';
import { useI18n } from '../../../i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorResult } from '../../../components/Problem.js';
import { useSvT } from './i18n.js';
import { audienceName, SurveyStatusTag } from './shared.js';
import { QuestionnaireTab } from './QuestionnaireTab.js';
import { PlanTab } from './PlanTab.js';
import { CodesTab } from './CodesTab.js';
import { ResultsTab } from './ResultsTab.js';

export default function SurveyPage() {
  const { id: idParam = '' } = useParams();
  const id = Number(idParam);
  const t = useSvT();
  const { lang } = useI18n();
  const can = useCan();
  const manage = can('surveys.manage');
  const r = useCall(API.surveys.get, Number.isInteger(id) && id > 0 ? { params: { id } } : null);
  const [tab, setTab] = useState<string>(manage ? 'questionnaire' : 'results');
  const { message } = App.useApp();
  const navigate = useNavigate();
  // Bumped after a change that alters the results or batches (codes issued, status), so the other tabs reload.
  const [version, setVersion] = useState(0);
  const changed = () => {
    r.reload();
    setVersion((v) => v + 1);
  };

  if (r.error) return <ErrorResult error={r.error} onRetry={r.reload} />;
  const d = r.data;
  const s = d?.survey;
  const remove = async () => {
    await call(API.surveys.remove, { params: { id } });
    message.success(t('removed'));
    void navigate('/surveys');
  };

  return (
    <div>
      <PageHeader
        crumbs={[{ title: t('title'), to: '/surveys' }, { title: s?.title ?? idParam }]}
        title={s?.title ?? ''}
        tags={s && <SurveyStatusTag status={s.status} t={t} />}
        extra={
          manage &&
          s?.status === 'draft' &&
          s.codesIssued === 0 && (
            <Popconfirm title={t('removeConfirm')} onConfirm={() => void remove()}>
              <Button icon={<DeleteOutlined />} danger>
                {t('remove')}
              </Button>
            </Popconfirm>
          )
        }
      />
      {d && s && (
        <>
          <Card size="small" style={{ marginBottom: 12 }} loading={r.loading && !d}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
              <Descriptions.Item label={t('d.year')}>{s.year}</Descriptions.Item>
              <Descriptions.Item label={t('d.audience')}>{audienceName(s.audience, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('d.questionnaire')}>{t('versionOf', { title: s.questionnaireTitle, v: s.questionnaireVersion })}</Descriptions.Item>
              <Descriptions.Item label={t('d.createdBy')}>
                {s.createdBy} · {fmtTime(s.createdAt)}
              </Descriptions.Item>
              {s.openedAt && <Descriptions.Item label={t('d.opened')}>{fmtTime(s.openedAt)}</Descriptions.Item>}
              {s.closedAt && <Descriptions.Item label={t('d.closed')}>{fmtTime(s.closedAt)}</Descriptions.Item>}
            </Descriptions>
          </Card>
          {manage ? (
            <Tabs
              activeKey={tab}
              onChange={setTab}
              destroyOnHidden={false}
              items={[
                { key: 'questionnaire', label: t('tab.questionnaire'), children: <QuestionnaireTab t={t} survey={s} questionnaire={d.questionnaire} onChanged={changed} /> },
                { key: 'plan', label: t('tab.plan'), children: <PlanTab t={t} survey={s} plan={d.plan} onSaved={changed} /> },
                { key: 'codes', label: <span data-testid="survey-tab-codes">{t('tab.codes')}</span>, children: <CodesTab key={version} t={t} survey={s} plan={d.plan} onChanged={changed} /> },
                { key: 'results', label: <span data-testid="survey-tab-results">{t('tab.results')}</span>, children: tab === 'results' && <ResultsTab key={version} t={t} id={s.id} /> },
              ]}
            />
          ) : (
            <ResultsTab key={version} t={t} id={s.id} />
          )}
        </>
      )}
    </div>
  );
}
