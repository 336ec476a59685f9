import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.js';

/** Asks for the comment when the bureau returns a school's figures for correction. */
export function ReturnModal({ open, schoolName, onCancel, onSubmit }: { open: boolean; schoolName?: string; onCancel: () => void; onSubmit: (comment: string) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  const [saving, setSaving] = useState(false);
  const ok = async () => {
    const { comment } = await form.validateFields();
    setSaving(true);
    try {
      await onSubmit(comment.trim());
      form.resetFields();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={
        <span>
          <RollbackOutlined style={{ marginRight: 8 }} />
          {t('school.returnTitle')}
          {schoolName ? ` · ${schoolName}` : ''}
        </span>
      }
      okText={t('school.return')}
      okButtonProps={{ danger: true, loading: saving }}
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="comment" label={t('school.returnComment')} rules={[{ required: true, whitespace: true, message: t('school.returnCommentReq') }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('school.returnCommentPh')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
