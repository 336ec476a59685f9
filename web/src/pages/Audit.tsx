import { useCallback, useEffect, useMemo, useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { API, download } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { fmtTime } from '../session.js';
import { PageHeader } from '../components/PageHeader.js';
import { DownloadButton } from '../components/DownloadButton.js';
import { ErrorResult } from '../components/Problem.js';
import type { AuditRow } from '../types.js';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditField, auditValue, registerAuditFields } from '../../../src/core/audit/labels.js';
import { registryAuditFields } from '../../../src/registry/audit-labels.js';

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

// Actions, entities and fields by their names, and values written out: the same labels as the audit export
// (src/core/audit/labels.ts; the registry's fields from src/registry/audit-labels.ts).
registerAuditFields(registryAuditFields);
const ACTION_LABELS: Record<string, [string, string]> = Object.fromEntries(Object.entries(AUDIT_ACTIONS).map(([k, v]) => [k, [v.zh, v.en]]));
/** The audited reads and exports: their rows carry the route in detail and the number of rows in rowCount. */
const READ_ACTIONS = new Set(['read', 'export']);
const ENTITY_LABELS: Record<string, [string, string]> = Object.fromEntries(Object.entries(AUDIT_ENTITIES).map(([k, v]) => [k, [v.zh, v.en]]));
ACTION_COLORS.login_failed = 'warning';
ACTION_COLORS.change_password = 'purple';
ACTION_COLORS.reset_password = 'purple';

// A few common values so that the filter suggests something before any row was seen.
const KNOWN_ACTIONS = Object.keys(ACTION_LABELS);
const KNOWN_ENTITIES = Object.keys(ENTITY_LABELS);

export default function AuditPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const word = useCallback((dict: Record<string, [string, string]>, v: string) => (dict[v] ? dict[v][lang === 'en' ? 1 : 0] : v), [lang]);
  /** Readable name of an audited field (a statistic, a grade's students, a class, a card field), or null when unnamed. */
  const fieldName = useCallback((entity: string, f: string): string | null => auditField(entity, f)?.[lang] ?? null, [lang]);
  /** A value as people read it: 是 / 否, lists joined, 空 for nothing — never raw JSON. */
  const show = useCallback((r: AuditRow, v: unknown) => auditValue(r.entity, r.field, v, lang) || (lang === 'zh' ? '（空）' : '(empty)'), [lang]);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [seen, setSeen] = useState<{ actions: Set<string>; entities: Set<string>; users: Set<string> }>(() => ({
    actions: new Set(KNOWN_ACTIONS),
    entities: new Set(KNOWN_ENTITIES),
    users: new Set(),
  }));
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
      {
        title: t('audit.key'),
        dataIndex: 'entityKey',
        width: 200,
        render: (v: string, r: AuditRow) =>
          r.entityName ? (
            <Tooltip title={v}>
              <span data-testid="audit-entity-name">{r.entityName}</span>
            </Tooltip>
          ) : (
            <span className="jh-num">{v}</span>
          ),
      },
      {
        title: t('audit.field'),
        dataIndex: 'field',
        width: 200,
        render: (f: string | null, r: AuditRow) =>
          f ? (
            fieldName(r.entity, f) ? (
              <Tooltip title={f}>
                <span>{fieldName(r.entity, f)}</span>
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
              <span className="jh-old-value">{show(r, r.oldValue)}</span>
              <ArrowRightOutlined className="jh-muted" style={{ fontSize: 11 }} />
              <span className="jh-new-value">{show(r, r.newValue)}</span>
              {r.detail && <Typography.Text type="secondary">「{r.detail}」</Typography.Text>}
            </Flex>
          ) : r.field || r.oldValue != null || r.newValue != null ? (
            <Flex gap={8} align="center" wrap>
              <Typography.Text className="jh-old-value" ellipsis={{ tooltip: show(r, r.oldValue) }} style={{ maxWidth: 220 }}>
                {show(r, r.oldValue)}
              </Typography.Text>
              <ArrowRightOutlined className="jh-muted" style={{ fontSize: 11 }} />
              <Typography.Text className="jh-new-value" ellipsis={{ tooltip: show(r, r.newValue) }} style={{ maxWidth: 220 }}>
                {show(r, r.newValue)}
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
    [t, lang, word, fieldName, show],
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
            <DownloadButton type="primary" data-testid="audit-export" get={() => download(API.audit.export, { query: filters }, 'junheng-audit.xlsx')}>
              {t('audit.export')}
            </DownloadButton>
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
