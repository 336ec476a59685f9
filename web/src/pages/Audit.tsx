import { useCallback, useEffect, useMemo, useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined, DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { API, download } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { fmtTime, useLabels } from '../session.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult } from '../components/Problem.js';
import type { AuditRow } from '../types.js';

interface Filters {
  user?: string;
  entity?: string;
  action?: string;
  key?: string;
  from?: string;
  to?: string;
}

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  insert: 'green',
  update: 'blue',
  import: 'geekblue',
  submit: 'processing',
  approve: 'success',
  return: 'error',
  reopen: 'orange',
  delete: 'red',
  login: 'default',
  logout: 'default',
  'reset-password': 'purple',
  password: 'purple',
  read: 'cyan',
  export: 'magenta',
};

const ACTION_LABELS: Record<string, [string, string]> = {
  create: ['新建', 'create'],
  update: ['修改', 'update'],
  import: ['导入', 'import'],
  submit: ['提交', 'submit'],
  approve: ['审核通过', 'approve'],
  return: ['退回', 'return'],
  reopen: ['重新打开', 'reopen'],
  login: ['登录', 'sign in'],
  logout: ['退出', 'sign out'],
  login_failed: ['登录失败', 'failed sign-in'],
  change_password: ['修改密码', 'password changed'],
  reset_password: ['重置密码', 'password reset'],
  // Who viewed or exported pupil-level data (core/http/routes.ts records them after a successful answer).
  read: ['查看', 'view'],
  export: ['导出', 'export'],
};
/** The audited reads and exports: their rows carry the route in detail and the number of rows in rowCount. */
const READ_ACTIONS = new Set(['read', 'export']);
const ENTITY_LABELS: Record<string, [string, string]> = {
  school: ['学校', 'school'],
  stats: ['年度统计', 'statistics'],
  user: ['用户', 'user'],
  district: ['区县', 'district'],
  students: ['学生名单', 'student list'],
  student: ['学生成绩单', 'report card'],
  'school-report': ['学校报告', 'school report'],
  audit: ['操作日志', 'audit log'],
};
ACTION_COLORS.login_failed = 'warning';
ACTION_COLORS.change_password = 'purple';
ACTION_COLORS.reset_password = 'purple';

// A few common values so that the filter suggests something before any row was seen.
const KNOWN_ACTIONS = Object.keys(ACTION_LABELS);
const KNOWN_ENTITIES = Object.keys(ENTITY_LABELS);

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export default function AuditPage() {
  const { t, lang } = useI18n();
  const L = useLabels();
  const [form] = Form.useForm();
  const word = useCallback((dict: Record<string, [string, string]>, v: string) => (dict[v] ? dict[v][lang === 'en' ? 1 : 0] : v), [lang]);
  /** Readable name of an audited field: a statistic, a grade's students, a class, a registry field. */
  const fieldName = useCallback(
    (f: string): string | null => {
      if (L.field(f)) return L.fieldLabel(f);
      let m = /^students\.(\d+)$/.exec(f);
      if (m) return `${L.grade(Number(m[1]))} · ${t('school.gradeStudents')}`;
      m = /^class\.(\d+)\.(\d+)$/.exec(f);
      if (m) return `${L.grade(Number(m[1]))} · ${t('form.classN', { n: m[2] })}`;
      if (f === 'status') return t('review.status');
      const k = `school.field.${f}`;
      const label = t(k as Parameters<typeof t>[0]);
      return label !== k ? label : null;
    },
    [L, t],
  );
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [seen, setSeen] = useState<{ actions: Set<string>; entities: Set<string>; users: Set<string> }>(() => ({
    actions: new Set(KNOWN_ACTIONS),
    entities: new Set(KNOWN_ENTITIES),
    users: new Set(),
  }));
  const [exporting, setExporting] = useState(false);
  const { data, loading, error, reload } = useCall(API.audit.list, { query: { ...filters, page, pageSize } }, { silent: true });

  useEffect(() => {
    if (!data?.rows.length) return;
    setSeen((s) => ({
      actions: new Set([...s.actions, ...data.rows.map((r) => r.action)]),
      entities: new Set([...s.entities, ...data.rows.map((r) => r.entity)]),
      users: new Set([...s.users, ...data.rows.map((r) => r.username)]),
    }));
  }, [data]);

  const opts = (s: Set<string>, dict?: Record<string, [string, string]>) =>
    [...s]
      .filter(Boolean)
      .sort()
      .map((v) => ({ value: v, label: dict?.[v] ? `${word(dict, v)} · ${v}` : v }));
  const apply = (v: { user?: string; entity?: string; action?: string; key?: string; dates?: [Dayjs | null, Dayjs | null] | null }) => {
    setPage(1);
    setFilters({
      user: v.user?.trim() || undefined,
      entity: v.entity?.trim() || undefined,
      action: v.action?.trim() || undefined,
      key: v.key?.trim() || undefined,
      from: v.dates?.[0]?.format('YYYY-MM-DD'),
      to: v.dates?.[1]?.format('YYYY-MM-DD'),
    });
  };

  const columns = useMemo(
    () => [
      { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => <span className="jh-num">{fmtTime(v)}</span> },
      { title: t('audit.user'), dataIndex: 'username', width: 120 },
      { title: t('audit.action'), dataIndex: 'action', width: 110, render: (a: string) => <Tag color={ACTION_COLORS[a] ?? 'default'}>{word(ACTION_LABELS, a)}</Tag> },
      { title: t('audit.entity'), dataIndex: 'entity', width: 110, render: (e: string) => word(ENTITY_LABELS, e) },
      { title: t('audit.key'), dataIndex: 'entityKey', width: 170, render: (v: string) => <span className="jh-num">{v}</span> },
      {
        title: t('audit.field'),
        dataIndex: 'field',
        width: 200,
        render: (f: string | null) =>
          f ? (
            fieldName(f) ? (
              <Tooltip title={f}>
                <span>{fieldName(f)}</span>
              </Tooltip>
            ) : (
              <code>{f}</code>
            )
          ) : (
            <span className="jh-muted">—</span>
          ),
      },
      {
        title: t('audit.change'),
        key: 'change',
        render: (_: unknown, r: AuditRow) =>
          READ_ACTIONS.has(r.action) ? (
            <Flex gap={8} align="center" wrap>
              {r.rowCount != null && (
                <span className="jh-num" data-testid="audit-row-count">
                  {lang === 'en' ? `${r.rowCount} rows` : `${r.rowCount} 行`}
                </span>
              )}
              {r.detail && (
                <Typography.Text type="secondary" ellipsis={{ tooltip: r.detail }} style={{ maxWidth: 360 }}>
                  <code>{r.detail}</code>
                </Typography.Text>
              )}
            </Flex>
          ) : r.field === 'status' ? (
            <Flex gap={8} align="center" wrap>
              <span className="jh-old-value">{L.status(r.oldValue as never)}</span>
              <ArrowRightOutlined className="jh-muted" style={{ fontSize: 11 }} />
              <span className="jh-new-value">{L.status(r.newValue as never)}</span>
              {r.detail && <Typography.Text type="secondary">「{r.detail}」</Typography.Text>}
            </Flex>
          ) : r.field || r.oldValue != null || r.newValue != null ? (
            <Flex gap={8} align="center" wrap>
              <Typography.Text className="jh-old-value" ellipsis={{ tooltip: show(r.oldValue) }} style={{ maxWidth: 220 }}>
                {show(r.oldValue)}
              </Typography.Text>
              <ArrowRightOutlined className="jh-muted" style={{ fontSize: 11 }} />
              <Typography.Text className="jh-new-value" ellipsis={{ tooltip: show(r.newValue) }} style={{ maxWidth: 220 }}>
                {show(r.newValue)}
              </Typography.Text>
            </Flex>
          ) : r.detail ? (
            <Typography.Text type="secondary" ellipsis={{ tooltip: r.detail }} style={{ maxWidth: 440 }}>
              {r.detail}
            </Typography.Text>
          ) : (
            <span className="jh-muted">—</span>
          ),
      },
    ],
    [t, L, lang, word, fieldName],
  );

  if (error) return <ErrorResult error={error} onRetry={reload} />;

  return (
    <div>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={exporting}
              data-testid="audit-export"
              onClick={async () => {
                setExporting(true);
                try {
                  await download(API.audit.export, { query: filters }, 'junheng-audit.xlsx');
                } catch {
                  /* shown */
                } finally {
                  setExporting(false);
                }
              }}
            >
              {t('audit.export')}
            </Button>
          </>
        }
      />
      <Card variant="borderless">
        <Form form={form} layout="inline" className="jh-filter-bar" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="user">
            <AutoComplete options={opts(seen.users)} placeholder={t('audit.user')} style={{ width: 140 }} allowClear filterOption />
          </Form.Item>
          <Form.Item name="action">
            <Select
              data-testid="audit-action-filter"
              options={[...seen.actions].filter(Boolean).map((v) => ({ value: v, label: word(ACTION_LABELS, v) }))}
              placeholder={t('audit.action')}
              style={{ width: 130 }}
              allowClear
              showSearch
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="entity">
            <AutoComplete options={opts(seen.entities, ENTITY_LABELS)} placeholder={t('audit.entity')} style={{ width: 130 }} allowClear filterOption />
          </Form.Item>
          <Form.Item name="key">
            <Input placeholder={t('audit.keyPh')} style={{ width: 170 }} allowClear />
          </Form.Item>
          <Form.Item name="dates">
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.rows ?? []}
          columns={columns}
          scroll={{ x: 1100 }}
          locale={{ emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.items', { n }),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      </Card>
    </div>
  );
}
