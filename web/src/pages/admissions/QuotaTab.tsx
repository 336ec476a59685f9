// 名额分配: the key high school's places shared among the junior schools (quota v1), and, when a 中考 exam is named,
// the admission within each school's quota down to the lowered control line. Every run is a new version.
import { useMemo, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { API, call, type ResponseOf } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan, yearLabel } from '../../session.js';
import { useI18n } from '../../i18n.js';
import { ErrorResult } from '../../components/Problem.js';
import type { AdmT } from './i18n.js';

type Plan = ResponseOf<typeof API.admissions.quotaGet>['plan'];

export function QuotaTab({ t }: { t: AdmT }) {
  const can = useCan();
  const { lang } = useI18n();
  const plans = useCall(API.admissions.quotaList, {});
  const [chosen, setChosen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = plans.data?.plans ?? [];
  const plan = list.find((p) => p.id === chosen) ?? list[0] ?? null;
  if (plans.error) return <ErrorResult error={plans.error} onRetry={plans.reload} />;
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 320 }}
          value={plan?.id}
          onChange={setChosen}
          placeholder={t('q.none')}
          options={list.map((p) => ({ value: p.id, label: `${yearLabel(p.year, lang)} · ${p.highSchool} · v${p.version}` }))}
          data-testid="quota-pick"
        />
        {can('admissions.manage') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="quota-create">
            {t('q.create')}
          </Button>
        )}
      </Space>
      {plan && <PlanView plan={plan} t={t} />}
      {!plan && !plans.loading && <Typography.Text type="secondary">{t('q.none')}</Typography.Text>}
      {creating && (
        <CreatePlan
          t={t}
          last={plan}
          onClose={() => setCreating(false)}
          onDone={(p) => {
            setCreating(false);
            plans.reload();
            setChosen(p.id);
          }}
        />
      )}
    </div>
  );
}

function PlanView({ plan, t }: { plan: Plan; t: AdmT }) {
  const admission = useMemo(() => new Map((plan.admission ?? []).map((a) => [a.schoolCode, a])), [plan]);
  const rows = plan.allocations.map((a) => ({ ...a, adm: admission.get(a.schoolCode) ?? null }));
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('q.params', { places: plan.places, min: plan.minPerSchool, w: plan.ruralWeight, rural: plan.ruralLocations.join('、'), method: plan.method })}
        {plan.examName && ` ${t('q.examParams', { exam: plan.examName, line: plan.controlLine ?? '—', tie: plan.tieSubjects.join('、') || '—' })}`}
      </Typography.Paragraph>
      <Table
        rowKey="schoolCode"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 800 }}
        data-testid="quota-table"
        summary={() =>
          plan.returned !== null ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}>
                {t('q.returned', { n: plan.returned })}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          { title: t('col.school'), key: 's', render: (r: (typeof rows)[number]) => r.schoolName ?? r.schoolCode },
          { title: t('q.graduates'), dataIndex: 'graduates', align: 'right' },
          { title: t('q.rural'), dataIndex: 'rural', render: (v: boolean) => (v ? <Tag color="green">{t('q.ruralYes')}</Tag> : '') },
          { title: t('q.places'), key: 'p', align: 'right', render: (r: (typeof rows)[number]) => (r.capped ? `${r.places}（${t('q.capped')}）` : r.places) },
          ...(plan.admission
            ? [
                { title: t('q.eligible'), key: 'e', align: 'right' as const, render: (r: (typeof rows)[number]) => r.adm?.eligible ?? 0 },
                {
                  title: t('q.admitted'),
                  key: 'a',
                  align: 'right' as const,
                  render: (r: (typeof rows)[number]) => (r.adm ? `${r.adm.admitted}${r.adm.tiedBeyond ? `（${t('q.tied', { n: r.adm.tiedBeyond })}）` : ''}` : 0),
                },
                { title: t('q.line'), key: 'l', align: 'right' as const, render: (r: (typeof rows)[number]) => r.adm?.lowestAdmitted ?? '—' },
                { title: t('q.unfilled'), key: 'u', align: 'right' as const, render: (r: (typeof rows)[number]) => r.adm?.unfilled ?? r.places },
              ]
            : []),
        ]}
      />
    </>
  );
}

function CreatePlan({ t, last, onClose, onDone }: { t: AdmT; last: Plan | null; onClose: () => void; onDone: (p: Plan) => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const exams = useCall(API.exams.list, {});
  const examId = Form.useWatch('examId', form) as number | undefined;
  const exam = (exams.data?.exams ?? []).find((e) => e.id === examId);
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    try {
      const r = await call(API.admissions.quotaCreate, { body: v as never });
      message.success(t('q.done', { v: r.plan.version }));
      onDone(r.plan);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('q.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} width={600} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year: last?.year ?? new Date().getFullYear(),
          highSchool: last?.highSchool ?? '',
          places: last?.places,
          minPerSchool: last?.minPerSchool ?? 0,
          ruralWeight: last?.ruralWeight ?? '1',
          ruralLocations: last?.ruralLocations ?? ['乡村'],
          tieSubjects: [],
        }}
      >
        <Space wrap>
          <Form.Item name="year" label={t('f.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="highSchool" label={t('q.highSchool')} rules={[{ required: true, max: 100 }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="places" label={t('q.totalPlaces')} rules={[{ required: true, type: 'integer', min: 1 }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="minPerSchool" label={t('q.min')} rules={[{ required: true, type: 'integer', min: 0 }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="ruralWeight" label={t('q.weight')} rules={[{ required: true, pattern: /^\d+(\.\d+)?$/, message: t('q.weightRule') }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="ruralLocations" label={t('q.ruralAre')}>
            <Select mode="multiple" style={{ minWidth: 160 }} options={['城区', '镇区', '乡村'].map((x) => ({ value: x, label: x }))} />
          </Form.Item>
        </Space>
        <Form.Item name="examId" label={t('q.exam')}>
          <Select allowClear options={(exams.data?.exams ?? []).filter((e) => e.grade === 9).map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        {examId && (
          <Space wrap>
            <Form.Item name="controlLine" label={t('q.controlLine')} rules={[{ required: true }]}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="tieSubjects" label={t('q.tieSubjects')}>
              <Select mode="multiple" style={{ minWidth: 240 }} options={(exam?.subjects ?? []).map((s) => ({ value: s.subject, label: s.subject }))} />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
