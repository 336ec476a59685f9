import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { ApiError, bilingual } from '../api.js';
import { API, call } from '../client.js';
import { useI18n } from '../i18n.js';
import { useSession } from '../session.js';

/** Change the own password; `forced` when the account must change it before going on (no cancel). */
export function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced?: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { refresh, logout } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ oldPassword: string; newPassword: string; confirm: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await call(API.auth.changePassword, { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } }, { silent: true });
      message.success(t('pwd.changed'));
      form.resetFields();
      await refresh();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? bilingual(e.message, lang) : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        <span>
          <LockOutlined style={{ marginRight: 8 }} />
          {t('pwd.title')}
        </span>
      }
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="out" onClick={() => void logout()}>
            {t('header.signOut')}
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        ),
        <Button key="ok" type="primary" loading={saving} onClick={() => void submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      {forced && <Alert type="warning" showIcon title={t('pwd.mustChange')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <Form.Item name="oldPassword" label={t('pwd.old')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="newPassword" label={t('pwd.new')} rules={[{ required: true }, { min: 8, message: t('pwd.tooShort') }]} hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('pwd.confirm')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('pwd.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
