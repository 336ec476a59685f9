// /admissions — the draws of the district (电脑派位) with the 公民同招 report by stage; the bureau creates draws here.
import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { API, call } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { useAdmT, type AdmT } from './i18n.js';
import { StatusTag, type Draw } from './shared.js';
import { QuotaTab } from './QuotaTab.js';
import { DRAW_METHODS, DRAW_STAGES } from '../../../../src/admissions/contract.js';

export default function DrawListPage() {
  const t = useAdmT();
  const can = useCan();
  const manage = can('admissions.manage');
  const draws = useCall(API.admissions.list, {});
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const years = useMemo(() => [...new Set((draws.data?.draws ?? []).map((d) => d.year))].sort((a, b) => b - a), [draws.data]);
  const [year, setYear] = useState<number | null>(null);
  const shownYear = year ?? years[0] ?? new Date().getFullYear();

  if (draws.error) return <ErrorResult error={draws.error} onRetry={draws.reload} />;
  const columns = [
    { title: t('col.code'), dataIndex: 'code', render: (c: string) => <Link to={`/admissions/${encodeURIComponent(c)}`}>{c}</Link> },
    { title: t('col.name'), dataIndex: 'name' },
    { title: t('col.year'), dataIndex: 'year', width: 80 },
    { title: t('col.stage'), dataIndex: 'stage', width: 80, render: (s: Draw['stage']) => t(`stage.${s}`) },
    { title: t('col.method'), dataIndex: 'method', width: 100, render: (m: Draw['method']) => t(`method.${m}`) },
    {
      title: t('col.school'),
      key: 'school',
      render: (d: Draw) => (d.schoolName ?? d.catchment ?? d.capacities?.map((c) => c.schoolName ?? c.schoolCode).join('、')) || '—',
    },
    { title: t('col.seats'), key: 'seats', align: 'right' as const, width: 80, render: (d: Draw) => d.seats ?? d.capacities?.reduce((s, c) => s + c.seats, 0) ?? '—' },
    { title: t('col.applicants'), dataIndex: 'applicants', align: 'right' as const, width: 90 },
    { title: t('col.status'), dataIndex: 'status', width: 120, render: (s: Draw['status']) => <StatusTag status={s} t={t} /> },
  ];
  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Space wrap>
            <Link to="/verify" target="_blank">
              <Button icon={<SafetyCertificateOutlined />}>{t('verifyLink')}</Button>
            </Link>
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="draw-create">
                {t('create')}
              </Button>
            )}
          </Space>
        }
      />
      <Tabs
        items={[
          {
            key: 'draws',
            label: t('draws'),
            children: (
              <Card>
                <Table
                  rowKey="code"
                  size="middle"
                  loading={draws.loading}
                  dataSource={draws.data?.draws ?? []}
                  columns={columns}
                  locale={{ emptyText: t('empty') }}
                  pagination={false}
                  scroll={{ x: 900 }}
                />
              </Card>
            ),
          },
          {
            key: 'quota',
            label: t('quota'),
            children: (
              <Card>
                <QuotaTab t={t} />
              </Card>
            ),
          },
          {
            key: 'report',
            label: t('report'),
            children: (
              <Card extra={<Select value={shownYear} onChange={setYear} options={(years.length ? years : [shownYear]).map((y) => ({ value: y, label: y }))} style={{ width: 110 }} />}>
                <StageReport year={shownYear} t={t} />
              </Card>
            ),
          },
        ]}
      />
      {creating && (
        <CreateDrawModal
          t={t}
          onClose={() => setCreating(false)}
          onCreated={(code) => {
            setCreating(false);
            void navigate(`/admissions/${encodeURIComponent(code)}`);
          }}
        />
      )}
    </div>
  );
}

function StageReport({ year, t }: { year: number; t: AdmT }) {
  const r = useCall(API.admissions.stageReport, { query: { year } });
  if (r.error) return <ErrorResult error={r.error} onRetry={r.reload} />;
  const rows = r.data?.rows ?? [];
  return (
    <>
      <Table
        rowKey={(x) => `${x.drawCode}/${x.schoolCode}`}
        size="small"
        loading={r.loading}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 800 }}
        columns={[
          { title: t('col.stage'), dataIndex: 'stage', width: 70, render: (s: Draw['stage']) => t(`stage.${s}`) },
          { title: t('col.name'), dataIndex: 'drawName' },
          { title: t('col.school'), key: 's', render: (x: (typeof rows)[number]) => x.schoolName ?? x.schoolCode },
          { title: t('col.seats'), dataIndex: 'seats', align: 'right' },
          { title: t('rep.applied'), dataIndex: 'applied', align: 'right' },
          { title: t('rep.firstChoice'), dataIndex: 'firstChoice', align: 'right' },
          { title: t('rep.admitted'), dataIndex: 'admitted', align: 'right' },
          { title: t('rep.waiting'), dataIndex: 'waiting', align: 'right' },
          { title: t('col.status'), dataIndex: 'status', render: (s: Draw['status']) => <StatusTag status={s} t={t} /> },
        ]}
      />
      {(r.data?.unplaced ?? []).map((u) => (
        <Typography.Paragraph key={u.drawCode} type={u.count ? 'warning' : 'secondary'} style={{ marginTop: 8 }}>
          {t('rep.unplaced', { name: u.drawName, n: u.count })}
        </Typography.Paragraph>
      ))}
    </>
  );
}

interface CreateForm {
  code: string;
  name: string;
  year: number;
  method: Draw['method'];
  stage: Draw['stage'];
  schoolCode?: string;
  seats?: number;
  catchment?: string;
  capacities?: { schoolCode: string; seats: number }[];
  priorityRules?: string;
  drawDate?: { format: (f: string) => string } | null;
  corrects?: string;
}

function CreateDrawModal({ t, onClose, onCreated }: { t: AdmT; onClose: () => void; onCreated: (code: string) => void }) {
  const [form] = Form.useForm<CreateForm>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const schools = useCall(API.registry.listSchools, {});
  const draws = useCall(API.admissions.list, {});
  const method = Form.useWatch('method', form) ?? 'junheng-lottery-v1';
  const schoolOptions = (schools.data?.schools ?? []).map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }));
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const lottery = v.method === 'junheng-lottery-v1';
      const r = await call(API.admissions.create, {
        body: {
          code: v.code,
          name: v.name,
          year: v.year,
          method: v.method,
          stage: v.stage,
          schoolCode: lottery ? v.schoolCode : null,
          seats: lottery ? v.seats : null,
          catchment: lottery ? null : (v.catchment ?? null),
          capacities: lottery ? null : (v.capacities ?? []),
          priorityRules: v.priorityRules ?? null,
          drawDate: v.drawDate ? v.drawDate.format('YYYY-MM-DD') : null,
          corrects: v.corrects || null,
        },
      });
      message.success(t('created'));
      onCreated(r.draw.code);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), method: 'junheng-lottery-v1', stage: 'private', capacities: [{}] }}>
        <Form.Item name="code" label={t('f.code')} rules={[{ required: true, max: 60 }]}>
          <Input placeholder="2026-民办-01" data-testid="draw-code" />
        </Form.Item>
        <Form.Item name="name" label={t('f.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="draw-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label={t('f.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="method" label={t('f.method')}>
            <Select style={{ width: 140 }} options={DRAW_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
          </Form.Item>
          <Form.Item name="stage" label={t('f.stage')}>
            <Select style={{ width: 110 }} options={DRAW_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
          </Form.Item>
          <Form.Item name="drawDate" label={t('f.drawDate')}>
            <DatePicker />
          </Form.Item>
        </Space>
        {method === 'junheng-lottery-v1' ? (
          <Space wrap>
            <Form.Item name="schoolCode" label={t('f.school')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" style={{ width: 320 }} options={schoolOptions} data-testid="draw-school" />
            </Form.Item>
            <Form.Item name="seats" label={t('f.seats')} rules={[{ required: true, type: 'integer', min: 1 }]}>
              <InputNumber min={1} precision={0} data-testid="draw-seats" />
            </Form.Item>
          </Space>
        ) : (
          <>
            <Form.Item name="catchment" label={t('f.catchment')}>
              <Input />
            </Form.Item>
            <Form.Item label={t('f.capacities')} required>
              <Form.List name="capacities">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'schoolCode']} rules={[{ required: true }]}>
                          <Select showSearch optionFilterProp="label" style={{ width: 320 }} options={schoolOptions} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'seats']} rules={[{ required: true, type: 'integer', min: 1 }]}>
                          <InputNumber min={1} precision={0} placeholder={t('f.seats')} />
                        </Form.Item>
                        <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                      {t('f.addSchool')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
          </>
        )}
        <Form.Item name="priorityRules" label={t('f.priorityRules')}>
          <Input.TextArea rows={2} placeholder={t('f.priorityPh')} />
        </Form.Item>
        <Form.Item name="corrects" label={t('f.corrects')}>
          <Select allowClear options={(draws.data?.draws ?? []).filter((d) => d.status !== 'draft').map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
