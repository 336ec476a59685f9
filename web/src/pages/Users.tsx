import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, StopOutlined, CheckCircleOutlined, UserAddOutlined } from '@ant-design/icons';
import { API, call } from '../client.js';
import { useCall } from '../hooks.js';
import { scopeOf } from '../../../src/core/auth/policy.js';
import { useI18n } from '../i18n.js';
import { useLabels, useMe } from '../session.js';
import { useYear } from '../year.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult } from '../components/Problem.js';
import type { Role, SchoolRow, UserRow } from '../types.js';

const ROLES: Role[] = ['admin', 'analyst', 'health', 'personnel', 'clerk', 'inspector', 'viewer'];
/** The schools an account of a role belongs to, from the permission table: its own school, or the schools it is assigned to. */
const schoolsOfRole = (role: Role | undefined) => (role ? scopeOf(role, 'schools.read') : null);
const needsSchool = (role: Role | undefined) => schoolsOfRole(role) === 'own';
const needsAssigned = (role: Role | undefined) => schoolsOfRole(role) === 'assigned';
const ROLE_COLORS: Record<Role, string> = { admin: 'magenta', analyst: 'blue', clerk: 'green', inspector: 'purple', viewer: 'default', health: 'cyan', personnel: 'gold' };

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  schoolCode?: string | null;
  assignedSchools?: string[];
  password?: string;
}

function UserModal({
  open,
  user,
  schools,
  onClose,
  onSaved,
}: {
  open: boolean;
  user: UserRow | null;
  schools: SchoolRow[];
  onClose: () => void;
  onSaved: (password?: string, username?: string) => void;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const [saving, setSaving] = useState(false);
  const schoolOptions = schools.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }));

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body = {
        displayName: v.displayName.trim(),
        role: v.role,
        schoolCode: needsSchool(v.role) ? (v.schoolCode ?? null) : null,
        assignedSchools: needsAssigned(v.role) ? (v.assignedSchools ?? []) : [],
      };
      if (user) {
        await call(API.auth.updateUser, { params: { username: user.username }, body });
        message.success(t('users.saved'));
        onSaved();
      } else {
        const r = await call(API.auth.createUser, { body: { ...body, username: v.username.trim(), password: v.password || undefined } });
        message.success(t('users.saved'));
        onSaved(v.password ? undefined : r.password, v.username.trim());
      }
    } catch {
      /* shown by the API client */
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        <span>
          {user ? <EditOutlined /> : <UserAddOutlined />} {user ? t('users.editTitle') : t('users.new')}
        </span>
      }
      okText={t('common.save')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={user ? { ...user, assignedSchools: user.assignedSchools ?? [] } : { role: 'clerk', assignedSchools: [] }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={user ? undefined : t('users.usernameRule')}
          rules={[{ required: true }, { pattern: /^[A-Za-z0-9._-]{2,40}$/, message: t('users.usernameRule') }]}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: L.role(r) }))} />
        </Form.Item>
        {needsSchool(role) && (
          <Form.Item name="schoolCode" label={t('users.school')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={schoolOptions} />
          </Form.Item>
        )}
        {needsAssigned(role) && (
          <Form.Item name="assignedSchools" label={t('users.assigned')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={schoolOptions} maxTagCount="responsive" />
          </Form.Item>
        )}
        {!user && (
          <Form.Item name="password" label={t('users.password')} rules={[{ min: 8, message: t('pwd.tooShort') }]}>
            <Input.Password placeholder={t('users.passwordPh')} autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t } = useI18n();
  const L = useLabels();
  const me = useMe();
  const { message, modal } = App.useApp();
  const { year } = useYear();
  const users = useCall(API.auth.listUsers, {}, { silent: true });
  const schools = useCall(API.registry.listSchools, { query: { year } }, { silent: true });
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [creating, setCreating] = useState(false);
  const [q, setQ] = useState('');
  const [roleFilter, setRoleFilter] = useState<Role | undefined>();
  const schoolName = useMemo(() => new Map((schools.data?.schools ?? []).map((s) => [s.code, s.name])), [schools.data]);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (users.data?.users ?? []).filter(
      (u) => (!roleFilter || u.role === roleFilter) && (!needle || u.username.toLowerCase().includes(needle) || (u.displayName ?? '').toLowerCase().includes(needle)),
    );
  }, [users.data, q, roleFilter]);

  const showPassword = (username: string, password: string) =>
    modal.success({
      title: t('users.pwdTitle'),
      width: 480,
      content: (
        <div>
          <Typography.Paragraph type="secondary">{t('users.pwdOnce', { user: username })}</Typography.Paragraph>
          <div className="jh-password-box" data-testid="generated-password">
            <Typography.Text copyable={{ text: password, tooltips: [t('common.copied'), t('common.copied')] }}>{password}</Typography.Text>
          </div>
        </div>
      ),
    });

  const reset = async (u: UserRow) => {
    try {
      const r = await call(API.auth.resetPassword, { params: { username: u.username } });
      showPassword(u.username, r.password);
    } catch {
      /* shown */
    }
  };

  const toggle = async (u: UserRow) => {
    try {
      await call(API.auth.updateUser, { params: { username: u.username }, body: { disabled: !u.disabled } });
      message.success(t('users.saved'));
      users.reload();
    } catch {
      /* shown */
    }
  };

  if (users.error) return <ErrorResult error={users.error} onRetry={users.reload} />;

  return (
    <div>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={users.reload}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-user">
              {t('users.new')}
            </Button>
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input allowClear prefix={<SearchOutlined className="jh-muted" />} placeholder={t('users.searchPh')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 240 }} />
          <Select allowClear placeholder={t('users.role')} value={roleFilter} onChange={setRoleFilter} options={ROLES.map((r) => ({ value: r, label: L.role(r) }))} style={{ width: 150 }} />
        </Flex>
        <Table<UserRow>
          rowKey="username"
          size="middle"
          loading={users.loading}
          dataSource={rows}
          scroll={{ x: 960 }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.items', { n }) }}
          columns={[
            { title: t('users.username'), dataIndex: 'username', width: 150, sorter: (a, b) => a.username.localeCompare(b.username), render: (v: string) => <b>{v}</b> },
            { title: t('users.displayName'), dataIndex: 'displayName', width: 150 },
            {
              title: t('users.role'),
              dataIndex: 'role',
              width: 130,
              render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{L.role(r)}</Tag>,
            },
            {
              title: `${t('users.school')} / ${t('users.assigned')}`,
              key: 'scope',
              render: (_v, u) =>
                needsSchool(u.role) ? (
                  u.schoolCode ? (
                    <span>
                      {schoolName.get(u.schoolCode) ?? ''} <span className="jh-muted jh-num">{u.schoolCode}</span>
                    </span>
                  ) : (
                    '—'
                  )
                ) : needsAssigned(u.role) ? (
                  <Tooltip title={(u.assignedSchools ?? []).map((c) => schoolName.get(c) ?? c).join('、') || undefined}>
                    <Tag>{t('users.assignedN', { n: (u.assignedSchools ?? []).length })}</Tag>
                  </Tooltip>
                ) : (
                  <span className="jh-muted">—</span>
                ),
            },
            {
              title: t('users.state'),
              dataIndex: 'disabled',
              width: 100,
              render: (d: boolean) => (d ? <Badge status="default" text={t('users.disabled')} /> : <Badge status="success" text={t('users.active')} />),
            },
            {
              title: t('common.actions'),
              key: 'act',
              width: 280,
              fixed: 'right',
              render: (_v, u) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={t('users.resetConfirm')} onConfirm={() => reset(u)}>
                    <Button type="link" size="small" icon={<KeyOutlined />}>
                      {t('users.reset')}
                    </Button>
                  </Popconfirm>
                  {u.username !== me.username &&
                    (u.disabled ? (
                      <Button type="link" size="small" icon={<CheckCircleOutlined />} onClick={() => void toggle(u)}>
                        {t('users.enable')}
                      </Button>
                    ) : (
                      <Popconfirm title={t('users.disableConfirm')} onConfirm={() => toggle(u)} okButtonProps={{ danger: true }}>
                        <Button type="link" size="small" danger icon={<StopOutlined />}>
                          {t('users.disable')}
                        </Button>
                      </Popconfirm>
                    ))}
                </Space>
              ),
            },
          ]}
        />
        {schools.error && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={schools.error.message} />}
      </Card>
      <UserModal
        open={creating || !!editing}
        user={editing}
        schools={schools.data?.schools ?? []}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onSaved={(password, username) => {
          setCreating(false);
          setEditing(null);
          users.reload();
          if (password && username) showPassword(username, password);
        }}
      />
    </div>
  );
}
