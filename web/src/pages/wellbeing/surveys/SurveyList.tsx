// /surveys — the satisfaction surveys of the district (满意度调查, 社会认可度): year, title, respondents, status and
// responses against the sample target; the bureau creates a survey here from a ready template (students, parents,
// teachers) or from a version of a questionnaire of its own.
import { useMemo, useState } from 'react';
import { App, Alert, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Typography, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { API, call } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { useCan } from '../../../session.js';
import { useYear } from '../../../year.js';
import { useI18n } from '../../../i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { Survey } from '../../../../../src/wellbeing/surveys/contract.js';
import { useSvT, type SvT } from './i18n.js';
import { audienceName, SurveyStatusTag, type Lang } from './shared.js';

export default function SurveyList() {
  const t = useSvT();
  const { lang } = useI18n();
  const can = useCan();
  const manage = can('surveys.manage');
  const [year, setYear] = useState<number | undefined>(undefined);
  const list = useCall(API.surveys.list, { query: { year } });
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const years = list.data?.years ?? [];

  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const target = (s: Survey) => s.target;
  const hasTarget = (list.data?.surveys ?? []).some((s) => target(s) !== null);
  const columns = [
    { title: t('col.year'), dataIndex: 'year', width: 80 },
    {
      title: t('col.title'),
      key: 'title',
      render: (s: Survey) => (
        <Link to={`/surveys/${s.id}`} data-testid={`survey-link-${s.id}`}>
          {s.title}
        </Link>
      ),
    },
    { title: t('col.audience'), key: 'aud', width: 110, render: (s: Survey) => audienceName(s.audience, lang) },
    { title: t('col.status'), key: 'status', width: 110, render: (s: Survey) => <SurveyStatusTag status={s.status} t={t} /> },
    {
      // Against the plan's sample size when the list carries it, else against the valid codes issued.
      title: t(hasTarget ? 'col.responses' : 'col.responsesIssued'),
      key: 'responses',
      align: 'right' as const,
      width: 150,
      render: (s: Survey) => `${formatNumber(s.responses, 0)} / ${formatNumber(hasTarget ? target(s) : s.codesIssued - s.codesVoided, 0)}`,
    },
    {
      title: t('col.questionnaire'),
      key: 'q',
      responsive: ['md' as const],
      render: (s: Survey) => <Typography.Text type="secondary">{t('versionOf', { title: s.questionnaireTitle, v: s.questionnaireVersion })}</Typography.Text>,
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Space wrap>
            {years.length > 0 && (
              <Select
                value={year ?? 0}
                onChange={(y: number) => setYear(y || undefined)}
                options={[{ value: 0, label: t('allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]}
                style={{ width: 120 }}
                data-testid="surveys-year"
              />
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="survey-create">
                {t('create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Table<Survey>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.surveys ?? []}
          columns={columns}
          locale={{ emptyText: t('empty') }}
          pagination={false}
          scroll={{ x: 640 }}
          data-testid="surveys-table"
        />
      </Card>
      {creating && (
        <CreateModal
          t={t}
          lang={lang}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/surveys/${id}`);
          }}
        />
      )}
    </div>
  );
}

interface CreateForm {
  source: 'template' | 'existing';
  template?: string;
  questionnaireKey?: string;
  questionnaireVersion?: number;
  title: string;
  year: number;
}

/** A key for a questionnaire copied from a template: template id, year and four random characters (keys are unique per district). */
function newKey(template: string, year: number): string {
  const rnd = Math.random().toString(36).slice(2, 6).padEnd(4, '0');
  return `${template}-${year}-${rnd}`
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 40);
}

function CreateModal({ t, lang, onClose, onCreated }: { t: SvT; lang: Lang; onClose: () => void; onCreated: (id: number) => void }) {
  const [form] = Form.useForm<CreateForm>();
  const { message } = App.useApp();
  // The school year the app looks at: its registry enrolments are the sampling plan's populations.
  const { year: appYear } = useYear();
  const [busy, setBusy] = useState(false);
  const templates = useCall(API.surveys.templates, {});
  const questionnaires = useCall(API.surveys.questionnaires, {});
  const source = Form.useWatch('source', form) ?? 'template';
  const qKey = Form.useWatch('questionnaireKey', form);
  const tpl = templates.data?.templates ?? [];
  const qs = questionnaires.data?.questionnaires ?? [];
  const picked = qs.find((q) => q.key === qKey);
  const versions = useMemo(() => [...(picked?.versions ?? [])].sort((a, b) => b.version - a.version), [picked]);

  // A title from the questionnaire and the year, until the user types one.
  const [titleTouched, setTitleTouched] = useState(false);
  const suggest = (values: Partial<CreateForm>) => {
    if (titleTouched) return;
    const y = values.year ?? form.getFieldValue('year');
    const src = values.source ?? form.getFieldValue('source');
    const title =
      src === 'template'
        ? tpl.find((x) => x.id === (values.template ?? form.getFieldValue('template')))?.title
        : qs.find((q) => q.key === (values.questionnaireKey ?? form.getFieldValue('questionnaireKey')))?.title;
    if (title) form.setFieldValue('title', `${y}年${title.replace(/^\d{4}年/, '')}`);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      let key = v.questionnaireKey ?? '';
      let version = v.questionnaireVersion;
      if (v.source === 'template') {
        const q = await call(API.surveys.questionnaireCreate, { body: { key: newKey(v.template ?? 'survey', v.year), template: v.template } });
        key = q.key;
        version = q.version;
      }
      const s = await call(API.surveys.create, { body: { year: v.year, title: v.title, questionnaireKey: key, questionnaireVersion: version } });
      message.success(t('created'));
      onCreated(s.id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} width={680} destroyOnHidden okButtonProps={{ 'data-testid': 'survey-create-ok' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'template', year: appYear }}
        onValuesChange={(changed: Partial<CreateForm>) => {
          if ('title' in changed) setTitleTouched(true);
          else suggest(changed);
        }}
      >
        <Form.Item name="source" label={t('c.source')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'template', label: t('c.fromTemplate') },
              { value: 'existing', label: t('c.fromExisting'), disabled: qs.length === 0 },
            ]}
            data-testid="survey-source"
          />
        </Form.Item>
        {source === 'template' ? (
          <>
            <Form.Item name="template" label={t('c.template')} rules={[{ required: true }]}>
              <Radio.Group style={{ width: '100%' }} data-testid="survey-template">
                <Space direction="vertical" style={{ width: '100%' }}>
                  {tpl.map((x) => (
                    <Radio key={x.id} value={x.id} data-testid={`survey-template-${x.id}`}>
                      <Space direction="vertical" size={0}>
                        <span>
                          <strong>{audienceName(x.audience, lang)}</strong> · {lang === 'en' && x.titleEn ? x.titleEn : x.title}
                        </span>
                        <Typography.Text type="secondary">
                          {t('c.templateInfo', { n: x.questions.length, c: x.questions.filter((q) => q.counts).length })} · {x.id}@{x.version}
                        </Typography.Text>
                      </Space>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('c.note')}</Typography.Paragraph>
          </>
        ) : qs.length === 0 ? (
          <Alert type="info" message={t('c.noQuestionnaires')} style={{ marginBottom: 16 }} />
        ) : (
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="questionnaireKey" label={t('c.questionnaire')} rules={[{ required: true }]}>
              <Select
                style={{ width: 360, maxWidth: '100%' }}
                showSearch
                optionFilterProp="label"
                options={qs.map((q) => ({ value: q.key, label: `${q.title}（${audienceName(q.audience, lang)} · ${q.key}）` }))}
                onChange={(k: string) => form.setFieldValue('questionnaireVersion', qs.find((q) => q.key === k)?.latestVersion)}
              />
            </Form.Item>
            <Form.Item name="questionnaireVersion" label={t('c.version')} rules={[{ required: true }]}>
              <Select style={{ width: 230 }} options={versions.map((v) => ({ value: v.version, label: t('c.versionLabel', { v: v.version, n: v.questionCount, date: v.createdAt.slice(0, 10) }) }))} />
            </Form.Item>
          </Space>
        )}
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="title" label={t('c.title')} rules={[{ required: true, max: 100 }]} style={{ minWidth: 360 }}>
            <Input data-testid="survey-title" />
          </Form.Item>
          <Form.Item name="year" label={t('c.year')} rules={[{ required: true }]}>
            <InputNumber min={1990} max={2100} precision={0} data-testid="survey-year" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
