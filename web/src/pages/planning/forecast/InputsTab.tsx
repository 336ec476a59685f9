// 基础数据 (the bureau: planning.manage): each school's township and classroom stock edited in a table and saved
// together; the births table per township uploaded as a file (replacing the whole table; a refused file lists every
// bad cell); new housing projects added and deleted. Every change is audited by the server.
import { useMemo, useState } from 'react';
import { App, AutoComplete, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError, bilingual } from '../../../api.js';
import { API, call, upload } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { useLabels } from '../../../session.js';
import { ImportProblems, type ImportProblem } from '../../../components/ImportProblems.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { FORECAST_FIGURES, type ForecastInputs } from '../../../../../src/planning/forecast/contract.js';
import type { ForecastT } from './i18n.js';

type SchoolRow = ForecastInputs['schools'][number];
type Edit = { township: string | null; classrooms: number | null };

export function InputsTab({ t, onChanged }: { t: ForecastT; onChanged: () => void }) {
  const inputs = useCall(API.forecast.inputs, {});
  if (inputs.error) return <ErrorResult error={inputs.error} onRetry={inputs.reload} />;
  const data = inputs.data;
  const changed = () => (inputs.reload(), onChanged());
  return (
    <div>
      <SchoolsCard t={t} data={data} loading={inputs.loading} onSaved={(d) => (inputs.setData(d), onChanged())} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <BirthsCard t={t} data={data} onDone={changed} />
        </Col>
        <Col xs={24} xl={12}>
          <HousingCard t={t} data={data} onDone={changed} />
        </Col>
      </Row>
    </div>
  );
}

function SchoolsCard({ t, data, loading, onSaved }: { t: ForecastT; data: ForecastInputs | null; loading: boolean; onSaved: (d: ForecastInputs) => void }) {
  const { message } = App.useApp();
  const labels = useLabels();
  const [edits, setEdits] = useState<Map<string, Edit>>(new Map());
  const [busy, setBusy] = useState(false);
  const schools = useMemo(() => data?.schools ?? [], [data]);
  const townships = useMemo(() => [...new Set(schools.map((s) => s.township).filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')), [schools]);
  const valueOf = (s: SchoolRow): Edit => edits.get(s.code) ?? { township: s.township, classrooms: s.classrooms };
  const set = (s: SchoolRow, patch: Partial<Edit>) => {
    const next = { ...valueOf(s), ...patch };
    const m = new Map(edits);
    if ((next.township ?? null) === s.township && next.classrooms === s.classrooms) m.delete(s.code);
    else m.set(s.code, next);
    setEdits(m);
  };
  const save = async () => {
    if (!edits.size) return void message.info(t('nothingChanged'));
    setBusy(true);
    try {
      const d = await call(API.forecast.saveSchools, { body: { schools: [...edits].map(([schoolCode, e]) => ({ schoolCode, township: e.township?.trim() || null, classrooms: e.classrooms })) } });
      message.success(t('saved', { n: edits.size }));
      setEdits(new Map());
      onSaved(d);
    } catch {
      /* shown by the API client */
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('inputsSchools')}
      style={{ marginBottom: 12 }}
      extra={
        <Flex gap={8} align="center">
          {edits.size > 0 && <Typography.Text type="warning">{t('unsaved', { n: edits.size })}</Typography.Text>}
          <Button type="primary" icon={<SaveOutlined />} loading={busy} disabled={!edits.size} onClick={() => void save()} data-testid="forecast-inputs-save">
            {t('save')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('inputsSchoolsHelp')}
      </Typography.Paragraph>
      <Table<SchoolRow>
        size="small"
        rowKey="code"
        loading={loading}
        dataSource={schools}
        pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 760 }}
        data-testid="forecast-inputs-schools"
        columns={[
          {
            title: t('colSchool'),
            key: 'school',
            fixed: 'left' as const,
            width: 200,
            render: (_: unknown, s) => (
              <div>
                {s.name} {!s.isOpen && <Tag>{t('closed')}</Tag>}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.code} · {labels.level(s.level)} · {labels.location(s.location)}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('colTownship'),
            key: 'township',
            width: 180,
            render: (_: unknown, s) => (
              <AutoComplete
                value={valueOf(s).township ?? ''}
                options={townships.map((x) => ({ value: x }))}
                filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                onChange={(v: string) => set(s, { township: v === '' ? null : v })}
                style={{ width: 160 }}
                data-testid={`forecast-township-${s.code}`}
              />
            ),
          },
          {
            title: t('colClassrooms'),
            key: 'classrooms',
            width: 150,
            render: (_: unknown, s) => (
              <InputNumber
                min={0}
                max={10000}
                precision={0}
                value={valueOf(s).classrooms}
                placeholder={s.latestClasses !== null ? formatNumber(s.latestClasses, 0) : ''}
                onChange={(v) => set(s, { classrooms: v === null ? null : Number(v) })}
                style={{ width: 110 }}
                data-testid={`forecast-classrooms-${s.code}`}
              />
            ),
          },
          { title: t('colLatestClasses'), key: 'latest', align: 'right' as const, width: 90, render: (_: unknown, s) => formatNumber(s.latestClasses, 0) },
          {
            title: t('colUpdated'),
            key: 'updated',
            render: (_: unknown, s) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.updatedBy ?? ''} {s.updatedAt ? s.updatedAt.slice(0, 10) : ''}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

function BirthsCard({ t, data, onDone }: { t: ForecastT; data: ForecastInputs | null; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const births = data?.births ?? [];
  const years = [...new Set(births.map((b) => b.year))].sort((a, b) => a - b);
  const rows = [...new Set(births.map((b) => b.township))]
    .sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))
    .map((township) => ({
      township,
      byYear: new Map(births.filter((b) => b.township === township).map((b) => [b.year, b.births])),
    }));
  return (
    <Card size="small" title={t('birthsTitle')} style={{ marginBottom: 12 }} data-testid="forecast-births">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('birthsHelp')}
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        disabled={busy}
        customRequest={({ file }) =>
          void (async () => {
            setBusy(true);
            setProblems(null);
            setUnmatched([]);
            try {
              const f = file as File;
              const r = await upload(API.forecast.births, {}, f, f.name, { silent: true });
              message.success(t('birthsImported', { n: formatNumber(r.rows, 0), r: formatNumber(r.replaced, 0) }));
              setUnmatched(r.unmatched);
              onDone();
            } catch (e) {
              if (e instanceof ApiError && e.status === 422) setProblems(((e.body as { problems?: ImportProblem[] })?.problems ?? []).map((p) => ({ ...p, message: bilingual(p.message) })));
              else if (e instanceof ApiError) message.error(e.message);
            } finally {
              setBusy(false);
            }
          })()
        }
        data-testid="forecast-births-upload"
      >
        <p className="ant-upload-drag-icon">
          <CloudUploadOutlined />
        </p>
        <p>{t('birthsDrag')}</p>
      </Upload.Dragger>
      {problems && <ImportProblems problems={problems} title={t('birthsProblems', { n: problems.length })} labels={{ row: t('row'), column: t('column'), reason: t('reason') }} />}
      {unmatched.length > 0 && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
          {t('birthsUnmatched', { list: unmatched.join(t('listSep')) })}
        </Typography.Paragraph>
      )}
      {rows.length ? (
        <Table
          size="small"
          rowKey="township"
          style={{ marginTop: 12 }}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 100 + 64 * years.length }}
          columns={[
            { title: t('colTownshipBirths'), dataIndex: 'township', key: 'township', fixed: 'left' as const, width: 100 },
            ...years.map((y) => ({ title: String(y), key: String(y), align: 'right' as const, width: 64, render: (_: unknown, r: (typeof rows)[number]) => formatNumber(r.byYear.get(y) ?? null, 0) })),
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('birthsEmpty')} />
      )}
    </Card>
  );
}

interface HousingForm {
  schoolCode: string;
  name: string;
  units: number;
  childrenPerUnit: number;
  moveInYear: number;
}

function HousingCard({ t, data, onDone }: { t: ForecastT; data: ForecastInputs | null; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<HousingForm>();
  const [busy, setBusy] = useState(false);
  const schools = data?.schools ?? [];
  const name = new Map(schools.map((s) => [s.code, s.name]));
  const add = async (v: HousingForm) => {
    setBusy(true);
    try {
      await call(API.forecast.addHousing, { body: v });
      message.success(t('housingAdded'));
      form.resetFields(['name', 'units']);
      onDone();
    } catch {
      /* shown by the API client */
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: number) => {
    try {
      await call(API.forecast.deleteHousing, { params: { id } });
      message.success(t('housingRemoved'));
      onDone();
    } catch {
      /* shown by the API client */
    }
  };
  return (
    <Card size="small" title={t('housingTitle')} style={{ marginBottom: 12 }} data-testid="forecast-housing">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('housingHelp')}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        dataSource={data?.housing ?? []}
        pagination={false}
        scroll={{ x: 620 }}
        locale={{ emptyText: t('housingNone') }}
        columns={[
          { title: t('colHousingName'), dataIndex: 'name', key: 'name' },
          { title: t('colHousingSchool'), key: 'school', render: (_: unknown, h) => name.get(h.schoolCode) ?? h.schoolCode },
          { title: t('colUnits'), key: 'units', align: 'right' as const, render: (_: unknown, h) => formatNumber(h.units, 0) },
          { title: t('colPerUnit'), key: 'per', align: 'right' as const, render: (_: unknown, h) => formatNumber(h.childrenPerUnit, FORECAST_FIGURES.perUnit) },
          { title: t('colChildren'), key: 'children', align: 'right' as const, render: (_: unknown, h) => formatNumber(h.units * h.childrenPerUnit, 1) },
          { title: t('colMoveIn'), dataIndex: 'moveInYear', key: 'moveIn', align: 'right' as const },
          {
            title: '',
            key: 'remove',
            render: (_: unknown, h) => (
              <Popconfirm title={t('removeConfirm')} onConfirm={() => void remove(h.id)}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('remove')} data-testid={`forecast-housing-remove-${h.id}`} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form<HousingForm>
        form={form}
        layout="inline"
        style={{ marginTop: 12, rowGap: 8 }}
        initialValues={{ childrenPerUnit: 0.05, moveInYear: new Date().getFullYear() + 1 }}
        onFinish={(v) => void add(v)}
        data-testid="forecast-housing-form"
      >
        <Form.Item name="name" rules={[{ required: true, message: t('required') }]}>
          <Input placeholder={t('colHousingName')} style={{ width: 150 }} maxLength={100} />
        </Form.Item>
        <Form.Item name="schoolCode" rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch
            placeholder={t('colHousingSchool')}
            style={{ width: 180 }}
            optionFilterProp="label"
            options={schools.filter((s) => s.isOpen).map((s) => ({ value: s.code, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="units" rules={[{ required: true, message: t('required') }]}>
          <InputNumber min={1} max={1000000} precision={0} placeholder={t('colUnits')} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="childrenPerUnit" label={t('colPerUnit')} rules={[{ required: true, message: t('required') }]}>
          <InputNumber min={0} max={5} step={0.01} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="moveInYear" label={t('colMoveIn')} rules={[{ required: true, message: t('required') }]}>
          <InputNumber min={1990} max={2100} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('add')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
