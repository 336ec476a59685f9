import { useState } from 'react';
import { App, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import { BankOutlined } from '@ant-design/icons';
import { API, call } from '../client.js';
import { useI18n } from '../i18n.js';
import { useLabels } from '../session.js';
import type { School, SchoolInput } from '../types.js';

const EMPTY: Partial<SchoolInput> = { isIsland: false, isBoarding: false, isOpen: true, ownership: '公办' };

/** Create (school undefined) or edit a registry entry. */
export function SchoolFormModal({ open, school, onClose, onSaved }: { open: boolean; school?: School | null; onClose: () => void; onSaved: (s: School) => void }) {
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<SchoolInput>();
  const [saving, setSaving] = useState(false);
  const editing = !!school;

  const submit = async () => {
    const v = await form.validateFields();
    const body: SchoolInput = {
      ...v,
      code: (school?.code ?? v.code).trim(),
      name: v.name.trim(),
      address: v.address?.trim() || null,
      groupName: v.groupName?.trim() || null,
      lat: v.lat ?? null,
      lng: v.lng ?? null,
    };
    setSaving(true);
    try {
      const r = editing ? await call(API.registry.updateSchool, { params: { code: body.code }, body }) : await call(API.registry.createSchool, { body });
      message.success(t('school.saved'));
      onSaved(r.school);
    } catch {
      /* message shown by the API client */
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={
        <span>
          <BankOutlined style={{ marginRight: 8 }} />
          {editing ? t('school.editTitle') : t('school.newTitle')}
        </span>
      }
      okText={t('common.save')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={school ?? EMPTY}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="code"
              label={t('school.field.code')}
              extra={editing ? undefined : t('school.codeRule')}
              rules={[{ required: true }, { pattern: /^\d{10}$/, message: t('school.codeRule') }]}
            >
              <Input disabled={editing} maxLength={10} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t('school.field.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="level" label={t('school.field.level')} rules={[{ required: true }]}>
              <Select options={L.options(L.levels)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="location" label={t('school.field.location')} rules={[{ required: true }]}>
              <Select options={L.options(L.locations)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ownership" label={t('school.field.ownership')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={L.options(L.ownerships)} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('school.field.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lat" label={t('school.field.lat')}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lng" label={t('school.field.lng')}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="groupName" label={t('school.field.groupName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="isBoarding" label={t('school.field.isBoarding')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="isIsland" label={t('school.field.isIsland')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="isOpen" label={t('school.field.isOpen')} valuePropName="checked">
              <Switch checkedChildren={t('school.open')} unCheckedChildren={t('school.closed')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
