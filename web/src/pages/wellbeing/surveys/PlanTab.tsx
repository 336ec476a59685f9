// The sampling-plan tab: confidence, margin of error and the expected response rate → per school the population N
// (from the registry, or typed), the sample size n and the codes to issue, with the district totals; the method is
// named with its version. Compute previews; save stores the plan on the survey.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, SaveOutlined } from '@ant-design/icons';
import { API, call } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { fmtTime, useMe } from '../../../session.js';
import { districtTerm } from '../../../../../src/core/district-term.js';
import { useI18n } from '../../../i18n.js';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import { CONFIDENCE_LEVELS, type Plan, type PlanSchool, type Survey } from '../../../../../src/wellbeing/surveys/contract.js';
import type { SvT } from './i18n.js';

interface Params {
  confidencePercent: 90 | 95 | 99;
  marginPercent: number;
  responseRatePercent: number;
}

export function PlanTab({ t, survey, plan, onSaved }: { t: SvT; survey: Survey; plan: Plan | null; onSaved: () => void }) {
  const { message } = App.useApp();
  const closed = survey.status === 'closed';
  const defaults = useCall(API.surveys.planDefaults, closed ? null : { params: { id: survey.id } });
  const [form] = Form.useForm<Params>();
  const [preview, setPreview] = useState<Plan | null>(null);
  const [overrides, setOverrides] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [editN, setEditN] = useState(false);
  const shown = preview ?? plan;

  const input = async () => {
    const v = await form.validateFields();
    const schools = Object.keys(overrides).length
      ? (defaults.data?.schools ?? []).map((s) => ({ schoolCode: s.schoolCode, population: overrides[s.schoolCode] ?? null }))
      : (plan?.schools.filter((s) => s.populationSource === 'typed').length ?? 0) > 0
        ? plan!.schools.map((s) => ({ schoolCode: s.schoolCode, population: s.populationSource === 'typed' ? s.population : null }))
        : undefined;
    return { ...v, schools };
  };
  const run = async (kind: 'preview' | 'save') => {
    const body = await input();
    setBusy(kind);
    try {
      if (kind === 'preview') setPreview(await call(API.surveys.planPreview, { params: { id: survey.id }, body }));
      else {
        await call(API.surveys.planSave, { params: { id: survey.id }, body });
        setPreview(null);
        setOverrides({});
        setEditN(false);
        message.success(t('p.saved'));
        onSaved();
      }
    } finally {
      setBusy(null);
    }
  };

  const initial: Params = {
    confidencePercent: (plan?.confidencePercent ?? defaults.data?.confidencePercent ?? 95) as Params['confidencePercent'],
    marginPercent: plan?.marginPercent ?? defaults.data?.marginPercent ?? 5,
    responseRatePercent: plan?.responseRatePercent ?? defaults.data?.responseRatePercent ?? 100,
  };

  return (
    <Card>
      {closed ? (
        <Alert type="info" showIcon message={t('p.closedNote')} style={{ marginBottom: 12 }} />
      ) : (
        (defaults.data || plan) && (
          <Form key={`${plan?.computedAt ?? ''}|${defaults.data ? 1 : 0}`} form={form} layout="inline" initialValues={initial} style={{ marginBottom: 12, rowGap: 8 }}>
            <Form.Item name="confidencePercent" label={t('p.confidence')}>
              <Select style={{ width: 96 }} options={CONFIDENCE_LEVELS.map((c) => ({ value: c, label: `${c}%` }))} data-testid="plan-confidence" />
            </Form.Item>
            <Form.Item name="marginPercent" label={t('p.margin')} rules={[{ required: true, type: 'number', min: 1, max: 20 }]}>
              <InputNumber min={1} max={20} step={0.5} style={{ width: 90 }} data-testid="plan-margin" />
            </Form.Item>
            <Form.Item name="responseRatePercent" label={t('p.response')} rules={[{ required: true, type: 'number', min: 10, max: 100 }]}>
              <InputNumber min={10} max={100} step={5} style={{ width: 90 }} data-testid="plan-response" />
            </Form.Item>
            <Space wrap>
              <Button icon={<CalculatorOutlined />} loading={busy === 'preview'} onClick={() => void run('preview')} data-testid="plan-preview">
                {t('p.preview')}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void run('save')} data-testid="plan-save">
                {t('p.save')}
              </Button>
            </Space>
          </Form>
        )
      )}
      {preview && <Alert type="warning" showIcon message={t('p.unsaved')} style={{ marginBottom: 12 }} />}
      {shown && shown.district.population === 0 && <Alert type="warning" showIcon message={t('p.noPopulation', { y: shown.populationYear })} style={{ marginBottom: 12 }} />}
      {shown && !closed && !editN && (
        <Button size="small" style={{ marginBottom: 8 }} onClick={() => setEditN(true)} data-testid="plan-edit-n">
          {t('p.editN')}
        </Button>
      )}
      {editN && <Typography.Paragraph type="secondary">{t('p.editNHint')}</Typography.Paragraph>}
      {shown ? (
        <PlanView t={t} plan={shown} editable={editN} overrides={overrides} onOverride={(code, n) => setOverrides((o) => ({ ...o, [code]: n }))} />
      ) : (
        <Typography.Paragraph type="secondary">{t('p.none')}</Typography.Paragraph>
      )}
    </Card>
  );
}

function PlanView({ t, plan, editable, overrides, onOverride }: { t: SvT; plan: Plan; editable: boolean; overrides: Record<string, number>; onOverride: (code: string, n: number) => void }) {
  const { lang } = useI18n();
  const term = districtTerm(useMe().districtName);
  const rows: (PlanSchool & { key: string; total?: boolean })[] = [
    ...plan.schools.map((s) => ({ ...s, key: s.schoolCode })),
    {
      key: '*',
      total: true,
      schoolCode: '',
      schoolName: t('p.district', { d: lang === 'en' ? term.en : term.zh }),
      population: plan.district.population,
      populationSource: 'registry' as const,
      n0: 0,
      sampleSize: plan.district.sampleSize,
      codesToIssue: plan.district.codesToIssue,
      census: false,
      expectedResponses: plan.schools.reduce((a, s) => a + s.expectedResponses, 0),
      marginPercent: plan.district.marginPercent,
    },
  ];
  return (
    <div data-testid="plan-view">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('p.confidence')}>{formatPercent(plan.confidencePercent / 100, 0)}</Descriptions.Item>
        <Descriptions.Item label={t('p.margin')}>{formatNumber(plan.marginPercent, 1)}</Descriptions.Item>
        <Descriptions.Item label={t('p.response')}>{formatNumber(plan.responseRatePercent, 0)}</Descriptions.Item>
        <Descriptions.Item label={t('p.populationYear', { y: plan.populationYear })}>{t('p.computedAt', { t: fmtTime(plan.computedAt) })}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} data-testid="plan-method">
        {t('p.method', { id: plan.method.id, v: plan.method.version, source: plan.method.source })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('p.formula', { p: formatNumber(plan.p, 2), z: formatNumber(plan.z, 3) })}</Typography.Paragraph>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 720 }}
        rowClassName={(r) => (r.total ? 'jh-plan-total' : '')}
        columns={[
          { title: t('p.school'), key: 's', render: (r: (typeof rows)[number]) => (r.total ? <strong>{r.schoolName}</strong> : (r.schoolName ?? r.schoolCode)) },
          {
            title: t('p.N'),
            key: 'N',
            align: 'right' as const,
            render: (r: (typeof rows)[number]) =>
              r.total || !editable ? (
                <Space size={4}>
                  {formatNumber(r.population, 0)}
                  {r.populationSource === 'typed' && <Tag>{t('p.typed')}</Tag>}
                </Space>
              ) : (
                <InputNumber
                  size="small"
                  min={0}
                  max={1_000_000}
                  precision={0}
                  style={{ width: 100 }}
                  value={overrides[r.schoolCode] ?? r.population}
                  onChange={(v) => v !== null && onOverride(r.schoolCode, v)}
                  aria-label={`${t('p.N')} ${r.schoolName ?? r.schoolCode}`}
                />
              ),
          },
          { title: t('p.n'), key: 'n', align: 'right' as const, render: (r: (typeof rows)[number]) => (r.total ? <strong>{formatNumber(r.sampleSize, 0)}</strong> : formatNumber(r.sampleSize, 0)) },
          {
            title: t('p.codes'),
            key: 'codes',
            align: 'right' as const,
            render: (r: (typeof rows)[number]) => (
              <Flex gap={4} justify="end" align="center">
                {r.census && <Tag color="orange">{t('p.census')}</Tag>}
                {r.total ? <strong>{formatNumber(r.codesToIssue, 0)}</strong> : formatNumber(r.codesToIssue, 0)}
              </Flex>
            ),
          },
          { title: t('p.expected'), key: 'exp', align: 'right' as const, render: (r: (typeof rows)[number]) => formatNumber(r.expectedResponses, 0) },
          { title: t('p.achieved'), key: 'm', align: 'right' as const, render: (r: (typeof rows)[number]) => formatNumber(r.marginPercent, 1) },
        ]}
        data-testid="plan-table"
      />
    </div>
  );
}
