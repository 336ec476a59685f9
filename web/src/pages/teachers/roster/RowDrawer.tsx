// Add or edit one roster row in a drawer: the person (name, sex, birth year, an optional 身份证号 that is only matched
// and kept as a keyed hash), 学部 (schools of several sections), 工号, subjects (main first), post, 学历, 职称, 教师资格证,
// 骨干 with its year, 梯队, since when at the school, employment. The server checks everything again; its problems are
// shown at their fields.
import { useEffect, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Grid, Input, InputNumber, Select, Switch } from 'antd';
import { API, call } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useI18n } from '../../../i18n.js';
import { BACKBONE_LEVELS, EMPLOYMENTS, POSTS, QUALIFICATIONS, SEXES, TIERS, TITLES, type Section } from '../../../../../src/teachers/model.js';
import type { RosterFormBody, RosterRowWire } from '../../../../../src/teachers/roster/contract.js';
import type { RosterT, ValueLabels } from './i18n.js';

type Values = Omit<RosterFormBody, 'idNumber' | 'staffNo'> & { idNumber: string; staffNo: string };

const blank = (year: number, sections: Section[]): Partial<Values> => ({
  sex: '女',
  section: sections.length > 1 ? sections[0] : null,
  subjects: [],
  post: '专任',
  qualification: '本科',
  title: '未定级',
  certified: true,
  backboneLevel: null,
  backboneYear: null,
  tier: null,
  schoolSince: year,
  employment: '在编',
  idNumber: '',
  staffNo: '',
});

const valuesOf = (r: RosterRowWire): Partial<Values> => ({
  name: r.name,
  sex: r.sex,
  birthYear: r.birthYear,
  section: r.section,
  staffNo: r.staffNo ?? '',
  subjects: r.subjects,
  post: r.post,
  qualification: r.qualification,
  title: r.title,
  certified: r.certified,
  backboneLevel: r.backboneLevel,
  backboneYear: r.backboneYear,
  tier: r.tier,
  schoolSince: r.schoolSince,
  employment: r.employment,
  idNumber: '',
});

export function RowDrawer({
  t,
  v,
  school,
  year,
  sections,
  editing,
  open,
  onClose,
  onSaved,
}: {
  t: RosterT;
  v: ValueLabels;
  school: string;
  year: number;
  sections: Section[];
  /** The row being edited; null: a new one. */
  editing: RosterRowWire | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const backbone = Form.useWatch('backboneLevel', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(editing ? valuesOf(editing) : blank(year, sections));
  }, [open, editing, year, sections, form]);

  const save = async (x: Values) => {
    setBusy(true);
    const body: RosterFormBody = {
      ...x,
      name: x.name.trim(),
      idNumber: x.idNumber?.trim() || null,
      staffNo: x.staffNo?.trim() || null,
      section: sections.length > 1 ? x.section : null,
      backboneYear: x.backboneLevel ? (x.backboneYear ?? null) : null,
      subjects: x.subjects.map((s) => s.trim()).filter(Boolean),
    };
    try {
      const query = { school, year };
      if (editing) await call(API.roster.update, { params: { teacherId: editing.teacherId }, query, body }, { silent: true });
      else await call(API.roster.create, { query, body }, { silent: true });
      message.success(t('f.saved'));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const problems = (e.problems as { field?: string; reason?: string }[]).filter((p) => p.field?.startsWith('body.'));
      if (problems.length)
        form.setFields(
          [...new Set(problems.map((p) => p.field!.slice(5).split('.')[0]))].map((name) => ({
            name: name as keyof Values,
            errors: problems.filter((p) => p.field!.slice(5).split('.')[0] === name).map((p) => bilingual(p.reason, lang)),
          })),
        );
      else message.error(`${t('f.notSaved')} ${bilingual(e.message, lang)}`);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('f.required') }];
  const yearRange = { min: 1900, max: 2100, precision: 0, style: { width: '100%' } } as const;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={narrow ? '100%' : 520}
      title={editing ? t('f.editTitle', { name: editing.name }) : t('f.addTitle')}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('f.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="roster-save">
            {t('f.save')}
          </Button>
        </Flex>
      }
      data-testid="roster-drawer"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(x) => void save(x)}>
        <Flex gap={12} wrap>
          <Form.Item name="name" label={t('f.name')} rules={required} style={{ flex: '1 1 180px' }}>
            <Input maxLength={50} data-testid="roster-f-name" />
          </Form.Item>
          <Form.Item name="sex" label={t('f.sex')} rules={required} style={{ flex: '0 1 110px' }}>
            <Select options={SEXES.map((s) => ({ value: s, label: v.sex(s) }))} />
          </Form.Item>
          <Form.Item name="birthYear" label={t('f.birthYear')} rules={required} style={{ flex: '0 1 130px' }}>
            <InputNumber {...yearRange} data-testid="roster-f-birth" />
          </Form.Item>
        </Flex>
        <Form.Item name="idNumber" label={t('f.idNumber')} extra={editing?.hasIdNumber ? t('f.idKept') : t('f.idHelp')}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Flex gap={12} wrap>
          {sections.length > 1 && (
            <Form.Item name="section" label={t('f.section')} rules={required} style={{ flex: '1 1 140px' }}>
              <Select options={sections.map((s) => ({ value: s, label: v.section(s) }))} />
            </Form.Item>
          )}
          <Form.Item name="staffNo" label={t('f.staffNo')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={32} />
          </Form.Item>
        </Flex>
        <Form.Item name="subjects" label={t('f.subjects')} rules={[{ required: true, type: 'array', min: 1, message: t('f.required') }]}>
          <Select mode="tags" tokenSeparators={['、', ',', '，']} open={false} data-testid="roster-f-subjects" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="post" label={t('f.post')} rules={required} style={{ flex: '1 1 140px' }}>
            <Select options={POSTS.map((s) => ({ value: s, label: v.post(s) }))} />
          </Form.Item>
          <Form.Item name="qualification" label={t('f.qualification')} rules={required} style={{ flex: '1 1 140px' }}>
            <Select options={QUALIFICATIONS.map((s) => ({ value: s, label: v.qualification(s) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('f.title')} rules={required} style={{ flex: '1 1 140px' }}>
            <Select options={TITLES.map((s) => ({ value: s, label: v.title(s) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="certified" label={t('f.certified')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="backboneLevel" label={t('f.backboneLevel')} style={{ flex: '1 1 140px' }}>
            <Select options={[{ value: null, label: t('f.none') }, ...BACKBONE_LEVELS.map((s) => ({ value: s, label: v.backbone(s) }))]} />
          </Form.Item>
          <Form.Item name="backboneYear" label={t('f.backboneYear')} rules={backbone ? required : []} style={{ flex: '1 1 140px' }}>
            <InputNumber {...yearRange} disabled={!backbone} />
          </Form.Item>
          <Form.Item name="tier" label={t('f.tier')} style={{ flex: '1 1 140px' }}>
            <Select options={[{ value: null, label: t('f.none') }, ...TIERS.map((s) => ({ value: s, label: v.tier(s) }))]} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="schoolSince" label={t('f.schoolSince')} rules={required} style={{ flex: '1 1 140px' }}>
            <InputNumber {...yearRange} />
          </Form.Item>
          <Form.Item name="employment" label={t('f.employment')} rules={required} style={{ flex: '1 1 140px' }}>
            <Select options={EMPLOYMENTS.map((s) => ({ value: s, label: v.employment(s) }))} />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
